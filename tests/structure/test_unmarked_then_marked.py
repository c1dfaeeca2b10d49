"""An item whose colon took the unmarked lines below it as its items ("- Respiratory failure ...
requiring at least one of the following:" / "Endotracheal intubation ..., ECMO, ...") heads no
item of its own marker after them: "- Shock ..." is the next item of the list it stands in, not a
third level (the flattened "one of the following:" then "- a" "- b" reading is for an item with
no unmarked items)."""
from __future__ import annotations

from tests.conftest import depths_and_texts


def test_a_same_marker_item_after_unmarked_sub_items_is_a_sibling(structure):
    text = ("Exclusion criteria:\n1. Has critical COVID-19 with any of the following:\n"
            "- Respiratory failure requiring at least one of the following:\n"
            "Endotracheal intubation and mechanical ventilation, oxygen delivered by high-flow nasal cannula\n"
            "- Shock (defined by systolic blood pressure <90 mm Hg)\n- Multi-organ dysfunction/failure\n"
            "2. Is on dialysis\n")
    assert [d for d, _ in depths_and_texts(structure, text)] == [0, 1, 2, 1, 1, 0]


def test_the_flattened_reading_stays_without_unmarked_items(structure):
    text = ("Inclusion criteria:\n- Presence of one of the following:\n- Fever\n- Cough\n")
    assert [d for d, _ in depths_and_texts(structure, text)] == [0, 1, 1]
