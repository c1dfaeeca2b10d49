"""A criterion hard-wrapped by its registry (legacy ClinicalTrials.gov XML breaks its lines
wherever a word ends and indents the next) gives the constraints the same criterion gives on one
line: a counted thing after the break, the words before a number on the line above ("version\\n
14 or later", "every\\n 3 weeks"), a 24-hour urine measure named on the line above its bound, a range's "between" a line above its
bounds. An unindented break (an NCI PDQ paragraph, a legacy item with no mark) is read across
where the line before it is as long as a wrapped one."""
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
    ("A male or a female of non-childbearing potential between the age|of 18 and 65 years, inclusive", "a"),
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


def _paragraph_constraints(text: str) -> list[tuple]:
    """The constraints of a criterion standing alone in a paragraph with no list mark, as an
    NCI PDQ field or an unmarked legacy XML item is written (its wrapped lines not indented)."""
    record = extract_text("Inclusion Criteria:\n\n" + text + "\n\nExclusion Criteria:\n\nPregnancy\n", OPTIONS)
    return sorted((c["type"], c["comparator"], c.get("value"), (c.get("unit") or {}).get("ucum"))
                  for c in record.criteria[0]["constraints"])


@pytest.mark.parametrize("wrapped, unit", [
    ("Maintained on or to be started on a HAART regimen containing at least three antiretroviral|agents",
     "{agents}"),
    ("Naive to or has had less than 8 weeks of at least one nucleoside reverse transcriptase|inhibitor",
     "{medications}"),
    ("History must be verified through questionnaires and records. For familial neoplasms, two or more|"
     "living affected cases are required", "{cases}"),
])
def test_unindented_wrap_like_one_line(wrapped, unit):
    # a break after a line as long as a wrapped one (75 characters or more) goes on the sentence
    got = _paragraph_constraints(wrapped.replace("|", "\n"))
    assert got == _paragraph_constraints(wrapped.replace("|", " "))
    if unit:
        assert unit in [c[3] for c in got]


def test_a_short_line_ends_its_statement():
    # a statement a line (Chia's layout): the word on the next line is counted by no number above
    text = "Inclusion Criteria:\n\nAt least two\nagents\n\nExclusion Criteria:\n\nPregnancy\n"
    record = extract_text(text, OPTIONS)
    assert [(c.get("unit") or {}).get("ucum") for c in record.criteria[0]["constraints"]] == [None]


def test_between_a_line_above_opens_one_range():
    text = "A female of non-childbearing potential between the age" + INDENT + "of 18 and 65 years"
    assert _constraints(text) == [("value", "between", None, 18, 65, "a", None)]


@pytest.mark.parametrize("text, start, n, begins", [
    ("between the age of 18", 19, 20, 0),           # no line break: n characters back
    ("between the age\n     of 18", 24, 20, 0),     # a break's blanks count as one
    ("x between\n   18", 13, 9, 1),
    ("version\n             14", 21, 12, 0),        # the window starting inside the blanks
    ("abcdef ghij 18", 12, 5, 7),
])
def test_lookback(text, start, n, begins):
    from extractor.nlp.quantities.common import lookback
    assert lookback(text, start, n) == begins
