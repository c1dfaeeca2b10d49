"""`run_eval`: one corpus, one split, one result dict (the shape `--json` prints)."""
from __future__ import annotations

import importlib
import time

from .corpora import SPLITS, CorpusMissing
from .predict import as_predictor

# corpus name on the command line -> module with `evaluate(split, errors, predictor)`
CORPORA = {
    "lct": "extractor.eval.lct",
    "lct-logical": "extractor.eval.lct_logical",
    "chia": "extractor.eval.chia",
    "covid": "extractor.eval.covid",
    "dp-ad": "extractor.eval.dp_ad",
    "nci-cts": "extractor.eval.nci_cts",
    "registries": "extractor.eval.registries",
    "registry-entities": "extractor.eval.registry_entities",
}

ERRORS_ON_TEST = ("error listing refused for the test split: its individual errors stay unseen "
                  "so the test figures remain an honest estimate; use --split dev")


def run_eval(corpus: str, split: str = "dev", errors: bool = False, predict=None,
             labels: set[str] | None = None) -> dict:
    """Score `predict` (text -> record dict, a Predictor, or None for the library) on a corpus.

    Returns {"corpus", "split", "documents", "failed_documents", "seconds", "fields": {name:
    {precision, recall, f1, tp, fp, fn, ...}}, "errors": [...] | None, "notes": [...]}; when the
    corpus is absent: {"corpus", "split", "skipped": reason}. `labels` (registries only): score
    the named label files alone ({"j"} reads labels-j.jsonl).
    """
    if corpus not in CORPORA:
        raise ValueError(f"unknown corpus {corpus!r}; choose from {', '.join(CORPORA)}")
    if labels is not None and corpus != "registries":
        raise ValueError("label files can only be chosen for the registries corpus")
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose from {', '.join(SPLITS)}")
    notes = []
    if errors and split != "dev":
        notes.append(ERRORS_ON_TEST)
        errors = False
    module = importlib.import_module(CORPORA[corpus])
    started = time.perf_counter()
    try:
        # find the documents before loading the pipeline: an absent corpus skips cheaply
        module.check_available()
        if labels is None:
            result = module.evaluate(split, errors, as_predictor(predict))
        else:
            result = module.evaluate(split, errors, as_predictor(predict),
                                     module.load_labels(only=labels))
    except CorpusMissing as exc:
        return {"corpus": corpus, "split": split, "skipped": str(exc)}
    result = {"corpus": corpus, "split": split, **result,
              "seconds": round(time.perf_counter() - started, 2)}
    result["notes"] = notes + result.get("notes", [])
    return result
