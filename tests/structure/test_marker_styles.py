"""A list of another numbering style at the same column, under a numbered item that ends in a
colon ("8. ... any of the following:" then "(1) ...", "a. ...", "- ..."), is that item's
children, as registries that export flat text write sub-lists, also across a blank line (as
Markdown writes a list after a paragraph). Items of the same style are siblings, and an item that
does not end in a colon heads nothing."""
from __future__ import annotations


def _outline(structure, text):
    rec = structure.extract_text(text).to_dict()
    by_id = {c["id"]: c for c in rec["criteria"]}
    out = []
    for c in rec["criteria"]:
        parent = by_id[c["parent"]]["text"][:12] if c["parent"] else None
        out.append((c["text"][:12], parent, c["logic"]))
    return out


def test_bracketed_numbers_under_a_numbered_item_are_its_children(structure):
    text = ("Inclusion Criteria:\n7. serum KL-6 > 500 U/ml;\n8. and conforms to any of the following:\n"
            "(1) respiratory distress, RR >=30 beats / min;\n(2) oxygen saturation <=93% at rest;\n"
            "9. Signed consent\n")
    assert _outline(structure, text) == [
        ("serum KL-6 >", None, None), ("and conforms", None, "any"), ("respiratory ", "and conforms", None),
        ("oxygen satur", "and conforms", None), ("Signed conse", None, None)]


def test_letters_and_bullets_under_a_numbered_item_are_its_children(structure):
    text = ("Exclusion Criteria:\n6. Medically healthy, including:\na. Physical examination normal\n"
            "b. Heart rate 45 to 100 beats/min\n7. Abnormal values at screening:\n- ALT > 5 x ULN\n"
            "- Creatinine clearance < 30 mL/min\n8. Pregnancy\n")
    got = _outline(structure, text)
    assert [p for _, p, _ in got] == [None, "Medically he", "Medically he", None, "Abnormal val", "Abnormal val", None]


def test_items_of_one_style_stay_siblings(structure):
    # the other style after a sibling in between: the colon no longer introduces it
    text = "Inclusion Criteria:\n1. Adults with the following:\n2. Signed consent\n(3) Able to swallow\n"
    assert [p for _, p, _ in _outline(structure, text)] == [None, None, None]
    text = "Inclusion Criteria:\n1. Adults aged 18 or over\n(a) Signed consent\n2. Able to swallow\n"
    assert [p for _, p, _ in _outline(structure, text)] == [None, None, None]


def test_a_blank_line_before_the_other_style_keeps_the_colon_s_items(structure):
    text = "Inclusion Criteria:\n1. Adults with the following:\n\na. Signed consent\nb. Able to swallow\n"
    assert [p for _, p, _ in _outline(structure, text)] == [None, "Adults with ", "Adults with "]


def test_an_intro_after_a_heading_on_its_line_heads_the_items_below(structure):
    # ICTRP rows: "Inclusion criteria: <intro>:" then the numbered items at the line's column
    text = ("Inclusion criteria: Healthy volunteers will be included if they meet all of the following criteria:\n"
            "1. Signed consent\n2. Adults aged 18 to 64 years\n")
    assert _outline(structure, text) == [("Healthy volu", None, "all"), ("Signed conse", "Healthy volu", None),
                                         ("Adults aged ", "Healthy volu", None)]


def test_a_criterion_after_a_heading_on_its_line_heads_nothing(structure):
    # no colon: a criterion, and the items a space further in (bullets lost in export) its siblings
    text = ("Inclusion criteria: People who tested positive for SARS-CoV-2\n Voluntariness to participate\n"
            " Age 19-65 years\n")
    assert [p for _, p, _ in _outline(structure, text)] == [None, None, None]


def test_an_intro_that_lost_its_colon_heads_the_items_below(structure):
    text = ("Inclusion criteria: Patients more than 18 years of age with one of the following criteria\n"
            "1. requiring hospitalization with acute organ dysfunction(or)\n2. SaO2 in room air <93%\n")
    assert _outline(structure, text) == [("Patients mor", None, "any"), ("requiring ho", "Patients mor", None),
                                         ("SaO2 in room", "Patients mor", None)]
    text = ("Inclusion Criteria:\n5. Normal vital signs\nThe results of ECG were consistent with any of the following 12 leads\n"
            "(1) ECG within the normal reference range;\n(2) ECG beyond the normal range, not significant;\n7. Signed consent\n")
    assert [p for _, p, _ in _outline(structure, text)] == [None, None, "The results ", "The results ", None]


def test_a_criterion_naming_the_following_without_introducing_stays_a_sibling(structure):
    text = ("Inclusion Criteria:\n1. Able to attend the following visits\n2. Signed consent\n"
            "Healthy as described in the following\n- Normal ECG\n")
    # no logic cue ("one of", "all of"): no parent without a colon
    assert [p for _, p, _ in _outline(structure, text)] == [None, None, None, None]


def test_a_numbered_item_after_a_lettered_sub_list_goes_back_to_the_list_above(structure):
    text = ("Inclusion criteria:\n6. The clinical symptoms reach the standard of severe or critical.\n"
            "Critically ill patients meet any of the following:\na) respiratory failure;\nb) shock;\n"
            "7. Accept random grouping into any group;\n8. Hospitalized before the end of the study.\n")
    assert [p for _, p, _ in _outline(structure, text)] == [None, None, "Critically i", "Critically i", None, None]


def test_a_logic_cue_inside_an_item_introduces_a_list_of_another_style(structure):
    # no colon ends the item, but "all of the following" inside it introduces the "o" items
    text = ("Inclusion criteria:\n2) Gender: Male or female\n"
            "3) Patients who meet all of the following criteria 1), 2), and 3) at the time of enrolment\n"
            "o Positive RT-PCR\no New lung lesions\no Fever of 37.5°C or more\n4) Negative pregnancy test\n")
    got = _outline(structure, text)
    assert [p for _, p, _ in got] == [None, None, "Patients who", "Patients who", "Patients who", None]
    assert got[1][2] == "all"


def test_a_logic_cue_that_lists_its_items_in_the_item_introduces_nothing_below(structure):
    text = ("Inclusion criteria:\n5. Inflammatory status as documented by at least one of the following: LDH > ULN, "
            "CRP > 100 mg/L\n- Phase 3 criteria: same as above\n")
    assert [p for _, p, _ in _outline(structure, text)] == [None, None]
