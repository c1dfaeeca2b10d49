"""ClinicalTrials.gov legacy XML (`<clinical_study>`, AllPublicXML and displayxml exports)."""
from __future__ import annotations

from typing import Any

from ..errors import UnsupportedShape
from . import facts
from .builder import Builder, make_source, sha256, write_title
from .limits import DEFAULT_LIMITS, Limits
from .mapped import block
from .source import Source
from .xmlutil import parse, text_of

CRITERIA_XPATH = "/clinical_study/eligibility/criteria/textblock"
TITLE_XPATH = "/clinical_study/brief_title"


def read(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> list[Source]:
    limits.check_bytes(data, path)
    root = parse(data, path)
    if root.tag != "clinical_study":
        raise UnsupportedShape(f"XML root <{root.tag}> is not <clinical_study>", path)
    return [from_element(root, path, sha256(data))]


def from_element(root, path: str, data_sha: str) -> Source:
    b = Builder()
    title = root.findtext("brief_title")
    write_title(b, title, {"xpath": TITLE_XPATH})
    tb = root.find("eligibility/criteria/textblock")
    if tb is not None:
        m = block(text_of(tb))
        b.copy(m, {"xpath": CRITERIA_XPATH})
        if m.text:
            b.text("\n")
    study = study_facts(root)
    nct = root.findtext("id_info/nct_id")
    return make_source(b, fmt="ctgov-xml", path=path, data_sha=data_sha, study=study,
                       doc_id=(nct or "").strip() or None, site="clinicaltrials.gov")


def _texts(root, xpath: str) -> list[str]:
    return [" ".join(e.text.split()) for e in root.findall(xpath) if e.text and e.text.strip()]


def study_facts(root) -> dict[str, Any]:
    ids: list[dict[str, str]] = []
    facts.add_identifier(ids, root.findtext("id_info/nct_id"), "NCT")
    for sec in _texts(root, "id_info/secondary_id"):
        facts.add_identifier(ids, sec)        # every secondary id; its system guessed from its shape
    el = root.find("eligibility")
    get = (lambda p: el.findtext(p) if el is not None else None)
    study: dict[str, Any] = {
        "identifiers": ids,
        "title": " ".join((root.findtext("brief_title") or "").split()) or None,
        "phase": facts.phases(root.findtext("phase")),
        "status": facts.status(root.findtext("overall_status")),
        "enrollment": facts.integer(root.findtext("enrollment")),
        "sex": facts.sex(get("gender")),
        "minimum_age": facts.age(get("minimum_age")),
        "maximum_age": facts.age(get("maximum_age")),
        "healthy_volunteers": facts.flag(get("healthy_volunteers")),
        "conditions": _texts(root, "condition"),
        "interventions": [
            {"name": " ".join((i.findtext("intervention_name") or "").split()),
             "type": facts.upper_snake(i.findtext("intervention_type"))}
            for i in root.findall("intervention")
        ],
        "sponsor": " ".join((root.findtext("sponsors/lead_sponsor/agency") or "").split()) or None,
        "investigators": facts.names(o.findtext("last_name") for o in root.findall("overall_official")),
        "sites": facts.names(loc.findtext("facility/name") for loc in root.findall("location")),
        "site_count": len(root.findall("location")) or None,
        "start_date": " ".join((root.findtext("start_date") or "").split()) or None,
        "completion_date": " ".join((root.findtext("completion_date") or "").split()) or None,
    }
    enrol = root.find("enrollment")
    if study["enrollment"] is not None and enrol is not None:
        study["enrollment_type"] = facts.enrollment_type(enrol.get("type"))
    return facts.prune(study)
