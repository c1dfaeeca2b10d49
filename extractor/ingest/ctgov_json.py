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
from .fact_log import FactLog
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
                       study=v2_facts(p, base), doc_id=nct, site="clinicaltrials.gov")


def v2_facts(p: dict, base: str = "") -> dict[str, Any]:
    """`base`: the pointer of the study in the file (facts' locators start at the file root)."""
    log = FactLog()
    at = base + "/protocolSection"
    nct = dig(p, "identificationModule", "nctId")
    if isinstance(nct, str):
        log.identifier(nct.strip(), {"pointer": at + "/identificationModule/nctId"}, "NCT", nct)
    for k, sec in enumerate(dig(p, "identificationModule", "secondaryIdInfos") or []):
        sid = (sec or {}).get("id") if isinstance(sec, dict) else None
        if isinstance(sid, str):
            log.identifier(" ".join(sid.split()), {"pointer": at + pointer("identificationModule", "secondaryIdInfos", k, "id")},
                           facts.secondary_system(sid, sec.get("type"), sec.get("domain")), sid)
    org = dig(p, "identificationModule", "orgStudyIdInfo", "id")
    if isinstance(org, str) and org.strip():             # the sponsor's own protocol number
        log.identifier(" ".join(org.split()), {"pointer": at + "/identificationModule/orgStudyIdInfo/id"}, "org", org)
    log.pick("title", p, at, "identificationModule", "briefTitle")
    log.pick("phase", p, at, "designModule", "phases", convert=facts.phases)
    log.pick("status", p, at, "statusModule", "overallStatus", convert=facts.status)
    if log.pick("enrollment", p, at, "designModule", "enrollmentInfo", "count", convert=facts.integer) is not None:
        log.pick("enrollment_type", p, at, "designModule", "enrollmentInfo", "type", convert=facts.enrollment_type)
    log.pick("sex", p, at, "eligibilityModule", "sex", convert=facts.sex)
    log.pick("minimum_age", p, at, "eligibilityModule", "minimumAge", convert=facts.age)
    log.pick("maximum_age", p, at, "eligibilityModule", "maximumAge", convert=facts.age)
    log.pick("healthy_volunteers", p, at, "eligibilityModule", "healthyVolunteers", convert=facts.flag)
    for k, c in enumerate(dig(p, "conditionsModule", "conditions") or []):
        if isinstance(c, str):
            log.add("conditions", facts.text(c), {"pointer": at + pointer("conditionsModule", "conditions", k)}, c)
    for k, it in enumerate(dig(p, "armsInterventionsModule", "interventions") or []):
        if isinstance(it, dict):
            name = it.get("name") if isinstance(it.get("name"), str) else ""
            log.add("interventions", {"name": " ".join(name.split()), "type": facts.upper_snake(it.get("type"))},
                    {"pointer": at + pointer("armsInterventionsModule", "interventions", k, "name")}, name)
    log.pick("sponsor", p, at, "sponsorCollaboratorsModule", "leadSponsor", "name")
    _people(log, "investigators", p, at, ("contactsLocationsModule", "overallOfficials"), "name")
    if "INVESTIGATOR" in str(dig(p, "sponsorCollaboratorsModule", "responsibleParty", "type") or ""):
        log.investigator(dig(p, "sponsorCollaboratorsModule", "responsibleParty", "investigatorFullName"),
                         {"pointer": at + "/sponsorCollaboratorsModule/responsibleParty/investigatorFullName"},
                         dig(p, "sponsorCollaboratorsModule", "responsibleParty", "investigatorFullName"))
    _people(log, "sites", p, at, ("contactsLocationsModule", "locations"), "facility")
    locations = dig(p, "contactsLocationsModule", "locations")
    if isinstance(locations, list) and locations:
        log.set("site_count", len(locations), {"pointer": at + "/contactsLocationsModule/locations"})
    log.pick("start_date", p, at, "statusModule", "startDateStruct", "date")
    log.pick("completion_date", p, at, "statusModule", "completionDateStruct", "date")
    return log.study()


def _people(log: FactLog, field: str, obj: Any, at: str, keys: tuple, name_key: str) -> None:
    """A list of named entries (officials, locations): each name, with its pointer."""
    for k, o in enumerate(dig(obj, *keys) or []):
        name = o.get(name_key) if isinstance(o, dict) else None
        if isinstance(name, str) and name.strip():
            log.add(field, " ".join(name.split()), {"pointer": at + pointer(*keys, k, name_key)}, name)


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
                       study=v1_facts(p, base), doc_id=nct, site="clinicaltrials.gov")


def v1_facts(p: dict, base: str = "") -> dict[str, Any]:
    log = FactLog()
    at = base + "/ProtocolSection"
    nct = dig(p, "IdentificationModule", "NCTId")
    if isinstance(nct, str):
        log.identifier(nct.strip(), {"pointer": at + "/IdentificationModule/NCTId"}, "NCT", nct)
    keys = ("IdentificationModule", "SecondaryIdInfoList", "SecondaryIdInfo")
    for k, sec in enumerate(dig(p, *keys) or []):
        sid = (sec or {}).get("SecondaryId") if isinstance(sec, dict) else None
        if isinstance(sid, str):
            log.identifier(" ".join(sid.split()), {"pointer": at + pointer(*keys, k, "SecondaryId")},
                           facts.secondary_system(sid, sec.get("SecondaryIdType"), sec.get("SecondaryIdDomain")), sid)
    org = dig(p, "IdentificationModule", "OrgStudyIdInfo", "OrgStudyId")
    if isinstance(org, str) and org.strip():
        log.identifier(" ".join(org.split()), {"pointer": at + "/IdentificationModule/OrgStudyIdInfo/OrgStudyId"}, "org", org)
    log.pick("title", p, at, "IdentificationModule", "BriefTitle")
    log.pick("phase", p, at, "DesignModule", "PhaseList", "Phase", convert=facts.phases)
    log.pick("status", p, at, "StatusModule", "OverallStatus", convert=facts.status)
    if log.pick("enrollment", p, at, "DesignModule", "EnrollmentInfo", "EnrollmentCount", convert=facts.integer) is not None:
        log.pick("enrollment_type", p, at, "DesignModule", "EnrollmentInfo", "EnrollmentType",
                 convert=facts.enrollment_type)
    log.pick("sex", p, at, "EligibilityModule", "Gender", convert=facts.sex)
    log.pick("minimum_age", p, at, "EligibilityModule", "MinimumAge", convert=facts.age)
    log.pick("maximum_age", p, at, "EligibilityModule", "MaximumAge", convert=facts.age)
    log.pick("healthy_volunteers", p, at, "EligibilityModule", "HealthyVolunteers", convert=facts.flag)
    keys = ("ConditionsModule", "ConditionList", "Condition")
    for k, c in enumerate(dig(p, *keys) or []):
        if isinstance(c, str):
            log.add("conditions", facts.text(c), {"pointer": at + pointer(*keys, k)}, c)
    keys = ("ArmsInterventionsModule", "InterventionList", "Intervention")
    for k, it in enumerate(dig(p, *keys) or []):
        if isinstance(it, dict):
            name = it.get("InterventionName") if isinstance(it.get("InterventionName"), str) else ""
            log.add("interventions", {"name": " ".join(name.split()), "type": facts.upper_snake(it.get("InterventionType"))},
                    {"pointer": at + pointer(*keys, k, "InterventionName")}, name)
    log.pick("sponsor", p, at, "SponsorCollaboratorsModule", "LeadSponsor", "LeadSponsorName")
    _people(log, "investigators", p, at, ("ContactsLocationsModule", "OverallOfficialList", "OverallOfficial"),
            "OverallOfficialName")
    party = ("SponsorCollaboratorsModule", "ResponsibleParty")
    if "investigator" in str(dig(p, *party, "ResponsiblePartyType") or "").lower():
        name = dig(p, *party, "ResponsiblePartyInvestigatorFullName")
        log.investigator(name, {"pointer": at + pointer(*party, "ResponsiblePartyInvestigatorFullName")}, name)
    keys = ("ContactsLocationsModule", "LocationList", "Location")
    _people(log, "sites", p, at, keys, "LocationFacility")
    locations = dig(p, *keys)
    if isinstance(locations, list) and locations:
        log.set("site_count", len(locations), {"pointer": at + pointer(*keys)})
    log.pick("start_date", p, at, "StatusModule", "StartDateStruct", "StartDate")
    log.pick("completion_date", p, at, "StatusModule", "CompletionDateStruct", "CompletionDate")
    return log.study()


# ---- legacy XML as JSON (ctrdata) ---------------------------------------------------------------

def _as_list(v: Any) -> list:
    return v if isinstance(v, list) else ([] if v is None else [v])


def _legacy(doc: dict, base: str, path: str, digest: str, rec: str | None) -> Source:
    b = Builder()
    write_title(b, doc.get("brief_title"), {"pointer": base + "/brief_title"}, entities=True)
    # The converter kept `&#xD;` and `&apos;` as literal text and folded line breaks into spaces.
    _criteria(b, dig(doc, "eligibility", "criteria", "textblock"),
              base + "/eligibility/criteria/textblock", entities=True)
    study = legacy_facts(doc, base)
    return make_source(b, fmt="ctgov-xml-json", path=path, data_sha=digest, record=rec, study=study,
                       doc_id=dig(doc, "id_info", "nct_id"), site="clinicaltrials.gov")


def _items(doc: dict, *keys: str) -> list[tuple[Any, tuple]]:
    """A repeatable element: the converter writes one as a value, several as a list."""
    v = dig(doc, *keys)
    if isinstance(v, list):
        return [(x, (*keys, k)) for k, x in enumerate(v)]
    return [] if v is None else [(v, keys)]


def legacy_facts(doc: dict, base: str = "") -> dict[str, Any]:
    """The converter left XML entities (`&apos;`, `&amp;`) in every string: values are read
    unescaped, and their locators count in the string as stored."""
    log = FactLog()

    def text(v: Any) -> Any:
        return facts.text(html.unescape(v)) if isinstance(v, str) else None

    def one(field: str, *keys: str, convert: Any = text) -> Any:
        v = dig(doc, *keys)
        if isinstance(v, dict):                 # an element with attributes: its text
            keys, v = (*keys, "#text") if "#text" in v else (*keys, "text"), v.get("#text", v.get("text"))
        if v is None:
            return None
        return log.set(field, convert(html.unescape(v) if isinstance(v, str) else v), {"pointer": base + pointer(*keys)}, v)

    def each(field: str, keys: tuple, name: tuple = (), make: Any = text) -> list:
        found = []
        for item, where in _items(doc, *keys):
            v = dig(item, *name)
            if isinstance(v, str) and v.strip():
                log.add(field, make(v, item), {"pointer": base + pointer(*where, *name)}, v)
                found.append(item)
        return found

    nct = dig(doc, "id_info", "nct_id")
    if isinstance(nct, str):
        log.identifier(nct.strip(), {"pointer": base + "/id_info/nct_id"}, "NCT", nct)
    for sec, where in _items(doc, "id_info", "secondary_id"):
        if isinstance(sec, str):
            log.identifier(" ".join(sec.split()), {"pointer": base + pointer(*where)}, raw=sec)
    org = dig(doc, "id_info", "org_study_id")
    if isinstance(org, str) and org.strip():
        log.identifier(" ".join(html.unescape(org).split()), {"pointer": base + "/id_info/org_study_id"}, "org", org)
    one("title", "brief_title")
    one("phase", "phase", convert=facts.phases)
    one("status", "overall_status", convert=facts.status)
    if one("enrollment", "enrollment", convert=facts.integer) is not None:
        one("enrollment_type", "enrollment", "@attributes", "type", convert=facts.enrollment_type)
    one("sex", "eligibility", "gender", convert=facts.sex)
    one("minimum_age", "eligibility", "minimum_age", convert=facts.age)
    one("maximum_age", "eligibility", "maximum_age", convert=facts.age)
    one("healthy_volunteers", "eligibility", "healthy_volunteers", convert=facts.flag)
    each("conditions", ("condition",), make=lambda v, _: text(v))
    each("interventions", ("intervention",), ("intervention_name",),
         make=lambda v, it: {"name": text(v), "type": facts.upper_snake(it.get("intervention_type"))})
    one("sponsor", "sponsors", "lead_sponsor", "agency")
    each("investigators", ("overall_official",), ("last_name",), make=lambda v, _: text(v))
    if "investigator" in str(dig(doc, "responsible_party", "responsible_party_type") or "").lower():
        name = dig(doc, "responsible_party", "investigator_full_name")
        log.investigator(text(name), {"pointer": base + "/responsible_party/investigator_full_name"}, name)
    each("sites", ("location",), ("facility", "name"), make=lambda v, _: text(v))
    if _items(doc, "location"):
        log.set("site_count", len(_items(doc, "location")), {"pointer": base + "/location"})
    one("start_date", "start_date")
    one("completion_date", "completion_date")
    return log.study()
