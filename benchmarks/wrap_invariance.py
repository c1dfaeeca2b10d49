"""Does a criterion mean the same hard-wrapped as on one line? ClinicalTrials.gov publishes one
trial's criteria both as API v2 JSON (a line per item) and as legacy XML (lines broken wherever a
word ends near column 90, the next indented under the item's text). This renders every API v2
record of the shared corpora as legacy XML, wrapped so, extracts both with the library and
compares each criterion of the one with the criterion of the same words in the other (words
compared with their spaces collapsed): its kind, its constraints (type, comparator, numbers,
unit, reference, direction, event name), whether it is negated, and its logic.

    python benchmarks/wrap_invariance.py [--limit N] [--show K] [--fields kind,logic]

Prints the records compared, the criteria found in both and how many differ in each field, and
the first K differences of the fields named (by default the constraints and the negation). A criterion not found in the
other rendering (its words split otherwise) is counted, not compared. The rendering
writes items as legacy XML does ("-  " bullets, blank lines between items), so the criteria
trees may differ where the two formats' layouts are read differently (a list's nesting, a
heading's kind); the constraints and the negation should not.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import textwrap
from collections import Counter, defaultdict
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extractor import Options, Extractor  # noqa: E402

CORPORA = REPO.parent / "shared" / "corpora"
V2 = ["ctgov-api-v2-json", "aact-fixtures"]
_MARK = re.compile(r"^(\s*)((?:[*\-•]|\d{1,2}[.)]|[a-z][.)])\s+)?")


def legacy_xml(ident: str, title: str, criteria: str) -> str:
    """A legacy ClinicalTrials.gov XML record whose criteria textblock holds `criteria` wrapped
    at 90 columns, each item's lines indented under its text, a blank line after each item."""
    lines = []
    for line in criteria.split("\n"):
        if not line.strip():
            lines.append("")
            continue
        m = _MARK.match(line)
        lead, mark = m.group(1), m.group(2) or ""
        mark = "-  " if mark.strip() in ("*", "-", "•") else mark
        indent = "        " + "  " * (len(lead) // 2) + ("  " if mark else "")
        lines.extend(textwrap.wrap(line[m.end():], width=90, initial_indent=indent + mark,
                                   subsequent_indent=indent + " " * len(mark),
                                   break_long_words=False, break_on_hyphens=False) or [indent + mark])
        lines.append("")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<clinical_study>\n  <id_info>\n'
            f'    <nct_id>{escape(ident)}</nct_id>\n  </id_info>\n  <brief_title>{escape(title)}</brief_title>\n'
            '  <eligibility>\n    <criteria>\n      <textblock>\n' + escape("\n".join(lines)) +
            '\n      </textblock>\n    </criteria>\n  </eligibility>\n</clinical_study>\n')


def _key(c: dict) -> tuple:
    event = c.get("event")
    return (c["type"], c.get("comparator"), c.get("value"), c.get("low"), c.get("high"),
            tuple(c.get("values") or ()), (c.get("unit") or {}).get("ucum"), c.get("reference"),
            c.get("direction"), event.get("name") if isinstance(event, dict) else None)


def _criteria(record: dict) -> dict[str, list[tuple]]:
    out = defaultdict(list)
    for c in record["criteria"]:
        out[" ".join(c["text"].split())].append(
            (c["kind"], sorted(map(_key, c["constraints"]), key=repr), c["negated"], c.get("logic")))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="at most this many API v2 records")
    ap.add_argument("--show", type=int, default=20, help="differences to print")
    ap.add_argument("--fields", default="constraints,negated",
                    help="the fields whose differences are printed (kind, constraints, negated, logic)")
    args = ap.parse_args()
    folders = [CORPORA / f for f in V2 if (CORPORA / f).is_dir()]
    if not folders:
        print(f"skipped: no API v2 folder under {CORPORA}")
        return
    ex = Extractor(Options(entities=False))
    originals = {}
    for folder in folders:
        for record in ex.extract_many([str(folder)]):
            doc = record.get("document")
            if "error" in record or doc["source"].get("format") != "ctgov-v2-json" or not record["criteria"]:
                continue
            originals.setdefault(doc["id"], record)   # (a trial shipped twice: its first record)
    idents = sorted(originals)[:args.limit]
    fields = ("kind", "constraints", "negated", "logic")
    printed = {fields.index(f) for f in args.fields.split(",")}
    counts, shown = Counter(), 0
    with tempfile.TemporaryDirectory() as tmp:
        for ident in idents:
            title, _, criteria = originals[ident]["document"]["text"].partition("\n\n")
            (Path(tmp) / f"{ident}.xml").write_text(legacy_xml(ident, title, criteria), encoding="utf-8")
        wrapped = {r["document"]["id"]: r for r in ex.extract_many([tmp]) if "error" not in r}
    for ident in idents:
        a, b = _criteria(originals[ident]), _criteria(wrapped.get(ident, {"criteria": []}))
        counts["records"] += 1
        for text, va in a.items():
            vb = b.get(text)
            if vb is None or len(va) != len(vb):
                counts["criteria not found in both"] += 1
                continue
            counts["criteria compared"] += 1
            for x, y in zip(va, vb):
                for i, field in enumerate(fields):
                    if x[i] != y[i]:
                        counts[f"differ: {field}"] += 1
                if any(x[i] != y[i] for i in printed) and shown < args.show:
                    shown += 1
                    print(f"{ident} {text[:150]!r}\n   one line: " + " ".join(f"{fields[i]}={x[i]}" for i in sorted(printed))
                          + "\n   wrapped:  " + " ".join(f"{fields[i]}={y[i]}" for i in sorted(printed)))
    for name in ("records", "criteria compared", "criteria not found in both", "differ: constraints",
                 "differ: negated", "differ: kind", "differ: logic"):
        print(f"{name:28} {counts[name]}")


if __name__ == "__main__":
    main()
