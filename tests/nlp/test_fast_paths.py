"""The NLP stage's fast paths give exactly what the plain patterns give: the folded
(lower-cased, case-sensitive) forms of case-insensitive patterns, the unit alternation tried in
two parts and only over the forms that can start with the character at hand, the scale scan started only at scale words, find()'s early return, the negation pseudo-triggers tried only at their first words, and the
trigger screen that rules criteria out of the scan for negation triggers (trigger_screen.py)."""
import os
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractor.nlp import accounting, assertion, quantities
from extractor.nlp.quantities import ages, candidates, common, cues, finder, scales, units
from extractor.nlp.assertion import triggers
from extractor.nlp.patterns import case_free, folded_regex, grammar

SHARED = Path(os.environ.get("EXTRACTOR_SHARED", Path(__file__).resolve().parents[3] / "shared"))
LCT = SHARED / "corpora" / "lct" / "leaf_clinical_trials"

G = grammar()
PIECES = ["at least", "AT LEAST", "no more than", "Within", "prior to", "Registration", "older",
          "or Older", "grade", "Grade", "NYHA", "class", "III", "iv", "II or III", "ECOG", "0, 1 or 2",
          "mg/dL", "MG/DL", "mL/min", "x ULN", "X uln", "µmol/L", "weeks", "Months", "yrs", ">=", "≥",
          "<", " ", "  ", ",", ".", "(", ")", "-", "18", "1.5", "100,000", "one", "Two", "ſtage", "K",
          "stage", "r-iss", "Child-Pugh", "B", "the age of", "years of age", "Jan", "version", "between",
          "and", "to", "ages", "adults", "than", " / ", "/mm^3", "g / dL", "G/L", "cells/ mm3", "x 109/L",
          "U/I", "/HPF", "mmHg", "times per week", "°", "kg.m^2", "µL", "U/L"]

texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join)


def _same(a, b):
    """Both missed, or both matched with the same span for the match and for every group."""
    def spans(m):
        return m and [m.span(i) for i in range(m.re.groups + 1)]
    return spans(a) == spans(b)


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(min_value=0, max_value=40))
def test_folded_cue_patterns_equal_the_case_insensitive_ones(text, pos):
    pos = min(pos, len(text))
    for pattern in (G.pre_cue, G.post_cue, G.window, G.relation, G.time_unit, G.event_at):
        assert pattern.folded is not None
        assert _same(pattern.match(text, pos), pattern.pattern.match(text, pos)), text
        reversed_text = text[::-1]
        assert _same(pattern.match(reversed_text), pattern.pattern.match(reversed_text)), text


@settings(max_examples=1500, deadline=None)
@given(texts, st.integers(min_value=0, max_value=40))
def test_unit_forms_end_where_the_combined_pattern_does(text, pos):
    pos = min(pos, len(text))
    m = G.unit.pattern.match(text, pos)
    assert G.unit.end(text, pos) == (m.end() if m else None), text


EVENT_PIECES = ["the first dose of study drug", "The First Dose Of Study", "ICU", "icu admission", "C1D1",
                "c1d1", "randomization", "Randomisation", "signing of the ICF", "the ", "study ", "entry",
                "Screening", "surgery", " ", "  ", "\n", "-", "ſcreening", "\u212a"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(EVENT_PIECES), min_size=1, max_size=8).map("".join))
def test_folded_events_equal_the_case_free_alternation(text):
    # anchors read an event's offsets and its lower-cased text: both the same, at every position
    for pos in range(len(text) + 1):
        a, b = G.event_at.match(text, pos), G.event.match(text, pos)
        assert (a and (a.span(), a.group().lower())) == (b and (b.span(), b.group().lower())), (text, pos)

# characters that are no ASCII, some of them case folds of ASCII letters (Kelvin, long s, dotted I)
ODD = ["≥", "µ", "μ", "\u212a", "ſ", "\u0130", "\u0131", "é", "°", "\u00a0"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES + ODD), min_size=1, max_size=12).map("".join), st.sampled_from(ODD))
def test_unit_forms_on_text_that_is_not_ascii(text, odd):
    # the buckets of the ASCII path, matched case-free as written, at every position
    text = text + " " + odd
    for pos in range(len(text) + 1):
        m = G.unit.pattern.match(text, pos)
        assert G.unit.end(text, pos) == (m.end() if m else None), (text, pos)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_folded_regexes_equal_the_case_insensitive_ones(text):
    named = [(name, getattr(common, name))
             for name in ("_SCHEDULE_WORDS", "_NOT_VALUE_BEFORE", "_MONTHS", "_BETWEEN", "_AGE_BEFORE", "_AGE_WORD")]
    age, young = ages._age_cues()  # compiled from the data file's word lists
    for name, rx in named + [("age cue", age), ("young cue", young), ("duration cue", ages._duration_cue())]:
        assert _same(rx.search(text), rx.pattern.search(text)), (name, text)
    for module, name in ((common, "_AGE_AFTER"), (cues, "_AGE_FILLER"), (common, "_THAN_AHEAD")):
        rx = getattr(module, name)
        assert _same(rx.match(text), rx.pattern.match(text)), (name, text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_scale_scan_equals_a_full_scan(text):
    low = text.lower()
    present = set(re.findall(r"[a-z]+", low)) & G.scale_words
    fast = [m.groupdict() | {"span": m.span()} for m in scales._scale_matches(G, text, low, present)]
    full = [m.groupdict() | {"span": m.span()} for m in G.roman_values.finditer(text)]
    if present or not full:
        assert fast == full, text


def test_folding_refuses_what_it_cannot_keep_exact():
    with pytest.raises(ValueError):
        folded_regex(r"\bULN\b")
    assert case_free(lambda ps: "|".join(map(re.escape, ps)), ["ſ-thing"]).folded is None  # long s: IGNORECASE equates it with "s"
    assert case_free(lambda ps: "|".join(map(re.escape, ps)), ["≥", "mg"]).folded is not None


def test_scale_scan_and_early_return_on_lct_texts():
    if not LCT.is_dir():
        pytest.skip(f"{LCT} not found")
    lines = [line for path in sorted(LCT.glob("*/*.txt"))[:400]
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    early = 0
    for line in lines:
        low = line.lower()
        present = set(common._LETTERS.findall(low)) & G.scale_words
        if present:
            assert [m.span() for m in scales._scale_matches(G, line, low, present)] == \
                [m.span() for m in G.roman_values.finditer(line)], line
        words = set(common._LETTERS.findall(low))
        if finder._trigger_words().isdisjoint(words) and not common._DIGIT_RUN.search(line) \
                and not common._HINT.search(low):
            early += 1
            # nothing to start from: no candidate number, scale value or reference in the text
            assert not candidates._candidates(G, line, words)
            assert not list(G.roman_values.finditer(line))
    assert early > 100


NEGATION_PIECES = ["no", "No", "NO", "not", "non", "Non", "-", "small", "Small", "cell", " ", "  ", "\n",
                   "more", "than", "with", "or", "without", "whether", "if", "gram", "negative",
                   "stop", "bang", "hodgkin's", "only", "5", "_", ",", "(", "ſtop", "ıf", "İf", "Kelvin",
                   "nonsteroidal", "NONSTEROIDAL", "exceed", "to", "limited", "yet", "≥", "é"]
negation_texts = st.lists(st.sampled_from(NEGATION_PIECES), min_size=1, max_size=14).map("".join)


def _pseudo_plain(text, lo, hi):
    return [m.span() for m in assertion.rules().pseudo.finditer(text, lo, hi)]


@settings(max_examples=1500, deadline=None)
@given(negation_texts, st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60))
def test_pseudo_triggers_tried_at_first_words_equal_a_full_scan(text, lo, hi):
    lo, hi = min(lo, len(text)), min(max(lo, hi), len(text))
    assert assertion.rules().pseudo_first is not None
    assert list(assertion._pseudo_spans(assertion.rules(), text, lo, hi)) == _pseudo_plain(text, lo, hi), text



def _note_start_scanned(text):
    """assertion.note_start with both alternations scanned over the whole text."""
    r = assertion.rules()
    found = [m.start() for m in r.note.finditer(text) if assertion._WORD_CHAR.search(text, 0, m.start())]
    found += [m.start() for m in r.case.finditer(text) if assertion._WORD_CHAR.search(text, 0, m.start())
              and assertion._SENTENCE_END.search(text, max(0, m.start() - 50), m.start())]
    return min(found, default=None)


NOTE_PIECES = NEGATION_PIECES + ["Note:", "NOTE that", "note", "N.B.", "n.b.", "NB:", "If", "IF", "in case",
                                 "In  Case", "in the\nevent", "Event", ".", ". ", "Nb", "Iƒ"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(NOTE_PIECES), min_size=1, max_size=14).map("".join))
def test_note_start_screen_equals_a_full_scan(text):
    assert assertion.note_start(text) == _note_start_scanned(text), text

@pytest.mark.parametrize("text", ["ſtop-bang score", "ıf not given", "İf not given", "no more than 5",
                                  "NON-small cell", "5 non-small", "(whether or not)", "gram-negative"])
def test_pseudo_triggers_tried_at_first_words_on_case_folds(text):
    # "ſ" and "ı" match s and i in a case-free pattern but lower() keeps them: the full scan then
    assert _pseudo_plain(text, 0, len(text))
    assert list(assertion._pseudo_spans(assertion.rules(), text, 0, len(text))) == _pseudo_plain(text, 0, len(text))


def test_pseudo_triggers_tried_at_first_words_on_lct_texts():
    if not LCT.is_dir():
        pytest.skip(f"{LCT} not found")
    r = assertion.rules()
    checked = 0
    for path in sorted(LCT.glob("*/*.txt"))[:400]:
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"\w+", text):  # windows that start and end anywhere in a word too
            lo, hi = max(0, m.start() - 30), min(len(text), m.end() + 31)
            assert list(assertion._pseudo_spans(r, text, lo, hi)) == _pseudo_plain(text, lo, hi)
            checked += 1
    assert checked > 10000


TRIGGER_PIECES = [p for p in NEGATION_PIECES if p.isascii()] + [
    "None of", "unable", "UNABLE TO", "unwilling or unable to", "free", "cancer-free", "naive", "excluded",
    "lack of", "Absence of", ";", ":", ". ", "[", "]", "but", "However", "which", "that are", "if",
    "and/or", "in the opinion of", "IN THE JUDGEMENT OF", "as a result of", "a", "b", "ifs", "butter",
    "whichever", "x", "1", "cannot", "can't", "n't"]
trigger_texts = st.lists(st.sampled_from(TRIGGER_PIECES), min_size=1, max_size=16).map("".join)


@settings(max_examples=1500, deadline=None)
@given(trigger_texts)
def test_folded_triggers_equal_the_case_free_ones(text):
    # the lower-cased, case-sensitive alternations (branches opening with their first letter,
    # the word-start check after it) find the same triggers, pseudo-triggers and scopes
    r = assertion.rules()
    assert r.folded is not None
    assert assertion._triggers(r, text, r.folded) == assertion._triggers(r, text, None), text


def test_folded_triggers_on_lct_texts_and_case_folds():
    r = assertion.rules()
    assert assertion._triggers(r, "No fever; not pregnant", r.folded)[1]["text"] == "not"
    # "ſ" (long s) is not ASCII: triggers() keeps the case-free alternations for it
    assert assertion.triggers("ſtop-bang: no ſmoking") == assertion._triggers(r, "ſtop-bang: no ſmoking", None)
    if not LCT.is_dir():
        pytest.skip(f"{LCT} not found")
    found = 0
    for path in sorted(LCT.glob("*/*.txt"))[:400]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.isascii():
                fast = assertion._triggers(r, line, r.folded)
                assert fast == assertion._triggers(r, line, None), line
                found += len(fast)
    assert found > 300


@pytest.mark.parametrize("phrase", ["no", "not", "unable to", "as a result of", "but", "non-", "-free", ". ", "\n"])
def test_literal_first_branches_match_where_the_plain_ones_do(phrase):
    plain = re.compile(assertion._regex(phrase))
    literal = re.compile(assertion._regex(phrase, literal_first=True))
    for text in ["x" + phrase, phrase, " " + phrase + " y", "_" + phrase, "1" + phrase, phrase + "x", "(" + phrase + ")"]:
        for pos in range(len(text) + 1):
            a, b = plain.match(text, pos), literal.match(text, pos)
            assert (a and a.span()) == (b and b.span()), (text, pos)


COUNT_PIECES = ["2", " ", "  ", "prior", "Lines", "LINES", "line", "regimens", "measurements", "consecutive",
                "Consecutive", "occasions", "-", "pack-years", "Pack-Years", "half-lives", "of", "therapy",
                "x", "_", "ſeizures", "seizures", "K", "lesions", "(", ")", ",", "é", "cycles", "ECGs", "ecgs",
                "PK", "pk", "SD", "sd"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(COUNT_PIECES), min_size=1, max_size=12).map("".join),
       st.integers(min_value=0, max_value=30), st.integers(min_value=0, max_value=80))
def test_folded_count_and_repeat_hints_equal_the_case_free_ones(text, pos, width):
    # searched in a window after a count: the folded form on ASCII text, the case-free one otherwise
    for hint in (units._count_hint(), units._repeat_hint()):
        assert hint.folded is not None
        assert _same(hint.search(text, pos, pos + width), hint.pattern.search(text, pos, pos + width)), text


@pytest.mark.parametrize("text", ["18 years", "   18 years", "\t\n 5 mg", "≥ 18", "at least 18", "within 4 weeks",
                                  "in the past  6 months", "x 2", "  "])
def test_cue_and_window_lookups_skip_blank_windows_only(text):
    # a number with only whitespace before it has no cue and no window; elsewhere the patterns decide
    pos = next((i for i, ch in enumerate(text) if ch.isdigit()), len(text))
    left = text[:pos][::-1]
    cue = G.pre_cue.pattern.match(left)
    expected = cue is not None and cue.group("cue")[::-1].strip().lower() in G.pre_comparator
    assert (cues._cue_at(G, text, pos) is not None) == expected, text
    window = G.window.pattern.match(left)
    assert (cues._left_window(G, text, pos) is not None) == (
        window is not None and G.window_info.get(re.sub(r"\s+", " ", window.group("cue")[::-1].lower())) is not None), text


def test_result_spans_shifted_in_copies():
    from extractor.nlp.analyzer import _shifted

    def plain(obj, offset):  # every "span" moved, everything else copied as it is
        if isinstance(obj, dict):
            return {k: [v[0] + offset, v[1] + offset] if k == "span" else plain(v, offset) for k, v in obj.items()}
        if isinstance(obj, list):
            return [plain(v, offset) for v in obj]
        return obj

    original = {"text": "≥ 5 mg", "span": [0, 6], "value": 5, "low": 1.5, "negated": False, "x": None,
                "unit": {"text": "mg", "span": [4, 6], "ucum": "mg"}, "values": [1, 2],
                "rules": ["cmp.sym.gte"], "subject": {"span": [8, 9], "concept": {"code": "1-8"}},
                "items": [{"span": [1, 2]}, [{"span": [3, 4]}]]}
    before = repr(original)
    shifted = _shifted(original, 10)
    assert shifted == plain(original, 10)
    assert shifted["unit"]["span"] == [14, 16] and shifted["items"][1][0]["span"] == [13, 14]
    assert repr(original) == before  # the doc-relative original is untouched


def test_entities_of_a_criterion_with_nothing_to_take_them_from():
    from extractor.nlp.entities import criterion_entities
    from extractor.nlp.subjects import variables

    assert criterion_entities("No fever", (), [], [], variables(), ()) == []
    found = criterion_entities("ANC low", (), [{"span": [0, 3], "name": "absolute neutrophil count", "text": "ANC"}],
                               [], variables(), ())
    assert [e["span"] for e in found] == [[0, 3]]


@settings(max_examples=400, deadline=None)
@given(texts)
def test_letter_words_equal_the_letter_runs(text):
    # ASCII text is split in one pass over its bytes; other text by the pattern
    for low in (text.lower(), text.lower() + " é-ab", "ab\x00cd\x7fef"):
        assert quantities.letter_words(low) == set(common._LETTERS.findall(low)), low


def test_trigger_keys_are_words_of_the_triggers():
    from extractor.nlp.assertion import trigger_patterns
    from extractor.nlp.entities import trigger_keys

    keys = trigger_keys()
    assert "n't" in keys and "without" in keys and "no" in keys
    assert len(keys) <= len(trigger_patterns())


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "B", " ", "1", "0", "9", "½", "٣", "İ", "ı", "ſ", "é", "x", "-", "."]),
                max_size=10).map("".join))
def test_digit_or_fold_equals_the_unicode_patterns(text):
    # ASCII text asked for 0-9 only: its digits are those and it holds no odd case fold
    plain = common._DIGIT_RUN.search(text) is not None or common._CASE_ODD.search(text) is not None
    assert finder._digit_or_fold(text) == plain, text


SCREEN_PIECES = ["no", "No", "NOT", "not", "cannot", "Cannot", "can", "notve", "Notve", "n't", "Don't",
                 "don't", "without", "non", "-", "smoker", "2", "1.5", "x", "X", "×", "ULN", "NO", "(", ")",
                 " ", ".", ",", "'", "’", "free", "known", "allergy", "Known", "naïve", "naive", "é", "İ",
                 "ſ", "10mg", "mg", "US$", ">=", "a", "e.g.", "gonna", "wanna", "failure", "nor", "ain't"]


def _screen():
    from extractor.nlp.entities import trigger_keys
    from extractor.nlp.trigger_screen import TriggerScreen

    return TriggerScreen(trigger_keys())


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(SCREEN_PIECES), min_size=1, max_size=10).map("".join))
def test_trigger_screen_rules_out_only_texts_without_triggers(text):
    # the screen may let any text through; a text it rules out holds no trigger
    if _SCREEN.absent(text, quantities.letter_words(text.lower())):
        assert triggers(text) == (), text


_SCREEN = _screen()


def test_trigger_screen_cases():
    def absent(text):
        return _SCREEN.absent(text, quantities.letter_words(text.lower()))

    # a trigger inside a token ("with/without"), a contraction, a word the tokenizer cuts
    # ("cannot"), a hyphenated prefix, text that is not ASCII
    for text in ["Patients who cannot swallow", "Don't smoke", "With/without prior therapy",
                 "No prior therapy", "non-smokers", "İf no", "naïve to treatment"]:
        assert not absent(text), text
    for text in ["Known allergy to study drug", "Hemoglobin 9 g/dL", "ALT 2.5 x ULN", "Age 18 years"]:
        assert absent(text), text
        assert triggers(text) == (), text


def test_a_trigger_inside_a_token_negates_its_entity():
    from extractor.nlp import Analyzer

    # "status/inability" is one token: the entity after it is still in the trigger's scope,
    # while "with/without" is no negation at all
    analyzer = Analyzer(entities=False)
    text = "Altered mental status/inability to measure systolic blood pressure"
    [got] = analyzer.analyze(text, [(0, len(text))])
    assert [(e["text"], e["negated"]) for e in got["entities"]] == [("systolic blood pressure", True)]
    text = "Hemoglobin with/without transfusion < 9 g/dL"
    [got] = analyzer.analyze(text, [(0, len(text))])
    assert got["negated"] is False
    assert [(e["text"], e["negated"]) for e in got["entities"]] == [("Hemoglobin", False)]


@pytest.mark.skipif(not LCT.is_dir(), reason="LCT corpus not available")
def test_trigger_screen_on_lct_lines():
    checked = 0
    for path in sorted(LCT.glob("*/*.txt"))[:400]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and _SCREEN.absent(line, quantities.letter_words(line.lower())):
                assert triggers(line) == (), line
                checked += 1
    assert checked > 1000


REFERENCE_PIECES = ["x", "X", "×", "*", "times", "time", "fold", "-fold", "folds", "ULN", "uln", "Uln", "LLN",
                    "N", "n", "upper limit of normal", "Upper Limit", "the", "of", "or", "greater", "than",
                    "above", "below", "less", "normal", "baseline", "reference values", "institutional",
                    "lsn", "lſn", "ULNs", "twice", "thrice", " ", "  ", "\n", "1.5", "2", ".", "-", "(", ")",
                    "xULN", "timesULN", "K", "ſ", "é", "mg", "limit", "local", "laboratory", "range"]
reference_texts = st.lists(st.sampled_from(REFERENCE_PIECES), min_size=1, max_size=10).map("".join)


def _reference_screen_holds(text):
    for pos in range(len(text) + 1):
        if G.reference.match(text, pos):
            assert G.reference_start.may(text, pos), (text, pos)


@settings(max_examples=1500, deadline=None)
@given(reference_texts)
def test_reference_start_rules_out_only_where_no_reference_matches(text):
    _reference_screen_holds(text)


def test_reference_start_on_lct_texts():
    assert G.reference_start.may("xULN", 0) and G.reference_start.may("× ULN", 0)
    assert G.reference_start.may("ULN", 0) and G.reference_start.may("-fold", 0)
    assert not G.reference_start.may("mg/dL", 0) and not G.reference_start.may("years", 0)
    if not LCT.is_dir():
        pytest.skip(f"{LCT} not found")
    ruled_out = 0
    for path in sorted(LCT.glob("*/*.txt"))[:300]:
        for line in path.read_text(encoding="utf-8").splitlines():
            _reference_screen_holds(line)
            ruled_out += sum(not G.reference_start.may(line, m.end()) for m in re.finditer(r"\d+", line))
    assert ruled_out > 1000


RATE_PIECES = ["10", " ", "mg", "/", "day", "Day", "DAILY", "weekly", "wk", "d", "per", "a", "each", "of",
               "prednisone", "or equivalent", "(", ")", ",", "years", "year", "hours", "Minute", "ıtem",
               "\u212a", "-", "months", "mo", "\n"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(RATE_PIECES), min_size=1, max_size=12).map("".join))
def test_rate_period_screen_equals_the_pattern(text):
    # no period among the letter words of ASCII text: no rate, as the pattern finds
    words = common.letter_words(text.lower())
    for pos in range(len(text) + 1):
        assert units._per_period(text, pos, "mg", words) == units._per_period(text, pos, "mg"), (text, pos)


NUMBER_WORD_PIECES = ["one", "One", "TWO", "twenty", "-", "five", "Twenty-Five", "a couple of", "A Hundred",
                      "half", "dozen", "someone", "none", " ", "\n", "(", ")", "3", "seventy  two", "first"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(NUMBER_WORD_PIECES), min_size=1, max_size=12).map("".join))
def test_folded_number_words_start_where_the_case_free_ones_do(text):
    folded = candidates._folded_number_word()
    assert folded is not None
    assert [m.span() for m in folded.finditer(text.lower())] == [m.span() for m in G.number_word.finditer(text)], text


def _folded_pseudo_whole(f, low, lo, hi):
    """_folded_pseudo_spans with the whole folded alternation tried at each first word."""
    out, last = [], lo
    for word in f.pseudo_first.finditer(low, lo, hi):
        if word.start() >= last and (m := f.pseudo.match(low, word.start(), hi)):
            out.append(m.span())
            last = m.end()
    return out


@settings(max_examples=1500, deadline=None)
@given(negation_texts, st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=80))
def test_pseudo_triggers_by_first_word_equal_the_whole_alternation(text, lo, hi):
    low = text.lower()
    if not low.isascii():
        return
    lo, hi = min(lo, len(low)), min(max(lo, hi), len(low))
    f = assertion.rules().folded
    assert list(assertion._folded_pseudo_spans(f, low, lo, hi)) == _folded_pseudo_whole(f, low, lo, hi), text


TEMPERATURE_PIECES = ["37", "38.5", " ", "°", "C", "F", "degrees", "/", "(", ")", "98.6", "celsius", "x", "\n"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(TEMPERATURE_PIECES), min_size=1, max_size=10).map("".join))
@example("37C/\n\n")  # "$" matched before the last line break, where no slash stands
@example("37 C/\n98 F")
def test_temperature_before_a_slash_needs_the_slash(text):
    # accounting._restates searches the pattern only where a slash stands in the two characters
    for pos in range(1, len(text) + 1):
        if accounting._TEMPERATURE_BEFORE.search(text, max(0, pos - 16), pos):
            assert "/" in text[pos - 2:pos] and text[pos - 1] in "/ ", (text, pos)
