"""Sub-lists that registries export flat, at the column of the item that introduces them: the
unmarked lines after a numbered item ending in a colon are its sub-items ("8. Female
participants should be:" / "at least 5 years post-menopausal ..."), the next number of an open
list closes the sub-lists opened under the number before it ("4. ...:" / "(2) ...:" / "4) ...:"
/ "International normalized ratio ..." / "5. ..."), and an intro ending in "the following" keeps
that role with an aside in brackets and a full stop after it. A sub-list that numbers itself in
the same style again from 1, a blank line, and an item ending without a colon stay as they were."""
from __future__ import annotations


def _parents(structure, text):
    rec = structure.extract_text(text).to_dict()
    by_id = {c["id"]: c for c in rec["criteria"]}
    return [(c["text"][:14], by_id[c["parent"]]["text"][:14] if c["parent"] else None) for c in rec["criteria"]]


def test_unmarked_lines_under_a_numbered_item_ending_in_a_colon(structure):
    text = ("Inclusion criteria:\n7. Willing to participate\n8. Female participants should be:\n"
            "at least 5 years post-menopausal or surgically sterile;\nOR\n"
            "a. Have a negative urine pregnancy test at screening\n9. Male participants must agree\n")
    assert _parents(structure, text) == [
        ("Willing to par", None), ("Female partici", None), ("at least 5 yea", "Female partici"),
        ("Have a negativ", "Female partici"), ("Male participa", None)]


def test_the_next_number_closes_the_sub_lists_of_the_one_before(structure):
    text = ("Exclusion criteria:\n3. Allergy to the study drug;\n4. The results of laboratory tests are abnormal:\n"
            "(1) Abnormal liver function is defined as:\n1) Total bilirubin >2 ULN;\n"
            "2) Definition of renal dysfunction:\nSerum creatinine >1.5 ULN;\n5. Pregnancy;\n6. Dementia;\n")
    assert _parents(structure, text) == [
        ("Allergy to the", None), ("The results of", None), ("Abnormal liver", "The results of"),
        ("Total bilirubi", "Abnormal liver"), ("Definition of ", "Abnormal liver"),
        ("Serum creatini", "Definition of "), ("Pregnancy;", None), ("Dementia;", None)]


def test_a_sub_list_numbered_again_from_one_stays_under_its_intro(structure):
    text = ("Inclusion criteria:\n1. Age 18 years or older\n2. Participants must:\n"
            "a. have a positive SARS-CoV-2 result\nb. AND be developing oxygenation impairment, requiring any of the "
            "following:\n1. high-flow oxygen\n2. mechanical ventilation\nc. AND have raised CRP\n3. Signed consent\n")
    assert _parents(structure, text) == [
        ("Age 18 years o", None), ("Participants m", None), ("have a positiv", "Participants m"),
        ("AND be develop", "Participants m"), ("high-flow oxyg", "AND be develop"),
        ("mechanical ven", "AND be develop"), ("AND have raise", "Participants m"), ("Signed consent", None)]


def test_an_intro_with_an_aside_and_a_full_stop(structure):
    text = ("Inclusion criteria:\n1) Written consent\n2) Aged < 18 years who meet one of the following weight "
            "criteria (where permitted by local law [IRB]).\na) Cohort 1: weight >= 40 kg\nb) Cohort 2: weight >= 3 kg\n"
            "3) SARS-CoV-2 infection\n")
    assert _parents(structure, text) == [
        ("Written consen", None), ("Aged < 18 year", None), ("Cohort 1: weig", "Aged < 18 year"),
        ("Cohort 2: weig", "Aged < 18 year"), ("SARS-CoV-2 inf", None)]


def test_no_colon_or_a_blank_line_heads_nothing(structure):
    text = "Inclusion criteria:\n1. Adults with COVID-19\nHospitalised patients\n2. Signed consent\n"
    assert [p for _, p in _parents(structure, text)] == [None, None, None]
    text = "Inclusion criteria:\n1. Adults with the following:\n\nHospitalised patients\n2. Signed consent\n"
    assert [p for _, p in _parents(structure, text)] == [None, None, None]
    text = ("Inclusion criteria:\n1) Written consent\n2) Aged < 18 years (where permitted by local law).\n"
            "a) Cohort 1: weight >= 40 kg\n3) SARS-CoV-2 infection\n")
    assert [p for _, p in _parents(structure, text)] == [None, None, None, None]
