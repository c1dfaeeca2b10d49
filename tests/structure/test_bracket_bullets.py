"""Legacy XML made a bullet of what stood after a ";" or ":" inside a bracket ("- ... hemoglobin
level of 12 (plus or minus 1 g/dL" / "- range 11-13 g/dL)", "(eg:" / "- retinal tear or
detachment)."): a bullet opening in lower case whose words close a bracket the item above left
open goes on with that item (6 raw records, 8 joins). A bullet that closes no bracket, or opens
with a capital, is an item."""
from __future__ import annotations

from tests.conftest import kinds_and_texts


def test_a_bullet_closing_the_bracket_above_goes_on(structure):
    text = ("Inclusion Criteria:\n\n  -  Subjects with a stable hemoglobin level of 12 (plus or minus 1 g/dL\n\n"
            "  -  range 11-13 g/dL)\n\n  -  Dosing every two weeks\n")
    assert [t for _, t in kinds_and_texts(structure, text)] == [
        "Subjects with a stable hemoglobin level of 12 (plus or minus 1 g/dL\n\n  -  range 11-13 g/dL)",
        "Dosing every two weeks"]


def test_other_bullets_after_an_open_bracket_stay_items(structure):
    text = ("Inclusion Criteria:\n\n  -  Any of the following (at screening:\n\n  -  fever\n\n"
            "  -  Cough (dry)\n")
    assert len(kinds_and_texts(structure, text)) == 3
