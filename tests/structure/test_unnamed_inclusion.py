"""A document that names only its exclusion side ("Eligibility criteria:" or no heading over a
list, then "Exclusion criteria:") lists its inclusion criteria first: the criteria of no side
before the first exclusion criterion are inclusion criteria (6 raw records, 56 criteria). A
document with an inclusion side, or with no exclusion side, keeps its criteria of no side."""
from __future__ import annotations

from tests.conftest import kinds_and_texts


def test_the_list_before_the_only_named_side_is_inclusion(structure):
    text = ("Eligibility criteria:\n\n* Aged 18 or over\n* Written informed consent\n\n"
            "Exclusion criteria:\n\n* Pregnancy\n")
    assert [k for k, _ in kinds_and_texts(structure, text)] == ["inclusion", "inclusion", "exclusion"]


def test_lists_of_no_side_stay_so_elsewhere(structure):
    both = ("Eligibility criteria:\n\n* Registered at the clinic\n\nInclusion criteria:\n\n* Aged 18 or over\n\n"
            "Exclusion criteria:\n\n* Pregnancy\n")
    assert [k for k, _ in kinds_and_texts(structure, both)] == ["unspecified", "inclusion", "exclusion"]
    none = "Eligibility criteria:\n\n* Aged 18 or over\n* Written informed consent\n"
    assert [k for k, _ in kinds_and_texts(structure, none)] == ["unspecified", "unspecified"]
