"""ClinicalTrials.gov records: headings kept, study facts equal the structured fields, and a trial
present in two formats gives the same eligibility text.

Cross-format comparison: the eligibility stretches are compared as word sequences after removing
list markers (`-`, `*`, `•`, `1.`) and whitespace layout, because the exports differ exactly there
(XML keeps indentation and `-` bullets; API v1 drops bullets; API v2 writes Markdown `* `).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from lxml import etree

from extractor.ingest import ctgov_json, ctgov_xml, facts, read_source

from .conftest import need

XML_SETS = ["ctgov-legacy-xml-2023", "ctgov-legacy-xml-trec2017", "aact-fixtures"]


def _xml_files(root: Path):
    for name in XML_SETS:
        yield from (p for p in sorted(need(root, name).rglob("*.xml")))


def _json_files(root: Path):
    yield from sorted(need(root, "ctgov-api-v2-json").rglob("*.json"))
    yield from sorted((need(root, "aact-fixtures") / "spec/support/json_data").glob("*.json"))


def _ctgov_sources(root: Path):
    for p in list(_xml_files(root)) + list(_json_files(root)):
        try:
            sources = read_source(p.read_bytes(), str(p))
        except Exception:
            continue
        yield p, [s for s in sources if s.format.startswith("ctgov")]


def test_headings_preserved(corpora):
    """>= 99% of records whose criteria mention Inclusion/Exclusion keep those headings as lines."""
    total = kept = 0
    for p, sources in _ctgov_sources(corpora):
        for s in sources:
            body = s.text.split("\n\n", 1)[1] if "\n\n" in s.text else ""
            if not re.search(r"(?i)\b(inclusion|exclusion)\b", body):
                continue
            total += 1
            if re.search(r"(?im)^\s*(?:[-*•]\s*)?(?:key\s+|main\s+|general\s+)?(?:inclusion|exclusion)\b.*$", body):
                kept += 1
    assert total > 2000
    assert kept / total >= 0.99, (kept, total)


def _xml_truth(root) -> dict:
    """The structured fields read independently of the reader, for comparison."""
    el = root.find("eligibility")
    g = (lambda t: el.findtext(t) if el is not None else None)
    truth = {
        "title": " ".join((root.findtext("brief_title") or "").split()) or None,
        "status": (root.findtext("overall_status") or "").upper().replace(",", "").replace(" ", "_") or None,
        "enrollment": int(root.findtext("enrollment")) if (root.findtext("enrollment") or "").strip().isdigit() else None,
        "sex": {"All": "all", "Both": "all", "Female": "female", "Male": "male"}.get((g("gender") or "").strip()),
        "conditions": [" ".join(c.text.split()) for c in root.findall("condition") if c.text and c.text.strip()],
    }
    if truth["status"] == "UNKNOWN_STATUS":
        truth["status"] = "UNKNOWN"
    for key in ("minimum_age", "maximum_age"):
        v = (g(key) or "").strip()
        m = re.fullmatch(r"(\d+) (Year|Month|Week|Day|Hour|Minute)s?", v)
        truth[key] = {"value": int(m.group(1)), "unit": {"Year": "a", "Month": "mo", "Week": "wk", "Day": "d",
                                                          "Hour": "h", "Minute": "min"}[m.group(2)]} if m else None
    ph = (root.findtext("phase") or "").strip()
    truth["phase"] = [] if not ph else ["NA"] if ph == "N/A" else \
        [("EARLY_PHASE" if "Early" in x else "PHASE") + re.sub(r"\D", "", x) for x in ph.split("/")]
    return truth


def test_xml_study_equals_structured_fields(corpora):
    n = 0
    for p in _xml_files(corpora):
        data = p.read_bytes()
        try:
            root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            continue
        if root.tag != "clinical_study":
            continue
        s = ctgov_xml.read(data, str(p))[0]
        for key, want in _xml_truth(root).items():
            assert s.study.get(key, [] if key in ("phase", "conditions") else None) == want, (p, key, s.study.get(key), want)
        n += 1
    assert n > 2000


def _v2_truth(p: dict) -> dict:
    e = p.get("eligibilityModule") or {}
    unit = {"Years": "a", "Year": "a", "Months": "mo", "Month": "mo", "Weeks": "wk", "Week": "wk", "Days": "d", "Day": "d"}
    age = (lambda v: {"value": int(v.split()[0]), "unit": unit[v.split()[1]]} if v else None)
    return {
        "title": (p.get("identificationModule") or {}).get("briefTitle"),
        "status": (p.get("statusModule") or {}).get("overallStatus"),
        "phase": (p.get("designModule") or {}).get("phases") or [],
        "enrollment": ((p.get("designModule") or {}).get("enrollmentInfo") or {}).get("count"),
        "sex": (e.get("sex") or "").lower() or None,
        "minimum_age": age(e.get("minimumAge")), "maximum_age": age(e.get("maximumAge")),
        "healthy_volunteers": e.get("healthyVolunteers"),
        "conditions": (p.get("conditionsModule") or {}).get("conditions") or [],
    }


def test_v2_study_equals_structured_fields(corpora):
    n = 0
    for path in _json_files(corpora):
        doc = json.loads(path.read_text(encoding="utf-8"))
        studies = doc if isinstance(doc, list) else [doc]
        if not all(ctgov_json.is_v2_study(x) for x in studies):
            continue
        sources = ctgov_json.read(path.read_bytes(), str(path))
        for s, raw in zip(sources, studies):
            for key, want in _v2_truth(raw["protocolSection"]).items():
                got = s.study.get(key, [] if key in ("phase", "conditions") else None)
                if key in ("title",) and want:
                    want = " ".join(want.split())
                if key == "conditions":
                    want = [" ".join(c.split()) for c in want]
                assert got == want, (path, s.record, key, got, want)
            n += 1
    assert n > 600


def words(text: str) -> list[str]:
    """Eligibility text as comparable words: list markers and layout removed."""
    out = []
    for line in text.split("\n"):
        line = re.sub(r"^\s*(?:[-*•·]|\d{1,2}[.)])\s+", "", line)
        out.extend(line.split())
    return out


def test_same_trial_same_eligibility_across_formats(corpora):
    by_id: dict[str, dict[str, list[str]]] = {}
    for p, sources in _ctgov_sources(corpora):
        for s in sources:
            if s.doc_id and "\n\n" in s.text:
                body = s.text.split("\n\n", 1)[1]
                by_id.setdefault(s.doc_id, {}).setdefault(s.format, words(body))
    pairs = [(i, f) for i, f in by_id.items() if len(f) > 1]
    assert pairs, "no trial present in two formats"
    for nct, forms in pairs:
        texts = list(forms.items())
        base_fmt, base = texts[0]
        for fmt, other in texts[1:]:
            if base and other and (base[-1].endswith("...") or other[-1].endswith("...")):
                continue        # AACT trimmed some fixtures (SOURCE.md caveat)
            assert base == other or _similar(base, other), (nct, base_fmt, fmt)


def _similar(a: list[str], b: list[str]) -> bool:
    """Records downloaded years apart may have been edited: require >= 90% shared words."""
    import difflib
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9
