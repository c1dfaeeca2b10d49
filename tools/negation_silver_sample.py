#!/usr/bin/env python3
"""Draw a sample of criteria from registries other than ClinicalTrials.gov for a silver review
of criterion-level negation (the contract's `negated`: the criterion requires the absence of
what it names), and print each with its kind, negation cue and entities.

Input: the extractor's records over the raw corpora (`extractor extract FOLDER... -o RAW.jsonl`,
with the entity model, since the criterion's cue depends on its entities). Records whose id is
an NCT number (ClinicalTrials.gov, also inside the ICTRP export) are left out, as are criteria
shorter than 15 or longer than 400 characters; a criterion repeated in several records of one trial
(an EU CTR trial once per member state) is drawn once, and an id that these records give to
several texts stands for the first record's. Three strata, each in sha256(salt + document id +
"/" + criterion id) order: criteria read as negated (`--negated`, default 30: precision), not
negated but holding a negation-like word (`--worded`, 30: recall) and the others (`--other`, 15).
`--leave-out SALT` (repeatable) leaves out what a draw with that salt and the same sizes takes
from the same records, and fills each stratum from the rest: a round reads fresh criteria. An
earlier round read its draw over an earlier run, whose strata can differ where the rules have
changed since, so this leaves out that round's draw as these records place it.

usage: python tools/negation_silver_sample.py RAW.jsonl [RAW2.jsonl ...] [--salt neg14/] [--leave-out neg13/]
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


def draw(paths: list[str], salt: str, sizes: dict[str, int], leave_out: tuple[str, ...] = ()) -> list[tuple[str, str, dict]]:
    strata = _strata(paths, sizes)
    drawn = {(doc_id, crit["id"]) for old in leave_out for _, doc_id, crit in _take(strata, old, sizes, set())}
    return _take(strata, salt, sizes, drawn)


def _take(strata: dict[str, list], salt: str, sizes: dict[str, int], skip: set) -> list[tuple[str, str, dict]]:
    """The first `sizes[name]` criteria of each stratum in sha256(salt + document id + "/" +
    criterion id) order, leaving out the (document id, criterion id) pairs of `skip`."""
    out = []
    for name, n in sizes.items():
        ranked = [(hashlib.sha256(f"{salt}{doc_id}/{crit['id']}".encode()).hexdigest(), doc_id, crit)
                  for doc_id, crit in strata[name] if (doc_id, crit["id"]) not in skip]
        ranked.sort(key=lambda x: x[0])
        out += [(name, doc_id, crit) for _, doc_id, crit in ranked[:n]]
    return out


def _strata(paths: list[str], sizes: dict[str, int]) -> dict[str, list]:
    strata: dict[str, list] = {name: [] for name in sizes}
    seen = set()
    for doc_id, crit in criteria(paths):
        # one criterion per key (document id and criterion id), the first record's: the copies
        # of a trial's criterion in its records (an EU CTR trial once per member state) would
        # fill the stratum with one text, and records of one trial whose lists differ give one
        # id to several texts, which would be drawn together as one
        if (doc_id, crit["id"]) in seen:
            continue
        seen.add((doc_id, crit["id"]))
        name = "negated" if crit["negated"] else "worded" if NEGATION_WORD.search(crit["text"]) else "other"
        strata[name].append((doc_id, crit))
    return strata


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("raw", nargs="+")
    ap.add_argument("--salt", default="neg14/")
    ap.add_argument("--negated", type=int, default=30)
    ap.add_argument("--worded", type=int, default=30)
    ap.add_argument("--other", type=int, default=15)
    ap.add_argument("--leave-out", action="append", default=[], metavar="SALT",
                    help="leave out what a draw with this salt takes (repeatable)")
    args = ap.parse_args()
    sizes = {"negated": args.negated, "worded": args.worded, "other": args.other}
    for i, (name, doc_id, crit) in enumerate(draw(args.raw, args.salt, sizes, tuple(args.leave_out))):
        cue = (crit.get("negation") or {}).get("text") if crit["negated"] else "-"
        ents = "; ".join(f"{e['text']}/{e['label']}{'/negated' if e.get('negated') else ''}"
                         for e in crit.get("entities") or ())
        print(f"[{i}] {name} {doc_id} {crit['id']} {crit['kind']} negation={cue}\n   {crit['text']}\n   entities: {ents}")


if __name__ == "__main__":
    main()
