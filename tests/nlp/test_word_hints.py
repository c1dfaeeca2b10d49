"""The rules skipped by a criterion's letter words (extensions.doc_words) give exactly what the
scans they replace give: the registry form fields' hint, the exception cues' first words and the
opening negation cue's words, on generated texts (case variants, glued words, letters that fold
to ASCII) and on LCT texts. The exception cues found on lower-cased ASCII text (folded) equal the
case-insensitive scan's."""
import dataclasses
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
          "excluding", "contribute", "treatment", "ıf", "İ", "x", "non", "Non-", "NON", "nonsmoker", "not",
          "Not", "doesn't", "DON'T", "cannot", "must", "Patients", "None", "absence of", "free", "n't"]
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join)


def _words(text):
    return quantities.letter_words(text.lower())


def _unfolded(fn, *args):
    """fn(*args) with the exception cues scanned case-insensitively on the text as written."""
    saved = context.cues
    plain = dataclasses.replace(saved(), exception_folded=None)
    context.cues = lambda: plain
    try:
        return fn(*args)
    finally:
        context.cues = saved


def _check(text):
    words = _words(text)
    assert accounting._form_hint(text, words) == (accounting._FORM_HINT.search(text) is not None), text
    assert accounting.form_fields(text, words) == accounting.form_fields(text), text
    assert context.exceptions(text, words) == context.exceptions(text) == _unfolded(context.exceptions, text), text
    assert context.negation(text, words) == context.negation(text), text


@settings(max_examples=1500, deadline=None)
@given(texts)
def test_word_hints_equal_the_scans_they_replace(text):
    _check(text)


def test_word_hints_rule_out_texts_and_keep_cues():
    # ruled out by the words: the hint's and the cues' words are only parts of other words
    assert not accounting._form_hint("Known allergy to nothing", {"known", "allergy", "to", "nothing"})
    assert context.exceptions("without another treatment", _words("without another treatment")) == []
    assert context.negation("Patients must have measurable disease", _words("patients must have measurable disease")) is None
    # kept: the words are there, as whole letter runs
    assert accounting.form_fields("Are the trial subjects under 18? no", _words("Are the trial subjects under 18? no"))
    text = "Prior chemotherapy, with the exception of hormones"
    assert [e["text"] for e in context.exceptions(text, _words(text))] == ["hormones"]
    assert context.negation("Patients must not be pregnant", _words("patients must not be pregnant"))["text"] == "must not"
    assert context.negation("Non-smokers", _words("non-smokers"))["text"] == "Non-"
    assert context.exceptions("EXCEPT FOR Hormones", _words("except for hormones"))[0]["cue"]["text"] == "EXCEPT FOR"


def test_word_hints_on_lct_texts():
    if not LCT.is_dir():
        pytest.skip(f"{LCT} not found")
    lines = [line for path in sorted(LCT.glob("*/*.txt"))[:300]
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for line in lines:
        _check(line)
        assert quantities.find(line, [], _words(line)) == quantities.find(line, [])
