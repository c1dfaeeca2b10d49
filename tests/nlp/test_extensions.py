"""The components' contracts with spaCy: the extension keys are spaCy's own, and what each
factory declares it assigns and requires holds in the pipeline the Analyzer builds."""
from __future__ import annotations

import spacy

from extractor.nlp import extensions, factories
from extractor.nlp.tokenizer import customize


def test_user_data_keys_are_what_doc_underscore_reads():
    nlp = spacy.blank("en")
    doc = nlp("ANC 1500")
    for name, key in extensions.KEYS.items():
        if not doc.has_extension(name):
            continue  # scispaCy declares `abbreviations` when its detector is built
        doc.user_data[key] = [name]
        assert getattr(doc._, name) == [name]


def test_the_pipeline_meets_every_declared_requirement():
    nlp = customize(spacy.blank("en"))
    for name in (factories.ABBREVIATIONS, factories.SUBJECTS, factories.THRESHOLDS,
                 factories.CONTEXT, factories.CONSTRAINT_SPANS):
        nlp.add_pipe(name)
    report = nlp.analyze_pipes()
    assert not any(report["problems"].values()), report["problems"]
    assert "doc._.constraints" in report["attrs"] and report["attrs"]["doc._.constraints"]["assigns"] == [
        factories.THRESHOLDS, factories.CONTEXT]


def test_a_pipeline_without_the_abbreviations_reports_the_missing_requirement():
    nlp = customize(spacy.blank("en"))
    nlp.add_pipe(factories.SUBJECTS)
    assert nlp.analyze_pipes()["problems"][factories.SUBJECTS] == ["doc._.abbreviations"]


def test_factory_names_carry_a_version():
    for name in (factories.ABBREVIATIONS, factories.SUBJECTS, factories.THRESHOLDS,
                 factories.CONTEXT, factories.CONSTRAINT_SPANS):
        assert name.startswith("extractor_") and name.endswith("_v1")
