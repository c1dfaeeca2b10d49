"""A "Note:" under a criterion is no criterion of its own, but what it states is read: its
constraints, numbers and damaged text are kept with the note, spans inside it."""
from __future__ import annotations

from extractor.eval.registries import predicted_constraints
from extractor.records import criterion_constraints
from extractor.validate import span_problems

TEXT = """Inclusion criteria: 1.\tPatient with confirmed diagnosis of COVID-19
Note: infection confirmed by RT-PCR in \u00e2?\u00a4 5 days prior to randomization
2.\tAge 18 years or older
Exclusion criteria: 1.\tPregnancy
Note: for women of childbearing potential only
"""


def _record(engine, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text(TEXT, encoding="utf-8")
    return engine.records(str(path))[0]


def test_note_constraints_are_kept_with_the_note(engine, tmp_path):
    rec = _record(engine, tmp_path)
    host = next(c for c in rec["criteria"] if c["text"].startswith("Patient with confirmed"))
    assert host["constraints"] == []
    [note] = host["notes"]
    [window] = note["constraints"]
    assert (window["type"], window["comparator"], window["value"], window["unit"]["ucum"], window["direction"]) \
        == ("time", "<=", 5, "d", "before")
    s, e = note["span"]
    assert s <= window["span"][0] < window["span"][1] <= e
    assert note["warnings"] and "damaged" in note["warnings"][0]["message"]
    assert any("damaged" in w for w in rec["warnings"])
    assert criterion_constraints(host) == [window]
    assert window in predicted_constraints(rec)
    assert span_problems(rec) == []


def test_note_without_numbers_stays_text_and_span(engine, tmp_path):
    rec = _record(engine, tmp_path)
    host = next(c for c in rec["criteria"] if c["text"] == "Pregnancy")
    assert host["notes"] == [{"text": "Note: for women of childbearing potential only",
                              "span": host["notes"][0]["span"]}]


def test_span_problems_names_a_note_constraint_outside_its_note(engine, tmp_path):
    rec = _record(engine, tmp_path)
    host = next(c for c in rec["criteria"] if c.get("notes") and c["notes"][0].get("constraints"))
    k = host["notes"][0]["constraints"][0]
    k["span"] = list(host["span"])
    k["text"] = rec["document"]["text"][k["span"][0]:k["span"][1]]
    assert any("lies outside its note" in p for p in span_problems(rec))


def test_a_note_wrapped_over_lines_is_a_note(structure):
    text = ("Inclusion Criteria:\n  - PCR positive in a sample collected < 7 days prior to randomization.\n"
            "  - Note: if written documentation of the result is not available at enrollment, the subject may be\n"
            "    enrolled but the PCR should be repeated at the time of enrollment.\n  - Age 18 or over\n")
    rec = structure.extract_text(text).to_dict()
    assert [c["text"] for c in rec["criteria"]] == [
        "PCR positive in a sample collected < 7 days prior to randomization.", "Age 18 or over"]
    [note] = rec["criteria"][0]["notes"]
    assert note["text"].startswith("Note: if written") and note["text"].endswith("time of enrollment.")


def test_a_line_opening_with_a_note_word_inside_a_criterion_stays_its_text(structure):
    text = ("Inclusion Criteria:\n  - Adequate organ function; see the note\n    below for the values\n"
            "  - Age 18 or over\n")
    rec = structure.extract_text(text).to_dict()
    assert [" ".join(c["text"].split()) for c in rec["criteria"]] == [
        "Adequate organ function; see the note below for the values", "Age 18 or over"]


def test_a_remark_is_a_note(structure):
    # "Remarks:" as "Note:" (models/sections.json "notes"), also as the sentence after a numbered
    # item that a whole sentence at its column would otherwise join
    text = ("Inclusion criteria:\n(4) NCP group in acute exacerbation period\nRemarks: \"Judgment criteria\"\n"
            "1) Aged 50 years or older;\n2) Imaging findings consistent with NCP progression.\n"
            "Remarks: (1) If 9 or more of the above items are met, they are judged severe.\n")
    rec = structure.extract_text(text).to_dict()
    assert [(c["text"], [n["text"] for n in c.get("notes", [])]) for c in rec["criteria"]] == [
        ("NCP group in acute exacerbation period", ["Remarks: \"Judgment criteria\""]),
        ("Aged 50 years or older;", []),
        ("Imaging findings consistent with NCP progression.",
         ["Remarks: (1) If 9 or more of the above items are met, they are judged severe."])]
