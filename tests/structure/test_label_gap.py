"""A label or intro ending in a colon introduces the bullets below it across a blank line too:
Markdown (the API's criteria text) writes a list after a paragraph with a blank line between, and a
loose list with a blank line between its items ("For adolescent participants:" / "" / "*
Enrolled as a student ..."), and a numbered item's colon does so for items of another marker
("1. Patients must have any of the following:" / "" / "(1) Fever"). The next unmarked label closes
the sub-list; after a gap, an item under an item with no colon starts afresh as before."""
from __future__ import annotations

from tests.conftest import depths_and_texts


def test_bullets_after_a_blank_line_nest_under_the_label(structure):
    text = ("Inclusion criteria:\n\nFor adolescent participants:\n\n* Enrolled as a student in Grades 9-12\n"
            "* Experiencing elevated mental health symptoms\n\nFor parent participants:\n\n"
            "* A primary parental caregiver\n* Proficient in spoken English or Hindi\n\n"
            "Exclusion criteria:\n\nA participant will not be eligible if any of the following criteria are met:\n\n"
            "* Not providing assent\n\n* Intoxicated at the point of consent\n")
    assert depths_and_texts(structure, text) == [
        (0, "For adolescent participants:"), (1, "Enrolled as a student in Grades 9-12"),
        (1, "Experiencing elevated mental health symptoms"), (0, "For parent participants:"),
        (1, "A primary parental caregiver"), (1, "Proficient in spoken English or Hindi"),
        (0, "A participant will not be eligible if any of the following criteria are met:"),
        (1, "Not providing assent"), (1, "Intoxicated at the point of consent")]


def test_a_gap_after_an_item_with_no_colon_starts_afresh(structure):
    text = ("Inclusion criteria:\n\nAdults aged 18 or over\n\n* Consent\n\n"
            "1. Patients must have any of the following:\n\n(1) Fever\n")
    assert [d for d, _ in depths_and_texts(structure, text)] == [0, 0, 0, 1]
