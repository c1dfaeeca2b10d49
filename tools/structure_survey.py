#!/usr/bin/env python3
"""Survey the structure stages (sections, criteria tree) over raw registry corpora.

For ClinicalTrials.gov records (legacy XML, API v1 and v2 JSON) prints: how many have criteria
text, how many of those yield criteria, and of those whose text has both an inclusion and an
exclusion heading, how many yield both inclusion and exclusion criteria, and the same over the
records whose headings each stand over a list (not over nothing, a lone "-" or "None"). The NLP
stage is not run (structure does not depend on it).

usage: python tools/structure_survey.py [CORPORA_DIR] [--list-misses]
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractor.analysis import NoAnalysis
from extractor.api import Extractor
from extractor.batch import iter_files
from extractor.lines import MARKER_RE, says_empty

CTGOV_FORMATS = {"ctgov-xml", "ctgov-v1-json", "ctgov-v2-json", "ctgov-xml-json"}
INC = re.compile(r"inclusion", re.I)
EXC = re.compile(r"exclusion", re.I)


# The folders of the shared corpora that hold ClinicalTrials.gov records (the others hold none:
# LCT and Chia texts, other registries' exports), walked alone where time counts (the tests)
CTGOV_FOLDERS = ("aact-fixtures", "ctgov-api-v2-json", "ctgov-legacy-xml-2023", "ctgov-legacy-xml-trec2017",
                 "ctrdata-demo-records", "opentrials-registry-cassettes")


def survey(root: Path, list_misses: bool = False, folders: tuple[str, ...] | None = None) -> dict[str, int]:
    """The counts over every file under `root`, or under its `folders` alone."""
    ex = Extractor(analyzer=NoAnalysis())
    counts = dict(records=0, with_text=0, with_criteria=0, both_headings=0, both_kinds=0, empty_list=0,
                  both_kinds_filled=0)
    paths = [str(root / f) for f in folders if (root / f).is_dir()] if folders else [str(root)]
    for path in iter_files(paths):
        for rec in ex.records(path):
            if "error" in rec or rec["document"]["source"]["format"] not in CTGOV_FORMATS:
                continue
            counts["records"] += 1
            text = rec["document"]["text"]
            body = text[text.find("\n\n") + 2:] if "\n\n" in text else ""
            if not body.strip():
                continue
            counts["with_text"] += 1
            kinds = {c["kind"] for c in rec["criteria"]}
            if kinds:
                counts["with_criteria"] += 1
            elif list_misses:
                print("no criteria:", rec["document"]["id"], path)
            heads = {s["kind"] for s in rec["sections"] if s.get("role") == "list"}
            if INC.search(body) and EXC.search(body) and _has_both_headings(body):
                counts["both_headings"] += 1
                empty = _empty_side(text, rec["sections"])
                counts["empty_list"] += empty
                if {"inclusion", "exclusion"} <= kinds:
                    counts["both_kinds"] += 1
                    counts["both_kinds_filled"] += not empty
                elif list_misses:
                    print("not both:", rec["document"]["id"], path, sorted(kinds), sorted(heads),
                          "(an empty list)" if empty else "")
    return counts


def _empty_side(text: str, sections: list[dict]) -> bool:
    """Do a side's headings stand over empty lists only: nothing, bullets with no words ("-"), or
    an only item that says the list holds nothing ("None", "N/A": sections.json "empty_lists")?
    ("Inclusion Criteria:" right over "Key Inclusion Criteria:" is empty, its side is not.)"""
    filled: dict[str, bool] = {}
    for s in sections:
        if s.get("role") != "list" or s["kind"] not in ("inclusion", "exclusion") or not s.get("heading_span"):
            continue
        words = [ln.strip() for ln in text[s["heading_span"][1]:s["span"][1]].splitlines()]
        words = [w for w in words if w.strip("-*•· ")]
        empty = not words or len(words) == 1 and says_empty(MARKER_RE.sub("", words[0], count=1))
        filled[s["kind"]] = filled.get(s["kind"], False) or not empty
    return not all(filled.values())


_HEAD = re.compile(r"^\s*(?:[-*•]\s*)?(?:key\s+)?(inclusion|exclusion)\s+criteria\b", re.I | re.M)


def _has_both_headings(body: str) -> bool:
    found = {m.group(1).lower() for m in _HEAD.finditer(body)}
    return found == {"inclusion", "exclusion"}


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = Path(args[0]) if args else Path(os.environ.get("EXTRACTOR_SHARED", "../shared")) / "corpora"
    c = survey(root, "--list-misses" in sys.argv)
    print(f"ClinicalTrials.gov records: {c['records']}; with criteria text: {c['with_text']}; "
          f"yielding criteria: {c['with_criteria']} ({c['with_criteria'] / max(1, c['with_text']):.2%})")
    print(f"with both headings: {c['both_headings']}; yielding both inclusion and exclusion: "
          f"{c['both_kinds']} ({c['both_kinds'] / max(1, c['both_headings']):.2%})")
    # a heading over an empty list ("Exclusion Criteria:" / "-" or "None") rightly yields no
    # criterion of its side: the share that counts is over the records with words under both
    filled = c["both_headings"] - c["empty_list"]
    print(f"with both headings and a list under each: {filled} ({c['empty_list']} have an empty list); "
          f"yielding both: {c['both_kinds_filled']} ({c['both_kinds_filled'] / max(1, filled):.2%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
