"""Trial tables in CSV or TSV other than the ICTRP export (extractor/ingest/csv_table.py,
models/table_columns.json), and JSON of flat trial objects (json_table.py): one document per row, or a clear refusal where the table has no
eligibility column; never one text that gives every row to the first row's trial."""
from __future__ import annotations

import copy
import json

import pytest

from extractor.api import Extractor, Options
from extractor.errors import RuleFileError
from extractor.ingest import read_source
from extractor.ingest.sniff import sniff
from extractor.normalize.resources import load, validate

from .conftest import need

TABLE = (
    '#nct_id,title,phase,gender,minimum_age,eligibility_criteria\n'
    'NCT00000001,"First trial",Phase 2,All,18 Years,"\n  Inclusion Criteria:\n\n  -  age > 18 years\n\n'
    '  Exclusion Criteria:\n\n  -  creatinine > 1.5 mg/dL\n"\n'
    ',,,,,\n'
    'NCT00000002,"Second trial",Phase 3,Female,,"Inclusion Criteria:<br>- Hb >= 9 g/dL<br>'
    'Exclusion Criteria:<br>- pregnancy"\n'
    '#nct_id,title,phase,gender,minimum_age,eligibility_criteria\n'
    'NCT00000003,"Third trial",,,,"ECOG 0-2"\n'
)


def _records(tmp_path, name: str, content: str) -> list[dict]:
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    return list(Extractor(Options(entities=False)).extract_many([str(p)]))


def test_one_document_per_row_with_its_own_id_sections_and_facts(tmp_path):
    recs = _records(tmp_path, "trials.csv", TABLE)
    assert [r["document"]["id"] for r in recs] == ["NCT00000001", "NCT00000002", "NCT00000003"]
    assert {r["document"]["source"]["format"] for r in recs} == {"csv-table"}
    # the blank row and the repeated header are no documents; row numbers still count them
    assert [r["document"]["source"]["record"] for r in recs] == ["row 1", "row 3", "row 5"]
    first, second, third = recs
    kinds = {c["text"]: c["kind"] for c in first["criteria"]}
    assert kinds["age > 18 years"] == "inclusion" and kinds["creatinine > 1.5 mg/dL"] == "exclusion"
    assert {c["text"]: c["kind"] for c in second["criteria"]} == {"Hb >= 9 g/dL": "inclusion",
                                                                    "pregnancy": "exclusion"}
    (ecog,) = [k for c in third["criteria"] for k in c["constraints"]]
    assert (ecog["text"], ecog["comparator"], ecog["low"], ecog["high"]) == ("0-2", "between", 0, 2)
    for r in recs:
        text = r["document"]["text"]
        for c in r["criteria"]:
            assert text[c["span"][0]:c["span"][1]] == c["text"]
            for k in c["constraints"]:
                assert text[k["span"][0]:k["span"][1]] == k["text"]
    loc = next(c for c in first["criteria"] if c["text"] == "age > 18 years")["locator"]
    assert loc["pointer"] == "/eligibility_criteria" and loc["row"] == 1
    cell = "\n  Inclusion Criteria:\n\n  -  age > 18 years\n\n  Exclusion Criteria:\n\n  -  creatinine > 1.5 mg/dL\n"
    assert cell[loc["start"]:loc["end"]] == "age > 18 years"
    study = first["study"]
    assert study["title"] == "First trial" and study["phase"] == ["PHASE2"] and study["sex"] == "all"
    assert study["minimum_age"]["value"] == 18
    assert second["study"]["sex"] == "female"


def test_inclusion_and_exclusion_columns_of_a_tsv(tmp_path):
    tsv = "Trial ID\tInclusion criteria\tExclusion criteria\nNCT00000004\tAdults aged 18 to 65 years\tALT > 3 x ULN\n"
    assert sniff(tsv.encode(), "x.tsv") == "csv-table"
    (rec,) = _records(tmp_path, "t.tsv", tsv)
    assert rec["document"]["id"] == "NCT00000004"
    assert {c["text"]: c["kind"] for c in rec["criteria"]} == {"Adults aged 18 to 65 years": "inclusion",
                                                              "ALT > 3 x ULN": "exclusion"}


def test_a_table_without_eligibility_text_is_refused_with_its_columns(tmp_path):
    content = '"Rank","NCT Number","Title","Phases"\n1,"NCT00000005","A trial","Phase 1"\n2,"NCT00000006","B","Phase 2"\n'
    (rec,) = _records(tmp_path, "SearchResults.csv", content)
    err = rec["error"]
    assert err["code"] == "unsupported-shape"
    assert "NCT Number" in err["message"] and "eligibility" in err["message"]


@pytest.mark.parametrize("data,name", [
    (b"Inclusion criteria: age, sex, weight and height\n- adults\n", "x.txt"),   # commas in prose
    (b"Inclusion criteria: age, sex, weight and height\n- adults\n", "x.csv"),   # no id column
    (b"Study ID, Title\nA, B\n", "notes.txt"),   # an id column, no criteria, not a table file
])
def test_text_that_is_no_trial_table_stays_text(data, name):
    assert sniff(data, name) == "text"


def test_the_rule_file_is_validated_and_a_name_names_one_field():
    data = copy.deepcopy(load("table_columns"))
    validate("table_columns", data)
    with pytest.raises(RuleFileError):
        validate("table_columns", {**data, "columns": {**data["columns"], "id": ["NCT ID"]}})  # letters only
    with pytest.raises(RuleFileError):
        validate("table_columns", {"delimiters": [","], "columns": {"id": ["nctid"]}})  # criteria required


def test_the_parser_corpus_table_gives_each_trial_its_own_record(corpora):
    path = need(corpora, "fb-clinical-trial-parser/data/input/clinical_trials.csv")
    sources = read_source(path.read_bytes(), str(path))
    ids = [s.doc_id for s in sources]
    assert len(ids) == 20 and len(set(ids)) == 20 and all(i.startswith("NCT") for i in ids)
    assert {s.format for s in sources} == {"csv-table"}


# JSON that no registry reader knows, read as the same rows (extractor/ingest/json_table.py)

ROWS = [{"nct_id": "NCT00000011", "brief_title": "Eleven", "enrollment": 40,
         "eligibility_criteria": "Inclusion Criteria:\n- age > 18 years\nExclusion Criteria:\n- ALT > 3 x ULN"},
        {"nct_id": "NCT00000012", "eligibility_criteria": "Inclusion Criteria:\n- ECOG 0-1", "conditions": ["x"]}]


def _check_spans(recs):
    for r in recs:
        text = r["document"]["text"]
        for c in r["criteria"]:
            assert text[c["span"][0]:c["span"][1]] == c["text"]


@pytest.mark.parametrize("doc, prefix", [(ROWS, ""), ({"studies": ROWS}, "/studies")])
def test_a_json_list_of_flat_trial_objects(tmp_path, doc, prefix):
    recs = _records(tmp_path, "export.json", json.dumps(doc))
    assert [r["document"]["id"] for r in recs] == ["NCT00000011", "NCT00000012"]
    assert [r["document"]["source"]["record"] for r in recs] == [f"{prefix}/0", f"{prefix}/1"]
    assert {r["document"]["source"]["format"] for r in recs} == {"json-table"}
    first = recs[0]
    assert {c["text"]: c["kind"] for c in first["criteria"]} == {"age > 18 years": "inclusion",
                                                                "ALT > 3 x ULN": "exclusion"}
    loc = first["criteria"][0]["locator"]
    assert loc["pointer"] == f"{prefix}/0/eligibility_criteria"
    assert ROWS[0]["eligibility_criteria"][loc["start"]:loc["end"]] == "age > 18 years"
    assert first["study"]["title"] == "Eleven" and first["study"]["enrollment"] == 40
    assert "conditions" not in recs[1]["study"]   # a list is no string or number: left out
    _check_spans(recs)


def test_json_lines_of_flat_trial_objects(tmp_path):
    content = "\n".join(json.dumps(r) for r in ROWS) + "\n\n"
    recs = _records(tmp_path, "export.jsonl", content)
    assert [(r["document"]["id"], r["document"]["source"]["record"]) for r in recs] == [
        ("NCT00000011", "row 1"), ("NCT00000012", "row 2")]
    loc = recs[1]["criteria"][0]["locator"]
    assert (loc["pointer"], loc["row"]) == ("/eligibility_criteria", 2)
    _check_spans(recs)


@pytest.mark.parametrize("content, code", [
    ('{"studies": [{"id": "NCT00000013", "criteria": "age > 18"}]}', "unsupported-shape"),  # "id" alone names no trial id
    ('{"a": 1}\n{"b": 2}\n', "malformed-json"),   # lines of objects that are no trials
])
def test_other_json_is_still_refused(tmp_path, content, code):
    (rec,) = _records(tmp_path, "x.json", content)
    assert rec["error"]["code"] == code


def test_a_pipe_delimited_eligibilities_table_in_a_txt_file(tmp_path):
    # the layout of a relational dump's eligibility table: a row id, the trial id, then the facts
    content = ('id|nct_id|gender|minimum_age|maximum_age|criteria\n'
               '1|NCT00000102|All|14 Years|35 Years|"\n  Inclusion Criteria:\n\n  -  ALT < 2 x ULN\n\n'
               '  Exclusion Criteria:\n\n  -  pregnancy\n"\n'
               '2|NCT00000104|Female|18 Years|N/A|"Inclusion Criteria: age >= 18 years"\n')
    recs = _records(tmp_path, "eligibilities.txt", content)
    assert [(r["document"]["id"], r["document"]["source"]["format"]) for r in recs] == [
        ("NCT00000102", "csv-table"), ("NCT00000104", "csv-table")]
    assert {c["text"]: c["kind"] for c in recs[0]["criteria"]} == {"ALT < 2 x ULN": "inclusion", "pregnancy": "exclusion"}
    assert recs[0]["study"]["maximum_age"]["value"] == 35 and recs[1]["study"]["sex"] == "female"
    assert recs[0]["criteria"][0]["locator"]["pointer"] == "/criteria"


# JSON Lines of registry records (extractor/ingest/registry_json.py)

def _v2_studies(corpora, k: int) -> list:
    path = need(corpora, "ctgov-api-v2-json/UserZetsu+dtx-analysis/data/ctg-studies.json")
    return json.loads(path.read_text(encoding="utf-8"))[:k]


def _same(rec: dict) -> tuple:
    return (rec["document"]["id"], rec["document"]["text"],
            [(c["text"], c["kind"], [(k["text"], k["comparator"]) for k in c["constraints"]]) for c in rec["criteria"]])


def test_json_lines_of_api_v2_studies_read_as_the_array_does(tmp_path, corpora):
    studies = _v2_studies(corpora, 3)
    as_array = _records(tmp_path, "a.json", json.dumps(studies))
    as_lines = _records(tmp_path, "a.jsonl", "\n".join(json.dumps(s) for s in studies) + "\n")
    assert [_same(r) for r in as_lines] == [_same(r) for r in as_array]
    assert [r["document"]["source"]["record"] for r in as_lines] == ["row 1", "row 2", "row 3"]
    for n, r in enumerate(as_lines, start=1):
        assert all(c["locator"]["row"] == n for c in r["criteria"])
        assert all(f["locator"]["row"] == n for f in r["study"]["facts"] if "pointer" in f["locator"])


def test_a_bad_line_costs_that_line_alone(tmp_path, corpora):
    good = [json.dumps(s) for s in _v2_studies(corpora, 2)]
    content = "\n".join([good[0], '{"protocolSection": {', '{"foo": 1}', good[1]]) + "\n"
    recs = _records(tmp_path, "b.jsonl", content)
    got = [(r["error"]["code"], r["error"]["record"]) if "error" in r else r["document"]["source"]["record"]
           for r in recs]
    assert got == ["row 1", ("malformed-json", "row 2"), ("unsupported-shape", "row 3"), "row 4"]
