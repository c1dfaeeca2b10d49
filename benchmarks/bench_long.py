"""How the NLP stage's time grows with the length of one criterion, on long repetitive texts.

    python benchmarks/bench_long.py [--sizes 4000 16000] [--top 15]

Real criteria run to some hundreds of characters (the longest in the raw corpora about 3,000);
a criterion longer than `Options.max_criterion_chars` (20,000) is not analysed. Between the two,
a text with no line breaks (a page flattened into one line, a table dump) can hold thousands of
numbers, and a rule that reads the text before or after each number again makes the time grow
with the square of the length. Each shape below is repeated to each size and analysed as one
criterion (entity model off); the script prints, for the shapes that grow the most, the time at
each size and the growth factor between the first and the last size (4 for a linear step at
4x the length, 16 for a quadratic one). Then the same for one document of many unmarked,
lower-case lines, of many headings, of one item that is a run of separators ("; ; ; ..."), and of
many lines under one line whose colon introduces them (the structure stages: sections and the
criteria tree, no NLP), and a web page of one list of many items (the HTML reader). A figure,
not a test: nothing is asserted.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.analysis import NoAnalysis  # noqa: E402
from extractor.api import Extractor  # noqa: E402
from extractor.ingest import read_source  # noqa: E402
from extractor.nlp import Analyzer  # noqa: E402

# Pieces of criteria, each repeated with no line break: numbers, windows, scales, references,
# lists and the characters the rules look around.
SHAPES = [
    "1 ", "1-", "1.", "1,", "( ", "(1) ", "a ", " ", "x", "10^9/L ", "≥ ", "< 5 ", "no ", "not ",
    "within 4 weeks ", "prior to ", "/", "ULN ", "× ", "1/1/", "- ", "grade ", "I ", "i.", "e.g. ",
    "mg/dL ", "%", "1%-", "day 1 ", "or ", "and ", ";", "â‰¥", "cm H2O ", "(a) ", "1)", "x10",
    "10 x ", "five ", "twenty-", "0", "Age ", "years ", "NYHA ", "1 or ", "if ", "except ",
    "no history of ", "2 x ULN ", "between 1 and 2 ", "(n=1) ", "1:1 ", "1/2 ", "N ", "x ",
    "≤ 1.5 x ULN, ", "at least 4 weeks since prior chemotherapy, ", "ECOG 0, 1, ", "stage I, II, ",
    "cycle 1 day 1 ", "10 mg/kg/day ", "unable to ", "without ", "(", ")", "[1] ", "1 year ago ",
    "from 1 to 2 ",
    # runs of one punctuation mark: the tokenizer strips them one at a time from a token
    "!", "=", "≥", "*", "_", "+",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[4000, 16000])
    ap.add_argument("--top", type=int, default=15, help="shapes printed, the fastest-growing first")
    args = ap.parse_args()
    analyzer = Analyzer(entities=False)
    analyzer.analyze("Age 18 years", [(0, 12)])  # warm-up: lazy patterns and tables
    rows = []
    for shape in SHAPES:
        times = []
        for size in args.sizes:
            text = (shape * (size // len(shape) + 1))[:size]
            t0 = time.perf_counter()
            analyzer.analyze(text, [(0, len(text))])
            times.append(time.perf_counter() - t0)
        rows.append((times[-1] / max(times[0], 1e-4), times, shape))
    rows.sort(key=lambda r: -r[0])
    print("growth  " + "  ".join(f"{size:>8d} chars" for size in args.sizes) + "  shape")
    for growth, times, shape in rows[:args.top]:
        print(f"x{growth:5.1f}  " + "  ".join(f"{t * 1000:11.1f} ms" for t in times) + f"  {shape!r}")
    print(f"slowest at {args.sizes[-1]} characters: {max(r[1][-1] for r in rows):.2f} s")
    structure = Extractor(analyzer=NoAnalysis())
    for name, lines in (("unmarked lines", "patient must have something here and\nmore words on this line\n"),
                        ("headings", "Exclusion Criteria:\nInclusion Criteria:\n"),
                        ("one item of separators", "; "), ("lines under one colon", ":\n")):
        times = []
        for count in (4000, 16000):
            text = "Inclusion Criteria:\n- Patients with " + lines * count
            t0 = time.perf_counter()
            structure.extract_text(text)
            times.append((len(text), time.perf_counter() - t0))
        _growth(f"one document of {name}, structure only", times)
    times = []
    for count in (4000, 16000):
        page = ("<html><body><h2>Eligibility</h2><ol>" + "<li>a" * count + "</ol></body></html>").encode()
        t0 = time.perf_counter()
        read_source(page, "list.html")
        times.append((len(page), time.perf_counter() - t0))
    _growth("a web page of one list, read", times)


def _growth(name: str, times: list[tuple[int, float]]) -> None:
    print(f"{name}: " + ", ".join(f"{size:,} characters {took:.2f} s" for size, took in times)
          + f" (growth x{times[1][1] / max(times[0][1], 1e-6):.1f})")


if __name__ == "__main__":
    main()
