#!/usr/bin/env python3
"""Draw a seeded sample of criteria with numbers from extracted records, for a silver review
(reading the output against the contract on text nobody labelled), and print each criterion
with its constraints, ignored and unparsed numbers.

The records are a JSONL file written by `extractor extract ... --no-entities` over the raw
folders of the shared corpora. A candidate is a criterion holding at least one number (as the
accounting counts them) of a document whose id is in no registries gold file
(corpora/registries/labels-*.jsonl) and is not an LCT text (any batch: test trials must stay
unseen, and the training texts are already tuned on).

Strata are (registry, format, folder); each gets a share of the sample: NCT_SHARE of it goes to
ClinicalTrials.gov strata, the rest to the other registries, spread evenly over strata (a
stratum with fewer candidates gives its remainder to the others). Within a stratum, candidates
are taken in sha256(seed + "/" + document id + "/" + criterion text) order, at most PER_DOC per
document (PER_FEW_DOC in a stratum of fewer than FEW_DOCS documents). The key of a criterion (document id and text) does not depend on criterion ids, so
the same draw can be shown again from the records of a later version (--keys).

usage: python tools/silver_sample.py RECORDS.jsonl [--seed S] [--n N] [--corpora DIR]
                                     [--keys KEYS.json] [--save-keys KEYS.json] [--json]
                                     [--other-registries | --nct-share F]
                                     [--nct-folders FOLDER ...]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractor.eval.registries import describe  # noqa: E402

NCT_SHARE = 0.3
PER_DOC = 2
FEW_DOCS, PER_FEW_DOC = 5, 8   # a stratum of fewer documents may give more criteria of each


def _folder(path: str) -> str:
    parts = Path(path).parts
    if "corpora" in parts:
        parts = parts[parts.index("corpora") + 1:]
    if parts and parts[0] == "ctgov-api-v2-json" and len(parts) > 1:
        return "/".join(parts[:2])
    return parts[0] if parts else ""


def candidates(records_path: Path, exclude: set[str]):
    """Each key once (its first record): exports repeat a record's text (one EU CTR record per
    member state, a page saved several times)."""
    from extractor.eval.coverage import registry
    from extractor.nlp.accounting import numbers
    seen = set()
    for line in records_path.open(encoding="utf-8"):
        rec = json.loads(line)
        doc = rec.get("document")
        if not doc or doc.get("id") in exclude:
            continue
        src = doc.get("source") or {}
        reg = registry(rec)
        for c in rec.get("criteria") or ():
            key = (doc["id"], c["text"])
            if key in seen or not numbers(c["text"]):
                continue
            seen.add(key)
            yield {"key": [doc["id"], c["text"]], "registry": reg, "format": src.get("format"),
                   "folder": _folder(src.get("path", "")), "path": src.get("path"),
                   "record": src.get("record"), "criterion": c}


def excluded_ids(repo: Path, corpora: Path) -> set[str]:
    ids = set()
    for p in sorted((repo / "corpora" / "registries").glob("labels-*.jsonl")):
        ids |= {json.loads(line)["id"] for line in p.read_text(encoding="utf-8").splitlines()
                if line.strip()}
    ids |= {p.stem for p in (corpora / "lct" / "leaf_clinical_trials").rglob("*.txt")}
    return ids


def nct_folders_only(cands: list[dict], folders: list[str]) -> list[dict]:
    """The candidates outside ClinicalTrials.gov and those of its records in these top folders
    (a folder of API v2 pages is one stratum per subfolder: its top folder names them all)."""
    return [c for c in cands if c["registry"] != "NCT" or c["folder"].split("/")[0] in folders]


def order_key(seed: str, cand: dict) -> str:
    return hashlib.sha256(f"{seed}/{cand['key'][0]}/{cand['key'][1]}".encode("utf-8")).hexdigest()


def draw(cands: list[dict], seed: str, n: int, nct_share: float = NCT_SHARE) -> list[dict]:
    strata: dict[tuple, list[dict]] = {}
    for c in cands:
        strata.setdefault((c["registry"], c["format"], c["folder"]), []).append(c)
    for group in strata.values():
        group.sort(key=lambda c: (order_key(seed, c), c["path"] or "", c["record"] or ""))
    out = []
    for is_nct, share in ((True, nct_share), (False, 1 - nct_share)):
        groups = {k: v for k, v in strata.items() if (k[0] == "NCT") == is_nct}
        quota = round(n * share)
        taken = {k: [] for k in groups}
        per_doc: dict[str, int] = {}
        pos = {k: 0 for k in groups}
        cap = {k: PER_DOC if len({c["key"][0] for c in v}) >= FEW_DOCS else PER_FEW_DOC
               for k, v in groups.items()}
        # round robin over strata in sorted order: each turn takes the next usable candidate
        while quota > 0 and any(pos[k] < len(groups[k]) for k in groups):
            for k in sorted(groups):
                if quota <= 0:
                    break
                while pos[k] < len(groups[k]):
                    c = groups[k][pos[k]]
                    pos[k] += 1
                    if per_doc.get(c["key"][0], 0) < cap[k]:
                        per_doc[c["key"][0]] = per_doc.get(c["key"][0], 0) + 1
                        taken[k].append(c)
                        quota -= 1
                        break
        for k in sorted(taken):
            out.extend(taken[k])
    return out


def show(c: dict) -> str:
    crit = c["criterion"]
    lines = [f"## {c['registry']} {c['format']} {c['folder']} {c['key'][0]} {crit['id']}",
             f"   {crit['text']!r}"]
    for k in crit.get("constraints") or ():
        event = f" ev={(k.get('event') or {}).get('name')}" if k.get("type") == "time" else ""
        lines.append(f"   + {describe(k)}{event}  <{k['text']}>")
    for item in crit.get("ignored") or ():
        lines.append(f"   . ignored {item['reason']}: <{item['text']}>")
    for item in crit.get("unparsed") or ():
        lines.append(f"   ? unparsed {item['reason']}: <{item['text']}>")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("records", type=Path)
    ap.add_argument("--seed", default="silver-rules5")
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--corpora", type=Path,
                    default=Path(__file__).resolve().parents[2] / "shared" / "corpora")
    ap.add_argument("--keys", type=Path, help="show these keys (a saved draw) instead of drawing")
    ap.add_argument("--save-keys", type=Path)
    ap.add_argument("--json", action="store_true")
    # a round aimed at the registries where the error rate is highest draws none of its share
    # from ClinicalTrials.gov, as time_silver_sample.py's option of the same name does
    ap.add_argument("--other-registries", action="store_true", help="draw outside ClinicalTrials.gov only")
    # a round aimed at ClinicalTrials.gov's many formats and years (fourteen strata) gives it a
    # larger share than the default, which was set when the other registries erred most
    ap.add_argument("--nct-share", type=float, default=NCT_SHARE,
                    help=f"share of the draw from ClinicalTrials.gov strata (default {NCT_SHARE})")
    # a round aimed at the ClinicalTrials.gov folders the earlier rounds drew least (each folder
    # is one stratum or more, so an even spread over fourteen strata gives each two or three)
    ap.add_argument("--nct-folders", nargs="+", metavar="FOLDER",
                    help="draw ClinicalTrials.gov criteria only from these top folders of the corpora")
    args = ap.parse_args(argv)
    repo = Path(__file__).resolve().parents[1]
    cands = list(candidates(args.records, excluded_ids(repo, args.corpora)))
    if args.nct_folders and not args.keys:
        cands = nct_folders_only(cands, args.nct_folders)
    if args.keys:
        wanted = [tuple(k) for k in json.loads(args.keys.read_text(encoding="utf-8"))]
        by_key = {}
        for c in cands:
            by_key.setdefault(tuple(c["key"]), c)
        sample = [by_key[k] for k in wanted if k in by_key]
        missing = len(wanted) - len(sample)
        if missing:
            print(f"# {missing} keys not found (criterion text changed)", file=sys.stderr)
    else:
        sample = draw(cands, args.seed, args.n, 0.0 if args.other_registries else args.nct_share)
    if args.save_keys:
        args.save_keys.write_text(json.dumps([c["key"] for c in sample], ensure_ascii=False, indent=0),
                                  encoding="utf-8")
    if args.json:
        for c in sample:
            print(json.dumps(c, ensure_ascii=False))
    else:
        counts: dict[str, int] = {}
        for c in sample:
            counts[c["registry"]] = counts.get(c["registry"], 0) + 1
        print(f"# {len(sample)} criteria of {len(cands)} candidates, seed {args.seed!r}: "
              + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        for c in sample:
            print(show(c))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
