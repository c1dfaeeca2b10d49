"""List markers that registries export glued to their criterion ("1.Laboratory confirmed ...",
"a.The absence of ...", "•Hepatic disease", "-Long term care facilities") start an item and are
no part of its text. Numbers, abbreviations and words that only look like a glued marker stay
text ("p.Glu17Lys" wrapped onto a line, "5-FU", "1.5 mg", "e.g.")."""
from __future__ import annotations

from tests.conftest import kinds_and_texts, texts_and_parents


def _texts(structure, text):
    return [t for _, t in kinds_and_texts(structure, text)]


def test_numbers_glued_to_their_criterion_are_markers(structure):
    text = "Inclusion criteria:\n1.Laboratory confirmed COVID-19\n2.Consenting to participate\n"
    assert _texts(structure, text) == ["Laboratory confirmed COVID-19", "Consenting to participate"]


def test_glued_numbers_on_one_line_split_as_spaced_ones_do(structure):
    text = "Inclusion criteria:\n1.Willingness to take part; 2.Male or female, aged 18 to 75 years; 3.Confirmed pneumonia\n"
    assert _texts(structure, text) == ["Willingness to take part;", "Male or female, aged 18 to 75 years;",
                                       "Confirmed pneumonia"]


def test_glued_letters_under_an_item_are_its_children(structure):
    text = ("Inclusion criteria:\n1. Adults\n2. Healthy as defined by:\na.The absence of illness within 28 days\n"
            "b.The absence of neurological disease\n3.Non-smokers\n")
    got = texts_and_parents(structure, text)
    assert got == [("Adults", None), ("Healthy as defined by:", None),
                   ("The absence of illness within 28 days", "Healthy as defined by:"),
                   ("The absence of neurological disease", "Healthy as defined by:"), ("Non-smokers", None)]


def test_glued_bullets_are_markers(structure):
    text = "Exclusion criteria:\n•Hepatic disease\n•Uncontrolled severe hypertension.\n-Long term care facilities\n"
    assert _texts(structure, text) == ["Hepatic disease", "Uncontrolled severe hypertension.", "Long term care facilities"]


def test_text_that_looks_like_a_glued_marker_stays_text(structure):
    text = ("Inclusion criteria:\n- Patients who have demonstrated AKT1\np.Glu17Lys mutations\n"
            "- Prior 5-FU based therapy\n5-FU given within 4 weeks\n- Dose 1.5 mg\n1.5mg daily\n")
    assert _texts(structure, text) == ["Patients who have demonstrated AKT1\np.Glu17Lys mutations",
                                       "Prior 5-FU based therapy", "5-FU given within 4 weeks",
                                       "Dose 1.5 mg", "1.5mg daily"]


def test_numbers_with_no_point_that_run_in_order_are_markers(structure):
    text = ("Exclusion criteria:\n1 Patient who has participated in any other clinical trial\n"
            "2 Patient with presence of any pre-existing illness\n3 Patient who has participated in another trial\n")
    assert _texts(structure, text) == ["Patient who has participated in any other clinical trial",
                                       "Patient with presence of any pre-existing illness",
                                       "Patient who has participated in another trial"]


def test_a_count_opening_a_line_stays_text(structure):
    text = ("Exclusion criteria:\n- Prior chemotherapy\n2 Weeks since radiotherapy\n- Pregnancy\n"
            "10 Patients enrolled per site\n12 Months of follow-up\n")
    assert _texts(structure, text) == ["Prior chemotherapy", "2 Weeks since radiotherapy", "Pregnancy",
                                       "10 Patients enrolled per site", "12 Months of follow-up"]


def test_glued_dashes_and_numbers_before_lower_case_or_capitals_in_a_list_of_them(structure):
    # another line of the list opens with a marker of that style
    text = ("Exclusion criteria:\n- Pregnancy\n-patients on high dose systemic steroids\n-patients on lithium\n"
            "Inclusion criteria:\n1.With vomiting or diarrhoea;\n2.refuse to take the study drug.\n"
            "3.COVID - 19 positive with no clinical signs\n")
    assert kinds_and_texts(structure, text) == [
        ("exclusion", "Pregnancy"), ("exclusion", "patients on high dose systemic steroids"),
        ("exclusion", "patients on lithium"), ("inclusion", "With vomiting or diarrhoea;"),
        ("inclusion", "refuse to take the study drug."), ("inclusion", "COVID - 19 positive with no clinical signs")]


def test_a_glued_dash_wrapped_onto_a_line_or_alone_in_its_list_stays_text(structure):
    # a hyphenated word wrapped onto a line of a dashed list, and a glued number no other line
    # of the list shares, are no markers
    text = ("Exclusion criteria:\n- Patients on anti\n  -inflammatory drugs for more than a week\n- Pregnancy\n"
            "Inclusion criteria:\n- Age 18 years or older.\n2.five days of symptoms or more\n")
    assert [t for _, t in kinds_and_texts(structure, text)] == [
        "Patients on anti\n  -inflammatory drugs for more than a week", "Pregnancy", "Age 18 years or older.",
        "2.five days of symptoms or more"]


def test_a_bullet_doubling_the_marker_is_no_text(structure):
    text = "Inclusion criteria:\n- • Normal healthy volunteer\n- Able to consent\n6. •\tIf sexually active, contraception\n"
    assert [t for _, t in kinds_and_texts(structure, text)] == [
        "Normal healthy volunteer", "Able to consent", "If sexually active, contraception"]
