"""The NLP stage's entry point: one pipeline built once, criterion spans in, plain dicts out."""
from __future__ import annotations

import warnings
from typing import Iterable

import spacy

from . import factories  # noqa: F401  (registers the extractor_* factories)
from .tokenizer import customize

_PRIVATE = ("_age",)


class Analyzer:
    """`Analyzer().analyze(text, items)`: one result dict per (start, end) criterion span."""

    def __init__(self, abbreviations: bool = True, batch_size: int = 256):
        nlp = customize(spacy.blank("en"))
        if abbreviations:
            nlp.add_pipe("extractor_abbreviations")
        nlp.add_pipe("extractor_subjects")
        nlp.add_pipe("extractor_thresholds")
        nlp.add_pipe("extractor_context")
        self.nlp = nlp
        self.batch_size = batch_size

    def analyze(self, text: str, items: Iterable[tuple[int, int]]) -> list[dict]:
        items = list(items)
        with warnings.catch_warnings():
            # scispaCy's detector warns on every doc that its optional global matcher is empty
            warnings.filterwarnings("ignore", message=r".*\[W036\]")
            docs = self.nlp.pipe((text[s:e] for s, e in items), batch_size=self.batch_size)
            return [self._result(doc, start) for doc, (start, _) in zip(docs, items)]

    def _result(self, doc, offset: int) -> dict:
        constraints = [_shifted({k: v for k, v in c.items() if k not in _PRIVATE}, offset)
                       for c in doc._.constraints or []]
        negation = _shifted(doc._.negation, offset)
        exceptions = [_shifted({"text": e["text"], "span": e["span"]}, offset) for e in doc._.exceptions or []]
        entities = [_shifted({"text": m["text"], "span": m["span"], "label": "variable",
                              "concept": m["name"]}, offset) for m in doc._.variables or []]
        return {
            "constraints": constraints,
            "constraints_logic": doc._.constraints_logic or "all",
            "negated": negation is not None,
            "negation": negation,
            "exceptions": exceptions,
            "entities": entities,
        }


def _shifted(obj, offset: int):
    """A copy of `obj` with every "span" made absolute (the doc-relative original is untouched)."""
    if isinstance(obj, dict):
        return {key: ([value[0] + offset, value[1] + offset] if key == "span" else _shifted(value, offset))
                for key, value in obj.items()}
    if isinstance(obj, list):
        return [_shifted(value, offset) for value in obj]
    return obj
