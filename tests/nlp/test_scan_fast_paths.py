"""Scans of a criterion's text rewritten or screened for speed give what the plain patterns give:
the list-item starts with their first space before the lookbehind (windows/common.py), the
clause joiners with their first character tested first and scanned only where one of their words
stands (windows/subject.py), the future
cues before a window only where one of their words stands (windows/history.py), and the result
of a criterion in which nothing was found built without the steps that find nothing
(analyzer.Analyzer._bare_result)."""
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.normalize.resources import load
from extractor.nlp.patterns import phrase_regex
from extractor.nlp.windows import history, subject
from extractor.nlp.windows.common import _cues, _other_bounds
from extractor.nlp.windows.common import _item_starts

SHARED = Path(os.environ.get("EXTRACTOR_SHARED", Path(__file__).resolve().parents[3] / "shared"))
LCT = SHARED / "corpora" / "lct" / "leaf_clinical_trials"


def _plain_item_starts() -> re.Pattern:
    """The item-start pattern as first written: the lookbehind before the spaces."""
    words = sorted(load("time_events")["item_starts"], key=len, reverse=True)
    return re.compile(r"(?<=[a-z0-9%)\]])\s+(?=(?:" + "|".join(phrase_regex(w) for w in words) + r")(?![\w-]))")


PLAIN_ITEMS = _plain_item_starts()
ITEM_PIECES = ["weeks", "therapy", "6", "%", ")", "]", "(", " ", "  ", "\t", "\n", "No", "no", "Not", "At least",
               "Prior", "Prior-", "Patients", "Life expectancy", "ſtable", "Stable", ",", ".", "A", "é", "\u00a0"]
JOIN_PIECES = ["and", "AND", "or", "Or", "unless", "unleſs", "if", "İf", "ıf", " ", "  ", ",", ", ", "\n", "\t",
               "have", "has been", "patients", "who", "were", "agree to", "they", "not", "received", "x", "18",
               "followed", "FOLLOWED", "by"]


def _same_items(text: str, pos: int, endpos: int) -> None:
    new = [m.span() for m in _item_starts().finditer(text, pos, endpos)]
    old = [m.span() for m in PLAIN_ITEMS.finditer(text, pos, endpos)]
    assert new == old, (text, pos, endpos)
    first = _item_starts().search(text, pos, endpos)
    plain = PLAIN_ITEMS.search(text, pos, endpos)
    assert (first and first.span()) == (plain and plain.span()), (text, pos, endpos)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(ITEM_PIECES), min_size=1, max_size=14).map("".join), st.data())
def test_item_starts_equal_the_lookbehind_form(text, data):
    pos = data.draw(st.integers(0, len(text)))
    _same_items(text, pos, data.draw(st.integers(pos, len(text))))


PLAIN_CLAUSE_AND = re.compile(subject._CLAUSE_AND.pattern[len(subject._FIRST_COMMA_OR_SPACE) + 3:-1],
                              subject._CLAUSE_AND.flags)


def _screen_holds(text: str, pos: int, endpos: int) -> None:
    # the joiners with their first character tested first are those of the plain pattern
    assert [m.span() for m in subject._CLAUSE_AND.finditer(text, pos, endpos)] == \
        [m.span() for m in PLAIN_CLAUSE_AND.finditer(text, pos, endpos)], (text, pos, endpos)
    if subject._CLAUSE_AND.search(text, pos, endpos):
        assert subject._CLAUSE_WORD.search(text, pos, endpos), (text, pos, endpos)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(JOIN_PIECES), min_size=1, max_size=14).map("".join), st.data())
def test_clause_word_screen_passes_every_clause_joiner(text, data):
    pos = data.draw(st.integers(0, len(text)))
    _screen_holds(text, pos, data.draw(st.integers(pos, len(text))))


def test_rewritten_scans_cases():
    assert [m.span() for m in _item_starts().finditer("since therapy  No concurrent")] == [(13, 15)]
    assert _item_starts().search("Therapy No", 8) is None        # the lookbehind reads the space at 7
    assert _item_starts().search("therapy\tNo x", 7).span() == (7, 8)
    assert _item_starts().search("THERAPY No") is None           # case matters
    assert subject._CLAUSE_WORD.search(", unleſs the") and subject._CLAUSE_AND.search(", unleſs the")
    assert subject._CLAUSE_WORD.search("prior therapy") is None  # "or" inside a word is no joiner
    assert PLAIN_CLAUSE_AND.pattern.startswith(",") and PLAIN_CLAUSE_AND.search("drugs, and have had")


@pytest.mark.skipif(not LCT.is_dir(), reason="LCT corpus not available")
def test_rewritten_scans_on_lct_lines():
    screened = 0
    for path in sorted(LCT.glob("*/*.txt"))[:400]:
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            for pos, endpos in ((0, len(line)), (len(line) // 3, len(line)), (1, max(1, len(line) - 5))):
                _same_items(line, pos, endpos)
                _screen_holds(line, pos, endpos)
            for m in re.finditer(r"\d", line):
                assert history._future_before(line, m.start()) == _plain_future_before(line, m.start()), line
            screened += subject._CLAUSE_WORD.search(line) is None
        _same_items(text, 0, len(text))
    assert screened > 1000


def _plain_future_before(text: str, start: int) -> bool:
    """history._future_before without its screen, as first written."""
    future = _cues()[0]
    _, at = subject._last_break(text, max(0, start - history._MAX_CLAUSE), start)
    for other in _other_bounds()[1].finditer(text, at, start):
        at = other.end()
    return any(m.lastgroup is None for m in future.finditer(text, at, start))


FUTURE_PIECES = ["will", "Will", "wıll", "be", "to be", "known to be", "will be excluded", "plan", "planned", "expected",
                 "Life expectancy", "agree to", "within", " ", ",", ".", ";", "\n", "6", "> 3", "months", "no", "x",
                 "-", "willing", "unwilling to", "upcoming"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(FUTURE_PIECES), min_size=1, max_size=14).map("".join), st.data())
def test_future_cue_screen_equals_the_full_scan(text, data):
    start = data.draw(st.integers(0, len(text)))
    assert history._future_before(text, start) == _plain_future_before(text, start), (text, start)


def test_future_cue_screen_cases():
    assert history._future_keys() is not None and "be" in history._future_keys()
    assert history._future_before("Patients who will undergo surgery within", 40)
    assert not history._future_before("Patients who underwent surgery within", 37)


@pytest.fixture(scope="module")
def analyzer():
    from extractor.nlp import Analyzer
    return Analyzer(entities=False)


@pytest.mark.skipif(not LCT.is_dir(), reason="LCT corpus not available")
def test_bare_results_equal_the_full_reading(analyzer):
    from extractor.nlp.analyzer import _CONSTRAINTS, _NEGATION, _VARIABLES, doc_text, doc_words
    from extractor.nlp.assertion import triggers

    bare = 0
    for path in sorted(LCT.glob("*/*.txt"))[:300]:
        text = path.read_text(encoding="utf-8")
        items = [m.span() for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
        docs = [analyzer.make_doc(text[s:e]) for s, e in items]
        for proc in analyzer.procs:
            docs = [proc(doc) for doc in docs]
        for doc, (start, _) in zip(docs, items):
            data = doc.user_data
            own, variables = data.get(_CONSTRAINTS) or (), data.get(_VARIABLES) or ()
            crit = doc_text(doc)
            cues = () if analyzer._trigger_screen.absent(crit, doc_words(doc)) else triggers(crit)
            full = analyzer._full_result(doc, start, crit, data, variables, own, cues)
            assert analyzer._result(doc, start) == full, crit
            if not own and not variables and not cues and data.get(_NEGATION) is None:
                assert analyzer._bare_result(doc, crit, data, start) == full, crit
                bare += 1
    assert bare > 1000
