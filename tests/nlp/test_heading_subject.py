"""Items under a label that names their measure (the NCI PDQ layout: "Age:" then "- 70 and
under", "Life expectancy:" then "- At least 12 weeks"): positives and negatives."""
from __future__ import annotations

import pytest

from extractor.api import Extractor
from extractor.nlp import Analyzer

PDQ = ("Eligibility Criteria:\n\nPATIENT CHARACTERISTICS:\n\n"
       "Age:\n\n  -  70 and under\n\n"
       "Life expectancy:\n\n  -  At least 12 weeks\n\n"
       "Hematopoietic:\n\n  -  Platelet count at least 100,000/mm3\n\n"
       "Other:\n\n  -  At least 4 weeks since prior chemotherapy\n  -  Symptoms for 10 days\n")


@pytest.fixture(scope="module")
def constraints():
    record = Extractor(analyzer=Analyzer()).extract_text(PDQ).to_dict()
    return {c["text"]: c["constraints"] for c in record["criteria"]}


def _view(c):
    return c["type"], c["comparator"], c.get("value"), (c.get("unit") or {}).get("ucum")


def test_an_age_under_an_age_label_is_in_years(constraints):
    assert [_view(c) for c in constraints["70 and under"]] == [("value", "<=", 70, "a")]


def test_a_time_under_a_life_expectancy_label_is_a_value(constraints):
    assert [_view(c) for c in constraints["At least 12 weeks"]] == [("value", ">=", 12, "wk")]


def test_items_under_other_labels_keep_their_reading(constraints):
    assert [_view(c) for c in constraints["Platelet count at least 100,000/mm3"]] == [("value", ">=", 100000, "/mm3")]
    assert [_view(c) for c in constraints["At least 4 weeks since prior chemotherapy"]] == [("time", ">=", 4, "wk")]
    assert [_view(c) for c in constraints["Symptoms for 10 days"]] == [("duration", "=", 10, "d")]


def test_a_measure_of_its_own_under_an_age_label_keeps_its_unit():
    text = "Eligibility Criteria:\n\nAge:\n\n  -  18 and over\n  -  Weight above 40\n"
    record = Extractor(analyzer=Analyzer()).extract_text(text).to_dict()
    got = {c["text"]: [_view(k) for k in c["constraints"]] for c in record["criteria"]}
    assert got["18 and over"] == [("value", ">=", 18, "a")]
    assert got["Weight above 40"] == [("value", ">", 40, None)]
