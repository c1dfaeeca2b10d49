"""Look for inputs whose time grows faster than their length: each piece of text is repeated to a
small and a four times larger size, placed in documents of every input format, and run through
the whole engine (entity model off); a piece whose larger document takes more than `--flag`
times the smaller one's time (4 for linear growth, 16 for quadratic) and more than `--min` seconds
is printed. A search, not a test: nothing is asserted.

    python benchmarks/find_growth.py [--sizes 3000 12000] [--formats text html json xml] [--flag 8] [--min 0.25]

bench_long.py measures the shapes already known; this is how new ones are found (runs of
punctuation once took 12 s for 12,000 characters in the tokenizer, runs of separators 18 s for
32,000 in the criteria tree, a 16,000-item web list 6 s in the HTML reader).
"""
from __future__ import annotations

import argparse
import html
import json
import string
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.api import Extractor, Options  # noqa: E402

# single characters (ASCII and the symbols criteria use), each followed by a space, and pairs
# of the characters lists and criteria are made of
CHARS = [c for c in string.printable if c not in "\x0b\x0c"] + list("≥≤±×µ°•–—…\u00a0\u2028")
PAIRS = [a + b for a in "1a(;:,.-/\n*" for b in "1a(;:,.-/\n* "]
MARKUP = ["<br>", "<p>", "<li>", "<ul>", "<div>", "<b>x</b>", "&amp;", "<td>", "<tr><td>a</td></tr>", "</li>"]


def documents(fmt: str, body: str) -> tuple[str, bytes]:
    """(file name, bytes) of one document of `fmt` whose criteria are `body`."""
    if fmt == "text":
        return "x.txt", ("Inclusion Criteria:\n1. age " + body).encode()
    if fmt == "html":
        return "x.html", ("<html><body><h2>Eligibility Criteria</h2><p>Inclusion Criteria:</p><div>"
                          + body + "</div></body></html>").encode()
    if fmt == "json":
        return "x.json", json.dumps({"protocolSection": {
            "identificationModule": {"nctId": "NCT00000001", "briefTitle": "T"},
            "eligibilityModule": {"eligibilityCriteria": "Inclusion Criteria:\n\n* " + body}}}).encode()
    if fmt == "xml":
        return "x.xml", ("<?xml version='1.0'?><clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info>"
                         "<eligibility><criteria><textblock>Inclusion Criteria:\n - " + html.escape(body)
                         + "</textblock></criteria></eligibility></clinical_study>").encode()
    raise ValueError(fmt)


def seconds(engine: Extractor, name: str, data: bytes) -> float:
    started = time.process_time()
    engine.records(name, data=data)
    return time.process_time() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs=2, default=[3000, 12000])
    ap.add_argument("--formats", nargs="+", default=["text", "html", "json", "xml"])
    ap.add_argument("--flag", type=float, default=8.0, help="growth factor printed")
    ap.add_argument("--min", type=float, default=0.25, help="seconds at the larger size printed")
    args = ap.parse_args()
    engine = Extractor(Options(entities=False))
    engine.warm_up()
    pieces = CHARS + [c + " " for c in CHARS] + PAIRS
    flagged = tried = 0
    for fmt in args.formats:
        for piece in pieces + (MARKUP if fmt == "html" else []):
            small, large = ((piece * (n // len(piece) + 1))[:n] for n in args.sizes)
            a = seconds(engine, *documents(fmt, small))
            b = seconds(engine, *documents(fmt, large))
            tried += 1
            if b > args.min and b / max(a, 1e-3) > args.flag:
                flagged += 1
                print(f"{fmt:5s} x{b / max(a, 1e-3):5.1f}  {a:6.2f} s  {b:6.2f} s  {piece!r}", flush=True)
    print(f"{tried} pieces and formats tried, {flagged} growing faster than x{args.flag:g}")


if __name__ == "__main__":
    main()
