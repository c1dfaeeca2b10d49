"""Fast paths that give exactly what the plain ones give:

- the folded (lower-cased, case-sensitive) patterns run on text whose characters outside ASCII
  have no case ("≥", "•", "°"; patterns.folded_text), as on ASCII text;
- the opening negation cue checked against the pseudo-triggers that start before its end
  (context._hidden);
- the trigger scan given a criterion's letter words (assertion.criterion_triggers), the numbers
  of the accounting given them (accounting.numbers), and the digit runs of ASCII text found as
  runs of 0-9 (quantities/candidates.py).
"""
import os
import sys
from pathlib import Path

import _sre
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.nlp import accounting, assertion, context
from extractor.nlp.patterns import folded_text, grammar
from extractor.nlp.quantities import candidates, common, cues, letter_words

SHARED = Path(os.environ.get("EXTRACTOR_SHARED", Path(__file__).resolve().parents[3] / "shared"))
LCT = SHARED / "corpora" / "lct" / "leaf_clinical_trials"

G = grammar()
# characters with no case (folded_text keeps the folded path for them) and with one (it does not)
CASELESS = ["≥", "≤", "•", "°", "±", "²", "®", "，", "（", "）", "中", "\u00a0", "½", "×", "…", "③"]
CASED = ["µ", "μ", "é", "É", "\u212a", "ſ", "\u0130", "\u0131", "ß", "Ⅲ", "ⅲ", "Σ", "ς"]
PIECES = ["at least", "AT LEAST", "no more than", "Within", "prior to", "Registration", "older",
          "or Older", "grade", "Grade", "NYHA", "class", "III", "II or III", "ECOG", "0, 1 or 2",
          "mg/dL", "mL/min", "x ULN", "X uln", "weeks", "Months", "yrs", ">=", "<", " ", "  ", ",", ".",
          "(", ")", "-", "18", "1.5", "100,000", "one", "Two", "stage", "the age of", "years of age",
          "between", "and", "to", "than", "/mm^3", "°C", "first dose", "Screening", "surgery", "no", "not",
          "without", "unable to", "Non-", "free", "naïve", "NAÏVE", "treatment-", "except", "but", ";"]
any_texts = st.lists(st.sampled_from(PIECES + CASELESS + CASED), min_size=1, max_size=14).map("".join)


def _same(a, b):
    """Both missed, or both matched with the same span for the match and for every group."""
    def spans(m):
        return m and [m.span(i) for i in range(m.re.groups + 1)]
    return spans(a) == spans(b)


def test_no_character_lower_cases_to_one_without_case():
    # folded_text's premise, over every code point: a character the regex engine gives no case
    # is its own lower and upper case, and no cased character lower-cases to one of those
    for i in range(128, sys.maxunicode + 1):
        if not _sre.unicode_iscased(i):
            ch = chr(i)
            assert ch.lower() == ch and ch.upper() == ch, hex(i)
        low = _sre.unicode_tolower(i)
        assert low == i or low < 128 or _sre.unicode_iscased(low), hex(i)


def test_without_the_engines_case_test_non_ascii_text_takes_the_case_free_patterns(monkeypatch):
    # an interpreter without _sre.unicode_iscased: text outside ASCII is declined, ASCII is not
    from extractor.nlp import patterns
    monkeypatch.setattr(patterns, "_ISCASED", None)
    assert folded_text("Platelets ≥ 100,000/mm3 • ok") is None
    assert folded_text("Platelets >= 100,000/mm3") == "platelets >= 100,000/mm3"


def test_folded_text_keeps_offsets_or_declines():
    assert folded_text("Age ≥ 18 Years • ECOG 0-1") == "age ≥ 18 years • ecog 0-1"
    assert folded_text("ANC ≥ 1.5 × 10⁹/L") is not None
    for odd in CASED:
        assert folded_text(f"Age {odd} 18") is None, odd


@settings(max_examples=1500, deadline=None)
@given(any_texts, st.integers(min_value=0, max_value=60))
def test_folded_patterns_on_caseless_text_equal_the_case_insensitive_ones(text, pos):
    pos = min(pos, len(text))
    reversed_text = text[::-1]
    for pattern in (G.pre_cue, G.post_cue, G.window, G.relation, G.time_unit, cues._AGE_FILLER,
                    common._THAN_AHEAD, common._AGE_WORD):
        assert pattern.folded is not None
        assert _same(pattern.match(text, pos), pattern.pattern.match(text, pos)), text
        assert _same(pattern.match(reversed_text), pattern.pattern.match(reversed_text)), text
        assert _same(pattern.search(text, pos), pattern.pattern.search(text, pos)), text


@settings(max_examples=600, deadline=None)
@given(any_texts)
def test_event_starts_on_caseless_text_equal_the_case_free_alternation(text):
    for pos in range(len(text) + 1):
        a, b = G.event_at.match(text, pos), G.event.match(text, pos)
        assert (a and (a.span(), a.group().lower())) == (b and (b.span(), b.group().lower())), (text, pos)


def _lct_lines(limit: int) -> list[str]:
    if not LCT.is_dir():
        pytest.skip(f"{LCT} not found")
    return [line for path in sorted(LCT.glob("*/*.txt"))[:limit]
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_folded_patterns_on_lct_lines_outside_ascii():
    lines = [line for line in _lct_lines(1200) if not line.isascii()]
    caseless = [line for line in lines if folded_text(line) is not None]
    assert len(caseless) > 100  # most such criteria hold signs and bullets only
    for line in caseless:
        for pos in range(len(line) + 1):
            for pattern in (G.pre_cue, G.window):
                left = line[max(0, pos - 60):pos][::-1]
                assert _same(pattern.match(left), pattern.pattern.match(left)), line
            for pattern in (G.post_cue, G.relation, G.time_unit):
                assert _same(pattern.match(line, pos), pattern.pattern.match(line, pos)), line


@settings(max_examples=1500, deadline=None)
@given(any_texts)
def test_criterion_triggers_equal_the_case_free_scan(text):
    # on ASCII text and on text whose other characters have no case, with the folded alternations
    plain = assertion._triggers(assertion.rules(), text, None)
    assert assertion.criterion_triggers(text, letter_words(text.lower())) == plain, text


def test_criterion_triggers_on_lct_lines():
    lines = _lct_lines(1200)
    assert assertion._caseless_first_words()
    found = 0
    for line in lines:
        fast = assertion.criterion_triggers(line, letter_words(line.lower()))
        assert fast == assertion._triggers(assertion.rules(), line, None), line
        found += len(fast)
    assert found > 300


NUMBER_PIECES = ["one", "One", "ONE", "(one)", "one,", "twenty-one", "twice", "stage", "Stage", "IV", "iv",
                 "stages", "grade", "II", "class", "phase", "type", "NYHA", "someone", "stageIV", "1", "12,5",
                 "½", "no", " ", "  ", "\n", ",", ".", "(", ")", ":", ";", "-", "é", "ſ", "≥"]


def test_every_number_word_form_holds_its_key():
    # what lets numbers() skip its word forms from the letter words (as quiet_words does)
    r = accounting.rules()
    for form in r.any_forms:
        assert r.quiet_keys & letter_words(form.lower()), form


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(NUMBER_PIECES), min_size=1, max_size=12).map("".join))
def test_numbers_given_letter_words_equal_numbers(text):
    assert accounting.numbers(text, letter_words(text.lower())) == accounting.numbers(text), text


def test_numbers_given_letter_words_on_lct_lines():
    lines = _lct_lines(600)
    assert all(accounting.numbers(line, letter_words(line.lower())) == accounting.numbers(line) for line in lines)


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet="0123456789 .,-½¾٣x", max_size=20))
def test_ascii_digit_runs_are_the_digit_runs(text):
    if text.isascii():
        assert [m.span() for m in candidates._ASCII_DIGIT_RUN.finditer(text)] == \
            [m.span() for m in common._DIGIT_RUN.finditer(text)], text


# -- the negation pseudo-triggers (context.py) ----------------------------------------------

PSEUDO_PIECES = ["no more than", "Not Less Than", "not only", "NON-SMALL CELL", "non small cell", "no", "not",
                 "No", "non-", "does not exceed", "no longer", "no later than", "-", " ", "  ", "\n", ",",
                 "(", "5", "xno", "nothing", "ſ", "\u212a", "≥", "é", "cell", "than", "lung cancer"]


def _hidden_plain(c, text, start, end, hi):
    return any(a < end and start < b for a, b in (p.span() for p in c.pseudo.finditer(text, 0, hi)))


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PSEUDO_PIECES), min_size=1, max_size=10).map("".join),
       st.integers(min_value=0, max_value=60), st.integers(min_value=1, max_value=12),
       st.integers(min_value=0, max_value=140))
def test_pseudo_triggers_hide_a_cue_as_a_full_scan_says(text, start, length, hi):
    c = context.cues()
    assert c.pseudo_first is not None  # (else every window is scanned whole)
    start = min(start, len(text))
    end = min(start + length, len(text))
    assert context._hidden(c, text, start, end, hi) == _hidden_plain(c, text, start, end, hi), (text, start, end, hi)


def test_opening_negation_on_lct_lines(monkeypatch):
    lines = _lct_lines(1200)
    fast = [context.negation(line, letter_words(line.lower())) for line in lines]
    monkeypatch.setattr(context, "_hidden", _hidden_plain)
    assert fast == [context.negation(line, letter_words(line.lower())) for line in lines]
    assert sum(cue is not None for cue in fast) > 100
