"""Headings that end the eligibility part on sponsor pages (the page's next block, its footer and
glossary, its structured fields), positives and negatives: a word wrapped onto a line of its own
inside a criterion is no stop."""
from __future__ import annotations

import pytest


def _texts(structure, text):
    return [c["text"] for c in structure.extract_text(text).to_dict()["criteria"]]


def test_next_block_of_a_sponsor_page_ends_the_criteria(structure):
    text = ("Exclusion Criteria:\n1. Myocardial infarction within 6 months prior to screening.\n"
            "2. Uncontrolled hypertension\n\nTrial Description\n\nMore Clinical Trial Websites\n\n"
            "There are 5 phases of clinical trials. Most trials are in phases 1-4.\n")
    assert _texts(structure, text) == ["Myocardial infarction within 6 months prior to screening.",
                                       "Uncontrolled hypertension"]


@pytest.mark.parametrize("fields", [
    "Minimum Age\n18 Years\nMaximum Age\nN/A\nHealthy Volunteers\nNo\n",
    "Gender\nBoth\nMinimum Age\n18 Years\nEnrollment\n250\n",   # a sponsor page's 'Gender' field
])
def test_structured_fields_after_the_criteria_end_them(structure, fields):
    text = "Exclusion Criteria:\n- Initiated psychotherapy within the last 3 months.\n\n" + fields
    assert _texts(structure, text) == ["Initiated psychotherapy within the last 3 months."]


def test_a_wrapped_word_inside_a_criterion_is_no_stop(structure):
    text = ("Exclusion Criteria:\n1. Suicidal ideation within 3 months prior to study\nenrollment\n\n"
            "2. Ischemic stroke within the last 12 months\n")
    assert _texts(structure, text) == ["Suicidal ideation within 3 months prior to study\nenrollment",
                                       "Ischemic stroke within the last 12 months"]


def test_a_sex_label_of_a_pdq_list_is_no_stop(structure):
    text = ("Eligibility Criteria:\n\nPATIENT CHARACTERISTICS:\n\nAge:\n\n  -  18 and over\n\nSex:\n\n  -  Female\n\n"
            "Performance status:\n\n  -  ECOG 0-1\n")
    assert "ECOG 0-1" in _texts(structure, text)
