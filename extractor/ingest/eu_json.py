"""EU registers as JSON: CTIS (EU Clinical Trials Information System API records) and EU CTR
records as parsed by ctrdata (`e3_principal_inclusion_criteria` ...). Formats "ctis-json" and
"euctr-json". Translations are not copied; their languages go to `Source.languages`.
"""
from __future__ import annotations

import re
from typing import Any

from . import facts
from .builder import Builder, make_source, write_sided, write_title
from .jsonutil import dig
from .mapped import block
from .source import Source

_CTIS_ELIG = ("trialDetails", "trialInformation", "eligibilityCriteria")


def _ctis_part1(doc: dict) -> tuple[tuple, dict] | None:
    """Where Part I (the trial details) sits: CTIS API versions and ctrdata exports differ."""
    candidates: list[tuple] = [("authorizedApplication", "authorizedPartI"), ("authorizedPartI",)]
    apps = doc.get("applications")
    if isinstance(apps, list):
        candidates += [("applications", i, "partI") for i in range(len(apps) - 1, -1, -1)]
    for path in candidates:
        part = dig(doc, *path)
        if isinstance(part, dict) and isinstance(part.get("trialDetails"), dict):
            return path, part
    return None


def is_ctis(doc: Any) -> bool:
    return isinstance(doc, dict) and "ctNumber" in doc and _ctis_part1(doc) is not None


def is_euctr(doc: Any) -> bool:
    return isinstance(doc, dict) and ("e3_principal_inclusion_criteria" in doc or "a2_eudract_number" in doc)


def _phase_text(text: Any) -> list[str]:
    """'Therapeutic exploratory (Phase II)' / 'Phase I and Phase II (Integrated)' -> phases."""
    return facts.phases(re.findall(r"Phase\s+(I{1,3}V?|IV|[1-4])\b", str(text or "")))


def ctis(doc: dict, base: str, path: str, digest: str, rec: str | None) -> Source:
    part_path, part1 = _ctis_part1(doc)
    part_ptr = base + "".join(f"/{t}" for t in part_path)
    ident = dig(part1, "trialDetails", "clinicalTrialIdentifiers") or {}
    b = Builder()
    title_ptr = part_ptr + "/trialDetails/clinicalTrialIdentifiers/fullTitle"
    write_title(b, ident.get("fullTitle"), {"pointer": title_ptr})
    elig = dig(part1, *_CTIS_ELIG) or {}
    languages: set[str] = set()
    elig_ptr = part_ptr + "/" + "/".join(_CTIS_ELIG)
    for kind, key in (("inclusion", "principalInclusionCriteria"), ("exclusion", "principalExclusionCriteria")):
        pieces = []
        items = [(i, it) for i, it in enumerate(elig.get(key) or []) if isinstance(it, dict)]
        items.sort(key=lambda p: (facts.integer(p[1].get("number")) or 0, p[0]))
        for i, it in items:
            for tr in it.get(key + "Translations") or []:
                if isinstance(tr, dict) and tr.get("languageDescription"):
                    languages.add(tr["languageDescription"])
            if isinstance(it.get(key), str):
                m = block(it[key])
                num = facts.integer(it.get("number"))
                if m.text:
                    pieces.append((m, {"pointer": f"{elig_ptr}/{key}/{i}/{key}"},
                                   f"{num}. " if num is not None else "- "))
        write_sided(b, kind, pieces)
    ids: list[dict[str, str]] = []
    facts.add_identifier(ids, doc.get("ctNumber"), "CTIS")
    facts.add_identifier(ids, dig(ident, "secondaryIdentifyingNumbers", "nctNumber", "number"), "NCT")
    facts.add_identifier(ids, dig(ident, "secondaryIdentifyingNumbers", "isrctnNumber", "number"), "ISRCTN")
    conds = [c.get("termName") for c in dig(part1, "trialDetails", "trialInformation", "medicalCondition",
                                             "meddraConditionTerms") or [] if isinstance(c, dict) and c.get("termName")]
    study = facts.prune({
        "identifiers": ids,
        "title": " ".join(str(ident.get("fullTitle") or "").split()) or None,
        "phase": _phase_text(doc.get("trialPhase")),
        "enrollment": facts.integer(doc.get("totalNumberEnrolled")),
        "sex": facts.sex(doc.get("gender")),
        "conditions": conds,
        "sponsor": dig(part1, "sponsors", 0, "organisation", "name"),
    })
    return make_source(b, fmt="ctis-json", path=path, data_sha=digest, record=rec, study=study,
                       doc_id=doc.get("ctNumber"), site="euclinicaltrials.eu", languages=sorted(languages))


_LANG_SUFFIX = re.compile(r"^e3_principal_inclusion_criteria_([a-z]{2})$")


def euctr(doc: dict, base: str, path: str, digest: str, rec: str | None) -> Source:
    b = Builder()
    write_title(b, doc.get("a3_full_title_of_the_trial"), {"pointer": base + "/a3_full_title_of_the_trial"})
    for kind, key in (("inclusion", "e3_principal_inclusion_criteria"), ("exclusion", "e4_principal_exclusion_criteria")):
        value = doc.get(key)
        if isinstance(value, str) and value.strip():
            write_sided(b, kind, [(block(value), {"pointer": f"{base}/{key}"})])
    languages = sorted({m.group(1) for k in doc if (m := _LANG_SUFFIX.match(k))})
    flags = {"PHASE1": "e71_human_pharmacology_phase_i", "PHASE2": "e72_therapeutic_exploratory_phase_ii",
             "PHASE3": "e73_therapeutic_confirmatory_phase_iii", "PHASE4": "e74_therapeutic_use_phase_iv"}
    female, male = facts.flag(doc.get("f21_female")), facts.flag(doc.get("f22_male"))
    ids: list[dict[str, str]] = []
    facts.add_identifier(ids, doc.get("a2_eudract_number"), "EudraCT")
    nct = doc.get("a52_us_nct_clinicaltrialsgov_registry_number")
    if isinstance(nct, str) and facts.identifier(nct)["system"] == "NCT":
        facts.add_identifier(ids, nct, "NCT")
    study = facts.prune({
        "identifiers": ids,
        "title": " ".join(str(doc.get("a3_full_title_of_the_trial") or "").split()) or None,
        "phase": [p for p, k in flags.items() if facts.flag(doc.get(k))],
        "status": facts.status(doc.get("p_end_of_trial_status") or doc.get("x5_trial_status")),
        "enrollment": facts.integer(doc.get("f422_in_the_whole_clinical_trial")),
        "sex": "all" if female and male else "female" if female else "male" if male else None,
        "healthy_volunteers": facts.flag(doc.get("f31_healthy_volunteers")),
        "conditions": [doc["e11_medical_conditions_being_investigated"]]
        if isinstance(doc.get("e11_medical_conditions_being_investigated"), str) else [],
        "sponsor": dig(doc, "b1_sponsor", 0, "b11_name_of_sponsor"),
    })
    return make_source(b, fmt="euctr-json", path=path, data_sha=digest, record=rec, study=study,
                       doc_id=doc.get("a2_eudract_number"), site="clinicaltrialsregister.eu",
                       languages=languages)
