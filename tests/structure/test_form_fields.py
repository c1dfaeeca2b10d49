"""Lines of a registry's form that an export appends to a criteria field end the list, also in a
field the format marks as one side (the EU CTR's rows of the ICTRP export: "Are the trial
subjects under 18? no", "F.1.2 Adults (18-64 years) yes"; the EU CTR text: "E.5 End points").
Criteria that merely mention such words stay criteria."""
from __future__ import annotations

import json

from tests.conftest import kinds_and_texts

FORM = ("Are the trial subjects under 18? no\nNumber of subjects for this age range: 0\n"
        "F.1.2 Adults (18-64 years) yes\nF.1.2.1 Number of subjects for this age range 92\n"
        "F.1.3 Elderly (>=65 years) yes\nF.1.3.1 Number of subjects for this age range 20")


def _criteria(structure, inclusion: str, exclusion: str) -> list[tuple[str, str]]:
    doc = {"a2_eudract_number": "2020-000001-01", "a3_full_title_of_the_trial": "A trial",
           "e3_principal_inclusion_criteria": inclusion, "e4_principal_exclusion_criteria": exclusion}
    record = structure.records("trial.json", data=json.dumps(doc).encode())[0]
    return [(c["kind"], c["text"]) for c in record["criteria"]]


def test_form_fields_after_the_inclusion_criteria_are_no_criteria(structure):
    got = _criteria(structure, "1. Age >= 18 years\n2. Signed consent\n" + FORM, "1. Pregnancy")
    assert got == [("inclusion", "Age >= 18 years"), ("inclusion", "Signed consent"), ("exclusion", "Pregnancy")]


def test_a_truncated_form_field_ends_the_list_too(structure):
    got = _criteria(structure, "- Adults\nAre the trial subjects under 18? yes\nF.1.", "- Pregnancy")
    assert got == [("inclusion", "Adults"), ("exclusion", "Pregnancy")]


def test_a_heading_after_the_form_opens_a_list_again(structure):
    got = _criteria(structure, "- Adults\n" + FORM + "\n\nExclusion criteria:\n- Pregnancy", "- Known allergy")
    assert got == [("inclusion", "Adults"), ("exclusion", "Pregnancy"), ("exclusion", "Known allergy")]


def test_end_points_of_the_eu_ctr_text_end_the_criteria(structure):
    text = "Exclusion Criteria:\n1. Pregnancy\n2. Known allergy\n\nE.5 End points\n\nE.5.1 Primary end point(s)\nADAS-Cog\n"
    assert kinds_and_texts(structure, text) == [("exclusion", "Pregnancy"), ("exclusion", "Known allergy")]


def test_criteria_about_ages_and_end_points_stay_criteria(structure):
    text = ("Inclusion Criteria:\n- Adults (18-64 years) with asthma\n- Number of subjects in the household: 2 or more\n"
            "- Children aged 6 to 11 years\n- Are the trial subjects able to swallow tablets\n"
            "Exclusion Criteria:\n- E.5 End points not measurable at baseline.\n- Elderly (>=65 years) with frailty\n")
    assert [t for _, t in kinds_and_texts(structure, text)] == [
        "Adults (18-64 years) with asthma", "Number of subjects in the household: 2 or more",
        "Children aged 6 to 11 years", "Are the trial subjects able to swallow tablets",
        "E.5 End points not measurable at baseline.", "Elderly (>=65 years) with frailty"]
