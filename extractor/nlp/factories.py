"""spaCy factories for the NLP stage: versioned names, and what each component truly assigns
and requires (`nlp.analyze_pipes()` reports a pipeline that breaks them).

    nlp.add_pipe("extractor_abbreviations_v1")   # scispaCy's detector, sped up
    nlp.add_pipe("extractor_subjects_v1")        # variable mentions
    nlp.add_pipe("extractor_thresholds_v1")      # constraints
    nlp.add_pipe("extractor_context_v1")         # negation, exceptions, conditions on constraints
    nlp.add_pipe("extractor_constraint_spans_v1")  # optional: doc.spans["constraints"]

The package exposes them under the `spacy_factories` entry point, so a pipeline that names them
finds them without importing this module; importing it registers them too.
"""
from __future__ import annotations

from spacy.language import Language

from .components import (AbbreviationFinder, ConstraintSpans, ContextFinder, SubjectFinder,
                         ThresholdFinder)

ABBREVIATIONS = "extractor_abbreviations_v1"
SUBJECTS = "extractor_subjects_v1"
THRESHOLDS = "extractor_thresholds_v1"
CONTEXT = "extractor_context_v1"
CONSTRAINT_SPANS = "extractor_constraint_spans_v1"


@Language.factory(ABBREVIATIONS, assigns=["doc._.abbreviations"])
def make_abbreviations(nlp: Language, name: str) -> AbbreviationFinder:
    return AbbreviationFinder(nlp)


@Language.factory(SUBJECTS, assigns=["doc._.variables"], requires=["doc._.abbreviations"])
def make_subjects(nlp: Language, name: str) -> SubjectFinder:
    return SubjectFinder(nlp)


@Language.factory(THRESHOLDS, assigns=["doc._.constraints", "doc._.constraints_logic", "doc._.masked"],
                  requires=["doc._.variables"])
def make_thresholds(nlp: Language, name: str) -> ThresholdFinder:
    return ThresholdFinder()


# The context component adds the condition a constraint holds under ("if ...") to the
# constraints it is given: it assigns doc._.constraints as well as reading it.
@Language.factory(CONTEXT, assigns=["doc._.negation", "doc._.exceptions", "doc._.constraints"],
                  requires=["doc._.constraints"])
def make_context(nlp: Language, name: str) -> ContextFinder:
    return ContextFinder()


@Language.factory(CONSTRAINT_SPANS, assigns=["doc.spans"], requires=["doc._.constraints"])
def make_constraint_spans(nlp: Language, name: str) -> ConstraintSpans:
    return ConstraintSpans()
