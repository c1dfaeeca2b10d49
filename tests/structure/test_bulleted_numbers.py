"""A number written after a bullet ("* i. High risk ALL ...", "-  1. Age =18", "* (2) with mouth
opening pain") is the item's marker, where two or more lines of the list write that style so
(Markdown renders an exported numbered list in bullets): it left the criterion's text and the
numbering gave no nesting. One such line alone ("* a) BMI >= 27 ... or b) BMI >= 35") is an
enumeration of the item's own words and stays. "ii." after "i." goes on the same sub-list (a
single i is a letter and a roman numeral), and a run numbered from 1 between two items of one
bullet is the sub-list of the first ("* Positive pre-transplant evaluation" / "* i." ... /
"* Women of childbearing potential ...")."""
from __future__ import annotations

from tests.conftest import depths_and_texts

_TEXT = """Inclusion Criteria:

* Diagnosis of high-risk hematological malignancy. This includes:
* i. High risk ALL in first complete remission;
* ii. ALL in second complete remission;
* iii. AML in RC2 or later;
* Positive pre-transplant evaluation
* i. Left ventricular ejection fraction > 40%;
* ii. Bilirubin <= 3 times the upper limit of normal
* Women of childbearing potential must have a negative pregnancy test

Exclusion Criteria:

-  1. Pregnancy or breastfeeding
-  2. Known HIV infection
"""


def test_a_number_after_a_bullet_is_the_marker_and_nests(structure):
    assert depths_and_texts(structure, _TEXT) == [
        (0, "Diagnosis of high-risk hematological malignancy. This includes:"),
        (1, "High risk ALL in first complete remission;"), (1, "ALL in second complete remission;"),
        (1, "AML in RC2 or later;"),
        (0, "Positive pre-transplant evaluation"),
        (1, "Left ventricular ejection fraction > 40%;"), (1, "Bilirubin <= 3 times the upper limit of normal"),
        (0, "Women of childbearing potential must have a negative pregnancy test"),
        (0, "Pregnancy or breastfeeding"), (0, "Known HIV infection")]


def test_one_lettered_line_after_a_bullet_keeps_its_letter(structure):
    text = ("Inclusion Criteria:\n\n* Male or female\n"
            "* a) Body mass index >= 27.0 kg/m^2 with 2 complications or b) BMI >= 35.0 kg/m^2\n")
    assert [t for _, t in depths_and_texts(structure, text)] == [
        "Male or female", "a) Body mass index >= 27.0 kg/m^2 with 2 complications or b) BMI >= 35.0 kg/m^2"]
