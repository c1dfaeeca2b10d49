"""NCI Clinical Trials Search API v2 trial records: criteria arrive as items with an inclusion flag.

Each item becomes one line "- item" under "Inclusion Criteria:" / "Exclusion Criteria:" (its own
sub-lines indented under it), and the two blocks are passed on as `sections_hint`, so the kinds
come from the flags, not from guessing at the text.
"""
from __future__ import annotations

from typing import Any

from ..errors import UnsupportedShape
from . import facts
from .builder import Builder, isolated, make_source, sha256, write_sided, write_title
from .jsonutil import dig, load, pointer
from .limits import DEFAULT_LIMITS, Limits
from .mapped import block
from .source import Source

# NCI writes "999 Years" where a trial has no upper age limit.
_NO_LIMIT_YEARS = 999


def is_nci(doc: Any) -> bool:
    return isinstance(doc, dict) and "nci_id" in doc and isinstance(doc.get("eligibility"), dict)


def read(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> list[Source]:
    return read_doc(load(data, path, limits), data, path, limits)


def read_doc(doc: Any, data: bytes, path: str, limits: Limits) -> list[Source]:
    if isinstance(doc, dict) and isinstance(doc.get("data"), list) and all(is_nci(x) for x in doc["data"]):
        recs = [(pointer("data", i), x) for i, x in enumerate(doc["data"])]    # search responses
    elif is_nci(doc):
        recs = [("", doc)]
    else:
        raise UnsupportedShape("JSON is not an NCI CTS trial record", path)
    limits.check_records(len(recs), path)
    digest = sha256(data)
    return [isolated(path, base or None, lambda x=x, base=base: _one(x, base, path, digest)) for base, x in recs]


def _one(doc: dict, base: str, path: str, digest: str) -> Source:
    b = Builder()
    write_title(b, doc.get("brief_title"), {"pointer": base + "/brief_title"})
    items = dig(doc, "eligibility", "unstructured") or []
    indexed = [(i, it) for i, it in enumerate(items) if isinstance(it, dict)]
    indexed.sort(key=lambda p: (p[1].get("display_order") is None, p[1].get("display_order") or 0, p[0]))
    for kind, wanted in (("inclusion", True), ("exclusion", False)):
        pieces = []
        for i, it in indexed:
            if bool(it.get("inclusion_indicator")) is not wanted or not isinstance(it.get("description"), str):
                continue
            m = block(it["description"])
            if m.text:
                pieces.append((m, {"pointer": f"{base}/eligibility/unstructured/{i}/description"}))
        write_sided(b, kind, pieces, bullet="- ")
    return make_source(b, fmt="nci-cts-json", path=path, data_sha=digest, record=base or None,
                       study=study_facts(doc), doc_id=doc.get("nct_id") or doc.get("nci_id"),
                       site="cancer.gov")


def _age(value: Any, unit: Any) -> dict[str, Any] | None:
    a = facts.age(value, unit) if value is not None else None
    if a and a["unit"] == "a" and a["value"] >= _NO_LIMIT_YEARS:
        return None
    return a


def study_facts(doc: dict) -> dict[str, Any]:
    s = dig(doc, "eligibility", "structured") or {}
    ids: list[dict[str, str]] = []
    facts.add_identifier(ids, doc.get("nct_id"), "NCT")
    facts.add_identifier(ids, doc.get("nci_id"), "other")
    phase = doc.get("phase")
    if isinstance(phase, dict):
        phase = phase.get("phase")
    interventions: list[dict[str, Any]] = []
    for arm in doc.get("arms") or []:
        for it in (arm or {}).get("interventions") or []:
            # "TREE" entries are thesaurus ancestors added by the API, not the trial's interventions.
            if not isinstance(it, dict) or it.get("inclusion_indicator") == "TREE":
                continue
            entry = {"name": it.get("name"), "type": facts.upper_snake(it.get("type"))}
            if entry["name"] and entry not in interventions:
                interventions.append(entry)
    return facts.prune({
        "identifiers": ids,
        "title": " ".join((doc.get("brief_title") or "").split()) or None,
        # NCI joins phases with "_" ("I_II"); read it as "I/II".
        "phase": facts.phases(str(phase).replace("_", "/")) if phase else [],
        "status": facts.status(doc.get("current_trial_status")),
        "enrollment": facts.integer(doc.get("minimum_target_accrual_number")),
        "sex": facts.sex(s.get("sex")),
        "minimum_age": _age(s.get("min_age_number"), s.get("min_age_unit")),
        "maximum_age": _age(s.get("max_age_number"), s.get("max_age_unit")),
        "healthy_volunteers": facts.flag(s.get("accepts_healthy_volunteers")),
        "conditions": [d.get("name") for d in doc.get("diseases") or []
                       if isinstance(d, dict) and d.get("inclusion_indicator") == "TRIAL" and d.get("name")],
        "interventions": interventions,
        "sponsor": doc.get("lead_org"),
    })
