"""Entities through the command: present by default, skipped with --no-entities, and the same
bytes run to run and for --workers 1 and 2."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import cli
from extractor.api import Extractor, Options

SAMPLES = Path(__file__).resolve().parents[2] / "corpora" / "samples"
MODEL_LABELS = {"condition", "drug", "procedure", "observation", "device"}


def _run(tmp_path: Path, name: str, *flags: str) -> bytes:
    out = tmp_path / name
    assert cli.main(["extract", str(SAMPLES), "-o", str(out), "--quiet", *flags]) == 0
    return out.read_bytes()


def _labels(data: bytes) -> set[str]:
    return {e["label"] for line in data.splitlines() for c in json.loads(line)["criteria"]
            for e in c["entities"]}


def test_entities_are_byte_identical_run_to_run_and_for_any_workers(tmp_path):
    one = _run(tmp_path, "one.jsonl", "--workers", "1")
    again = _run(tmp_path, "again.jsonl", "--workers", "1")
    two = _run(tmp_path, "two.jsonl", "--workers", "2")
    assert one == again == two
    assert _labels(one) & MODEL_LABELS, "the model found no condition, drug, procedure..."


def test_no_entities_skips_the_model(tmp_path):
    data = _run(tmp_path, "rules.jsonl", "--workers", "1", "--no-entities")
    assert not _labels(data) & MODEL_LABELS
    for line in data.splitlines():
        for c in json.loads(line)["criteria"]:
            spans = {tuple(e["span"]) for e in c["entities"]}
            assert all(tuple(k["subject"]["span"]) in spans for k in c["constraints"] if k.get("subject"))


def test_the_option_reaches_the_analyzer():
    assert Extractor(Options(entities=False)).analyzer.nlp.pipe_names[-1] != "extractor_entity_model"
    assert Extractor().analyzer.nlp.pipe_names[-1] == "extractor_entity_model"
