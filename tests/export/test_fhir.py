"""FHIR export: R5 resources validate with fhir.resources and our checker (seeds, samples and a
corpus slice); nesting, exclusion and × ULN map as documented; the R4 form validates and lists
what it drops; the output is byte-identical run to run."""
from __future__ import annotations

import copy
import json

import pytest

from extractor.export import export_fhir, r4_group, r5_resources
from extractor.export.cli import main
from extractor.export.fhir_check import check, model_problems
from extractor.export.jsonout import dumps
from extractor.export.records import UniqueIds

from .conftest import by_document, record, value


def _r5_problems(records: list[dict]) -> list[str]:
    pytest.importorskip("fhir.resources", reason="the `fhir` extra is not installed")
    ids = UniqueIds()
    found = []
    for rec in records:
        for res in r5_resources(rec, ids(rec["document"]["id"])):
            found += check(res) + model_problems(res, "r5")
    return found


def test_seeds_and_samples_validate_as_r5(seed_records):
    assert _r5_problems(seed_records) == []


def test_corpus_records_validate_as_r5(corpus_records):
    assert len(corpus_records) >= 200
    assert _r5_problems(corpus_records) == []


def _characteristics(ev: dict) -> dict[str, dict]:
    """Every characteristic by linkId, at any depth."""
    found = {}

    def walk(chars):
        for c in chars:
            found[c["linkId"]] = c
            walk((c.get("definitionByCombination") or {}).get("characteristic") or [])
    walk(ev.get("characteristic") or [])
    return found


def test_nested_lists_map_to_combinations(seed_records):
    page = by_document(seed_records, "hospital_trial_page")
    chars = _characteristics(r5_resources(page, "p")[1])
    # "measurable disease defined by one of the following:" -> any-of its three sub-items
    one_of = chars["c6"]["definitionByCombination"]
    assert one_of["code"] == "any-of"
    assert [c["linkId"] for c in one_of["characteristic"]] == ["c7", "c8", "c9"]
    # "At least two of the following prior therapies:" -> at-least with threshold 2
    at_least = chars["c10.items"]["definitionByCombination"]
    assert at_least["code"] == "at-least" and at_least["threshold"] == 2
    assert [c["linkId"] for c in at_least["characteristic"]] == ["c11", "c12", "c13"]
    # exclusion "Any of the following:" -> one excluded any-of; its items are not excluded again
    excluded = chars["c17"]
    assert excluded["exclude"] is True
    assert excluded["definitionByCombination"]["code"] == "any-of"
    assert all("exclude" not in c for c in excluded["definitionByCombination"]["characteristic"])


def test_times_uln_stays_relative(seed_records):
    page = by_document(seed_records, "hospital_trial_page")
    bilirubin = _characteristics(r5_resources(page, "p")[1])["c4"]
    definition = bilirubin["definitionByTypeAndValue"]
    assert definition["type"]["coding"] == [{"system": "http://loinc.org", "code": "1975-2"}]
    assert definition["valueQuantity"] == {"value": 1.5, "comparator": "<=", "unit": "× ULN",
                                           "system": "http://unitsofmeasure.org", "code": "{ULN}"}
    assert definition["offset"]["coding"][0]["code"] == "UNL"


def test_seed_documents_nesting_and_uln(seed_records):
    seed = by_document(seed_records, "000_4a44413a1bbcd304")
    chars = _characteristics(r5_resources(seed, "s")[1])
    # "Diagnosis of multiple myeloma ... (one of the following)" and "High risk disease defined
    # by all of the following:"
    assert chars["c6"]["definitionByCombination"]["code"] == "any-of"
    assert chars["c10"]["definitionByCombination"]["code"] == "all-of"
    flc = chars["c12"]["definitionByCombination"]   # "FLC ratio < 0.26 or > 1.65": constraints_logic any
    assert flc["code"] == "any-of"
    assert [c["definitionByTypeAndValue"]["valueQuantity"] for c in flc["characteristic"]] == [
        {"value": 0.26, "comparator": "<"}, {"value": 1.65, "comparator": ">"}]
    assert chars["c25"]["exclude"] is True and chars["c25"]["definitionByCombination"]["code"] == "any-of"
    ast = chars["c4"]["definitionByTypeAndValue"]
    assert ast["valueQuantity"] == {"value": 3, "comparator": "<=", "unit": "× ULN",
                                    "system": "http://unitsofmeasure.org", "code": "{ULN}"}
    nct = by_document(seed_records, "NCT00635154")
    chars = _characteristics(r5_resources(nct, "n")[1])
    # an "any of" list nested inside a criterion's own sub-list
    assert chars["c1"]["definitionByCombination"]["characteristic"][0]["linkId"] == "c2"
    assert chars["c2"]["definitionByCombination"]["code"] == "any-of"
    assert chars["c11"]["definitionByTypeAndValue"]["valueQuantity"]["code"] == "{ULN}"
    # "No active malignancy within the past 5 years ...": negated, so excluded
    assert chars["c16"]["exclude"] is True


def test_time_window_and_criteria_without_constraints(seed_records):
    page = by_document(seed_records, "hospital_trial_page")
    chars = _characteristics(r5_resources(page, "p")[1])
    mi = chars["c18"]   # "Myocardial infarction within 6 months prior to registration"
    window = mi["timeFromEvent"][0]
    assert window["eventCodeableConcept"] == {"text": "registration"}
    assert window["quantity"]["value"] == 6 and window["quantity"]["code"] == "mo"
    assert window["note"] == [{"text": "direction: before"}]
    assert chars["c19"]["definitionCodeableConcept"] == {"text": "Uncontrolled hypertension"}


def test_shapes_of_hand_made_constraints():
    ecog = {"text": "ECOG", "span": [0, 4], "concept": {"system": "http://loinc.org", "code": "89247-1"}}
    years = {"text": "months", "ucum": "mo"}
    rec = record(
        {"id": "c1", "text": "ECOG 0, 1 or 2", "constraints": [value("in", ecog, values=[0, 1, 2])]},
        {"id": "c2", "text": "6 to <24 months", "constraints": [
            value("between", None, years, low=6, high=24, high_inclusive=False)]},
        {"id": "c3", "text": "No active infection", "negated": True},
        {"id": "c4", "text": "steroids for > 1 month", "constraints": [
            {**value(">", None, years, value=1), "type": "duration", "direction": None, "event": None}]},
        {"id": "c5", "text": "INR 2-3", "constraints": [value("between", None, None, low=3, high=2)]},
        {"id": "c6", "text": "AF lasting 1 to 2 weeks", "constraints": [
            {**value("between", None, {"text": "weeks", "ucum": "wk"}, low=1, high=2), "type": "duration"}]},
    )
    study, ev = r5_resources(rec, "t")
    assert check(ev) == [] and check(study) == []
    chars = _characteristics(ev)
    assert chars["c1"]["definitionByCombination"]["code"] == "any-of"
    assert [c["definitionByTypeAndValue"]["valueQuantity"] for c in
            chars["c1"]["definitionByCombination"]["characteristic"]] == [{"value": v} for v in (0, 1, 2)]
    strict = chars["c2"]["definitionByCombination"]
    assert strict["code"] == "all-of"
    assert [c["definitionByTypeAndValue"]["valueQuantity"]["comparator"] for c in strict["characteristic"]] == [">=", "<"]
    assert chars["c3"]["exclude"] is True and chars["c3"]["definitionCodeableConcept"]["text"] == "No active infection"
    assert chars["c4"]["durationQuantity"]["comparator"] == ">"
    assert chars["c5"]["definitionByTypeAndValue"]["valueRange"]["low"]["value"] == 2
    assert chars["c6"]["durationRange"]["high"] == {"value": 2, "unit": "weeks",
                                                     "system": "http://unitsofmeasure.org", "code": "wk"}
    pytest.importorskip("fhir.resources", reason="the `fhir` extra is not installed")
    assert model_problems(ev) == [] and model_problems(study) == []


def test_study_facts():
    rec = record(study={"identifiers": [{"system": "NCT", "value": "NCT00000001"},
                                        {"system": "other", "value": "X-1"}],
                        "title": "A  trial", "phase": ["PHASE1", "PHASE2"], "status": "RECRUITING",
                        "conditions": ["Myeloma"]})
    study, ev = r5_resources(rec, "t")
    assert study["identifier"] == [{"system": "https://clinicaltrials.gov", "value": "NCT00000001"},
                                   {"type": {"text": "other"}, "value": "X-1"}]
    assert study["title"] == "A trial"
    assert study["phase"]["coding"][0]["code"] == "phase-1-phase-2"
    assert study["progressStatus"][0]["state"]["coding"][0]["code"] == "recruiting"
    assert study["condition"] == [{"text": "Myeloma"}]
    assert study["recruitment"]["eligibility"]["reference"].startswith("urn:uuid:")
    assert check(study) == [] and check(ev) == []


@pytest.mark.parametrize("damage, expected", [
    (lambda c: c.update(definitionCodeableConcept={"text": "x"}), "2 definitions"),
    (lambda c: c["definitionByTypeAndValue"]["valueQuantity"].update(comparator="=="), "quantity-comparator"),
    (lambda c: c.update(linkId="c2"), "used twice"),
    (lambda c: c["definitionByTypeAndValue"]["type"]["coding"][0].update(code="ANC"), "not a LOINC code"),
    (lambda c: c["definitionByTypeAndValue"]["offset"]["coding"][0].update(code="ULN"), "characteristic-offset"),
])
def test_checker_finds_what_fhir_resources_lets_through(seed_records, damage, expected):
    ev = r5_resources(by_document(seed_records, "hospital_trial_page"), "p")[1]
    bad = copy.deepcopy(ev)
    target = next(c for c in bad["characteristic"] if c["linkId"] == "c4")   # bilirubin ≤ 1.5 × ULN
    damage(target)
    assert any(expected in p for p in check(bad)), check(bad)


def test_checker_on_combinations_and_codes():
    ev = {"resourceType": "EvidenceVariable", "id": "x", "status": "final", "characteristic": [
        {"linkId": "a", "definitionByCombination": {"code": "at-least", "characteristic": [
            {"linkId": "b", "definitionCodeableConcept": {"text": "y"}}]}},
        {"linkId": "c", "definitionByCombination": {"code": "one-of", "threshold": 2, "characteristic": []}},
        {"linkId": "d"}]}
    found = "\n".join(check(ev))
    for expected in ("publication-status", "needs a positive threshold", "'one-of' not in",
                     "no characteristic", "0 definitions"):
        assert expected in found
    study = {"resourceType": "ResearchStudy", "id": "s", "status": "active",
             "phase": {"coding": [{"system": "http://hl7.org/fhir/research-study-phase", "code": "phase-5"}]},
             "recruitment": {}}
    found = "\n".join(check(study))
    assert "'phase-5' is not a code" in found and "eligibility: no reference" in found


def test_r4_group_validates_and_lists_what_it_drops(seed_records):
    page = by_document(seed_records, "hospital_trial_page")
    group, dropped = r4_group(page, "p")
    assert check(group) == []
    codes = [c["code"].get("text") for c in group["characteristic"]]
    # the any-of list is kept as its text only, and says so
    assert "Relapsed multiple myeloma with measurable disease defined by one of the following:" in codes
    assert any(d.startswith("hospital_trial_page c6: any of 3 sub-items") for d in dropped)
    assert any(": time window " in d and "R4 Group has no relative time" in d for d in dropped)
    bilirubin = next(c for c in group["characteristic"] if c["code"].get("text") == "Total bilirubin")
    assert bilirubin["valueQuantity"]["code"] == "{ULN}" and bilirubin["exclude"] is False
    pytest.importorskip("fhir.resources", reason="the `fhir` extra is not installed")
    assert model_problems(group, "r4") == []


def test_r4_of_seeds_and_corpus_validates(seed_records, corpus_records):
    pytest.importorskip("fhir.resources", reason="the `fhir` extra is not installed")
    ids = UniqueIds()
    for rec in seed_records + corpus_records:
        group, _ = r4_group(rec, ids(rec["document"]["id"]))
        assert check(group) + model_problems(group, "r4") == []


def _write(records: list[dict], path) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_export_is_byte_identical_and_streams_a_bundle(seed_records, tmp_path):
    src = _write(seed_records + [{"schema_version": "1", "error": {"code": "empty-input"}}], tmp_path / "in.jsonl")
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    report = export_fhir(src, one)
    export_fhir(src, two)
    assert one.read_bytes() == two.read_bytes()
    assert report.documents == len(seed_records) and report.skipped_errors == 1 and not report.problems
    bundle = json.loads(one.read_text(encoding="utf-8"))
    assert bundle["type"] == "collection" and len(bundle["entry"]) == 2 * len(seed_records)
    urls = {e["fullUrl"] for e in bundle["entry"]}
    for entry in bundle["entry"]:
        if entry["resource"]["resourceType"] == "ResearchStudy":
            assert entry["resource"]["recruitment"]["eligibility"]["reference"] in urls
    d1, d2 = tmp_path / "d1", tmp_path / "d2"
    export_fhir(src, d1)
    export_fhir(src, d2)
    names = sorted(p.name for p in d1.iterdir())
    assert len(names) == len(seed_records)
    assert all((d1 / n).read_bytes() == (d2 / n).read_bytes() for n in names)


def test_empty_input_gives_a_bundle_without_entries(tmp_path):
    src = tmp_path / "empty.jsonl"
    src.write_text("", encoding="utf-8")
    export_fhir(str(src), tmp_path / "b.json")
    assert json.loads((tmp_path / "b.json").read_text()) == {"resourceType": "Bundle", "type": "collection"}


def test_cli_r4_warns_on_stderr(seed_records, tmp_path, capsys):
    src = _write(seed_records, tmp_path / "in.jsonl")
    assert main(["export", "fhir", src, "-o", str(tmp_path / "r4"), "--fhir-version", "r4"]) == 0
    err = capsys.readouterr().err
    assert "warning: dropped: hospital_trial_page c6: any of 3 sub-items" in err
    assert main(["export", "fhir", src]) == 2   # -o is required
    assert main(["export", "fhir", src, "-o", str(tmp_path / "x"), "--fhir-version", "r3"]) == 2


def test_dumps_is_stable():
    assert dumps({"b": 1, "a": "é"}) == '{\n  "b": 1,\n  "a": "é"\n}\n'
