"""NCI PDQ groups that a registry exported as hard-wrapped paragraphs after their headings
("PATIENT CHARACTERISTICS: Age: Any age Performance status: ..."), as legacy ClinicalTrials.gov
XML holds thousands of old trials: the group heading is a section, its lines break wherever the
width ran out (no line is a criterion of its own) and each field label opens a criterion."""
from __future__ import annotations

from extractor.records import criterion_constraints

FLOWED = """DISEASE CHARACTERISTICS: Ongoing bone marrow transplantation from HLA-matched siblings or
HLA non-identical family members or unrelated donor

PATIENT CHARACTERISTICS: Age: Any age Performance status: Not specified Life expectancy:
Not severely limited by disease other than leukemia Hematopoietic: Not specified Hepatic:
No severe hepatic disease Renal: No history of hemorrhagic cystitis Other: No contraindication
to the use of cyclosporine or methotrexate

PRIOR CONCURRENT THERAPY: Chemotherapy: No prior chemotherapy Radiotherapy: At least 4 weeks since prior
radiotherapy and recovered Surgery: Not specified
"""


def _record(extractor, text: str) -> dict:
    return extractor.extract_text("Eligibility Criteria:\n\n" + text).to_dict()


def _texts(extractor, text: str) -> list[str]:
    """The criteria's texts, each line break and run of spaces as one space."""
    return [" ".join(c["text"].split()) for c in _record(extractor, text)["criteria"]]


def test_group_headings_on_the_line_of_their_text_are_sections(structure):
    record = _record(structure, FLOWED)
    groups = [(s["cue"], s["heading"]) for s in record["sections"] if s["role"] == "group"]
    assert groups == [("pdq-disease", "DISEASE CHARACTERISTICS:"), ("pdq-patient", "PATIENT CHARACTERISTICS:"),
                      ("pdq-prior-therapy", "PRIOR CONCURRENT THERAPY:")]


def test_a_flowed_group_is_one_criterion_per_field(structure):
    texts = _texts(structure, FLOWED)
    assert texts == [
        "Ongoing bone marrow transplantation from HLA-matched siblings or HLA non-identical family members "
        "or unrelated donor",
        "Age: Any age",
        "Performance status: Not specified",
        "Life expectancy: Not severely limited by disease other than leukemia",
        "Hematopoietic: Not specified",
        "Hepatic: No severe hepatic disease",
        "Renal: No history of hemorrhagic cystitis",
        "Other: No contraindication to the use of cyclosporine or methotrexate",
        "Chemotherapy: No prior chemotherapy",
        "Radiotherapy: At least 4 weeks since prior radiotherapy and recovered",
        "Surgery: Not specified",
    ]


def test_a_wrapped_label_still_opens_its_field(structure):
    text = ("PATIENT CHARACTERISTICS: Age: 18 and over Performance status: ECOG 0-2 Life\n"
            "expectancy: At least 3 months Hematopoietic: WBC at least 3,000/mm3\n")
    texts = _texts(structure, text)
    assert texts == ["Age: 18 and over", "Performance status: ECOG 0-2", "Life expectancy: At least 3 months",
                     "Hematopoietic: WBC at least 3,000/mm3"]


def test_groups_written_as_lists_of_lines_are_read_as_lists(structure):
    # the heading alone on its line, or a marked line in the group: a list as any other
    text = ("PATIENT CHARACTERISTICS:\nAge: 18 and over\nPerformance status: ECOG 0-2\n\n"
            "PRIOR CONCURRENT THERAPY: See Disease Characteristics\n- No prior chemotherapy\n- No prior radiotherapy\n")
    texts = [c["text"] for c in _record(structure, text)["criteria"]]
    assert texts == ["Age: 18 and over", "Performance status: ECOG 0-2", "See Disease Characteristics",
                     "No prior chemotherapy", "No prior radiotherapy"]


def test_a_label_in_mixed_case_prose_opens_no_group(structure):
    text = "Patient characteristics: Age: 18 and over Performance status: ECOG 0-2\n"
    assert not [s for s in _record(structure, text)["sections"] if s["role"] == "group"]


def test_a_field_wrapped_after_its_label_keeps_its_subject(engine):
    # the field starts mid-line, so its first line is short however wide the text was wrapped:
    # the line break after "prior" is still inside the sentence
    record = _record(engine, FLOWED)
    radio = next(c for c in record["criteria"] if c["text"].startswith("Radiotherapy:"))
    (window,) = criterion_constraints(radio)
    assert (window["comparator"], window["value"], window["unit"]["ucum"]) == (">=", 4, "wk")
    assert " ".join(window["subject"]["text"].split()) == "prior radiotherapy"
    life = next(c for c in record["criteria"] if c["text"].startswith("Age:"))
    assert not criterion_constraints(life)


def test_the_criteria_under_a_field_open_at_their_first_words(structure):
    # PDQ writes them one a line under the label; the paragraph ran them together
    text = ("PATIENT CHARACTERISTICS: Cardiovascular: Ejection fraction at least 50% by MUGA No history of\n"
            "congestive heart failure Other: Not pregnant or nursing Fertile patients must use effective\n"
            "contraception Hematopoietic: IgG No greater than 25% of normal\n")
    texts = _texts(structure, text)
    assert texts == ["Cardiovascular: Ejection fraction at least 50% by MUGA", "No history of congestive heart failure",
                     "Other: Not pregnant or nursing", "Fertile patients must use effective contraception",
                     "Hematopoietic: IgG No greater than 25% of normal"]


def test_a_criterion_opening_mid_line_reads_its_line_as_wrapped(engine):
    # "No prior" opens mid-line: the document's line, not the criterion's text, was wrapped
    text = ("PRIOR CONCURRENT THERAPY: Chemotherapy: Must have received 1 prior chemotherapy regimen No prior\n"
            "radiotherapy within 4 weeks before registration\n")
    record = _record(engine, text)
    item = next(c for c in record["criteria"] if c["text"].startswith("No prior"))
    (window,) = criterion_constraints(item)
    assert " ".join(window["subject"]["text"].split()) == "prior radiotherapy"


def test_short_lines_after_a_heading_on_the_line_are_a_list_of_lines(structure):
    # lines that stop well short of the widest were not wrapped: one criterion a line
    text = "PATIENT CHARACTERISTICS: Age 18 and over\nECOG 0-1\nNo prior therapy\n"
    assert [c["text"] for c in _record(structure, text)["criteria"]] == ["Age 18 and over", "ECOG 0-1",
                                                                         "No prior therapy"]


def test_a_wrapped_line_opening_with_a_decimal_value_is_no_list_marker(structure):
    # "Renal: Creatinine no greater than" / "1.5 mg/dL Creatinine clearance ...": the value the
    # width pushed to the next line, not an item numbered "1.5"
    text = ("PATIENT CHARACTERISTICS: Age: 18 and over Performance status: ECOG 0-2 Renal: Creatinine no\n"
            "greater than 1.5 mg/dL Creatinine clearance at least 60 mL/min Hepatic: Bilirubin no greater\n"
            "1.5 mg/dL or less Cardiovascular: No unstable atrial or ventricular arrhythmias at all\n")
    texts = _texts(structure, text)
    assert texts[:3] == ["Age: 18 and over", "Performance status: ECOG 0-2",
                         "Renal: Creatinine no greater than 1.5 mg/dL Creatinine clearance at least 60 mL/min"]
    assert texts[-1] == "Cardiovascular: No unstable atrial or ventricular arrhythmias at all"


def test_openers_split_a_disease_paragraph(structure):
    # the words PDQ opens its lines with ("Measurable", "At least", "Previously", "Patients" ...)
    # start criteria in a group's paragraph too, never right after a field's colon
    text = ("DISEASE CHARACTERISTICS: Histologically confirmed supratentorial anaplastic glioma with a\n"
            "recurrent cyst requiring aspiration for symptom control Measurable cystic lesion confirmed\n"
            "by contrast-enhanced CT or MRI At least 3 months since radiotherapy to site of measurable\n"
            "disease Patients with abnormal cardiac conduction are eligible if disease stable for a year\n\n"
            "PATIENT CHARACTERISTICS: Age: 3 and over Performance status: Karnofsky 60-100% Life expectancy:\n"
            "At least 8 weeks Hematopoietic: Not specified Renal: Creatinine no greater than 2 mg/dL plus\n")
    texts = _texts(structure, text)
    assert texts == [
        "Histologically confirmed supratentorial anaplastic glioma with a recurrent cyst requiring aspiration "
        "for symptom control",
        "Measurable cystic lesion confirmed by contrast-enhanced CT or MRI",
        "At least 3 months since radiotherapy to site of measurable disease",
        "Patients with abnormal cardiac conduction are eligible if disease stable for a year",
        "Age: 3 and over", "Performance status: Karnofsky 60-100%", "Life expectancy: At least 8 weeks",
        "Hematopoietic: Not specified", "Renal: Creatinine no greater than 2 mg/dL plus"]
