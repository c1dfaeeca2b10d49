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


# Flattened PDQ text wrapped at a fixed width: the label ends one line, its value opens the next
# ("... Performance status: Any status Life expectancy:" / "At least 2 years Hematopoietic: ..."),
# under a group heading on a line of its own (after a heading on the same line, the paragraph is
# read as running text, one criterion per field: the last test of this file).
WRAPPED = ("Eligibility Criteria:\n\nPATIENT CHARACTERISTICS:\nAge: 15 and over Performance status: Any status Life expectancy:\n"
           "At least 2 years Hematopoietic: Not specified Other: Symptoms for at least 10 days\n")


def _wrapped(text):
    record = Extractor(analyzer=Analyzer()).extract_text(text).to_dict()
    return {c["text"].split(" Hematopoietic")[0]: c["constraints"] for c in record["criteria"]}


def test_a_time_after_a_wrapped_life_expectancy_label_is_a_value():
    got = _wrapped(WRAPPED)["At least 2 years"]
    assert [_view(c) for c in got] == [("value", ">=", 2, "a"), ("duration", ">=", 10, "d")]
    assert got[0]["subject"] is None and "subject.heading" in got[0]["rules"]


def test_a_wrapped_label_holds_only_for_the_value_written_first():
    text = WRAPPED.replace("At least 2 years Hematopoietic:", "Hematopoietic: at least 2 years")
    got = next(v for k, v in _wrapped(text).items() if k.startswith("Hematopoietic"))
    assert [_view(c)[0] for c in got] == ["duration", "duration"]


def test_a_wrapped_label_that_names_no_time_measure_keeps_the_duration():
    text = WRAPPED.replace("Life expectancy:", "Symptoms:")
    assert [_view(c)[0] for c in _wrapped(text)["At least 2 years"]] == ["duration", "duration"]


def test_a_blank_line_after_a_label_at_a_line_end_is_no_wrap():
    # a paragraph break is no line wrap: the item keeps its own reading
    text = WRAPPED.replace("Life expectancy:\n", "Life expectancy:\n\n")
    assert [_view(c)[0] for c in _wrapped(text)["At least 2 years"]] == ["duration", "duration"]


def test_an_age_range_of_two_units_under_an_age_label_is_two_bounds():
    text = ("Eligibility Criteria:\n\nPATIENT CHARACTERISTICS:\n\nAge:\n\n  -  6 months to less than 3 years\n\n"
            "Performance status:\n\n  -  Not specified\n")
    record = Extractor(analyzer=Analyzer()).extract_text(text).to_dict()
    got = {c["text"]: [_view(k) for k in c["constraints"]] for c in record["criteria"]}
    assert got["6 months to less than 3 years"] == [("value", ">=", 6, "mo"), ("value", "<", 3, "a")]


def test_a_wrapped_label_after_its_group_heading_on_the_line_holds_its_value():
    # the group's paragraph is running text: the label and its value are one criterion
    text = WRAPPED.replace("PATIENT CHARACTERISTICS:\n", "PATIENT CHARACTERISTICS: ")
    record = Extractor(analyzer=Analyzer()).extract_text(text).to_dict()
    got = {" ".join(c["text"].split()): c["constraints"] for c in record["criteria"]}
    assert [_view(c) for c in got["Life expectancy: At least 2 years"]] == [("value", ">=", 2, "a")]
    assert got["Life expectancy: At least 2 years"][0]["subject"]["text"] == "Life expectancy"
    assert [_view(c) for c in got["Other: Symptoms for at least 10 days"]] == [("duration", ">=", 10, "d")]
