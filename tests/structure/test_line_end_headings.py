"""A side heading that a registry export ran onto the end of the last criterion of the list
above ("- Age 18-30 Exclusion Criteria" / "- Smokers"): the list under it is of that side. Lines
that name the criteria in a sentence, headings of their own line and a heading of the side
above stay as they were."""
from __future__ import annotations

import pytest


def _kinds(structure, text):
    return [(c["kind"], c["text"]) for c in structure.extract_text(text).to_dict()["criteria"]]


@pytest.mark.parametrize("last, before", [
    ("  -  Age 18-30 Exclusion Criteria", "Age 18-30"),
    ("  -  Height - 5.0 feet - 6feet 4 inches Exclusion Criteria", "Height - 5.0 feet - 6feet 4 inches"),
    ("  -  Fertile patients must use contraception for 3 months after\n     completion of study therapy Exclusion Criteria",
     "Fertile patients must use contraception for 3 months after\n     completion of study therapy"),
    ("  -  Signed informed consent EXCLUSION CRITERIA:", "Signed informed consent"),
])
def test_a_heading_glued_to_the_last_criterion_opens_its_side(structure, last, before):
    text = "Inclusion Criteria:\n\n  -  BMI > 19 and < 35\n\n" + last + "\n\n  -  Smokers\n\n  -  Pregnancy\n"
    assert _kinds(structure, text) == [("inclusion", "BMI > 19 and < 35"), ("inclusion", before),
                                       ("exclusion", "Smokers"), ("exclusion", "Pregnancy")]


@pytest.mark.parametrize("line", [
    "  -  Does not meet Inclusion Criteria",            # a verb: a sentence naming them
    "  -  Any condition listed in the Inclusion Criteria",
    "  -  Must fulfill all study Inclusion Criteria",
    "  -  Patients not meeting Inclusion Criteria",
])
def test_a_criterion_naming_the_other_side_is_a_criterion(structure, line):
    text = "Exclusion Criteria:\n\n  -  Pregnancy\n\n" + line + "\n\n  -  Smokers\n"
    kinds = _kinds(structure, text)
    assert [k for k, _ in kinds] == ["exclusion"] * 3
    assert kinds[1][1] == line.strip(" -")


def test_the_same_side_or_a_line_of_its_own_is_no_glued_heading(structure):
    same = "Inclusion Criteria:\n\n  -  Age 18-30\n\n  -  Healthy volunteer Inclusion Criteria\n\n  -  Smokers\n"
    assert [k for k, _ in _kinds(structure, same)] == ["inclusion"] * 3
    own = ("Exclusion Criteria:\n\n  -  Pregnancy\n\nHealthy Control Inclusion Criteria:\n\n"
           "  -  No diagnosis of cancer\n")
    assert _kinds(structure, own) == [("exclusion", "Pregnancy"), ("inclusion", "No diagnosis of cancer")]


def test_a_glued_heading_with_no_list_under_it_stays_in_the_criterion(structure):
    text = "Inclusion Criteria:\n\n  -  Age 18-30\n\n  -  Adults meeting none of the Exclusion Criteria\n"
    assert [k for k, _ in _kinds(structure, text)] == ["inclusion", "inclusion"]


def test_a_heading_glued_inside_a_criterion_line_opens_its_side(structure):
    text = ("Inclusion Criteria:\n\n  -  History of ankle instability\n\n  -  Ages 20-65 yoa Exclusion Criteria: - Recent "
            "surgery, have any unstable or fused joints\n     of the cervical spine.\n\n  -  Medications, muscle relaxants.\n")
    assert [k for k, _ in _kinds(structure, text)] == ["inclusion", "inclusion", "exclusion", "exclusion"]


def test_a_heading_glued_to_a_wrapped_line_opens_its_side(structure):
    text = ("Inclusion Criteria:\n\n  -  Body mass index 19 to 34\n\n  -  Negative for HIV, Hepatitis B and\n"
            "     Hepatitis C at screening Exclusion Criteria:\n\n  -  Any unstable medical disorder\n")
    assert _kinds(structure, text) == [("inclusion", "Body mass index 19 to 34"),
                                       ("inclusion", "Negative for HIV, Hepatitis B and\n     Hepatitis C at screening"),
                                       ("exclusion", "Any unstable medical disorder")]
