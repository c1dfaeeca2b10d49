"""A numbered item's colon introduces the items of another marker below it across a blank line
too ("5. Study drug-specific exclusion criteria:" / "" / "• For Aprotinin:" / "o ..."), as a
label's colon does; an item of its own numbering after a gap is its sibling."""
from __future__ import annotations

from tests.conftest import depths_and_texts


def test_bullets_after_a_gap_nest_under_the_numbered_intro(structure):
    text = ("Exclusion criteria:\n1. Pregnancy or breastfeeding.\n\n2. Study drug-specific exclusion criteria:\n\n"
            "• For Aprotinin:\no Known active thromboembolic disease\no Renal insufficiency\n\n"
            "• For LMWH:\no Active bleeding\n")
    assert [d for d, _ in depths_and_texts(structure, text)] == [0, 0, 1, 2, 2, 1, 2]


def test_an_item_of_the_same_numbering_after_a_gap_is_a_sibling(structure):
    text = "Exclusion criteria:\n1. Any of the following:\n\n2. Pregnancy\n"
    assert [d for d, _ in depths_and_texts(structure, text)] == [0, 0]
