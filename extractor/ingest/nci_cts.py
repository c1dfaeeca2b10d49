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
from .fact_log import FactLog
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
                       study=study_facts(doc, base), doc_id=doc.get("nct_id") or doc.get("nci_id"),
                       site="cancer.gov")


def _age(value: Any, unit: Any) -> dict[str, Any] | None:
    a = facts.age(value, unit) if value is not None else None
    if a and a["unit"] == "a" and a["value"] >= _NO_LIMIT_YEARS:
        return None
    return a


# NCI's own numbers beside the NCT and NCI ids, and the system each is listed under.
_OWN_IDS = (("ctep_id", "CTEP"), ("dcp_id", "DCP"), ("ccr_id", "CCR"), ("protocol_id", "org"))


def study_facts(doc: dict, base: str = "") -> dict[str, Any]:
    log = FactLog()
    for key, system in (("nct_id", "NCT"), ("nci_id", "NCI")) + _OWN_IDS:
        if isinstance(doc.get(key), str):
            log.identifier(doc[key].strip(), {"pointer": f"{base}/{key}"}, system, doc[key])
    for k, other in enumerate(doc.get("other_ids") or []):
        if isinstance(other, dict) and isinstance(other.get("value"), str):
            log.identifier(other["value"].strip(), {"pointer": base + pointer("other_ids", k, "value")},
                           facts.secondary_system(other["value"], other.get("name")), other["value"])
    log.pick("title", doc, base, "brief_title")
    phase = doc.get("phase")
    keys = ("phase", "phase") if isinstance(phase, dict) else ("phase",)
    # NCI joins phases with "_" ("I_II"); read it as "I/II".
    log.pick("phase", doc, base, *keys, convert=lambda v: facts.phases(str(v).replace("_", "/")) if v else [])
    log.pick("status", doc, base, "current_trial_status", convert=facts.status)
    if log.pick("enrollment", doc, base, "minimum_target_accrual_number", convert=facts.integer) is not None:
        log.set("enrollment_type", "planned", {"pointer": base + "/minimum_target_accrual_number"})     # a target
    log.pick("sex", doc, base, "eligibility", "structured", "sex", convert=facts.sex)
    s = dig(doc, "eligibility", "structured") or {}
    for field, key in (("minimum_age", "min_age"), ("maximum_age", "max_age")):
        age = _age(s.get(key + "_number"), s.get(key + "_unit")) if isinstance(s, dict) else None
        if age is not None:
            # The age as NCI words it ("25 Years") when it gives one, else the number.
            worded = isinstance(s.get(key), str)
            log.set(field, age, {"pointer": base + pointer("eligibility", "structured", key if worded else key + "_number")},
                    s.get(key) if worded else None)
    log.pick("healthy_volunteers", doc, base, "eligibility", "structured", "accepts_healthy_volunteers", convert=facts.flag)
    for k, d in enumerate(doc.get("diseases") or []):
        if isinstance(d, dict) and d.get("inclusion_indicator") == "TRIAL" and isinstance(d.get("name"), str):
            log.add("conditions", facts.text(d["name"]), {"pointer": base + pointer("diseases", k, "name")}, d["name"])
    for a, arm in enumerate(doc.get("arms") or []):
        for k, it in enumerate((arm or {}).get("interventions") or [] if isinstance(arm, dict) else []):
            # "TREE" entries are thesaurus ancestors added by the API, not the trial's interventions.
            if not isinstance(it, dict) or it.get("inclusion_indicator") == "TREE" or not isinstance(it.get("name"), str):
                continue
            log.add("interventions", {"name": it["name"], "type": facts.upper_snake(it.get("type"))},
                    {"pointer": base + pointer("arms", a, "interventions", k, "name")}, it["name"])
    log.pick("sponsor", doc, base, "lead_org")
    if isinstance(doc.get("principal_investigator"), str) and doc["principal_investigator"].strip():
        log.add("investigators", facts.text(doc["principal_investigator"]), {"pointer": base + "/principal_investigator"},
                doc["principal_investigator"])
    sites = doc.get("sites") or []
    for k, site in enumerate(sites):
        if isinstance(site, dict) and isinstance(site.get("org_name"), str):
            log.add("sites", facts.text(site["org_name"]), {"pointer": base + pointer("sites", k, "org_name")}, site["org_name"])
    if isinstance(sites, list) and sites:
        log.set("site_count", len(sites), {"pointer": base + "/sites"})
    log.pick("start_date", doc, base, "start_date")
    log.pick("completion_date", doc, base, "completion_date")
    return log.study()
