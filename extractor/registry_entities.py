"""Entities this project labelled on registry criteria, in LCT's style (corpora/entities/).

LCT's and Chia's criteria come from ClinicalTrials.gov alone; these labels cover criteria of the
other registry records the tool reads (legacy XML, API v2 JSON, the ICTRP export), so that the
entity model can be trained (part "train") and measured (part "test") beyond those two corpora.
The texts are not kept here: each line names a criterion of the pinned unlabelled list
(unlabelled_pin.py) by its index, with the first 8 hex digits of its text's MD5, and the
entities' spans are offsets into that text (white space made single spaces, as pinned).

File format (corpora/entities/registry.jsonl; each line checked against
schemas/registry_entities.schema.json at load): {"pin": index in the pin, "md5": digest of the
text, "part": "train" | "test", "entities": [[start, end, label], ...]}, the spans half-open,
in order, not overlapping, their labels those of models/entity_labels.json. corpora/entities/
README.md says how the labels were made and which conventions they follow.
"""
from __future__ import annotations

import json
from pathlib import Path

from .errors import RuleFileError
from .resources import check_rules
from .unlabelled_pin import digest

LABELS = Path(__file__).resolve().parents[1] / "corpora" / "entities" / "registry.jsonl"


def load(path: Path = LABELS) -> list[dict]:
    """The labelled lines, validated (format, spans in order and not overlapping, each pin once)."""
    rows, seen = [], set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name} line {n}"
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise RuleFileError(f"{where}: not JSON ({exc})") from None
        check_rules(row, "registry_entities.schema.json", where)
        if row["pin"] in seen:
            raise RuleFileError(f"{where}: criterion {row['pin']} labelled twice")
        seen.add(row["pin"])
        at = 0
        for start, end, _ in row["entities"]:
            if start < at or end <= start:
                raise RuleFileError(f"{where}: span [{start}, {end}) out of order, empty or overlapping")
            at = end
        rows.append(row)
    return rows


def checked(texts: list, rows: list[dict]):
    """(row, text) for each of `rows`, its text taken from `texts` (the pinned criteria read
    back, indexed as the pin). Raises RuleFileError where a text is not the one labelled."""
    for row in rows:
        i = row["pin"]
        text = texts[i] if i < len(texts) else None
        if text is None or digest(text) != row["md5"]:
            raise RuleFileError(f"{LABELS.name}: pinned criterion {i} is not the text labelled")
        if any(end > len(text) for _, end, _ in row["entities"]):
            raise RuleFileError(f"{LABELS.name}: a span of criterion {i} ends past its text")
        yield row, text


def items(texts: list, part: str, rows: list[dict] | None = None) -> list[tuple[str, list]]:
    """(text, [(start, end, label)]) of the labelled criteria of `part` (checked())."""
    wanted = [row for row in (load() if rows is None else rows) if row["part"] == part]
    return [(text, [tuple(span) for span in row["entities"]]) for row, text in checked(texts, wanted)]
