"""Headings that registry exports write inline: after a criterion on the same line, or with no
colon before the first criterion. (The sections stage is tested with the corpora elsewhere;
these are the two forms, positives and negatives.)"""
from __future__ import annotations

import pytest

from ..conftest import kinds_and_texts as _criteria


def test_heading_after_a_criterion_on_the_same_line(structure):
    text = ("Inclusion Criteria:\n- Diagnosis of ALS\n- All surgeries must be approved by the Medical "
            "Advisory Board (MAB) Exclusion Criteria:• Patient has active infection\n• Patient is pregnant\n")
    assert _criteria(structure, text) == [
        ("inclusion", "Diagnosis of ALS"),
        ("inclusion", "All surgeries must be approved by the Medical Advisory Board (MAB)"),
        ("exclusion", "Patient has active infection"), ("exclusion", "Patient is pregnant")]


def test_heading_with_no_colon_before_its_first_criterion(structure):
    text = "Inclusion Criteria\nAge 18 or older\nExclusion Criteria Prior systemic chemotherapy for prostate cancer\nPregnancy\n"
    assert _criteria(structure, text) == [
        ("inclusion", "Age 18 or older"), ("exclusion", "Prior systemic chemotherapy for prostate cancer"),
        ("exclusion", "Pregnancy")]


@pytest.mark.parametrize("line", [
    "Key Inclusion Criteria:",                      # one heading, not "Key" + a heading
    "Inclusion Criteria - Cohort B",                # a heading qualified by its cohort
    "Inclusion Criteria Stage 1",
    "EXCLUSION CRITERIA SECOND SCREENING (STEP 2)",
])
def test_longer_headings_stay_whole(structure, line):
    kinds = [k for k, _ in _criteria(structure, f"{line}\n- Age 18 or older\n")]
    assert kinds == ["inclusion" if "nclusion" in line else "exclusion"]


def test_a_sentence_naming_the_criteria_is_no_heading(structure):
    text = ("Inclusion Criteria:\n- Patients who had a transplant are eligible if they meet all other\n"
            "eligibility criteria. Patients must have achieved a partial remission\n- Age 18 or older\n")
    kinds = {k for k, _ in _criteria(structure, text)}
    assert kinds == {"inclusion"}
