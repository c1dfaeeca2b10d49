"""The rules skipped by a criterion's letter words (extensions.doc_words) give exactly what the
scans they replace give: the registry form fields' hint and the exception cues' first words, on
generated texts (case variants, glued words, letters that fold to ASCII) and on LCT texts."""
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.nlp import accounting, context, quantities

SHARED = Path(os.environ.get("EXTRACTOR_SHARED", Path(__file__).resolve().parents[3] / "shared"))
LCT = SHARED / "corpora" / "lct" / "leaf_clinical_trials"

PIECES = ["yes", "YES", "Yes", "no", "No", "NO", "nothing", "know", "age", "Age", "range", "RANGE",
          "age range", "Age Range", "ages ranging", " ", "  ", "\n", "?", ":", "(", ")", "-", "_", "18",
          "yeſ", "ſ", "K", "é", "under 18", "Are the trial subjects under 18?", "Adults (18-64 years)",
          "Number of subjects for this age range: 12", "F.1.1 ", "with", "without", "With the exception of",
          "except", "EXCEPT", "excepting", "exceptions:", "Exceptions", "other than", "another", "others",
          "unless", "Unless", "but not", "distribution", "but", "besides", "apart from", "aside from",
          "excluding", "contribute", "treatment", "ıf", "İ", "x"]
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join)


def _words(text):
    return quantities.letter_words(text.lower())


def _check(text):
    words = _words(text)
    assert accounting._form_hint(text, words) == (accounting._FORM_HINT.search(text) is not None), text
    assert accounting.form_fields(text, words) == accounting.form_fields(text), text
    assert context.exceptions(text, words) == context.exceptions(text), text


@settings(max_examples=1500, deadline=None)
@given(texts)
def test_word_hints_equal_the_scans_they_replace(text):
    _check(text)


def test_word_hints_rule_out_texts_and_keep_cues():
    # ruled out by the words: the hint's and the cues' words are only parts of other words
    assert not accounting._form_hint("Known allergy to nothing", {"known", "allergy", "to", "nothing"})
    assert context.exceptions("without another treatment", _words("without another treatment")) == []
    # kept: the words are there, as whole letter runs
    assert accounting.form_fields("Are the trial subjects under 18? no", _words("Are the trial subjects under 18? no"))
    text = "Prior chemotherapy, with the exception of hormones"
    assert [e["text"] for e in context.exceptions(text, _words(text))] == ["hormones"]


def test_word_hints_on_lct_texts():
    if not LCT.is_dir():
        pytest.skip(f"{LCT} not found")
    lines = [line for path in sorted(LCT.glob("*/*.txt"))[:300]
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for line in lines:
        _check(line)
        assert quantities.find(line, [], _words(line)) == quantities.find(line, [])
