"""A criterion hard-wrapped by its registry (legacy ClinicalTrials.gov XML breaks its lines
wherever a word ends and indents the next) gives the constraints the same criterion gives on one
line: a counted thing after the break, the words before a number on the line above ("version\\n
14 or later", "every\\n 3 weeks"), a 24-hour urine measure named on the line above its bound."""
from __future__ import annotations

import pytest

from extractor import Options, extract_text

OPTIONS = Options(assume_eligibility=True, entities=False)
INDENT = "\n             "


def _constraints(criterion: str) -> list[tuple]:
    record = extract_text("Exclusion Criteria:\n\n          -  " + criterion + "\n", OPTIONS)
    assert len(record.criteria) == 1
    return sorted((c["type"], c["comparator"], c.get("value"), c.get("low"), c.get("high"),
                   (c.get("unit") or {}).get("ucum"), c.get("direction"))
                  for c in record.criteria[0]["constraints"])


@pytest.mark.parametrize("wrapped, unit", [
    ("Visual acuity stable until 2|consecutive visual acuity measurements at least 8 weeks apart",
     "{measurements}"),
    ("Failure of nonoperative treatment with at least one anti-inflammatory|medication", "{medications}"),
    ("Disease at one level or two|contiguous levels from C2 to T1", "{levels}"),
    ("The presence of at least one typical cluster headache|attack in the last week", "{episodes}"),
    ("Nadir CD4 count less than 100 cells/mm3 on at least 2|evaluations.", "{evaluations}"),
    ("More than 1 positive lymph|node in a single site", "{nodes}"),
    ("24-hour urine protein|>= 1.0 g", "g/(24.h)"),
])
def test_wrapped_like_one_line(wrapped, unit):
    text = wrapped.replace("|", INDENT)
    got = _constraints(text)
    assert got == _constraints(wrapped.replace("|", " "))
    assert unit in [c[5] for c in got]


def test_version_on_the_line_above():
    # "(iOS) version 14 or later": the system's version, no bound, wherever the line breaks
    assert _constraints("Owns an iPhone with iOS version" + INDENT + "14 or later") == []
    assert _constraints("Owns an iPhone with iOS version 14 or later") == []


def test_every_on_the_line_above():
    # "every 3 weeks": a regimen's period, no duration
    text = "Cisplatin 75 mg/m2 on day 1 every" + INDENT + "3 weeks"
    assert _constraints(text) == _constraints(" ".join(text.split()))
    assert all(c[0] != "duration" for c in _constraints(text))
