"""A count of the items below without "at least" ("Severe aplastic anemia with two of the
following:", "lymphopenia ... and two of the following extra criteria", "3 or more of the
following") is the logic "any" with that many children at least, as "at least two of the
following" is (models/sections.json "logic"); "all three of the following" stays "all"."""
from __future__ import annotations


def _first(structure, text):
    return structure.extract_text(text).to_dict()["criteria"][0]


def test_a_bare_count_asks_for_that_many_children(structure):
    for head, n in (("Severe aplastic anemia with two of the following:", 2),
                    ("Three or more of the following risk factors:", 3)):
        c = _first(structure, f"Inclusion criteria:\n- {head}\n  - Fever\n  - Cough\n  - Dyspnoea\n")
        assert (c["logic"], c.get("min_children")) == ("any", n), head


def test_all_three_of_the_following_stays_all(structure):
    c = _first(structure, "Inclusion criteria:\n- All three of the following:\n  - Fever\n  - Cough\n  - Dyspnoea\n")
    assert c["logic"] == "all"


def test_a_flat_list_under_a_bare_count_nests(structure):
    text = ("Inclusion criteria:\n-Signs of cytokine release syndrome defined as ANY of the following\n"
            "-serum ferritin > 1000 mcg/L\n-lymphopenia < 800/microliter and two of the following extra criteria\n"
            "-Ferritin > 700 mcg/L\n-increased LDH (above 300 IU/L)\n")
    crits = structure.extract_text(text).to_dict()["criteria"]
    by_id = {c["id"]: c["text"] for c in crits}
    assert [by_id.get(c["parent"], "")[:11] for c in crits] == [
        "", "Signs of cy", "Signs of cy", "lymphopenia", "lymphopenia"]


def test_a_count_of_named_things_before_the_colon_asks_for_that_many(structure):
    # "at least N <things>:" and "at least N of M <things>" count the items below as
    # "at least N of the following" does; "one of 3 procedure types:" asks for one
    for head, n in (("At least one additional risk factor for progression to ventilation:", 1),
                    ("MI is defined based on at least 2 of 3 MI criteria confirmed by:", 2),
                    ("Patients meet at least three out of the following six conditions:", 3),
                    ("Undergoing one of 3 procedure types:", None)):
        c = _first(structure, f"Inclusion criteria:\n- {head}\n  - Fever\n  - Cough\n  - Dyspnoea\n")
        assert (c["logic"], c.get("min_children")) == ("any", n), head


def test_a_time_or_a_conjunction_after_at_least_is_no_count(structure):
    for head in ("At least 2 weeks since prior surgery and the following:",
                 "At least one prior therapy and all of the following:"):
        c = _first(structure, f"Inclusion criteria:\n- {head}\n  - Fever\n  - Cough\n")
        assert c["logic"] == "all", head


def test_examples_after_such_as_ask_for_any_of_them(structure):
    # "such as:", "including but not limited to:", "e.g.:" list examples: any one of them holds
    for head in ("Major neurological deficits such as:", "Severe COVID-19 including but not limited to:",
                 "Adequate prior chemotherapy required, e.g.:"):
        c = _first(structure, f"Exclusion criteria:\n- {head}\n  - Stroke\n  - Seizures\n")
        assert (c["logic"], len(c["children"])) == ("any", 2), head


def test_such_as_makes_no_children_of_the_items_after_it(structure):
    # a cue of the examples' logic does not take the next items of its own marker as its items,
    # as "one of the following:" does on a flattened page
    text = "Exclusion criteria:\n- History of cardiovascular disease such as:\n- Pregnancy\n- Active hepatitis B\n"
    crits = structure.extract_text(text).to_dict()["criteria"]
    assert [c["parent"] for c in crits] == [None, None, None]
