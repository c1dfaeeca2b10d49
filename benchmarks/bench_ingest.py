"""Documents per second for ingest alone (sniff + read) over the raw shared corpora.

Usage: python benchmarks/bench_ingest.py [CORPORA_DIR] [--repeat N]
Files are read into memory first, so the figure excludes disk I/O.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

from extractor.errors import ExtractorError  # noqa: E402
from extractor.ingest import read_source  # noqa: E402
from ingest_survey import corpora_dir, raw_files  # noqa: E402


def main(argv: list[str]) -> int:
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 3
    args = [a for i, a in enumerate(argv) if not a.startswith("--") and (i == 0 or argv[i - 1] != "--repeat")]
    root = corpora_dir(args[0] if args else None)
    if not root.is_dir():
        print(f"corpora not found at {root}", file=sys.stderr)
        return 2
    inputs = [(str(p.relative_to(root)), p.read_bytes()) for _, p in raw_files(root)]
    size = sum(len(d) for _, d in inputs)
    best = None
    for _ in range(repeat):
        docs = errors = 0
        t0 = time.perf_counter()
        for name, data in inputs:
            try:
                docs += len(read_source(data, name))
            except ExtractorError:
                errors += 1
        elapsed = time.perf_counter() - t0
        best = elapsed if best is None else min(best, elapsed)
    print(f"inputs: {len(inputs)} files, {size / 1e6:.1f} MB; documents: {docs}; error records: {errors}")
    print(f"best of {repeat}: {best:.2f} s  ->  {docs / best:.0f} documents/s, {size / 1e6 / best:.1f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
