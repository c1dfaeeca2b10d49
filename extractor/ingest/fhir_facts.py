"""Study facts of a FHIR ResearchStudy (R4 or R5) in the record's vocabulary (pure functions)."""
from __future__ import annotations

import re
from typing import Any

from . import facts

# Identifier systems as URIs -> the short names the other readers use.
_SYSTEMS = [("clinicaltrials.gov", "NCT"), ("eudract", "EudraCT"), ("euclinicaltrials", "CTIS"),
            ("isrctn", "ISRCTN"), ("drks", "DRKS"), ("chictr", "ChiCTR")]

# ResearchStudy status (R4 `status`, R5 `progressStatus.state`) -> ClinicalTrials.gov's overall status.
_STATUS = {
    "active": "RECRUITING", "recruiting": "RECRUITING", "approved": "NOT_YET_RECRUITING",
    "not-yet-recruiting": "NOT_YET_RECRUITING", "in-review": "NOT_YET_RECRUITING",
    "enrolling-by-invitation": "ENROLLING_BY_INVITATION",
    "closed-to-accrual": "ACTIVE_NOT_RECRUITING", "active-not-recruiting": "ACTIVE_NOT_RECRUITING",
    "closed-to-accrual-and-intervention": "ACTIVE_NOT_RECRUITING",
    "temporarily-closed-to-accrual": "SUSPENDED", "temporarily-closed-to-accrual-and-intervention": "SUSPENDED",
    "administratively-completed": "TERMINATED", "terminated": "TERMINATED",
    "completed": "COMPLETED", "withdrawn": "WITHDRAWN", "disapproved": "WITHDRAWN",
}
_SPONSOR_ROLES = {"sponsor", "lead-sponsor", "sponsor-investigator"}
_INVESTIGATOR_ROLES = {"primary-investigator", "principal-investigator", "sponsor-investigator"}


def _text(cc: Any) -> str | None:
    """The words of a CodeableConcept (or R5 CodeableReference): its text, else a coding's display."""
    if isinstance(cc, dict) and isinstance(cc.get("concept"), dict):
        cc = cc["concept"]
    if not isinstance(cc, dict):
        return None
    if isinstance(cc.get("text"), str) and cc["text"].strip():
        return " ".join(cc["text"].split())
    for c in cc.get("coding") or []:
        if isinstance(c, dict) and isinstance(c.get("display"), str) and c["display"].strip():
            return " ".join(c["display"].split())
    return None


def _codes(cc: Any) -> list[str]:
    return [str(c.get("code")).lower() for c in (cc or {}).get("coding") or []
            if isinstance(c, dict) and c.get("code") is not None] if isinstance(cc, dict) else []


def identifiers(study: dict) -> list[dict[str, str]]:
    ids: list[dict[str, str]] = []
    for ident in study.get("identifier") or []:
        if not isinstance(ident, dict) or not isinstance(ident.get("value"), str):
            continue
        uri = str(ident.get("system") or "").lower()
        system = next((name for key, name in _SYSTEMS if key in uri), None)
        if system is None:
            guess = facts.identifier(ident["value"])["system"]
            system = guess if guess != "other" else (_text(ident.get("type")) or ident.get("system") or "other")
        facts.add_identifier(ids, ident["value"], system)
    return ids


def _phase(cc: Any) -> list[str]:
    out: list[str] = []
    for code in _codes(cc):
        if code in ("n-a", "na"):
            return ["NA"]
        if code.startswith("early-phase"):
            out.append("EARLY_PHASE1")
        out.extend(f"PHASE{d}" for d in re.findall(r"(?<!early-)phase-(\d)", code))
    return out or facts.phases(_text(cc))


def _status(study: dict, r5: bool) -> str | None:
    if r5:
        states = [p for p in study.get("progressStatus") or [] if isinstance(p, dict)]
        # The overall state the registry reports: the last one that has actually been reached.
        reached = [p for p in states if p.get("actual") is not False] or states
        for p in reversed(reached):
            for code in _codes(p.get("state")):
                if code in _STATUS:
                    return _STATUS[code]
        return None
    return _STATUS.get(str(study.get("status") or "").lower())


def _name(res: Any, ref: Any) -> str | None:
    """A referenced party's name: the reference's display, else the resource's name."""
    if isinstance(ref, dict) and isinstance(ref.get("display"), str) and ref["display"].strip():
        return " ".join(ref["display"].split())
    if not isinstance(res, dict):
        return None
    name = res.get("name") or res.get("title")
    if isinstance(name, list):                         # Practitioner: HumanName list
        name = name[0] if name else None
    if isinstance(name, dict):
        name = name.get("text") or " ".join([*(name.get("given") or []), name.get("family") or ""]).strip()
    return " ".join(name.split()) if isinstance(name, str) and name.strip() else None


def _interventions(study: dict) -> list[dict[str, Any]]:
    out = []
    for f in study.get("focus") or []:
        name = _text(f)
        if not name:
            continue
        item = facts.typed_intervention(name)
        if "type" not in item:
            kind = next((facts.INTERVENTION_TYPES[c] for c in _codes(f.get("concept") or f)
                         if c in facts.INTERVENTION_TYPES), None)
            if kind:
                item["type"] = kind
        out.append(item)
    return out


def _arms(study: dict, r5: bool) -> list[dict[str, Any]]:
    out = []
    for arm in study.get("comparisonGroup" if r5 else "arm") or []:
        if isinstance(arm, dict) and isinstance(arm.get("name"), str):
            out.append(facts.prune({"name": " ".join(arm["name"].split()), "type": facts.upper_snake(_text(arm.get("type"))),
                                    "description": arm.get("description") if isinstance(arm.get("description"), str) else None}))
    return out


def _demographics(groups: list[tuple[dict, str]]) -> dict[str, Any]:
    """Sex and ages stated as coded characteristics (`code` gender/age with a value)."""
    out: dict[str, Any] = {}
    for res, _ in groups:
        for ch in res.get("characteristic") or []:
            if not isinstance(ch, dict) or ch.get("exclude") is True:
                continue
            if isinstance(ch.get("definitionByTypeAndValue"), dict):      # R5 EvidenceVariable
                inner = ch["definitionByTypeAndValue"]
                ch = {**inner, "code": inner.get("type")}
            what = " ".join(_codes(ch.get("code")) + [(_text(ch.get("code")) or "").lower()])
            if re.search(r"\b(gender|sex)\b", what):
                out["sex"] = facts.sex(next(iter(_codes(ch.get("valueCodeableConcept"))), None)
                                       or _text(ch.get("valueCodeableConcept")))
            elif re.search(r"\bage\b", what) and isinstance(ch.get("valueRange"), dict):
                for end, key in (("low", "minimum_age"), ("high", "maximum_age")):
                    q = ch["valueRange"].get(end) or {}
                    if q.get("value") is not None:
                        out[key] = facts.age(q["value"], q.get("unit") or q.get("code") or "years")
    return out


def study_facts(study: dict, index: Any, groups: list[tuple[dict, str]], ver: str) -> dict[str, Any]:
    r5 = ver == "r5"
    enrollment, enrollment_type = None, None
    if r5:
        rec = study.get("recruitment") or {}
        if rec.get("actualNumber") is not None:
            enrollment, enrollment_type = facts.integer(rec["actualNumber"]), "actual"
        elif rec.get("targetNumber") is not None:
            enrollment, enrollment_type = facts.integer(rec["targetNumber"]), "planned"
    else:
        for res, _ in groups:
            if res.get("quantity") is not None:
                enrollment = facts.integer(res["quantity"])
                enrollment_type = "actual" if res.get("actual") is True else "planned"
                break
    sponsor, investigators = None, []
    if r5:
        for party in study.get("associatedParty") or []:
            if not isinstance(party, dict):
                continue
            roles = set(_codes(party.get("role")))
            name = party.get("name") if isinstance(party.get("name"), str) else _name(index.get(party.get("party"))[0],
                                                                                       party.get("party"))
            if roles & _SPONSOR_ROLES and sponsor is None:
                sponsor = name
            if roles & _INVESTIGATOR_ROLES and name:
                investigators.append(name)
    else:
        sponsor = _name(index.get(study.get("sponsor"))[0], study.get("sponsor"))
        pi = _name(index.get(study.get("principalInvestigator"))[0], study.get("principalInvestigator"))
        investigators = [pi] if pi else []
    sites = [n for n in (_name(index.get(s)[0], s) for s in study.get("site") or []) if n]
    period = study.get("period") or {}
    out = {
        "identifiers": identifiers(study),
        "title": " ".join(study["title"].split()) if isinstance(study.get("title"), str) else None,
        "phase": _phase(study.get("phase")),
        "status": _status(study, r5),
        "enrollment": enrollment,
        "enrollment_type": enrollment_type if enrollment is not None else None,
        **_demographics(groups),
        "conditions": [t for t in (_text(c) for c in study.get("condition") or []) if t],
        "interventions": _interventions(study),
        "arms": _arms(study, r5),
        "sponsor": sponsor,
        "investigators": investigators,
        "sites": sites,
        "start_date": period.get("start") if isinstance(period.get("start"), str) else None,
        "completion_date": period.get("end") if isinstance(period.get("end"), str) else None,
    }
    return facts.prune(out)
