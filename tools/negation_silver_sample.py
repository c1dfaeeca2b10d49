#!/usr/bin/env python3
"""Draw a sample of criteria from registries other than ClinicalTrials.gov for a silver review
of criterion-level negation (the contract's `negated`: the criterion requires the absence of
what it names), and print each with its kind, negation cue and entities.

Input: the extractor's records over the raw corpora (`extractor extract FOLDER... -o RAW.jsonl`,
with the entity model, since the criterion's cue depends on its entities). Records whose id is
an NCT number (ClinicalTrials.gov, also inside the ICTRP export) are left out, as are criteria
shorter than 15 or longer than 400 characters; a criterion repeated in several records of one trial
(an EU CTR trial once per member state) is drawn once. Three strata, each in sha256(salt + document id +
"/" + criterion id) order: criteria read as negated (`--negated`, default 30: precision), not
negated but holding a negation-like word (`--worded`, 30: recall) and the others (`--other`, 15).

usage: python tools/negation_silver_sample.py RAW.jsonl [RAW2.jsonl ...] [--salt neg14/]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.registries_draw import registry_of  # noqa: E402

# words that may negate (wider than the rules, so the stratum shows what they miss)
NEGATION_WORD = re.compile(r"\b(?:no|not|without|non|never|absence|absent|free|negative|unable|none|neither|nor"
                           r"|cannot|denies|excluded|lack)\b|n't|-free|non-", re.IGNORECASE)


def criteria(paths: list[str]) -> Iterator[tuple[str, dict]]:
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                if "document" not in record:
                    continue  # an error record
                doc_id = record["document"]["id"]
                if registry_of(doc_id, record["document"]["source"]["format"]) == "NCT":
                    continue
                for crit in record.get("criteria") or ():
                    if 15 <= len(crit["text"]) <= 400:
                        yield doc_id, crit


def draw(paths: list[str], salt: str, sizes: dict[str, int]) -> list[tuple[str, str, dict]]:
    strata: dict[str, list] = {name: [] for name in sizes}
    seen = set()
    for doc_id, crit in criteria(paths):
        # the same criterion of the same trial read once: its copies share a key and would
        # fill the stratum with one text
        if (doc_id, crit["id"], crit["text"]) in seen:
            continue
        seen.add((doc_id, crit["id"], crit["text"]))
        key = hashlib.sha256(f"{salt}{doc_id}/{crit['id']}".encode()).hexdigest()
        name = "negated" if crit["negated"] else "worded" if NEGATION_WORD.search(crit["text"]) else "other"
        strata[name].append((key, doc_id, crit))
    return [(name, doc_id, crit) for name, n in sizes.items() for _, doc_id, crit in sorted(strata[name],
                                                                                           key=lambda x: x[0])[:n]]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("raw", nargs="+")
    ap.add_argument("--salt", default="neg14/")
    ap.add_argument("--negated", type=int, default=30)
    ap.add_argument("--worded", type=int, default=30)
    ap.add_argument("--other", type=int, default=15)
    args = ap.parse_args()
    sizes = {"negated": args.negated, "worded": args.worded, "other": args.other}
    for i, (name, doc_id, crit) in enumerate(draw(args.raw, args.salt, sizes)):
        cue = (crit.get("negation") or {}).get("text") if crit["negated"] else "-"
        ents = "; ".join(f"{e['text']}/{e['label']}{'/negated' if e.get('negated') else ''}"
                         for e in crit.get("entities") or ())
        print(f"[{i}] {name} {doc_id} {crit['id']} {crit['kind']} negation={cue}\n   {crit['text']}\n   entities: {ents}")


if __name__ == "__main__":
    main()
