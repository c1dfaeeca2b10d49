"""Comparing the schedules stage's output with a golden case (corpora/golden/schedules.json)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extractor.schedules import find_schedules

GOLDEN = Path(__file__).resolve().parents[2] / "corpora" / "golden" / "schedules.json"


def cases() -> list[dict[str, Any]]:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))["cases"]


def run(case: dict[str, Any]) -> list[dict[str, Any]]:
    text = case["text"]
    eligibility = [(0, len(text))] if case.get("context") == "criteria" else []
    return find_schedules(text, [_Span(*e) for e in eligibility], case.get("interventions"))


class _Span:
    def __init__(self, start: int, end: int):
        self.start, self.end = start, end


def _words(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


def _value(kind: str, got: dict[str, Any] | None) -> Any:
    """The golden file's view of one part of a schedule."""
    if got is None:
        return None
    if kind == "drug":
        return got["name"]
    if kind == "intervention":
        return got["name"]
    if kind == "route":
        return got["route"]
    if kind == "level":
        return got["level"]
    if kind in ("condition", "label"):
        return _words(got["text"])
    if kind in ("days", "months", "weeks"):
        return got["ranges"]
    if kind == "dose":
        out = {k: got[k] for k in ("value", "low", "high") if k in got}
        out["ucum"] = got["unit"]["ucum"]
        return out
    return {k: v for k, v in got.items() if k not in ("text", "span", "shared")}


def differences(case: dict[str, Any], got: list[dict[str, Any]]) -> list[str]:
    want = case["schedules"]
    out = []
    if len(got) != len(want):
        out.append(f"{len(got)} schedules, not {len(want)}: {[g['text'] for g in got]}")
    for i, (w, g) in enumerate(zip(want, got)):
        for key, expected in w.items():
            actual = _value(key, g.get(key))
            if isinstance(expected, dict) and isinstance(actual, dict):
                actual = {k: actual.get(k) for k in expected}
            if actual != expected:
                out.append(f"schedule {i + 1} {key}: {actual!r}, not {expected!r}")
    return out
