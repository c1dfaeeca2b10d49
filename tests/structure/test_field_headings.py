"""Headings inside the criteria fields of registries that export one field per side (EU CTR,
ICTRP, NCI CTS): the field's side is trusted, but a heading of the other side inside it opens a
list of that side, and a heading that opens a long line with its criteria after the colon is
still a heading."""
from __future__ import annotations

import json


def _criteria(structure, inclusion: str, exclusion: str) -> list[tuple[str, str]]:
    doc = {"a2_eudract_number": "2020-000001-01", "a3_full_title_of_the_trial": "A trial",
           "e3_principal_inclusion_criteria": inclusion, "e4_principal_exclusion_criteria": exclusion}
    record = structure.records("trial.json", data=json.dumps(doc).encode())[0]
    return [(c["kind"], c["text"]) for c in record["criteria"]]


LONG = ("Adults hospitalised with a COVID-19 infection confirmed by RT-PCR of a nasopharyngeal swab "
        "taken within the last 72 hours before randomisation, with a saturation at or below 94% on room air")


def test_a_heading_opening_a_long_line_is_no_part_of_its_first_criterion(structure):
    got = _criteria(structure, f"Inclusion criteria: {LONG}.", f"Exclusion criteria: {LONG}.")
    assert got == [("inclusion", LONG + "."), ("exclusion", LONG + ".")]


def test_a_long_line_with_no_heading_before_its_colon_stays_a_criterion(structure):
    line = f"Confirmed infection: {LONG}."
    assert _criteria(structure, line, "Pregnancy") == [("inclusion", line), ("exclusion", "Pregnancy")]


def test_a_heading_of_the_other_side_inside_a_field_opens_that_side(structure):
    got = _criteria(structure, "- Adults\n- Signed consent\nKey Exclusion Criteria:\n- Pregnancy\n- Known allergy",
                    "- Severe renal impairment")
    assert got == [("inclusion", "Adults"), ("inclusion", "Signed consent"), ("exclusion", "Pregnancy"),
                   ("exclusion", "Known allergy"), ("exclusion", "Severe renal impairment")]


def test_a_wrapped_word_naming_a_side_is_no_heading(structure):
    # "inclusion." ends a sentence wrapped at "at the time of"
    exclusion = ("- Enrolled in another trial, or previously treated at the time of\ninclusion.\n"
                 "- Severe renal impairment")
    got = _criteria(structure, "- Adults", exclusion)
    assert [k for k, _ in got] == ["inclusion", "exclusion", "exclusion"]
