"""An item that enumerates in its own words ("... including but not limited to: (a) myocardial
infarction ...; (b) uncontrolled angina ...") is hard-wrapped like any text: a line of its wrapped
text may open with the next marker ("(b)", "2)") without being a sub-item. Such a line, at the
item's text column under a marked item whose words hold the marker before it inline, goes on
with the item (and the item's own list after its colon is its children); an enumeration that
starts its lines ("(a)" at a line's start) is sub-items."""
from __future__ import annotations

from tests.conftest import kinds_and_texts


def test_a_marker_the_wrap_put_at_a_line_start_goes_on_with_the_item(structure):
    text = ("Exclusion Criteria:\n  4. End-stage liver disease.\n"
            "  5. Uncontrolled cardiovascular disease, including but not limited to: (a)\n"
            "     myocardial infarction within the past 30 days;\n"
            "     (b) uncontrolled angina within the past 30 days; (c) any history of clinically\n"
            "     significant arrhythmias, including: cardiomyopathy, congestive heart failure with New York Heart\n"
            "     Association functional classification III or IV.\n"
            "  6. Known chronic kidney disease.\n")
    crits = structure.extract_text(text).to_dict()["criteria"]
    top = [" ".join(c["text"].split()) for c in crits if c["parent"] is None]
    assert top == ["End-stage liver disease.", "Uncontrolled cardiovascular disease, including but not limited to:",
                   "Known chronic kidney disease."]
    # the item's own lettered list, wrapped over its lines, is its children (one each)
    head = next(c for c in crits if c["text"].startswith("Uncontrolled"))
    assert [" ".join(c["text"].split()) for c in crits if c["parent"] == head["id"]] == [
        "myocardial infarction within the past 30 days;", "uncontrolled angina within the past 30 days;",
        "any history of clinically significant arrhythmias, including: cardiomyopathy, congestive heart failure "
        "with New York Heart Association functional classification III or IV."]


def test_an_enumeration_that_starts_its_lines_is_sub_items(structure):
    text = ("Exclusion Criteria:\n  1. Any of the following:\n       (a) myocardial infarction\n"
            "       (b) uncontrolled angina\n  2. Pregnancy\n")
    rec = structure.extract_text(text).to_dict()
    texts = [c["text"] for c in rec["criteria"]]
    assert texts == ["Any of the following:", "myocardial infarction", "uncontrolled angina", "Pregnancy"]
    parents = {c["text"]: c["parent"] for c in rec["criteria"]}
    assert parents["uncontrolled angina"] == parents["myocardial infarction"] is not None


def test_the_marker_before_must_be_inline_in_the_item(structure):
    # "(b)" with no "(a)" in the item's words above is a criterion of its own
    text = ("Exclusion Criteria:\n  1. Uncontrolled cardiovascular disease such as\n"
            "     (b) uncontrolled angina\n")
    assert len(kinds_and_texts(structure, text)) == 2
