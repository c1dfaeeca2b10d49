"""What the scorers read from a CONTRACT record, flattened, with spans shifted if asked."""
from __future__ import annotations

from dataclasses import dataclass

from ..records import criterion_constraints
from .numbers import numbers_in, predicted_numbers

# Constraint types that place the subject in time: a window ("time") or how long it lasts
# ("duration"). The corpora mark both as temporal expressions (LCT Temporal-Unit, Chia Temporal).
TEMPORAL_TYPES = ("time", "duration")
# The rule a visual acuity read from Snellen fractions carries (extractor/nlp/acuity.py).
SNELLEN_RULE = "scale.snellen"
WEEKS_DAYS_RULE = "unit.weeks_days"


@dataclass
class PredConstraint:
    span: tuple[int, int]
    text: str
    type: str
    comparator: str | None
    numbers: list[float]
    unit: dict | None
    reference: str | None
    criterion: str | None
    raw: dict


@dataclass
class PredCriterion:
    id: str
    kind: str
    span: tuple[int, int]
    text: str
    parent: str | None
    negated: bool
    negation_span: tuple[int, int] | None
    exceptions: list[tuple[int, int]]


def _span(obj: dict, shift: int) -> tuple[int, int] | None:
    span = obj.get("span")
    if not span or len(span) != 2:
        return None
    return span[0] - shift, span[1] - shift


def criteria(record: dict, shift: int = 0) -> list[PredCriterion]:
    out = []
    for c in record.get("criteria") or []:
        span = _span(c, shift) or (0, 0)
        negation = c.get("negation") or None
        out.append(PredCriterion(
            id=str(c.get("id")), kind=c.get("kind") or "unspecified", span=span,
            text=c.get("text") or "", parent=c.get("parent"), negated=bool(c.get("negated")),
            negation_span=_span(negation, shift) if isinstance(negation, dict) else None,
            exceptions=[s for s in (_span(e, shift) for e in c.get("exceptions") or [])
                        if s is not None],
        ))
    return out


def numeric_constraints(record: dict, shift: int = 0, written_acuity: bool = False) -> list[PredConstraint]:
    """Every constraint stating at least one number in its text - the set precision is counted
    over. A constraint whose number is implicit ("within the past month" is 1 mo, "above the upper
    limit of normal" 1 x ULN) writes no number a gold annotation could hold: it is left out.
    A visual acuity read from Snellen fractions ("20/40 or better" is >= 0.5) states a decimal
    the text does not write, where the corpora hold the fraction's two numbers: with
    `written_acuity` it is scored with those written numbers too (a scorer that pairs on a shared
    number and the kind, as Chia's), else it is left out (a scorer that also compares the bounds
    with the written numbers, as LCT's, could only count it wrong). A pregnancy's weeks and days
    (rule unit.weeks_days) are scored with the weeks and days written too."""
    out = []
    for c in record.get("criteria") or []:
        for k in criterion_constraints(c):
            numbers = predicted_numbers(k)
            span = _span(k, shift)
            if SNELLEN_RULE in (k.get("rules") or ()):
                if not written_acuity:
                    continue
                numbers = numbers + numbers_in(k.get("text") or "")
            elif WEEKS_DAYS_RULE in (k.get("rules") or ()):
                # a pregnancy's weeks and days are one number of days ("36+6 weeks": 258 d) where
                # the corpora mark the weeks and the days as written, at times as two items
                numbers = numbers + numbers_in(k.get("text") or "")
            if not numbers or span is None or _implicit(k):
                continue
            out.append(PredConstraint(
                span=span, text=k.get("text") or "", type=k.get("type") or "value",
                comparator=k.get("comparator"), numbers=numbers, unit=k.get("unit"),
                reference=k.get("reference"), criterion=str(c.get("id")), raw=k,
            ))
    return out


def _implicit(constraint: dict) -> bool:
    """A constraint whose text is given and writes no number: its value is implied."""
    text = constraint.get("text")
    return isinstance(text, str) and not numbers_in(text)


def document_text(record: dict) -> str | None:
    doc = record.get("document") or {}
    return doc.get("text")
