"""Repair of the model's spans cut at a hyphen or a bracket (extractor/nlp/entity_spans.py):
positives move to the edge of the words they cut, negatives stay as the model gave them."""
from __future__ import annotations

import pytest

from extractor.nlp.entities import criterion_entities
from extractor.nlp.entity_spans import repaired


def _span(text: str, part: str, label: str = "drug", at: int = 0) -> tuple[int, int, str]:
    s = text.index(part, at)
    return (s, s + len(part), label)


def _texts(text: str, ents) -> list[str]:
    return [text[s:e] for s, e, _ in ents]


@pytest.mark.parametrize("text, model, expected", [
    # a hyphen that joins the span to the word before / after: that word is the span's
    ("Use of N-acetyl cysteine 7 days prior", "-acetyl cysteine", "N-acetyl cysteine"),
    ("Current anti-seizure drugs", "anti-", "anti-seizure"),
    ("cytochrome P450 enzyme-inducing anticonvulsant drugs", "cytochrome P450 enzyme-",
     "cytochrome P450 enzyme-inducing"),
    ("non-invasive positive-pressure ventilation", "-pressure ventilation", "positive-pressure ventilation"),
    # a hyphen that joins nothing is dropped
    ("murine monoclonal antibodies - any", "murine monoclonal antibodies -", "murine monoclonal antibodies"),
    # a bracket or quote without its pair inside the span is dropped
    ("Aspartate Aminotransferase (AST) > 2 ULN", "AST)", "AST"),
    ("Heart rate (HR) < 50", "(HR", "HR"),
    ('allergy to "iodine" contrast', '"iodine', "iodine"),
])
def test_a_cut_span_is_moved_to_the_edge_of_its_words(text, model, expected):
    assert _texts(text, repaired(text, [_span(text, model)])) == [expected]


@pytest.mark.parametrize("text, model", [
    ("History of myocardial infarction", "myocardial infarction"),      # nothing to repair
    ("Oxygen saturation (SpO2) < 92%", "Oxygen saturation (SpO2)"),     # the pair is inside
    ("any post-intervention period", "post-intervention"),              # a whole hyphenated word
    ("any post-intervention period", "intervention"),                   # a word after a hyphen: as tagged
    ("the anti-coagulation treatment", "anti-coagulation"),
    ("Treated with drug X (or Y)", "drug X"),
])
def test_a_span_on_word_edges_is_kept(text, model):
    assert repaired(text, [_span(text, model)]) == [_span(text, model)]


def test_a_repair_that_would_take_another_span_is_not_made():
    text = "Current anti-seizure drugs"
    ents = [_span(text, "anti-"), _span(text, "seizure drugs")]
    assert _texts(text, repaired(text, ents)) == ["anti-", "seizure drugs"]


def test_a_span_of_punctuation_only_is_kept_as_it_was():
    text = "value - 5"
    assert repaired(text, [_span(text, "-")]) == [_span(text, "-")]


def test_the_criterion_entities_read_the_repaired_spans():
    text = "Use of N-acetyl cysteine 7 days prior"
    found = criterion_entities(text, [_span(text, "-acetyl cysteine")], [], [], {})
    assert [(e["text"], e["span"], e["label"]) for e in found] == [("N-acetyl cysteine", [7, 24], "drug")]
    assert all(text[e["span"][0]:e["span"][1]] == e["text"] for e in found)
