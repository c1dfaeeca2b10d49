"""Short lines with no colon that name groups of bullets ("Patients with symptomatic CDDD" / "" /
"* Age >= 18 years" / ... / "Healthy participants" / "" / "* ..."), two or more in a list, head
the bullets below them; one such line alone is left a criterion of its own."""
from __future__ import annotations

from tests.conftest import depths_and_texts


def test_group_labels_head_their_bullets(structure):
    text = ("Inclusion Criteria:\n\nPatients with symptomatic CDDD\n\n* Age >= 18 years\n* Signed informed consent\n\n"
            "Healthy participants\n\n* Age-matched healthy participant.\n")
    assert [d for d, _ in depths_and_texts(structure, text)] == [0, 1, 1, 0, 1]


def test_one_short_line_over_bullets_stays_a_sibling(structure):
    text = "Inclusion Criteria:\n\nAdults with asthma\n\n* Age >= 18 years\n* Signed informed consent\n"
    assert [d for d, _ in depths_and_texts(structure, text)] == [0, 0, 0]
