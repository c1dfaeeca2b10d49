"""Tok2vec pretraining for the entity model (nlp/entity_training.py): the same texts give the
same weights, the weights load into the NER's tok2vec, and texts too short to learn from are
left out."""
from __future__ import annotations

import pytest

from extractor.nlp import entity_training as et

TEXTS = [f"History of {what} within the last {n} months" for n in range(1, 6)
         for what in ("myocardial infarction", "stroke", "major surgery", "hepatitis B infection")]


def _quiet(_line):
    pass


@pytest.fixture(autouse=True)
def one_epoch(monkeypatch):
    monkeypatch.setitem(et.PRETRAIN, "epochs", 1)
    monkeypatch.setitem(et.PRETRAIN, "batch_words", 60)


def test_pretraining_is_deterministic_and_loads_into_the_ner():
    first = et.pretrain(et.build_nlp(None), TEXTS, log=_quiet)
    assert first == et.pretrain(et.build_nlp(None), TEXTS, log=_quiet)
    other = et.build_nlp(None)
    other.initialize()
    et._tok2vec(other).from_bytes(first)
    assert et._tok2vec(other).to_bytes() == first


def test_short_texts_are_not_pretrained_on():
    # every text under PRETRAIN["min_words"] tokens: no update, as with no text at all
    short = et.pretrain(et.build_nlp(None), ["No", "Age 18"], log=_quiet)
    assert short == et.pretrain(et.build_nlp(None), [], log=_quiet)
    assert short != et.pretrain(et.build_nlp(None), TEXTS, log=_quiet)
