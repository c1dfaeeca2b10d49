"""A line of a criterion that stops on a word no criterion ends with (models/sections.json
"wrapped_after": "of", "the", "with", "against", ...) was wrapped: the next line goes on with
it in whatever case it opens ("... as determined with the" / "Kaufman Brief Intelligence
Test"). Lines ending in "and" or "or" (they join sibling criteria), in "over" ("Age: 18 and
over"), in a full stop, or in such a word in capitals ("[AS" / "PER AMENDMENT") do not."""
from __future__ import annotations

import pytest

from extractor.lines import cues
from tests.conftest import flat_texts


@pytest.mark.parametrize("text, want", [
    ("Exclusion criteria:\n1) Concurrent treatment with agents with direct antiviral activity against\n"
     "SARS-CoV-2 < 24 hours prior to study drug dosing\n2) ALT or AST > 5 X ULN\n",
     ["Concurrent treatment with agents with direct antiviral activity against SARS-CoV-2 < 24 hours prior to "
      "study drug dosing", "ALT or AST > 5 X ULN"]),
    ("Inclusion Criteria:\nPatients must be clinically stable and able to come to the\nClinical Center to participate.\n"
     "Hypertension\n",
     ["Patients must be clinically stable and able to come to the Clinical Center to participate.", "Hypertension"]),
    ("Inclusion criteria: Has a diastolic blood pressure of\n>60 and <=90 mm Hg at Screening.\nAge 18 or over\n",
     ["Has a diastolic blood pressure of >60 and <=90 mm Hg at Screening.", "Age 18 or over"]),
])
def test_a_line_stopping_on_a_word_no_criterion_ends_with_goes_on(structure, text, want):
    assert flat_texts(structure, text) == want


@pytest.mark.parametrize("text, want", [
    ("Inclusion criteria:\nAged 18 years or above AND\nConfirmed SARS-CoV-2 requiring hospitalisation\n",
     ["Aged 18 years or above", "Confirmed SARS-CoV-2 requiring hospitalisation"]),
    ("Inclusion criteria:\nAge: 18 and over\nPerformance status: 0 or 1\n", ["Age: 18 and over", "Performance status: 0 or 1"]),
    ("Inclusion criteria:\nAllergy desensitization or other vaccines [AS\nPER AMENDMENT 11/12/96:\n",
     ["Allergy desensitization or other vaccines [AS", "PER AMENDMENT 11/12/96:"]),
    ("Inclusion criteria:\nTreated at the hospital of the study.\nHIV negative\n",
     ["Treated at the hospital of the study.", "HIV negative"]),
])
def test_other_line_ends_keep_the_next_line_a_criterion(structure, text, want):
    assert flat_texts(structure, text) == want


def test_the_words_are_data():
    assert cues().wrapped_after.search("direct antiviral activity against")
    assert not cues().wrapped_after.search("Age 18 and over")
