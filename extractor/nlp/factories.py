"""spaCy factories for the NLP stage, each declaring what it writes.

Register them in a pipeline with `nlp.add_pipe("extractor_subjects")`, then
"extractor_thresholds" and "extractor_context" (in that order). The package exposes them under
the `spacy_factories` entry point; importing this module registers them too.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import context, quantities, subjects

EXTENSIONS = ("variables", "constraints", "constraints_logic", "negation", "exceptions")
for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class SubjectFinder:
    def __init__(self, nlp: Language):
        self.exact, self.loose = subjects.build_matchers(nlp)

    def __call__(self, doc: Doc) -> Doc:
        found = subjects.mentions(doc, self.exact, self.loose)
        doc._.variables = subjects.link_abbreviations(doc, found)
        return doc


class ThresholdFinder:
    def __call__(self, doc: Doc) -> Doc:
        found = doc._.variables or []
        # numbers inside variable names are not values ("CA 19-9", "IL-6", "CD4")
        masked = [tuple(m["span"]) for m in found if any(ch.isdigit() for ch in m["text"])]
        constraints, logic = quantities.find(doc.text, masked)
        subjects.attach(doc.text, constraints, found)
        doc._.constraints = constraints
        doc._.constraints_logic = logic
        spans = []
        for c in constraints:
            span = doc.char_span(c["span"][0], c["span"][1], label=c["type"], alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["constraints"] = spans
        return doc


class ContextFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.negation = context.negation(doc.text)
        doc._.exceptions = context.exceptions(doc.text)
        context.attach_conditions(doc.text, doc._.constraints or [])
        return doc


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
