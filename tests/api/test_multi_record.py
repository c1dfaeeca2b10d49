"""A bad record inside a multi-record file is its own error record; its neighbours still come out."""
from __future__ import annotations

import json

GOOD = {"protocolSection": {
    "identificationModule": {"nctId": "NCT01234567", "briefTitle": "A trial"},
    "eligibilityModule": {"eligibilityCriteria": "Inclusion Criteria:\n\n* Age ≥ 18\n\nExclusion Criteria:\n\n* Pregnancy"}}}
BAD = {"protocolSection": {
    "identificationModule": {"nctId": "NCT07654321", "briefTitle": ["not", "a", "string"]},
    "eligibilityModule": {"eligibilityCriteria": {"not": "text"}}}}


def test_bad_record_in_v2_array_is_isolated(engine):
    records = engine.records("studies.json", data=json.dumps([GOOD, BAD, GOOD]).encode())
    assert len(records) == 3
    assert [r["document"]["source"]["record"] for r in (records[0], records[2])] == ["/0", "/2"]
    err = records[1]["error"]
    assert err["record"] == "/1" and err["path"] == "studies.json" and err["code"] == "unsupported-shape"
    assert {c["kind"] for c in records[0]["criteria"]} == {"inclusion", "exclusion"}


def test_bad_row_in_csv_is_isolated(engine):
    header = "TrialID,Public_title,Inclusion_Criteria,Exclusion_Criteria\n"
    rows = 'X-1,First,"Age >= 18",Pregnancy\nX-2,Second,"Age >= 21",None\n'
    records = engine.records("export.csv", data=(header + rows).encode())
    assert [r["document"]["source"]["record"] for r in records] == ["row 1", "row 2"]

