"""A list written on its criterion's line after a colon, in bullets or in dashes before capitals
("... as defined below: •\tA child who ... •\tThe definition ..."; "... if any of the following
criteria are met: - Known immunodeficiency - Active RSV infection"): the words up to the colon
are the criterion, each item one criterion under it; the lines below go on the list."""
from __future__ import annotations

import pytest


def _tree(structure, text: str) -> list[tuple[str, str]]:
    crits = structure.extract_text(text).to_dict()["criteria"]
    by_id = {c["id"]: c["text"] for c in crits}
    return [(by_id.get(c["parent"], ""), c["text"]) for c in crits]


@pytest.mark.parametrize("line, head, items", [
    ("Child in care, as defined below: •\tA child placed under the control of an agency. •\tA child in foster care.",
     "Child in care, as defined below:", ["A child placed under the control of an agency.", "A child in foster care."]),
    ("Adequate organ function: • ANC >/= 1,500 • Platelets >/=100,000 • • Total bilirubin </= 1.5 mg/dl",
     "Adequate organ function:", ["ANC >/= 1,500", "Platelets >/=100,000", "Total bilirubin </= 1.5 mg/dl"]),
    ("Not eligible if any of the following are met: - Known immunodeficiency - Active RSV infection - Active LRTI",
     "Not eligible if any of the following are met:", ["Known immunodeficiency", "Active RSV infection", "Active LRTI"]),
])
def test_a_marked_list_after_a_colon_is_the_criterion_s_children(structure, line, head, items):
    got = _tree(structure, f"Exclusion Criteria:\n\n- {line}\n")
    assert got == [("", head)] + [(head, item) for item in items]


def test_a_line_below_goes_on_the_list(structure):
    text = ("Exclusion Criteria:\n\n- Patients with urea cycle disorders: - History of coma - Encephalopathy\n"
            "     - Pregnancy-related encephalopathy\n- Nursing women\n")
    head = "Patients with urea cycle disorders:"
    assert _tree(structure, text) == [("", head), (head, "History of coma"), (head, "Encephalopathy"),
                                      (head, "Pregnancy-related encephalopathy"), ("", "Nursing women")]


@pytest.mark.parametrize("line", [
    "Performance status • ECOG 0-2",                           # no colon before the bullet
    "HbA1c: 7 - 10% at screening - Stable dose",               # a range, not a dash before a capital
    "Creatinine clearance: - Grade 2 or less",                 # one item is no list
    "Note: • dose adjustments allowed • see protocol",         # a note keeps what it lists
])
def test_other_dashes_and_bullets_stay_in_the_criterion(structure, line):
    got = _tree(structure, f"Exclusion Criteria:\n\n- Age over 18\n- {line}\n")
    assert len(got) <= 2 and all(parent == "" for parent, _ in got)


def test_dashes_glued_to_words_in_a_flowed_nci_group(structure):
    # old NCI texts flattened their sub-items into the paragraph ("... diseases: -Acute
    # myelogenous leukemia ... -Multiple myeloma ..."); a dash before a letter alone is no mark
    text = ("Eligibility Criteria:\n\nDISEASE CHARACTERISTICS: Must have an HLA identical donor matched for HLA -A, -B and\n"
            "one of the following diseases: -Acute myelogenous leukemia in first complete remission or\n"
            "second complete remission -Multiple myeloma in complete or partial response -Myelodysplastic\n"
            "syndrome with more than 5% marrow blasts after two courses of induction chemotherapy given\n")
    head = "Must have an HLA identical donor matched for HLA -A, -B and one of the following diseases:"
    got = [(" ".join(p.split()), " ".join(t.split())) for p, t in _tree(structure, text)]
    assert got == [("", head),
                   (head, "Acute myelogenous leukemia in first complete remission or second complete remission"),
                   (head, "Multiple myeloma in complete or partial response"),
                   (head, "Myelodysplastic syndrome with more than 5% marrow blasts after two courses of induction "
                          "chemotherapy given")]


@pytest.mark.parametrize("line, head, items", [
    ("Significant cardiac disease as defined by: a) a history of a myocardial infarction or b) coronary "
     "arteriopathy, or c) evidence of ischemia",
     "Significant cardiac disease as defined by:",
     ["a history of a myocardial infarction", "coronary arteriopathy", "evidence of ischemia"]),   # "or": connectors
    ("Any condition contraindicating IVIG: (a) prior serious reaction to IVIG; (b) known IgA deficiency; (c) nephrosis",
     "Any condition contraindicating IVIG:", ["prior serious reaction to IVIG;", "known IgA deficiency;", "nephrosis"]),
    ("Stable coronary disease, as determined by: a. A history of myocardial infarction b. A coronary angiogram",
     "Stable coronary disease, as determined by:", ["A history of myocardial infarction", "A coronary angiogram"]),
])
def test_a_lettered_list_after_a_colon_is_the_criterion_s_children(structure, line, head, items):
    got = _tree(structure, f"Exclusion Criteria:\n\n- {line}\n")
    assert [t for _, t in got] == [head] + items and all(p == head for p, _ in got[1:])


def test_either_before_the_colon_asks_for_one(structure):
    crits = structure.extract_text("Inclusion Criteria:\n\n- Records of either: a) recurrent CDI, b) two episodes "
                                   "of severe CDI\n").to_dict()["criteria"]
    assert crits[0]["logic"] == "any" and len(crits[0]["children"]) == 2


@pytest.mark.parametrize("line", [
    "Blood pressure: a systolic pressure over 140 b. diastolic",      # "a" an article, no mark
    "Class of the lesion: (a) only",                                  # one letter is no list
    "Received: a) methotrexate and c) cyclosporine",                  # letters out of order
])
def test_other_letters_stay_in_the_criterion(structure, line):
    got = _tree(structure, f"Exclusion Criteria:\n\n- {line}\n")
    assert len(got) == 1
