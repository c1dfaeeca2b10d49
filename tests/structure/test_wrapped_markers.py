"""In a hard-wrapped list (legacy ClinicalTrials.gov XML: lines broken near column 90, the next
indented under the item's text) a line under the item's text that opens with what reads as a
marker ("4.4 or above)", "2 are obligatory", "C).") is the item's sentence going on when the line
above ends no sentence and the line's first word did not fit on it; a sub-list after a colon, or
after a line the word would have fitted on, stays a sub-list."""
from __future__ import annotations

from tests.conftest import kinds_and_texts

_HEAD = ("Inclusion Criteria:\n\n"
         "  -  Participants must agree to the protocol and the schedule of the\n"
         "     visits, as written in the consent form\n\n")


def test_a_wrapped_number_goes_on_the_item(structure):
    text = _HEAD + ("  -  Has an Android or iOS based compatible smartphone (iOS 9.0 or above; Android\n"
                    "     4.4 or above)\n\n  -  Liver disease such as cirrhosis or severe hepatic impairment (Child-Pugh Class\n"
                    "     C).\n")
    assert [t for _, t in kinds_and_texts(structure, text)][1:] == [
        "Has an Android or iOS based compatible smartphone (iOS 9.0 or above; Android\n     4.4 or above)",
        "Liver disease such as cirrhosis or severe hepatic impairment (Child-Pugh Class\n     C)."]


def test_a_sub_list_stays_a_sub_list(structure):
    # after a colon, and after a short line the marker would have fitted on
    for parent in ("Adequate organ function as defined by the following values:", "Adequate organ function"):
        text = _HEAD + f"  -  {parent}\n     1. Platelets at least 100,000/uL\n     2. Creatinine below 2 mg/dL\n"
        assert [t for _, t in kinds_and_texts(structure, text)][-2:] == [
            "Platelets at least 100,000/uL", "Creatinine below 2 mg/dL"], parent


def test_a_list_not_wrapped_keeps_its_markers(structure):
    # no line of the list stops on a word no sentence ends with: nothing says it was wrapped
    text = ("Inclusion Criteria:\n\n* Has an Android or iOS based compatible smartphone, iOS 9.0 or above\n"
            "  1. Android 4.4 or above\n* Age 18 or older\n")
    assert [t for _, t in kinds_and_texts(structure, text)] == [
        "Has an Android or iOS based compatible smartphone, iOS 9.0 or above", "Android 4.4 or above", "Age 18 or older"]
