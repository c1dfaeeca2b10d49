"""Hard-wrapped criteria (legacy ClinicalTrials.gov XML): a line that opens with the number a
comparator cue at the end of the line before asks for continues that criterion; a number
anywhere else still opens an item or is a marker."""
from __future__ import annotations

from extractor.criteria import build_tree

WRAPPED = ("PATIENT CHARACTERISTICS: AGC at least 1500/uL Platelet count at least\n"
           "100,000/uL Hepatic: Bilirubin no greater than 1.5 mg/dL Renal: Creatinine no greater than\n"
           "2.0 mg/dL Other: Not pregnant")


def _texts(text):
    items = build_tree(text, [(0, len(text), 0, "inclusion")])
    return [text[i.start:i.end] for i in items]


def test_number_after_a_comparator_cue_continues_the_line():
    assert _texts(WRAPPED) == [WRAPPED]


def test_symbol_cue_before_the_break_continues_too():
    text = "Hemoglobin >=\n9 g/dL at screening"
    assert _texts(text) == [text]


def test_numbered_items_after_other_words_stay_items():
    text = "1. Age 18 years or older\n2. Platelets at least 100,000/uL\n3. Creatinine no greater than 2 mg/dL"
    assert _texts(text) == ["Age 18 years or older", "Platelets at least 100,000/uL",
                            "Creatinine no greater than 2 mg/dL"]


def test_a_cue_must_start_a_word():
    # "hangover" ends in the letters of "over", but no cue opens the word: the item ends there
    text = "1. Patients with a hangover\n2. Age 18 years or older"
    assert _texts(text) == ["Patients with a hangover", "Age 18 years or older"]


def test_unwrapped_number_after_a_plain_word_stays_apart():
    text = "Women in the study\n2.0 mg/dL creatinine limit applies"
    assert len(_texts(text)) == 2


def test_numbered_item_after_a_post_cue_stays_an_item():
    # "18 and over" ends in a cue word, but "2." numbers the next item
    text = "1. Aged 18 and over\n2. Positive test"
    assert _texts(text) == ["Aged 18 and over", "Positive test"]


def test_line_break_markup_is_no_cue():
    # ICTRP cells end lines with "<br/ >": its '>' is no comparator
    text = "1. Age 18 years <br/ >\n2. Positive test <br/ >\n3 children at most"
    assert len(_texts(text)) == 3


def test_a_line_opening_with_a_sign_and_its_number_goes_on():
    # "... inclusion" / "= 07 days, ...": the bound of what the line before names
    text = ("Adults seeking medical care with suspected or confirmed COVID-19, with time between symptoms\n"
            "= 07 days, presenting mild symptoms")
    assert _texts(text) == [text]


def test_a_sign_line_after_a_full_stop_or_a_marker_stays_apart():
    text = "Adults seeking medical care with suspected or confirmed COVID-19.\n> 65 years"
    assert len(_texts(text)) == 2
    text = "1. Adults with suspected COVID-19 and a risk factor\n2. > 65 years"
    assert _texts(text) == ["Adults with suspected COVID-19 and a risk factor", "> 65 years"]


def test_a_sign_line_after_a_bracket_or_a_value_stays_apart():
    text = ("Under continuous treatment with one of the listed antivirals (Lamivudin, Adefovir or Entecavir)\n"
            ">18 years old")
    assert len(_texts(text)) == 2
    text = ("Hospitalized patients with fever and a respiratory rate above 24/min or the ratio <300mmHg\n"
            "=8 days since illness onset")
    assert len(_texts(text)) == 2


def test_a_number_closing_the_bracket_of_a_cue_is_its_value():
    # "High (More than or equal to" / "7) NEWS score": "7)" closes the bracket, no list marker
    text = "Medium (5-6) or High (More than or equal to\n     7) NEWS score"
    assert _texts(text) == [text]
    # with no bracket open, "2)" after a cue at a line's end stays the next item's marker
    text = "1) Platelets at least\n2) Consent given"
    assert _texts(text) == ["Platelets at least", "Consent given"]


def test_a_number_after_a_word_no_criterion_ends_with_continues_the_line():
    # "from" ends no criterion (sections.json "wrapped_after"): "2.25" is the range's low end,
    # not a section number opening an item
    text = ("  -  Target lesion with reference vessel diameter from\n"
            "     2.25 to 4.0 mm by visual estimate\n  -  Age 18 years or older")
    assert _texts(text) == ["Target lesion with reference vessel diameter from\n     2.25 to 4.0 mm by visual estimate",
                            "Age 18 years or older"]


def test_a_numeral_closing_the_bracket_of_a_scale_word_goes_on():
    # "(Stage" / "I)/randomization": the stage's numeral and the bracket it closes, no list marker
    text = ("  -  Thrombolytic therapy within 3 months prior to enrollment (Stage\n"
            "     I)/randomization (Stage II)\n  -  Past participation in any trial")
    assert _texts(text) == ["Thrombolytic therapy within 3 months prior to enrollment (Stage\n"
                            "     I)/randomization (Stage II)", "Past participation in any trial"]
    # a roman marker after a line that opened no such bracket stays a marker
    text = "Stage of disease:\nI) newly diagnosed\nII) relapsed"
    assert len(_texts(text)) == 3


def test_a_number_after_a_scale_or_age_word_continues_the_line():
    # "grade", "Karnofsky", "age" end a line whose value opens the next (sections.json
    # "wrapped_before_value"): "2 or 3" is the grade, "70-100%" the score, "2" the age
    text = ("Cardiovascular: No New York Heart Association class III or IV heart failure No grade\n"
            "2 or 3 A-V block No chronic atrial fibrillation")
    assert _texts(text) == [text]
    text = "PATIENT CHARACTERISTICS: Age: 50 and under Performance status: Karnofsky\n70-100% Life expectancy"
    assert _texts(text) == [text]
    text = "Unable to undergo total body irradiation because: Under age\n2 (CNS still growing)"
    assert _texts(text) == [text]
    # a number after any other last word still opens an item of its own
    text = "1. Performance status good\n2. Platelets at least 100,000/uL"
    assert _texts(text) == ["Performance status good", "Platelets at least 100,000/uL"]
