"""Checks of exported FHIR resources.

`model_problems` validates against the FHIR models of `fhir.resources` (the `fhir` extra: R5 by
default, R4B's Group for the R4 form, which R4B keeps unchanged from R4). That package checks
structure, cardinality and data types but not what `check` below does: that every code comes
from the value set it is bound to (the ones this exporter uses), that an EvidenceVariable
characteristic has exactly one definition, a combination the threshold its code needs, a
Quantity a valid comparator and a UCUM code with its system, a time window one amount, and
that linkIds are unique.
"""
from __future__ import annotations

from typing import Any

from .fhir_r5 import (LOINC, OFFSET_SYSTEM, PHASE_SYSTEM, PHASES, STATUS_SYSTEM, STATUSES, UCUM)

PUBLICATION_STATUS = {"draft", "active", "retired", "unknown"}
COMBINATION = {"all-of", "any-of", "at-least", "at-most", "statistical", "net-effect", "dataset"}
QUANTITY_COMPARATOR = {"<", "<=", ">=", ">", "ad"}
OFFSET_CODES = {"UNL", "LNL"}
GROUP_TYPES_R4 = {"person", "animal", "practitioner", "device", "medication", "substance"}
DEFINITIONS = ("definitionReference", "definitionCanonical", "definitionCodeableConcept",
               "definitionExpression", "definitionId", "definitionByTypeAndValue",
               "definitionByCombination")
KNOWN_CODES = {
    PHASE_SYSTEM: set(PHASES.values()),
    STATUS_SYSTEM: set(STATUSES.values()),
    OFFSET_SYSTEM: OFFSET_CODES,
}


def model_problems(resource: dict[str, Any], version: str = "r5") -> list[str]:
    """Problems `fhir.resources` finds in `resource` ([] when it validates). Raises ImportError
    without the `fhir` extra."""
    if version == "r4":
        from fhir.resources.R4B import get_fhir_model_class
    else:
        from fhir.resources import get_fhir_model_class
    try:
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    except Exception as exc:  # pydantic's ValidationError, or a KeyError for an unknown type
        return [f"{resource.get('resourceType')}/{resource.get('id')}: {exc}"]
    return []


def check(resource: dict[str, Any]) -> list[str]:
    """What our own checker finds wrong in an exported resource."""
    where = f"{resource.get('resourceType')}/{resource.get('id')}"
    found: list[str] = []
    kind = resource.get("resourceType")
    if kind == "EvidenceVariable":
        _publication_status(resource, where, found)
        seen: set[str] = set()
        for i, char in enumerate(resource.get("characteristic") or []):
            _characteristic(char, f"{where}.characteristic[{i}]", found, seen)
    elif kind == "ResearchStudy":
        _publication_status(resource, where, found)
        for i, ident in enumerate(resource.get("identifier") or []):
            if not ident.get("value"):
                found.append(f"{where}.identifier[{i}]: no value")
        if resource.get("phase"):
            _concept(resource["phase"], f"{where}.phase", found, required=PHASE_SYSTEM)
        for i, progress in enumerate(resource.get("progressStatus") or []):
            _concept(progress.get("state") or {}, f"{where}.progressStatus[{i}].state", found,
                     required=STATUS_SYSTEM)
        eligibility = (resource.get("recruitment") or {}).get("eligibility") or {}
        if not eligibility.get("reference"):
            found.append(f"{where}.recruitment.eligibility: no reference")
    elif kind == "Group":
        if resource.get("type") not in GROUP_TYPES_R4:
            found.append(f"{where}.type: {resource.get('type')!r} not in group-type")
        if not isinstance(resource.get("actual"), bool):
            found.append(f"{where}.actual: not a boolean")
        for i, char in enumerate(resource.get("characteristic") or []):
            at = f"{where}.characteristic[{i}]"
            values = [k for k in char if k.startswith("value")]
            if len(values) != 1:
                found.append(f"{at}: {len(values)} value[x] elements, expected exactly one")
            if not isinstance(char.get("exclude"), bool):
                found.append(f"{at}.exclude: not a boolean")
            _concept(char.get("code") or {}, f"{at}.code", found)
            if "valueQuantity" in char:
                _quantity(char["valueQuantity"], f"{at}.valueQuantity", found)
            if "valueRange" in char:
                _range(char["valueRange"], f"{at}.valueRange", found)
    elif kind == "Bundle":
        for i, entry in enumerate(resource.get("entry") or []):
            found.extend(check(entry.get("resource") or {}))
    else:
        found.append(f"{where}: not a resource type this exporter writes")
    return found


def _publication_status(resource: dict[str, Any], where: str, found: list[str]) -> None:
    if resource.get("status") not in PUBLICATION_STATUS:
        found.append(f"{where}.status: {resource.get('status')!r} not in publication-status")


def _check_parts(obj: dict, checkers: dict, at: str, found: list[str]) -> None:
    """Each part of `obj` named in `checkers`, checked by its checker."""
    for key, check in checkers.items():
        if key in obj:
            check(obj[key], f"{at}.{key}", found)


def _characteristic(char: dict[str, Any], at: str, found: list[str], seen: set[str]) -> None:
    link = char.get("linkId")
    if link is not None:
        if link in seen:
            found.append(f"{at}.linkId: {link!r} used twice")
        seen.add(link)
    definitions = [d for d in DEFINITIONS if d in char]
    if len(definitions) != 1:
        found.append(f"{at}: {len(definitions)} definitions ({', '.join(definitions) or 'none'}), expected exactly one")
    if "exclude" in char and not isinstance(char["exclude"], bool):
        found.append(f"{at}.exclude: not a boolean")
    if "definitionCodeableConcept" in char:
        _concept(char["definitionCodeableConcept"], f"{at}.definitionCodeableConcept", found)
    by_value = char.get("definitionByTypeAndValue")
    if by_value is not None:
        _concept(by_value.get("type") or {}, f"{at}.definitionByTypeAndValue.type", found)
        values = [k for k in by_value if k.startswith("value")]
        if len(values) != 1:
            found.append(f"{at}.definitionByTypeAndValue: {len(values)} value[x], expected exactly one")
        _check_parts(by_value, {"valueQuantity": _quantity, "valueRange": _range,
                                "valueCodeableConcept": _concept, "offset": _concept},
                     f"{at}.definitionByTypeAndValue", found)
    combo = char.get("definitionByCombination")
    if combo is not None:
        code = combo.get("code")
        if code not in COMBINATION:
            found.append(f"{at}.definitionByCombination.code: {code!r} not in characteristic-combination")
        threshold = combo.get("threshold")
        if code in ("at-least", "at-most"):
            if not (isinstance(threshold, int) and not isinstance(threshold, bool) and threshold > 0):
                found.append(f"{at}.definitionByCombination: {code} needs a positive threshold")
        elif threshold is not None:
            found.append(f"{at}.definitionByCombination: threshold given with {code!r}")
        parts = combo.get("characteristic") or []
        if not parts:
            found.append(f"{at}.definitionByCombination: no characteristic")
        for i, part in enumerate(parts):
            _characteristic(part, f"{at}.definitionByCombination.characteristic[{i}]", found, seen)
    for i, window in enumerate(char.get("timeFromEvent") or []):
        w_at = f"{at}.timeFromEvent[{i}]"
        amounts = [k for k in ("quantity", "range") if k in window]
        if len(amounts) > 1:
            found.append(f"{w_at}: both quantity and range")
        _check_parts(window, {"quantity": _quantity, "range": _range, "eventCodeableConcept": _concept},
                     w_at, found)
    if "durationQuantity" in char and "durationRange" in char:
        found.append(f"{at}: both durationQuantity and durationRange")
    if "durationQuantity" in char:
        _quantity(char["durationQuantity"], f"{at}.durationQuantity", found)
    if "durationRange" in char:
        _range(char["durationRange"], f"{at}.durationRange", found)


def _concept(concept: dict[str, Any], at: str, found: list[str], required: str | None = None) -> None:
    codings = concept.get("coding") or []
    if not codings and not (concept.get("text") or "").strip():
        found.append(f"{at}: neither coding nor text")
    for i, coding in enumerate(codings):
        system, code = coding.get("system"), coding.get("code")
        if not system or not code:
            found.append(f"{at}.coding[{i}]: system and code are both needed")
            continue
        if required and system != required:
            found.append(f"{at}.coding[{i}]: system {system!r}, expected {required!r}")
        if system in KNOWN_CODES and code not in KNOWN_CODES[system]:
            found.append(f"{at}.coding[{i}]: {code!r} is not a code of {system}")
        if system == LOINC and not _loinc_shaped(code):
            found.append(f"{at}.coding[{i}]: {code!r} is not a LOINC code")


def _loinc_shaped(code: str) -> bool:
    """LOINC codes are digits, a hyphen and a check digit (LP/LA parts are not used here)."""
    number, _, check = code.partition("-")
    return number.isdigit() and check.isdigit() and len(check) == 1


def _quantity(q: dict[str, Any], at: str, found: list[str], simple: bool = False) -> None:
    if not isinstance(q.get("value"), (int, float)) or isinstance(q.get("value"), bool):
        found.append(f"{at}.value: not a number")
    if "comparator" in q:
        if simple:
            found.append(f"{at}: a comparator in a SimpleQuantity")
        elif q["comparator"] not in QUANTITY_COMPARATOR:
            found.append(f"{at}.comparator: {q['comparator']!r} not in quantity-comparator")
    if ("code" in q) != ("system" in q):
        found.append(f"{at}: code and system go together")
    if q.get("system") == UCUM and not q.get("code"):
        found.append(f"{at}: UCUM system without a code")


def _range(r: dict[str, Any], at: str, found: list[str]) -> None:
    if not r.get("low") and not r.get("high"):
        found.append(f"{at}: neither low nor high")
    for end in ("low", "high"):
        if end in r:
            _quantity(r[end], f"{at}.{end}", found, simple=True)
    low, high = (r.get("low") or {}).get("value"), (r.get("high") or {}).get("value")
    if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
        found.append(f"{at}: low {low} above high {high}")
