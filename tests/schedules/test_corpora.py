"""The schedules stage over the seeds and every raw corpus record: every schedule's spans equal
their slices, the records stay schema-valid, the same input gives the same bytes, and the seeds'
instructions are found.

The raw corpora run without the NLP stage (a stand-in analyzer): schedules do not depend on it,
and it keeps this test to seconds."""
from __future__ import annotations

import os

import pytest

from extractor.analysis import NoAnalysis
from extractor.api import Extractor
from extractor.records import to_line
from extractor.validate import problems

from ..conftest import SEEDS, SHARED, checked_engine

RAW = ["ctgov-legacy-xml-2023", "ctgov-legacy-xml-trec2017", "aact-fixtures", "ctgov-api-v2-json",
       "nci-cts-api-v2", "ctrdata-demo-records", "euctr-text-download",
       "opentrials-registry-cassettes/extracted_bodies", "registry-pages-misc", "ictrp-covid-export"]


def _files(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.startswith(".") and not name.endswith(".md"):
                yield os.path.join(dirpath, name)


def _spans_of(schedule):
    yield schedule["text"], schedule["span"]
    for value in schedule.values():
        if isinstance(value, dict) and "span" in value:
            yield value["text"], value["span"]


@pytest.fixture(scope="module")
def raw_records():
    root = SHARED / "corpora"
    folders = [root / name for name in RAW if (root / name).exists()]
    if not folders:
        pytest.skip(f"raw corpora absent at {root}")
    engine = Extractor(analyzer=NoAnalysis())
    return [(path, rec) for folder in folders for path in _files(folder) for rec in engine.records(path)]


def test_raw_records_valid_with_schedules(raw_records):
    documents = [rec for _, rec in raw_records if "document" in rec]
    assert len(documents) > 4000
    found = 0
    for rec in documents:
        text = rec["document"]["text"]
        for schedule in rec["schedules"]:
            found += 1
            for written, (s, e) in _spans_of(schedule):
                assert text[s:e] == written, (rec["document"]["id"], schedule["id"])
        if rec["schedules"]:
            assert not problems(rec), (rec["document"]["id"], problems(rec)[:3])
    assert found > 20  # the titles, arms and descriptions of the raw records hold instructions


def test_raw_records_same_bytes_twice(raw_records):
    engine = Extractor(analyzer=NoAnalysis())
    # each file once: a file of many records (the ICTRP export) read again for each of its records
    # that holds a schedule costs the time without testing more
    with_schedules = list(dict.fromkeys(path for path, rec in raw_records if rec.get("schedules")))[:40]
    for path in with_schedules:
        first = [to_line(r) for r in engine.records(path)]
        again = [to_line(r) for r in Extractor(analyzer=NoAnalysis()).records(path)]
        assert first == again, path


def test_no_schedule_is_a_criteria_threshold(raw_records):
    """Inside the criteria only plain instructions are kept: no schedule there has a comparator
    written just before its dose."""
    for _, rec in raw_records:
        for schedule in rec.get("schedules") or []:
            if schedule["in_criteria"] and schedule["dose"]:
                s = schedule["dose"]["span"][0]
                before = rec["document"]["text"][max(0, s - 3):s]
                assert not any(c in before for c in "<>≤≥"), schedule["text"]


def _seed_schedules():
    if not SEEDS.exists():
        pytest.skip(f"seeds absent at {SEEDS}")
    engine = checked_engine()
    out = {}
    for path in sorted(SEEDS.iterdir()):
        rec = engine.extract(str(path)).to_dict()
        out[path.name[:3]] = rec["schedules"]
    return out


def test_seed_instructions_found():
    got = _seed_schedules()
    def short(s):
        return (s["drug"]["name"], s["dose"] and s["dose"]["value"], s["route"] and s["route"]["route"],
                s["frequency"] and (s["frequency"]["count"], s["frequency"]["period"], s["frequency"]["unit"]),
                s["days"] and s["days"]["ranges"], s["months"] and s["months"]["ranges"],
                s["condition"] and " ".join(s["condition"]["text"].split()))
    assert got["000"] == []
    assert [short(s) for s in got["002"]] == [("lenalidomide", 10, "oral", (1, 1, "d"), [[1, 21]], None, None)] * 2
    assert [short(s) for s in got["004"]] == [("lenalidomide", 25, "oral", None, [[1, 21]], None, None)]
    for key in ("001", "003"):
        seen = [short(s) for s in got[key]]
        assert ("anakinra", None, "subcutaneous", (1, 1, "d"), None, [[1, 6]], None) in seen
        assert ("dexamethasone", None, "oral", (1, 1, "wk"), None, [[7, 12]], "Stable disease") in seen
        assert ("dexamethasone", None, "oral", None, [[1, 4], [9, 12], [17, 20]], [[7, 7], [9, 9], [11, 11]],
                "Progressive disease") in seen
        assert ("dexamethasone", None, "oral", None, [[1, 4]], [[8, 8], [10, 10], [12, 12]],
                "Progressive disease") in seen
