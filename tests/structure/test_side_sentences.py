"""A list of no side written as prose whose sentences name their side as they open ("Inclusion
criteria required that subjects ... have ...", "Exclusion criteria included primary depression,
..."): each such criterion takes the side it names (models/sections.json "side_sentences"); side
words later in a sentence name no side."""
from __future__ import annotations

from tests.conftest import kinds_and_texts


def test_a_prose_sentence_naming_its_side_takes_it(structure):
    text = ("Eligibility Criteria:\n\nInclusion criteria required that subjects, ages 14-70 years, have a\n"
            "diagnosis of OCD.\n\nExclusion criteria included primary depression; active bipolar\n"
            "disorder.\n\nSubjects gave informed consent.\n")
    assert [k for k, _ in kinds_and_texts(structure, text)] == ["inclusion", "exclusion", "unspecified"]


def test_side_words_not_opening_the_sentence_name_no_side(structure):
    text = ("Eligibility Criteria:\n\nPatients whose inclusion criteria were confirmed by two raters.\n\n"
            "Adults who gave informed consent.\n")
    assert [k for k, _ in kinds_and_texts(structure, text)] == ["unspecified", "unspecified"]
