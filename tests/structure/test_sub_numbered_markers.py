"""Markers that registry exports write in ways the plain forms miss: sub-items numbered after
their item ("5.a. Respiratory distress", "4. b. PaO2", "4.c.ii. Ferritin", "2a. In the opinion
..."), which go under the item their number names; a glued number before the article "A" ("3.A
family history"); and a bullet whose encoding was lost, exported as "?" before a word or as
"â?¢". None of them is criterion text. A question mark before a number ("? 18 years", a lost
comparator) and compound numbers inside a line stay text."""
from __future__ import annotations

from tests.conftest import kinds_and_texts
from tests.conftest import texts_and_parents as _outline


def test_sub_numbered_items_lose_their_marker_and_go_under_their_item(structure):
    text = ("Inclusion criteria:\n4. Present any of the following criteria:\n4.a. Respiratory distress\n"
            "4. b. PaO2 / FiO2 = 300\n4.c. Alteration of one or more of the following parameters:\n"
            "4.c.i. DD> 1,000 µg / L\n4.c.ii. Ferritin> 800 ng / mL\n5. Informed consent\n")
    assert _outline(structure, text) == [
        ("Present any of the following criteria:", None),
        ("Respiratory distress", "Present any of the following criteria:"),
        ("PaO2 / FiO2 = 300", "Present any of the following criteria:"),
        ("Alteration of one or more of the following parameters:", "Present any of the following criteria:"),
        ("DD> 1,000 µg / L", "Alteration of one or more of the following parameters:"),
        ("Ferritin> 800 ng / mL", "Alteration of one or more of the following parameters:"),
        ("Informed consent", None)]


def test_a_number_and_a_letter_with_a_point_is_a_marker(structure):
    text = "Inclusion Criteria:\n1. Adults\n2a. With immunosuppressive disease\n2b. Without it\n3. Consent\n"
    assert [t for t, _ in _outline(structure, text)] == [
        "Adults", "With immunosuppressive disease", "Without it", "Consent"]


def test_a_glued_number_before_the_article_a_is_a_marker(structure):
    text = ("Exclusion criteria:\n1.Patient with ordinal scale of 5\n2.Pregnant patients.\n"
            "3.A family history of immunodeficiency.\n4.Any disease requiring ICU admission\n")
    assert [t for _, t in kinds_and_texts(structure, text)] == [
        "Patient with ordinal scale of 5", "Pregnant patients.", "A family history of immunodeficiency.",
        "Any disease requiring ICU admission"]


def test_a_bullet_whose_encoding_was_lost_is_a_marker(structure):
    text = ("Inclusion criteria:\n?\tProvision of informed consent\n? Aged at least 16 years\n"
            "Exclusion criteria:\nUse of one of the following:\nInvasive mechanical ventilation OR\n"
            "â?¢\tNon-invasive ventilation\n")
    assert kinds_and_texts(structure, text) == [
        ("inclusion", "Provision of informed consent"), ("inclusion", "Aged at least 16 years"),
        ("exclusion", "Use of one of the following:"), ("exclusion", "Invasive mechanical ventilation"),
        ("exclusion", "Non-invasive ventilation")]


def test_a_question_mark_before_a_number_and_numbers_in_a_line_stay_text(structure):
    text = ("Inclusion criteria:\n- Adults\n? 18 years of age\n- Close contact (within the last\n"
            "30d) to a person with active Tb\n- Grade 3.a lesions\n")
    assert [t for _, t in kinds_and_texts(structure, text)] == [
        "Adults", "? 18 years of age", "Close contact (within the last\n30d) to a person with active Tb",
        "Grade 3.a lesions"]
