"""`extractor validate`: the schema and the span checks, with messages that name the field."""
from __future__ import annotations

import copy
import json

from extractor.cli import main
from extractor.validate import problems

DOC = "Inclusion Criteria:\n- Hemoglobin ≥ 9 g/dL\n"


def _record(engine):
    return engine.extract_text(DOC).to_dict()


def test_good_record_has_no_problems(engine):
    assert problems(_record(engine)) == []


def test_wrong_span_is_reported(engine):
    rec = copy.deepcopy(_record(engine))
    rec["criteria"][0]["span"][0] += 1
    found = problems(rec)
    assert found and "criteria[0].span" in found[0]


def test_missing_field_is_named(engine):
    rec = copy.deepcopy(_record(engine))
    del rec["criteria"][0]["kind"]
    found = problems(rec)
    assert any("criteria[0]" in p and "'kind'" in p and "missing" in p for p in found)


def test_error_record_shape():
    good = {"schema_version": "1", "error": {"path": "a.xml", "record": None, "code": "malformed-xml",
                                             "message": "line 3: bad"}}
    assert problems(good) == []
    bad = copy.deepcopy(good)
    del bad["error"]["code"]
    assert any("code" in p for p in problems(bad))


def test_validate_command_exit_status(engine, tmp_path, capsys):
    rec = _record(engine)
    broken = copy.deepcopy(rec)
    broken["criteria"][0]["text"] = "something else"
    ok = tmp_path / "ok.jsonl"
    ok.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(rec) + "\n" + json.dumps(broken) + "\n", encoding="utf-8")
    assert main(["validate", str(ok)]) == 0
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "line 2: criteria[0].span" in out and "2 records, 1 invalid" in out
