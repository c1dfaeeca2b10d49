"""Circe export: each file parses back into one inclusion rule per top-level criterion and the
concept sets its criteria use (every set referenced, every reference a set); ids are integers;
× ULN is RangeHighRatio; exclusions are occurrence count 0; windows count days from the index."""
from __future__ import annotations

import json

import pytest

from extractor.export import cohort_expression, export_circe
from extractor.export.circe import negate
from extractor.export.records import UniqueIds, top_level

from .conftest import by_document, record, value

INTEGER_KEYS = {"id", "CodesetId", "Days", "Coeff", "Count", "Type"}


def _walk(node, key=None):
    if isinstance(node, dict):
        for k, v in node.items():
            yield k, v, node
            yield from _walk(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v, key)


def _criteria(expression: dict, domain: str) -> list[dict]:
    return [v for k, v, _ in _walk(expression["InclusionRules"]) if k == domain]


def _check_parsed(rec: dict, parsed: dict) -> None:
    assert len(parsed["InclusionRules"]) == len(top_level(rec))
    ids = [cs["id"] for cs in parsed["ConceptSets"]]
    assert ids == list(range(len(ids)))
    used = {v for k, v, _ in _walk(parsed) if k == "CodesetId"}
    assert used == set(ids), "every concept set is used and every CodesetId names one"
    for key, val, parent in _walk(parsed):
        if key in INTEGER_KEYS and not (key == "Type" and isinstance(val, str)):
            assert isinstance(val, int) and not isinstance(val, bool), (key, val)
        if key == "Op":
            assert val in {"gt", "gte", "lt", "lte", "eq", "bt"}
            assert ("Extent" in parent) == (val == "bt")
        if key == "Occurrence":
            assert val in ({"Type": 2, "Count": 1}, {"Type": 0, "Count": 0})
        if key == "Type" and isinstance(val, str) and "CriteriaList" in parent:
            assert val in {"ALL", "ANY", "AT_LEAST", "AT_MOST"}
            assert ("Count" in parent) == (val in {"AT_LEAST", "AT_MOST"})
    for cs in parsed["ConceptSets"]:
        for item in cs["expression"]["items"]:
            assert item["concept"]["CONCEPT_ID"] is None and item["concept"]["VOCABULARY_ID"] == "LOINC"


def test_export_parses_back_with_the_same_rules_and_sets(seed_records, corpus_records, tmp_path):
    records = seed_records + corpus_records
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    report = export_circe(str(src), tmp_path / "circe")
    assert report.documents == report.written == len(records)
    ids = UniqueIds()
    for rec in records:
        path = tmp_path / "circe" / f"{ids(rec['document']['id'])}.json"
        parsed = json.loads(path.read_text(encoding="utf-8"))
        expected, _ = cohort_expression(rec)
        assert len(parsed["ConceptSets"]) == len(expected["ConceptSets"])
        _check_parsed(rec, parsed)
    again = tmp_path / "again"
    export_circe(str(src), again)
    assert all(p.read_bytes() == (again / p.name).read_bytes() for p in (tmp_path / "circe").iterdir())


def test_uln_exclusion_nesting_and_windows(seed_records):
    page = by_document(seed_records, "hospital_trial_page")
    expression, _ = cohort_expression(page)
    rules = {r["name"].split()[0]: r["expression"] for r in expression["InclusionRules"]}
    sets = {cs["id"]: cs for cs in expression["ConceptSets"]}
    # Total bilirubin ≤ 1.5 x ULN
    [bilirubin] = _criteria({"InclusionRules": [rules["c4"]]}, "Measurement")
    assert bilirubin["RangeHighRatio"] == {"Value": 1.5, "Op": "lte"} and "ValueAsNumber" not in bilirubin
    assert sets[bilirubin["CodesetId"]]["expression"]["items"][0]["concept"]["CONCEPT_CODE"] == "1975-2"
    # ANC ≥ 1,000/mm^3: the number with its UCUM unit
    [anc] = _criteria({"InclusionRules": [rules["c2"]]}, "Measurement")
    assert anc["ValueAsNumber"] == {"Value": 1000, "Op": "gte"}
    assert anc["Unit"][0]["CONCEPT_CODE"] == "/mm3" and anc["Unit"][0]["CONCEPT_ID"] is None
    # age is a demographic criterion in years
    assert rules["c1"]["DemographicCriteriaList"] == [{"Age": {"Value": 18, "Op": "gte"}}]
    # one of the following -> ANY; at least two of the following -> AT_LEAST 2
    assert rules["c6"]["Type"] == "ANY" and len(rules["c6"]["Groups"]) == 3
    at_least = rules["c10"]["Groups"][1]
    assert at_least["Type"] == "AT_LEAST" and at_least["Count"] == 2
    # exclusion "Any of the following:" -> none of them (AT_MOST 0)
    assert rules["c17"]["Type"] == "AT_MOST" and rules["c17"]["Count"] == 0
    # "Myocardial infarction within 6 months prior to registration": 180 days before the index
    [mi] = [c for g in rules["c17"]["Groups"] if g["Groups"] == [] for c in g["CriteriaList"]][:1]
    assert mi["StartWindow"]["Start"] == {"Days": 180, "Coeff": -1}
    assert mi["StartWindow"]["End"] == {"Days": 0, "Coeff": 1}
    # a top-level exclusion with one criterion: occurrence exactly 0
    hiv = rules["c22"]
    assert hiv["CriteriaList"][0]["Occurrence"] == {"Type": 0, "Count": 0}


@pytest.mark.parametrize("constraint, expected", [
    (value(">", value=5), {"Value": 5, "Op": "gt"}),
    (value(">=", value=5), {"Value": 5, "Op": "gte"}),
    (value("<", value=5), {"Value": 5, "Op": "lt"}),
    (value("<=", value=5), {"Value": 5, "Op": "lte"}),
    (value("=", value=5), {"Value": 5, "Op": "eq"}),
    (value("between", low=2, high=3), {"Value": 2, "Op": "bt", "Extent": 3}),
    (value("between", low=3, high=2), {"Value": 2, "Op": "bt", "Extent": 3}),
])
def test_ops(constraint, expected):
    subject = {"text": "INR", "span": [0, 3], "concept": {"system": "http://loinc.org", "code": "6301-6"}}
    expression, _ = cohort_expression(record({"id": "c1", "text": "INR", "constraints": [{**constraint, "subject": subject}]}))
    [measurement] = _criteria(expression, "Measurement")
    assert measurement["ValueAsNumber"] == expected


def _time(comparator: str, unit: str, direction, **numbers) -> dict:
    return {**value(comparator, None, {"text": unit, "ucum": unit}, **numbers), "type": "time",
            "direction": direction, "event": None}


@pytest.mark.parametrize("constraint, start, end", [
    (_time("<=", "wk", "before", value=4), {"Days": 28, "Coeff": -1}, {"Days": 0, "Coeff": 1}),
    (_time(">=", "wk", "before", value=4), {"Coeff": -1}, {"Days": 28, "Coeff": -1}),
    (_time(">", "d", "before", value=30), {"Coeff": -1}, {"Days": 31, "Coeff": -1}),
    (_time("<=", "d", "after", value=30), {"Days": 0, "Coeff": 1}, {"Days": 30, "Coeff": 1}),
    (_time("<=", "h", None, value=72), {"Days": 3, "Coeff": -1}, {"Days": 3, "Coeff": 1}),
    (_time("between", "mo", "before", low=1, high=2), {"Days": 60, "Coeff": -1}, {"Days": 30, "Coeff": -1}),
])
def test_windows(constraint, start, end):
    expression, _ = cohort_expression(record({"id": "c1", "text": "prior chemotherapy", "constraints": [constraint]}))
    [criterion] = [v for k, v, _ in _walk(expression["InclusionRules"]) if k == "CriteriaList" and v][0]
    assert criterion["Criteria"] == {"Observation": {"CodesetId": 0}}
    assert criterion["StartWindow"]["Start"] == start and criterion["StartWindow"]["End"] == end
    assert expression["ConceptSets"][0]["name"] == "prior chemotherapy"


@pytest.mark.parametrize("comparator, number, unit, rules, start, occurrence", [
    # "at least 4 weeks since prior chemotherapy": none in the last 27 days, none required before
    (">=", 4, "wk", ["rel.since"], {"Days": 27, "Coeff": -1}, {"Type": 0, "Count": 0}),
    (">", 30, "d", ["rel.elapsed_since"], {"Days": 30, "Coeff": -1}, {"Type": 0, "Count": 0}),
    # "Patients must be at least 4 weeks from major surgery": the same washout
    (">=", 4, "wk", ["rel.from", "rel.from.state", "rel.history.since"], {"Days": 27, "Coeff": -1},
     {"Type": 0, "Count": 0}),
    # not a time since: "diagnosed at least 6 months before" asks for the diagnosis
    (">=", 6, "mo", ["rel.before"], {"Coeff": -1}, {"Type": 2, "Count": 1}),
    # an upper bound is a window the subject lies in, whatever the wording
    ("<=", 4, "wk", ["rel.since"], {"Days": 28, "Coeff": -1}, {"Type": 2, "Count": 1}),
])
def test_a_time_since_with_a_lower_bound_is_a_washout(comparator, number, unit, rules, start, occurrence):
    constraint = {**_time(comparator, unit, "before", value=number), "rules": rules}
    expression, _ = cohort_expression(record({"id": "c1", "text": "prior chemotherapy", "constraints": [constraint]}))
    [criterion] = [v for k, v, _ in _walk(expression["InclusionRules"]) if k == "CriteriaList" and v][0]
    assert criterion["StartWindow"]["Start"] == start
    assert criterion["Occurrence"] == occurrence
    if occurrence["Count"] == 0:
        assert criterion["StartWindow"]["End"] == {"Days": 0, "Coeff": 1}
    # named to leave people out ("Interval > 72 hours since start of ventilation"), the time since
    # is the subject's own: the window it lies in, which the exclusion negates
    excluded, _ = cohort_expression(record({"id": "c1", "text": "prior chemotherapy", "kind": "exclusion",
                                            "constraints": [constraint]}))
    [found] = [v for k, v, _ in _walk(excluded["InclusionRules"]) if k == "CriteriaList" and v][0]
    assert found["Occurrence"] == {"Type": 0, "Count": 0}
    assert found["StartWindow"]["Start"] == (start if occurrence["Count"] else {"Coeff": -1})


def test_negation_of_groups():
    crit = {"Criteria": {}, "StartWindow": {}, "Occurrence": {"Type": 2, "Count": 1}}
    one = {"Type": "ALL", "CriteriaList": [crit], "DemographicCriteriaList": [], "Groups": []}
    assert negate(one)["CriteriaList"][0]["Occurrence"] == {"Type": 0, "Count": 0}
    assert negate(negate(one))["CriteriaList"][0]["Occurrence"] == {"Type": 2, "Count": 1}
    both = {**one, "CriteriaList": [crit, crit]}
    assert (negate(both)["Type"], negate(both)["Count"]) == ("AT_MOST", 1)
    either = {**both, "Type": "ANY"}
    assert (negate(either)["Type"], negate(either)["Count"]) == ("AT_MOST", 0)
    three = {"Type": "AT_LEAST", "Count": 2, "CriteriaList": [crit] * 3, "DemographicCriteriaList": [], "Groups": []}
    assert (negate(three)["Type"], negate(three)["Count"]) == ("AT_MOST", 1)


def test_duration_and_baseline_warn():
    weeks = {"text": "weeks", "ucum": "wk"}
    creatinine = {"text": "creatinine", "span": [0, 10], "concept": {"system": "http://loinc.org", "code": "2160-0"}}
    rec = record(
        {"id": "c1", "text": "symptoms lasting > 2 weeks", "constraints": [
            {**value(">", None, weeks, value=2), "type": "duration", "direction": None, "event": None}]},
        {"id": "c2", "text": "creatinine 3 times baseline", "constraints": [
            {**value("=", creatinine, None, value=3), "reference": "baseline"}]})
    expression, warnings = cohort_expression(rec)
    assert any(w.startswith("T1 c1: duration") for w in warnings)
    assert any(w.startswith("T1 c2: a threshold relative to baseline") for w in warnings)
    [measurement] = _criteria(expression, "Measurement")
    assert measurement == {"CodesetId": 1}
    _check_parsed(rec, json.loads(json.dumps(expression)))
