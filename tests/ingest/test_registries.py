"""NCI CTS flags, safety of the XML reader, limits, sniffing and facts from page text."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.errors import TooLarge, UnsafeInput
from extractor.ingest import Limits, ctgov_xml, facts, read_source
from extractor.ingest.sniff import sniff

from .conftest import REPO, corpora_root, need


def test_nci_hint_kinds_agree_with_item_flags(corpora):
    files = sorted(need(corpora, "nci-cts-api-v2").rglob("*.json"))
    items = agree = 0
    for p in files:
        doc = json.loads(p.read_text(encoding="utf-8"))
        s = read_source(p.read_bytes(), str(p))[0]
        assert s.format == "nci-cts-json"
        for seg in s.segments:
            ptr = seg.locator.get("pointer", "")
            if "/eligibility/unstructured/" not in ptr:
                continue
            index = int(ptr.split("/")[3])
            flag = doc["eligibility"]["unstructured"][index]["inclusion_indicator"]
            kinds = {k for a, z, k in s.sections_hint if a <= seg.start and seg.end <= z}
            items += 1
            agree += kinds == {"inclusion" if flag else "exclusion"}
    assert items > 300 and agree == items, (agree, items)


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<clinical_study><brief_title>&lol2;</brief_title></clinical_study>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<clinical_study><brief_title>t</brief_title><eligibility><criteria><textblock>&xxe;</textblock></criteria></eligibility></clinical_study>"""


@pytest.mark.parametrize("data", [BOMB, XXE])
def test_entity_attacks_are_refused(data):
    with pytest.raises(UnsafeInput):
        ctgov_xml.read(data, "evil.xml")


def test_external_dtd_is_not_loaded():
    data = b'<?xml version="1.0"?><!DOCTYPE clinical_study SYSTEM "file:///etc/passwd"><clinical_study>' \
           b'<brief_title>t</brief_title></clinical_study>'
    s = ctgov_xml.read(data, "x.xml")[0]
    assert "root:" not in s.text


def test_size_limits():
    with pytest.raises(TooLarge):
        read_source(b"x" * 100, "a.txt", Limits(max_bytes=10))
    rows = "TrialID,Inclusion Criteria\n" + "".join(f"T{i},age 18\n" for i in range(5))
    with pytest.raises(TooLarge):
        read_source(rows.encode(), "e.csv", Limits(max_records=3))


@pytest.mark.parametrize("data,name,fmt", [
    (b'{"protocolSection": {}}', "x.json", "json"),       # which registry: the JSON reader decides
    (b'[{"protocolSection": {}}]', "x", "json"),
    (b'{"http_interactions": []}', "x.json", "vcr-cassette"),
    (b"<clinical_study><brief_title>t</brief_title></clinical_study>", "x.txt", "xml"),
    (b"<!DOCTYPE html><html><body><p>Inclusion</p></body></html>", "x.txt", "html"),
    (b"TrialID,Inclusion Criteria,Exclusion Criteria\nX,a,b\n", "x.csv", "ictrp-csv"),
    (b"Inclusion Criteria:\n- adults\n", "x.json", "text"),
])
def test_sniff_by_content(data, name, fmt):
    assert sniff(data, name) == fmt


def test_v2_markdown_unescaped_through_offsets():
    raw = json.dumps({"protocolSection": {"identificationModule": {"nctId": "NCT00000001", "briefTitle": "T"},
                                          "eligibilityModule": {"eligibilityCriteria":
                                                                "Inclusion Criteria:\n\n* Hb \\>= 9 g/dL\n"}}})
    s = read_source(raw.encode(), "x.json")[0]
    i = s.text.index(">=")
    loc = s.locate(i, i + 2)
    crit = json.loads(raw)["protocolSection"]["eligibilityModule"]["eligibilityCriteria"]
    assert crit[loc["start"]:loc["end"]] == "\\>="
    assert "* Hb >= 9 g/dL" in s.text


def test_nci_items_become_one_line_each():
    doc = {"nci_id": "NCI-1", "brief_title": "T", "eligibility": {"unstructured": [
        {"inclusion_indicator": False, "display_order": 2, "description": "No infection"},
        {"inclusion_indicator": True, "display_order": 1, "description": "Age >= 18\r\n* sub item"}]}}
    s = read_source(json.dumps(doc).encode(), "n.json")[0]
    assert s.text == ("T\n\nInclusion Criteria:\n\n- Age >= 18\n  * sub item\n\n"
                      "Exclusion Criteria:\n\n- No infection\n")
    assert [k for _, _, k in s.sections_hint] == ["inclusion", "exclusion"]


@pytest.mark.parametrize("value,want", [
    ("Phase 1/Phase 2", ["PHASE1", "PHASE2"]), ("Early Phase 1", ["EARLY_PHASE1"]), ("N/A", ["NA"]),
    (["PHASE2", "PHASE3"], ["PHASE2", "PHASE3"]), ("II", ["PHASE2"]),
])
def test_phases(value, want):
    assert facts.phases(value) == want


def test_ages_and_status():
    assert facts.age("18 Years") == {"value": 18, "unit": "a"}
    assert facts.age("6 Months") == {"value": 6, "unit": "mo"}
    assert facts.age("N/A") is None
    assert facts.status("Active, not recruiting") == "ACTIVE_NOT_RECRUITING"
    assert facts.status("Unknown status") == "UNKNOWN"


def _seed(prefix: str) -> Path:
    seeds = corpora_root().parent / "seeds"
    found = sorted(seeds.glob(prefix + "_*")) if seeds.is_dir() else []
    if not found:
        pytest.skip(f"seed {prefix} not found under {seeds}")
    return found[0]


def test_facts_from_veeva_page_text():
    p = _seed("001")
    s = read_source(p.read_bytes(), str(p))[0]
    assert s.doc_id == "NCT00635154"
    assert s.site == "clinicaltrials.veeva.com"
    st = s.study
    assert st["phase"] == ["PHASE2"] and st["status"] == "COMPLETED" and st["enrollment"] == 55
    assert st["minimum_age"] == {"value": 18, "unit": "a"} and st["maximum_age"] == {"value": 120, "unit": "a"}
    assert st["sex"] == "all"


def test_facts_from_patient_listing_text():
    p = _seed("002")
    st = read_source(p.read_bytes(), str(p))[0].study
    assert st["minimum_age"] == {"value": 18, "unit": "a"} and "maximum_age" not in st
    assert st["sex"] == "all" and st["phase"] == ["PHASE2"]


def test_html_keeps_lists_and_drops_furniture():
    page = (b"<html><head><title>Trial X</title><script>var a='Inclusion';</script></head><body>"
            b"<nav><a>Home</a></nav><h2>Inclusion Criteria</h2><ul><li>Adults &amp; teens"
            b"<ul><li>age &ge; 12</li></ul></li><li>Consent</li></ul><footer>Contact</footer></body></html>")
    s = read_source(page, "p.html")[0]
    assert s.format == "html"
    assert "Inclusion Criteria\n\n- Adults & teens\n  - age ≥ 12\n- Consent" in s.text
    assert "Home" not in s.text and "Contact" not in s.text and "var a" not in s.text
    i = s.text.index("≥")
    loc = s.locate(i, i + 1)
    assert page.decode()[loc["start"]:loc["end"]] == "&ge;"
