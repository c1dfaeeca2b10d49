"""A run at scale: at least 100,000 documents with 2 workers, and how it behaves over time.

    python benchmarks/bench_scale.py [--documents 100000] [--workers 2] [--keep DIR]

The documents are the raw corpora's single-document files (ClinicalTrials.gov XML and API
JSON, registry JSON, pages), copied round-robin under new names into a temporary folder
until there are `--documents` of them. The run is `extractor extract FOLDER -o OUT --workers N`
in its own process. Every second the resident memory of each process of the run is sampled
(/proc); at the end the script prints documents/s, MB/s of input, the memory of every process
at the start, middle and end of the run and its peak, and the sizes of the output and of the
checkpoint (`.progress`) at the end of the run and at its largest.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"
SOURCES = ["ctgov-legacy-xml-2023", "ctgov-legacy-xml-trec2017", "ctgov-api-v2-json/dgg32+graph_bigquery",
           "ctrdata-demo-records/records", "nci-cts-api-v2"]


def _sources() -> list[Path]:
    files = []
    for rel in SOURCES:
        root = CORPORA / rel
        files += [p for p in sorted(root.rglob("*")) if p.is_file() and p.suffix in (".xml", ".json")
                  and p.stat().st_size < 2_000_000]
    return files


def _make(folder: Path, n: int) -> int:
    sources = _sources()
    size = 0
    for i in range(n):
        src = sources[i % len(sources)]
        sub = folder / f"{i // 1000:04d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        dst = sub / f"d{i:07d}{src.suffix}"
        os.link(src, dst) if src.stat().st_dev == folder.stat().st_dev else shutil.copyfile(src, dst)
        size += src.stat().st_size
    return size


def _rss(pid: int) -> int:
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in open(f"/proc/{pid}/task/{pid}/children").read().split()]
    except OSError:
        return []


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--documents", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep", metavar="DIR", help="make the inputs here and keep them")
    args = ap.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="bench_scale_"))
    folder = work / "in"
    if not folder.is_dir():
        print(f"making {args.documents} documents in {folder} ...", flush=True)
        folder.mkdir(parents=True)
        size = _make(folder, args.documents)
    else:
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    out = work / "out.jsonl"
    progress = Path(str(out) + ".progress")
    for p in (out, progress):
        p.unlink(missing_ok=True)
    exe = [sys.executable, "-m", "extractor.cli", "extract", str(folder), "-o", str(out),
           "--workers", str(args.workers), "--quiet"]
    started = time.monotonic()
    proc = subprocess.Popen(exe, cwd=REPO)
    samples = []   # (seconds, {pid: MB})
    biggest_checkpoint = 0
    while proc.poll() is None:
        pids = [proc.pid] + _children(proc.pid)
        samples.append((time.monotonic() - started, {p: _rss(p) for p in pids}))
        if progress.exists():
            biggest_checkpoint = max(biggest_checkpoint, progress.stat().st_size)
        time.sleep(1.0)
    seconds = time.monotonic() - started
    lines = sum(1 for _ in open(out, "rb"))
    print(f"documents: {lines} lines from {args.documents} files ({size / 1e6:.1f} MB of input)")
    print(f"time: {seconds:.1f} s; {lines / seconds:.0f} documents/s; {size / 1e6 / seconds:.2f} MB/s "
          f"with {args.workers} workers (status {proc.returncode})")
    print(f"output: {out.stat().st_size / 1e6:.1f} MB ({out.stat().st_size / size:.1f}x the input); "
          f"checkpoint: largest {biggest_checkpoint / 1e6:.2f} MB during the run, removed at the end")
    if samples:
        def total(s):
            return sum(s[1].values())
        third = len(samples) // 3
        for label, part in (("first third", samples[:third]), ("middle third", samples[third:2 * third]),
                            ("last third", samples[2 * third:])):
            if part:
                mx = max(total(s) for s in part)
                per = max(max(s[1].values()) for s in part)
                print(f"memory, {label}: all processes {mx} MB at most, largest process {per} MB")
        print("memory over time (s: MB per process):")
        step = max(1, len(samples) // 12)
        for t, rss in samples[::step]:
            print(f"  {t:7.0f}: " + " ".join(f"{v}" for v in rss.values()))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
