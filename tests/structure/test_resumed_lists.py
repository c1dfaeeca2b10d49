"""A sub-list exported flat, at its item's column, under an item with no colon ("iv. Concomitant
serious medical condition" / "1. ICC" / ... / "v. Inability to take oral medication", "3. Has any
of the two" / "a. PaO2/FiO2: 200-300" / "b. ..." / "4. ..."): the list above resumes with the
next number after it, so the run numbered in another style from its first number is the sub-list
of the item before it. A run the list does not resume after is left as it was."""
from __future__ import annotations

from tests.conftest import depths_and_texts


def test_a_run_of_another_style_between_consecutive_items_is_a_sub_list(structure):
    text = ("Exclusion criteria:\ni. No Covid confirmation\nii. No pneumonia\n"
            "iii. Previous treatment with any of the study drugs\niv. Concomitant serious medical condition\n"
            "1. ICC\n2. IAM 6 months prior\n3. Unstable Angina\nv. Inability to take oral medication\n"
            "vi. Pregnant women\n")
    assert depths_and_texts(structure, text) == [
        (0, "No Covid confirmation"), (0, "No pneumonia"), (0, "Previous treatment with any of the study drugs"),
        (0, "Concomitant serious medical condition"), (1, "ICC"), (1, "IAM 6 months prior"), (1, "Unstable Angina"),
        (0, "Inability to take oral medication"), (0, "Pregnant women")]


def test_lettered_items_under_a_numbered_item_with_no_colon(structure):
    text = ("Inclusion criteria:\n1.\tAge over 18\n2.\tConfirmed COVID-19\n3.\tHas any of the two\n"
            "a.\tPaO2/ FiO2: 200-300\nb.\tRespiratory Rate > 24/min\n4.\tConsent\n")
    assert depths_and_texts(structure, text) == [
        (0, "Age over 18"), (0, "Confirmed COVID-19"), (0, "Has any of the two"),
        (1, "PaO2/ FiO2: 200-300"), (1, "Respiratory Rate > 24/min"), (0, "Consent")]


def test_a_run_the_list_does_not_resume_after_is_left_flat(structure):
    # "4." does not follow "2.": the lettered lines are no sub-list of "2." by this rule
    text = "Inclusion criteria:\n1. Adults\n2. Confirmed COVID-19\na. Fever\nb. Cough\n4. Consent\n"
    assert [d for d, _ in depths_and_texts(structure, text)] == [0, 0, 0, 0, 0]
