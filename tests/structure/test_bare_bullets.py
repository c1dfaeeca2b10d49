"""A bullet with no words is no criterion: legacy XML writes "-" alone on a line ("-" / "Patients
must have:"), and a bullet before a heading ("-  INCLUSION CRITERIA:") is left when the heading
becomes a section of its own. Both were kept as a criterion "-" (86 of the raw folders), or as a
trailing " -" of the criterion above."""
from __future__ import annotations

from tests.conftest import kinds_and_texts


_XML = """<?xml version="1.0" encoding="UTF-8"?>
<clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info><brief_title>Study of mood</brief_title>
<eligibility><criteria><textblock>
        -  INCLUSION CRITERIA:

        The subjects will be women who meet the following criteria:

          -  age 18 to 50;

          -  regular menses.

        EXCLUSION CRITERIA:

        Pregnancy.
</textblock></criteria></eligibility></clinical_study>
"""


def test_a_bullet_before_a_heading_is_no_criterion(structure, tmp_path):
    path = tmp_path / "NCT00000001.xml"
    path.write_text(_XML, encoding="utf-8")
    got = [(c["kind"], c["text"]) for c in structure.extract(str(path)).to_dict()["criteria"]]
    assert [t for _, t in got] == ["The subjects will be women who meet the following criteria:",
                                  "age 18 to 50;", "regular menses.", "Pregnancy."]
    assert [k for k, _ in got] == ["inclusion"] * 3 + ["exclusion"]


def test_a_bullet_alone_on_its_line_is_no_criterion_nor_part_of_one(structure):
    text = ("Inclusion Criteria:\n-\n\nPatients must have:\n\nDepressive symptoms.\n"
            "Exclusion Criteria:\nHeadache during testing or within 3 days before and after testing.\n-\n")
    assert [t for _, t in kinds_and_texts(structure, text)] == [
        "Patients must have:", "Depressive symptoms.",
        "Headache during testing or within 3 days before and after testing."]


def test_a_numbered_item_alone_on_its_line_is_left_as_it_was(structure):
    # only bullets: an item number alone on its line still numbers what follows it
    text = "Inclusion Criteria:\n1.\nAdults aged 18 or over\n2. Consent\n"
    assert "Consent" in [t for _, t in kinds_and_texts(structure, text)]
