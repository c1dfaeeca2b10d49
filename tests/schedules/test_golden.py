"""The golden dosing instructions: every case right (or marked as a known failure, with why)."""
from __future__ import annotations

import json

import pytest

from extractor.resources import check_rules

from .golden import GOLDEN, cases, differences, run

CASES = cases()


def test_golden_file_is_valid_and_large_enough():
    check_rules(json.loads(GOLDEN.read_text(encoding="utf-8")), "rules/golden_schedules.schema.json",
                "corpora/golden/schedules.json")
    positives = [c for c in CASES if c["schedules"]]
    negatives = [c for c in CASES if not c["schedules"]]
    assert sum(len(c["schedules"]) for c in positives) >= 60
    assert len(negatives) >= 10
    assert len({c["id"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden_case(case):
    problems = differences(case, run(case))
    if case.get("known_failure"):
        if not problems:
            pytest.fail(f"{case['id']} passes now: remove its known_failure mark")
        pytest.xfail(case["reason"])
    assert not problems, "\n".join([case["text"], *problems])
