"""ClinicalTrials.gov legacy XML (`<clinical_study>`, AllPublicXML and displayxml exports)."""
from __future__ import annotations

from typing import Any

from ..errors import UnsupportedShape
from . import facts
from .builder import Builder, make_source, sha256, write_title
from .fact_log import FactLog
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


def _path(el) -> str:
    """The element's XPath from the root, with a position wherever the tag repeats among siblings."""
    steps = []
    while el is not None:
        parent = el.getparent()
        step = el.tag
        if parent is not None:
            same = [c for c in parent if c.tag == el.tag]
            if len(same) > 1:
                step += f"[{same.index(el) + 1}]"
        steps.append(step)
        el = parent
    return "/" + "/".join(reversed(steps))


def _one(log: FactLog, field: str, el, convert=lambda v: " ".join(v.split()) or None) -> None:
    if el is not None and el.text and el.text.strip():
        log.set(field, convert(el.text), {"xpath": _path(el)}, el.text)


def study_facts(root) -> dict[str, Any]:
    log = FactLog()
    nct = root.find("id_info/nct_id")
    if nct is not None and nct.text:
        log.identifier(nct.text.strip(), {"xpath": _path(nct)}, "NCT", nct.text)
    for sec in root.findall("id_info/secondary_id"):
        if sec.text and sec.text.strip():   # every secondary id; its system guessed from its shape
            log.identifier(" ".join(sec.text.split()), {"xpath": _path(sec)}, raw=sec.text)
    org = root.find("id_info/org_study_id")
    if org is not None and org.text and org.text.strip():     # the sponsor's own protocol number
        log.identifier(" ".join(org.text.split()), {"xpath": _path(org)}, "org", org.text)
    _one(log, "title", root.find("brief_title"))
    _one(log, "phase", root.find("phase"), facts.phases)
    _one(log, "status", root.find("overall_status"), facts.status)
    enrol = root.find("enrollment")
    _one(log, "enrollment", enrol, facts.integer)
    if log.has("enrollment") and enrol.get("type"):
        log.set("enrollment_type", facts.enrollment_type(enrol.get("type")), {"xpath": _path(enrol) + "/@type"},
                enrol.get("type"))
    _one(log, "sex", root.find("eligibility/gender"), facts.sex)
    _one(log, "minimum_age", root.find("eligibility/minimum_age"), facts.age)
    _one(log, "maximum_age", root.find("eligibility/maximum_age"), facts.age)
    _one(log, "healthy_volunteers", root.find("eligibility/healthy_volunteers"), facts.flag)
    for c in root.findall("condition"):
        if c.text and c.text.strip():
            log.add("conditions", " ".join(c.text.split()), {"xpath": _path(c)}, c.text)
    for i in root.findall("intervention"):
        name = i.find("intervention_name")
        item = {"name": " ".join((name.text or "").split()) if name is not None else "",
                "type": facts.upper_snake(i.findtext("intervention_type"))}
        log.add("interventions", item, {"xpath": _path(name if name is not None else i)},
                name.text if name is not None else None)
    _one(log, "sponsor", root.find("sponsors/lead_sponsor/agency"))
    for o in root.findall("overall_official/last_name"):
        if o.text and o.text.strip():
            log.add("investigators", " ".join(o.text.split()), {"xpath": _path(o)}, o.text)
    party = root.find("responsible_party")
    if party is not None and "investigator" in (party.findtext("responsible_party_type") or "").lower():
        name = party.find("investigator_full_name")
        if name is not None:
            log.investigator(name.text, {"xpath": _path(name)}, name.text)
    locations = root.findall("location")
    for loc in locations:
        name = loc.find("facility/name")
        if name is not None and name.text and name.text.strip():
            log.add("sites", " ".join(name.text.split()), {"xpath": _path(name)}, name.text)
    if locations:
        log.set("site_count", len(locations), {"xpath": "/clinical_study/location"})
    _one(log, "start_date", root.find("start_date"))
    _one(log, "completion_date", root.find("completion_date"))
    return log.study()
