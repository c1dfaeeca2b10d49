"""Write ClinicalTrials.gov API v2 studies as FHIR ResearchStudy JSON (R4 and R5), the way a
registry's FHIR façade would, so the FHIR reader can be checked against the registry's own
format for the same trial. Used by the tests only."""
from __future__ import annotations

import re
from typing import Any

_MD = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~=^&$%\"'/:;,@?])")
_HEADING = {"inclusion": re.compile(r"(?im)^[ \t]*inclusion criteria:?[ \t]*$"),
            "exclusion": re.compile(r"(?im)^[ \t]*exclusion criteria:?[ \t]*$")}
_STATUS_R4 = {"RECRUITING": "active", "NOT_YET_RECRUITING": "approved", "COMPLETED": "completed",
              "ACTIVE_NOT_RECRUITING": "closed-to-accrual", "SUSPENDED": "temporarily-closed-to-accrual",
              "TERMINATED": "administratively-completed", "WITHDRAWN": "withdrawn"}
_STATUS_R5 = {"RECRUITING": "recruiting", "NOT_YET_RECRUITING": "not-yet-recruiting", "COMPLETED": "completed",
              "ACTIVE_NOT_RECRUITING": "active-not-recruiting", "SUSPENDED": "temporarily-closed-to-accrual",
              "TERMINATED": "terminated", "WITHDRAWN": "withdrawn", "ENROLLING_BY_INVITATION": "enrolling-by-invitation"}
PHASE_SYSTEM = "http://terminology.hl7.org/CodeSystem/research-study-phase"


def sides(criteria: str) -> dict[str, str] | None:
    """The inclusion and exclusion lists of a CT.gov criteria text, when it has exactly one
    heading for each, inclusion first, and nothing before the first."""
    inc, exc = (list(_HEADING[k].finditer(criteria)) for k in ("inclusion", "exclusion"))
    if len(inc) != 1 or len(exc) != 1 or inc[0].start() > exc[0].start() or criteria[:inc[0].start()].strip():
        return None
    return {"inclusion": criteria[inc[0].end():exc[0].start()].strip("\n"),
            "exclusion": criteria[exc[0].end():].rstrip()}


def _phase(phases: list[str]) -> dict[str, Any] | None:
    codes = [p.lower().replace("early_phase1", "early-phase-1").replace("phase", "phase-") for p in phases or []]
    if not codes:
        return None
    code = "n-a" if codes == ["na"] else "-".join(codes)
    return {"coding": [{"system": PHASE_SYSTEM, "code": code}]}


def _common(p: dict) -> dict[str, Any]:
    ident = p["identificationModule"]
    ids = [{"system": "https://clinicaltrials.gov", "value": ident["nctId"]}]
    for sec in ident.get("secondaryIdInfos") or []:
        ids.append({"type": {"text": sec.get("type") or "OTHER"}, "value": sec["id"]})
    org = (ident.get("orgStudyIdInfo") or {}).get("id")
    if org:                                       # the sponsor's own protocol number
        ids.append({"type": {"text": "org"}, "value": org})
    out: dict[str, Any] = {"identifier": ids, "title": ident["briefTitle"]}
    phase = _phase((p.get("designModule") or {}).get("phases"))
    if phase:
        out["phase"] = phase
    out["condition"] = [{"text": c} for c in (p.get("conditionsModule") or {}).get("conditions") or []]
    out["focus"] = [{"text": f"{i['type'].replace('_', ' ').title()}: {i['name']}"}
                    for i in (p.get("armsInterventionsModule") or {}).get("interventions") or []]
    return out


def _criteria_resource(kind: str, p: dict, how: str, r5: bool) -> dict[str, Any]:
    text = p["eligibilityModule"]["eligibilityCriteria"]
    res: dict[str, Any] = {"resourceType": kind, "id": "eligibility"}
    if kind == "Group":
        res.update({"type": "person", "actual": False})
    if how == "description":
        res["description"] = text
        return res
    chars = []
    for side, body in sides(text).items():
        if r5:
            chars.append({"description": body, "exclude": side == "exclusion"})
        else:
            chars.append({"code": {"text": f"{side} criteria"},
                          "valueCodeableConcept": {"text": _MD.sub(r"\1", body)}, "exclude": side == "exclusion"})
    res["characteristic"] = chars + _demographics(p["eligibilityModule"], r5)
    return res


def _demographics(elig: dict, r5: bool) -> list[dict[str, Any]]:
    """Sex and age range as coded characteristics (no text: they are facts, not criteria)."""
    out = []
    sex = (elig.get("sex") or "").lower()
    if sex:
        out.append(("gender", {"valueCodeableConcept": {"coding": [{"code": sex}]}}))
    ages = {}
    for key, end in (("minimumAge", "low"), ("maximumAge", "high")):
        if elig.get(key):
            number, unit = elig[key].split()
            ages[end] = {"value": int(number), "unit": unit.lower()}
    if ages:
        out.append(("age", {"valueRange": ages}))
    if r5:
        return [{"definitionByTypeAndValue": {"type": {"coding": [{"code": code}]}, **value}, "exclude": False}
                for code, value in out]
    return [{"code": {"coding": [{"code": code}]}, **value, "exclude": False} for code, value in out]


def r4(study: dict, how: str = "characteristic") -> dict[str, Any]:
    p = study["protocolSection"]
    group = _criteria_resource("Group", p, how, r5=False)
    count = ((p.get("designModule") or {}).get("enrollmentInfo") or {}).get("count")
    if count is not None:
        group["quantity"] = count
    out = {"resourceType": "ResearchStudy", "id": p["identificationModule"]["nctId"], "contained": [group],
           **_common(p), "status": _STATUS_R4.get(p["statusModule"]["overallStatus"], "active"),
           "enrollment": [{"reference": "#eligibility"}]}
    sponsor = ((p.get("sponsorCollaboratorsModule") or {}).get("leadSponsor") or {}).get("name")
    if sponsor:
        out["sponsor"] = {"display": sponsor}
    return out


def r5(study: dict, how: str = "characteristic") -> tuple[dict[str, Any], dict[str, Any]]:
    """(ResearchStudy, the EvidenceVariable it references as Bundle-relative `EvidenceVariable/<id>`)."""
    p = study["protocolSection"]
    ev = _criteria_resource("EvidenceVariable", p, how, r5=True)
    ev["id"] = "ev-" + p["identificationModule"]["nctId"]
    out = {"resourceType": "ResearchStudy", "id": p["identificationModule"]["nctId"], **_common(p), "status": "active",
           "progressStatus": [{"state": {"coding": [{"code": _STATUS_R5.get(p["statusModule"]["overallStatus"], "recruiting")}]},
                               "actual": True}],
           "recruitment": {"eligibility": {"reference": f"EvidenceVariable/{ev['id']}"}}}
    info = (p.get("designModule") or {}).get("enrollmentInfo") or {}
    if info.get("count") is not None:
        out["recruitment"]["actualNumber" if info.get("type") == "ACTUAL" else "targetNumber"] = info["count"]
    sponsor = ((p.get("sponsorCollaboratorsModule") or {}).get("leadSponsor") or {}).get("name")
    if sponsor:
        out["associatedParty"] = [{"name": sponsor, "role": {"coding": [{"code": "lead-sponsor"}]}}]
    return out, ev


def bundle(resources: list[dict[str, Any]]) -> dict[str, Any]:
    return {"resourceType": "Bundle", "type": "collection",
            "entry": [{"fullUrl": f"urn:uuid:{r['resourceType'].lower()}-{r['id']}", "resource": r} for r in resources]}


FHIR_NS = "http://hl7.org/fhir"


def to_xml(resource: dict) -> bytes:
    """A FHIR JSON resource (or Bundle) as FHIR XML: primitives as `value` attributes, a list as
    repeated elements, a contained or entry resource wrapped in an element named for it."""
    from lxml import etree

    def fill(el, obj: dict) -> None:
        for key, value in obj.items():
            if key == "resourceType":
                continue
            for item in value if isinstance(value, list) else [value]:
                child = etree.SubElement(el, f"{{{FHIR_NS}}}{key}")
                if isinstance(item, dict) and "resourceType" in item:
                    fill(etree.SubElement(child, f"{{{FHIR_NS}}}{item['resourceType']}"), item)
                elif isinstance(item, dict):
                    fill(child, item)
                else:
                    child.set("value", ("true" if item else "false") if isinstance(item, bool) else str(item))

    root = etree.Element(f"{{{FHIR_NS}}}{resource['resourceType']}", nsmap={None: FHIR_NS})
    fill(root, resource)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
