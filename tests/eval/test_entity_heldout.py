"""How an entity error is classified (eval/entities.py span_errors, listed by
benchmarks/entity_heldout.py and `extractor eval registry-entities --errors`; no corpus needed)."""
from __future__ import annotations

from extractor.eval.entities import span_errors


def test_errors_by_kind():
    text = "shoulder arthroplasty, asthma and warfarin, no pain"
    span = lambda part, label: (text.index(part), text.index(part) + len(part), label)  # noqa: E731
    gold = [span("shoulder arthroplasty", "procedure"), span("asthma", "condition"),
            span("warfarin", "drug"), span("pain", "observation")]
    pred = [span("arthroplasty", "procedure"), span("asthma", "observation"),
            span("warfarin", "drug"), span("no", "condition")]
    kinds = {(e["kind"], e["label"], e.get("gold"), tuple(e["pred"]))
             for e in span_errors("d", text, gold, pred)}
    assert kinds == {
        ("boundary", "procedure", "shoulder arthroplasty", ("arthroplasty|procedure",)),
        ("label", "condition", "asthma", ("asthma|observation",)),
        ("miss", "observation", "pain", ()),
        ("false", "condition", None, ("no",)),
    }
