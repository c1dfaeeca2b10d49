"""ISRCTN records as JSON (the ISRCTN API XML converted by ctrdata): `participants.inclusion`,
`participants.exclusion` — format "isrctn-json"."""
from __future__ import annotations

from typing import Any

from . import facts
from .builder import Builder, make_source, write_sided, write_title
from .jsonutil import dig
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
    ids: list[dict[str, str]] = []
    facts.add_identifier(ids, number, "ISRCTN")
    refs = doc.get("externalRefs") or {}
    if not _nil(refs.get("eudraCTNumber")):
        facts.add_identifier(ids, refs["eudraCTNumber"], "EudraCT")
    if not _nil(refs.get("clinicalTrialsGovNumber")):
        facts.add_identifier(ids, refs["clinicalTrialsGovNumber"], "NCT")
    conds = dig(doc, "conditions", "condition")
    conds = conds if isinstance(conds, list) else [conds] if conds else []
    study = facts.prune({
        "identifiers": ids,
        "title": " ".join(str(dig(doc, "trialDescription", "title") or "").split()) or None,
        "enrollment": facts.integer(part.get("totalFinalEnrolment")) or facts.integer(part.get("targetEnrolment")),
        "sex": facts.sex(part.get("gender")),
        "minimum_age": facts.age(part.get("lowerAgeLimit")),
        "maximum_age": facts.age(part.get("upperAgeLimit")),
        "conditions": [c.get("description") for c in conds if isinstance(c, dict) and c.get("description")],
    })
    return make_source(b, fmt="isrctn-json", path=path, data_sha=digest, record=rec, study=study,
                       doc_id=number or None, site="isrctn.com")
