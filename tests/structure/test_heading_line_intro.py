"""A sentence on the heading's line that introduces the list ("Inclusion Criteria:Fulfilling all
the following criteria", "INCLUSION CRITERIA: Recipient:") heads every item of the list at its
column, across the blank lines a record puts between its items (12 raw records: the items were
its siblings)."""
from __future__ import annotations

from tests.conftest import depths_and_texts


def test_a_heading_line_intro_heads_items_after_blank_lines(structure):
    text = ("Inclusion Criteria:Fulfilling all the following criteria\n\n"
            "Aged between 18 and 60 years, male or female.\n\nWithout treatment.\n\n"
            "Exclusion Criteria:\n\nFemale subjects who are pregnant or breastfeeding.\n")
    assert depths_and_texts(structure, text) == [
        (0, "Fulfilling all the following criteria"), (1, "Aged between 18 and 60 years, male or female."),
        (1, "Without treatment."), (0, "Female subjects who are pregnant or breastfeeding.")]


def test_a_criterion_on_the_heading_line_heads_nothing(structure):
    text = "Inclusion Criteria: Adults aged 18 or over\n\nWritten informed consent.\n"
    assert [d for d, _ in depths_and_texts(structure, text)] == [0, 0]
