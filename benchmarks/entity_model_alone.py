"""The entity model alone (no lexicon mention, no constraint subject, no span repair), line by
line, scored on LCT's gold over all eight labels and over the five the evaluation averages.

    python benchmarks/entity_model_alone.py                  # LCT batch10 (held out, epoch choice)
    python benchmarks/entity_model_alone.py --split test     # LCT batch11..batch20, in aggregate
    python benchmarks/entity_model_alone.py --model FOLDER   # another trained model folder

The pipeline's figures (`extractor eval lct`) score the record's entities, which add the
variables lexicon's mentions and every constraint's subject (labelled `other` where the model
tagged none); this scores what the trained model tags, as models are usually compared. Exact
span and label / overlap (one-to-one), micro-averaged, as eval/entities.py scores; gold mapped
by models/entity_labels.json (eval/entity_gold.py).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extractor.eval import lct
from extractor.eval.brat import read_ann, read_text
from extractor.eval.entity_gold import gold_entities, labels
from extractor.eval.entities import MICRO, EntityScore, micro_counts
from extractor.nlp.entities import add_model
from extractor.nlp.tokenizer import blank
from extractor.training import HELD_OUT, lines_of


def documents(split: str):
    """(doc id, .txt, .ann) of LCT's held-out batch (`dev`) or its test split."""
    if split == "test":
        return list(lct.documents("test"))
    return [doc for doc in lct.documents("dev") if doc[0].startswith(HELD_OUT + "/")]


def score(nlp, docs) -> EntityScore:
    """The scores over `docs`, each line tagged on its own, as the model's training examples
    and its held-out score take them (training.lines_of)."""
    scores = EntityScore()
    for _, txt, ann in docs:
        text = read_text(txt)
        lines = list(lines_of(text, gold_entities(read_ann(ann), "lct", text)))
        for (_, gold), doc in zip(lines, nlp.pipe(line for line, _ in lines)):
            scores.score(gold, sorted({(e.start_char, e.end_char, e.label_) for e in doc.ents}))
    return scores


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--model", type=Path, default=None, help="a model folder (default: the shipped one)")
    args = parser.parse_args(argv)
    nlp = blank()
    add_model(nlp, args.model)
    docs = documents(args.split)
    scores = score(nlp, docs)
    print(f"LCT {args.split} ({len(docs)} documents), the model alone, micro-F1 exact / overlap:")
    for name, keys in (("all eight labels", labels()), ("the five", MICRO)):
        exact, loose = micro_counts(scores.exact, keys), micro_counts(scores.overlap, keys)
        print(f"  {name:17} {exact.f1 or 0:.3f} / {loose.f1 or 0:.3f} "
              f"(exact tp {exact.tp} fp {exact.fp} fn {exact.fn})")
    for label in labels():
        exact, loose = scores.exact[label], scores.overlap[label]
        if exact.tp + exact.fp + exact.fn:
            print(f"  {label:17} {exact.f1 or 0:.3f} / {loose.f1 or 0:.3f} "
                  f"(exact tp {exact.tp} fp {exact.fp} fn {exact.fn})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
