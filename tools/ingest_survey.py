"""Run every raw input of the shared corpora through ingest; count documents and errors per format.

Usage: python tools/ingest_survey.py [CORPORA_DIR] [--json]
CORPORA_DIR defaults to $EXTRACTOR_SHARED/corpora or ../shared/corpora next to the repository.
Crashes (exceptions that are not coded ExtractorErrors) are listed separately: there should be none.
"""
from __future__ import annotations

import collections
import json
import os
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractor.errors import ExtractorError  # noqa: E402
from extractor.ingest import read_source, sniff_format  # noqa: E402

RAW_SETS = ["ctgov-legacy-xml-2023", "ctgov-legacy-xml-trec2017", "aact-fixtures", "ctgov-api-v2-json",
            "nci-cts-api-v2", "ctrdata-demo-records", "euctr-text-download", "opentrials-registry-cassettes",
            "registry-pages-misc", "ictrp-covid-export"]
# Documentation that travels with each corpus, not input.
SKIP_NAMES = {"SOURCE.md", "LICENSE", "LICENSE.md", "README.md"}


def corpora_dir(arg: str | None = None) -> Path:
    if arg:
        return Path(arg)
    env = os.environ.get("EXTRACTOR_SHARED")
    if env:
        return Path(env) / "corpora"
    return Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


def raw_files(root: Path):
    for name in RAW_SETS:
        base = root / name
        if not base.is_dir():
            continue
        for p in sorted(base.rglob("*")):
            if p.is_file() and p.name not in SKIP_NAMES:
                yield name, p


def survey(root: Path) -> dict:
    docs = collections.Counter()
    files = collections.Counter()
    errors: list[dict] = []
    crashes: list[dict] = []
    t0 = time.perf_counter()
    for corpus, p in raw_files(root):
        data = p.read_bytes()
        rel = str(p.relative_to(root))
        try:
            fmt = sniff_format(data, str(p))
            sources = read_source(data, rel)
            files[corpus] += 1
            for s in sources:
                docs[s.format] += 1
        except ExtractorError as exc:
            errors.append({"path": rel, "code": exc.code, "message": exc.message[:160]})
        except Exception as exc:  # a crash: a bug to fix
            crashes.append({"path": rel, "error": repr(exc), "trace": traceback.format_exc(limit=3)})
    return {"documents": dict(sorted(docs.items())), "files": dict(files), "errors": errors,
            "crashes": crashes, "seconds": round(time.perf_counter() - t0, 2)}


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    root = corpora_dir(args[0] if args else None)
    if not root.is_dir():
        print(f"corpora not found at {root}", file=sys.stderr)
        return 2
    report = survey(root)
    if "--json" in argv:
        print(json.dumps(report, indent=1))
    else:
        print("documents per format:")
        for fmt, n in report["documents"].items():
            print(f"  {fmt:16} {n}")
        print(f"total documents: {sum(report['documents'].values())}  in {report['seconds']} s")
        print(f"errors: {len(report['errors'])}")
        for e in report["errors"]:
            print(f"  {e['code']:18} {e['path']}  ({e['message']})")
        print(f"crashes: {len(report['crashes'])}")
        for c in report["crashes"]:
            print(f"  {c['path']}: {c['error']}\n{c['trace']}")
    return 1 if report["crashes"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
