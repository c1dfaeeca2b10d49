"""EU registers as JSON: CTIS (EU Clinical Trials Information System API records) and EU CTR
records as parsed by ctrdata (`e3_principal_inclusion_criteria` ...). Formats "ctis-json" and
"euctr-json". Translations are not copied; their languages go to `Source.languages`.
"""
from __future__ import annotations

import re
from typing import Any

from . import fact_log, facts
from .builder import Builder, make_source, write_sided, write_title
from .fact_log import FactLog
from .jsonutil import dig, pointer
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
    study = _ctis_facts(doc, base, part_path, part1)
    return make_source(b, fmt="ctis-json", path=path, data_sha=digest, record=rec, study=study,
                       doc_id=doc.get("ctNumber"), site="euclinicaltrials.eu", languages=sorted(languages))


def _ctis_facts(doc: dict, base: str, part_path: tuple, part1: dict) -> dict[str, Any]:
    log = FactLog()
    part_ptr = base + pointer(*part_path)
    if isinstance(doc.get("ctNumber"), str):
        log.identifier(doc["ctNumber"].strip(), {"pointer": base + "/ctNumber"}, "CTIS", doc["ctNumber"])
    at = part_ptr + "/trialDetails/clinicalTrialIdentifiers"
    ident = dig(part1, "trialDetails", "clinicalTrialIdentifiers") or {}
    for key, system in (("nctNumber", "NCT"), ("isrctnNumber", "ISRCTN")):
        v = dig(ident, "secondaryIdentifyingNumbers", key, "number")
        if isinstance(v, str):
            log.identifier(v.strip(), {"pointer": f"{at}/secondaryIdentifyingNumbers/{key}/number"}, system, v)
    # The EudraCT number of a trial moved over from the EU CTR.
    keys = (*part_path[:-1], "eudraCt", "eudraCtCode")
    if isinstance(dig(doc, *keys), str):
        log.identifier(dig(doc, *keys).strip(), {"pointer": base + pointer(*keys)}, "EudraCT", dig(doc, *keys))
    # Other registries' numbers, several to a field ("75,061; 125,097" under IND).
    for k, reg in enumerate(dig(ident, "secondaryIdentifyingNumbers", "additionalRegistries") or []):
        number = reg.get("number") if isinstance(reg, dict) else None
        if isinstance(number, str):
            system = reg.get("otherRegistryName") if isinstance(reg.get("otherRegistryName"), str) else None
            where = {"pointer": f"{at}/secondaryIdentifyingNumbers/additionalRegistries/{k}/number"}
            for value, s, e in fact_log.items_at(number, ";"):
                log.identifier(value, {**where, "start": s, "end": e}, system)
    log.pick("title", ident, at, "fullTitle")
    log.pick("phase", doc, base, "trialPhase", convert=_phase_text)
    if isinstance(doc.get("ctStatus"), str):              # newer records give a number, not words
        log.pick("status", doc, base, "ctStatus", convert=facts.status)
    log.pick("enrollment", doc, base, "totalNumberEnrolled", convert=facts.integer)
    log.pick("sex", doc, base, "gender", convert=facts.sex)
    # The condition as the sponsor words it, else its MedDRA term.
    cond = ("trialDetails", "trialInformation", "medicalCondition")
    for keys, name in (((*cond, "partIMedicalConditions"), "medicalCondition"), ((*cond, "meddraConditionTerms"), "termName")):
        for k, c in enumerate(dig(part1, *keys) or []):
            if isinstance(c, dict) and isinstance(c.get(name), str) and c[name].strip():
                log.add("conditions", facts.text(c[name]), {"pointer": part_ptr + pointer(*keys, k, name)}, c[name])
        if log.has("conditions"):
            break
    for k, product in enumerate(part1.get("products") or []):
        # A product's name, else its active substances ("pioglitazone hydrochloride").
        key = next((key for key in ("productName", "jsonActiveSubstanceNames")
                    if isinstance((product or {}).get(key), str) and product[key].strip().lower() not in ("", "n/a")), None)
        if key:
            log.add("interventions", {"name": facts.text(product[key])}, {"pointer": part_ptr + pointer("products", k, key)},
                    product[key])
    log.pick("sponsor", part1, part_ptr, "sponsors", 0, "organisation", "name")
    sites, parts = 0, (*part_path[:-1], "authorizedPartsII")
    for j, part2 in enumerate(dig(doc, *parts) or []):
        for k, site in enumerate((part2 or {}).get("trialSites") or [] if isinstance(part2, dict) else []):
            keys = (*parts, j, "trialSites", k, "organisationAddressInfo", "organisation", "name")
            name = dig(site, "organisationAddressInfo", "organisation", "name")
            sites += 1
            if isinstance(name, str) and name.strip():
                log.add("sites", facts.text(name), {"pointer": base + pointer(*keys)}, name)
    if sites:
        log.set("site_count", sites, {"pointer": base + pointer(*parts)})
    # The start in the EU once the trial has started, else the estimated start of recruitment.
    log.pick("start_date", doc, base, "startDateEU")
    for field, key in (("start_date", "estimatedRecruitmentStartDate"), ("completion_date", "estimatedEndDate")):
        log.pick(field, part1, part_ptr, "trialDetails", "trialInformation", "trialDuration", key)
    return log.study()


_LANG_SUFFIX = re.compile(r"^e3_principal_inclusion_criteria_([a-z]{2})$")


def euctr(doc: dict, base: str, path: str, digest: str, rec: str | None) -> Source:
    b = Builder()
    write_title(b, doc.get("a3_full_title_of_the_trial"), {"pointer": base + "/a3_full_title_of_the_trial"})
    for kind, key in (("inclusion", "e3_principal_inclusion_criteria"), ("exclusion", "e4_principal_exclusion_criteria")):
        value = doc.get(key)
        if isinstance(value, str) and value.strip():
            write_sided(b, kind, [(block(value), {"pointer": f"{base}/{key}"})])
    languages = sorted({m.group(1) for k in doc if (m := _LANG_SUFFIX.match(k))})
    study = _euctr_facts(doc, base)
    return make_source(b, fmt="euctr-json", path=path, data_sha=digest, record=rec, study=study,
                       doc_id=doc.get("a2_eudract_number"), site="clinicaltrialsregister.eu",
                       languages=languages)


_PHASE_FLAGS = {"PHASE1": "e71_human_pharmacology_phase_i", "PHASE2": "e72_therapeutic_exploratory_phase_ii",
                "PHASE3": "e73_therapeutic_confirmatory_phase_iii", "PHASE4": "e74_therapeutic_use_phase_iv"}


def _euctr_facts(doc: dict, base: str) -> dict[str, Any]:
    log = FactLog()
    if isinstance(doc.get("a2_eudract_number"), str):
        log.identifier(doc["a2_eudract_number"].strip(), {"pointer": base + "/a2_eudract_number"}, "EudraCT",
                       doc["a2_eudract_number"])
    key = "a52_us_nct_clinicaltrialsgov_registry_number"
    nct = doc.get(key)
    if isinstance(nct, str) and facts.identifier(nct)["system"] == "NCT":
        log.identifier(nct.strip(), {"pointer": f"{base}/{key}"}, "NCT", nct)
    code = doc.get("a41_sponsors_protocol_code_number")
    if isinstance(code, str) and code.strip():               # the sponsor's own protocol number
        log.identifier(" ".join(code.split()), {"pointer": base + "/a41_sponsors_protocol_code_number"}, "org", code)
    other = doc.get("a54_other_identifiers")
    if isinstance(other, str):
        # "IND 110011": a registry's name, then its number; several separated by ";".
        for item, s, e in fact_log.items_at(other, ";"):
            m = re.fullmatch(r"([A-Za-z][\w.-]*)[\s:#]+(\S*\d[\S ]*)", item)
            value, system, at = (m.group(2), m.group(1), s + m.start(2)) if m else (item, None, s)
            log.identifier(value, {"pointer": base + "/a54_other_identifiers", "start": at, "end": e}, system)
    log.pick("title", doc, base, "a3_full_title_of_the_trial")
    # One yes/no flag per phase: the fact points at the first flag that is yes.
    phases = [p for p, k in _PHASE_FLAGS.items() if facts.flag(doc.get(k))]
    if phases:
        first = _PHASE_FLAGS[phases[0]]
        log.set("phase", phases, {"pointer": f"{base}/{first}"}, doc[first])
    status_key = "p_end_of_trial_status" if doc.get("p_end_of_trial_status") else "x5_trial_status"
    log.pick("status", doc, base, status_key, convert=facts.status)
    log.pick("enrollment", doc, base, "f422_in_the_whole_clinical_trial", convert=facts.integer)
    female, male = facts.flag(doc.get("f21_female")), facts.flag(doc.get("f22_male"))
    sex = "all" if female and male else "female" if female else "male" if male else None
    if sex:
        key = "f21_female" if female else "f22_male"
        log.set("sex", sex, {"pointer": f"{base}/{key}"}, doc[key])
    log.pick("healthy_volunteers", doc, base, "f31_healthy_volunteers", convert=facts.flag)
    key = "e11_medical_conditions_being_investigated"
    if isinstance(doc.get(key), str):
        log.add("conditions", facts.text(doc[key]), {"pointer": f"{base}/{key}"}, doc[key])
    for k, imp in enumerate(doc.get("dimp") or []):
        # Each IMP by its product name, else its trade name.
        key = next((key for key in ("d31_product_name", "d2111_trade_name")
                    if isinstance(imp, dict) and isinstance(imp.get(key), str) and imp[key].strip()), None)
        if key:
            log.add("interventions", {"name": facts.text(imp[key])}, {"pointer": base + pointer("dimp", k, key)}, imp[key])
    log.pick("sponsor", doc, base, "b1_sponsor", 0, "b11_name_of_sponsor")
    log.pick("completion_date", doc, base, "p_date_of_the_global_end_of_the_trial")
    return log.study()
