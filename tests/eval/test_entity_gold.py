"""Gold entities for training and scoring: the corpora's types mapped by
models/entity_labels.json, discontinuous ones skipped, overlapping ones reduced to the longest;
and the entity scores (exact and overlap, per label and micro over five labels)."""
from __future__ import annotations

import copy

import pytest

from extractor.eval.brat import parse_ann
from extractor.eval.entities import EntityScore, negation_cues
from extractor.eval.entity_gold import gold_entities, mapping, non_overlapping
from extractor.resources import RuleFileError, check_rules

TEXT = "Hemoglobin < 9, BMI > 30, smoker, heart failure, aspirin, age 18, ICU stay, pain"
#       0         1         2         3         4         5         6         7


def _ann(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def _span(word: str) -> str:
    s = TEXT.index(word)
    return f"{s} {s + len(word)}\t{word}"


def test_lct_types_map_onto_the_labels():
    ann = parse_ann(_ann([
        f"T1\tObservation {_span('Hemoglobin')}", "E1\tObservation:T1", "A1\tObservation-Type-Value E1 lab",
        f"T2\tObservation {_span('BMI')}",            # untyped, but a lexicon variable
        f"T3\tObservation {_span('smoker')}", "E3\tObservation:T3", "A3\tObservation-Type-Value E3 social-habit",
        f"T4\tCondition {_span('heart failure')}",
        f"T5\tCondition-Name {_span('heart failure')}",   # a name part: not an entity of its own
        f"T6\tDrug {_span('aspirin')}",
        f"T7\tAge {_span('age')}",
        f"T8\tEncounter {_span('ICU stay')}",
        f"T9\tObservation {_span('pain')}",           # untyped, not a variable
    ]))
    got = {TEXT[s:e]: label for s, e, label in gold_entities(ann, "lct", TEXT)}
    assert got == {"Hemoglobin": "measurement", "BMI": "measurement", "smoker": "observation",
                   "heart failure": "condition", "aspirin": "drug", "age": "demographic",
                   "ICU stay": "other", "pain": "observation"}


def test_discontinuous_drifted_and_overlapping_annotations():
    s = TEXT.index("heart failure")
    ann = parse_ann(_ann([
        f"T1\tCondition {s} {s + 5};{s + 6} {s + 13}\theart failure",     # two fragments
        f"T2\tCondition {s + 6} {s + 13}\tfailure",
        f"T3\tCondition {s} {s + 13}\theart failure",
        f"T4\tDrug {_span('aspirin')}".replace("aspirin", "aspirun"),      # text differs: drift
    ]))
    assert gold_entities(ann, "chia", TEXT) == [(s, s + 13, "condition")]
    assert non_overlapping([(0, 5, "a"), (3, 9, "b"), (9, 10, "c")]) == [(3, 9, "b"), (9, 10, "c")]


def test_the_mapping_file_is_validated():
    bad = copy.deepcopy(mapping())
    bad["corpora"]["lct"]["Condition"] = "disease"
    with pytest.raises(RuleFileError):
        check_rules(bad, "rules/entity_labels.schema.json", "models/entity_labels.json")


def test_entity_scores():
    score = EntityScore()
    gold = [(0, 10, "measurement"), (20, 30, "condition"), (40, 45, "drug"), (50, 53, "demographic")]
    pred = [(0, 10, "measurement"), (22, 30, "condition"), (40, 45, "condition"), (60, 64, "other")]
    score.score(gold, pred)
    got = score.result()
    assert (got["entities.exact.micro5"]["tp"], got["entities.exact.micro5"]["fp"],
            got["entities.exact.micro5"]["fn"]) == (1, 2, 2)
    assert (got["entities.overlap.micro5"]["tp"], got["entities.overlap.micro5"]["fp"],
            got["entities.overlap.micro5"]["fn"]) == (2, 1, 1)
    assert got["entities.exact.demographic"]["fn"] == 1 and got["entities.exact.other"]["fp"] == 1


def test_negation_cues_are_the_criteria_and_the_entities_once():
    record = {"criteria": [{"entities": [
        {"span": [3, 9], "negated": True, "negation": {"text": "no", "span": [0, 2]}},
        {"span": [14, 20], "negated": True, "negation": {"text": "without", "span": [10, 13]}},
        {"span": [21, 25], "negated": False}]}]}
    assert negation_cues(record, [(0, 2)]) == [(0, 2), (10, 13)]


def test_overlapping_cues_count_once():
    record = {"criteria": [{"entities": [
        {"span": [14, 20], "negated": True, "negation": {"text": "no", "span": [0, 2]}}]}]}
    assert negation_cues(record, [(0, 13)]) == [(0, 13)]
