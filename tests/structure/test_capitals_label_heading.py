"""A cohort's name in capitals before its side's heading, alone on a line with no colon, is that
side's heading ("PATIENTS WITH PROSTATE CANCER PROGRESSIVE AFTER ANDROGEN DEPRIVATION Inclusion
Criteria"): without it the criteria under it were read as no side's and dropped. A line of
lower-case words or of a sentence before the side's words is no heading."""
from __future__ import annotations

import pytest

from tests.conftest import kinds_and_texts


def _kinds(structure, text):
    return [(k, " ".join(t.split())) for k, t in kinds_and_texts(structure, text)]


def test_a_capitals_label_before_the_side_is_its_heading(structure):
    text = ("PATIENTS WITH PROSTATE CANCER PROGRESSIVE AFTER ANDROGEN DEPRIVATION Inclusion Criteria\n"
            "Age 18 years at the time of signing the informed consent form.\n\n"
            "Testosterone less than 50 ng/dL.\n\n"
            "Exclusion Criteria Prior systemic chemotherapy for hormone refractory prostate cancer.\n")
    assert _kinds(structure, text) == [
        ("inclusion", "Age 18 years at the time of signing the informed consent form."),
        ("inclusion", "Testosterone less than 50 ng/dL."),
        ("exclusion", "Prior systemic chemotherapy for hormone refractory prostate cancer.")]


@pytest.mark.parametrize("line", [
    "Patients who do not meet the Inclusion Criteria",
    "HAS NOT MET THE INCLUSION CRITERIA",
    "Patients with prostate cancer progressive after androgen deprivation Inclusion Criteria",
])
def test_a_line_that_is_no_capitals_label_is_no_heading(structure, line):
    # under the other side's heading: read as a heading, the line would turn the next criterion
    text = f"Exclusion Criteria:\n{line}\nAge 18 or over\n"
    kinds = [k for k, _ in kinds_and_texts(structure, text)]
    assert kinds and set(kinds) == {"exclusion"}
