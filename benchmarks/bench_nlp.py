"""Throughput of the NLP stage against the bare spaCy tokenizer, in one process, on LCT texts.

    python benchmarks/bench_nlp.py [--repeat 3]

Prints words/s for spacy.blank("en")'s tokenizer and for the Analyzer on the same items, with
the entity model (the default) and without it (`--no-entities`, `Options(entities=False)`),
and the ratio of the rules alone to the tokenizer (the acceptance floor is 0.30).
"""
from __future__ import annotations

import argparse
import re
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if not LCT.is_dir():
        print(f"skipped: {LCT} not found")
        return
    docs = load_items()
    texts = [text[s:e] for text, items in docs for s, e in items]
    words = sum(len(t.split()) for t in texts)

    tokenizer = spacy.blank("en").tokenizer
    rules = Analyzer(entities=False)
    full = Analyzer()
    for analyzer in (rules, full):
        analyzer.analyze(*docs[0])  # warm-up: lazy compiled patterns and caches

    best_tok = best_rules = best_full = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for t in texts:
            tokenizer(t)
        best_tok = min(best_tok, time.perf_counter() - t0)
        for analyzer, which in ((rules, "rules"), (full, "full")):
            t0 = time.perf_counter()
            for text, items in docs:
                analyzer.analyze(text, items)
            took = time.perf_counter() - t0
            if which == "rules":
                best_rules = min(best_rules, took)
            else:
                best_full = min(best_full, took)
    tok_rate, rules_rate, full_rate = words / best_tok, words / best_rules, words / best_full
    print(f"items: {len(texts)}  words: {words}")
    print(f"bare tokenizer:                 {tok_rate:,.0f} words/s")
    print(f"pipeline without entity model:  {rules_rate:,.0f} words/s")
    print(f"pipeline with entity model:     {full_rate:,.0f} words/s")
    print(f"ratio without entities: {rules_rate / tok_rate:.2f} (floor 0.30); "
          f"with: {full_rate / tok_rate:.2f}")


if __name__ == "__main__":
    main()
