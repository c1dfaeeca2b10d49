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


@pytest.mark.parametrize("fields", [
    "Healthy Volunteers\nAccepts Healthy Volunteers\n",
    "Healthy volunteers\n\nNo\n",
    "Gender\nMale and female\n",
    "Sex/Gender\nAll\n",
    "Maximum Age\n65 Years and older (Older Adult)\n",
    "Healthy Volunteers\n",                      # a field left empty: the next label follows
])
def test_a_fact_label_over_its_value_ends_the_criteria(structure, fields):
    text = "Exclusion Criteria:\n- Pregnancy\n\n" + fields + "\nLocations\nBoston, MA\n"
    assert _texts(structure, text) == ["Pregnancy"]


@pytest.mark.parametrize("label", ["Healthy Volunteers", "HEALTHY VOLUNTEERS:", "Healthy volunteers "])
def test_a_fact_label_over_criteria_heads_a_group_and_loses_none(structure, label):
    # a registry record's criteria for its healthy volunteers: the words are a label of the
    # people the criteria after them are for, not the page's "Healthy Volunteers: No" field
    text = ("Inclusion Criteria:\n- Diagnosis of acromegaly\n\n" + label + "\n"
            "- Male or female subjects who are at least 18 years of age\n- No history of hepatitis B\n")
    texts = _texts(structure, text)
    assert texts[-2:] == ["Male or female subjects who are at least 18 years of age", "No history of hepatitis B"]


def test_a_gender_label_over_a_criterion_is_no_stop(structure):
    text = "Exclusion Criteria:\n- Pregnancy\n\nGender\n- Men who plan to father a child during the study\n"
    assert _texts(structure, text)[-1] == "Men who plan to father a child during the study"


@pytest.mark.parametrize("wrapped", [
    "a pregnancy test may be done at the discretion of the\n     investigator",      # lower case
    "ECG with no clinically significant findings as assessed by the\n     Investigator",  # after "the"
    "High risk based on Center for Disease Control and Prevention (CDC)\n     description",
])
def test_a_stop_word_wrapped_onto_the_next_line_ends_no_list(structure, wrapped):
    # a stop's words as the last word of a criterion wrapped under it: the criteria after it
    # (up to the next heading) were lost
    text = ("Inclusion Criteria:\n\n  -  " + wrapped + "\n\n  -  Must have given written informed consent\n\n"
            "Exclusion Criteria:\n\n  -  Pregnancy\n")
    texts = _texts(structure, text)
    assert texts == [wrapped, "Must have given written informed consent", "Pregnancy"]


def test_a_stop_after_a_blank_line_still_ends_the_list(structure):
    text = "Exclusion Criteria:\n- Pregnancy at the time of the\n\nlocations\nBoston, MA\n"
    assert _texts(structure, text) == ["Pregnancy at the time of the"]


def test_a_treatment_protocol_heading_ends_the_criteria(structure):
    # a legacy record's eligibility field that goes on with the study drug's own dosing: no criteria
    text = ("Exclusion Criteria:\n\n  -  Age < 18 yrs or > 75 yrs\n\n  -  Pregnancy or lactation\n\n"
            "Treatment protocol:\n\n  -  In all patients fulfilling the inclusion criteria, treatment will begin\n"
            "     with octreotide-LAR at a dose of 30 mg every 28 days for 3 months.\n")
    assert _texts(structure, text) == ["Age < 18 yrs or > 75 yrs", "Pregnancy or lactation"]
