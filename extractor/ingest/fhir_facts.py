"""Study facts of a FHIR ResearchStudy (R4 or R5) in the record's vocabulary (pure functions)."""
from __future__ import annotations

import re
from typing import Any

from . import facts
from .fact_log import FactLog
from .jsonutil import dig

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
    found = _text_at(cc, "")
    return found[0] if found else None


def _text_at(cc: Any, ptr: str) -> tuple[str, str, str] | None:
    """The words of a CodeableConcept (or R5 CodeableReference) at `ptr`: its text, else a
    coding's display, as (words, pointer of the string read, the string)."""
    if isinstance(cc, dict) and isinstance(cc.get("concept"), dict):
        cc, ptr = cc["concept"], ptr + "/concept"
    if not isinstance(cc, dict):
        return None
    if isinstance(cc.get("text"), str) and cc["text"].strip():
        return " ".join(cc["text"].split()), ptr + "/text", cc["text"]
    for k, c in enumerate(cc.get("coding") or []):
        if isinstance(c, dict) and isinstance(c.get("display"), str) and c["display"].strip():
            return " ".join(c["display"].split()), f"{ptr}/coding/{k}/display", c["display"]
    return None


def _codes(cc: Any) -> list[str]:
    return [str(c.get("code")).lower() for c in (cc or {}).get("coding") or []
            if isinstance(c, dict) and c.get("code") is not None] if isinstance(cc, dict) else []


def identifiers(study: dict, log: FactLog | None = None, base: str = "") -> list[dict[str, str]]:
    log = log or FactLog()
    for k, ident in enumerate(study.get("identifier") or []):
        if not isinstance(ident, dict) or not isinstance(ident.get("value"), str):
            continue
        uri = str(ident.get("system") or "").lower()
        system = next((name for key, name in _SYSTEMS if key in uri), None)
        if system is None:
            guess = facts.identifier(ident["value"])["system"]
            system = guess if guess != "other" else (_text(ident.get("type")) or ident.get("system") or "other")
        log.identifier(ident["value"].strip(), {"pointer": f"{base}/identifier/{k}/value"}, system, ident["value"])
    return log.get("identifiers") or []


def _phase(cc: Any) -> list[str]:
    out: list[str] = []
    for code in _codes(cc):
        if code in ("n-a", "na"):
            return ["NA"]
        if code.startswith("early-phase"):
            out.append("EARLY_PHASE1")
        out.extend(f"PHASE{d}" for d in re.findall(r"(?<!early-)phase-(\d)", code))
    return out or facts.phases(_text(cc))


def _status(log: FactLog, study: dict, base: str, r5: bool) -> None:
    if r5:
        states = [(k, p) for k, p in enumerate(study.get("progressStatus") or []) if isinstance(p, dict)]
        # The overall state the registry reports: the last one that has actually been reached.
        reached = [(k, p) for k, p in states if p.get("actual") is not False] or states
        for k, p in reversed(reached):
            for j, c in enumerate((p.get("state") or {}).get("coding") or [] if isinstance(p.get("state"), dict) else []):
                code = str(c.get("code")).lower() if isinstance(c, dict) and c.get("code") is not None else None
                if code in _STATUS:
                    log.set("status", _STATUS[code], {"pointer": f"{base}/progressStatus/{k}/state/coding/{j}/code"}, c["code"])
                    return
        return
    log.pick("status", study, base, "status", convert=lambda v: _STATUS.get(str(v or "").lower()))


def _name_at(res: Any, res_ptr: str | None, ref: Any, ref_ptr: str) -> tuple[str, dict, Any] | None:
    """A referenced party's name: the reference's display, else the resource's name, as
    (name, locator, the string read or None)."""
    if isinstance(ref, dict) and isinstance(ref.get("display"), str) and ref["display"].strip():
        return " ".join(ref["display"].split()), {"pointer": ref_ptr + "/display"}, ref["display"]
    if not isinstance(res, dict):
        return None
    key = "name" if res.get("name") else "title"
    name, ptr = res.get(key), f"{res_ptr}/{key}"
    if isinstance(name, list):                         # Practitioner: HumanName list
        name, ptr = (name[0] if name else None), ptr + "/0"
    if isinstance(name, dict):
        if isinstance(name.get("text"), str) and name["text"].strip():
            name, ptr = name["text"], ptr + "/text"
        else:
            joined = " ".join([*(name.get("given") or []), name.get("family") or ""]).strip()
            return (" ".join(joined.split()), {"pointer": ptr}, None) if joined else None
    if isinstance(name, str) and name.strip():
        return " ".join(name.split()), {"pointer": ptr}, name
    return None


def _interventions(log: FactLog, study: dict, base: str) -> None:
    for k, f in enumerate(study.get("focus") or []):
        found = _text_at(f, f"{base}/focus/{k}")
        if not found:
            continue
        name, ptr, raw = found
        item = facts.typed_intervention(name)
        if "type" not in item:
            kind = next((facts.INTERVENTION_TYPES[c] for c in _codes(f.get("concept") or f)
                         if c in facts.INTERVENTION_TYPES), None)
            if kind:
                item["type"] = kind
        log.add("interventions", item, {"pointer": ptr}, raw)


def _arms(log: FactLog, study: dict, base: str, r5: bool) -> None:
    key = "comparisonGroup" if r5 else "arm"
    for k, arm in enumerate(study.get(key) or []):
        if isinstance(arm, dict) and isinstance(arm.get("name"), str):
            item = facts.prune({"name": " ".join(arm["name"].split()), "type": facts.upper_snake(_text(arm.get("type"))),
                                "description": arm.get("description") if isinstance(arm.get("description"), str) else None})
            log.add("arms", item, {"pointer": f"{base}/{key}/{k}/name"}, arm["name"])


def _coded(items: Any, ptr: str, depth: int = 0) -> list[tuple[dict, str]]:
    """The characteristics that hold for every participant, with their pointers: the top-level
    ones and those an "all-of" combination (R5 `definitionByCombination`) holds, not excluded."""
    out: list[tuple[dict, str]] = []
    for k, ch in enumerate(items or []):
        if not isinstance(ch, dict) or ch.get("exclude") is True:
            continue
        at = f"{ptr}/characteristic/{k}"
        out.append((ch, at))
        combined = ch.get("definitionByCombination")
        if isinstance(combined, dict) and combined.get("code") == "all-of" and depth < 8:
            out.extend(_coded(combined.get("characteristic"), at + "/definitionByCombination", depth + 1))
    return out


def _demographics(log: FactLog, groups: list[tuple[dict, str]]) -> None:
    """Sex and ages stated as coded characteristics (`code` gender/age with a value)."""
    for res, gptr in groups:
        for ch, at in _coded(res.get("characteristic"), gptr):
            if isinstance(ch.get("definitionByTypeAndValue"), dict):      # R5 EvidenceVariable
                inner = ch["definitionByTypeAndValue"]
                ch, at = {**inner, "code": inner.get("type")}, at + "/definitionByTypeAndValue"
            what = " ".join(_codes(ch.get("code")) + [(_text(ch.get("code")) or "").lower()])
            if re.search(r"\b(gender|sex)\b", what):
                value = ch.get("valueCodeableConcept")
                code = next(iter(_codes(value)), None)
                log.set("sex", facts.sex(code or _text(value)), {"pointer": at + "/valueCodeableConcept"})
            elif re.search(r"\bage\b", what) and isinstance(ch.get("valueRange"), dict):
                for end, key in (("low", "minimum_age"), ("high", "maximum_age")):
                    q = ch["valueRange"].get(end) or {}
                    if q.get("value") is not None:
                        log.set(key, facts.age(q["value"], q.get("unit") or q.get("code") or "years"),
                                {"pointer": f"{at}/valueRange/{end}/value"})


def study_facts(study: dict, index: Any, groups: list[tuple[dict, str]], ver: str, base: str = "") -> dict[str, Any]:
    """`base`: the study's pointer in the file; `groups` the eligibility resources with theirs."""
    r5 = ver == "r5"
    log = FactLog()
    identifiers(study, log, base)
    log.pick("title", study, base, "title")
    if isinstance(study.get("phase"), dict):
        log.set("phase", _phase(study["phase"]), {"pointer": base + "/phase"})
    _status(log, study, base, r5)
    if r5:
        for key, kind in (("actualNumber", "actual"), ("targetNumber", "planned")):
            if dig(study, "recruitment", key) is not None and not log.has("enrollment"):
                log.pick("enrollment", study, base, "recruitment", key, convert=facts.integer)
                log.set("enrollment_type", kind, {"pointer": f"{base}/recruitment/{key}"})
    else:
        for res, gptr in groups:
            if res.get("quantity") is not None:
                log.set("enrollment", facts.integer(res["quantity"]), {"pointer": gptr + "/quantity"})
                log.set("enrollment_type", "actual" if res.get("actual") is True else "planned",
                        {"pointer": gptr + ("/actual" if "actual" in res else "/quantity")})
                break
    _demographics(log, groups)
    for k, c in enumerate(study.get("condition") or []):
        found = _text_at(c, f"{base}/condition/{k}")
        if found:
            log.add("conditions", found[0], {"pointer": found[1]}, found[2])
    _interventions(log, study, base)
    _arms(log, study, base, r5)
    if r5:
        for k, party in enumerate(study.get("associatedParty") or []):
            if not isinstance(party, dict):
                continue
            roles = set(_codes(party.get("role")))
            at = f"{base}/associatedParty/{k}"
            if isinstance(party.get("name"), str) and party["name"].strip():
                found = (" ".join(party["name"].split()), {"pointer": at + "/name"}, party["name"])
            else:
                res, res_ptr = index.get(party.get("party"))
                found = _name_at(res, res_ptr, party.get("party"), at + "/party")
            if found and roles & _SPONSOR_ROLES:
                log.set("sponsor", found[0], found[1], found[2])
            if found and roles & _INVESTIGATOR_ROLES:
                log.add("investigators", found[0], found[1], found[2])
    else:
        for field, key in (("sponsor", "sponsor"), ("investigators", "principalInvestigator")):
            res, res_ptr = index.get(study.get(key))
            found = _name_at(res, res_ptr, study.get(key), f"{base}/{key}")
            if found:
                (log.add if field == "investigators" else log.set)(field, found[0], found[1], found[2])
    for k, site in enumerate(study.get("site") or []):
        res, res_ptr = index.get(site)
        found = _name_at(res, res_ptr, site, f"{base}/site/{k}")
        if found:
            log.add("sites", found[0], found[1], found[2])
    period = study.get("period") or {}
    if isinstance(period, dict):
        log.pick("start_date", study, base, "period", "start")
        log.pick("completion_date", study, base, "period", "end")
    return log.study()
