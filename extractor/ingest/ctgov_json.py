"""ClinicalTrials.gov JSON: API v2 (one study, `ctg-studies.json` arrays, `{"studies": [...]}` pages),
classic API v1 (`FullStudiesResponse`, one study or a search page), and legacy XML records
converted to JSON by ctrdata (`{"id_info": ..., "eligibility": {"criteria": {"textblock": ...}}}`,
entities such as `&#xD;` left as text) — format names "ctgov-v2-json", "ctgov-v1-json",
"ctgov-xml-json"."""
from __future__ import annotations

import html
from typing import Any

from ..errors import UnsupportedShape
from . import facts
from .builder import Builder, isolated, make_source, sha256, write_title
from .jsonutil import dig, load, pointer
from .limits import DEFAULT_LIMITS, Limits
from .mapped import block
from .source import Source


def is_v2_study(obj: Any) -> bool:
    return isinstance(obj, dict) and isinstance(obj.get("protocolSection"), dict)


def is_legacy_json(obj: Any) -> bool:
    return isinstance(obj, dict) and isinstance(obj.get("id_info"), dict) and "brief_title" in obj


def records(doc: Any) -> list[tuple[str, str | None, dict]] | None:
    """(format, record pointer, study object) for each study the JSON holds, or None if none."""
    if is_v2_study(doc):
        return [("ctgov-v2-json", None, doc)]
    if is_legacy_json(doc):
        return [("ctgov-xml-json", None, doc)]
    if isinstance(doc, list) and doc and all(is_v2_study(x) for x in doc):
        return [("ctgov-v2-json", pointer(i), x) for i, x in enumerate(doc)]
    if isinstance(doc, dict) and isinstance(doc.get("studies"), list) and all(is_v2_study(x) for x in doc["studies"]):
        return [("ctgov-v2-json", pointer("studies", i), x) for i, x in enumerate(doc["studies"])]
    full = dig(doc, "FullStudiesResponse", "FullStudies")
    if isinstance(full, list):
        single = len(full) == 1
        return [("ctgov-v1-json", None if single else pointer("FullStudiesResponse", "FullStudies", i, "Study"),
                 x.get("Study") or {}) for i, x in enumerate(full) if isinstance(x, dict)]
    return None


def read(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> list[Source]:
    return read_doc(load(data, path, limits), data, path, limits)


def read_doc(doc: Any, data: bytes, path: str, limits: Limits) -> list[Source]:
    recs = records(doc)
    if recs is None:
        raise UnsupportedShape("JSON is not a ClinicalTrials.gov study, study array or search page", path)
    limits.check_records(len(recs), path)
    digest = sha256(data)
    out = []
    for fmt, rec, study in recs:
        # Pointers in locators start at the file root so they can be evaluated on the raw file.
        base = rec or ""
        if rec is None and fmt == "ctgov-v1-json":
            base = pointer("FullStudiesResponse", "FullStudies", 0, "Study")
        maker = {"ctgov-v2-json": _v2, "ctgov-v1-json": _v1, "ctgov-xml-json": _legacy}[fmt]
        out.append(isolated(path, rec, lambda: maker(study, base, path, digest, rec)))
    return out


def _criteria(b: Builder, value: Any, ptr: str, **clean: bool) -> None:
    if isinstance(value, str) and value.strip():
        m = block(value, **clean)
        b.copy(m, {"pointer": ptr})
        b.text("\n")


# ---- API v2 ---------------------------------------------------------------------------------

def _v2(doc: dict, base: str, path: str, digest: str, rec: str | None) -> Source:
    p = doc["protocolSection"]
    b = Builder()
    write_title(b, dig(p, "identificationModule", "briefTitle"),
                {"pointer": base + "/protocolSection/identificationModule/briefTitle"})
    # v2 criteria are Markdown-like: `\>` `\<` `\*` escapes are undone through the offset map.
    _criteria(b, dig(p, "eligibilityModule", "eligibilityCriteria"),
              base + "/protocolSection/eligibilityModule/eligibilityCriteria", markdown=True)
    nct = dig(p, "identificationModule", "nctId")
    return make_source(b, fmt="ctgov-v2-json", path=path, data_sha=digest, record=rec,
                       study=v2_facts(p), doc_id=nct, site="clinicaltrials.gov")


def v2_facts(p: dict) -> dict[str, Any]:
    ident = p.get("identificationModule") or {}
    elig = p.get("eligibilityModule") or {}
    ids: list[dict[str, str]] = []
    facts.add_identifier(ids, ident.get("nctId"), "NCT")
    for sec in ident.get("secondaryIdInfos") or []:
        sid = (sec or {}).get("id")
        if isinstance(sid, str):
            facts.add_identifier(ids, sid, facts.secondary_system(sid, (sec or {}).get("type")))
    study = {
        "identifiers": ids,
        "title": " ".join((ident.get("briefTitle") or "").split()) or None,
        "phase": facts.phases(dig(p, "designModule", "phases")),
        "status": facts.status(dig(p, "statusModule", "overallStatus")),
        "enrollment": facts.integer(dig(p, "designModule", "enrollmentInfo", "count")),
        "sex": facts.sex(elig.get("sex")),
        "minimum_age": facts.age(elig.get("minimumAge")),
        "maximum_age": facts.age(elig.get("maximumAge")),
        "healthy_volunteers": facts.flag(elig.get("healthyVolunteers")),
        "conditions": [" ".join(c.split()) for c in dig(p, "conditionsModule", "conditions") or [] if isinstance(c, str)],
        "interventions": [{"name": " ".join((i.get("name") or "").split()), "type": facts.upper_snake(i.get("type"))}
                          for i in dig(p, "armsInterventionsModule", "interventions") or [] if isinstance(i, dict)],
        "sponsor": dig(p, "sponsorCollaboratorsModule", "leadSponsor", "name"),
        "investigators": facts.names(o.get("name") for o in dig(p, "contactsLocationsModule", "overallOfficials") or []
                                     if isinstance(o, dict)),
        "sites": facts.names(loc.get("facility") for loc in dig(p, "contactsLocationsModule", "locations") or []
                             if isinstance(loc, dict)),
        "site_count": len(dig(p, "contactsLocationsModule", "locations") or []) or None,
        "start_date": facts.text(dig(p, "statusModule", "startDateStruct", "date")),
        "completion_date": facts.text(dig(p, "statusModule", "completionDateStruct", "date")),
    }
    if study["enrollment"] is not None:
        study["enrollment_type"] = facts.enrollment_type(dig(p, "designModule", "enrollmentInfo", "type"))
    return facts.prune(study)


# ---- classic API v1 ---------------------------------------------------------------------------

def _v1(study: dict, base: str, path: str, digest: str, rec: str | None) -> Source:
    p = study.get("ProtocolSection") or {}
    b = Builder()
    write_title(b, dig(p, "IdentificationModule", "BriefTitle"),
                {"pointer": base + "/ProtocolSection/IdentificationModule/BriefTitle"})
    _criteria(b, dig(p, "EligibilityModule", "EligibilityCriteria"),
              base + "/ProtocolSection/EligibilityModule/EligibilityCriteria")
    nct = dig(p, "IdentificationModule", "NCTId")
    return make_source(b, fmt="ctgov-v1-json", path=path, data_sha=digest, record=rec,
                       study=v1_facts(p), doc_id=nct, site="clinicaltrials.gov")


def v1_facts(p: dict) -> dict[str, Any]:
    ident = p.get("IdentificationModule") or {}
    elig = p.get("EligibilityModule") or {}
    ids: list[dict[str, str]] = []
    facts.add_identifier(ids, ident.get("NCTId"), "NCT")
    for sec in dig(ident, "SecondaryIdInfoList", "SecondaryIdInfo") or []:
        sid = (sec or {}).get("SecondaryId")
        if isinstance(sid, str):
            facts.add_identifier(ids, sid, facts.secondary_system(sid, (sec or {}).get("SecondaryIdType")))
    study = {
        "identifiers": ids,
        "title": " ".join((ident.get("BriefTitle") or "").split()) or None,
        "phase": facts.phases(dig(p, "DesignModule", "PhaseList", "Phase")),
        "status": facts.status(dig(p, "StatusModule", "OverallStatus")),
        "enrollment": facts.integer(dig(p, "DesignModule", "EnrollmentInfo", "EnrollmentCount")),
        "sex": facts.sex(elig.get("Gender")),
        "minimum_age": facts.age(elig.get("MinimumAge")),
        "maximum_age": facts.age(elig.get("MaximumAge")),
        "healthy_volunteers": facts.flag(elig.get("HealthyVolunteers")),
        "conditions": [" ".join(c.split()) for c in dig(p, "ConditionsModule", "ConditionList", "Condition") or []
                       if isinstance(c, str)],
        "interventions": [{"name": " ".join((i.get("InterventionName") or "").split()),
                           "type": facts.upper_snake(i.get("InterventionType"))}
                          for i in dig(p, "ArmsInterventionsModule", "InterventionList", "Intervention") or []
                          if isinstance(i, dict)],
        "sponsor": dig(p, "SponsorCollaboratorsModule", "LeadSponsor", "LeadSponsorName"),
        "investigators": facts.names(o.get("OverallOfficialName") for o in
                                     dig(p, "ContactsLocationsModule", "OverallOfficialList", "OverallOfficial") or []
                                     if isinstance(o, dict)),
        "sites": facts.names(loc.get("LocationFacility") for loc in
                             dig(p, "ContactsLocationsModule", "LocationList", "Location") or [] if isinstance(loc, dict)),
        "site_count": len(dig(p, "ContactsLocationsModule", "LocationList", "Location") or []) or None,
        "start_date": facts.text(dig(p, "StatusModule", "StartDateStruct", "StartDate")),
        "completion_date": facts.text(dig(p, "StatusModule", "CompletionDateStruct", "CompletionDate")),
    }
    if study["enrollment"] is not None:
        study["enrollment_type"] = facts.enrollment_type(dig(p, "DesignModule", "EnrollmentInfo", "EnrollmentType"))
    return facts.prune(study)


# ---- legacy XML as JSON (ctrdata) ---------------------------------------------------------------

def _as_list(v: Any) -> list:
    return v if isinstance(v, list) else ([] if v is None else [v])


def _legacy(doc: dict, base: str, path: str, digest: str, rec: str | None) -> Source:
    b = Builder()
    write_title(b, doc.get("brief_title"), {"pointer": base + "/brief_title"}, entities=True)
    # The converter kept `&#xD;` and `&apos;` as literal text and folded line breaks into spaces.
    _criteria(b, dig(doc, "eligibility", "criteria", "textblock"),
              base + "/eligibility/criteria/textblock", entities=True)
    el = doc.get("eligibility") or {}
    ids: list[dict[str, str]] = []
    facts.add_identifier(ids, dig(doc, "id_info", "nct_id"), "NCT")
    for sec in _as_list(dig(doc, "id_info", "secondary_id")):
        if isinstance(sec, str):
            facts.add_identifier(ids, sec)
    study = _unescape_strings({
        "identifiers": ids,
        "title": " ".join(str(doc.get("brief_title") or "").split()) or None,
        "phase": facts.phases(doc.get("phase")),
        "status": facts.status(doc.get("overall_status")),
        "enrollment": facts.integer(doc.get("enrollment") if not isinstance(doc.get("enrollment"), dict)
                                    else doc["enrollment"].get("#text") or doc["enrollment"].get("text")),
        "sex": facts.sex(el.get("gender")),
        "minimum_age": facts.age(el.get("minimum_age")),
        "maximum_age": facts.age(el.get("maximum_age")),
        "healthy_volunteers": facts.flag(el.get("healthy_volunteers")),
        "conditions": [c for c in _as_list(doc.get("condition")) if isinstance(c, str)],
        "interventions": [{"name": i.get("intervention_name"), "type": facts.upper_snake(i.get("intervention_type"))}
                          for i in _as_list(doc.get("intervention")) if isinstance(i, dict)],
        "sponsor": dig(doc, "sponsors", "lead_sponsor", "agency"),
    })
    return make_source(b, fmt="ctgov-xml-json", path=path, data_sha=digest, record=rec, study=study,
                       doc_id=dig(doc, "id_info", "nct_id"), site="clinicaltrials.gov")


def _unescape_strings(study: dict[str, Any]) -> dict[str, Any]:
    """The converter left XML entities (`&apos;`, `&amp;`) in every string value."""
    def fix(v: Any) -> Any:
        if isinstance(v, str):
            return html.unescape(v)
        if isinstance(v, list):
            return [fix(x) for x in v]
        if isinstance(v, dict):
            return {k: fix(x) for k, x in v.items()}
        return v
    return facts.prune(fix(study))
