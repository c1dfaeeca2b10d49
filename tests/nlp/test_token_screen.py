"""The token screen (token_screen.py) leaves untokenized only criteria in which no component
that reads tokens can find anything: the Analyzer without the entity model gives the same
results with and without it."""
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.nlp import Analyzer
from extractor.nlp.extensions import VARIABLES
from extractor.nlp.quantities import letter_words
from extractor.nlp.token_screen import TokenScreen
from extractor.nlp.tokenizer import blank

SHARED = Path(os.environ.get("EXTRACTOR_SHARED", Path(__file__).resolve().parents[3] / "shared"))
LCT = SHARED / "corpora" / "lct" / "leaf_clinical_trials"


@pytest.fixture(scope="module")
def screened():
    return Analyzer(entities=False)


@pytest.fixture(scope="module")
def unscreened():
    analyzer = Analyzer(entities=False)
    analyzer._token_screen = None  # every criterion tokenized
    return analyzer


def _needed(analyzer, text):
    return analyzer._token_screen.needed(text, letter_words(text.lower()))


def test_a_criterion_with_a_lexicon_phrase_is_tokenized(screened):
    assert _needed(screened, "Serum creatinine ≤ 1.5 mg/dL")
    assert _needed(screened, "ANC>1500/mm3")
    assert _needed(screened, "HbA1c below 9%")
    # a parenthesis pair: a short form defined there names no lexicon mention, so no tokens
    assert not _needed(screened, "Signed consent (in the opinion of the investigator)")
    assert _needed(screened, "absolute neutrophil count (ANC) > 1500")
    assert not _needed(screened, "Signed informed consent")
    assert not _needed(screened, "Pregnant or breast-feeding women")


def test_a_digit_or_a_character_outside_ascii_is_required_where_the_phrase_has_one():
    nlp = blank()
    screen = TokenScreen(nlp, ["E2", "Aβ42"])
    assert not screen.needed("e.g. a patient", letter_words("e.g. a patient"))
    assert screen.needed("E2 above 20", letter_words("e2 above 20"))
    assert not screen.needed("a 42 year old", letter_words("a 42 year old"))
    assert screen.needed("Aβ42 positive", letter_words("aβ42 positive"))
    assert screen.needed("AΒ42 positive", letter_words("aβ42 positive"))  # a capital beta
    # a text outside ASCII that lacks the phrase's own character ("≥" is no "β")
    assert not screen.needed("a ≥ 42 year old", letter_words("a ≥ 42 year old"))


def test_a_phrase_matched_only_as_written_needs_its_letters_as_written():
    nlp = blank()
    screen = TokenScreen(nlp, ["ANC", "AGED", "heart rate"], cased=lambda phrase: phrase.isupper())
    assert screen.needed("ANC > 1500", letter_words("anc > 1500"))
    assert not screen.needed("anc > 1500", letter_words("anc > 1500"))
    assert not screen.needed("aged 18 or more", letter_words("aged 18 or more"))
    assert screen.needed("AGED 18 or more", letter_words("aged 18 or more"))
    assert screen.needed("Heart Rate < 100", letter_words("heart rate < 100"))  # any case


def test_a_special_case_that_splits_between_letters_hides_no_phrase():
    # "cannot" is tokenized "can", "not": the letter word "cannot" stands in for both
    nlp = blank()
    screen = TokenScreen(nlp, ["not"])
    assert [t.text for t in nlp.make_doc("cannot walk")] == ["can", "not", "walk"]
    assert screen.needed("cannot walk", letter_words("cannot walk"))
    assert not screen.needed("unable to walk", letter_words("unable to walk"))


PIECES = ["creatinine", "Creatinine", "serum", "ANC", "anc", " ", "  ", ",", "(", ")", "ULN", "≤", ">",
          "1.5", "mg/dL", "cannot", "can", "not", "A1C", "HbA1c", "Aβ42", "aβ 42", "E2", "e.g.", "age",
          "years", "body", "mass", "index", "BMI", "kg/m2", "-", "the", "heart rate", "HR", "bpm"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=10).map("".join))
def test_a_criterion_left_untokenized_holds_no_mention(screened, text):
    if not _needed(screened, text):
        doc = screened.nlp.make_doc(text)  # tokenized all the same: the matchers find nothing
        finder = screened.nlp.get_pipe("extractor_subjects_v1")
        assert finder(doc).user_data[VARIABLES] == [], text


def test_results_are_the_same_without_the_screen(screened, unscreened):
    texts = [(line, [(0, len(line))]) for line in (
        "Serum creatinine ≤ 1.5 mg/dL", "No chemotherapy within 4 weeks prior to registration",
        "Age ≥ 18 years", "Absolute neutrophil count (ANC) ≥ 1,500/mm³", "ECOG 0, 1 or 2",
        "Pregnant or breast-feeding women")]
    if LCT.is_dir():
        for path in sorted(LCT.glob("*/*.txt"))[::7]:
            text = path.read_text(encoding="utf-8")
            texts.append((text, [m.span() for m in re.finditer(r"[^\n]*\S[^\n]*", text)]))
    for text, items in texts:
        assert screened.analyze(text, items) == unscreened.analyze(text, items), text[:200]

