"""Batch throughput: documents and words per second with 1 and 2 workers over the raw corpora,
and the peak memory of a worker.

    python benchmarks/bench_batch.py [--workers 1 2] [--repeat 2] [--corpora DIR] [--no-entities]

Each configuration runs in a fresh process (so one run's memory and caches do not help or hurt
the next), through the same machinery as `extractor extract` (walk, pool, JSON lines), writing
to /dev/null. Peak memory is the largest resident set of any process that ran documents: the
run's own process for 1 worker, its pool processes (RUSAGE_CHILDREN, collected when they are
joined) for more. The machine may be shared, so each configuration runs `--repeat` times and the
fastest run counts; the load average before each run is printed to show contention, and the
CPU time of the run's own process (which, with workers, only hands out files and writes lines).
`--no-entities` leaves the trained entity model out (`extractor extract --no-entities`); with it
the model is most of the documents' time.

The start-up (loading the pipeline, once per run: in the run's own process, from which the
workers are forked ready) is timed apart from the documents: throughput and its speed-up are
documents over the documents' time; the end-to-end time and its speed-up are printed beside.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = REPO.parent / "shared" / "corpora"
# The raw sets (native formats, no labels) listed in the corpora README.
RAW = ["ctgov-legacy-xml-2023", "ctgov-legacy-xml-trec2017", "aact-fixtures", "ctgov-api-v2-json",
       "nci-cts-api-v2", "ctrdata-demo-records", "euctr-text-download",
       "opentrials-registry-cassettes/extracted_bodies", "registry-pages-misc", "ictrp-covid-export"]


def _one_run(inputs: list[str], workers: int, entities: bool = True) -> dict:
    sys.path.insert(0, str(REPO))
    from extractor import batch
    from extractor.api import Extractor, Options
    from extractor.batch import pool

    files = docs = errors = words = 0
    started = time.perf_counter()
    # Start-up: the pipeline loads once, in this process (forked into the workers when there
    # are several), before the first document; it is timed apart from the run.
    engine = pool.ready(Extractor(Options(time_limit=60.0, entities=entities)))
    ready = time.perf_counter()
    own = resource.getrusage(resource.RUSAGE_SELF)
    with open(os.devnull, "wb") as sink:
        for res in pool.run(engine, batch.iter_tasks(inputs), workers=workers, as_lines=True):
            sink.writelines(res.items)
            files += 1
            docs += res.documents
            errors += res.errors
            words += res.words  # counted by the worker: the parent stays out of the race
    finished = time.perf_counter()
    after = resource.getrusage(resource.RUSAGE_SELF)
    own_cpu = after.ru_utime + after.ru_stime - own.ru_utime - own.ru_stime
    who = resource.RUSAGE_SELF if workers <= 1 else resource.RUSAGE_CHILDREN
    peak_kb = resource.getrusage(who).ru_maxrss
    return {"workers": workers, "seconds": finished - started, "startup": ready - started,
            "run_seconds": finished - ready, "files": files, "documents": docs,
            "errors": errors, "words": words, "peak_worker_mb": peak_kb / 1024,
            "own_cpu": own_cpu}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--corpora", default=str(DEFAULT_CORPORA))
    ap.add_argument("--no-entities", action="store_true", help="leave the trained entity model out")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: a single run
    args = ap.parse_args(argv)
    inputs = [str(Path(args.corpora) / name) for name in RAW if (Path(args.corpora) / name).exists()]
    if not inputs:
        print(f"no raw corpora under {args.corpora}", file=sys.stderr)
        return 2
    if args.one is not None:
        print(json.dumps(_one_run(inputs, args.one, entities=not args.no_entities)))
        return 0
    print(f"raw corpora: {len(inputs)} folders under {args.corpora}; cores: {os.cpu_count()}; "
          f"entity model {'off' if args.no_entities else 'on'}")
    best: dict[int, dict] = {}
    for n in args.workers:
        for r in range(args.repeat):
            load = os.getloadavg()[0]
            out = subprocess.run([sys.executable, __file__, "--one", str(n), "--corpora", args.corpora]
                                 + (["--no-entities"] if args.no_entities else []),
                                 capture_output=True, text=True, check=True)
            res = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"  workers={n} run {r + 1}: start-up {res['startup']:.1f} s + documents "
                  f"{res['run_seconds']:.1f} s (load before {load:.2f}; the run's own process "
                  f"{res['own_cpu']:.1f} s of CPU after start-up)", flush=True)
            if n not in best or res["run_seconds"] < best[n]["run_seconds"]:
                best[n] = res
    base = best[min(best)]
    print()
    print("Throughput counts the documents' time, after the one start-up (loading the pipeline);")
    print("end-to-end counts both.")
    print(f"{'workers':>7} {'files':>6} {'docs':>6} {'errors':>6} {'start-up s':>10} {'docs s':>7} "
          f"{'docs/s':>7} {'words/s':>8} {'speed-up':>8} {'end-to-end s':>12} {'speed-up':>8} "
          f"{'peak MB/worker':>14}")
    for n in sorted(best):
        b = best[n]
        print(f"{n:>7} {b['files']:>6} {b['documents']:>6} {b['errors']:>6} {b['startup']:>10.1f} "
              f"{b['run_seconds']:>7.1f} {b['documents'] / b['run_seconds']:>7.1f} "
              f"{b['words'] / b['run_seconds']:>8.0f} {base['run_seconds'] / b['run_seconds']:>7.2f}x "
              f"{b['seconds']:>12.1f} {base['seconds'] / b['seconds']:>7.2f}x {b['peak_worker_mb']:>14.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
