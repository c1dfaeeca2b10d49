"""The WHO ICTRP XML export and FHIR ResearchStudy readers, checked against the same trials in
the registry's own format: ICTRP CSV rows written as ICTRP XML (element names as the export
publishes them), and ClinicalTrials.gov API v2 studies written as FHIR R4 and R5 ResearchStudy
(tests/ingest/fhir_writer.py). The XML or FHIR form must give the same criteria (texts and
kinds) as the original, and every copied stretch must point back into the generated file."""
from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path

import pytest
from lxml import etree

from extractor.errors import UnsupportedShape
from extractor.ingest import read_source, sniff_format
from extractor.ingest.mapped import normalize_source_piece

from ..conftest import checked_engine
from . import fhir_writer as fw
from .conftest import corpora_root
from .test_locate import _value

ICTRP_CSV = "ictrp-covid-export/data/manual_processing/eligibility_screen/eligible_trials/covid_all.csv"
# CSV column -> ICTRP XML element ("Export results to XML": <Trials_downloaded_from_ICTRP><Trial>...).
ICTRP_ELEMENTS = {
    "TrialID": "TrialID", "Public_title": "Public_title", "Scientific_title": "Scientific_title",
    "Primary_sponsor": "Primary_sponsor", "url": "web_address", "Recruitment_status": "Recruitment_Status",
    "Inclusion agemin": "Inclusion_agemin", "Inclusion agemax": "Inclusion_agemax",
    "Inclusion gender": "Inclusion_gender", "Target_size": "Target_size", "Study_type": "Study_type",
    "Phase": "Phase", "Countries": "Countries", "Inclusion Criteria": "Inclusion_Criteria",
    "Exclusion Criteria": "Exclusion_Criteria", "Conditions": "Condition", "Interventions": "Intervention",
    "Date_enrollment": "Date_enrollement",
}


def _criteria(record: dict) -> list[tuple[str, str]]:
    return [(c["text"], c["kind"]) for c in record.get("criteria", [])]


def _unlocated(study: dict) -> dict:
    """A study with its facts less their locators (which differ from file to file)."""
    return {**study, "facts": [{k: v for k, v in f.items() if k != "locator"} for f in study.get("facts", [])]}


def _csv_path() -> Path:
    p = corpora_root() / ICTRP_CSV
    if not p.exists():
        pytest.skip(f"{ICTRP_CSV} not found under {corpora_root()}")
    return p


def _ictrp_xml(rows: list[dict[str, str]]) -> bytes:
    root = etree.Element("Trials_downloaded_from_ICTRP")
    for row in rows:
        trial = etree.SubElement(root, "Trial")
        for column, element in ICTRP_ELEMENTS.items():
            etree.SubElement(trial, element).text = row[column]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _points_back(data: bytes, path: Path, sources) -> int:
    """Every character of every segment maps to the same character in the generated file."""
    checked = 0
    for src in sources:
        cache: dict = {}
        for seg in src.segments:
            value = _value(data, path, seg.locator, cache)
            for pos in range(seg.start, seg.end):
                piece = normalize_source_piece(value[seg.source_offset(pos):seg.source_offset(pos + 1)])
                ch = src.text[pos]
                assert piece == ch or ch.isspace() and not piece.strip(), (src.record, pos, ch, piece)
                checked += 1
    return checked


def test_ictrp_xml_gives_what_the_csv_gives(tmp_path):
    csv_path = _csv_path()
    rows = list(csv.DictReader(open(csv_path, encoding="utf-8", newline="")))
    data = _ictrp_xml(rows)
    xml_path = tmp_path / "ictrp-export.xml"
    xml_path.write_bytes(data)
    assert sniff_format(data, "export") == "xml"
    # Every trial: the same canonical text, structural hints and study facts as its CSV row, so
    # the stages after ingest see the same document.
    from_xml = read_source(data, str(xml_path))
    from_csv = read_source(csv_path.read_bytes(), str(csv_path))
    assert len(from_xml) == len(from_csv) == len(rows)
    for x, c in zip(from_xml, from_csv):
        assert x.format == "ictrp-xml" and x.record.startswith("/Trials_downloaded_from_ICTRP/Trial[")
        assert (x.doc_id, x.text, x.sections_hint, _unlocated(x.study), x.site) == \
            (c.doc_id, c.text, c.sections_hint, _unlocated(c.study), c.site)
        # The same facts, each located in its own file: XPath with offsets into the element.
        assert [f["locator"]["xpath"].startswith(x.record + "/") for f in x.study.get("facts", [])] == \
            [True] * len(x.study.get("facts", []))
    assert _points_back(data, xml_path, from_xml[::5]) > 10000
    # And through the whole pipeline, for the first trials of each registry.
    picked, seen = [], {}
    for i, row in enumerate(rows):
        if seen.get(row["Source_registry"], 0) < 3:
            seen[row["Source_registry"]] = seen.get(row["Source_registry"], 0) + 1
            picked.append(i)
    engine = checked_engine()
    got = engine.records_of([from_xml[i] for i in picked])
    want = engine.records_of([from_csv[i] for i in picked])
    assert len(seen) >= 12 and sum(bool(r["criteria"]) for r in got) > len(picked) // 2
    for x, c in zip(got, want):
        assert _criteria(x) == _criteria(c), x["document"]["id"]
        for crit in x["criteria"]:
            assert crit["locator"]["xpath"].startswith(x["document"]["source"]["record"] + "/")


def test_ictrp_xml_single_trial_and_repeated_elements():
    data = (b"<Trial><TrialID>ISRCTN12345678</TrialID><Public_title>T</Public_title>"
            b"<Secondary_ID>2020-001234-56</Secondary_ID><Secondary_ID>NCT01234567</Secondary_ID>"
            b"<Condition>Asthma</Condition><Condition>COPD</Condition>"
            b"<Inclusion_Criteria>Adults&lt;br&gt;Consent</Inclusion_Criteria>"
            b"<Exclusion_Criteria>Pregnancy</Exclusion_Criteria></Trial>")
    src = read_source(data, "one.xml")[0]
    assert src.format == "ictrp-xml" and src.doc_id == "ISRCTN12345678"
    assert src.study["conditions"] == ["Asthma", "COPD"]
    assert [i["system"] for i in src.study["identifiers"]] == ["ISRCTN", "EudraCT", "NCT"]
    assert [k for _, _, k in src.sections_hint] == ["inclusion", "exclusion"]


def test_other_xml_is_refused_with_its_root():
    with pytest.raises(UnsupportedShape, match="<ODM>"):
        read_source(b"<?xml version='1.0'?><ODM><x/></ODM>", "odm.xml")


# Studies the comparison always includes: an exclusion list that goes on under a second heading
# of its side ("Other exclusion criteria:").
_ALSO = ("NCT05921903",)


@lru_cache(maxsize=1)
def _studies() -> tuple[dict, ...]:
    folder = corpora_root() / "ctgov-api-v2-json"
    if not folder.is_dir():
        pytest.skip(f"ctgov-api-v2-json not found under {corpora_root()}")
    out = []
    for f in sorted(folder.rglob("ctg-studies*.json")):
        for s in json.loads(f.read_text(encoding="utf-8")):
            c = (s["protocolSection"].get("eligibilityModule") or {}).get("eligibilityCriteria")
            if c and fw.sides(c):
                out.append(s)
    also = [s for s in out[40:] if s["protocolSection"]["identificationModule"]["nctId"] in _ALSO]
    return tuple(out[:40] + also[:len(_ALSO)])


def _fhir_files(studies, how: str) -> dict[str, object]:
    """Each FHIR shape the reader takes, for the same studies."""
    r4_bundle = []
    for s in studies:
        study = fw.r4(s, how)
        group = study.pop("contained")[0]
        group["id"] = "g-" + study["id"]
        study["enrollment"] = [{"reference": f"urn:uuid:group-{group['id']}"}]
        r4_bundle += [study, group]
    r5_bundle, r5_single = [], []
    for s in studies:
        study, ev = fw.r5(s, how)
        r5_bundle += [study, ev]
        single = dict(study, contained=[ev], recruitment=dict(study["recruitment"], eligibility={"reference": "#" + ev["id"]}))
        r5_single.append(single)
    return {"r4-single": [fw.r4(s, how) for s in studies], "r4-bundle": fw.bundle(r4_bundle),
            "r5-bundle": fw.bundle(r5_bundle), "r5-single": r5_single}


@pytest.mark.parametrize("how", ["characteristic", "description"])
def test_fhir_gives_the_criteria_of_the_ctgov_record(tmp_path, how):
    studies = _studies()
    engine = checked_engine()
    native = engine.records("ctg.json", data=json.dumps(list(studies)).encode())
    want = {r["document"]["id"]: _criteria(r) for r in native}
    for shape, doc in _fhir_files(studies, how).items():
        docs = doc if isinstance(doc, list) else [doc]
        got: dict[str, list] = {}
        for i, d in enumerate(docs):
            data = json.dumps(d, ensure_ascii=False).encode()
            path = tmp_path / f"{shape}-{i}.json"
            path.write_bytes(data)
            for rec in engine.records(str(path), data=data):
                assert rec["document"]["source"]["format"] == f"fhir-{shape[:2]}-json"
                got[rec["document"]["id"]] = _criteria(rec)
                for crit in rec["criteria"]:
                    assert crit["locator"]["pointer"].startswith("/")
            assert _points_back(data, path, read_source(data, str(path))) > 0
        assert set(got) == set(want)
        differ = {k for k in want if got[k] != want[k]}
        assert not differ, (shape, sorted(differ)[:5])


def test_fhir_list_with_a_second_heading_of_its_side():
    """A study whose exclusion list opens with a sub-heading and goes on under a second exclusion
    heading ("Other exclusion criteria:"): as a FHIR characteristic (a structurally marked list)
    it gives the criteria the CT.gov text gives, none lost before the second heading."""
    criteria = ("Inclusion Criteria:\n\n* Adults\n\nExclusion Criteria:\n\nMedical conditions:\n\n"
                "* History of any reaction to the vaccine.\n* Bedridden participants.\n\n"
                "Other exclusion criteria:\n\n* Pregnant or lactating female participant.\n")
    study = {"protocolSection": {"identificationModule": {"nctId": "NCT00000001", "briefTitle": "A Study"},
                                 "statusModule": {"overallStatus": "RECRUITING"},
                                 "eligibilityModule": {"eligibilityCriteria": criteria}}}
    engine = checked_engine()
    want = _criteria(engine.records("ctg.json", data=json.dumps([study]).encode())[0])
    assert ("Bedridden participants.", "exclusion") in want
    for how in ("characteristic", "description"):
        for doc in (fw.r4(study, how), fw.bundle(list(fw.r5(study, how)))):
            rec = engine.records("fhir.json", data=json.dumps(doc).encode())[0]
            assert _criteria(rec) == want, how


def test_fhir_study_facts_r4_and_r5():
    study = next(s for s in _studies() if s["protocolSection"]["identificationModule"]["nctId"] == "NCT05838625")
    native = read_source(json.dumps(study).encode(), "one.json")[0].study
    r4 = read_source(json.dumps(fw.r4(study)).encode(), "r4.json")[0]
    rs, ev = fw.r5(study)
    r5 = read_source(json.dumps(fw.bundle([rs, ev])).encode(), "r5.json")[0]
    for src in (r4, r5):
        assert src.doc_id == "NCT05838625"
        for field in ("identifiers", "title", "phase", "status", "enrollment", "sex", "minimum_age",
                      "conditions", "interventions", "sponsor"):
            assert src.study.get(field) == native.get(field), (src.format, field)
    assert r4.study["enrollment_type"] == r5.study["enrollment_type"] == "planned"
    # Coded characteristics (sex, age) are facts, not criteria.
    assert all("gender" not in c and "age" not in c.split() for c in r4.text.lower().split("\n")[:2])


def test_fhir_r4_parties_sites_and_arms():
    doc = {"resourceType": "ResearchStudy", "id": "x", "title": "A Study", "status": "completed",
           "identifier": [{"system": "urn:oid:1.2.3", "value": "ABC-1"}, {"value": "2019-001234-12"}],
           "phase": {"coding": [{"code": "phase-1-phase-2"}]},
           "arm": [{"name": "A", "type": {"text": "Experimental"}, "description": "Drug X"}],
           "focus": [{"text": "Drug X", "coding": [{"code": "Drug"}]}],
           "sponsor": {"reference": "#org"}, "principalInvestigator": {"display": "Jane Roe, MD"},
           "site": [{"reference": "#loc"}], "period": {"start": "2020-01-01", "end": "2021-06-30"},
           "contained": [{"resourceType": "Organization", "id": "org", "name": "Acme"},
                         {"resourceType": "Location", "id": "loc", "name": "Rochester, Minn."},
                         {"resourceType": "Group", "id": "g", "quantity": 40, "actual": True,
                          "characteristic": [{"code": {"text": "criterion"}, "valueCodeableConcept": {"text": "Adults"},
                                              "exclude": False},
                                             {"code": {"text": "criterion"}, "valueCodeableConcept": {"text": "Pregnancy"},
                                              "exclude": True}]}],
           "enrollment": [{"reference": "#g"}]}
    src = read_source(json.dumps(doc).encode(), "r4.json")[0]
    st = src.study
    assert st["identifiers"] == [{"system": "urn:oid:1.2.3", "value": "ABC-1"}, {"system": "EudraCT", "value": "2019-001234-12"}]
    assert st["phase"] == ["PHASE1", "PHASE2"] and st["status"] == "COMPLETED"
    assert st["enrollment"] == 40 and st["enrollment_type"] == "actual"
    assert st["sponsor"] == "Acme" and st["investigators"] == ["Jane Roe, MD"] and st["sites"] == ["Rochester, Minn."]
    assert st["arms"] == [{"name": "A", "type": "EXPERIMENTAL", "description": "Drug X"}]
    assert st["interventions"] == [{"name": "Drug X", "type": "DRUG"}]
    assert (st["start_date"], st["completion_date"]) == ("2020-01-01", "2021-06-30")
    assert [k for _, _, k in src.sections_hint] == ["inclusion", "exclusion"]
    assert "- Adults" in src.text and "- Pregnancy" in src.text


def test_fhir_without_research_study_is_refused():
    with pytest.raises(UnsupportedShape):
        read_source(b'{"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Patient"}}]}', "b.json")


def test_fhir_r5_definition_by_combination():
    """R5 EvidenceVariable characteristics combined (`definitionByCombination`): the combined ones
    are criteria too, under the words of the combination that holds them, each with its pointer;
    coded ones an "all-of" combination holds are study facts."""
    ev = {"resourceType": "EvidenceVariable", "id": "ev1", "status": "active", "characteristic": [
        {"description": "Asthma with one of the following:",
         "definitionByCombination": {"code": "any-of", "characteristic": [
             {"description": "FEV1 below 80% of predicted"}, {"description": "On inhaled corticosteroids"}]}},
        {"definitionByCombination": {"code": "all-of", "characteristic": [
            {"description": "Pregnancy", "exclude": True},
            {"definitionByTypeAndValue": {"type": {"coding": [{"code": "age"}]},
                                          "valueRange": {"low": {"value": 18, "unit": "years"}}}}]}}]}
    study = {"resourceType": "ResearchStudy", "id": "s1", "title": "A Study", "status": "active",
             "recruitment": {"eligibility": {"reference": "#ev1"}}, "contained": [ev]}
    data = json.dumps(study).encode()
    src = read_source(data, "r5.json")[0]
    assert src.format == "fhir-r5-json" and src.study["minimum_age"] == {"value": 18, "unit": "a"}
    rec = checked_engine().records("r5.json", data=data)[0]
    crit = {c["text"]: c for c in rec["criteria"]}
    parent = crit["Asthma with one of the following:"]
    assert parent["kind"] == "inclusion" and parent["locator"]["pointer"] == "/contained/0/characteristic/0/description"
    child = crit["FEV1 below 80% of predicted"]
    assert child["parent"] == parent["id"] and child["locator"]["pointer"] == \
        "/contained/0/characteristic/0/definitionByCombination/characteristic/0/description"
    assert crit["On inhaled corticosteroids"]["parent"] == parent["id"]
    assert crit["Pregnancy"]["kind"] == "exclusion" and crit["Pregnancy"]["locator"]["pointer"] == \
        "/contained/0/characteristic/1/definitionByCombination/characteristic/0/description"


def test_fhir_xml_gives_what_fhir_json_gives(tmp_path):
    """The same ResearchStudy resources as FHIR XML (single, contained Group, Bundle; R4 and R5):
    the same text, criteria and study facts as their JSON, and every locator an XPath whose
    attribute value holds the characters it points at."""
    studies = _studies()[:12]
    checked = 0
    for how in ("characteristic", "description"):
        for shape, doc in _fhir_files(studies, how).items():
            for d in doc if isinstance(doc, list) else [doc]:
                jdata = json.dumps(d, ensure_ascii=False).encode()
                xdata = fw.to_xml(d)
                assert sniff_format(xdata, "export") == "xml"
                from_json, from_xml = read_source(jdata, "r.json"), read_source(xdata, "r.xml")
                assert len(from_json) == len(from_xml)
                for j, x in zip(from_json, from_xml):
                    assert x.format == j.format.replace("-json", "-xml")
                    assert (x.doc_id, x.text, x.sections_hint) == (j.doc_id, j.text, j.sections_hint)
                    assert _unlocated(x.study) == _unlocated(j.study)
                    root = etree.fromstring(xdata)
                    for seg in x.segments:
                        value = root.xpath(seg.locator["xpath"], namespaces={"f": fw.FHIR_NS})[0]
                        for pos in range(seg.start, seg.end):
                            piece = normalize_source_piece(value[seg.source_offset(pos):seg.source_offset(pos + 1)])
                            assert piece == x.text[pos] or x.text[pos].isspace() and not piece.strip()
                            checked += 1
                    for fact in x.study.get("facts", []):
                        assert root.xpath(fact["locator"]["xpath"], namespaces={"f": fw.FHIR_NS}), fact
    assert checked > 1000


def test_ictrp_line_breaks_in_every_written_form():
    # CTRI rows of the ICTRP export write each line break of the registry as "<br/ ><br>":
    # one break (it was left in the text as markup); "<br><br>" stays a blank line.
    from extractor.ingest.mapped import block

    m = block("illness.  <br/ ><br>Age: 18-65 years <br/ >Written consent<br><br>Exclusion: more "
              "<br/ ><br>than one hour", br=True)
    assert m.text == "illness.\nAge: 18-65 years\nWritten consent\n\nExclusion: more\nthan one hour"
    value = "a<br/ ><br>b"
    got = block(value, br=True)
    assert got.text == "a\nb"
    assert normalize_source_piece(value[got.offsets[1]:got.offsets[2]]) == "\n"
