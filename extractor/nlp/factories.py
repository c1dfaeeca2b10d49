"""spaCy factories for the NLP stage, each declaring what it writes.

Register them in a pipeline with `nlp.add_pipe("extractor_subjects")`, then
"extractor_thresholds" and "extractor_context" (in that order). The package exposes them under
the `spacy_factories` entry point; importing this module registers them too.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import context, quantities, subjects
from .abbreviations import ParenthesisPairs, TokenSequences

def doc_text(doc: Doc) -> str:
    """doc.text, computed once per doc: spaCy rebuilds it from the tokens on every access."""
    text = doc.user_data.get("extractor_text")
    if text is None:
        text = doc.user_data["extractor_text"] = doc.text
    return text


EXTENSIONS = ("variables", "constraints", "constraints_logic", "negation", "exceptions")
for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def ext_key(name: str) -> tuple:
    """The doc.user_data key under which spaCy keeps the Doc extension `name` (`doc._.name`).

    The components read and write their extensions (all plain values with a None default)
    through these keys: every `doc._` access builds a new Underscore object, which costs
    more than the rules of a typical criterion."""
    return _KEYS[name]


_KEYS = {name: ("._.", name, None, None) for name in EXTENSIONS + ("abbreviations",)}
_VARIABLES, _CONSTRAINTS, _LOGIC, _NEGATION, _EXCEPTIONS, _ABBREVIATIONS = (
    _KEYS[n] for n in EXTENSIONS + ("abbreviations",))


class AbbreviationFinder:
    """scispaCy's AbbreviationDetector, with matchers that do not walk Token objects (see
    abbreviations.py), run only on texts that can define a short form: one is always introduced
    in parentheses ("absolute neutrophil count (ANC)")."""

    def __init__(self, nlp: Language):
        from scispacy.abbreviation import AbbreviationDetector

        self.detector = AbbreviationDetector(nlp)
        self.detector.matcher = ParenthesisPairs(nlp.vocab, only_candidates=True)
        self.detector.global_matcher = TokenSequences(nlp.vocab)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        if "(" in text and ")" in text:
            return self.detector(doc)
        doc.user_data[_ABBREVIATIONS] = []
        return doc


class SubjectFinder:
    def __init__(self, nlp: Language):
        self.exact, self.loose = subjects.build_matchers(nlp)

    def __call__(self, doc: Doc) -> Doc:
        found = subjects.mentions(doc, self.exact, self.loose, doc_text(doc))
        doc.user_data[_VARIABLES] = subjects.link_abbreviations(doc, found)
        return doc


class ThresholdFinder:
    """`spans=True` also puts the constraints in `doc.spans["constraints"]` (the Analyzer's
    results do not need them)."""

    def __init__(self, spans: bool = True):
        self.spans = spans

    def __call__(self, doc: Doc) -> Doc:
        data = doc.user_data
        found = data.get(_VARIABLES) or []
        # numbers inside variable names are not values ("CA 19-9", "IL-6", "CD4")
        masked = [tuple(m["span"]) for m in found if any(ch.isdigit() for ch in m["text"])]
        text = doc_text(doc)
        constraints, logic = quantities.find(text, masked)
        subjects.attach(text, constraints, found)
        data[_CONSTRAINTS] = constraints
        data[_LOGIC] = logic
        if not constraints or not self.spans:
            return doc  # creating an empty span group costs more than the rules for most criteria
        spans = []
        for c in constraints:
            span = doc.char_span(c["span"][0], c["span"][1], label=c["type"], alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["constraints"] = spans
        return doc


class ContextFinder:
    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        data = doc.user_data
        data[_NEGATION] = context.negation(text)
        data[_EXCEPTIONS] = context.exceptions(text)
        context.attach_conditions(text, data.get(_CONSTRAINTS) or [])
        return doc


@Language.factory("extractor_abbreviations", assigns=["doc._.abbreviations"])
def make_abbreviations(nlp: Language, name: str) -> AbbreviationFinder:
    return AbbreviationFinder(nlp)


@Language.factory("extractor_subjects", assigns=["doc._.variables"])
def make_subjects(nlp: Language, name: str) -> SubjectFinder:
    return SubjectFinder(nlp)


@Language.factory("extractor_thresholds",
                  assigns=["doc._.constraints", "doc._.constraints_logic", "doc.spans"],
                  requires=["doc._.variables"], default_config={"spans": True})
def make_thresholds(nlp: Language, name: str, spans: bool) -> ThresholdFinder:
    return ThresholdFinder(spans)


@Language.factory("extractor_context", assigns=["doc._.negation", "doc._.exceptions"],
                  requires=["doc._.constraints"])
def make_context(nlp: Language, name: str) -> ContextFinder:
    return ContextFinder()
