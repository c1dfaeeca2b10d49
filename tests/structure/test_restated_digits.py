"""Digits in brackets opening a line that restate the number word ending the line before
("... stable for three" / "(3) months.") go on with that criterion: a hard wrap put the
restatement at a line's start, where "(3)" reads as a list marker. Bracketed numbers that
restate nothing ("(1) ..." after "two", or after no number word) still number items."""
from __future__ import annotations

import pytest

from tests.conftest import flat_texts


@pytest.mark.parametrize("text, want", [
    ("Inclusion Criteria:\n\n  - Current medication regimen must have been stable for three\n"
     "     (3) months. i.e. no initiation of new prescription medication\n\n  - Age 18 or over\n",
     ["Current medication regimen must have been stable for three (3) months. i.e. no initiation of new "
      "prescription medication", "Age 18 or over"]),
    ("Exclusion Criteria:\n- Chemotherapy within the last twelve\n(12) months\n- Pregnancy\n",
     ["Chemotherapy within the last twelve (12) months", "Pregnancy"]),
])
def test_digits_restating_the_word_before_go_on_with_its_criterion(structure, text, want):
    assert flat_texts(structure, text) == want


@pytest.mark.parametrize("text, want", [
    ("Inclusion Criteria:\nPatients must meet one of two\n(1) Adults with asthma\n(2) Adults with COPD\n",
     ["Patients must meet one of two", "Adults with asthma", "Adults with COPD"]),
    ("Inclusion Criteria:\n(1) Adults aged 18 to 65\n(2) Signed consent\n",
     ["Adults aged 18 to 65", "Signed consent"]),
])
def test_bracketed_numbers_that_restate_nothing_number_items(structure, text, want):
    assert flat_texts(structure, text) == want
