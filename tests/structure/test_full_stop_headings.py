"""A side's heading may end in a full stop with its criteria on the same line ("Inclusion
criteria. Age ≥22. English speaking."; "Study Exclusion Criteria. History of aspiration
pneumonia ..."): after "criteria" no sentence stops, so the words before it are the heading."""
from __future__ import annotations

from tests.conftest import kinds_and_texts


def test_a_heading_ending_in_a_full_stop_opens_its_side(structure):
    text = ("A Digital Therapeutic Platform\n\nInclusion criteria. Age ≥22. English speaking.\n\n"
            "Mild to moderate sialorrhea\n\nStudy Exclusion Criteria. History of aspiration pneumonia within "
            "the past 12 months. Current alcohol abuse.\n\nCurrently pregnant.\n")
    assert kinds_and_texts(structure, text) == [
        ("inclusion", "Age ≥22. English speaking."), ("inclusion", "Mild to moderate sialorrhea"),
        ("exclusion", "History of aspiration pneumonia within the past 12 months. Current alcohol abuse."),
        ("exclusion", "Currently pregnant.")]


def test_a_sentence_ending_in_another_word_is_no_heading(structure):
    text = "Eligibility Criteria:\n\n- Inclusion of women. Women of any age may enrol\n- Adults over 18\n"
    assert [k for k, _ in kinds_and_texts(structure, text)] == ["unspecified", "unspecified"]


def test_a_heading_ending_in_a_full_stop_opens_a_long_line(structure):
    # a line of over 160 characters is read as a heading only where the heading opens it: with a
    # colon, or with the full stop after its "criteria"
    rest = ("History of aspiration pneumonia within the past 12 months. Unable to swallow saliva "
            "without a maneuver. Actively receiving treatment for swallowing disorders or sialorrhea.")
    text = f"Inclusion Criteria:\n\nAge 22 or older.\n\nStudy Exclusion Criteria. {rest}\n"
    assert kinds_and_texts(structure, text) == [("inclusion", "Age 22 or older."), ("exclusion", rest)]
    # a long sentence naming the criteria is no heading
    text = f"Inclusion Criteria:\n\nAge 22 or older.\n\nMeets all Exclusion Criteria. {rest}\n"
    assert [k for k, _ in kinds_and_texts(structure, text)] == ["inclusion", "inclusion"]
