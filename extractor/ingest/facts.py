"""Normalise registry values into the CONTRACT "study" vocabulary (pure functions)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..resources import RuleFileError, load_rules

_AGE_UNITS = {
    "year": "a", "years": "a", "yr": "a", "yrs": "a", "y": "a", "a": "a",
    "month": "mo", "months": "mo", "mo": "mo",
    "week": "wk", "weeks": "wk", "wk": "wk", "wks": "wk",
    "day": "d", "days": "d", "d": "d",
    "hour": "h", "hours": "h", "h": "h",
    "minute": "min", "minutes": "min", "min": "min",
}


def age(value: Any, unit: Any = None) -> dict[str, Any] | None:
    """'18 Years' -> {"value": 18, "unit": "a"}; ('6', 'MONTHS') too; 'N/A', '', None -> None."""
    if value is None:
        return None
    if unit is None:
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]+)?\s*", str(value))
        if not m:
            return None
        number, unit = m.group(1), m.group(2) or "years"
    else:
        number = str(value).strip()
        if not re.fullmatch(r"\d+(?:\.\d+)?", number):
            return None
    code = _AGE_UNITS.get(str(unit).strip().lower())
    if code is None:
        return None
    num = float(number)
    return {"value": int(num) if num.is_integer() else num, "unit": code}


def sex(value: Any) -> str | None:
    v = str(value or "").strip().lower()
    if v in {"all", "both", "any", "female, male", "male, female", "male and female", "female and male"}:
        return "all"
    if v in {"female", "females", "women", "f"}:
        return "female"
    if v in {"male", "males", "men", "m"}:
        return "male"
    return None


def flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    v = str(value or "").strip().lower()
    if v in {"yes", "true", "accepts healthy volunteers", "y"}:
        return True
    if v in {"no", "false", "n"}:
        return False
    return None


def upper_snake(value: Any) -> str | None:
    if value is None:
        return None
    s = re.sub(r"[^A-Za-z0-9]+", "_", str(value).strip()).strip("_").upper()
    return s or None


def status(value: Any) -> str | None:
    """'Active, not recruiting' -> 'ACTIVE_NOT_RECRUITING'; legacy 'Unknown status' -> 'UNKNOWN'."""
    s = upper_snake(value)
    return "UNKNOWN" if s == "UNKNOWN_STATUS" else s


_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4"}


def phases(value: Any) -> list[str]:
    """'Phase 1/Phase 2' -> ['PHASE1', 'PHASE2']; 'Early Phase 1' -> ['EARLY_PHASE1'];
    'N/A' -> ['NA']; lists (API v2/v1) are normalised item by item; 'II' (NCI) -> ['PHASE2']."""
    if value is None:
        return []
    if isinstance(value, str) and re.sub(r"[^A-Za-z]", "", value).upper() in {"NA", "NOTAPPLICABLE"}:
        return ["NA"]
    items = value if isinstance(value, list) else re.split(r"\s*/\s*|\s*,\s*|\s+and\s+", str(value))
    out: list[str] = []
    for item in items:
        s = str(item).strip()
        if not s:
            continue
        key = re.sub(r"[^A-Za-z0-9]", "", s).upper()
        if key in {"NA", "NOTAPPLICABLE", "NONE"}:
            code = "NA"
        elif key.startswith("EARLYPHASE"):
            code = "EARLY_PHASE" + key[len("EARLYPHASE"):]
        else:
            key = key.removeprefix("PHASE")
            if key in _ROMAN:
                key = _ROMAN[key]
            if re.fullmatch(r"[0-4]", key):
                code = "PHASE" + key
            elif re.fullmatch(r"([0-4])([0-4])", key):      # NCI "I_II" -> "III"? handled below
                code = None
                out.extend(f"PHASE{d}" for d in key if f"PHASE{d}" not in out)
                continue
            else:
                code = None
        if code and code not in out:
            out.append(code)
    return out


def enrollment_type(value: Any) -> str | None:
    """A registry's word for its enrollment figure: 'Actual' -> 'actual'; 'Anticipated',
    'Estimated' -> 'planned'."""
    v = str(value or "").strip().lower()
    return "actual" if v == "actual" else "planned" if v in ("anticipated", "estimated", "expected", "planned") else None


def text(value: Any) -> str | None:
    """A string value with its spaces collapsed; anything else (a number, a structure) is None."""
    return (" ".join(value.split()) or None) if isinstance(value, str) else None


def names(values: Any) -> list[str]:
    """Distinct non-empty names, spaces collapsed, in order."""
    out: list[str] = []
    for v in values or []:
        if isinstance(v, str) and v.strip():
            v = " ".join(v.split())
            if v not in out:
                out.append(v)
    return out


def integer(value: Any) -> int | None:
    try:
        return int(str(value).strip().replace(",", ""))
    except (TypeError, ValueError):
        try:
            f = float(str(value).strip())
            return int(f) if f.is_integer() else None
        except (TypeError, ValueError):
            return None


# ClinicalTrials.gov intervention types, as registries and pages write them before a name
# ("Drug: Dexamethasone", "Biological: Anakinra"): the prefix is a type only when it is one of these.
INTERVENTION_TYPES = {t.lower(): upper_snake(t) for t in (
    "Drug", "Biological", "Biologic", "Device", "Procedure", "Procedure/Surgery", "Radiation", "Behavioral",
    "Genetic", "Dietary Supplement", "Combination Product", "Diagnostic Test", "Other")}
INTERVENTION_TYPES["biologic"] = "BIOLOGICAL"
INTERVENTION_TYPES["procedure/surgery"] = "PROCEDURE"


def typed_intervention(text: str) -> dict[str, Any]:
    """'Drug: Dexamethasone acetate' (or 'Dexamethasone acetate Type: Drug') ->
    {"name": "Dexamethasone acetate", "type": "DRUG"};
    a name without a known type prefix keeps its whole text and no type."""
    m = re.match(r"\s*([A-Za-z /]+?)\s*:\s*(\S.*)$", text)
    if m and m.group(1).lower() in INTERVENTION_TYPES:
        return {"name": " ".join(m.group(2).split()), "type": INTERVENTION_TYPES[m.group(1).lower()]}
    m = re.match(r"(.*\S)\s+Type:\s*([A-Za-z /]+?)\s*$", text)      # a table row "Name Type: Drug"
    if m and m.group(2).lower() in INTERVENTION_TYPES:
        return {"name": " ".join(m.group(1).split()), "type": INTERVENTION_TYPES[m.group(2).lower()]}
    return {"name": " ".join(text.split())}


@lru_cache(maxsize=1)
def _id_shapes() -> tuple[tuple[re.Pattern, str], ...]:
    """(pattern, system) of models/registry_ids.json, in its order (the first match wins)."""
    data = load_rules("registry_ids.json", "rules/registry_ids.schema.json")
    shapes = []
    for entry in data["systems"]:
        try:
            shapes.append((re.compile(entry["pattern"]), entry["system"]))
        except re.error as err:
            raise RuleFileError(f"models/registry_ids.json: {entry['system']}: bad pattern: {err}") from None
    return tuple(shapes)


def identifier(value: str) -> dict[str, str]:
    """Guess the registry system of an identifier from its shape (models/registry_ids.json)."""
    v = value.strip()
    system = next((name for rx, name in _id_shapes() if rx.match(v)), "other")
    return {"system": system, "value": v}


# A registry's own name for a secondary id's type -> the system the record gives it.
_ID_TYPES = {"eudract_number": "EudraCT", "eudract number": "EudraCT", "ctis": "CTIS", "nih": "NIH",
             "u.s. nih grant/contract": "NIH", "other_grant": "other grant", "other grant/funding number": "other grant",
             "registry": "registry", "registry identifier": "registry", "fda": "IND", "other": "other",
             "other identifier": "other"}


_REGISTRIES = {"isrctn": "ISRCTN", "eudract": "EudraCT", "drks": "DRKS", "chictr": "ChiCTR", "ctis": "CTIS",
               "clinicaltrials.gov": "NCT"}


def secondary_system(value: str, kind: Any, domain: Any = None) -> str:
    """System of a secondary id: from its shape when that is a registry's, else the registry its
    domain names when it is a registry identifier ("24791884", domain "ISRCTN"), else its stated type."""
    guess = identifier(value)["system"]
    if guess != "other" or not isinstance(kind, str) or not kind.strip():
        return guess
    system = _ID_TYPES.get(kind.strip().lower(), kind.strip())
    if system == "registry" and isinstance(domain, str):
        return _REGISTRIES.get(domain.strip().lower(), system)
    return system


def add_identifier(ids: list[dict[str, str]], value: Any, system: str | None = None) -> None:
    if not isinstance(value, str) or not value.strip():
        return
    ident = identifier(value)
    if system:
        ident["system"] = system
    if ident not in ids:
        ids.append(ident)


def prune(study: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values so `study` holds only what the format actually said."""
    return {k: v for k, v in study.items() if v not in (None, [], {}, "")}
