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
    # numbers glued to the capital after them, after a word (ChiCTR-style text in LCT)
    ("1.Age ≥80 years 2.Brain metastasis 3.With other malignancies",
     ["Age ≥80 years", "Brain metastasis", "With other malignancies"]),
    # a bullet over a whole numbered list: its first number is a marker too
    ("* 1. Symptomatic DDD at more than two levels 2. Reported to have an active infection 3. Previous trauma",
     ["Symptomatic DDD at more than two levels", "Reported to have an active infection", "Previous trauma"]),
    ("- (1) Diabetes mellitus (other than type 1). (2) Current use of oral contraceptives. (3) Drug abuse.",
     ["Diabetes mellitus (other than type 1).", "Current use of oral contraceptives.", "Drug abuse."]),
    # questions, and the full stop and semicolon of Chinese text, end a criterion
    ("1. Are you sexually abstinent? 2. Are you in a monogamous relationship? 3. Have you had one partner?",
     ["Are you sexually abstinent?", "Are you in a monogamous relationship?", "Have you had one partner?"]),
    ("2. Relapsed after remission\u3002 3. ECOG level is 0 to 2\uff1b 4. LILRB4 positive",
     ["Relapsed after remission\u3002", "ECOG level is 0 to 2\uff1b", "LILRB4 positive"]),
    # a number after a closing bracket, before a capital
    ("9. Burst fracture at the level 10. Canal stenosis of < 8 mm (by MRI ) 11. Spinal tumor 12. Bone disease",
     ["Burst fracture at the level", "Canal stenosis of < 8 mm (by MRI )", "Spinal tumor", "Bone disease"]),
    # a bullet whose list lost its first number: a run of numbers after sentence ends
    ("* Participants must read English; 3. Participants must consent; 4. Participants must be 18 to 50 years old",
     ["Participants must read English;", "Participants must consent;", "Participants must be 18 to 50 years old"]),
    # a bullet whose list lost its first number and its sentence ends: three numbers "N." in a row
    ("- Congestive heart failure (coronary artery disease) 6. Receipt of plasma in past 30 days 7. Any other"
     " condition that would preclude use of SAB-185 8. Known IgA deficiency",
     ["Congestive heart failure (coronary artery disease)", "Receipt of plasma in past 30 days",
      "Any other condition that would preclude use of SAB-185", "Known IgA deficiency"]),
    ("- Patients with a T-SCORE worse than -1.0 13. Any disease which might impair healing 14. Active malignancy"
     " 15. Known allergies",
     ["Patients with a T-SCORE worse than -1.0", "Any disease which might impair healing", "Active malignancy",
      "Known allergies"]),
])
def test_numbers_in_order_split_a_line(structure, line, want):
    assert _texts(structure, line) == want


@pytest.mark.parametrize("line, head, items", [
    ("2. Serious condition meeting one of the following: (1) respiratory rate >= 30/min; (2) SpO2 <= 93%; (3) PaO2/FiO2 <= 300",
     "Serious condition meeting one of the following:", ["respiratory rate >= 30/min;", "SpO2 <= 93%;", "PaO2/FiO2 <= 300"]),
    ("1. Received any of the following treatments: 1. an EGFR inhibitor; 2. major surgery within 4 weeks",
     "Received any of the following treatments:", ["an EGFR inhibitor;", "major surgery within 4 weeks"]),
    ("- High-risk who meet one of the following: 1). Poorly differentiated carcinoma; 2). Vascular invasion",
     "High-risk who meet one of the following:", ["Poorly differentiated carcinoma;", "Vascular invasion"]),
    # numbers in another style, or out of order, are the last item's words
    ("- Defined as: (1) HBsAg (+), 2) HBV DNA (+), (2) HBcAb IgM (-)",
     "Defined as:", ["HBsAg (+), 2) HBV DNA (+),", "HBcAb IgM (-)"]),
])
def test_a_list_after_a_colon_is_the_criterion_s_children(structure, line, head, items):
    crits = structure.extract_text(f"Exclusion Criteria:\n\n{line}\n").to_dict()["criteria"]
    assert crits[0]["text"] == head
    assert [c["text"] for c in crits[1:]] == items
    assert all(c["parent"] == crits[0]["id"] for c in crits[1:])


def test_a_note_keeps_its_numbered_list(structure):
    text = "Inclusion Criteria:\n\n1) Aged 50 years or older;\nRemarks: (1) If 9 or more items are met; (2) trends over 3 measurements\n"
    crits = structure.extract_text(text).to_dict()["criteria"]
    assert [c["text"] for c in crits] == ["Aged 50 years or older;"]


@pytest.mark.parametrize("line", [
    # a colon's single number is no list
    "1. Received the following treatment: 1. an EGFR inhibitor within 4 weeks",
    # numbers that are values, not the next item's number
    "1. ECOG performance status 0, 1 or 2. Tumor stage 2. Measurable disease",
    "1. Grade 1 neuropathy 2. Adults",           # one number after a bare word is no run
    "Age 18 to 65 years. 2. Adults",             # no number of its own to follow
    # one sentence's parts, numbered after commas, with no number of the criterion's own
    "Coronary CTA is not done in patients with 1) creatinine > 1.3 mg/dL, 2) history of myeloma, 3) use of metformin",
    "Individuals who have a (1) heart pacemaker, (2) metal fragment in the eye, (3) an aneurysm clip",
    # a single number after a sentence end in an unnumbered bullet
    "* Age 18 to 65 years. 2. Adults",
    # two numbers "N." in a row in an unnumbered bullet are no run; nor are bracketed ones
    "- Grade 1 neuropathy 2. Adults 3. Children",
    "- Defined as HBsAg or HBV DNA for 6 months, or all of the following. (1) HBsAg (+), (2) HBV DNA (+), and (3) HBcAb IgM (-)",
])
def test_lists_inside_a_criterion_and_values_stay_whole(structure, line):
    got = _texts(structure, line)
    assert len(got) == 1

