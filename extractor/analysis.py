"""What the NLP stage is given: every criterion, except those too long to be a sentence a person
wrote (a table dump, a run of digits), which keep their place in the tree unanalysed and are
named in the record's warnings."""
from __future__ import annotations

from typing import Any

from .nlp.accounting import NOT_ANALYSED, not_analysed
from .nlp.list_leads import apply_lead, lead_comparator
from .nlp.subjects import heading_subject, trailing_label


def analyze(analyzer: Any, text: str, items: list, max_chars: int) -> tuple[list[dict[str, Any]], list[str]]:
    """(one analysis per criterion item, warnings). `analyzer.analyze(text, spans)` is the NLP
    stage (or a stand-in with the same call)."""
    todo = [i for i, it in enumerate(items) if it.end - it.start <= max_chars]
    # A "Note:" under a criterion states more of it ("Note: confirmed by RT-PCR <= 5 days prior
    # to randomization"): each note is analysed on its own, in the same call, and its result
    # kept with the note (its spans lie in the note, not in the criterion).
    notes = [(i, s, e) for i in todo for s, e in items[i].notes if e - s <= max_chars]
    spans = [(items[i].start, items[i].end) for i in todo] + [(s, e) for _, s, e in notes]
    found = analyzer.analyze(text, spans) if spans else []
    analyses: list[dict[str, Any]] = [{} for _ in items]
    for i, an in zip(todo, found):
        analyses[i] = an
    for (i, s, e), an in zip(notes, found[len(todo):]):
        analyses[i].setdefault("notes", {})[(s, e)] = an
    leads: dict[int, str | None] = {}  # a list's lead read once for all its items
    for i, it in enumerate(items):  # "Age:" heading "- 70 and under" (the NCI PDQ layout)
        if not analyses[i].get("constraints"):
            continue
        if it.parent is not None and items[it.parent].label:
            heading_subject(text, (items[it.parent].start, items[it.parent].end), analyses[i]["constraints"])
        elif it.parent is None and i and items[i - 1].section == it.section:
            # the same label ending the item before, a line wrap having split it from its value
            label = trailing_label(text, (items[i - 1].start, items[i - 1].end), it.start)
            if label:
                heading_subject(text, label, analyses[i]["constraints"], item_start=it.start)
        if it.parent is not None:  # "exceeded the following limits:" then "- Heart: 3,600 cGy"
            if it.parent not in leads:
                leads[it.parent] = lead_comparator(text[items[it.parent].start:items[it.parent].end])
            if leads[it.parent]:
                apply_lead(leads[it.parent], analyses[i]["constraints"])
    for i, it in enumerate(items):
        if it.end - it.start > max_chars:  # its numbers are left for a person, every one
            analyses[i] = {"unparsed": [
                {"text": u["text"], "span": [u["span"][0] + it.start, u["span"][1] + it.start],
                 "reason": NOT_ANALYSED} for u in not_analysed(text[it.start:it.end])]}
    skipped = [f"c{i + 1}" for i, it in enumerate(items) if it.end - it.start > max_chars]
    warnings = ([f"criteria longer than {max_chars} characters were not analysed: {', '.join(skipped)}"]
                if skipped else [])
    return analyses, warnings


class NoAnalysis:
    """An analyzer that finds nothing: for runs that need only sections and the criteria tree
    (`Extractor(analyzer=NoAnalysis())`), and for tests of the layers around the NLP stage."""

    def analyze(self, text: str, items: list[tuple[int, int]]) -> list[dict[str, Any]]:
        return [{} for _ in items]
