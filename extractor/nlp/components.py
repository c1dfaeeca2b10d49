"""The NLP stage's spaCy components: what each reads from and writes to a Doc (through the
extension keys of extensions.py). They are registered as factories in factories.py."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import context, quantities, subjects
from .accounting import masked_spans
from .abbreviations import ParenthesisPairs, TokenSequences, may_define
from .extensions import (ABBREVIATIONS_KEY, CONSTRAINTS, EXCEPTIONS, LOGIC, MASKED, NEGATION,
                         VARIABLES, WORDS, doc_text)


def doc_words(doc: Doc) -> set[str]:
    """The runs of a-z of the lower-cased text (quantities.letter_words), found once per doc
    (user_data[WORDS]): the thresholds, the form fields and the exceptions each skip their
    rules when the words those need are absent."""
    words = doc.user_data.get(WORDS)
    if words is None:
        words = doc.user_data[WORDS] = quantities.letter_words(doc_text(doc).lower())
    return words


class AbbreviationFinder:
    """scispaCy's AbbreviationDetector, with matchers that do not walk Token objects (see
    abbreviations.py), run only on texts that can define a short form: one is always introduced
    in parentheses ("absolute neutrophil count (ANC)"), and not on a doc left untokenized (its
    text holds no lexicon mention for a short form to name, token_screen.py)."""

    def __init__(self, nlp: Language):
        from scispacy.abbreviation import AbbreviationDetector

        self.detector = AbbreviationDetector(nlp)
        self.detector.matcher = ParenthesisPairs(nlp.vocab, only_candidates=True)
        self.detector.global_matcher = TokenSequences(nlp.vocab)

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) and may_define(doc_text(doc)):
            return self.detector(doc)
        doc.user_data[ABBREVIATIONS_KEY] = []
        return doc


class SubjectFinder:
    def __init__(self, nlp: Language):
        self.exact, self.loose = subjects.build_matchers(nlp)

    def __call__(self, doc: Doc) -> Doc:
        # a doc left untokenized (token_screen.py) holds no mention
        found = subjects.mentions(doc, self.exact, self.loose, doc_text(doc)) if len(doc) else []
        doc.user_data[VARIABLES] = subjects.link_abbreviations(doc, found)
        return doc


class ThresholdFinder:
    def __call__(self, doc: Doc) -> Doc:
        data = doc.user_data
        found = data.get(VARIABLES) or []
        text = doc_text(doc)
        # Found once here and kept on the doc (doc._.masked): the accounting of the criterion's
        # numbers names the same spans as the reason a number is not a value.
        words = doc_words(doc)
        names, forms = data[MASKED] = masked_spans(text, found, words)
        constraints, logic = quantities.find(text, names + forms, words)
        subjects.attach(text, constraints, found)
        data[CONSTRAINTS] = constraints
        data[LOGIC] = logic
        return doc


class ConstraintSpans:
    """`doc.spans["constraints"]`: the constraints as spaCy spans, for pipelines that want them
    (the Analyzer's results do not, and leaves this component out)."""

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for c in doc.user_data.get(CONSTRAINTS) or ():
            span = doc.char_span(c["span"][0], c["span"][1], label=c["type"], alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["constraints"] = spans
        return doc


class ContextFinder:
    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        data = doc.user_data
        words = doc_words(doc)
        data[NEGATION] = context.negation(text, words)
        data[EXCEPTIONS] = context.exceptions(text, words)
        context.attach_conditions(text, data.get(CONSTRAINTS) or [])
        return doc
