"""A list whose only item says it holds nothing ("Exclusion Criteria:" / "None", "N/A", "Not
applicable", "Nil": 30 lists of the raw folders) yields no criterion (models/sections.json
"empty_lists"); the same words under a label or among other items stay criteria."""
from __future__ import annotations

from tests.conftest import kinds_and_texts


def test_none_alone_under_a_heading_is_no_criterion(structure):
    for none in ("None", "none.", "N/A", "Not applicable", "* Nil", "-  None;"):
        text = f"Inclusion Criteria:\n\n* Adults aged 18 or over\n\nExclusion Criteria:\n\n{none}\n"
        assert kinds_and_texts(structure, text) == [("inclusion", "Adults aged 18 or over")], none


def test_none_under_a_label_or_among_items_stays(structure):
    text = ("Inclusion Criteria:\n\nPerformance status:\n  - Not specified\n\n"
            "Exclusion Criteria:\n\n- Pregnancy\n- None of the above\n- None\n")
    assert [t for _, t in kinds_and_texts(structure, text)] == [
        "Performance status:", "Not specified", "Pregnancy", "None of the above", "None"]
