"""Study facts: the golden cases (corpora/facts/study_facts.json, labelled by hand from the source
files: the seeds, the samples and a record of every input format in the shared corpora; conventions
in corpora/facts/README.md), and the page-text layouts one by one.

A golden case names its input (`shared:` under ../shared, `repo:` in this repository) and the
record within it, and gives the format, document.site, the study fields the source states and the
words each fact is stated in where they are in document.text. Every fact's text must equal its
slice, and every fact read from a structured field must say where in the file it was read.

`python -m tests.ingest.test_study_facts` prints precision and recall per field over the cases."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from extractor.errors import RuleFileError
from extractor.ingest import facts_text, read_source, read_text
from extractor.resources import check_rules, load_rules

from ..conftest import REPO, SHARED, checked_engine

GOLDEN = json.loads((REPO / "corpora" / "facts" / "study_facts.json").read_text(encoding="utf-8"))
# The study fields the cases label (`arms` is not labelled).
FIELDS = ["identifiers", "title", "phase", "status", "enrollment", "enrollment_type", "sex", "minimum_age",
          "maximum_age", "healthy_volunteers", "conditions", "interventions", "sponsor", "investigators", "sites",
          "site_count", "start_date", "completion_date"]


def _path(spec: str) -> Path:
    where, rel = spec.split(":", 1)
    path = (SHARED if where == "shared" else REPO) / rel
    if not path.exists():
        pytest.skip(f"{spec} not found")
    return path


def _record(case: dict) -> dict:
    engine = checked_engine()
    # Only the wanted record of a multi-record file goes through the pipeline.
    wanted = [s for s in engine.read(str(_path(case["input"]))) if getattr(s, "record", None) == case["record"]]
    assert wanted, case["record"]
    return engine.records_of(wanted[:1])[0]


def _items(study: dict, field: str) -> list[str]:
    """A field's values as comparable items: one per item of a list field (phase is one value)."""
    v = study.get(field)
    if v is None:
        return []
    return [json.dumps(x, sort_keys=True) for x in v] if isinstance(v, list) and field != "phase" else \
        [json.dumps(v, sort_keys=True)]


def compare(case: dict, rec: dict) -> dict[str, tuple[list, list]]:
    """Per field: (items the record has and the case has not, items the case has and the record has not)."""
    out = {}
    for field in FIELDS:
        if field in case.get("unlabelled", ()):
            continue
        got, want = _items(rec["study"], field), _items(case["study"], field)
        extra = [x for x in got if x not in want]
        missed = [x for x in want if x not in got]
        out[field] = (extra, missed, len(got) - len(extra))
    return out


def _words(rec: dict) -> list[dict]:
    return [{"field": f["field"], "text": f["text"]} for f in rec["study"].get("facts", [])
            if "text" in f and f["field"] != "enrollment_type"]


@pytest.mark.parametrize("case", GOLDEN, ids=[f"{c['input'].split('/')[-1]}{'@' + c['record'] if c['record'] else ''}"
                                                 for c in GOLDEN])
def test_golden_study_facts(case):
    rec = _record(case)
    doc = rec["document"]
    assert doc["source"]["format"] == case["format"]
    assert doc["site"] == case["site"]
    for field, (extra, missed, _) in compare(case, rec).items():
        assert not extra and not missed, (field, extra, missed)
    structured = doc["source"]["format"] not in ("text", "html")
    for fact in rec["study"].get("facts", []):
        if "span" in fact:
            s, e = fact["span"]
            assert doc["text"][s:e] == fact["text"]
        if structured:
            assert "locator" in fact, fact
        if fact["field"] == "site":
            assert fact["value"] == doc["site"]
        elif isinstance(rec["study"].get(fact["field"]), list) and fact["field"] != "phase":
            assert fact["value"] in rec["study"][fact["field"]]
        else:
            assert rec["study"][fact["field"]] == fact["value"]
    if case["facts"] is not None:
        assert sorted(_words(rec), key=json.dumps) == sorted(case["facts"], key=json.dumps)


def scores() -> dict[str, tuple[int, int, int]]:
    """(true positives, false positives, false negatives) per field over the golden cases."""
    totals = {f: [0, 0, 0] for f in FIELDS + ["facts words"]}
    for case in GOLDEN:
        rec = _record(case)
        for field, (extra, missed, hits) in compare(case, rec).items():
            totals[field][0] += hits
            totals[field][1] += len(extra)
            totals[field][2] += len(missed)
        if case["facts"] is not None:
            got, want = _words(rec), list(case["facts"])
            hits = [w for w in got if w in want]
            totals["facts words"][0] += len(hits)
            totals["facts words"][1] += len(got) - len(hits)
            totals["facts words"][2] += len([w for w in want if w not in got])
    return {f: tuple(v) for f, v in totals.items()}


def test_golden_covers_every_format_and_the_seeds():
    formats = {c["format"] for c in GOLDEN}
    assert {"ctgov-xml", "ctgov-v2-json", "ctgov-v1-json", "ctgov-xml-json", "ctis-json", "euctr-json", "isrctn-json",
            "drks-json", "nci-cts-json", "euctr-text", "ictrp-csv", "html", "text"} <= formats
    seeds = {c["input"].split("/")[-1][:3] for c in GOLDEN if c["input"].startswith("shared:seeds/")}
    assert seeds == {"000", "001", "002", "003", "004"}


def _facts(text: str) -> dict:
    study = read_text(text.encode(), "page.txt")[0].study
    for f in study.get("facts", []):
        assert text[f["span"][0]:f["span"][1]] == f["text"]
    return study


def _spans(study: dict, field: str) -> list[str]:
    return [f["text"] for f in study.get("facts", []) if f["field"] == field]


def test_seed_facts_the_issue_names():
    """The facts the issue lists for the seeds, checked by name (the golden file holds them all)."""
    by_seed = {c["input"].split("/")[-1][:3]: c for c in GOLDEN if c["input"].startswith("shared:seeds/")}
    mayo, veeva, listing, news = by_seed["000"], by_seed["001"], by_seed["002"], by_seed["004"]
    assert mayo["study"]["title"].startswith("Lenalidomide and Dexamethasone With or Without Anakinra")
    assert {"field": "status", "text": "Closed for enrollment"} in mayo["facts"]
    assert mayo["study"]["investigators"] == ["John Lust, M.D., Ph.D."] and mayo["site"] == "mayoclinic.org"
    assert veeva["study"]["conditions"] == ["Multiple Myeloma and Plasma Cell Neoplasm"]
    assert {"field": "interventions", "text": "Drug: Dexamethasone acetate"} in veeva["facts"]
    assert {"field": "interventions", "text": "Biological: Anakinra (IL-1Ra)"} in veeva["facts"]
    assert {"P30CA015083", "1316-02", "MC0282", "CDR0000583300"} <= {i["value"] for i in veeva["study"]["identifiers"]}
    assert news["site"] not in (None, "mayoclinic.org")
    assert listing["study"]["enrollment"] == 108 and listing["study"]["enrollment_type"] == "planned"
    assert {"field": "minimum_age", "text": "18+"} in listing["facts"] and {"field": "sex", "text": "Any"} in listing["facts"]
    assert listing["study"]["sponsor"] == "Memorial Sloan Kettering Cancer Center"
    assert listing["study"]["investigators"] == ["Alexander Lesokhin, MD"]


def test_inline_below_and_above_layouts():
    study = _facts("A Trial of Drug X in Adults With Asthma\n\nSponsor: Acme Pharma\nActual Enrollment: 1,204\n\n"
                   "Conditions\n\nAsthma\nCOPD\n\nIdentifiers\n\nNCT01234567\nAX-12 (Other Identifier)\n\n"
                   "Jane Roe, MD, PhD\n\nPrincipal Investigator\n")
    assert study["title"] == "A Trial of Drug X in Adults With Asthma"
    assert study["sponsor"] == "Acme Pharma"
    assert study["enrollment"] == 1204 and study["enrollment_type"] == "actual"
    assert study["conditions"] == ["Asthma", "COPD"]
    assert study["identifiers"] == [{"system": "NCT", "value": "NCT01234567"}, {"system": "other", "value": "AX-12"}]
    assert _spans(study, "identifiers") == ["NCT01234567", "AX-12"]
    assert study["investigators"] == ["Jane Roe, MD, PhD"]


def test_minimum_and_maximum_age_labels():
    # A register's label-over-value layout ("Minimum Age" / "12 Year"); a label with no value
    # of its own ("Maximum Age" then "Enrollment") gives no age.
    study = _facts("Gender\nBoth\nMinimum Age\n12 Year\nMaximum Age\n50 Year\nEnrollment\n0\n")
    assert study["minimum_age"] == {"value": 12, "unit": "a"} and study["maximum_age"] == {"value": 50, "unit": "a"}
    assert _spans(study, "minimum_age") == ["12 Year"] and _spans(study, "maximum_age") == ["50 Year"]
    study = _facts("Gender\nBoth\nMinimum Age\n18 Year\nMaximum Age\nEnrollment\n250\n")
    assert study["minimum_age"] == {"value": 18, "unit": "a"} and "maximum_age" not in study
    assert study["enrollment"] == 250
    assert "minimum_age" not in _facts("Sex: Male\nMinimum Age: N/A\n")


def test_several_fields_on_one_line():
    # An eligibility box flattened to one line: each short value ends where the next known label
    # begins; a label the cues do not know ("Gender Based") ends the value before it.
    text = "Minimum Age: 18 Years Maximum Age: 99 Years Sex: All Gender Based: No\nCriteria: Inclusion Criteria:\n"
    study = _facts(text)
    assert study["minimum_age"] == {"value": 18, "unit": "a"} and study["maximum_age"] == {"value": 99, "unit": "a"}
    assert study["sex"] == "all"
    assert _spans(study, "minimum_age") == ["18 Years"] and _spans(study, "maximum_age") == ["99 Years"]
    assert _spans(study, "sex") == ["All"]
    study = _facts("Phase: Phase 2 Status: Recruiting\n")
    assert study["phase"] == ["PHASE2"] and study["status"] == "RECRUITING"
    # A title's value is long: a colon inside it is no further field.
    assert _facts("Official Title: Phase II Study: Safety Maximum Age: 3\n")["title"] == \
        "Phase II Study: Safety Maximum Age: 3"


def test_value_lines_and_lone_status():
    study = _facts("250 Participants Needed\n\nA Study of Y\n\nEnrolling at 12 trial locations\n")
    assert study["enrollment"] == 250 and study["enrollment_type"] == "planned"
    assert study["site_count"] == 12 and study["status"] == "ENROLLING"
    assert _facts("Some Trial Title Here\n\nOpen for enrollment\n")["status"] == "OPEN_FOR_ENROLLMENT"


def test_prose_is_not_a_fact_nor_a_title():
    study = _facts("OBJECTIVES:\n\nThis phase II trial is recruiting 40 patients.\n")
    assert study == {}
    assert "title" not in _facts("Date: Mon, 07 Jan 2019 15:04:30 GMT\nServer: x\n")


def test_site_is_the_pages_own_never_one_it_links_to():
    assert facts_text.site_of("Some Title Words Here\n\nData sourced from clinicaltrials.gov\n") is None
    assert facts_text.site_of("Some Title\n\nMore text\n\nMayo Clinic Footer\n") == "mayoclinic.org"
    assert facts_text.site_of("ClinicalTrials.Veeva\n\nMenu\n\nTitle\n\n© Copyright 2026 Veeva Systems\n") \
        == "clinicaltrials.veeva.com"
    assert facts_text.site_of("News Title Here\n\nSee mayoclinic.org for more.\n\n© 2024 Example Media\n") \
        == "Example Media"
    # A licence's "Copyright (c)" line is no page footer.
    assert facts_text.site_of("MIT License\n\nCopyright (c) 2015 Someone\n") is None


def test_html_site_ignores_link_targets():
    page = (b"<html><head><title>Trial 7</title></head><body><p>A trial page.</p>"
            b"<a href='https://clinicaltrials.gov/study/NCT01234567'>see the registry</a></body></html>")
    assert read_source(page, "page.html")[0].site is None


def test_cue_file_rejects_unknown_keys():
    data = copy.deepcopy(load_rules("page_facts.json", "rules/page_facts.schema.json"))
    data["labels"][0]["colour"] = "red"
    with pytest.raises(RuleFileError):
        check_rules(data, "rules/page_facts.schema.json", "models/page_facts.json")


if __name__ == "__main__":
    print(f"{'field':20} {'P':>6} {'R':>6}   tp  fp  fn")
    for field, (tp, fp, fn) in scores().items():
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        print(f"{field:20} {p:6.3f} {r:6.3f} {tp:4} {fp:3} {fn:3}")
