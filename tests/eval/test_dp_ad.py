"""The Decomposition-and-Parsing corpus (extractor/eval/dp_ad.py) and the spreadsheet reader it
uses (extractor/eval/xlsx.py): a workbook written here, its criteria and gold constraints, the
record's constraints as bounds, the scoring; and the shared corpus, where present."""
from __future__ import annotations

import zipfile

import pytest

from extractor.eval import dp_ad
from extractor.eval.corpora import CorpusMissing
from extractor.eval.predict import Predictor
from extractor.eval.xlsx import rows

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
HEAD = ["ID", "Inculsion/Exclusion", "Original Content", "Decomposed number", "Decomposed content", "Logic relation",
        "Uncomputable", "Main entity type", "Modifier", "Negation", "Main entity content", "Constraint type",
        "Constraint detail"]


def workbook(path, table: list[list[str | None]]):
    """An .xlsx of `table` (rows of cells, None empty): strings shared, except the numbers of
    column D written as numbers and the cells of column E written inline."""
    shared: list[str] = []
    out = []
    for r, cells in enumerate(table, 1):
        xml = []
        for c, value in enumerate(cells):
            if value is None:
                continue
            ref = f"{chr(65 + c)}{r}"
            if c == 3 and value.isdigit():
                xml.append(f'<c r="{ref}"><v>{value}</v></c>')
            elif c == 4:
                xml.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
            else:
                shared.append(value)
                xml.append(f'<c r="{ref}" t="s"><v>{len(shared) - 1}</v></c>')
        out.append(f'<row r="{r}">{"".join(xml)}</row>')
    items = "".join(f"<si><t>{s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</t></si>"
                    for s in shared)
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("xl/sharedStrings.xml", f"<sst {NS}>{items}</sst>")
        book.writestr("xl/worksheets/sheet1.xml", f'<worksheet {NS}><sheetData>{"".join(out)}</sheetData></worksheet>')
    return path


def row(trial=None, flag=None, text=None, number="1", content="x", negation=None, kind=None, detail=None):
    return [trial, flag, text, number, content, None, None, None, None, negation, None, kind, detail]


def test_the_sheet_reader_gives_every_kind_of_cell(tmp_path):
    path = workbook(tmp_path / "a.xlsx", [HEAD, row("NCT1", "1", "Age 50 or more", "1", "inline text")])
    table = rows(path)
    assert table[0]["C"] == "Original Content" and table[0]["M"] == "Constraint detail"
    assert table[1] == {"A": "NCT1", "B": "1", "C": "Age 50 or more", "D": "1", "E": "inline text"}
    with pytest.raises(ValueError, match="no sheet 2"):
        rows(path, sheet=2)


def test_criteria_and_their_gold(tmp_path):
    path = workbook(tmp_path / "a.xlsx", [
        HEAD,
        row("NCT1", "1", "Men or Women 50 years old or more.", kind="age", detail=">=50 years"),
        row("NCT1", "1", "10<=MMSE score<=26", kind="value||value", detail=">=10||<=26"),
        row("NCT1", "0", "Stable doses for at least 3 months of memantine or vitamin E", kind="duration time",
            detail=">=3 months"),
        row(number="2", kind="duration time", detail=">=3 months"),   # the same constraint again
        row("NCT2", "0", "T3 Abnormal; diastolic blood pressure > 95 mmHg", kind="value", detail="abnormal"),
        row(number="2", kind="value", detail=">90 mmHg"),            # a number the text does not hold
        row(number="3", kind="gender", detail="Male"),
        row("NCT2", "1", "Patients who do not have an HbA1c of > 8.0%", negation="1", kind="value", detail="<=8%"),
    ])
    crits = dp_ad.criteria("all", path)
    assert [c["id"] for c in crits] == ["NCT1-1", "NCT1-2", "NCT1-3", "NCT2-1", "NCT2-2"]
    assert [c["inclusion"] for c in crits] == [True, True, False, False, True]
    age, mmse, stable, bp, hba1c = (c["gold"] for c in crits)
    assert [(b.comparator, b.value, b.unit, b.kind) for b in age] == [(">=", 50.0, "a", "value")]
    assert [(b.comparator, b.value) for b in mmse] == [(">=", 10.0), ("<=", 26.0)]
    assert [(b.comparator, b.value, b.unit, b.kind) for b in stable] == [(">=", 3.0, "mo", "duration")]
    assert bp == [] and crits[3]["skipped"] == 1 and crits[3]["not_in_text"] == 1
    assert hba1c[0].negated and dp_ad.agrees(hba1c[0], dp_ad.Bound(">", 8.0, "%", "value"))
    assert not dp_ad.agrees(hba1c[0], dp_ad.Bound("<", 8.0, "%", "value"))
    assert not dp_ad.agrees(age[0], dp_ad.Bound(">=", 50.0, "mo", "value"))
    assert dp_ad.agrees(mmse[0], dp_ad.Bound(">=", 10.0, None, "value"))
    with pytest.raises(ValueError, match="column C"):
        dp_ad.criteria("all", workbook(tmp_path / "b.xlsx", [HEAD[:2] + ["Text"] + HEAD[3:]]))


def test_the_records_bounds():
    record = {"criteria": [{"constraints": [
        {"type": "value", "comparator": "between", "low": 40, "high": 90, "unit": {"ucum": "a"}, "text": "40 to 90 years"},
        {"type": "duration", "comparator": ">=", "value": 3, "unit": {"ucum": "mo"}, "text": "at least 3 months"},
        {"type": "value", "comparator": "in", "value": [0, 1], "unit": None, "text": "0 or 1"},
        {"type": "value", "comparator": "=", "value": "II", "unit": None, "text": "grade II"}],
        "notes": [{"constraints": [{"type": "time", "comparator": "<=", "value": 5, "unit": {"ucum": "a"},
                                    "text": "within 5 years"}]}]}]}
    assert [(b.comparator, b.value, b.unit, b.kind) for b in dp_ad.predicted(record)] == [
        (">=", 40.0, "a", "value"), ("<=", 90.0, "a", "value"), (">=", 3.0, "mo", "duration"),
        ("=", 0.0, None, "value"), ("=", 1.0, None, "value"), ("<=", 5.0, "a", "time")]


def test_scoring_pairs_numbers_then_comparators(tmp_path, monkeypatch):
    path = workbook(tmp_path / "a.xlsx", [
        HEAD, row("NCT1", "1", "Age range >= 50 years and MMSE < 10", kind="age||value", detail=">=50 years||<10")])
    original = dp_ad.criteria
    monkeypatch.setattr(dp_ad, "criteria", lambda split: original("all", path))
    record = {"criteria": [{"constraints": [
        {"type": "value", "comparator": ">=", "value": 50, "unit": {"ucum": "a"}, "text": ">= 50 years"},
        {"type": "value", "comparator": "<=", "value": 10, "unit": None, "text": "< 10"},
        {"type": "value", "comparator": "=", "value": 7, "unit": None, "text": "7"}]}]}
    result = dp_ad.evaluate("all", True, Predictor(lambda text: record))
    assert result["fields"]["constraint.detection"]["tp"] == 2 and result["fields"]["constraint.detection"]["fp"] == 1
    assert (result["fields"]["constraint.strict"]["tp"], result["fields"]["constraint.strict"]["fn"]) == (1, 1)
    assert {e["error"] for e in result["errors"]} == {"mismatch", "false-alarm"}


def test_the_shared_corpus():
    try:
        dp_ad.check_available()
    except CorpusMissing as exc:
        pytest.skip(str(exc))
    crits = dp_ad.criteria("all")
    assert len(crits) == 81 and len({c["trial"] for c in crits}) == 5
    assert len(dp_ad.criteria("dev")) + len(dp_ad.criteria("test")) == 81
    assert sum(len(c["gold"]) for c in crits) > 40
