"""The NLP stage of two checkouts timed side by side in one process, on the LCT texts.

    python benchmarks/ab_nlp.py BASE_CHECKOUT [--new CHECKOUT] [--repeat 6] [--find]

Each checkout's `extractor` package is loaded under a name of its own (a link in a temporary
folder: the package imports itself relatively and finds its models from its real path), an
Analyzer without the entity model is built from each, and passes over the LCT texts alternate
between them document by document (in a rotating order, with the bare spaCy tokenizer over the
same criteria), each one's CPU time summed over a pass. On a machine shared with other work, a
change of load then falls on both alike, where separate runs of bench_nlp.py differ by more than
a few per cent between one minute and the next. Prints
whether both give the same results, the median CPU time of each, their ratios to the tokenizer
(bench_nlp.py's figure) and the new/base ratio per pair of passes. `--find` times the
threshold finder alone (quantities.find over the inputs the Analyzer gives it, as
bench_find.py does) instead of the whole stage.
"""
from __future__ import annotations

import argparse
import importlib
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LCT = ROOT.parent / "shared" / "corpora" / "lct" / "leaf_clinical_trials"


def load_docs() -> list[tuple[str, list[tuple[int, int]]]]:
    docs = []
    for path in sorted(LCT.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8")
        docs.append((text, [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]))
    return docs


def load_analyzer(checkout: Path, name: str, folder: Path):
    """An Analyzer(entities=False) of `checkout`'s package, imported as `name`."""
    (folder / name).symlink_to(checkout.resolve() / "extractor", target_is_directory=True)
    nlp = importlib.import_module(f"{name}.nlp")
    return nlp, nlp.Analyzer(entities=False)


def recorded_calls(nlp, analyzer, docs) -> list[tuple]:
    """(text, masked, words) of every find() call `analyzer` makes over `docs`."""
    calls = []
    real = nlp.quantities.find

    def record(text, masked=None, words=None):
        calls.append((text, list(masked or []), set(words) if words is not None else None))
        return real(text, masked, words)

    nlp.quantities.find = record
    try:
        for text, items in docs:
            analyzer.analyze(text, items)
    finally:
        nlp.quantities.find = real
    return calls


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base", type=Path, help="the checkout to compare against")
    ap.add_argument("--new", type=Path, default=ROOT, help="the checkout measured (default: this one)")
    ap.add_argument("--repeat", type=int, default=6)
    ap.add_argument("--find", action="store_true", help="time the threshold finder alone")
    args = ap.parse_args()
    if not LCT.is_dir():
        print(f"skipped: {LCT} not found")
        return
    import spacy
    import spacy.util

    # The installed package's factories would come in through spaCy's entry points at the first
    # lookup of a factory and replace a checkout's: imported first, then each checkout registers
    # its own over them before its Analyzer is built (a built pipeline keeps its components).
    try:
        importlib.import_module("extractor.nlp.factories")
    except ImportError:
        pass
    spacy.util.is_same_func = lambda a, b: True
    folder = Path(tempfile.mkdtemp(prefix="ab_nlp_"))
    sys.path.insert(0, str(folder))
    base_nlp, base = load_analyzer(args.base, "extractor_base", folder)
    new_nlp, new = load_analyzer(args.new, "extractor_new", folder)
    docs = load_docs()
    texts = [text[s:e] for text, items in docs for s, e in items]
    tokenizer = spacy.blank("en").tokenizer
    if args.find:
        calls = recorded_calls(new_nlp, new, docs)
        # one unit of work per criterion handed to find()
        units = [[call] for call in calls]
        work = {"tokenizer": lambda unit: [tokenizer(c[0]) for c in unit],
                "base": lambda unit: [base_nlp.quantities.find(*c) for c in unit],
                "new": lambda unit: [new_nlp.quantities.find(*c) for c in unit]}
    else:
        units = docs  # one unit of work per document: its criteria
        work = {"tokenizer": lambda unit: [tokenizer(unit[0][s:e]) for s, e in unit[1]],
                "base": lambda unit: base.analyze(*unit),
                "new": lambda unit: new.analyze(*unit)}
    same = [work["base"](u) for u in units] == [work["new"](u) for u in units]  # (and the warm-up)
    print(f"same results: {same}")
    # The three alternate unit by unit, in a rotating order: a few milliseconds apart, so a
    # change of load from other processes falls on all three alike.
    names = ("tokenizer", "base", "new")
    clock = time.process_time
    times: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(args.repeat):
        spent = dict.fromkeys(names, 0.0)
        for i, unit in enumerate(units):
            for name in names[i % 3:] + names[:i % 3]:
                t0 = clock()
                work[name](unit)
                spent[name] += clock() - t0
        for name in names:
            times[name].append(spent[name])
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    for name, runs_of in times.items():
        median = statistics.median(runs_of)
        print(f"{name:9s} fastest {min(runs_of):.3f} s, median {median:.3f} s of CPU ({size / median:.2f} MB/s)")
    if not args.find:
        for name in ("base", "new"):
            print(f"ratio to the tokenizer, {name}: median {statistics.median(times['tokenizer']) / statistics.median(times[name]):.3f}"
                  f" (per pass {', '.join(f'{t / f:.3f}' for t, f in zip(times['tokenizer'], times[name]))})")
    pairs = [b / a for a, b in zip(times["base"], times["new"])]
    print(f"new/base: fastest {min(times['new']) / min(times['base']):.3f}, median of pairs {statistics.median(pairs):.3f}"
          f" (pairs {', '.join(f'{p:.3f}' for p in pairs)})")


if __name__ == "__main__":
    main()
