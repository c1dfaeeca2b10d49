"""A document record -> the FHIR R4 Group form of its eligibility, and what that form drops.

R4's Group.characteristic is a flat list ANDed together: a code, one value (Quantity, Range,
CodeableConcept or boolean), `exclude`, and an absolute `period`. So:
- nesting survives only where it is "all of" and not excluded (it is flattened); an "any of",
  "at least N of" or an excluded "all of" becomes one characteristic with the criterion's text
  and `valueBoolean: true`, and its parts are listed as dropped;
- time windows relative to an event and durations have no place (`period` takes dates only)
  and are dropped;
- "ECOG 0, 1 or 2" becomes `valueCodeableConcept` text; a range with a strict bound becomes an
  inclusive Range; both are listed;
- × ULN keeps its UCUM annotation unit `{ULN}` (R4 has no `offset`), so nothing is lost there;
- a criterion's notes ("Note: ...") have no place (an R4 characteristic has no note) and are
  listed, with the number of constraints each states.
"""
from __future__ import annotations

from typing import Any

from .bounds import shape
from .fhir_r5 import _clean, quantity, type_concept
from .records import Record, by_id, children_of, combination, excluded_at_top, top_level


def r4_group(record: Record, resource_id: str) -> tuple[dict[str, Any], list[str]]:
    """(Group, dropped): the R4 Group and one line per thing it could not say."""
    doc_id = record["document"].get("id")
    title = _clean((record.get("study") or {}).get("title") or "") or doc_id
    flattener = _Flattener(record, str(doc_id))
    chars: list[dict[str, Any]] = []
    for crit in top_level(record):
        chars.extend(flattener.criterion(crit, excluded_at_top(crit)))
    group: dict[str, Any] = {"resourceType": "Group", "id": resource_id, "type": "person",
                             "actual": False, "name": f"Eligibility criteria: {title}"}
    if chars:
        group["characteristic"] = chars
    return group, flattener.dropped


class _Flattener:
    def __init__(self, record: Record, doc_id: str):
        self.index = by_id(record)
        self.doc_id = doc_id
        self.dropped: list[str] = []

    def drop(self, crit: Record, what: str) -> None:
        self.dropped.append(f"{self.doc_id} {crit['id']}: {what}")

    def criterion(self, crit: Record, exclude: bool) -> list[dict[str, Any]]:
        for note in crit.get("notes") or []:
            if isinstance(note, dict) and note.get("text"):
                n = len(note.get("constraints") or [])
                self.drop(crit, f"note {_clean(note['text'])!r}" + (f" and its {n} constraint(s)" if n else ""))
        kids = children_of(crit, self.index)
        if kids:
            code, threshold = combination(crit)
            if code == "all" and not exclude:
                # the parent's own words ("Diagnosis of multiple myeloma") are a condition too
                own = self.leaf(crit, exclude) or [_text(crit, exclude)]
                return own + [c for k in kids for c in self.criterion(k, bool(k.get("negated")))]
            reason = (f"{'excluded ' if exclude else ''}{code}{f' {threshold}' if threshold else ''}"
                      f" of {len(kids)} sub-items ({', '.join(k['id'] for k in kids)})")
            self.drop(crit, f"{reason} kept as the criterion's text only")
            if crit.get("constraints"):
                self.drop(crit, f"{len(crit['constraints'])} constraint(s) of a criterion kept as text")
            return [_text(crit, exclude)]
        return self.leaf(crit, exclude) or [_text(crit, exclude)]

    def leaf(self, crit: Record, exclude: bool) -> list[dict[str, Any]]:
        """The criterion's own constraints as characteristics ([] when none can be said)."""
        values = []
        for k in crit.get("constraints") or []:
            if k.get("type") == "time":
                self.drop(crit, f"time window {_clean(k.get('text', ''))!r} (R4 Group has no relative time)")
            elif k.get("type") == "duration":
                self.drop(crit, f"duration {_clean(k.get('text', ''))!r} (R4 Group has no duration)")
            else:
                values.append(k)
        if len(values) > 1 and (crit.get("constraints_logic") == "any" or exclude):
            how = "any of" if crit.get("constraints_logic") == "any" else "excluded all of"
            self.drop(crit, f"{how} {len(values)} constraints kept as the criterion's text only")
            return [_text(crit, exclude)]
        return [self.value(k, crit, exclude) for k in values]

    def value(self, k: Record, crit: Record, exclude: bool) -> dict[str, Any]:
        char: dict[str, Any] = {"code": type_concept(k, crit)}
        sh = shape(k)
        if sh is None or sh[0] == "any":
            values = k.get("values") if isinstance(k.get("values"), list) else None
            text = ", ".join(str(v) for v in values) if values else _clean(k.get("text", ""))
            char["valueCodeableConcept"] = {"text": f"one of {text}" if values else text}
            self.drop(crit, f"values of {_clean(k.get('text', ''))!r} kept as text")
        elif sh[0] == "quantity":
            char["valueQuantity"] = quantity(k, sh[1], sh[2])
        else:
            if sh[0] == "all":
                low, high = sh[1][0][2], sh[1][1][2]
                self.drop(crit, f"strict bound of {_clean(k.get('text', ''))!r} read as inclusive")
            else:
                low, high = sh[1], sh[2]
            char["valueRange"] = {"low": quantity(k, None, low), "high": quantity(k, None, high)}
        if k.get("condition"):
            self.drop(crit, f"condition {_clean(k['condition'].get('text', ''))!r} of {_clean(k.get('text', ''))!r}")
        char["exclude"] = exclude
        return char


def _text(crit: Record, exclude: bool) -> dict[str, Any]:
    return {"code": {"text": _clean(crit.get("text", "")) or crit["id"]}, "valueBoolean": True,
            "exclude": exclude}
