"""DRKS (German Clinical Trials Register) API JSON: criteria per locale under
`recruitment.recruitmentDescriptions[]`; the English text is kept, other locales are listed in
`Source.languages` (German alone is kept when no English exists) — format "drks-json"."""
from __future__ import annotations

from typing import Any

from . import facts
from .builder import Builder, make_source, write_sided, write_title
from .fact_log import FactLog
from .jsonutil import dig, pointer
from .mapped import block
from .source import Source


def is_drks(doc: Any) -> bool:
    return isinstance(doc, dict) and str(doc.get("drksId", "")).startswith("DRKS")


def _pick(items: list, key: str) -> tuple[int, dict] | None:
    found = [(i, d) for i, d in enumerate(items) if isinstance(d, dict) and isinstance(d.get(key), str)]
    for i, d in found:
        if dig(d, "idLocale", "locale") == "en":
            return i, d
    return found[0] if found else None


def drks(doc: dict, base: str, path: str, digest: str, rec: str | None) -> Source:
    b = Builder()
    descs = doc.get("trialDescriptions") or []
    t = _pick(descs, "title")
    write_title(b, t[1]["title"] if t else None,
                {"pointer": f"{base}/trialDescriptions/{t[0]}/title"} if t else None)
    recs = dig(doc, "recruitment", "recruitmentDescriptions") or []
    kept_locale = None
    for kind, key in (("inclusion", "inclusionCriteria"), ("exclusion", "exclusionCriteria")):
        pick = _pick(recs, key)
        if pick:
            i, d = pick
            kept_locale = dig(d, "idLocale", "locale")
            write_sided(b, kind, [(block(d[key]), {"pointer": f"{base}/recruitment/recruitmentDescriptions/{i}/{key}"})])
    languages = sorted({dig(d, "idLocale", "locale") for d in recs if isinstance(d, dict)} - {kept_locale, None})
    study = _facts(doc, base, t)
    return make_source(b, fmt="drks-json", path=path, data_sha=digest, record=rec, study=study,
                       doc_id=doc.get("drksId"), site="drks.de", languages=languages)


def _facts(doc: dict, base: str, title: tuple[int, dict] | None) -> dict[str, Any]:
    log = FactLog()
    if isinstance(doc.get("drksId"), str):
        log.identifier(doc["drksId"].strip(), {"pointer": base + "/drksId"}, "DRKS", doc["drksId"])
    v = dig(doc, "secondaryIds", "eudraCtNumber")
    if isinstance(v, str) and v.strip():
        log.identifier(v.strip(), {"pointer": base + "/secondaryIds/eudraCtNumber"}, "EudraCT", v)
    if title:
        log.pick("title", doc, base, "trialDescriptions", title[0], "title")
    log.pick("phase", doc, base, "studyCharacteristic", "phase", convert=facts.phases)
    log.pick("status", doc, base, "recruitment", "status", convert=facts.status)
    r = doc.get("recruitment") or {}
    key = "totalParticipants" if facts.integer(r.get("totalParticipants")) else "plannedParticipants"
    log.pick("enrollment", doc, base, "recruitment", key, convert=facts.integer)
    log.pick("sex", doc, base, "recruitment", "gender", convert=facts.sex)
    for field, key in (("minimum_age", "minimumAge"), ("maximum_age", "maximumAge")):
        log.set(field, facts.age(dig(r, key, "amount"), dig(r, key, "unit")), {"pointer": f"{base}/recruitment/{key}/amount"})
    log.pick("healthy_volunteers", doc, base, "recruitment", "healthyVolunteers", convert=facts.flag)
    for k, c in enumerate(doc.get("studiedHealthConditions") or []):
        p = _pick((c or {}).get("studiedHealthConditionDescriptions") or [], "comment")
        if p:
            log.add("conditions", facts.text(p[1]["comment"]),
                    {"pointer": base + pointer("studiedHealthConditions", k, "studiedHealthConditionDescriptions", p[0], "comment")},
                    p[1]["comment"])
    for k, c in enumerate(doc.get("trialContacts") or []):
        role = str(dig(c, "idContactIdType", "type") or "")
        contact = (c or {}).get("contact") if isinstance(c, dict) else None
        if not isinstance(contact, dict):
            continue
        at = base + pointer("trialContacts", k, "contact")
        if role == "PRIMARY_SPONSOR" and isinstance(contact.get("affiliation"), str):
            log.set("sponsor", facts.text(contact["affiliation"]), {"pointer": at + "/affiliation"}, contact["affiliation"])
        if "INVESTIGATOR" in role:
            name = " ".join(x for x in (contact.get("firstName"), contact.get("lastName")) if isinstance(x, str) and x.strip())
            log.add("investigators", facts.text(name), {"pointer": at})
    institutes = r.get("institutes") or []
    for k, inst in enumerate(institutes):
        if isinstance(inst, dict) and isinstance(inst.get("name"), str) and inst["name"].strip():
            log.add("sites", facts.text(inst["name"]), {"pointer": base + pointer("recruitment", "institutes", k, "name")},
                    inst["name"])
    if isinstance(institutes, list) and institutes:
        log.set("site_count", len(institutes), {"pointer": base + "/recruitment/institutes"})
    # The actual dates once known, else the scheduled ones.
    for field, keys in (("start_date", ("actualStartDate", "scheduledStartDate")),
                        ("completion_date", ("actualCompletionDate", "scheduledCompletionDate"))):
        for key in keys:
            log.pick(field, doc, base, "recruitment", key)
    return log.study()
