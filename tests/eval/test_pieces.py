"""Small parts of the harness: BRAT parsing, numbers, units, matching, report."""
from __future__ import annotations

import pytest

from extractor.eval.align import OffsetMap
from extractor.eval.brat import parse_ann
from extractor.eval.metrics import Counts, greedy_match, overlap
from extractor.eval.numbers import numbers_in
from extractor.eval.report import table
from extractor.eval.units import unit_agrees


def test_brat_discontinuous_events_attributes_relations():
    ann = parse_ann(
        "T1\tValue 251 263;276 284\tgreater than 6 months\n"
        "T2\tEq-Operator 0 1\t>\n"
        "E1\tEq-Comparison:T1 Operator:T2 Operator2:T2 Value:T1 \n"
        "A1\tEq-Operator-Value T2 GTEQ\n"
        "A2\tNegated E1\n"
        "R1\tHas_value Arg1:T1 Arg2:T2\n"
        "#1\tAnnotatorNotes T1\tnote\n"
        "*\tOR T1 T2\n"
        "T3\tbroken line without offsets\n")
    t1 = ann.entities["T1"]
    assert t1.fragments == [(251, 263), (276, 284)] and (t1.start, t1.end) == (251, 284)
    assert ann.events["E1"].args_of("Operator") == ["T2", "T2"]
    assert ann.attribute("Eq-Operator-Value", "T2") == "GTEQ"
    assert ann.attribute("Negated", "E1") is True
    assert ann.relations[0].type == "Has_value"
    assert ann.entity_of("E1") is t1
    assert "T3" not in ann.entities


@pytest.mark.parametrize("text,expected", [
    ("18", [18]), ("1,500", [1500]), ("18,5", [18.5]), ("three", [3]), ("twice", [2]),
    ("III", [3]), ("IVa", [4]), ("Ⅲ", [3]), ("50 , 000", [50000]), ("-3", [-3]),
    ("1 . 5", [1.5]), ("5 million", [5, 5e6]), ("½", [0.5]), ("proven", []),
    ("prior to study entry", []), ("10^3", [10, 1000, 3]), ("1.5 x 10^9", [1.5, 10, 1e9, 9]),
])
def test_numbers_in(text, expected):
    assert numbers_in(text) == pytest.approx(expected)


@pytest.mark.parametrize("gold,unit,reference,agrees", [
    (["mg", "dL"], {"text": "mg/dl", "ucum": "mg/dL"}, None, True),
    (["g", "dL"], {"text": "mg/dL", "ucum": "mg/dL"}, None, False),
    (["kg", "m2"], {"text": "kg/m²", "ucum": "kg/m2"}, None, True),
    (["a"], {"text": "years", "ucum": "a"}, None, True),
    (["a"], {"text": "yrs", "ucum": None}, None, True),
    (["mo"], {"text": "weeks", "ucum": "wk"}, None, False),
    (["upper limit of normal"], None, "ULN", True),
    (["ULN"], None, None, False),
    (["mm Hg"], {"text": "mmHg", "ucum": "mm[Hg]"}, None, True),
    (["L"], {"text": "mL", "ucum": "mL"}, None, False),
    (["%"], {"text": "%", "ucum": "%"}, None, True),
    (["cells"], {"text": "cells/mm3", "ucum": "/mm3"}, None, True),
    ([], None, None, True),
])
def test_unit_agreement(gold, unit, reference, agrees):
    assert unit_agrees(gold, unit, reference) is agrees


def test_greedy_match_is_one_to_one():
    gold = [(0, 10), (12, 20)]
    pred = [(0, 20)]  # one long prediction covering both gold spans
    assert greedy_match(gold, pred, overlap) == [(0, 0)]
    # the better overlap wins, the loser stays free for another partner
    assert greedy_match([(0, 10)], [(8, 12), (0, 9)], overlap) == [(0, 1)]
    assert greedy_match([(0, 5)], [(5, 9)], overlap) == []  # touching is not overlapping


def test_counts():
    c = Counts(3, 1, 2)
    assert (c.precision, c.recall) == (0.75, 0.6)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Counts().precision is None and Counts(0, 0, 4).f1 is None
    assert Counts(0, 2, 4).f1 == 0.0


def test_table_lists_every_field():
    text = table({"corpus": "lct", "split": "dev", "documents": 2, "failed_documents": 0,
                  "seconds": 1.0, "notes": ["n"],
                  "fields": {"a": Counts(1, 1, 0).as_dict(),
                             "kind": {"decided": 0, "accuracy": None}}})
    assert "lct (dev)" in text and "  a " in text and "decided=0" in text and "note: n" in text
    assert "skipped: x" in table({"corpus": "chia", "split": "test", "skipped": "x"})


@pytest.mark.parametrize("raw", ["ab\r\ncd\re\r\n", "x  y\r\nz", "plain"])
def test_offset_map_carries_spans_over(raw):
    canonical = raw.replace("\r\n", "\n").replace("\r", "\n").replace("  ", " ")
    mapping = OffsetMap(raw, canonical)
    for word in ("cd", "e", "z", "y", "plain", "ab"):
        if word in raw:
            s = raw.index(word)
            cs, ce = mapping.span(s, s + len(word))
            assert canonical[cs:ce] == word
