"""Headings that name their side after words saying whose or which criteria they are, and
sentences that introduce one side's list (models/sections.json "qualified"): positives, and the
criteria, wrapped lines and list items that must stay criteria."""
from __future__ import annotations

import pytest

from ..conftest import kinds_and_texts as _criteria


def test_subgroup_headings_under_one_side_switch_sides(structure):
    # a record whose only top heading is "Inclusion Criteria:": each group's exclusion list
    # was read as inclusion criteria
    text = ("Inclusion Criteria:\n\nRecipient Inclusion Criteria:\n\n  -  Confirmed diagnosis of COVID-19\n\n"
            "Recipient Exclusion Criteria:\n\n  -  Pregnant women\n\n"
            "Donor Inclusion Criteria for Plasmapheresis:\n\n  -  Asymptomatic for at least 14 days\n\n"
            "Donor Exclusion Criteria:\n\n  -  Female gender with previous pregnancy\n")
    assert _criteria(structure, text) == [
        ("inclusion", "Confirmed diagnosis of COVID-19"), ("exclusion", "Pregnant women"),
        ("inclusion", "Asymptomatic for at least 14 days"), ("exclusion", "Female gender with previous pregnancy")]


@pytest.mark.parametrize("heading, kind", [
    ("Patient Exclusion Criteria:", "exclusion"),
    ("Healthy Control Inclusion Criteria:", "inclusion"),
    ("COVID-19 patients Inclusion criteria", "inclusion"),
    ("PHASE 2: Inclusion Criteria for Recipients of COVID-19 Convalescent Plasma", "inclusion"),
    ("Phase 1 Exclusion Criteria:", "exclusion"),
    ("III.6 EXCLUSION CRITERIA", "exclusion"),
    ("Intra-surgery (tissue explant/sequestrectomy) Exclusion Criteria", "exclusion"),
    ("Specific exclusion criteria for renal transplant (RTx) patients:", "exclusion"),
    ("Exclusion criteria for biomarkers substudy (50% of patients in each study arm)", "exclusion"),
    ("Study Exclusion Criteria - participants are ineligible for the study if they", "exclusion"),
    ("Current exclusion criteria as of 21/04/2020:", "exclusion"),
    ("The inclusion criteria are:", "inclusion"),
    ("Subjects who meet any of the following exclusion criteria are not to be enrolled in this study:", "exclusion"),
    ("Patient must meet all of the following inclusion criteria to be enrolled in this study:", "inclusion"),
])
def test_qualified_headings(structure, heading, kind):
    text = f"Eligibility Criteria:\n\n{heading}\n\n  -  Age 18 or older\n"
    assert _criteria(structure, text) == [(kind, "Age 18 or older")]


@pytest.mark.parametrize("line", [
    "Does not meet inclusion criteria",                         # a criterion naming the other side
    "Patients not meeting inclusion criteria are excluded",
    "Subjects who fulfil the inclusion criteria of the parent study",
    "Participants with exclusion criteria of the main protocol",
    "Key inclusion and exclusion criteria for healthy volunteers will be used",   # both sides
    "Other protocol-defined inclusion/exclusion criteria may apply",
    "The inclusion criteria of all subjects were that subjects had the range of body mass",
])
def test_criteria_naming_criteria_stay_criteria(structure, line):
    text = f"Exclusion Criteria:\n\n  -  Pregnancy\n\n{line}\n\n  -  Age under 18\n"
    got = _criteria(structure, text)
    assert [k for k, _ in got] == ["exclusion"] * len(got)
    assert any(t.startswith(line[:30]) for _, t in got)


def test_a_wrapped_sentence_with_no_colon_is_no_heading(structure):
    # the sentence ends with a full stop on its second line: a criterion, not a list's heading
    text = ("Exclusion Criteria:\n\n  -  Pregnancy\n\nSubjects who meet any of the following inclusion criteria are\n"
            "eligible for the extension phase only.\n\n  -  Completed the main study\n")
    assert {k for k, _ in _criteria(structure, text)} == {"exclusion"}


@pytest.mark.parametrize("text", [
    # the end of a wrapped criterion in front of the heading: the words are not the heading's
    "Inclusion Criteria:\n  -  Negative for HIV, Hepatitis B and\nHepatitis C at screening Exclusion Criteria:\n  -  Pregnancy\n",
    "Inclusion Criteria:\n\n  -  Fertile patients must use effective contraception during and for 3 months after\n"
    "     completion of study therapy Exclusion Criteria\n\n  -  Pregnancy\n",
    # a list item that ends with a heading
    "Inclusion Criteria:\n\n  -  History of ankle instability\n\n  -  Ages 20-65 yoa Exclusion Criteria: - Recent surgery\n",
])
def test_wrapped_lines_and_items_are_no_qualified_headings(structure, text):
    # the words stay the criterion's; the side heading glued after them opens its side
    # (tests/structure/test_line_end_headings.py)
    got = _criteria(structure, text)
    assert got[-2][0] == "inclusion" and got[-2][1].endswith(("screening", "therapy", "yoa"))
    assert got[-1][0] == "exclusion"


def test_an_intro_wrapped_before_its_colon_on_the_next_line_is_a_heading(structure):
    text = ("Inclusion Criteria:\n\n  1. Adults\n\nPatients who meet any of the following Exclusion Criteria at the "
            "Randomization Visit will\nnot be enrolled into the study:\n\n  1. Pregnancy\n")
    assert _criteria(structure, text) == [("inclusion", "Adults"), ("exclusion", "Pregnancy")]


def test_a_heading_wrapped_before_its_colon_on_the_next_line_is_a_heading(structure):
    text = ("Inclusion Criteria (The following are general criteria; more specific criteria are included\n"
            "in the study protocol):\n\n  -  Adults\n\nExclusion Criteria(The following are general criteria; more "
            "specific criteria are included\nin the study protocol):\n\n  -  Pregnancy\n")
    assert _criteria(structure, text) == [("inclusion", "Adults"), ("exclusion", "Pregnancy")]
