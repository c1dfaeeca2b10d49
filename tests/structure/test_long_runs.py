"""Runs of separators and punctuation read in time linear in their length, with the same result
as the patterns they replace: an item's trailing connector ("..., or", "; and/or") read from the
item's end, and the tokenizer's suffix search read from the token's end. Each is checked against
the plain pattern on generated strings; the time itself is a figure of benchmarks/bench_long.py,
not asserted here."""
from __future__ import annotations

import random
import re

import pytest

from extractor.criteria_items import trailing_connector

CONNECTOR = re.compile(r"[\s,;]+(?:(?:and|AND|And)\s*/\s*)?(AND|OR|and|or|And|Or)\s*$")
PIECES = [" ", ",", ";", "/", "a", "n", "d", "o", "r", "A", "N", "D", "O", "R", "x", "\n", "b", "\t",
          "and", "or", "And", "OR", "AND", " / ", "f", "\u00a0", "\u2003", "; ", ", "]


def test_trailing_connector_is_the_pattern_read_from_the_end():
    rng = random.Random(7)
    for _ in range(60_000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 14)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        m = CONNECTOR.search(text, start, end)
        assert trailing_connector(text, start, end) == ((m.start(), m.group(1)) if m else None), (text, start, end)


@pytest.mark.parametrize("text, want", [
    ("Septic shock, and/or", (12, "or")),
    ("Septic shock and / or  \n", (12, "or")),
    ("Septic band/ or", (12, "or")),  # "band" is no "and"
    ("Septic shock, for", None),
    ("Septic shock;" + "; " * 5000 + "OR", (12, "OR")),
    ("Septic shock" + "; " * 5000, None),
])
def test_trailing_connector_cases(text, want):
    assert trailing_connector(text, 0, len(text)) == want


def test_a_long_run_of_separators_keeps_its_criterion(structure):
    text = "Inclusion Criteria:\n- Adults" + "; " * 20_000 + "\n- Age 18 or over\n"
    crits = structure.extract_text(text).to_dict()["criteria"]
    assert [c["text"] for c in crits] == ["Adults" + "; " * 19_999 + ";", "Age 18 or over"]


def test_the_suffix_search_is_spacys_read_from_the_end():
    spacy = pytest.importorskip("spacy")
    from spacy.util import compile_suffix_regex

    from extractor.nlp.tokenizer import TailSuffixSearch

    pieces = list(spacy.blank("en").Defaults.suffixes)
    tail, whole = TailSuffixSearch(pieces), compile_suffix_regex(pieces)
    assert tail.windowed and tail.pattern == whole.pattern
    rng = random.Random(3)
    alphabet = list(".!?,;:)(]\"'’s°C1234567890kgmL%+$€…—–aZ") + ["km²", "'s", "...", "°F.", "US$", "mm³"]
    for _ in range(40_000):
        token = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, rng.choice([2, 20, 70, 130]))))
        if rng.random() < 0.2:
            token += "." * rng.randint(1, 150)  # "\.\.+": the one piece with no bound
        got, want = tail.search(token), whole.search(token)
        assert (got and got.span()) == (want and want.span()), token


def test_a_run_of_punctuation_is_tokenized_as_before():
    spacy = pytest.importorskip("spacy")
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_suffix_regex

    from extractor.nlp.tokenizer import blank

    ours = blank().tokenizer
    plain = Tokenizer(ours.vocab, rules=ours.rules, prefix_search=ours.prefix_search,
                      suffix_search=compile_suffix_regex(spacy.blank("en").Defaults.suffixes).search,
                      infix_finditer=ours.infix_finditer, token_match=ours.token_match, url_match=ours.url_match)
    for text in ("age " + "!" * 300, "≥" * 200 + "5 mg/dL", "x" + "." * 300 + "!?" * 40, "(((" * 50 + "1)))" * 50):
        assert [t.text for t in ours(text)] == [t.text for t in plain(text)]


def test_lines_under_one_introducing_item_keep_their_tree(structure):
    """Thousands of unmarked lines under one item whose colon introduces them: each is a child of
    that item, as two are, and the numbered item at the same column after them is not."""
    for count in (2, 3000):
        lines = "".join(f"condition {n}:\n" for n in range(count))
        text = "Inclusion Criteria:\n1. Any of the following:\n" + lines + "2. Signed consent\n"
        crits = structure.extract_text(text).to_dict()["criteria"]
        assert [c["text"] for c in crits] == (["Any of the following:"] + [f"condition {n}:" for n in range(count)]
                                              + ["Signed consent"])
        assert [c["parent"] for c in crits] == [None] + ["c1"] * count + [None]
        assert crits[0]["logic"] == "any" and len(crits[0]["children"]) == count
