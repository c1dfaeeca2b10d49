"""ISRCTN records as JSON (the ISRCTN API XML converted by ctrdata): `participants.inclusion`,
`participants.exclusion` — format "isrctn-json"."""
from __future__ import annotations

import re
from typing import Any

from . import facts
from .builder import Builder, make_source, write_sided, write_title
from .fact_log import FactLog
from .jsonutil import dig, pointer
from .mapped import block
from .source import Source


def is_isrctn(doc: Any) -> bool:
    return isinstance(doc, dict) and "isrctn" in doc and isinstance(doc.get("participants"), dict)


def _nil(v: Any) -> bool:
    return not isinstance(v, str) or v.strip().lower() in {"", "nil known", "n/a", "none"}


def isrctn(doc: dict, base: str, path: str, digest: str, rec: str | None) -> Source:
    b = Builder()
    write_title(b, dig(doc, "trialDescription", "title"), {"pointer": base + "/trialDescription/title"})
    part = doc.get("participants") or {}
    for kind in ("inclusion", "exclusion"):
        if isinstance(part.get(kind), str) and part[kind].strip():
            write_sided(b, kind, [(block(part[kind]), {"pointer": f"{base}/participants/{kind}"})])
    number = str(doc.get("isrctn") or "").strip()
    if number and not number.upper().startswith("ISRCTN"):
        number = "ISRCTN" + number
    study = _facts(doc, base, number)
    return make_source(b, fmt="isrctn-json", path=path, data_sha=digest, record=rec, study=study,
                       doc_id=number or None, site="isrctn.com")


def _listed(v: Any) -> list[tuple[Any, tuple]]:
    """A repeatable element of the converted XML: one value, or a list of them."""
    return [(x, (k,)) for k, x in enumerate(v)] if isinstance(v, list) else [] if v is None else [(v, ())]


def _facts(doc: dict, base: str, number: str) -> dict[str, Any]:
    log = FactLog()
    if number:
        log.identifier(number, {"pointer": base + "/isrctn"}, "ISRCTN", doc.get("isrctn"))
    refs = doc.get("externalRefs") or {}
    for key, system in (("eudraCTNumber", "EudraCT"), ("clinicalTrialsGovNumber", "NCT"), ("protocolSerialNumber", "org")):
        if not _nil(refs.get(key)):
            log.identifier(refs[key].strip(), {"pointer": f"{base}/externalRefs/{key}"}, system, refs[key])
    for number, where in _listed(dig(refs, "secondaryNumbers", "secondaryNumber")):
        if not _nil(number):
            log.identifier(number.strip(), {"pointer": base + pointer("externalRefs", "secondaryNumbers", "secondaryNumber", *where)},
                           raw=number)
    log.pick("title", doc, base, "trialDescription", "title")
    # ISRCTN states a status only where it overrides the one its dates imply ("Stopped").
    for keys in (("trialDesign", "overallStatusOverride"), ("participants", "recruitmentStatusOverride")):
        if not _nil(dig(doc, *keys)):
            log.pick("status", doc, base, *keys, convert=facts.status)
    interventions = _listed(dig(doc, "interventions", "intervention"))
    for iv, where in interventions:
        if isinstance(iv, dict) and not _nil(iv.get("phase")):
            log.set("phase", facts.phases(re.sub(r"(?i)phase\s*", "", iv["phase"]).split("/")),
                    {"pointer": base + pointer("interventions", "intervention", *where, "phase")}, iv["phase"])
    part = doc.get("participants") or {}
    final = facts.integer(part.get("totalFinalEnrolment"))
    if log.pick("enrollment", doc, base, "participants", "totalFinalEnrolment" if final else "targetEnrolment",
                convert=facts.integer) is not None:
        log.set("enrollment_type", "actual" if final else "planned",
                {"pointer": base + "/participants/" + ("totalFinalEnrolment" if final else "targetEnrolment")})
    log.pick("sex", doc, base, "participants", "gender", convert=facts.sex)
    log.pick("minimum_age", doc, base, "participants", "lowerAgeLimit", convert=facts.age)
    log.pick("maximum_age", doc, base, "participants", "upperAgeLimit", convert=facts.age)
    for c, where in _listed(dig(doc, "conditions", "condition")):
        if isinstance(c, dict) and isinstance(c.get("description"), str) and c["description"].strip():
            log.add("conditions", facts.text(c["description"]),
                    {"pointer": base + pointer("conditions", "condition", *where, "description")}, c["description"])
    for iv, where in interventions:
        # The drugs (or device) the intervention names, with its type.
        if isinstance(iv, dict) and not _nil(iv.get("drugNames")):
            log.add("interventions", facts.prune({"name": facts.text(iv["drugNames"]), "type": facts.upper_snake(iv.get("interventionType"))}),
                    {"pointer": base + pointer("interventions", "intervention", *where, "drugNames")}, iv["drugNames"])
    centres = _listed(dig(part, "trialCentres", "trialCentre"))
    if centres:
        log.set("site_count", len(centres), {"pointer": base + "/participants/trialCentres/trialCentre"})
    for c, where in centres:
        if isinstance(c, dict) and isinstance(c.get("name"), str) and c["name"].strip():
            log.add("sites", facts.text(c["name"]),
                    {"pointer": base + pointer("participants", "trialCentres", "trialCentre", *where, "name")}, c["name"])
    log.pick("start_date", doc, base, "trialDesign", "overallStartDate")
    log.pick("completion_date", doc, base, "trialDesign", "overallEndDate")
    return log.study()
