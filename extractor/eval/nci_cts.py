"""Scoring against NCI CTS API v2 trial records: criterion kind and segmentation.

Each record lists its criteria as items (`eligibility.unstructured[*]`) with an
`inclusion_indicator`. Records come from `extractor.extract(path)` (the ingest reader), so this
checks the whole chain from file to criteria.

- segmentation: gold units are the lines of each item's description, where a hard-wrapped line
  (no bullet, the line before unfinished, starting in lower case) continues the unit before
  it; most items are one line, some carry sub-bullets ("* ...", "** ...", "1. ..."). A
  predicted criterion is a hit when its text, normalised (case, spaces, leading bullet, end
  punctuation), equals a gold unit's; one-to-one. A criterion that heads a list it wrote on
  its own line ("... disease progression of: (a) locally advanced disease ...; or (b)
  metastatic disease", read as the criterion and two children) is one unit with its children
  where its own words are no unit and the line they make together is: NCI's unit is the line.
- kind: each item takes the kind of the criteria aligned to it (a criterion aligns with the item
  holding most of its words, at least 60%); hit when it agrees with the flag, false alarm when
  it disagrees, miss when it disagrees or nothing aligned.

Records are read once per NCI id (one trial ships twice). Split: stable hash of the NCI id.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from .corpora import corpus_dir, hash_split, in_split
from .metrics import Counts

_BULLET = re.compile(r"^\s*(?:(?:[-*•·]+|o)\s+|\(?\d{1,2}[.)]\s+|\(?[a-z][.)]\s+)")
_WORDS = re.compile(r"\w+")


def check_available() -> None:
    corpus_dir("nci-cts-api-v2")


def normalise(text: str) -> str:
    text = _BULLET.sub("", text.strip())
    return " ".join(text.lower().split()).rstrip(" .;:,")


def _continues(previous: str, line: str) -> bool:
    """A hard-wrapped line: no bullet, previous line unfinished, starts in lower case."""
    stripped = line.strip()
    return (not _BULLET.match(line) and not previous.rstrip().endswith((".", ":", ";", "?", "!"))
            and (stripped[:1].islower() or stripped[:1].isdigit()))


def gold_units(description: str) -> list[str]:
    units: list[str] = []
    for line in description.splitlines():
        if not line.strip():
            continue
        if units and _continues(units[-1], line):
            units[-1] += " " + line.strip()
        else:
            units.append(line)
    return [u for u in (normalise(u) for u in units) if u]


def documents(split: str):
    root = corpus_dir("nci-cts-api-v2")
    seen = set()
    for path in sorted(root.rglob("*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        items = ((doc.get("eligibility") or {}).get("unstructured") or []) \
            if isinstance(doc, dict) else []
        nci_id = doc.get("nci_id") if isinstance(doc, dict) else None
        if not items or not nci_id or nci_id in seen:
            continue
        seen.add(nci_id)
        if in_split(hash_split(nci_id), split):
            gold = [{"kind": "inclusion" if it.get("inclusion_indicator") else "exclusion",
                     "text": it["description"]}
                    for it in items if isinstance(it, dict)
                    and isinstance(it.get("description"), str) and it["description"].strip()]
            yield nci_id, path, gold


def _line_units(crits: list[dict], units: Counter, text: str) -> list[tuple[dict, str]]:
    """(criterion, normalised unit text) for segmentation: each criterion's own words, or, for
    one whose own words are no gold unit, its words with all its descendants' where those make
    one (a list written on the criterion's line), its descendants then taking no unit of their
    own."""
    by_id = {c.get("id"): c for c in crits}
    taken: set[str] = set()
    out = []
    for c in crits:
        if c.get("id") in taken:
            continue
        key = normalise(c["text"])
        if c.get("children") and units[key] == 0 and text:
            below, todo = [], list(c["children"])
            while todo:
                k = by_id.get(todo.pop())
                if k is not None:
                    below.append(k)
                    todo.extend(k.get("children") or ())
            whole = normalise(text[c["span"][0]:max([c["span"][1]] + [k["span"][1] for k in below])])
            if below and units[whole] > 0:
                key = whole
                taken.update(k["id"] for k in below)
        out.append((c, key))
    return out


def score_record(gold: list[dict], record: dict,
                 errors: list[dict] | None = None, doc_id: str = "") -> tuple[Counts, Counts]:
    """Segmentation and kind counts; unmatched units and criteria go to `errors` if given."""
    crits = [c for c in record.get("criteria") or [] if (c.get("text") or "").strip()]
    units = Counter(u for item in gold for u in gold_units(item["text"]))
    seg = Counts()
    for c, key in _line_units(crits, units, (record.get("document") or {}).get("text") or ""):
        if units[key] > 0:
            units[key] -= 1
            seg.tp += 1
        else:
            seg.fp += 1
            if errors is not None:
                errors.append({"doc": doc_id, "field": "segmentation", "error": "false-alarm",
                               "pred": c["text"][:200]})
    seg.fn = sum(units.values())
    if errors is not None:
        for unit, left in units.items():
            errors.extend({"doc": doc_id, "field": "segmentation", "error": "miss",
                           "gold": unit[:200]} for _ in range(left))
    item_words = [Counter(_WORDS.findall(item["text"].lower())) for item in gold]
    votes: list[Counter] = [Counter() for _ in gold]
    for c in crits:
        words = Counter(_WORDS.findall(c["text"].lower()))
        total = sum(words.values())
        if not total:
            continue
        best, share = -1, 0.0
        for i, iw in enumerate(item_words):
            s = sum((words & iw).values()) / total
            if s > share:
                best, share = i, s
        if best >= 0 and share >= 0.6:
            votes[best][c.get("kind")] += total
    kind = Counts()
    for item, vote in zip(gold, votes):
        if not vote:
            kind.fn += 1
        elif vote.most_common(1)[0][0] == item["kind"]:
            kind.tp += 1
        else:
            kind.fp += 1
            kind.fn += 1
    return seg, kind


def evaluate(split: str, errors: bool, predictor) -> dict:
    docs = list(documents(split))
    seg, kind = Counts(), Counts()
    error_list: list[dict] | None = [] if errors else None
    failed = 0
    notes = []
    for nci_id, path, gold in docs:
        record = predictor.path(str(path))
        if record is None:
            return {"documents": 0, "failed_documents": 0, "fields": {},
                    "notes": ["skipped: no file reader (extractor.extract) available"]}
        if "error" in record:
            failed += 1
            notes.append(f"{Path(path).name}: {record['error'].get('code')}")
            record = {"criteria": []}
        s, k = score_record(gold, record, error_list, nci_id)
        seg.add(s)
        kind.add(k)
    return {"documents": len(docs), "failed_documents": failed,
            "fields": {"segmentation": seg.as_dict(), "kind": kind.as_dict()},
            "errors": error_list, "notes": notes}
