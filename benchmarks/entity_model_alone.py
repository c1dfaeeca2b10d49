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
import re
import sys
from pathlib import Path

from extractor.eval.brat import read_ann, read_text
from extractor.eval.corpora import corpus_dir
from extractor.eval.entity_gold import gold_entities, labels
from extractor.eval.entities import MICRO, EntityScore
from extractor.eval.metrics import Counts
from extractor.nlp.entities import model_path
from extractor.nlp.tokenizer import customize

SPLITS = {"dev": ["batch10"], "test": [f"batch{i}" for i in range(11, 21)]}


def pipeline(folder: Path):
    import spacy

    nlp = customize(spacy.blank("en"))
    trained = spacy.load(folder, exclude=["tokenizer"])
    nlp.vocab.vectors = trained.vocab.vectors
    nlp.add_pipe("ner", source=trained)
    return nlp


def score(nlp, batches: list[str]) -> tuple[EntityScore, int]:
    """The scores over the batches' documents, each line tagged on its own (the model's training
    examples are lines), and the number of documents."""
    root = corpus_dir("lct", "leaf_clinical_trials")
    scores, docs = EntityScore(), 0
    for batch in batches:
        for txt in sorted((root / batch).glob("*.txt")):
            ann = txt.with_suffix(".ann")
            if not ann.exists():
                continue
            docs += 1
            raw = read_text(txt)
            pred = sorted({(line.start() + ent.start_char, line.start() + ent.end_char, ent.label_)
                           for line in re.finditer(r"[^\n]+", raw) for ent in nlp(line.group()).ents})
            scores.score([tuple(span) for span in gold_entities(read_ann(ann), "lct", raw)], pred)
    return scores, docs


def micro(table: dict, keys) -> Counts:
    total = Counts()
    for key in keys:
        total.add(table[key])
    return total


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=tuple(SPLITS), default="dev")
    parser.add_argument("--model", type=Path, default=None, help="a model folder (default: the shipped one)")
    args = parser.parse_args(argv)
    scores, docs = score(pipeline(args.model or model_path()), SPLITS[args.split])
    print(f"LCT {args.split} ({docs} documents), the model alone, micro-F1 exact / overlap:")
    for name, keys in (("all eight labels", labels()), ("the five", MICRO)):
        exact, loose = micro(scores.exact, keys), micro(scores.overlap, keys)
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
