"""A criterion hard-wrapped by its registry (legacy ClinicalTrials.gov XML indents its wrapped
lines; NCI PDQ paragraphs run to 80-90 characters a line) is negated as the same criterion on
one line is: a line break that wraps a sentence ends no trigger's scope, a short line in lower
case still does (one statement a line), and "Not specified" (a PDQ field with no requirement)
negates nothing."""
from __future__ import annotations

import pytest

from extractor import Options, extract_text
from extractor.nlp.assertion import triggers

OPTIONS = Options(assume_eligibility=True, entities=False)


def _negation(criterion: str) -> tuple[bool, str | None]:
    record = extract_text("Exclusion Criteria:\n\n          -  " + criterion + "\n", OPTIONS)
    assert len(record.criteria) == 1, [c["text"] for c in record.criteria]
    c = record.criteria[0]
    return c["negated"], (c.get("negation") or {}).get("text")


@pytest.mark.parametrize("wrapped", [
    "Subject is a woman of childbearing potential who is pregnant, nursing, or not\n"
    "             using contraception.",
    "Patients undergoing surgery at more than 6 vertebral levels are also not\n"
    "             eligible.",
    "Re-biopsy after treatment failure with at least one EGFR tyrosine kinase inhibitor suggesting no\n"
    "             EGFR-sensitive mutation",
    "Patient Is Pregnant, Lactating, Or A Female Patient Of Childbearing Potential Not\n"
    "             Using Adequate Contraception",
])
def test_wrapped_criterion_negated_as_on_one_line(wrapped):
    one_line = " ".join(wrapped.split())
    assert _negation(wrapped) == _negation(one_line)
    assert _negation(wrapped)[0] is True


def test_scope_runs_over_an_indented_wrap():
    text = "pregnant, nursing, or not\n             using contraception."
    (cue,) = triggers(text)
    assert text[cue["scope"][0]:cue["scope"][1]].split() == ["using", "contraception."]


def test_scope_stops_at_a_short_unindented_line():
    # one statement a line, in lower case (as Chia's criteria are written): no sentence goes on
    text = "inability to communicate pain scores\nacute hip fracture"
    (cue,) = triggers(text)
    assert text[cue["scope"][0]:cue["scope"][1]].split() == ["communicate", "pain", "scores"]


def test_scope_runs_over_a_long_unindented_wrap():
    # an NCI PDQ paragraph: lines of some 80 characters, wrapped wherever a word ends
    first = "Other: Histologically proven disease at the time of registration and patients with no"
    text = first + "\nprior chemotherapy"
    assert len(first) >= 75
    cue = [t for t in triggers(text) if t["text"] == "no"][0]
    assert text[cue["scope"][0]:cue["scope"][1]].split() == ["prior", "chemotherapy"]


@pytest.mark.parametrize("text", ["Performance status: Not specified", "Hepatic: Not specified.",
                                  "Life expectancy: Not\nspecified"])
def test_not_specified_negates_nothing(text):
    assert _negation(text) == (False, None)


def test_not_pregnant_still_negated():
    assert _negation("Other: Not pregnant or nursing") == (True, "Not")
