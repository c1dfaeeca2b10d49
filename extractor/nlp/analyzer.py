"""The NLP stage's entry point: one pipeline built once, criterion spans in, plain dicts out."""
from __future__ import annotations

from collections import OrderedDict
from typing import Iterable

import spacy

from . import factories
from .accounting import account, quiet, shifted
from .extensions import CONSTRAINTS as _CONSTRAINTS
from .extensions import EXCEPTIONS as _EXCEPTIONS
from .extensions import LOGIC as _LOGIC
from .extensions import NEGATION as _NEGATION
from .extensions import VARIABLES as _VARIABLES
from .extensions import doc_text
from .tokenizer import customize

_PRIVATE = ("_age", "_warnings")


class Analyzer:
    """`Analyzer().analyze(text, items)`: one result dict per (start, end) criterion span.

    A criterion's result depends on its text alone (every span in it is relative to the
    criterion until it is moved to the document's offsets), and registries repeat criteria
    word for word across trials ("Pregnant or breastfeeding women", "Not specified"): the
    last `memo_size` criterion texts keep their relative results, and a repeated text is only
    moved to its offsets. The results are the same with or without it."""

    def __init__(self, batch_size: int = 256, memo_size: int = 8192):
        nlp = customize(spacy.blank("en"))
        for name in (factories.ABBREVIATIONS, factories.SUBJECTS, factories.THRESHOLDS, factories.CONTEXT):
            nlp.add_pipe(name)
        self.nlp = nlp
        self.batch_size = batch_size
        self.memo_size = memo_size
        self._memo: OrderedDict[str, tuple] = OrderedDict()

    def clear_memo(self) -> None:
        """Forget the remembered criteria (benchmarks time cold runs with it)."""
        self._memo.clear()

    def analyze(self, text: str, items: Iterable[tuple[int, int]]) -> list[dict]:
        items = list(items)
        memo = self._memo
        results: list = [None] * len(items)
        todo = []
        for n, (start, end) in enumerate(items):
            key = text[start:end]
            rel = memo.get(key)
            if rel is None:
                todo.append(n)
            else:
                memo.move_to_end(key)
                results[n] = _absolute(rel, start)
        # What nlp.pipe does for components without a `pipe` method, minus its generator chain:
        # each component runs over a batch of docs in turn, which keeps its rules and tables in
        # the processor's caches (measured 4-10% faster than one doc through every component).
        make_doc = self.nlp.make_doc
        procs = [proc for _, proc in self.nlp.pipeline]
        for at in range(0, len(todo), self.batch_size):
            batch = todo[at:at + self.batch_size]
            spans = [items[n] for n in batch]
            keys = [text[start:end] for start, end in spans]
            docs = [make_doc(key) for key in keys]
            for proc in procs:
                docs = [proc(doc) for doc in docs]
            silent = quiet(text, spans)
            for n, key, doc, q in zip(batch, keys, docs, silent):
                rel = self._relative(doc, q)
                if self.memo_size:
                    memo[key] = rel
                    if len(memo) > self.memo_size:
                        memo.popitem(last=False)
                results[n] = _absolute(rel, items[n][0])
        return results

    def _result(self, doc, offset: int, quiet: bool = False) -> dict:
        """The result for one doc, its spans moved by `offset`."""
        return _absolute(self._relative(doc, quiet), offset)

    @staticmethod
    def _relative(doc, quiet: bool = False) -> tuple:
        """What the result of one doc is made of, read from its extension values
        (doc.user_data), spans relative to the doc; `quiet`: its text holds no number (see
        accounting.quiet). The values are not copied: nothing changes them after the pipeline."""
        data = doc.user_data
        variables = data.get(_VARIABLES) or ()
        constraints = data.get(_CONSTRAINTS) or ()
        # every number accounted for, from the doc-relative constraints
        unparsed, ignored = ([], []) if quiet else account(
            doc_text(doc), constraints,
            [tuple(m["span"]) for m in variables if any(ch.isdigit() for ch in m["text"])])
        return (constraints, data.get(_LOGIC) or "all", data.get(_NEGATION), data.get(_EXCEPTIONS) or (),
                variables, unparsed, ignored)


def _absolute(rel: tuple, offset: int) -> dict:
    """A result dict from `Analyzer._relative`'s parts: new dicts and lists, every span moved
    by `offset` (the parts themselves are left as they are, to be used again)."""
    constraints, logic, negation, exceptions, variables, unparsed, ignored = rel
    out_constraints = [{k: _SHIFT[type(v)](v, offset) if k != "span" else [v[0] + offset, v[1] + offset]
                        for k, v in c.items() if k not in _PRIVATE}
                       for c in constraints]
    if negation is not None:
        negation = _shifted(negation, offset)
    return {
        "constraints": out_constraints,
        "constraints_logic": logic,
        "negated": negation is not None,
        "negation": negation,
        "exceptions": [{"text": e["text"], "span": [e["span"][0] + offset, e["span"][1] + offset]}
                       for e in exceptions],
        "entities": [{"text": m["text"], "span": [m["span"][0] + offset, m["span"][1] + offset],
                      "label": "variable", "concept": m["name"]}
                     for m in variables],
        "unparsed": shifted(unparsed, offset) if unparsed else [],
        "ignored": shifted(ignored, offset) if ignored else [],
        "warnings": [_shifted(w, offset) for c in constraints for w in c.get("_warnings") or ()],
    }


def _shifted(obj, offset: int):
    """A copy of `obj` with every "span" made absolute (the doc-relative original is untouched)."""
    return _SHIFT[type(obj)](obj, offset)


def _shifted_dict(obj: dict, offset: int) -> dict:
    return {key: [value[0] + offset, value[1] + offset] if key == "span" else _SHIFT[type(value)](value, offset)
            for key, value in obj.items()}


def _shifted_list(obj: list, offset: int) -> list:
    return [_SHIFT[type(value)](value, offset) for value in obj]


def _same(obj, offset: int):
    return obj


class _Shifters(dict):
    """type -> copier: dicts and lists (and their subclasses) are copied, anything else kept."""

    def __missing__(self, kind):
        fn = _shifted_dict if issubclass(kind, dict) else _shifted_list if issubclass(kind, list) else _same
        self[kind] = fn
        return fn


_SHIFT = _Shifters()
