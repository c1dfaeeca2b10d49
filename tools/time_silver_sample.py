#!/usr/bin/env python3
"""Draw a seeded random sample of criteria that state a span of time, for a silver review of
time windows and durations against the contract ("Time"), and print each with what the extractor
gives for it.

Input: the extractor's records over the raw corpora (`extractor extract FOLDER... -o RAW.jsonl`).
A candidate is a criterion whose text holds a time word ("weeks", "within", "prior to", "since",
"ago", ...) and a number (digits or a number word), in a record whose id is in no registries
gold file (corpora/registries/labels-*.jsonl) and is no LCT test trial (batch11..batch20).

The draw leans to other registries than ClinicalTrials.gov: each candidate gets the weight
WEIGHT_OTHER (other registries) or 1 (ClinicalTrials.gov), divided by the square root of the
size of its group (registry, format, top folder) so that small groups are seen; at most
PER_DOC criteria of one document. Order: weighted sampling without replacement by keys
u ** (1 / w) (u from random.Random(seed), candidates in input order), highest first.

The key of a drawn criterion is its document id and text (no criterion id), so `--save-keys`
keeps a draw and `--keys` shows the same criteria again from the records of a later version.

`--exclude-keys KEYS.json...` leaves out the criteria of earlier draws (before drawing, so the
new draw is as large as asked); `--other-registries` draws only outside ClinicalTrials.gov.

usage: python tools/time_silver_sample.py RAW.jsonl [RAW2.jsonl ...] [--n 200] [--seed 5105|WORD]
                                           [--lct ../shared/corpora/lct/leaf_clinical_trials]
                                           [--save-keys KEYS.json] [--keys KEYS.json]
                                           [--exclude-keys KEYS.json ...] [--other-registries]
                                           [--weight-other W] [--nct-folders FOLDER ...]
"""
from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.registries_draw import registry_of  # noqa: E402

TIME_WORD = re.compile(r"\b(?:weeks?|months?|days?|years?|hours?|hrs?|minutes?|wks?|mos?|within|prior\s+to|since"
                       r"|ago|before|after|during)\b", re.IGNORECASE)
NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                    r"fourteen|fifteen|twenty|thirty|sixty|ninety)\b", re.IGNORECASE)
WEIGHT_OTHER = 8.0
PER_DOC = 2
TIME_UNITS = {"min", "h", "d", "wk", "mo", "a", "s"}


def gold_ids() -> set[str]:
    out = set()
    for path in sorted((ROOT / "corpora" / "registries").glob("labels-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.add(json.loads(line)["id"])
    return out


def lct_test_ids(lct: Path) -> set[str]:
    return {p.stem for n in range(11, 21) for p in (lct / f"batch{n}").glob("*.txt")}


def candidates(paths: list[str], excluded: set[str]):
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if "document" not in rec and "criteria" not in rec:
                    continue  # an error record
                doc = rec.get("document", rec)
                ident = doc.get("id") or ""
                if not ident or ident in excluded:
                    continue
                src = doc.get("source") or {}
                fmt = src.get("format") or ""
                folder = (src.get("path") or "").split("corpora/")[-1].split("/")[0]
                group = (registry_of(ident, fmt), fmt, folder)
                for crit in rec.get("criteria") or doc.get("criteria") or []:
                    text = crit.get("text") or ""
                    if TIME_WORD.search(text) and NUMBER.search(text):
                        yield group, ident, crit


def draw(cands: list, n: int, seed: int | str, weight_other: float = WEIGHT_OTHER) -> list:
    sizes = Counter(g for g, _, _ in cands)
    rng = random.Random(seed)
    keyed = []
    for group, ident, crit in cands:
        w = (1.0 if group[0] == "NCT" else weight_other) / math.sqrt(sizes[group])
        keyed.append((rng.random() ** (1.0 / w), group, ident, crit))
    keyed.sort(key=lambda k: -k[0])
    per_doc: dict[str, int] = defaultdict(int)
    out = []
    for _, group, ident, crit in keyed:
        if per_doc[ident] >= PER_DOC:
            continue
        per_doc[ident] += 1
        out.append((group, ident, crit))
        if len(out) == n:
            break
    return out


def by_keys(cands: list, keys: list) -> list:
    """The saved draw's criteria in its order, each key's first candidate (an export may repeat a
    record's text); a key whose criterion text changed is reported and left out."""
    first = {}
    for group, ident, crit in cands:
        first.setdefault((ident, crit.get("text") or ""), (group, ident, crit))
    out = [first[tuple(k)] for k in keys if tuple(k) in first]
    if len(out) < len(keys):
        print(f"# {len(keys) - len(out)} keys not found (criterion text changed)", file=sys.stderr)
    return out


def show(c: dict) -> str:
    unit = (c.get("unit") or {}).get("ucum")
    if c["comparator"] == "between":
        num = f"{c.get('low')}..{c.get('high')}"
    elif c["comparator"] == "in":
        num = str(c.get("values"))
    else:
        num = str(c.get("value"))
    out = f"{c['type']:8} {c['comparator']:7} {num} {unit} | {c['text']!r}"
    if c["type"] in ("time", "duration"):
        ev = c.get("event")
        out += f" dir={c.get('direction')} event={(ev or {}).get('name')!r}"
        subj = c.get("subject")
        out += f" subject={(subj or {}).get('text')!r}"
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("raw", nargs="+")
    ap.add_argument("--n", type=int, default=200)
    # a seed of digits is an int, as the earlier draws' were (their draws stay the same); any
    # other word seeds random.Random as a string
    ap.add_argument("--seed", type=lambda s: int(s) if s.isdigit() else s, default=5105)
    ap.add_argument("--lct", default=str(ROOT.parent / "shared" / "corpora" / "lct" / "leaf_clinical_trials"))
    ap.add_argument("--keys", help="show these keys (a saved draw) instead of drawing")
    ap.add_argument("--save-keys")
    ap.add_argument("--exclude-keys", nargs="+", default=[], help="leave out the criteria of these saved draws")
    ap.add_argument("--other-registries", action="store_true", help="draw outside ClinicalTrials.gov only")
    # 1 weighs every registry alike (only the group size counts), for a round over all of them
    ap.add_argument("--weight-other", type=float, default=WEIGHT_OTHER,
                    help=f"weight of a criterion outside ClinicalTrials.gov (default {WEIGHT_OTHER})")
    # as silver_sample.py's option: a round aimed at the ClinicalTrials.gov folders drawn least
    ap.add_argument("--nct-folders", nargs="+", metavar="FOLDER",
                    help="draw ClinicalTrials.gov criteria only from these top folders of the corpora")
    args = ap.parse_args()
    excluded = gold_ids() | lct_test_ids(Path(args.lct))
    cands = list(candidates(args.raw, excluded))
    if not args.keys:
        seen = {tuple(k) for path in args.exclude_keys for k in json.loads(Path(path).read_text(encoding="utf-8"))}
        cands = [c for c in cands if (c[1], c[2].get("text") or "") not in seen
                 and not (args.other_registries and c[0][0] == "NCT")
                 and not (args.nct_folders and c[0][0] == "NCT" and c[0][2] not in args.nct_folders)]
    if args.keys:
        picked = by_keys(cands, json.loads(Path(args.keys).read_text(encoding="utf-8")))
    else:
        picked = draw(cands, args.n, args.seed, args.weight_other)
    if args.save_keys:
        Path(args.save_keys).write_text(json.dumps([[ident, crit["text"]] for _, ident, crit in picked],
                                                   ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"# {len(cands)} candidates, {len(picked)} drawn (seed {args.seed}); by group: "
          + ", ".join(f"{g[0]}/{g[1]}:{k}" for g, k in sorted(Counter(g for g, _, _ in picked).items())))
    for i, (group, ident, crit) in enumerate(picked, 1):
        print(f"\n[{i}] {ident} {group[0]}/{group[1]}/{group[2]} {crit['id']}")
        print("  " + crit["text"].replace("\n", " ")[:600])
        for c in crit.get("constraints") or []:
            if c["type"] != "value" or (c.get("unit") or {}).get("ucum") in TIME_UNITS:
                print("   -> " + show(c))
        for u in crit.get("unparsed") or []:
            print(f"   ?? unparsed {u['text']!r} ({u.get('reason')})")


if __name__ == "__main__":
    main()
