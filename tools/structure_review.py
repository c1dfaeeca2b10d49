#!/usr/bin/env python3
"""Structure review over the raw folders: dump every record's criteria (kind, depth, text),
draw a salted sample of records outside ClinicalTrials.gov's own formats for reading, and diff
two dumps (before and after a change to sections or criteria).

The NLP stage is not run (structure does not depend on it). A record's key is its document id,
source path and record index, so two dumps of different versions pair up.

Draw: candidates are records with at least one criterion, of a document whose id is in no
registries gold file (corpora/registries/labels-*.jsonl) and is not an LCT text, whose format is
not ClinicalTrials.gov's own (legacy XML, API JSON, NCI CTS) and, in an ICTRP export, whose
registry is not ClinicalTrials.gov. A document id counts once (its first record: exports repeat
a record per member state). Strata are (registry, format, folder); the N records are spread
evenly over the strata (a stratum with fewer candidates gives its remainder to the others),
taken within a stratum in sha256(salt + id) order. Each drawn record is printed with its sections,
its criteria (side, nesting by indentation, text) and, marked NOT HELD, the lines of its text that
no criterion or heading holds (its title and form fields, or text lost), to read against the
record's text.

--not-in SALT:N (repeatable) leaves out the records an earlier draw (its salt and size, over the
same dump) took, so that a new round reads records no round has read. --with-ctgov makes
ClinicalTrials.gov's own formats and the ICTRP export's NCT rows candidates of this draw too
(strata as above: legacy XML of each folder, API JSON, NCI CTS, ICTRP rows), for rounds after the
other registries' records are used up. The earlier draws --not-in names are rebuilt as they were
taken: without those records, unless the draw was taken --with-ctgov and is named so
(--not-in struct16/:60:ctgov).

usage: python tools/structure_review.py dump OUT.jsonl [CORPORA_DIR]
       python tools/structure_review.py draw DUMP.jsonl [--salt struct13/] [--n 80] [--ids]
                                        [--not-in SALT:N[:ctgov] ...] [--with-ctgov]
       python tools/structure_review.py diff BEFORE.jsonl AFTER.jsonl [--show N]
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FOLDERS = ("ctgov-legacy-xml-2023", "ctgov-legacy-xml-trec2017", "aact-fixtures", "ctgov-api-v2-json",
           "nci-cts-api-v2", "ctrdata-demo-records", "euctr-text-download", "opentrials-registry-cassettes",
           "registry-pages-misc", "ictrp-covid-export")
CTGOV_FORMATS = {"ctgov-xml", "ctgov-v1-json", "ctgov-v2-json", "ctgov-xml-json", "nci-cts-json"}
REPO = Path(__file__).resolve().parents[1]


def _corpora(arg: str | None) -> Path:
    return Path(arg) if arg else Path(os.environ.get("EXTRACTOR_SHARED", "/work/shared")) / "corpora"


def _folder(path: str) -> str:
    parts = Path(path).parts
    return parts[parts.index("corpora") + 1] if "corpora" in parts else ""


def dump(out: Path, corpora: Path) -> int:
    from extractor.analysis import NoAnalysis
    from extractor.api import Extractor
    from extractor.batch import iter_files
    from extractor.eval.coverage import registry
    ex = Extractor(analyzer=NoAnalysis())
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for path in iter_files([str(corpora / f) for f in FOLDERS if (corpora / f).exists()]):
            for i, rec in enumerate(ex.records(path)):
                if "error" in rec:
                    continue
                doc = rec["document"]
                src = doc.get("source") or {}
                by_id = {c["id"]: c for c in rec["criteria"]}

                def depth(c):
                    d, p = 0, c["parent"]
                    while p:
                        d, p = d + 1, by_id[p]["parent"]
                    return d
                row = {"key": f"{doc['id']}|{src.get('path')}|{src.get('record', i)}", "id": doc["id"],
                       "registry": registry(rec), "format": src.get("format"),
                       "folder": _folder(src.get("path", "")),
                       "sections": [[s.get("role"), s["kind"], s["heading"]] for s in rec["sections"]],
                       "criteria": [[c["kind"], depth(c), c["text"]] for c in rec["criteria"]],
                       "text": doc["text"]}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
    print(f"{n} records", file=sys.stderr)
    return 0


def _excluded(corpora: Path) -> set[str]:
    ids = set()
    for p in sorted((REPO / "corpora" / "registries").glob("labels-*.jsonl")):
        ids |= {json.loads(line)["id"] for line in p.read_text(encoding="utf-8").splitlines() if line.strip()}
    ids |= {p.stem for p in (corpora / "lct").rglob("*.txt")}
    return ids


def draw(rows: list[dict], salt: str, n: int, exclude: set[str], with_ctgov: bool = False) -> list[dict]:
    strata: dict[tuple, list[dict]] = defaultdict(list)
    seen = set()
    for r in rows:
        if r["id"] in exclude or r["id"] in seen or not r["criteria"]:
            continue
        if not with_ctgov and (r["format"] in CTGOV_FORMATS or r["registry"] in ("ClinicalTrials.gov", "NCT")):
            continue
        seen.add(r["id"])
        strata[(r["registry"], r["format"], r["folder"])].append(r)
    for cands in strata.values():
        cands.sort(key=lambda r: hashlib.sha256((salt + r["id"]).encode("utf-8")).hexdigest())
    quota = {k: 0 for k in strata}
    left = n
    while left > 0:
        open_ = sorted(k for k in strata if quota[k] < len(strata[k]))
        if not open_:
            break
        for k in open_:
            if left == 0:
                break
            quota[k] += 1
            left -= 1
    return [r for k in sorted(strata) for r in strata[k][:quota[k]]]


def left_out(rows: list[dict], specs: list[str], exclude: set[str]) -> set[str]:
    """`exclude` and the ids of the earlier draws `specs` name ("struct13/:80"), each rebuilt in
    turn as it was taken (leaving out the draws before it); "struct16/:60:ctgov" names a draw
    taken --with-ctgov."""
    exclude = set(exclude)
    for spec in specs:
        with_ctgov = spec.endswith(":ctgov")
        salt, _, n = spec.removesuffix(":ctgov").rpartition(":")
        exclude |= {r["id"] for r in draw(rows, salt, int(n), exclude, with_ctgov)}
    return exclude


# a heading and list markers opening a line (they are not criterion text)
_MARK = re.compile(r"^(?:(?:inclusion|exclusion) criteria\s*:\s*)?(?:(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})[.)]|[-*•o]\s)?\s*",
                   re.I)


def show(r: dict) -> str:
    out = [f"=== {r['id']}  [{r['registry']} / {r['format']} / {r['folder']}]"]
    out += [f"  section {s}" for s in r["sections"]]
    out.append("--- criteria")
    out += [f"  {k[:3]} {'  ' * d}{' '.join(t.split())}" for k, d, t in r["criteria"]]
    # text lines that no criterion or heading holds: lost text, or title and form fields
    held = " ".join(" ".join(t.split()) for _, _, t in r["criteria"]) + " " + \
        " ".join(" ".join((s[2] or "").split()) for s in r["sections"])
    for line in r["text"].splitlines():
        words = _MARK.sub("", " ".join(line.split()))
        if len(words) > 3 and words not in held:
            out.append(f"  NOT HELD: {words[:200]}")
    return "\n".join(out)


def diff(before: Path, after: Path, show_n: int) -> int:
    a = {r["key"]: r for r in map(json.loads, before.open(encoding="utf-8"))}
    b = {r["key"]: r for r in map(json.loads, after.open(encoding="utf-8"))}
    changed = [k for k in b if k in a and a[k]["criteria"] != b[k]["criteria"]]
    import difflib
    crit_changes = 0
    for k in changed[:show_n]:
        print(f"### {k} [{b[k]['registry']} / {b[k]['format']}]")
        fa = [f"{c[0][:3]} {'  ' * c[1]}{' '.join(c[2].split())}" for c in a[k]["criteria"]]
        fb = [f"{c[0][:3]} {'  ' * c[1]}{' '.join(c[2].split())}" for c in b[k]["criteria"]]
        for line in difflib.unified_diff(fa, fb, lineterm="", n=1):
            if not line.startswith(("---", "+++")):
                print("  " + line[:300])
    for k in changed:
        sa, sb = set(map(tuple, map(lambda c: (c[0], c[2]), a[k]["criteria"]))), \
            set(map(tuple, map(lambda c: (c[0], c[2]), b[k]["criteria"])))
        crit_changes += len(sb - sa)
    print(f"records changed: {len(changed)} of {len(b)}; criteria new or changed (kind+text): {crit_changes}; "
          f"criteria {sum(len(a[k]['criteria']) for k in changed)} -> {sum(len(b[k]['criteria']) for k in changed)}"
          f" in changed records; only before: {len(set(a) - set(b))}, only after: {len(set(b) - set(a))}")
    return 0


def main() -> int:
    args = sys.argv[1:]
    if not args or "-h" in args or "--help" in args:
        # ("dump --help" would otherwise write a dump to a file named "--help")
        print(__doc__)
        return 0 if args else 2
    if args[0] == "dump":
        return dump(Path(args[1]), _corpora(args[2] if len(args) > 2 else None))
    if args[0] == "diff":
        n = int(args[args.index("--show") + 1]) if "--show" in args else 10 ** 9
        return diff(Path(args[1]), Path(args[2]), n)
    if args[0] == "draw":
        salt = args[args.index("--salt") + 1] if "--salt" in args else "struct13/"
        n = int(args[args.index("--n") + 1]) if "--n" in args else 80
        corpora = _corpora(args[args.index("--corpora") + 1] if "--corpora" in args else None)
        rows = [json.loads(line) for line in Path(args[1]).open(encoding="utf-8")]
        exclude = _excluded(corpora)
        # earlier draws, so that a round does not read again what an earlier round read
        exclude = left_out(rows, [args[i + 1] for i, a in enumerate(args) if a == "--not-in"], exclude)
        picked = draw(rows, salt, n, exclude, "--with-ctgov" in args)
        for r in picked:
            print(f"{r['id']}\t{r['registry']}\t{r['format']}\t{r['folder']}" if "--ids" in args else show(r) + "\n")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
