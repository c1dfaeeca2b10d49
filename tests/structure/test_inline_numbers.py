"""Numbered lists that registries export on one line ("1. Anemia 2. Patients with ... 3. ..."):
one criterion per number when the numbers follow the criterion's own in order; a list inside a
criterion ("one of the following: (1) ..., (2) ...") and numbers that are values stay whole."""
from __future__ import annotations

import pytest


def _texts(structure, items: str) -> list[str]:
    record = structure.extract_text(f"Exclusion Criteria:\n\n{items}\n").to_dict()
    return [c["text"] for c in record["criteria"]]


@pytest.mark.parametrize("line, want", [
    ("1. Anemia 2. Patients with contraindications to the drug. 3. Patients who took amiodarone.",
     ["Anemia", "Patients with contraindications to the drug.", "Patients who took amiodarone."]),
    ("1. Age 75 years and over.  2. Any sex and skin color.  3. Signed consent.",
     ["Age 75 years and over.", "Any sex and skin color.", "Signed consent."]),
    ("1) Positivity to SARS-CoV-2 by qPCR. 2) ECOG functional status <= 2. 3)Signed consent.",
     ["Positivity to SARS-CoV-2 by qPCR.", "ECOG functional status <= 2.", "Signed consent."]),
    ("9. Hypersensitivity to the study drug. 10.Pregnant or lactating women.",
     ["Hypersensitivity to the study drug.", "Pregnant or lactating women."]),
    ("(1) score of 24 or lower on the ASI-3, (2) active psychosis",
     ["score of 24 or lower on the ASI-3,", "active psychosis"]),
])
def test_numbers_in_order_split_a_line(structure, line, want):
    assert _texts(structure, line) == want


@pytest.mark.parametrize("line", [
    # a list of the criterion's own, after a colon
    "2. Serious condition meeting one of the following: (1) respiratory rate >= 30/min; (2) SpO2 <= 93%; (3) PaO2/FiO2 <= 300",
    "1. Received any of the following treatments: 1. an EGFR inhibitor; 2. major surgery within 4 weeks",
    # numbers that are values, not the next item's number
    "1. ECOG performance status 0, 1 or 2. Tumor stage 2. Measurable disease",
    "1. Grade 1 neuropathy 2. Adults",           # one number after a bare word is no run
    "Age 18 to 65 years. 2. Adults",             # no number of its own to follow
])
def test_lists_inside_a_criterion_and_values_stay_whole(structure, line):
    got = _texts(structure, line)
    assert len(got) == 1
