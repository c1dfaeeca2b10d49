"""The conditions and interventions cells of a WHO ICTRP export, read as the registries that feed
it write them (the export copies each registry's own fields into one cell, one per line):

- EU CTR: each investigational product as its form's fields ("Product Name: X", "Trade Name:",
  "INN or Proposed INN:", "Pharmaceutical Form:", "CAS Number:", "Concentration unit:" ...). A
  product is one intervention named by its product name, else its trade name, INN, other
  descriptive name or code; the other fields describe it. The placebo's fields ("Pharmaceutical
  form of the placebo: ...") make one intervention named "Placebo". Conditions come with a
  MedDRA line ("MedDRA version: 21.1 Level: PT Classification code 10001053 Term: Acute
  respiratory failure System Organ Class: ...") whose condition is the term, and a "Therapeutic
  area:" line, a classification of the trial rather than a condition, left out.
- CTRI: "Health Condition 1: B972- Coronavirus as the cause of ..." (a label and an ICD-10 code
  before the condition), "Intervention1: Ayush-64, a polyherbal formulation." and "Control
  Intervention1: Not applicable: Not applicable" (a label before the intervention; none when not
  applicable). IRCT writes its arms' interventions in one item, each after its label
  ("Intervention 1: Intervention group: ... Intervention 2: Control group: ...").

Every item keeps the offsets of the words it is read from (the value, without its label).
"""
from __future__ import annotations

import re
from typing import Any

from . import facts, fact_log

# EU CTR's product form: the fields that name the product, in the order a name is taken, those
# that describe it, and the placebo's
_NAMES = ("product name", "trade name", "inn or proposed inn", "other descriptive name", "product code",
          "current sponsor code")
_DESCRIBING = ("pharmaceutical form", "cas number", "concentration unit", "concentration type",
               "concentration number")
_PLACEBO_FIELDS = ("pharmaceutical form of the placebo", "route of administration of the placebo")
_PRODUCT_FIELD = re.compile(r"(?i)(" + "|".join(map(re.escape, sorted(_NAMES + _DESCRIBING + _PLACEBO_FIELDS,
                                                                       key=len, reverse=True))) + r")\s*:\s*")
_MEDDRA = re.compile(r"MedDRA version:.*?\bTerm:\s*(?P<term>.+?)(?:\s+System Organ Class:.*)?$")
_THERAPEUTIC_AREA = re.compile(r"(?i)Therapeutic area\s*:")
_CTRI_CONDITION = re.compile(r"Health Condition \d+:\s*(?:[A-Z]\d{2,4}[A-Z0-9]*-\s*)?")
# a label opening the item or a sentence of it: "Intervention1:", "Control Intervention1:" (CTRI),
# "Intervention 1: Intervention group: ... Intervention 2: Control group: ..." (IRCT)
_INTERVENTION_LABEL = re.compile(r"(?:^|(?<=[.;)]\s))(?:Control )?Intervention\s?\d+\s*:\s*")
_NOT_APPLICABLE = re.compile(r"(?i)not applicable\b")


def conditions(raw: str) -> list[tuple[str, int, int]]:
    out = []
    for text, s, e in fact_log.items_at(raw):
        if _THERAPEUTIC_AREA.match(text):
            continue
        m = _MEDDRA.match(text)
        if m:
            out.append(_value_at(raw, s, e, m.group("term")))
            continue
        m = _CTRI_CONDITION.match(text)
        if m and len(text) > m.end():
            out.append(_value_at(raw, s, e, text[m.end():]))
            continue
        out.append((text, s, e))
    return out


def interventions(raw: str) -> list[tuple[dict[str, Any], int, int]]:
    items = fact_log.items_at(raw)
    if any(_PRODUCT_FIELD.match(text) for text, _, _ in items):
        return _products(raw, items)
    out = []
    for text, s, e in items:
        labels = list(_INTERVENTION_LABEL.finditer(text))
        if not labels or labels[0].start() != 0:
            out.append((facts.typed_intervention(text), s, e))
            continue
        # one intervention after each label: CTRI's one a line, IRCT's several in one
        for i, m in enumerate(labels):
            rest = text[m.end():labels[i + 1].start() if i + 1 < len(labels) else len(text)].strip()
            if not rest or _NOT_APPLICABLE.match(rest):
                continue
            value, vs, ve = _value_at(raw, s, e, rest)
            out.append((facts.typed_intervention(value), vs, ve))
    return out


def _products(raw: str, items: list[tuple[str, int, int]]) -> list[tuple[dict[str, Any], int, int]]:
    """EU CTR product forms: one intervention per product, lines of no field kept as they are."""
    products: list[dict[str, tuple[str, int, int]]] = []
    placebo: tuple[int, int] | None = None
    out: list[tuple[dict[str, Any], int, int]] = []
    for text, s, e in items:
        m = _PRODUCT_FIELD.match(text)
        if not m:
            out.append((facts.typed_intervention(text), s, e))
            continue
        label = m.group(1).lower()
        if label in _PLACEBO_FIELDS:
            placebo = placebo or (s, e)
            continue
        if not products or _opens_product(label, products[-1]):
            products.append({})
        value = text[m.end():]
        if value:
            products[-1].setdefault(label, _value_at(raw, s, e, value))
    for fields in products:
        name = next((fields[k] for k in _NAMES if k in fields), None)
        if name is not None:
            out.append(({"name": name[0], "type": "DRUG"}, name[1], name[2]))
    if placebo is not None:
        out.append(({"name": "Placebo", "type": "DRUG"}, *placebo))
    return sorted(out, key=lambda item: item[1])


def _opens_product(label: str, current: dict) -> bool:
    """Whether a field starts the next product: the form writes a product's trade name first,
    then its product name, then its other fields, each once."""
    if not current:
        return False
    if label == "trade name":
        return True
    if label == "product name":
        return not set(current) <= {"trade name"}
    return label in current


def _value_at(raw: str, s: int, e: int, value: str) -> tuple[str, int, int]:
    """(value, its offsets in raw) for `value`, a part of the item raw[s:e] with its spaces
    collapsed: its last occurrence there (a label before it may hold the same words)."""
    words = value.split()
    pattern = re.compile(r"\s+".join(map(re.escape, words)))
    found = None
    for found in pattern.finditer(raw, s, e):
        pass
    if found is None:  # not written so (cannot happen for a part of the item): the whole item
        return " ".join(words), s, e
    return " ".join(words), found.start(), found.end()
