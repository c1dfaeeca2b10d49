"""The entity model alone (no lexicon mention, no constraint subject, no span repair), line by
line, scored on LCT's gold over all eight labels and over the five of the acceptance.

    python benchmarks/entity_model_alone.py                  # LCT batch10 (held out, epoch choice)
    python benchmarks/entity_model_alone.py --split test     # LCT batch11..batch20, in aggregate
    python benchmarks/entity_model_alone.py --model FOLDER   # another trained model folder

The pipeline's figures (`extractor eval lct`) score the record's entities, which add the
variables lexicon's mentions and every constraint's subject (labelled `other` where the model
tagged none); this scores what the trained model tags, as models are usually compared. Exact span
and label, micro-averaged, gold mapped by models/entity_labels.json (eval/entity_gold.py).
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from extractor.eval.brat import read_ann, read_text
from extractor.eval.corpora import corpus_dir
from extractor.eval.entity_gold import gold_entities, labels
from extractor.eval.metrics import Counts
from extractor.nlp.entities import model_path
from extractor.nlp.tokenizer import customize

FIVE = ("condition", "drug", "procedure", "measurement", "observation")
SPLITS = {"dev": ["batch10"], "test": [f"batch{i}" for i in range(11, 21)]}


def pipeline(folder: Path):
    import spacy

    nlp = customize(spacy.blank("en"))
    trained = spacy.load(folder, exclude=["tokenizer"])
    nlp.vocab.vectors = trained.vocab.vectors
    nlp.add_pipe("ner", source=trained)
    return nlp


def count(nlp, batches: list[str]) -> tuple[Counter, Counter, Counter, int]:
    """(tp, fp, fn) by label over the batches' documents, each line tagged on its own (the
    model's training examples are lines), and the number of documents."""
    root = corpus_dir("lct", "leaf_clinical_trials")
    tp, fp, fn = Counter(), Counter(), Counter()
    docs = 0
    for batch in batches:
        for txt in sorted((root / batch).glob("*.txt")):
            ann = txt.with_suffix(".ann")
            if not ann.exists():
                continue
            docs += 1
            raw = read_text(txt)
            gold = {tuple(span) for span in gold_entities(read_ann(ann), "lct", raw)}
            pred = set()
            for line in re.finditer(r"[^\n]+", raw):
                for ent in nlp(line.group()).ents:
                    pred.add((line.start() + ent.start_char, line.start() + ent.end_char, ent.label_))
            for span in pred & gold:
                tp[span[2]] += 1
            for span in pred - gold:
                fp[span[2]] += 1
            for span in gold - pred:
                fn[span[2]] += 1
    return tp, fp, fn, docs


def micro(tp: Counter, fp: Counter, fn: Counter, keys) -> Counts:
    return Counts(*(sum(c[k] for k in keys) for c in (tp, fp, fn)))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=tuple(SPLITS), default="dev")
    parser.add_argument("--model", type=Path, default=None, help="a model folder (default: the shipped one)")
    args = parser.parse_args(argv)
    nlp = pipeline(args.model or model_path())
    tp, fp, fn, docs = count(nlp, SPLITS[args.split])
    print(f"LCT {args.split} ({docs} documents), the model alone, exact span and label:")
    for name, keys in (("all eight labels", labels()), ("the five", FIVE)):
        c = micro(tp, fp, fn, keys)
        print(f"  {name:17} micro-F1 {c.f1 or 0:.3f} (tp {c.tp} fp {c.fp} fn {c.fn})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
