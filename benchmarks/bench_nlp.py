"""Throughput of the NLP stage against the bare spaCy tokenizer, in one process, on LCT texts.

    python benchmarks/bench_nlp.py [--repeat 5] [--entity-repeat 1] [--components] [--cpu]

Prints words/s and MB/s (UTF-8 bytes of the criterion texts) for spacy.blank("en")'s tokenizer
and for the Analyzer on the same items without the entity model (`--no-entities`,
`Options(entities=False)`), and the ratio of the two rates (the acceptance floor is 0.45, with
the pipeline at 1.2 MB/s or more). The two alternate `--repeat` times and each figure is the
median of its runs, so load from other processes on a shared machine touches both alike. The
Analyzer with the entity model (the default) is timed `--entity-repeat` times after them: it is
some twenty times slower, so its figure is printed but not part of the ratio.
`--components` adds the median time of each step of the Analyzer without entities.
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

from extractor.nlp import Analyzer  # noqa: E402

LCT = ROOT.parent / "shared" / "corpora" / "lct" / "leaf_clinical_trials"


def load_items() -> list[tuple[str, list[tuple[int, int]]]]:
    docs = []
    for path in sorted(LCT.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8")
        items = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
        docs.append((text, items))
    return docs


def component_times(analyzer, docs, pc) -> dict[str, float]:
    """Seconds per step of `analyzer.analyze` over `docs`, the steps run as analyze runs them."""
    times = {"tokenizer": 0.0, **{name: 0.0 for name, _ in analyzer.nlp.pipeline}, "results": 0.0}
    procs = list(zip([name for name, _ in analyzer.nlp.pipeline], analyzer.procs))
    for text, items in docs:
        for at in range(0, len(items), analyzer.batch_size):
            batch = items[at:at + analyzer.batch_size]
            t0 = pc()
            made = [analyzer.make_doc(text[s:e]) for s, e in batch]
            times["tokenizer"] += pc() - t0
            for name, proc in procs:
                t0 = pc()
                made = [proc(doc) for doc in made]
                times[name] += pc() - t0
            t0 = pc()
            [analyzer._result(doc, s) for doc, (s, _) in zip(made, batch)]
            times["results"] += pc() - t0
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--entity-repeat", type=int, default=1,
                    help="runs of the pipeline with the entity model (0 skips it)")
    ap.add_argument("--components", action="store_true", help="time each step of the Analyzer too")
    ap.add_argument("--cpu", action="store_true",
                    help="count this process's CPU time instead of wall time (steadier on a busy machine)")
    args = ap.parse_args()
    clock = time.process_time if args.cpu else time.perf_counter
    if not LCT.is_dir():
        print(f"skipped: {LCT} not found")
        return
    docs = load_items()
    texts = [text[s:e] for text, items in docs for s, e in items]
    words = sum(len(t.split()) for t in texts)
    size = sum(len(t.encode("utf-8")) for t in texts)

    tokenizer = spacy.blank("en").tokenizer
    analyzer = Analyzer(entities=False)
    analyzer.analyze(*docs[0])  # warm-up: lazy compiled patterns and caches

    tok_runs, full_runs, steps = [], [], []
    for _ in range(args.repeat):
        t0 = clock()
        for t in texts:
            tokenizer(t)
        tok_runs.append(clock() - t0)
        t0 = clock()
        for text, items in docs:
            analyzer.analyze(text, items)
        full_runs.append(clock() - t0)
        if args.components:
            steps.append(component_times(analyzer, docs, clock))
    tok, full = statistics.median(tok_runs), statistics.median(full_runs)
    print(f"items: {len(texts)}  words: {words}  MB: {size / 1e6:.3f}  (median of {args.repeat}, "
          f"{'CPU' if args.cpu else 'wall'} time)")
    print(f"bare tokenizer:                 {words / tok:,.0f} words/s  {size / tok / 1e6:.2f} MB/s")
    print(f"pipeline without entity model:  {words / full:,.0f} words/s  {size / full / 1e6:.2f} MB/s")
    print(f"ratio: {tok / full:.3f} (floor 0.45; per run: {', '.join(f'{t / f:.3f}' for t, f in zip(tok_runs, full_runs))})")
    if args.entity_repeat > 0:
        with_model = Analyzer()
        with_model.analyze(*docs[0])
        runs = []
        for _ in range(args.entity_repeat):
            t0 = clock()
            for text, items in docs:
                with_model.analyze(text, items)
            runs.append(clock() - t0)
        took = statistics.median(runs)
        print(f"pipeline with entity model:     {words / took:,.0f} words/s  {size / took / 1e6:.2f} MB/s "
              f"(median of {args.entity_repeat})")
    if steps:
        print("steps of the pipeline (median s):")
        for name in steps[0]:
            print(f"  {name:34s} {statistics.median(s[name] for s in steps):.3f}")


if __name__ == "__main__":
    main()
