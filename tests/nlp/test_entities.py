"""A criterion's entities with the shipped model (models/entities/): present, labelled, with the
lexicon's concepts; every constraint's subject is one of them; windows get a subject where the
text names the event; negation per entity and per criterion; the model can be switched off."""
from __future__ import annotations

import pytest

from extractor.nlp import Analyzer

PREFIX = "Inclusion Criteria:\n  • "


@pytest.fixture(scope="module")
def rules_only():
    return Analyzer(entities=False)


def _run(analyzer, text: str) -> dict:
    full = PREFIX + text
    return analyzer.analyze(full, [(len(PREFIX), len(full))])[0], full


def _labelled(result: dict, full: str) -> dict[str, str]:
    return {full[e["span"][0]:e["span"][1]]: e["label"] for e in result["entities"]}


@pytest.mark.parametrize("text, mention, label", [
    ("History of myocardial infarction", "myocardial infarction", "condition"),
    ("Diagnosis of type 2 diabetes mellitus", "diabetes mellitus", "condition"),
    ("Prior treatment with bevacizumab", "bevacizumab", "drug"),
    ("Current use of warfarin or other anticoagulants", "warfarin", "drug"),
    ("Prior radiotherapy to the pelvis", "radiotherapy", "procedure"),
    ("Hemoglobin >= 9 g/dL", "Hemoglobin", "measurement"),
    ("Age 18 years or older", "Age", "demographic"),
])
def test_the_model_finds_entities(analyzer, text, mention, label):
    result, full = _run(analyzer, text)
    found = _labelled(result, full)
    assert found.get(mention) == label, found


def test_entities_hold_their_text_and_lie_inside_the_criterion(analyzer):
    text = "Patients with active hepatitis B or C infection, HIV, or uncontrolled diabetes"
    result, full = _run(analyzer, text)
    assert result["entities"]
    for e in result["entities"]:
        assert full[e["span"][0]:e["span"][1]] == e["text"]
        assert len(PREFIX) <= e["span"][0] < e["span"][1] <= len(full)
        assert isinstance(e["negated"], bool)


def test_a_lexicon_measurement_carries_its_concept(analyzer):
    result, full = _run(analyzer, "Absolute neutrophil count >= 1500/mm3")
    (subject,) = [c["subject"] for c in result["constraints"]]
    (entity,) = [e for e in result["entities"] if e["span"] == subject["span"]]
    assert entity["label"] == "measurement"
    assert entity["concept"]["code"] == "751-8" and entity["concept"] == subject["concept"]


CASES = [
    "Absolute neutrophil count (ANC) >= 1,500/mm3 within 4 weeks prior to registration",
    "Myocardial infarction within 6 months prior to enrollment",
    "At least 4 weeks since prior chemotherapy",
    "Platelets >= 100,000/mm3 and hemoglobin >= 9 g/dL",
    "Creatinine clearance >= 60 mL/min or serum creatinine <= 1.5 x ULN",
    "Life expectancy of at least 12 weeks",
    "Women must have a negative pregnancy test within 7 days before the first dose",
    "No major surgery within 28 days of randomization",
]


@pytest.mark.parametrize("which", ["model", "rules"])
@pytest.mark.parametrize("text", CASES)
def test_every_subject_is_an_entity_of_its_criterion(analyzer, rules_only, which, text):
    result, full = _run(analyzer if which == "model" else rules_only, text)
    spans = {tuple(e["span"]) for e in result["entities"]}
    for c in result["constraints"]:
        if c.get("subject"):
            assert tuple(c["subject"]["span"]) in spans, (c["subject"], result["entities"])


@pytest.mark.parametrize("text, subject", [
    ("Myocardial infarction within 6 months prior to enrollment", "Myocardial infarction"),
    ("No major surgery within 28 days of randomization", "major surgery"),
    ("Chemotherapy within 3 weeks before the first dose of study drug", "Chemotherapy"),
])
def test_windows_have_the_named_event_as_subject(analyzer, text, subject):
    result, full = _run(analyzer, text)
    windows = [c for c in result["constraints"] if c["type"] == "time"]
    assert windows and all(c.get("subject") for c in windows)
    assert subject in windows[0]["subject"]["text"]
    assert any(e["span"] == windows[0]["subject"]["span"] for e in result["entities"])


def _negated(result, full) -> dict[str, bool]:
    return {full[e["span"][0]:e["span"][1]]: e["negated"] for e in result["entities"]}


def test_negation_reaches_every_entity_of_its_scope(analyzer):
    result, full = _run(analyzer, "No history of diabetes, hypertension or stroke")
    negated = _negated(result, full)
    assert negated and all(negated.values()), negated
    assert result["negated"] is True
    assert all(e["negation"]["text"].lower() == "no" for e in result["entities"])


def test_a_terminator_ends_the_scope(analyzer):
    result, full = _run(analyzer, "No active infection; prior hepatitis B allowed")
    negated = _negated(result, full)
    assert any(v for k, v in negated.items() if "infection" in k), negated
    assert not any(v for k, v in negated.items() if "hepatitis" in k), negated


def test_pseudo_triggers_negate_nothing(analyzer):
    for text in ("Non-small cell lung cancer", "Total bilirubin no more than 1.5 x ULN",
                 "Chemotherapy with or without radiotherapy"):
        result, full = _run(analyzer, text)
        assert not any(e["negated"] for e in result["entities"]), (text, result["entities"])
        assert result["negated"] is False, text


def test_a_required_negative_result_is_not_negated(analyzer):
    result, full = _run(analyzer, "Negative pregnancy test")
    assert result["negated"] is False and result["negation"] is None
    assert not any(e["negated"] for e in result["entities"])
    result, _ = _run(analyzer, "Negative for HIV")
    assert result["negated"] is True


def test_without_the_model_entities_are_the_lexicon_and_the_subjects(rules_only):
    result, full = _run(rules_only, "History of myocardial infarction; hemoglobin >= 9 g/dL")
    assert [(e["text"], e["label"]) for e in result["entities"]] == [("hemoglobin", "measurement")]


def test_two_pipelines_each_read_their_own_vectors(analyzer):
    """The vectors look words up in their pipeline's string store: a second pipeline must not
    take the first one's table (words only the first has seen would be unknown to it)."""
    other = Analyzer()
    for a, word in ((other, "Zyxwvutronic"), (analyzer, "Qwertyplasmic")):
        result, full = _run(a, f"{word} hepatopathy")   # a word only this pipeline has seen
        assert isinstance(result["entities"], list)
