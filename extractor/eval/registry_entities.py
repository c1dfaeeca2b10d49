"""`extractor eval registry-entities`: the pipeline's entities on the project's own labels of
registry criteria (corpora/entities/, extractor/registry_entities.py).

Each labelled criterion is read back from ../shared/corpora through the unlabelled pin (its
text as pinned: white space made single spaces) and run as a document of its own; the spans
are scored as `extractor eval lct` scores entities (eval/entities.py: exact span and label,
and overlap, micro over condition, drug, procedure, measurement and observation).

Splits: `test` is the labels' "test" part, `dev` their "train" part (the shipped entity model
does not train on it unless `extractor train --registry-labels` built it; then `dev` figures
are training figures), `all` both. Per-document error listing (`--errors`, dev only) gives each
missed, false, boundary and label error with the words around it (entities.span_errors).
"""
from __future__ import annotations

from .corpora import CorpusMissing, corpora_root
from .entities import score_texts

_PARTS = {"dev": ("train",), "test": ("test",), "all": ("train", "test")}


def check_available() -> None:
    from ..training import UNLABELLED

    folder = corpora_root() / UNLABELLED[0]
    if not folder.is_dir():
        raise CorpusMissing(f"{folder} not found (the registry corpora)")


def documents(split: str) -> list[tuple[str, str, list]]:
    """(id "pin/N", text, gold spans) of the split's labelled criteria, in pinned order (the
    labels file's). Only the files that hold them are read."""
    from .. import registry_entities, unlabelled_pin
    from ..api import Extractor, Options
    from ..training import test_trials

    rows = [r for r in registry_entities.load() if r["part"] in _PARTS[split]]
    pin = unlabelled_pin.load()
    wanted = sorted(r["pin"] for r in rows)
    part = {**pin, "criteria": [pin["criteria"][i] for i in wanted], "count": len(wanted)}
    got = unlabelled_pin.read_back(part, corpora_root(), Extractor(Options(entities=False)).read,
                                   test_trials(), log=lambda _: None, check_md5=False)
    texts: list = [None] * pin["count"]
    for i, text in zip(wanted, got):
        texts[i] = text
    return [(f"pin/{row['pin']}", text, [tuple(span) for span in row["entities"]])
            for row, text in registry_entities.checked(texts, rows)]


def evaluate(split: str, errors: bool, predictor) -> dict:
    docs = documents(split)
    score, found, failed = score_texts(docs, predictor, errors)
    # (field and error: the keys the report's error lines read)
    found = [{"field": f"entities.{e.pop('label')}", "error": e.pop("kind"), **e} for e in found]
    return {"documents": len(docs), "failed_documents": failed, "fields": score.result(),
            "errors": found if errors else None, "notes": []}
