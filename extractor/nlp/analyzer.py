"""The NLP stage's entry point: one pipeline built once, criterion spans in, plain dicts out."""
from __future__ import annotations

from typing import Iterable

from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc

from . import factories
from .assertion import criterion_triggers, restates_exclusion
from .entities import add_model, criterion_entities, criterion_negation, trigger_keys
from .accounting import account, masked_spans, quiet_words, shifted
from .extensions import CONSTRAINTS as _CONSTRAINTS
from .extensions import EXCEPTIONS as _EXCEPTIONS
from .extensions import LOGIC as _LOGIC
from .extensions import MASKED as _MASKED
from .extensions import NEGATION as _NEGATION
from .extensions import VARIABLES as _VARIABLES
from .extensions import TEXT as _TEXT
from .extensions import WORDS as _WORDS
from .extensions import doc_text
from .quantities import letter_words
from .subjects import case_sensitive, lexicon_forms
from .subjects import variables as _lexicon
from .tokenizer import blank
from .components import doc_words
from .token_screen import TextDoc, TokenScreen
from .trigger_screen import TriggerScreen
from .windows.common import FIRST_COLUMN

_PRIVATE = ("_age", "_warnings")


def _each(call, docs: list, columns: list[int], starts: list[int] | None = None) -> list:
    """`call(doc)` (or `call(doc, start)`) for each doc in turn, the column its criterion starts at
    on its line set for the window readers (windows.common.FIRST_COLUMN)."""
    out = []
    first = None
    current = FIRST_COLUMN.get()
    try:
        for k, doc in enumerate(docs):
            if columns[k] != current:  # (most criteria of a list start at the same column)
                current = columns[k]
                token = FIRST_COLUMN.set(current)
                first = first or token
            out.append(call(doc) if starts is None else call(doc, starts[k]))
    finally:
        if first is not None:
            FIRST_COLUMN.reset(first)
    return out


class Analyzer:
    """`Analyzer().analyze(text, items)`: one result dict per (start, end) criterion span, with
    the criterion's fields of the record ("constraints", "negated", "negation", "entities", ...)
    and, where the negation cue found restates an exclusion ("will be excluded"), the negation an
    exclusion criterion takes instead ("exclusion_negation": None or a cue; see records.py)."""

    def __init__(self, batch_size: int = 256, entities: bool = True):
        nlp = blank()
        for name in (factories.ABBREVIATIONS, factories.SUBJECTS, factories.THRESHOLDS, factories.CONTEXT):
            nlp.add_pipe(name)
        if entities:  # the trained recogniser (entities.py): the costliest step, so optional
            add_model(nlp)
        self.nlp = nlp
        self.batch_size = batch_size
        self.entities = entities
        self._trigger_screen = TriggerScreen(trigger_keys())
        # without the model, most criteria need no tokens (token_screen.py)
        self._token_screen = None if entities else TokenScreen(nlp, lexicon_forms(), case_sensitive)
        # the components, in order: the pipeline is fixed once built (spaCy builds the list anew
        # on every `nlp.pipeline`, which cost a tenth of a short document's analysis)
        self.procs = [proc for _, proc in nlp.pipeline]

    def analyze(self, text: str, items: Iterable[tuple[int, int]]) -> list[dict]:
        items = list(items)
        # What nlp.pipe does for components without a `pipe` method, minus its generator chain:
        # each component runs over a batch of docs in turn, which keeps its rules and tables in
        # the processor's caches (measured 4-10% faster than one doc through every component).
        make_doc = self.make_doc
        procs = self.procs
        results = []
        for at in range(0, len(items), self.batch_size):
            batch = items[at:at + self.batch_size]
            docs = [make_doc(text[start:end]) for start, end in batch]
            # where each criterion starts on its line (windows.common.FIRST_COLUMN)
            columns = [start - text.rfind("\n", 0, start) - 1 for start, _ in batch]
            for proc in procs:
                # the trained model runs a batch at once; the rules one doc at a time
                docs = list(proc.pipe(docs, batch_size=len(docs))) if isinstance(proc, EntityRecognizer) \
                    else _each(proc, docs, columns)
            results.extend(_each(self._result, docs, columns, [start for start, _ in batch]))
        return results

    def make_doc(self, text: str) -> Doc | TextDoc:
        """The criterion's Doc: tokenized where a component reads tokens, else a TextDoc
        carrying its text and letter words (what the tokenizer and doc_words would store)."""
        if self._token_screen is None:
            return self.nlp.make_doc(text)
        words = letter_words(text.lower())
        if not self._token_screen.needed(text, words):
            return TextDoc({_TEXT: text, _WORDS: words})
        doc = self.nlp.make_doc(text)
        doc.user_data[_WORDS] = words
        return doc

    def _result(self, doc, offset: int) -> dict:
        """The result for one doc, read from its extension values (doc.user_data)."""
        data = doc.user_data
        variables = data.get(_VARIABLES) or ()
        own = data.get(_CONSTRAINTS) or ()   # doc-relative, as every step below reads them
        text = doc_text(doc)
        # before the constraints are shifted: entities may give a window its subject
        # (the screen rules out most criteria from their letter words)
        words = doc_words(doc)
        cues = () if self._trigger_screen.absent(text, words) else criterion_triggers(text, words)
        if not own and not variables and not cues and not self.entities and data.get(_NEGATION) is None:
            # nothing found in the criterion (most of them): the result below with every step
            # given empty inputs, which find nothing (test_fast_paths compares the two)
            return self._bare_result(doc, text, data, offset)
        return self._full_result(doc, offset, text, data, variables, own, cues)

    def _full_result(self, doc, offset: int, text: str, data: dict, variables, own, cues) -> dict:
        """_result read in full: `variables`, `own` (the doc-relative constraints) and `cues` (the
        text's triggers, or () where the screen rules them out) as _result found them."""
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents] if self.entities else ()
        found = criterion_entities(text, ents, variables, own, _lexicon(), cues)
        # every number accounted for, from the doc-relative constraints before they are shifted
        words = doc_words(doc)
        if quiet_words(text, words):  # no number in the text (most criteria)
            unparsed, ignored = [], []
        else:  # with the spans the thresholds masked (doc._.masked; found again only without them)
            names, forms = data.get(_MASKED) or masked_spans(text, variables)
            unparsed, ignored = account(text, own, names, forms, words)
        constraints = [{k: v if type(v) in _PLAIN else _SHIFT[type(v)](v, offset) if k != "span"
                        else [v[0] + offset, v[1] + offset]
                        for k, v in c.items() if k not in _PRIVATE}
                       for c in own]
        # (a value constraint is a named thing a trigger may qualify)
        negation = criterion_negation(text, data.get(_NEGATION), found, cues, constraints=own)
        # an exclusion criterion does not take a cue that restates the exclusion ("will be
        # excluded"): its own cue, told apart only where the cue found is such a one
        restated = negation is not None and restates_exclusion(negation["text"])
        if restated:
            in_exclusion = criterion_negation(text, data.get(_NEGATION), found, cues, exclusion=True,
                                              constraints=own)
            if in_exclusion is not None:
                in_exclusion = _shifted(in_exclusion, offset)
        if negation is not None:
            negation = _shifted(negation, offset)
        exceptions = [{"text": e["text"], "span": [e["span"][0] + offset, e["span"][1] + offset]}
                      for e in data.get(_EXCEPTIONS) or ()]
        warnings = [_shifted(w, offset) for c in own for w in c.get("_warnings") or ()]
        entities = [_shifted(ent, offset) for ent in found]
        result = {
            "constraints": constraints,
            "constraints_logic": data.get(_LOGIC) or "all",
            "negated": negation is not None,
            "negation": negation,
            "exceptions": exceptions,
            "entities": entities,
            "unparsed": shifted(unparsed, offset) if unparsed else [],
            "ignored": shifted(ignored, offset) if ignored else [],
            "warnings": warnings,
        }
        if restated:  # (records.build_record reads it for an exclusion criterion)
            result["exclusion_negation"] = in_exclusion
        return result

    def _bare_result(self, doc, text: str, data: dict, offset: int) -> dict:
        """_result for a doc with no constraint, no variable, no trigger, no opening negation
        cue and no entity model: no entity, no negation and no warning can come of it; only its
        numbers (accounted for) and its exceptions remain to be read."""
        words = doc_words(doc)
        if quiet_words(text, words):
            unparsed = ignored = ()
        else:
            names, forms = data.get(_MASKED) or masked_spans(text, ())
            unparsed, ignored = account(text, (), names, forms, words)
        found = data.get(_EXCEPTIONS)
        return {
            "constraints": [],
            "constraints_logic": data.get(_LOGIC) or "all",
            "negated": False,
            "negation": None,
            "exceptions": [{"text": e["text"], "span": [e["span"][0] + offset, e["span"][1] + offset]}
                           for e in found] if found else [],
            "entities": [],
            "unparsed": shifted(unparsed, offset) if unparsed else [],
            "ignored": shifted(ignored, offset) if ignored else [],
            "warnings": [],
        }


def _shifted(obj, offset: int):
    """A copy of `obj` with every "span" made absolute (the doc-relative original is untouched)."""
    return _SHIFT[type(obj)](obj, offset)


def _shifted_dict(obj: dict, offset: int) -> dict:
    return {key: value if type(value) in _PLAIN else [value[0] + offset, value[1] + offset] if key == "span"
            else _SHIFT[type(value)](value, offset)
            for key, value in obj.items()}


def _shifted_list(obj: list, offset: int) -> list:
    return [value if type(value) in _PLAIN else _SHIFT[type(value)](value, offset) for value in obj]


# Values kept as they are, tested before the copier lookup (most values of a result are these).
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _same(obj, offset: int):
    return obj


class _Shifters(dict):
    """type -> copier: dicts and lists (and their subclasses) are copied, anything else kept."""

    def __missing__(self, kind):
        fn = _shifted_dict if issubclass(kind, dict) else _shifted_list if issubclass(kind, list) else _same
        self[kind] = fn
        return fn


_SHIFT = _Shifters()
