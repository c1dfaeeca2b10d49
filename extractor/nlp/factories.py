"""spaCy factories for the NLP stage, each declaring what it writes.

Register them in a pipeline with `nlp.add_pipe("extractor_subjects")`, then
"extractor_thresholds" and "extractor_context" (in that order). The package exposes them under
the `spacy_factories` entry point; importing this module registers them too.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import context, quantities, subjects

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


class AbbreviationFinder:
    """scispaCy's AbbreviationDetector, run only on texts that can define one: a short form is
    always introduced in parentheses ("absolute neutrophil count (ANC)")."""

    def __init__(self, nlp: Language):
        from scispacy.abbreviation import AbbreviationDetector

        self.detector = AbbreviationDetector(nlp)

    def __call__(self, doc: Doc) -> Doc:
        if "(" in doc_text(doc):
            return self.detector(doc)
        doc._.abbreviations = []
        return doc


class SubjectFinder:
    def __init__(self, nlp: Language):
        self.exact, self.loose = subjects.build_matchers(nlp)

    def __call__(self, doc: Doc) -> Doc:
        found = subjects.mentions(doc, self.exact, self.loose, doc_text(doc))
        doc._.variables = subjects.link_abbreviations(doc, found)
        return doc


class ThresholdFinder:
    def __call__(self, doc: Doc) -> Doc:
        found = doc._.variables or []
        # numbers inside variable names are not values ("CA 19-9", "IL-6", "CD4")
        masked = [tuple(m["span"]) for m in found if any(ch.isdigit() for ch in m["text"])]
        text = doc_text(doc)
        constraints, logic = quantities.find(text, masked)
        subjects.attach(text, constraints, found)
        doc._.constraints = constraints
        doc._.constraints_logic = logic
        if not constraints:
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
        doc._.negation = context.negation(text)
        doc._.exceptions = context.exceptions(text)
        context.attach_conditions(text, doc._.constraints or [])
        return doc


@Language.factory("extractor_abbreviations", assigns=["doc._.abbreviations"])
def make_abbreviations(nlp: Language, name: str) -> AbbreviationFinder:
    return AbbreviationFinder(nlp)


@Language.factory("extractor_subjects", assigns=["doc._.variables"])
def make_subjects(nlp: Language, name: str) -> SubjectFinder:
    return SubjectFinder(nlp)


@Language.factory("extractor_thresholds",
                  assigns=["doc._.constraints", "doc._.constraints_logic", "doc.spans"],
                  requires=["doc._.variables"])
def make_thresholds(nlp: Language, name: str) -> ThresholdFinder:
    return ThresholdFinder()


@Language.factory("extractor_context", assigns=["doc._.negation", "doc._.exceptions"],
                  requires=["doc._.constraints"])
def make_context(nlp: Language, name: str) -> ContextFinder:
    return ContextFinder()
