"""A machine translation of a registry's text turns some list markers into words: the Spanish
"a." and "vi." come out as "to." and "saw.", the French "a." as "at.". Where the next line opens
with the second marker of a lettered or roman list ("b.") and no line above opened that list, or
the line stands between two markers one apart ("v." / "saw." / "vii."), the word is the marker it
stands for, not words of the item above."""
from __future__ import annotations

from tests.conftest import depths_and_texts


def test_a_translated_first_letter_opens_the_sub_list(structure):
    text = ("Exclusion criteria:\n1. Data on decompensated liver disease:\n"
            "to. Aspartate aminotransferase > 10 x ULN.\nb. Total bilirubin > 25 umol/l.\nc. INR > 1.4.\n"
            "2. Serum creatinine > 135 umol/l.\n")
    assert depths_and_texts(structure, text) == [
        (0, "Data on decompensated liver disease:"), (1, "Aspartate aminotransferase > 10 x ULN."),
        (1, "Total bilirubin > 25 umol/l."), (1, "INR > 1.4."), (0, "Serum creatinine > 135 umol/l.")]


def test_a_translated_roman_numeral_between_two_of_its_list(structure):
    text = ("Inclusion criteria:\niv. ECOG functional state 0 or 1\nv. Less than 7 days from onset of symptoms\n"
            "saw. NO contraindication for medication\nvii. ECG QT <0.4\n")
    assert [t for _, t in depths_and_texts(structure, text)] == [
        "ECOG functional state 0 or 1", "Less than 7 days from onset of symptoms",
        "NO contraindication for medication", "ECG QT <0.4"]


def test_a_word_that_stands_for_no_marker_stays_text(structure):
    # "vs." between "a." and "b." is no marker: the list goes a, b
    text = ("Exclusion criteria:\na. Pregnancy\nvs. healthy volunteers\nb. Prior chemotherapy\n")
    assert "Pregnancy vs. healthy volunteers" in [" ".join(t.split()) for _, t in depths_and_texts(structure, text)]
