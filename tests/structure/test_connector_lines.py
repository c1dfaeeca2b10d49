""""OR" or "AND" alone on its line between two items is the connector of the item before, as
a trailing "OR" is, and no criterion; "and/or" ending an item is its connector too ("Septic
shock, and/or"). A lower-case "or" alone between two short lines of an unmarked list still
joins them into one criterion, and "or" inside a criterion stays its text."""
from __future__ import annotations


def _rec(structure, text):
    return structure.extract_text(text).to_dict()["criteria"]


def test_a_connector_alone_on_its_line_is_no_criterion(structure):
    text = ("Inclusion criteria:\n1. Female participants should be:\n"
            "at least 5 years post-menopausal or surgically sterile;\nOR\n"
            "a. Have a negative urine pregnancy test at screening\n2. Signed consent\n")
    crits = _rec(structure, text)
    assert [c["text"] for c in crits] == [
        "Female participants should be:", "at least 5 years post-menopausal or surgically sterile;",
        "Have a negative urine pregnancy test at screening", "Signed consent"]
    assert crits[0]["logic"] == "any"


def test_and_or_ending_an_item_is_its_connector(structure):
    text = ("Inclusion criteria:\nCritical disease, one of the following:\n  - Respiratory failure\n"
            "  - Septic shock, and/or\n  - Multiple organ dysfunction\n")
    crits = _rec(structure, text)
    assert [c["text"] for c in crits][1:] == ["Respiratory failure", "Septic shock", "Multiple organ dysfunction"]


def test_a_lower_case_or_between_short_lines_and_inside_a_criterion_stays(structure):
    wide = "Adults hospitalised with COVID-19 confirmed by RT-PCR of a nasopharyngeal swab taken at admission"
    text = "Exclusion criteria: " + wide + ".\nelevated IL-6\nor\nelevated d-dimer\n"
    assert [c["text"] for c in _rec(structure, text)][1:] == ["elevated IL-6\nor\nelevated d-dimer"]
    text = "Inclusion criteria:\n- Pregnant or\nbreastfeeding women\n- Age 18 or over\n"
    assert [c["text"] for c in _rec(structure, text)] == ["Pregnant or\nbreastfeeding women", "Age 18 or over"]
