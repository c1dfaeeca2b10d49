"""Table export: one row per constraint plus one per criterion without one; CSV and Parquet
hold the same rows; both are byte-identical run to run."""
from __future__ import annotations

import io
import json

import pytest

from extractor.export import COLUMNS, rows, write_table
from extractor.export.cli import main
from extractor.export.table import read_csv, write_csv

from .conftest import by_document


def _expected_rows(records: list[dict]) -> int:
    # a criterion's own constraints and its notes', or one row for a criterion with none
    return sum(len(c["constraints"]) + sum(len(n.get("constraints", ())) for n in c.get("notes", ())) or 1
               for r in records for c in r["criteria"])


def test_rows_are_constraints_plus_criteria_without_one(seed_records, corpus_records):
    records = seed_records + corpus_records
    assert sum(1 for r in records for _ in rows(r)) == _expected_rows(records)
    for r in records[:50]:
        for row in rows(r):
            assert list(row) == [name for name, _ in COLUMNS]


def test_row_fields(seed_records):
    page = by_document(seed_records, "hospital_trial_page")
    text = page["document"]["text"]
    table = list(rows(page, line=7))
    bilirubin = next(r for r in table if r["criterion_id"] == "c4")
    assert bilirubin["line"] == 7 and bilirubin["subject_code"] == "1975-2"
    assert (bilirubin["comparator"], bilirubin["value"], bilirubin["reference"]) == ("<=", 1.5, "ULN")
    assert text[bilirubin["constraint_start"]:bilirubin["constraint_end"]] == bilirubin["constraint_text"]
    assert json.loads(bilirubin["rules"]) and bilirubin["negated"] is False
    ecog = next(r for r in table if r["comparator"] == "in")
    assert json.loads(ecog["values"]) == [0, 1, 2]
    mi = next(r for r in table if r["criterion_id"] == "c18")
    assert (mi["type"], mi["direction"], mi["event_name"], mi["normalized_duration"]) == ("time", "before", "registration", "P6M")
    header = next(r for r in table if r["criterion_id"] == "c17")
    assert header["constraint_index"] is None and header["logic"] == "any" and header["type"] is None
    child = next(r for r in table if r["criterion_id"] == "c19")
    assert child["parent"] == "c17" and child["kind"] == "exclusion"


def _source(records: list[dict], tmp_path) -> str:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return str(src)


def test_csv_and_parquet_hold_the_same_rows(seed_records, corpus_records, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet", reason="the `parquet` extra is not installed")
    records = seed_records + corpus_records
    src = _source(records, tmp_path)
    csv_report = write_table(src, tmp_path / "rows.csv")
    pq_report = write_table(src, tmp_path / "rows.parquet")
    assert csv_report.written == pq_report.written == _expected_rows(records)
    with open(tmp_path / "rows.csv", encoding="utf-8", newline="") as fh:
        from_csv = list(read_csv(fh))
    from_parquet = pq.read_table(tmp_path / "rows.parquet").to_pylist()
    assert from_csv == from_parquet
    expected = [row for i, r in enumerate(records, start=1) for row in rows(r, i)]
    assert from_parquet == expected
    write_table(src, tmp_path / "again.parquet")
    write_table(src, tmp_path / "again.csv")
    assert (tmp_path / "again.parquet").read_bytes() == (tmp_path / "rows.parquet").read_bytes()
    assert (tmp_path / "again.csv").read_bytes() == (tmp_path / "rows.csv").read_bytes()


def test_csv_round_trip_without_pyarrow(seed_records):
    buffer = io.StringIO()
    table = [row for r in seed_records for row in rows(r)]
    assert write_csv(iter(table), buffer) == len(table)
    buffer.seek(0)
    assert list(read_csv(buffer)) == table


def test_cli(seed_records, tmp_path, capsys):
    src = _source(seed_records, tmp_path)
    assert main(["table", src, "-o", str(tmp_path / "t.csv")]) == 0
    assert f"{len(seed_records)} documents" in capsys.readouterr().err
    assert main(["table", src, "-o", str(tmp_path / "t.txt")]) == 2
    assert "written as .csv or .parquet" in capsys.readouterr().err
    assert main(["table", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "t.csv")]) == 2


def test_a_record_that_breaks_the_contract_names_its_line(seed_records, tmp_path, capsys):
    broken = json.loads(json.dumps(by_document(seed_records, "hospital_trial_page")))
    broken["criteria"][0] = "c1"   # a criterion that is not an object
    src = _source([seed_records[0], broken], tmp_path)
    for argv in (["table", src, "-o", str(tmp_path / "t.csv")],
                 ["export", "circe", src, "-o", str(tmp_path / "c")],
                 ["export", "fhir", src, "-o", str(tmp_path / "f")]):
        assert main(argv) == 2
        assert "line 2: not a record of the contract (" in capsys.readouterr().err
