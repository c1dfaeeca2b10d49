"""The last words of a hard-wrapped criterion may be a heading's words ("... for trial" /
"eligibility.", "... (see" / "exclusion criteria).", "... defined in the" / "Inclusion
Criteria"): a line that follows a line ending no sentence, indented under it or ending in a
full stop or a bracket, is the criterion's tail and not a heading, so the criteria after it keep
their side."""
from __future__ import annotations

from tests.conftest import kinds_and_texts

_LIST = ("Inclusion Criteria:\n\n  -  Age 18 or older\n\n  -  Tumors do not need to be tested for these\n"
         "     alterations for trial\n     {tail}\n\n  -  Signed consent\n\nExclusion Criteria:\n\n"
         "  -  Symptoms of more than two discs that satisfy the profile defined in the\n     {tail2}\n\n"
         "  -  Infection at the planned procedure site\n")


def test_an_indented_tail_is_no_heading(structure):
    text = _LIST.format(tail="eligibility.", tail2="Inclusion Criteria")
    assert [k for k, _ in kinds_and_texts(structure, text)] == ["inclusion"] * 3 + ["exclusion"] * 2


def test_a_tail_in_brackets_is_no_heading(structure):
    text = ("Inclusion Criteria:\n\n- MRI within 6 weeks. No signs of other spine pathology (see\n"
            "exclusion criteria).\n- Age 18 to 60\n\nExclusion Criteria:\n\n- Infection\n")
    assert kinds_and_texts(structure, text) == [
        ("inclusion", "MRI within 6 weeks. No signs of other spine pathology (see\nexclusion criteria)."),
        ("inclusion", "Age 18 to 60"), ("exclusion", "Infection")]


def test_a_heading_of_its_own_stays_a_heading(structure):
    # after a sentence's end, after a blank line, or unindented and unpunctuated after a list item
    for text in ("- Age over 18.\n  Exclusion Criteria\n- Infection\n",
                 "- Age over 18 and\n\n  Exclusion Criteria\n- Infection\n",
                 "Inclusion criteria\n- Age over 18\nexclusion criteria\n- Infection\n"):
        assert kinds_and_texts(structure, text)[-1] == ("exclusion", "Infection"), text
