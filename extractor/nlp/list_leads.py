"""A list's lead that bounds its items: "Not eligible if prior radiotherapy exceeded the following
limits:" then "- Mediastinum: 3,600 cGy". The lead holds the comparator and its items the values,
each written with none of its own; the record says what the lead says of each (> 3600 cGy), not
that the dose equals it ('list_leads' of models/comparators.json)."""
from __future__ import annotations

import re
from functools import lru_cache

from ..normalize.resources import load
from .patterns import word_alternation

_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1)
def _leads() -> tuple[list[tuple[re.Pattern, str]], re.Pattern]:
    data = load("comparators")["list_leads"]
    # a cue before a count word counts the list's items ("at least one indication of active disease:")
    counted = r"(?!\s+" + word_alternation(data["count_words"]) + r"(?![\w-]))"
    cues = [(re.compile(r"(?<![\w-])" + word_alternation([c["pattern"]]) + r"(?![\w-])" + counted, re.IGNORECASE),
             c["comparator"]) for c in data["cues"]]
    stops = re.compile(r"(?<![\w-])" + word_alternation(data["stops"]) + r"(?![\w-])", re.IGNORECASE)
    return cues, stops


def lead_comparator(lead: str) -> str | None:
    """The comparator a criterion's text gives the values of its list: it ends with a colon,
    holds no digit (a bound of its own) and no stop, and one of the cues (not before a count word)."""
    written = lead.strip()
    if not written.endswith(":") or _DIGIT.search(written):
        return None
    cues, stops = _leads()
    if stops.search(written):
        return None
    for cue, comparator in cues:
        if cue.search(written):
            return comparator
    return None


def apply_lead(comparator: str, constraints: list[dict]) -> None:
    """Give `comparator` to the values among `constraints` that no cue bounded ('=' by default)."""
    for c in constraints:
        if c.get("type") == "value" and c.get("comparator") == "=" and "cmp.implicit.eq" in c.get("rules", ()) \
                and c.get("reference") is None and "value" in c:
            c["comparator"] = comparator
            c["rules"] = [r for r in c["rules"] if r != "cmp.implicit.eq"] + ["cmp.list_lead"]
