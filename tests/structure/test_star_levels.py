"""NCI CTS writes sub-bullets as more stars at the same column ("* Cohort A. Acute lymphoblastic
leukemia" / "** B-cell phenotype: ..."): "**" and "***" are bullets one and two levels under "*",
not words of a criterion of the same level. A "** NOTE:" bullet is the note of its item, and a
footnote of two stars is the note of the criterion whose stars, after a space, it explains."""
from __future__ import annotations

from tests.conftest import depths_and_texts


def _tree(structure, text):
    return depths_and_texts(structure, text, notes=True)


def test_more_stars_nest_one_level_deeper(structure):
    text = ("Inclusion Criteria:\n- Histologically confirmed diagnosis of\n  * Cohort A. Acute lymphoblastic leukemia\n"
            "  ** B-cell phenotype: relapsed or refractory ALL\n  ** T-cell phenotype: relapsed or refractory\n"
            "  * Cohort B. Other CD123+ hematological malignancies\n  ** Hairy cell leukemia\n"
            "  *** NOTE: Patients must have failed purine analogs\n- Life expectancy of at least 4 weeks\n")
    assert _tree(structure, text) == [
        (0, "Histologically confirmed diagnosis of", []),
        (1, "Cohort A. Acute lymphoblastic leukemia", []),
        (2, "B-cell phenotype: relapsed or refractory ALL", []),
        (2, "T-cell phenotype: relapsed or refractory", []),
        (1, "Cohort B. Other CD123+ hematological malignancies", []),
        (2, "Hairy cell leukemia", ["NOTE: Patients must have failed purine analogs"]),
        (0, "Life expectancy of at least 4 weeks", [])]


def test_a_two_star_footnote_is_a_note_of_the_criterion_its_stars_follow(structure):
    text = ("Exclusion Criteria:\n* Known infection with:\n  * Hepatitis B (HBsAg positive) **\n"
            "  * Hepatitis C virus (anti HCV positive) **\n\n"
            "** A history of hepatitis B or C is permitted if the viral load is undetectable.\n* Pregnancy\n")
    assert _tree(structure, text) == [
        (0, "Known infection with:", []),
        (1, "Hepatitis B (HBsAg positive) **", []),
        (1, "Hepatitis C virus (anti HCV positive) **",
         ["A history of hepatitis B or C is permitted if the viral load is undetectable."]),
        (0, "Pregnancy", [])]


def test_a_star_after_a_space_multiplies(structure):
    # "< 3 * the institutional upper limit" is no footnote reference: the line is no note
    text = ("Inclusion Criteria:\n  7. PT/PTT within 1.2 x ULN or < 3 * the ULN on anticoagulants\n"
            "  * the institutional upper limit of normal applies\n")
    assert all(not notes for _, _, notes in _tree(structure, text))
