"""DRKS (German Clinical Trials Register) API JSON: criteria per locale under
`recruitment.recruitmentDescriptions[]`; the English text is kept, other locales are listed in
`Source.languages` (German alone is kept when no English exists) — format "drks-json"."""
from __future__ import annotations

from typing import Any

from . import facts
from .builder import Builder, make_source, write_sided, write_title
from .jsonutil import dig
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
    r = doc.get("recruitment") or {}
    ids: list[dict[str, str]] = []
    facts.add_identifier(ids, doc.get("drksId"), "DRKS")
    facts.add_identifier(ids, dig(doc, "secondaryIds", "eudraCtNumber"), "EudraCT")
    conds = []
    for c in doc.get("studiedHealthConditions") or []:
        p = _pick((c or {}).get("studiedHealthConditionDescriptions") or [], "comment")
        if p:
            conds.append(p[1]["comment"])
    study = facts.prune({
        "identifiers": ids,
        "title": " ".join(t[1]["title"].split()) if t else None,
        "phase": facts.phases(dig(doc, "studyCharacteristic", "phase")),
        "status": facts.status(r.get("status")),
        "enrollment": facts.integer(r.get("totalParticipants") or r.get("plannedParticipants")),
        "sex": facts.sex(r.get("gender")),
        "minimum_age": facts.age(dig(r, "minimumAge", "amount"), dig(r, "minimumAge", "unit")),
        "maximum_age": facts.age(dig(r, "maximumAge", "amount"), dig(r, "maximumAge", "unit")),
        "healthy_volunteers": facts.flag(r.get("healthyVolunteers")),
        "conditions": conds,
    })
    return make_source(b, fmt="drks-json", path=path, data_sha=digest, record=rec, study=study,
                       doc_id=doc.get("drksId"), site="drks.de", languages=languages)
