"""A line that ends on a multiplier ("no greater than 1.5 times") and a line that opens with the
upper or lower limit of normal it multiplies ("ULN Renal: Creatinine ...") are one criterion: a
flattened record wraps anywhere, and the capital opens no criterion there. A line that ends on
"times" with no such limit after it ("Hospitalized more than 3 times") ends its criterion."""
from __future__ import annotations

import pytest

from tests.conftest import flat_texts


@pytest.mark.parametrize("text, want", [
    ("Inclusion criteria:\nBilirubin no greater than 1.5 times\nULN Renal: Creatinine no greater than 1.5 times ULN\n",
     ["Bilirubin no greater than 1.5 times ULN Renal: Creatinine no greater than 1.5 times ULN"]),
    ("Inclusion criteria:\nALP > 2.5 x\nupper limit of normal\nAge 18 or over\n",
     ["ALP > 2.5 x upper limit of normal", "Age 18 or over"]),
])
def test_a_multiplier_and_its_limit_over_a_line_break_are_one_criterion(structure, text, want):
    assert flat_texts(structure, text) == want


@pytest.mark.parametrize("text, want", [
    ("Exclusion criteria:\nHospitalized more than 3 times\nUnderlying lung disease\n",
     ["Hospitalized more than 3 times", "Underlying lung disease"]),
    ("Exclusion criteria:\nHospitalized more than 3 times\nUpper respiratory infection\n",
     ["Hospitalized more than 3 times", "Upper respiratory infection"]),
])
def test_a_line_ending_on_times_with_no_limit_after_it_ends(structure, text, want):
    assert flat_texts(structure, text) == want
