"""Golden cases (corpora/golden/*.json): every case is run; known failures are strict xfails,
so a case that starts passing must be unmarked."""
from __future__ import annotations

import json
import math
from pathlib import Path

import jsonschema
import pytest

from extractor.resources import load_schema

GOLDEN = Path(__file__).resolve().parents[2] / "corpora" / "golden"
# schedules.json holds the schedules stage's cases (tests/schedules/), in a format of its own.
FILES = sorted(p for p in GOLDEN.glob("*.json") if p.name != "schedules.json")
PREFIX = "Inclusion Criteria:\n  • "   # cases run inside a larger text: spans must be absolute


def _cases():
    schema = load_schema("rules/golden.schema.json")
    for path in FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.validate(data, schema)
        for case in data["cases"]:
            marks = [pytest.mark.xfail(reason=case["reason"], strict=True)] if case.get("known_failure") else []
            yield pytest.param(case, id=f"{path.stem}:{case['id']}", marks=marks)


def _same(expected, actual) -> bool:
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return math.isclose(expected, actual, rel_tol=1e-6, abs_tol=1e-9)
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(_same(v, actual.get(k)) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and len(expected) == len(actual) and all(map(_same, expected, actual))
    return expected == actual


def _subject(subject: dict | None) -> str | None:
    """The concept name of a subject, or its text when it has none (a window's subject)."""
    if not subject:
        return None
    return subject["concept"]["name"] if subject.get("concept") else subject["text"]


def _view(c: dict) -> dict:
    """The actual constraint in the golden files' terms."""
    return {
        "type": c["type"], "comparator": c["comparator"], "value": c.get("value"), "low": c.get("low"),
        "high": c.get("high"), "values": c.get("values"),
        "low_inclusive": c.get("low_inclusive", True), "high_inclusive": c.get("high_inclusive", True),
        "unit": c["unit"]["ucum"] if c.get("unit") else None, "reference": c.get("reference"),
        "subject": _subject(c.get("subject")),
        "direction": c.get("direction"), "event": c["event"]["name"] if c.get("event") else None,
        "event_text": " ".join(c["event"]["text"].split()) if c.get("event") else None,
        "normalized": c.get("normalized"), "condition": (c.get("condition") or {}).get("text"),
    }


@pytest.mark.parametrize("case", list(_cases()))
def test_golden(case, analyzer):
    text = PREFIX + case["text"]
    item = (len(PREFIX), len(text))
    result = analyzer.analyze(text, [item])[0]
    got = [_view(c) for c in result["constraints"]]
    want = case["constraints"]
    assert len(got) == len(want), f"expected {len(want)} constraints, got {got}"
    for exp, act in zip(want, got):
        for key, value in exp.items():
            assert _same(value, act[key]), f"{key}: expected {value!r}, got {act[key]!r} in {act}"
    if "constraints_logic" in case:
        assert result["constraints_logic"] == case["constraints_logic"]
    if "negated" in case:
        assert result["negated"] is case["negated"], result["negation"]
    if "exceptions" in case:
        assert [e["text"] for e in result["exceptions"]] == case["exceptions"]
    warnings = result.get("warnings") or []
    for want_text in case.get("warnings", []):
        assert any(want_text in w["message"] for w in warnings), f"no warning with {want_text!r} in {warnings}"
    for w in warnings:
        assert text[w["span"][0]:w["span"][1]] == w["text"]
    if "warnings" not in case:
        assert not warnings, warnings
    for c in result["constraints"]:
        if c.get("subject") and "span" in c["subject"]:
            s, e = c["subject"]["span"]
            assert text[s:e] == c["subject"]["text"]
        assert item[0] <= c["span"][0] < c["span"][1] <= item[1]
        assert text[c["span"][0]:c["span"][1]] == c["text"]


def test_golden_counts():
    total = sum(len(json.loads(p.read_text(encoding="utf-8"))["cases"]) for p in FILES)
    seeds = len(json.loads((GOLDEN / "seeds.json").read_text(encoding="utf-8"))["cases"])
    assert total - seeds >= 150
    negatives = json.loads((GOLDEN / "negatives.json").read_text(encoding="utf-8"))["cases"]
    assert sum(1 for c in negatives if not c["constraints"]) >= 25
