"""Entity scores on annotated text the entity model never trained on, for tuning what the
pipeline does with the model's spans (extractor/nlp/entities*.py).

    python benchmarks/entity_heldout.py                    # LCT batch10 (held out, epoch choice only)
    python benchmarks/entity_heldout.py --set covid        # COVID-19 corpus, Chia's schema
    python benchmarks/entity_heldout.py --set registries   # the project's registry labels, part "test"
    python benchmarks/entity_heldout.py --errors           # and each error, by kind

LCT batch10 chose the model's epoch and nothing else; the COVID-19 corpus's annotations were
never read by training (its texts fed the vectors and the teachers, unlabelled); the registry
labels' "test" part (corpora/entities/, as `extractor eval registry-entities --split test`
reads them) are criteria of the registry records labelled in LCT's style, each scored as a
document of its own, here with the error listing. Scores as
`extractor eval` does (eval/entities.py: exact span and label / overlap, micro over the five
labels). An error is a `miss` (no predicted span of the label overlaps the gold one),
`false` (no gold one overlaps it), `boundary` (same label, overlapping, other span) or `label`
(same span, other label).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from extractor.eval.brat import read_ann, read_text
from extractor.eval.corpora import corpus_dir
from extractor.eval.entities import MICRO, score_texts
from extractor.eval.entity_gold import gold_entities
from extractor.eval.predict import library_predictor

COVID = "covid19-structured-trials"


def documents(which: str, limit: int | None):
    """(doc id, corpus schema, .txt, .ann) in sorted order."""
    if which == "lct-batch10":
        root = corpus_dir("lct", "leaf_clinical_trials") / "batch10"
        schema = "lct"
    else:
        root = corpus_dir(COVID, "700_annotated_trials_new")
        schema = "chia"
    txts = [t for t in sorted(root.glob("*.txt")) if t.with_suffix(".ann").exists()]
    for txt in txts[:limit]:
        yield f"{root.name}/{txt.stem}", schema, txt, txt.with_suffix(".ann")


def run(which: str, limit: int | None, errors: bool, workers: int | None = None) -> dict:
    if which == "registries":
        from extractor.eval.registry_entities import documents as registry_documents

        labelled = registry_documents("test")[:limit]
    else:
        labelled = []
        for doc_id, schema, txt, ann_path in documents(which, limit):
            raw = read_text(txt)
            labelled.append((doc_id, raw, gold_entities(read_ann(ann_path), schema, raw)))
    score, found, _ = score_texts(labelled, library_predictor(workers), errors)
    return {"set": which, "documents": len(labelled), "fields": score.result(), "errors": found}


def _f(value) -> str:
    return "-" if value is None else f"{value:.3f}"   # no span predicted nor gold: no F1


def lines(result: dict) -> list[str]:
    f = result["fields"]
    out = [f"{result['set']}: {result['documents']} documents"]
    for name in ("micro5", *MICRO):
        ex, ov = f.get(f"entities.exact.{name}"), f.get(f"entities.overlap.{name}")
        if ex:
            out.append(f"  {name:12} exact {_f(ex['f1'])} (tp {ex['tp']} fp {ex['fp']} fn {ex['fn']})"
                       f"  overlap {_f(ov['f1'])}")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("lct-batch10", "covid", "registries"), default="lct-batch10")
    parser.add_argument("--limit", type=int, default=None, help="the first N documents only")
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--json", metavar="FILE", help="write the result (with errors) here")
    parser.add_argument("--workers", type=int, default=None, help="processes (default: up to 2)")
    args = parser.parse_args(argv)
    result = run(args.set, args.limit, args.errors, args.workers)
    print("\n".join(lines(result)))
    if args.errors:
        for err in result["errors"]:
            print(json.dumps(err, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
