"""A criterion's notes ("Note: ..." lines) in every export: what the note states qualifies its
criterion, so it is carried as the note's words and marked, never mixed into what the criterion
itself requires, and what a form cannot hold is reported."""
from __future__ import annotations

import pytest

from extractor.export import cohort_expression, r4_group, r5_resources, rows

TEXT = ("Inclusion Criteria:\n- Hemoglobin >= 9 g/dL\n"
        "Note: transfusion allowed if done at least 2 weeks before registration; platelets > 50,000/mm3\n"
        "- Age >= 18 years\n")


@pytest.fixture(scope="module")
def noted(engine) -> dict:
    rec = engine.extract_text(TEXT, path="notes.txt").to_dict()
    c1 = rec["criteria"][0]
    # The premise: the engine keeps the note apart, with two constraints of its own.
    assert [k["text"] for k in c1["constraints"]] == [">= 9 g/dL"]
    assert [k["text"] for k in c1["notes"][0]["constraints"]] == ["at least 2 weeks", "> 50,000/mm3"]
    return rec


def test_table_rows_of_a_note_are_marked_with_its_number(noted):
    got = [(r["criterion_id"], r["constraint_index"], r["constraint_text"], r["note"]) for r in rows(noted)]
    assert got == [("c1", 0, ">= 9 g/dL", None), ("c1", 0, "at least 2 weeks", 1),
                   ("c1", 1, "> 50,000/mm3", 1), ("c2", 0, ">= 18 years", None)]
    text = noted["document"]["text"]
    for r in rows(noted):
        assert text[r["constraint_start"]:r["constraint_end"]] == r["constraint_text"]


def test_a_criterion_whose_only_constraints_are_its_notes_has_no_empty_row(noted):
    bare = {**noted, "criteria": [{**noted["criteria"][0], "constraints": []}]}
    assert [r["note"] for r in rows(bare)] == [1, 1]


def test_r5_keeps_the_note_as_words_not_as_a_requirement(noted):
    evidence = next(r for r in r5_resources(noted, "x") if r["resourceType"] == "EvidenceVariable")
    char = next(c for c in evidence["characteristic"] if c["linkId"] == "c1")
    assert {"text": " ".join(noted["criteria"][0]["notes"][0]["text"].split())} in char["note"]
    assert "definitionByCombination" not in char  # one requirement: Hb >= 9 g/dL
    assert char["definitionByTypeAndValue"]["valueQuantity"]["value"] == 9


def test_r4_lists_the_note_it_cannot_hold(noted):
    group, dropped = r4_group(noted, "x")
    assert [d for d in dropped if "note" in d] == [
        "notes c1: note 'Note: transfusion allowed if done at least 2 weeks before registration; "
        "platelets > 50,000/mm3' and its 2 constraint(s)"]
    assert len(group["characteristic"]) == 2


def test_circe_describes_the_note_and_warns_of_its_constraints(noted):
    expression, warnings = cohort_expression(noted)
    rule = expression["InclusionRules"][0]
    assert "note: Note: transfusion allowed" in rule["description"]
    assert warnings == ["notes c1: 2 constraint(s) of the note 'Note: transfusion allowed if done at least "
                        "2 weeks before registration; platelets > 50,000/mm3' not expressed (a note qualifies "
                        "its criterion in words)"]
