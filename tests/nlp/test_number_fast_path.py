"""candidates._number_at gives what the full number pattern gives: the scientific forms are
left out only where none can match (see _SCIENTIFIC_AHEAD)."""
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.nlp import quantities
from extractor.nlp.patterns import grammar
from extractor.nlp.quantities import candidates, units

G = grammar()
PIECES = ["1", "10", "2.5", "0.5", ".5", "100,000", "12, 000", "1,5", "x", "X", "×", "*", "·", "^", "**",
          "⁹", "³", "e", "E", "e-", "-", "−", " ", "  ", "/", "L", "/L", "cells", "per", "mm", "½", "٣",
          "10^9", "10⁹", "x 10^9/L", "1.5e-3", ",", ".", "(", "≥", "a", "one"]


def _key(m):
    return m and (m.span(), m.groupdict())


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=10).map("".join), st.integers(0, 30))
def test_number_at_equals_the_full_pattern(text, pos):
    pos = min(pos, len(text) - 1)
    assert _key(candidates._number_at(G, text, pos)) == _key(G.number.match(text, pos)), (text, pos)


def test_scientific_forms_still_found():
    for text in ("1.5 x 10^9/L", "2 × 10⁹", "10^6 cells", "1.2e-3", "-.5e2", "5x10**3"):
        assert _key(candidates._number_at(G, text, 0)) == _key(G.number.match(text, 0)), text
    assert candidates._number_at(G, "3e5 ", 0).group("num") == "3e5"
    assert candidates._plain_number() is not None  # the fast pattern is in use


COUNT_PIECES = ["2", "one", " ", "lesions", "Lesion", "half-life", "HALF-LIVES", "pack-years", "pack/years",
                "s.d.", "S.D.", "prior", "lines", "of", "therapy", "regimens", "x", "-", "ſ", "é", "measurable",
                "seizures", "episodes", "2lesions", "_lesions", ",", "("]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(COUNT_PIECES), min_size=1, max_size=10).map("".join), st.integers(0, 20))
def test_counted_noun_with_the_words_screen_equals_without(text, pos):
    pos = min(pos, len(text))
    words = quantities.letter_words(text.lower())
    assert units._counted_noun(G, text, pos, words) == units._counted_noun(G, text, pos), (text, pos)


def test_count_keys_cover_every_hint_word():
    assert units._count_keys() is not None
    # "half-life", "pack-years", "s.d.": the letter run before the first non-letter
    assert {"half", "pack", "s"} <= units._count_keys()


REPEAT_PIECES = ["2", "3", " ", "consecutive", "measurements", "Measurements", "ECGs", "ecg", "readings", "x",
                 "-", "values", "value", "2values", "_tests", "tests", "é", "ſ", "on", ","]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(REPEAT_PIECES), min_size=1, max_size=10).map("".join), st.integers(0, 20))
def test_repeat_screen_equals_the_hint_search(text, pos):
    pos = min(pos, len(text))
    words = quantities.letter_words(text.lower())
    plain = units._repeat_hint().search(text, pos, pos + 60)
    near = units._repeat_near(text, pos, words)
    if near is not None:  # the screen let the search run: the same search
        assert plain is not None and near.span() == plain.span(), (text, pos)
    elif plain is not None:
        # the screen ruled out a match only where the search window cut a longer word
        # ("...readings measurementsMeasurements"): no noun of the text (the search alone finds a
        # piece of it); a letter word glued to a digit ("readings2") is one the screen keeps
        assert plain.end() == pos + 60 and re.match(r"[\w-]", text[plain.end():plain.end() + 1]), (text, pos)


def test_repeat_screen_on_a_word_cut_by_the_window():
    text = "3consecutivevaluesmeasurementsreadingsMeasurementsreadings measurementsMeasurements"
    assert units._repeat_hint().search(text, 11, 71) is not None   # a piece of the last word
    assert units._repeat_near(text, 11, quantities.letter_words(text.lower())) is None


def test_repeat_keys_are_in_use():
    assert units._repeat_keys() is not None and "ecgs" in units._repeat_keys()
