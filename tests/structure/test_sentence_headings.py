"""A sentence heading of the exclusion list ("Patients will be excluded if they:", "Participants
must not have any of the following:") ends in words that introduce a list; a criterion that opens
with the same words ("Participants must not have leptomeningeal disease unless: (1) ...",
"Patients must not have primary central nervous system tumor") is a criterion, not a heading:
read as a heading, its words were lost and the lines after it took its side."""
from __future__ import annotations

from tests.conftest import kinds_and_texts


def test_a_criterion_opening_like_an_exclusion_sentence_heading_stays_a_criterion(structure):
    text = ("Inclusion Criteria:\n- Adults\nExclusion Criteria:\n"
            "- Participants must not have leptomeningeal disease unless: (1) asymptomatic and (2) only "
            "detected on radiographic imaging (i.e., not present in cytology from cerebral spinal fluid "
            "[CSF] if CSF sampled)\n- Participants must not have received any prior systemic therapy\n")
    assert kinds_and_texts(structure, text) == [
        ("inclusion", "Adults"),
        ("exclusion", "Participants must not have leptomeningeal disease unless: (1) asymptomatic and (2) only "
                      "detected on radiographic imaging (i.e., not present in cytology from cerebral spinal fluid "
                      "[CSF] if CSF sampled)"),
        ("exclusion", "Participants must not have received any prior systemic therapy")]


def test_a_criterion_in_a_list_with_no_sides_does_not_open_an_exclusion_list(structure):
    text = ("Eligibility Criteria:\nPATIENT CHARACTERISTICS:\n  -  Creatinine <= 1.5 x ULN\n"
            "  -  Patients must not have baseline sensory neuropathy >= grade 2\n"
            "  -  Negative blood or urine pregnancy test\n")
    kinds = kinds_and_texts(structure, text)
    assert [t for _, t in kinds] == ["Creatinine <= 1.5 x ULN",
                                    "Patients must not have baseline sensory neuropathy >= grade 2",
                                    "Negative blood or urine pregnancy test"]
    assert {k for k, _ in kinds} == {"unspecified"}


def test_sentence_headings_that_introduce_the_list_are_headings(structure):
    for heading in ("Patients will be excluded if they:", "Subjects will be excluded if they meet any of the following:",
                    "Patients are not eligible for this trial if they:", "Participants must not have:",
                    "Patients must not have any of the following:"):
        text = f"Inclusion Criteria:\n- Adults\n{heading}\n- Pregnancy\n- Prior chemotherapy\n"
        assert kinds_and_texts(structure, text) == [
            ("inclusion", "Adults"), ("exclusion", "Pregnancy"), ("exclusion", "Prior chemotherapy")], heading
