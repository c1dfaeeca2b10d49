"""The threshold finder alone (quantities.find) over the LCT criteria, with a digest of its output.

    python benchmarks/bench_find.py [--repeat 7] [--checks]

The inputs find() gets in the pipeline (each criterion's text, masked spans and letter words)
are recorded once through the Analyzer without entities; then find() alone runs over them
`--repeat` times and the fastest and median CPU times are printed, with the md5 of its output:
a change to the finder's dispatch can be timed without the tokenizer and the other steps (whose
noise on a shared machine hides a few milliseconds), and a different digest shows at once that
the output moved (benchmarks/output_md5.py is the full check). `--checks` instead counts the
calls, hits and inclusive time of each module-level helper of the quantities package over one pass
(each call wrapped, so the times are inflated by about 0.3 µs per call): what a redesign of the
per-number dispatch would have to beat.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import pkgutil
import re
import statistics
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.nlp import Analyzer, quantities  # noqa: E402
from extractor.nlp.quantities import finder  # noqa: E402

LCT = ROOT.parent / "shared" / "corpora" / "lct" / "leaf_clinical_trials"


def recorded_calls() -> list[tuple[str, list, set]]:
    """(text, masked, words) of every find() call the Analyzer makes over the LCT texts."""
    calls = []
    real = quantities.find

    def record(text, masked=None, words=None):
        calls.append((text, list(masked or []), set(words) if words is not None else None))
        return real(text, masked, words)

    analyzer = Analyzer(entities=False)
    quantities.find = record
    try:
        for path in sorted(LCT.glob("*/*.txt")):
            text = path.read_text(encoding="utf-8")
            # the items bench_nlp.py gives the Analyzer: every line holding a non-space
            analyzer.analyze(text, [m.span() for m in re.finditer(r"[^\n]*\S[^\n]*", text)])
    finally:
        quantities.find = real
    return calls


def digest(calls) -> str:
    out = [quantities.find(t, m, w) for t, m, w in calls]
    return hashlib.md5(json.dumps(out, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


def check_counts(calls) -> list[tuple[str, int, int, float]]:
    """(helper, calls, truthy results, inclusive seconds) for the helpers of the quantities
    package. A helper is bound in its own module and in each module that imports it: every
    binding is replaced by the one wrapper, so a call counts once whichever module makes it."""
    modules = [importlib.import_module(f"{quantities.__name__}.{info.name}")
               for info in pkgutil.iter_modules(quantities.__path__)]
    stats: dict[str, list] = {}
    wrappers: dict[int, types.FunctionType] = {}
    saved: list[tuple[types.ModuleType, str, types.FunctionType]] = []
    for module in modules:
        for name, fn in list(vars(module).items()):
            if not isinstance(fn, types.FunctionType) or not fn.__module__.startswith(quantities.__name__ + ".") \
                    or name == "find":
                continue
            if id(fn) not in wrappers:
                rec = stats.setdefault(name, [0, 0, 0.0])

                def wrapped(*a, _fn=fn, _rec=rec, **k):
                    t0 = time.perf_counter()
                    result = _fn(*a, **k)
                    _rec[2] += time.perf_counter() - t0
                    _rec[0] += 1
                    _rec[1] += bool(result)
                    return result

                wrappers[id(fn)] = wrapped
            saved.append((module, name, fn))
            setattr(module, name, wrappers[id(fn)])
    try:
        for t, m, w in calls:
            quantities.find(t, m, w)
    finally:
        for module, name, fn in saved:
            setattr(module, name, fn)
    return sorted(((n, c, h, s) for n, (c, h, s) in stats.items() if c), key=lambda r: -r[3])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--checks", action="store_true", help="count and time each helper instead")
    args = ap.parse_args()
    if not LCT.is_dir():
        print(f"skipped: {LCT} not found")
        return
    calls = recorded_calls()
    with_number = sum(1 for t, _, _ in calls if finder._digit_or_fold(t))
    print(f"criteria: {len(calls)} ({with_number} with a digit)  output md5: {digest(calls)}")
    if args.checks:
        print(f"{'helper':28s} {'calls':>7s} {'hits':>7s} {'ms':>8s} {'µs/call':>8s}")
        for name, count, hits, seconds in check_counts(calls):
            print(f"{name:28s} {count:7d} {hits:7d} {seconds * 1e3:8.1f} {seconds / count * 1e6:8.2f}")
        return
    runs = []
    for _ in range(args.repeat):
        t0 = time.process_time()
        for t, m, w in calls:
            quantities.find(t, m, w)
        runs.append(time.process_time() - t0)
    print(f"find: fastest {min(runs):.3f} s, median {statistics.median(runs):.3f} s of CPU "
          f"({args.repeat} runs; {min(runs) / len(calls) * 1e6:.1f} µs per criterion)")


if __name__ == "__main__":
    main()
