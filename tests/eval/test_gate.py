"""The gate passes at the floors, fails below them, and skips without corpora."""
from __future__ import annotations

import copy
import json

import pytest

from extractor.eval import gate

from .lct_fixture import ANN, RECORD, TEXT


@pytest.fixture
def shared(tmp_path, monkeypatch):
    folder = tmp_path / "shared" / "corpora" / "lct" / "leaf_clinical_trials" / "batch12"
    folder.mkdir(parents=True)
    (folder / "NCT1.txt").write_text(TEXT, encoding="utf-8")
    (folder / "NCT1.ann").write_text(ANN, encoding="utf-8")
    monkeypatch.setenv("EXTRACTOR_SHARED", str(tmp_path / "shared"))
    baseline = tmp_path / "eval_baseline.json"
    baseline.write_text(json.dumps({
        "split": "test", "margin": 0.01,
        # exact F1 on the fixture is 2 hits, 3 false alarms, 2 misses: 4/9
        "floors": {"lct": {"comparison.detection.f1": 0.72, "comparison.exact.f1": 0.44}},
    }))
    return baseline


def broken_comparators(text):
    """The fixture's predictions with '>=' read as '>': the exact figure must drop."""
    record = copy.deepcopy(RECORD)
    for c in record["criteria"]:
        for k in c["constraints"]:
            if k["comparator"] == ">=":
                k["comparator"] = ">"
    return record


def test_gate_passes_at_floors(shared, capsys):
    assert gate.main(["--baseline", str(shared)], predict=lambda text: RECORD) == 0
    out = capsys.readouterr().out
    assert "ok   lct comparison.exact.f1: 0.4444" in out and "gate passed" in out


def test_gate_fails_when_a_comparator_rule_breaks(shared, capsys):
    assert gate.main(["--baseline", str(shared)], predict=broken_comparators) == 1
    out = capsys.readouterr().out
    assert "FAIL lct comparison.exact.f1" in out and "gate FAILED" in out
    assert "ok   lct comparison.detection.f1" in out


def test_gate_skips_without_corpora(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EXTRACTOR_SHARED", str(tmp_path / "absent"))
    assert gate.main([], predict=lambda text: RECORD) == 0
    assert "skipped: ../shared/corpora absent" in capsys.readouterr().out


def test_write_floors_raises_but_never_lowers_silently(shared, capsys):
    baseline = json.loads(shared.read_text())
    baseline["floors"]["lct"]["comparison.detection.f1"] = 0.5
    shared.write_text(json.dumps(baseline))
    assert gate.main(["--baseline", str(shared), "--write-floors"],
                     predict=lambda text: RECORD) == 0
    floors = json.loads(shared.read_text())["floors"]["lct"]
    assert floors["comparison.detection.f1"] == 0.717  # 0.7273 - 0.01, rounded down
    assert floors["comparison.exact.f1"] == 0.44       # 0.4444 - 0.01 would lower it: kept
    assert "kept lct comparison.exact.f1" in capsys.readouterr().out
    gate.main(["--baseline", str(shared), "--write-floors"], predict=broken_comparators)
    assert json.loads(shared.read_text())["floors"]["lct"]["comparison.exact.f1"] == 0.44
    assert gate.main(["--baseline", str(shared), "--write-floors", "--allow-lower",
                      "comparators reworked"], predict=broken_comparators) == 0
    stored = json.loads(shared.read_text())
    assert stored["floors"]["lct"]["comparison.exact.f1"] < 0.44
    assert stored["history"][-1]["lowered_because"] == "comparators reworked"


def test_write_floors_for_one_corpus_keeps_the_others(shared, capsys):
    baseline = json.loads(shared.read_text())
    baseline["floors"]["lct"]["comparison.detection.f1"] = 0.5
    baseline["floors"]["chia"] = {"constraint.exact.f1": 0.77}
    shared.write_text(json.dumps(baseline))
    assert gate.main(["--baseline", str(shared), "--corpus", "lct", "--write-floors"],
                     predict=lambda text: RECORD) == 0
    floors = json.loads(shared.read_text())["floors"]
    assert floors["chia"] == {"constraint.exact.f1": 0.77}
    assert floors["lct"]["comparison.detection.f1"] == 0.717
    assert "chia" not in capsys.readouterr().out  # neither run nor checked


def test_missing_figure_fails():
    lines, ok = gate.check({"floors": {"lct": {"nothing.f1": 0.1}}},
                           {"lct": {"fields": {}}})
    assert not ok and "no figure" in lines[0]


def test_pinned_baseline_names_real_figures():
    """Every floor in the repository's baseline names a field a scorer produces."""
    from extractor.eval import chia, entities, lct, lct_logical
    from extractor.eval.runner import CORPORA

    pinned = json.loads(gate.default_baseline().read_text())
    produced = {"lct": {*lct.FIELDS, *entities.MICRO_FIELDS},
                "chia": {*chia.FIELDS, *entities.MICRO_FIELDS},
                "covid": {*chia.FIELDS, *entities.MICRO_FIELDS},
                "lct-logical": {"numbers", "comparison.exact", "kind"},
                "nci-cts": {"segmentation", "kind"},
                "registries": {"constraint.strict", "constraint.detection"},
                "registry-entities": set(entities.MICRO_FIELDS),
                "dp-ad": {"constraint.detection", "constraint.strict"}}
    assert set(pinned["floors"]) <= set(CORPORA)
    for corpus, floors in pinned["floors"].items():
        for key, floor in floors.items():
            field, _, metric = key.rpartition(".")
            assert field in produced[corpus], key
            assert metric in ("precision", "recall", "f1", "accuracy") and 0 <= floor <= 1
    assert lct_logical.OPERATORS == lct.OPERATORS
