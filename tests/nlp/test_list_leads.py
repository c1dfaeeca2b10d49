"""A list's lead that bounds its items ("exceeded the following limits:" then "- Heart: 3,600
cGy"): each value its item writes with no comparator takes the lead's (models/comparators.json
'list_leads'); a lead that counts the items, names no bound or has a number of its own does not."""
from __future__ import annotations

import pytest

from extractor.api import Extractor
from extractor.nlp import Analyzer
from extractor.nlp.list_leads import lead_comparator


@pytest.fixture(scope="module")
def extractor():
    return Extractor(analyzer=Analyzer())


def _values(extractor, text):
    record = extractor.extract_text("Inclusion Criteria:\n" + text).to_dict()
    return [(c["comparator"], c.get("value")) for k in record["criteria"] for c in k["constraints"]
            if c["type"] == "value"]


def test_a_bounding_lead_gives_its_comparator_to_bare_values(extractor):
    text = ("- Not eligible if prior radiotherapy exceeded the following limits:\n"
            "  - Mediastinum: 3,600 cGy\n  - Whole lungs: 1,200 cGy\n")
    assert _values(extractor, text) == [(">", 3600), (">", 1200)]
    text = "- Laboratory values must be at least:\n  - Platelets: 100,000/mm3\n  - Hemoglobin: 9 g/dL\n"
    assert _values(extractor, text) == [(">=", 100000), (">=", 9)]


def test_a_value_with_its_own_comparator_keeps_it(extractor):
    text = "- Laboratory values must be at least:\n  - Platelets: 100,000/mm3\n  - Creatinine < 1.5 mg/dL\n"
    assert _values(extractor, text) == [(">=", 100000), ("<", 1.5)]


@pytest.mark.parametrize("lead", [
    "Must have at least one indication of active disease:",          # a count of the items
    "At least two of the following:",
    "Adequate organ function as defined below:",                      # where the list is, no bound
    "Prior radiotherapy exceeded 20 Gy to the following sites:",      # a bound of its own
    "Not eligible if prior radiotherapy exceeded the following limits",  # no colon: no list lead
])
def test_leads_that_bound_nothing(lead):
    assert lead_comparator(lead) is None


def test_lead_comparators():
    assert lead_comparator("Doses must not exceed:") == "<="
    assert lead_comparator("Not eligible if prior radiotherapy exceeded the following limits:") == ">"
    assert lead_comparator("on doses at or above those defined in the following:") == ">="
