"""benchmarks/entity_heldout.py: how an entity error is classified (no corpus needed)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "entity_heldout.py"


def _module():
    spec = importlib.util.spec_from_file_location("entity_heldout", _PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_errors_by_kind():
    text = "shoulder arthroplasty, asthma and warfarin, no pain"
    span = lambda part, label: (text.index(part), text.index(part) + len(part), label)  # noqa: E731
    gold = [span("shoulder arthroplasty", "procedure"), span("asthma", "condition"),
            span("warfarin", "drug"), span("pain", "observation")]
    pred = [span("arthroplasty", "procedure"), span("asthma", "observation"),
            span("warfarin", "drug"), span("no", "condition")]
    kinds = {(e["kind"], e["label"], e.get("gold"), tuple(e["pred"]))
             for e in _module()._errors("d", text, gold, pred)}
    assert kinds == {
        ("boundary", "procedure", "shoulder arthroplasty", ("arthroplasty|procedure",)),
        ("label", "condition", "asthma", ("asthma|observation",)),
        ("miss", "observation", "pain", ()),
        ("false", "condition", None, ("no",)),
    }
