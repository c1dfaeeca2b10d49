"""Registries export one criterion a line with no marker and no full stop, often in lower case
("pregnancy" / "breast feeding" / "do not consent to be in this study"): a line so short that the
next line's first word would have fitted well within the list's width was not wrapped, so the
next line is a criterion of its own. Lines wrapped in a narrow column, a last word that asks for
more, an open bracket, a lone "or", and a marked item's wrapped text still continue."""
from __future__ import annotations

import pytest

from tests.conftest import kinds_and_texts

WIDE = "Adults hospitalised with COVID-19 confirmed by RT-PCR of a nasopharyngeal swab taken at admission"


def _texts(structure, text):
    return [t for _, t in kinds_and_texts(structure, text)]


def test_short_lower_case_lines_are_criteria_of_their_own(structure):
    text = ("Inclusion criteria: " + WIDE + "\nExclusion criteria:\npregnancy\nbreast feeding\n"
            "do not consent to be in this study\nallergies to interferon\n" + WIDE.lower() + "\n")
    assert kinds_and_texts(structure, text) == [
        ("inclusion", WIDE), ("exclusion", "pregnancy"), ("exclusion", "breast feeding"),
        ("exclusion", "do not consent to be in this study"), ("exclusion", "allergies to interferon"),
        ("exclusion", WIDE.lower())]


def test_lines_wrapped_in_a_narrow_column_continue(structure):
    text = ("Exclusion criteria: Patients with signs of shock:\ndifficult or fast breathing, low oxygen\n"
            "saturation, reduced urine output, fast heart\nrate, weak pulse, cold extremities\n")
    assert _texts(structure, text)[1:] == [
        "difficult or fast breathing, low oxygen\nsaturation, reduced urine output, fast heart\n"
        "rate, weak pulse, cold extremities"]


def test_a_line_asking_for_more_or_an_open_bracket_continues(structure):
    text = ("Exclusion criteria: " + WIDE + ".\nfever and\ncough\n"
            "renal failure (GFR\nbelow 30 ml/min)\nelevated IL-6\nor\nelevated d-dimer\n")
    assert _texts(structure, text)[1:] == ["fever and\ncough", "renal failure (GFR\nbelow 30 ml/min)",
                                           "elevated IL-6\nor\nelevated d-dimer"]


def test_a_marked_items_short_line_continues(structure):
    text = ("Inclusion criteria:\n1. Adult patients, 18 years and above\n2. Admitted to the hospital ward or the ICU\n"
            "3. Subjects provides written\ninformed consent prior to initiation of the study\n" + "4. " + WIDE + "\n")
    assert _texts(structure, text)[2] == "Subjects provides written\ninformed consent prior to initiation of the study"


def test_a_line_after_an_inline_heading_is_measured_whole(structure):
    text = ("The inclusion criteria for the healthy controls are: aged 18-55 years; ii) otherwise\n"
            "healthy and do not meet DSM-IV criteria for any Axis I psychiatric illness; iii) able to\n"
            "give informed consent.\n")
    assert len(_texts(structure, text)) == 1


def test_a_long_line_broken_mid_sentence_continues(structure):
    text = ("Exclusion criteria:\nPatient already enrolled in another interventional pharmacotherapy protocol\n"
            "on COVID-19\n" + WIDE + " and also anything else that would fill a long line\n")
    assert _texts(structure, text)[0] == ("Patient already enrolled in another interventional pharmacotherapy "
                                          "protocol\non COVID-19")


@pytest.mark.parametrize("text, first", [
    # a line opening with a bracket continues
    ("Exclusion Criteria:\nParticipation in research involving an investigational product\n"
     "(drug/biologic/device) within 45 days prior to first study vaccination.\nPregnancy\n",
     "Participation in research involving an investigational product\n"
     "(drug/biologic/device) within 45 days prior to first study vaccination."),
    # a line opening with a square bracket continues too
    ("Exclusion Criteria:\n5.Evidence of pulmonary involvement (on lung examination\n"
     "[rales/crackles] and/or chest-imaging [Chest X-ray or computed\ntomography])\n6.Pregnancy\n",
     "Evidence of pulmonary involvement (on lung examination\n"
     "[rales/crackles] and/or chest-imaging [Chest X-ray or computed\ntomography])"),
    # a line closing an open bracket continues
    ("Exclusion Criteria:\n29. Have participated, within the past 30 days (4 months for studies conducted in Japan\n"
     "3 months for studies conducted in the UK), in a clinical study.\n30. Pregnancy\n",
     "Have participated, within the past 30 days (4 months for studies conducted in Japan\n"
     "3 months for studies conducted in the UK), in a clinical study."),
])
def test_a_line_opening_or_closing_a_bracket_continues(structure, text, first):
    assert _texts(structure, text) == [first, "Pregnancy"]


def test_a_bracketed_marker_or_a_line_after_a_full_stop_is_a_new_item(structure):
    text = ("Exclusion Criteria:\nKnown allergy to the study drug (any grade\n(1) Pregnancy\n"
            "Severe renal failure.\n(Creatinine clearance < 30 mL/min) as measured at screening\n")
    assert _texts(structure, text) == ["Known allergy to the study drug (any grade", "Pregnancy",
                                       "Severe renal failure.", "(Creatinine clearance < 30 mL/min) as measured at screening"]


def test_a_bare_side_heading_on_the_line_is_not_measured(structure):
    # registry exports prefix a field with "Exclusion criteria: "; the field's own line is short
    text = ("Inclusion criteria: " + WIDE + "\nExclusion criteria: pregnancy\nbreast feeding\n"
            + WIDE.lower() + "\n")
    assert _texts(structure, text)[1:3] == ["pregnancy", "breast feeding"]


def test_a_narrow_list_is_one_criterion_a_line(structure):
    # no text is wrapped so narrow: the list's own widest line cannot tell a wrap from a new
    # criterion ("having covid-19" / "age>50 years"), nor can a first line that is its widest
    text = ("Inclusion criteria: having covid-19\nage>50 years\nmale\nhospitalization\n"
            "Exclusion criteria: Receiving other antiviral medications\nrenal failure\nPregnancy\n")
    assert kinds_and_texts(structure, text) == [
        ("inclusion", "having covid-19"), ("inclusion", "age>50 years"), ("inclusion", "male"),
        ("inclusion", "hospitalization"), ("exclusion", "Receiving other antiviral medications"),
        ("exclusion", "renal failure"), ("exclusion", "Pregnancy")]


def test_a_narrow_list_that_shows_its_wrapping_continues(structure):
    # a line of the list stops on a word no criterion ends with: the text was wrapped this narrow
    text = ("Inclusion criteria: Informed consent\nNon-severe disease (Asymptomatic/ Mild\n"
            "disease OR moderate): SpO2 >= 90% on room\nair with presence of clinical features of\n"
            "dyspnea, fever, cough\n")
    assert _texts(structure, text) == [
        "Informed consent", "Non-severe disease (Asymptomatic/ Mild\ndisease OR moderate): SpO2 >= 90% on room\n"
        "air with presence of clinical features of\ndyspnea, fever, cough"]


def test_an_abbreviation_in_lower_case_first_opens_a_criterion_as_a_capital_does(structure):
    # "eGFR", "hCG" open a criterion; a unit wrapped onto a line ("mL/min", "mIU/mL") goes on
    text = ("Exclusion criteria:\n" + WIDE + "\nRequiring mechanical ventilation at screening\neGFR< 50 mL/min\n"
            "hCG positive\nCreatinine clearance measured or estimated by Cockcroft-Gault at least 60\nmL/min\n"
            "Serum beta-hCG measured at screening or at any later visit greater than 25\nmIU/mL\n")
    assert _texts(structure, text)[1:] == [
        "Requiring mechanical ventilation at screening", "eGFR< 50 mL/min", "hCG positive",
        "Creatinine clearance measured or estimated by Cockcroft-Gault at least 60\nmL/min",
        "Serum beta-hCG measured at screening or at any later visit greater than 25\nmIU/mL"]
