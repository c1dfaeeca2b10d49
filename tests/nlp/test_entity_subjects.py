"""A constraint's subject that no entity has is added as an entity labelled by its concept, else
`other` (extractor/nlp/entities.py): never as one more entity of the label of what it holds."""
from __future__ import annotations

from extractor.nlp.entities import criterion_entities
from extractor.nlp.subjects import variables as lexicon


def _span(text: str, part: str) -> list[int]:
    s = text.index(part)
    return [s, s + len(part)]


def _entities(text: str, ents, constraints) -> dict[str, str]:
    found = criterion_entities(text, ents, [], constraints, lexicon())
    assert all(text[e["span"][0]:e["span"][1]] == e["text"] for e in found)
    return {e["text"]: e["label"] for e in found}


def test_a_subject_holding_a_tagged_entity_is_other():
    text = "No prior chemotherapy within 4 weeks"
    model = [(*_span(text, "chemotherapy"), "procedure")]
    window = {"type": "time", "span": _span(text, "within 4 weeks"),
              "subject": {"text": "prior chemotherapy", "span": _span(text, "prior chemotherapy")}}
    assert _entities(text, model, [window]) == {"prior chemotherapy": "other", "chemotherapy": "procedure"}


def test_a_subject_the_model_tagged_keeps_the_models_label():
    text = "No chemotherapy within 4 weeks"
    model = [(*_span(text, "chemotherapy"), "procedure")]
    window = {"type": "time", "span": _span(text, "within 4 weeks"),
              "subject": {"text": "chemotherapy", "span": _span(text, "chemotherapy")}}
    assert _entities(text, model, [window]) == {"chemotherapy": "procedure"}


def test_a_subject_with_a_concept_is_labelled_by_it():
    text = "Hemoglobin level >= 9 g/dL"
    model = [(*_span(text, "Hemoglobin"), "measurement")]
    value = {"type": "value", "span": _span(text, ">= 9 g/dL"),
             "subject": {"text": "Hemoglobin level", "span": _span(text, "Hemoglobin level"),
                         "concept": {"name": "hemoglobin", "system": "http://loinc.org", "code": "718-7"}}}
    assert _entities(text, model, [value]) == {"Hemoglobin level": "measurement", "Hemoglobin": "measurement"}
