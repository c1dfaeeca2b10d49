"""Engine limits: pathological criteria keep their place but do not stall a run."""
from __future__ import annotations


def test_overlong_criterion_is_kept_but_not_analysed(engine):
    long_line = "ANC > 1500 " * 3000
    rec = engine.extract_text(f"Inclusion Criteria:\n- Age ≥ 18 years\n- {long_line}\n").to_dict()
    assert len(rec["criteria"]) == 2
    assert rec["criteria"][0]["constraints"] and rec["criteria"][1]["constraints"] == []
    assert rec["warnings"] == ["criteria longer than 20000 characters were not analysed: c2"]
