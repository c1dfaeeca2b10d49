"""HL7 FHIR ResearchStudy (JSON), R4 and R5: a single resource, or each ResearchStudy of a Bundle.

Where the eligibility criteria live:
- R4: `enrollment` references a Group; R5: `recruitment.eligibility` references a Group or an
  EvidenceVariable. The reference is resolved among the study's `contained` resources ("#id"),
  then the Bundle's entries (by `fullUrl`, or "Type/id").
- That resource's `characteristic` items that carry text (`description`, else the text of
  `valueCodeableConcept` or `definitionCodeableConcept`, else of `code`) are one criterion each,
  inclusion or, with `exclude: true`, exclusion, written under their side's heading and marked
  as a structural hint (an item of several lines is a list of its own, copied as written). Coded characteristics without text (an age range, a sex) give study
  facts only.
- Without such items, the resource's `description` (markdown) is the criteria text, and the
  section stage finds the sides from its headings.

Formats "fhir-r4-json" / "fhir-r5-json" (R5 when the study uses an element R5 introduced:
`recruitment`, `progressStatus`, `associatedParty`, `comparisonGroup`...). Locators are JSON
Pointers from the file's root to the string each stretch was copied from.
"""
from __future__ import annotations

import re
from typing import Any

from ..errors import UnsupportedShape
from . import fhir_facts
from .builder import Builder, isolated, make_source, sha256, write_sided, write_title
from .jsonutil import pointer
from .limits import Limits
from .mapped import block
from .source import Source

R5_ONLY = ("recruitment", "progressStatus", "associatedParty", "comparisonGroup", "outcomeMeasure",
           "descriptionSummary", "classifier", "studyDesign", "label")


def _is_study(obj: Any) -> bool:
    return isinstance(obj, dict) and obj.get("resourceType") == "ResearchStudy"


def is_fhir(doc: Any) -> bool:
    if _is_study(doc):
        return True
    return (isinstance(doc, dict) and doc.get("resourceType") == "Bundle"
            and any(_is_study((e or {}).get("resource")) for e in doc.get("entry") or [] if isinstance(e, dict)))


class Index:
    """Resolves a Reference to (resource, JSON Pointer of that resource in the file)."""

    def __init__(self, study: dict, base: str, bundle: dict | None) -> None:
        self.local = {f"#{c['id']}": (c, f"{base}/contained/{i}")
                      for i, c in enumerate(study.get("contained") or []) if isinstance(c, dict) and c.get("id")}
        self.shared: dict[str, tuple[dict, str]] = {}
        for i, e in enumerate((bundle or {}).get("entry") or []):
            res = (e or {}).get("resource") if isinstance(e, dict) else None
            if not isinstance(res, dict):
                continue
            where = pointer("entry", i, "resource")
            if isinstance(e.get("fullUrl"), str):
                self.shared[e["fullUrl"]] = (res, where)
            if res.get("resourceType") and res.get("id"):
                self.shared[f"{res['resourceType']}/{res['id']}"] = (res, where)

    def get(self, ref: Any) -> tuple[dict, str] | tuple[None, None]:
        target = ref.get("reference") if isinstance(ref, dict) else None
        if not isinstance(target, str):
            return None, None
        if target in self.local:
            return self.local[target]
        if target in self.shared:
            return self.shared[target]
        tail = "/".join(target.rstrip("/").split("/")[-2:])      # an absolute URL ending Type/id
        return self.shared.get(tail, (None, None))


def read_doc(doc: Any, data: bytes, path: str, limits: Limits) -> list[Source]:
    digest = sha256(data)
    if _is_study(doc):
        return [isolated(path, None, lambda: _study(doc, "", None, path, digest, None))]
    if not is_fhir(doc):
        raise UnsupportedShape("FHIR JSON without a ResearchStudy", path)
    entries = [(i, e["resource"]) for i, e in enumerate(doc.get("entry") or [])
               if isinstance(e, dict) and _is_study(e.get("resource"))]
    limits.check_records(len(entries), path)
    return [isolated(path, pointer("entry", i, "resource"),
                     lambda r=res, i=i: _study(r, pointer("entry", i, "resource"), doc, path, digest,
                                               pointer("entry", i, "resource")))
            for i, res in entries]


def version(study: dict) -> str:
    return "r5" if any(k in study for k in R5_ONLY) else "r4"


def eligibility(study: dict, index: Index) -> list[tuple[dict, str]]:
    """The Group / EvidenceVariable resources that hold the study's criteria, with their pointers."""
    refs = [(study.get("recruitment") or {}).get("eligibility")] if version(study) == "r5" else \
        list(study.get("enrollment") or [])
    found = [index.get(r) for r in refs]
    return [(res, ptr) for res, ptr in found if isinstance(res, dict)]


_MARKER = re.compile(r"\s*(?:[-*•·▪◦]|\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)])\s")
_TEXT_PATHS = (("description",), ("valueCodeableConcept", "text"), ("definitionCodeableConcept", "text"),
               ("code", "text"))


def characteristic_text(ch: dict) -> tuple[str, str] | None:
    """(text, relative pointer) of a characteristic that states a criterion in words."""
    for keys in _TEXT_PATHS:
        v: Any = ch
        for k in keys:
            v = v.get(k) if isinstance(v, dict) else None
        if isinstance(v, str) and v.strip():
            if keys == ("code", "text") and any(k.startswith("value") for k in ch):
                return None           # the code names what a coded value is ("Age"), not a criterion
            return v, "/" + "/".join(keys)
    return None


def _study(study: dict, base: str, bundle: dict | None, path: str, digest: str, rec: str | None) -> Source:
    index = Index(study, base, bundle)
    b = Builder()
    write_title(b, study.get("title"), {"pointer": base + "/title"})
    for res, ptr in eligibility(study, index):
        _write_criteria(b, res, ptr)
    facts = fhir_facts.study_facts(study, index, eligibility(study, index), version(study), base)
    ids = facts.get("identifiers") or []
    doc_id = next((i["value"] for i in ids if i["system"] == "NCT"), None) or \
        (ids[0]["value"] if ids else None) or study.get("id")
    return make_source(b, fmt=f"fhir-{version(study)}-json", path=path, data_sha=digest, record=rec,
                       study=facts, doc_id=doc_id if isinstance(doc_id, str) else None)


# R5 EvidenceVariable: a characteristic defined as a combination of others ("all-of", "any-of",
# "at-least" n...) holds them in `definitionByCombination.characteristic`, nested to any depth.
_COMBINATION = "definitionByCombination"
_MAX_DEPTH = 8


def _characteristics(items: Any, ptr: str, excluded: bool, depth: int, sides: dict[str, list[tuple]]) -> None:
    """Each characteristic that states a criterion in words, on the side its `exclude` (or an
    enclosing combination's) says; those a combination holds are indented under the combination's
    own words when it has any (so they are its sub-criteria), else listed at its level."""
    for i, ch in enumerate(items or []):
        if not isinstance(ch, dict):
            continue
        here = f"{ptr}/characteristic/{i}"
        excl = excluded or ch.get("exclude") is True
        kind = "exclusion" if excl else "inclusion"
        found = characteristic_text(ch)
        indent = "  " * depth
        if found is not None:
            text, rel = found
            m = block(text, markdown=rel == "/description")
            if m.text:
                # One line is one criterion, bulleted; several lines (or a line with its own list
                # marker) are copied as written so their markers and indentation carry the structure.
                own = depth == 0 and ("\n" in m.text or _MARKER.match(m.text))
                sides[kind].append((m, {"pointer": here + rel}, None if own else indent + "- "))
        combined = ch.get(_COMBINATION)
        if isinstance(combined, dict) and depth < _MAX_DEPTH:
            _characteristics(combined.get("characteristic"), here + "/" + _COMBINATION, excl,
                             depth + 1 if found is not None else depth, sides)


def _write_criteria(b: Builder, res: dict, ptr: str) -> None:
    sides: dict[str, list[tuple]] = {"inclusion": [], "exclusion": []}
    _characteristics(res.get("characteristic"), ptr, False, 0, sides)
    if sides["inclusion"] or sides["exclusion"]:
        for kind, pieces in sides.items():
            write_sided(b, kind, pieces)
        b.text("\n")
        return
    desc = res.get("description")
    if isinstance(desc, str) and desc.strip():
        m = block(desc, markdown=True)          # FHIR `description` is markdown
        b.copy(m, {"pointer": ptr + "/description"})
        b.text("\n")
