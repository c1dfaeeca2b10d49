"""Marks left in a criterion's text: a dash glued to the article "A" ("-A known allergy to IMP",
as "-Any known ..." is read), and a point typed twice after a marker ("2. . Nasopharyngeal swab
..."). 7 raw records."""
from __future__ import annotations

from tests.conftest import kinds_and_texts


def test_a_dash_glued_to_the_article_a_is_a_marker(structure):
    text = ("Exclusion criteria:\n-A known allergy to IMP (budesonide)\n-Any known contraindication to the IMP\n"
            "-Patient needs hospitalisation\n")
    assert [t for _, t in kinds_and_texts(structure, text)] == [
        "A known allergy to IMP (budesonide)", "Any known contraindication to the IMP", "Patient needs hospitalisation"]


def test_a_point_typed_twice_after_a_marker_is_no_text(structure):
    text = "Exclusion criteria:\n1. Age less than 21\n2. . Nasopharyngeal swab positive\n3. .5 mg dose\n"
    assert [t for _, t in kinds_and_texts(structure, text)] == [
        "Age less than 21", "Nasopharyngeal swab positive", ".5 mg dose"]
