"""A document record -> a FHIR R5 ResearchStudy and the EvidenceVariable of its eligibility.

The mapping (README "Export"):
- each top-level criterion is one characteristic of the EvidenceVariable (R5 combines them with
  "and"); `exclude: true` when it names people to leave out (an exclusion criterion, or an
  inclusion one that requires an absence; a nested criterion is excluded when it is negated);
- sub-items combine through `definitionByCombination` (`all-of`, `any-of`, `at-least` with
  `threshold` for "at least two of the following"), and so do a criterion's several
  constraints (`constraints_logic`);
- a value constraint is `definitionByTypeAndValue`: type = the subject's LOINC code where it has
  one, else its text; value = Quantity (comparator kept), Range ("between", inclusive), or a
  combination when neither fits ("in" is any-of, a strict range all-of);
- a threshold relative to a normal limit ("≤ 3 × ULN") is a Quantity whose unit is the UCUM
  annotation `{ULN}` (`{LLN}`, `{baseline}`, `{normal}`) plus, for ULN/LLN, R5's own `offset`
  (characteristic-offset UNL/LNL): the number never reads as an absolute value, not even to a
  reader that ignores `offset` (and it survives into R4, which has none);
- a time window is `timeFromEvent` (event as text, Quantity or Range, the direction in a note),
  a duration `durationQuantity`/`durationRange`;
- a criterion with no constraint is `definitionCodeableConcept` with its text.
"""
from __future__ import annotations

import uuid
from typing import Any, Callable

from .bounds import shape
from .records import Record, by_id, children_of, combination, excluded_at_top, top_level

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
PHASE_SYSTEM = "http://hl7.org/fhir/research-study-phase"
STATUS_SYSTEM = "http://hl7.org/fhir/research-study-status"
OFFSET_SYSTEM = "http://hl7.org/fhir/characteristic-offset"

PHASES = {
    ("NA",): "n-a", ("EARLY_PHASE1",): "early-phase-1", ("PHASE1",): "phase-1",
    ("PHASE1", "PHASE2"): "phase-1-phase-2", ("PHASE2",): "phase-2",
    ("PHASE2", "PHASE3"): "phase-2-phase-3", ("PHASE3",): "phase-3", ("PHASE4",): "phase-4",
}
# Registry statuses onto R5 research-study-status; others keep their text alone.
STATUSES = {
    "RECRUITING": "recruiting", "NOT_YET_RECRUITING": "not-yet-recruiting",
    "ACTIVE_NOT_RECRUITING": "active-but-not-recruiting",
    "ENROLLING_BY_INVITATION": "enrolling-by-invitation", "ACTIVE": "active",
    "COMPLETED": "completed", "TERMINATED": "terminated", "WITHDRAWN": "withdrawn",
    "SUSPENDED": "temporarily-closed-to-accrual",
    "TEMPORARILY_CLOSED_TO_ACCRUAL": "temporarily-closed-to-accrual",
    "ADMINISTRATIVELY_COMPLETE": "administratively-completed", "APPROVED": "approved",
}
IDENTIFIER_SYSTEMS = {
    "NCT": "https://clinicaltrials.gov", "EudraCT": "https://www.clinicaltrialsregister.eu",
    "CTIS": "https://euclinicaltrials.eu", "ISRCTN": "https://www.isrctn.com",
    "ChiCTR": "https://www.chictr.org.cn", "DRKS": "https://drks.de",
}
# Relative thresholds: the UCUM annotation the quantity carries, and R5's offset where one exists.
REFERENCES = {"ULN": ("{ULN}", "UNL", "Upper Normal Limit"),
              "LLN": ("{LLN}", "LNL", "Lower Normal Limit"),
              "baseline": ("{baseline}", None, None), "normal": ("{normal}", None, None)}
COMBINATION_CODES = {"all": "all-of", "any": "any-of", "at-least": "at-least"}
DIRECTIONS = {"before": "before", "after": "after", None: "before or after"}


def full_url(resource_type: str, resource_id: str) -> str:
    """A stable `urn:uuid:` for a resource of an exported bundle (references use it)."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"urn:extractor:{resource_type}/{resource_id}"))


def r5_resources(record: Record, resource_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(ResearchStudy, EvidenceVariable) for one document record; `resource_id` names both
    (the EvidenceVariable adds `-criteria`)."""
    ev_id = f"{resource_id}-criteria"
    study = research_study(record, resource_id, full_url("EvidenceVariable", ev_id))
    return study, evidence_variable(record, ev_id)


def research_study(record: Record, resource_id: str, eligibility_ref: str) -> dict[str, Any]:
    facts = record.get("study") or {}
    doc = record["document"]
    out: dict[str, Any] = {"resourceType": "ResearchStudy", "id": resource_id}
    identifiers = [_identifier(i) for i in facts.get("identifiers") or [] if i.get("value")]
    if identifiers:
        out["identifier"] = identifiers
    title = _clean(facts.get("title") or "")
    if title:
        out["title"] = title
    out["status"] = "active"  # the publication status of this description, not the trial's
    phase = facts.get("phase") or []
    if phase:
        code = PHASES.get(tuple(phase))
        concept: dict[str, Any] = {"text": ", ".join(phase)}
        if code:
            concept = {"coding": [{"system": PHASE_SYSTEM, "code": code}], **concept}
        out["phase"] = concept
    if facts.get("status"):
        state: dict[str, Any] = {"text": facts["status"]}
        if facts["status"] in STATUSES:
            state = {"coding": [{"system": STATUS_SYSTEM, "code": STATUSES[facts["status"]]}], **state}
        out["progressStatus"] = [{"state": state, "actual": True}]
    conditions = [_clean(c) for c in facts.get("conditions") or [] if isinstance(c, str) and _clean(c)]
    if conditions:
        out["condition"] = [{"text": c} for c in conditions]
    out["recruitment"] = {"eligibility": {"reference": eligibility_ref,
                                          "display": f"Eligibility criteria of {doc.get('id')}"}}
    return out


def _identifier(ident: dict[str, Any]) -> dict[str, Any]:
    system = IDENTIFIER_SYSTEMS.get(ident.get("system") or "")
    out: dict[str, Any] = {}
    if system:
        out["system"] = system
    elif ident.get("system"):
        out["type"] = {"text": ident["system"]}
    out["value"] = str(ident["value"])
    return out


def evidence_variable(record: Record, resource_id: str) -> dict[str, Any]:
    doc = record["document"]
    title = _clean((record.get("study") or {}).get("title") or "") or doc.get("id")
    out: dict[str, Any] = {
        "resourceType": "EvidenceVariable", "id": resource_id,
        "title": f"Eligibility criteria: {title}",
        # machine-extracted, not reviewed by a person
        "status": "draft",
    }
    builder = _Characteristics(record)
    chars = [builder.criterion(c, excluded_at_top(c), top=True) for c in top_level(record)]
    if chars:
        out["characteristic"] = chars
    return out


class _Characteristics:
    def __init__(self, record: Record):
        self.index = by_id(record)

    def criterion(self, crit: Record, exclude: bool, top: bool = False) -> dict[str, Any]:
        char: dict[str, Any] = {"linkId": crit["id"], "description": _clean(crit.get("text", "")) or crit["id"]}
        notes = _criterion_notes(crit, top)
        if notes:
            char["note"] = notes
        if exclude:
            char["exclude"] = True
        own = self.constraints(crit)
        kids = children_of(crit, self.index)
        if kids:
            code, threshold = combination(crit)
            combo: dict[str, Any] = {"code": COMBINATION_CODES[code]}
            if threshold:
                combo["threshold"] = threshold
            combo["characteristic"] = [self.criterion(k, bool(k.get("negated"))) for k in kids]
            if own is None:
                char["definitionByCombination"] = combo
            else:
                # "At least two of the following prior therapies" states its own constraint
                # too: both must hold.
                char["definitionByCombination"] = {"code": "all-of", "characteristic": [
                    {"linkId": f"{crit['id']}.own", **own},
                    {"linkId": f"{crit['id']}.items", "definitionByCombination": combo}]}
        elif own is not None:
            own = dict(own)
            extra = own.pop("note", [])
            char.update(own)
            if extra:
                char["note"] = notes + extra
        else:
            char["definitionCodeableConcept"] = {"text": char["description"]}
        return char

    def constraints(self, crit: Record) -> dict[str, Any] | None:
        constraints = crit.get("constraints") or []
        if not constraints:
            return None
        parts = [constraint(k, crit, f"{crit['id']}.k{i + 1}") for i, k in enumerate(constraints)]
        if len(parts) == 1:
            part = dict(parts[0])
            part.pop("linkId")
            part.pop("description", None)
            notes = part.pop("note", None)
            return {**part, **({"note": notes} if notes else {})}
        code = "any-of" if crit.get("constraints_logic") == "any" else "all-of"
        return {"definitionByCombination": {"code": code, "characteristic": parts}}


def constraint(k: Record, crit: Record, link_id: str) -> dict[str, Any]:
    """One constraint as a characteristic."""
    base: dict[str, Any] = {"linkId": link_id, "description": _clean(k.get("text", "")) or link_id}
    cond = k.get("condition")
    if isinstance(cond, dict) and cond.get("text"):
        base["note"] = [{"text": f"applies {cond.get('cue') or 'if'}: {_clean(cond['text'])}"}]
    kind = k.get("type")
    sh = shape(k)
    if kind == "time":
        return _by_shape(sh, base, lambda atom: _time_leaf(k, crit, atom), k)
    if kind == "duration":
        return _by_shape(sh, base, lambda atom: _duration_leaf(k, crit, atom), k)
    concept = type_concept(k, crit)
    if sh is None:
        values = k.get("values")
        text = ", ".join(str(v) for v in values) if isinstance(values, list) and values else base["description"]
        return {**base, "definitionByTypeAndValue": {"type": concept, "valueCodeableConcept": {"text": text}}}
    return _by_shape(sh, base, lambda atom: _value_leaf(k, concept, atom), k)


def _by_shape(sh, base: dict[str, Any], leaf: Callable[[tuple], dict[str, Any]], k: Record) -> dict[str, Any]:
    if sh is None:
        # a window or duration without numbers the exporter can read: the text says it
        return {**base, "definitionCodeableConcept": {"text": base["description"]}}
    if sh[0] in ("quantity", "range"):
        return {**base, **leaf(sh)}
    code = "any-of" if sh[0] == "any" else "all-of"
    parts = [{"linkId": f"{base['linkId']}.{j + 1}", **leaf(atom)} for j, atom in enumerate(sh[1])]
    return {**base, "definitionByCombination": {"code": code, "characteristic": parts}}


def type_concept(k: Record, crit: Record) -> dict[str, Any]:
    """The subject as a CodeableConcept: its LOINC code where it has one, its text always."""
    subject = k.get("subject") or {}
    text = _clean(subject.get("text") or "") or _clean(crit.get("text", "")) or crit["id"]
    concept = subject.get("concept") or {}
    if concept.get("system") == LOINC and concept.get("code"):
        return {"coding": [{"system": LOINC, "code": concept["code"]}], "text": text}
    return {"text": text}


def _value_leaf(k: Record, concept: dict[str, Any], atom: tuple) -> dict[str, Any]:
    definition: dict[str, Any] = {"type": concept}
    if atom[0] == "range":
        definition["valueRange"] = {"low": quantity(k, None, atom[1]), "high": quantity(k, None, atom[2])}
    else:
        definition["valueQuantity"] = quantity(k, atom[1], atom[2])
    ref = REFERENCES.get(k.get("reference") or "")
    if ref and ref[1]:
        definition["offset"] = {"coding": [{"system": OFFSET_SYSTEM, "code": ref[1], "display": ref[2]}],
                                "text": k["reference"]}
    elif k.get("reference"):
        definition["offset"] = {"text": str(k["reference"])}
    return {"definitionByTypeAndValue": definition}


def quantity(k: Record, comparator: str | None, value: float) -> dict[str, Any]:
    """A Quantity for `value` in the constraint's unit: the UCUM annotation of its relative
    reference ("× ULN") when it has one, else the unit as written with its UCUM code, else
    the canonical unit of `normalized` when that is the same number (an age's implied years)."""
    q: dict[str, Any] = {"value": value}
    if comparator:
        q["comparator"] = comparator
    ref = REFERENCES.get(k.get("reference") or "")
    if ref:
        q.update({"unit": f"× {k['reference']}", "system": UCUM, "code": ref[0]})
        return q
    unit = k.get("unit") if isinstance(k.get("unit"), dict) else None
    if unit:
        if unit.get("text"):
            q["unit"] = _clean(unit["text"])
        if unit.get("ucum"):
            q.update({"system": UCUM, "code": unit["ucum"]})
        return q
    norm = k.get("normalized") if isinstance(k.get("normalized"), dict) else {}
    if norm.get("unit") and norm.get("value") == value and isinstance(norm["unit"], str):
        q.update({"unit": norm["unit"], "system": UCUM, "code": norm["unit"]})
    return q


def _time_leaf(k: Record, crit: Record, atom: tuple) -> dict[str, Any]:
    event = k.get("event") if isinstance(k.get("event"), dict) else None
    anchor = _clean(event.get("name") or event.get("text") or "") if event else ""
    direction = DIRECTIONS.get(k.get("direction"), "before or after")
    window: dict[str, Any] = {
        "description": f"{_clean(k.get('text', ''))} ({direction} {anchor or 'the time of eligibility assessment'})"}
    if anchor:
        window["eventCodeableConcept"] = {"text": anchor}
    window.update(_amount(k, atom, "quantity", "range"))
    window["note"] = [{"text": f"direction: {direction}"}]
    return {"definitionCodeableConcept": {"text": _subject_text(k, crit)}, "timeFromEvent": [window]}


def _duration_leaf(k: Record, crit: Record, atom: tuple) -> dict[str, Any]:
    return {"definitionCodeableConcept": {"text": _subject_text(k, crit)},
            **_amount(k, atom, "durationQuantity", "durationRange")}


def _amount(k: Record, atom: tuple, as_quantity: str, as_range: str) -> dict[str, Any]:
    if atom[0] == "range":
        return {as_range: {"low": quantity(k, None, atom[1]), "high": quantity(k, None, atom[2])}}
    return {as_quantity: quantity(k, atom[1], atom[2])}


def _subject_text(k: Record, crit: Record) -> str:
    subject = k.get("subject") or {}
    return _clean(subject.get("text") or "") or _clean(crit.get("text", "")) or crit["id"]


def _criterion_notes(crit: Record, top: bool) -> list[dict[str, str]]:
    notes = []
    if top and crit.get("kind") == "unspecified":
        notes.append({"text": "the source does not say whether this list is inclusion or exclusion; read as inclusion"})
    for exc in crit.get("exceptions") or []:
        if isinstance(exc, dict) and exc.get("text"):
            notes.append({"text": f"except: {_clean(exc['text'])}"})
    for note in crit.get("notes") or []:
        if isinstance(note, dict) and note.get("text"):
            notes.append({"text": _clean(note["text"])})
    return notes


def _clean(text: str) -> str:
    """Runs of white space as one space: the descriptions are for reading; spans keep the
    exact characters (see `extractor table`)."""
    return " ".join(str(text).split())
