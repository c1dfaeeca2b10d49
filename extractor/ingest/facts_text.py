"""Study facts from page text, for plain text and HTML without structured fields.

Registry pages print facts as label / value pairs, the value after a colon or on the next
non-blank line ("Enrollment" / "55 patients", "Sex: Any", "Trial Phase: Phase 2"). Only such
labelled values (or a line that is nothing but a phase or a status) are read: a phase named in
running prose ("This phase II trial...") is not a fact about the record.
"""
from __future__ import annotations

import re
from typing import Any

from . import facts

_ID_PATTERNS = [("NCT", r"\bNCT\d{8}\b"), ("EudraCT", r"\b(?:19|20)\d{2}-\d{6}-\d{2}\b"),
                ("ChiCTR", r"\bChiCTR[-A-Z]*\d{6,}\b"), ("ISRCTN", r"\bISRCTN\d{8}\b"), ("DRKS", r"\bDRKS\d{8}\b")]
_STATUSES = ["not yet recruiting", "recruiting", "enrolling by invitation", "active, not recruiting", "completed",
             "suspended", "terminated", "withdrawn", "unknown status", "available", "no longer available",
             "temporarily not available", "approved for marketing", "withheld"]
_PHASE_VALUE = r"(?:Early\s+)?Phase\s*(?:[0-4]|I{1,3}V?|IV)(?:\s*(?:/|and|,)\s*(?:Phase\s*)?(?:[0-4]|I{1,3}V?|IV))*"
_BRANDS = {"clinicaltrials.veeva": "clinicaltrials.veeva.com", "clinicaltrials.gov": "clinicaltrials.gov",
           "mayo clinic": "mayoclinic.org"}
_DOMAIN = re.compile(r"\b(?:https?://)?(?:www\.)?((?:clinicaltrials\.gov|clinicaltrialsregister\.eu|mayoclinic\.org|"
                     r"clinicaltrials\.veeva\.com|isrctn\.com|drks\.de|chictr\.org\.cn|cancer\.gov))\b", re.I)


def _labelled(lines: list[str], labels: str) -> str | None:
    """Value of the first line labelled by one of `labels` (regex alternation, whole label)."""
    pat = re.compile(rf"^\s*(?:{labels})\s*(?::\s*(.*\S)?)?\s*$", re.I)
    for i, line in enumerate(lines):
        m = pat.match(line)
        if not m:
            continue
        if m.group(1):
            return m.group(1).strip()
        for nxt in lines[i + 1:i + 4]:
            if nxt.strip():
                return nxt.strip()
    return None


def _ages(value: str) -> tuple[dict | None, dict | None]:
    v = value.lower()
    unit = re.search(r"(years?|yrs?|months?|weeks?|days?)", v)
    u = unit.group(1) if unit else "years"
    m = re.search(r"(\d+(?:\.\d+)?)\s*(?:years?|yrs?|months?|weeks?|days?)?\s*(?:to|-|–|and)\s*(\d+(?:\.\d+)?)", v)
    if m:
        return facts.age(m.group(1), u), facts.age(m.group(2), u)
    m = re.search(r"(\d+(?:\.\d+)?)\s*(?:\+|(?:years?|yrs?|months?)?\s*(?:and|or)\s*(?:older|over|above))", v)
    if m:
        return facts.age(m.group(1), u), None
    m = re.search(r"(?:up to|under|younger than|<=?)\s*(\d+(?:\.\d+)?)", v)
    if m:
        return None, facts.age(m.group(1), u)
    return None, None


def identifiers(text: str) -> list[dict[str, str]]:
    ids: list[dict[str, str]] = []
    for system, pat in _ID_PATTERNS:
        for m in re.finditer(pat, text):
            facts.add_identifier(ids, m.group(0), system)
    return ids


def site_of(text: str) -> str | None:
    # A brand counts only as a line of its own near the top (a site banner), not inside prose.
    for line in text.split("\n", 8)[:8]:
        site = _BRANDS.get(line.strip().lower())
        if site:
            return site
    m = _DOMAIN.search(text)
    return m.group(1).lower() if m else None


def extract(text: str) -> tuple[dict[str, Any], str | None]:
    """(study facts, document id) found in page text."""
    lines = text.split("\n")
    ids = identifiers(text)
    study: dict[str, Any] = {"identifiers": ids}
    phase = _labelled(lines, r"(?:trial\s+|study\s+)?phase")
    if phase is None:
        solo = [ln.strip() for ln in lines if re.fullmatch(_PHASE_VALUE, ln.strip(), re.I)]
        phase = solo[0] if solo else None
    if phase:
        found = re.findall(r"(?:early\s+)?phase\s*([0-4]|I{1,3}V?|IV)\b|(?:/|and|,)\s*([0-4]|I{1,3}V?|IV)\b", phase, re.I)
        nums = [a or b for a, b in found]
        early = bool(re.search(r"early\s+phase", phase, re.I))
        study["phase"] = ["EARLY_PHASE1"] if early else facts.phases([n.upper() for n in nums])
    status = _labelled(lines, r"(?:overall\s+|recruitment\s+)?status")
    if status is None or status.lower() not in _STATUSES:
        solo = [ln.strip() for ln in lines if ln.strip().lower() in _STATUSES]
        status = solo[0] if solo else None
    if status:
        study["status"] = facts.status(status)
    enrol = _labelled(lines, r"(?:actual\s+|estimated\s+|target\s+)?enrol?lment|sample size|target size")
    m = re.match(r"\s*(\d[\d,]*)", enrol or "")
    if not m:
        m = next((x for x in (re.fullmatch(r"\s*(\d[\d,]*)\s+participants?\s+needed\s*", ln, re.I) for ln in lines) if x), None)
    if m:
        study["enrollment"] = facts.integer(m.group(1))
    sex = _labelled(lines, r"sex|gender|sexes eligible(?: for study)?")
    if sex:
        study["sex"] = facts.sex(sex.split("(")[0])
    ages = _labelled(lines, r"ages?|ages eligible(?: for study)?|age range")
    if ages:
        study["minimum_age"], study["maximum_age"] = _ages(ages)
    hv = _labelled(lines, r"(?:accepts\s+)?healthy volunteers|volunteers")
    if hv:
        study["healthy_volunteers"] = False if re.search(r"\bno\b", hv, re.I) else facts.flag(hv.split()[0]) \
            if hv.split()[0].lower() in ("yes", "no") else (True if "accepts" in hv.lower() else None)
    nct = next((i["value"] for i in ids if i["system"] == "NCT"), None)
    doc_id = nct or (ids[0]["value"] if ids else None)
    return facts.prune(study), doc_id
