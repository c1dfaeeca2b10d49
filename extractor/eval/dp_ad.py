"""Scoring against the Decomposition-and-Parsing corpus (`dp-ad-criteria`, Chen et al., 2025):
81 eligibility criteria of five Alzheimer's disease trials on ClinicalTrials.gov, each
decomposed by another team into "study traits" whose constraints are written normalised
("Age range >= 50 years" -> `>=50 years`, "10<=MMSE score<=26" -> `>=10||<=26`). No rule of
the extractor was written from it, and it has no spans: a constraint is a comparator, a number
and a unit, which is what it scores.

Each criterion (its original text, one spreadsheet row, under an "Inclusion Criteria:" or
"Exclusion Criteria:" heading as its flag says) goes in as one plain text; the constraints of
every criterion of the record are compared with the gold ones of its traits.

- Gold: each trait's constraint types and details, split at "||" into pairs; a pair counts when
  its type is age, value, count, dosage, time or duration time and its detail is a number with
  an optional comparator before it and an optional unit after it (no comparator reads `=`).
  Details with no number ("abnormal", "current", "within previous year") and gender are not
  scored. A criterion's traits often repeat one constraint ("at least 3 months" for each of
  four drugs an exception allows): a criterion's gold is the set of its distinct
  (comparator, number, unit, gold type): "score higher or equal to 2 in at least 2 items" keeps
  its value and its count. A gold number that the criterion's text does not hold
  ("diastolic blood pressure > 95 mmHg" read as `>90 mmHg`) is left out and counted in a note.
- Predictions: the record's `value`, `time` and `duration` constraints with a number; a range
  (`between`) gives its two bounds as `>=` and `<=`, as the gold splits them, and `in` each of
  its values as `=`.
- `constraint.detection`: a prediction and a gold constraint pair when their numbers are equal
  (one to one, the pair that also agrees on comparator and unit first). `constraint.strict`:
  a pair counts when the comparator agrees as well, and the unit where the gold names one the
  scorer knows (years `a`, months `mo`, mmHg `mm[Hg]`, mg/dl `mg/dL` ...); a pair that disagrees
  is one false and one missed. Where the trait is marked negated the gold sometimes turns the
  comparator ("Patients who do not have an HbA1c of > 8.0%" -> `<=8%`) and sometimes not ("not
  clinically stable for > 3 months" -> `>3 months`): either comparator agrees there.
- `agreement.type`: over detection pairs, whether the record's constraint type is the gold
  kind's (age, value, count and dosage `value`; time `time`; duration time `duration`).

Split: `hash_split` of "<trial id>-<criterion's place in its trial>", about half dev and half
test; the trials are few (five), so each is in both halves.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..records import criterion_constraints
from .corpora import CorpusMissing, corpus_dir, hash_split, in_split
from .metrics import Counts, greedy_match
from .xlsx import rows

FOLDER = ("dp-ad-criteria", "data")
WORKBOOK = "Annotation.xlsx"
HEADER = {"A": "ID", "B": "Inculsion/Exclusion", "C": "Original Content", "D": "Decomposed number",
          "J": "Negation", "L": "Constraint type", "M": "Constraint detail"}

# gold kind -> the contract's constraint type
KINDS = {"age": "value", "value": "value", "count": "value", "dosage": "value",
         "time": "time", "duration time": "duration"}
_DETAIL = re.compile(r"\s*(?P<cmp>>=|<=|≥|≤|>|<|=)?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>.*?)\s*")
_CMP = {"≥": ">=", "≤": "<=", None: "="}
_COMPLEMENT = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "=": None}
# the units the gold writes, as the contract's UCUM codes; another unit is not compared
UNITS = {"year": "a", "years": "a", "month": "mo", "months": "mo", "week": "wk", "weeks": "wk",
         "day": "d", "days": "d", "hour": "h", "hours": "h", "%": "%", "mmhg": "mm[Hg]",
         "mg/dl": "mg/dL", "mg": "mg", "mg daily": "mg/d"}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class Bound:
    comparator: str
    value: float
    unit: str | None       # UCUM, or None (none written, or one the scorer does not know)
    kind: str              # the contract's type
    negated: bool = False  # gold only: the trait is marked negated
    text: str = ""


def check_available() -> None:
    path = corpus_dir(*FOLDER) / WORKBOOK
    if not path.exists():
        raise CorpusMissing(f"{path} is absent")


def criteria(split: str = "all", path: Path | None = None) -> list[dict]:
    """Each criterion of the workbook (the corpus's, or `path`) in `split`: {"id", "trial",
    "inclusion", "text", "gold", "skipped", "not_in_text"} in the sheet's order."""
    table = rows(path or corpus_dir(*FOLDER) / WORKBOOK)
    head = table[0]
    for column, name in HEADER.items():
        if head.get(column, "").strip() != name:
            raise ValueError(f"{WORKBOOK}: column {column} is {head.get(column)!r}, not {name!r}")
    out: list[dict] = []
    places: dict[str, int] = {}
    for row in table[1:]:
        if not row:
            continue
        if row.get("A"):
            trial = row["A"].strip()
            places[trial] = places.get(trial, 0) + 1
            out.append({"id": f"{trial}-{places[trial]}", "trial": trial,
                        "inclusion": row.get("B", "").strip() == "1", "text": row.get("C", ""),
                        "traits": []})
        elif not out:
            raise ValueError(f"{WORKBOOK}: a trait row before the first criterion: {row}")
        out[-1]["traits"].append(row)
    for crit in out:
        crit["gold"], crit["skipped"], crit["not_in_text"] = _gold(crit)
        del crit["traits"]
    return [c for c in out if in_split(hash_split(c["id"]), split)]


def _gold(crit: dict) -> tuple[list[Bound], int, int]:
    numbers = {float(n.replace(",", ".")) for n in _NUMBER.findall(crit["text"])}
    gold: dict[tuple, Bound] = {}
    skipped = missing = 0
    for trait in crit["traits"]:
        types = [t.strip().lower() for t in trait.get("L", "").split("||")] if trait.get("L") else []
        details = [d.strip() for d in trait.get("M", "").split("||")] if trait.get("M") else []
        for kind, detail in zip(types, details + [""] * (len(types) - len(details))):
            m = _DETAIL.fullmatch(detail)
            if kind not in KINDS or m is None:
                skipped += kind != "gender"
                continue
            value = float(m.group("num"))
            if value not in numbers:
                missing += 1
                continue
            unit = m.group("unit").strip().lower()
            bound = Bound(_CMP.get(m.group("cmp"), m.group("cmp")), value, UNITS.get(unit) if unit else None,
                          KINDS[kind], trait.get("J", "").strip() == "1", detail)
            gold.setdefault((bound.comparator, bound.value, bound.unit, kind), bound)
    return list(gold.values()), skipped, missing


def predicted(record: dict) -> list[Bound]:
    out = []
    for crit in record.get("criteria") or []:
        for k in criterion_constraints(crit):
            if k.get("type") not in ("value", "time", "duration"):
                continue
            unit = (k.get("unit") or {}).get("ucum") if isinstance(k.get("unit"), dict) else None
            text = k.get("text") or ""
            if k.get("comparator") == "between" and k.get("low") is not None and k.get("high") is not None:
                out += [Bound(">=", float(k["low"]), unit, k["type"], text=text),
                        Bound("<=", float(k["high"]), unit, k["type"], text=text)]
            elif k.get("comparator") == "in" and isinstance(k.get("value"), list):
                out += [Bound("=", float(v), unit, k["type"], text=text) for v in k["value"]
                        if isinstance(v, (int, float))]
            elif isinstance(k.get("value"), (int, float)) and not isinstance(k.get("value"), bool):
                out.append(Bound(k.get("comparator") or "=", float(k["value"]), unit, k["type"], text=text))
    return out


def agrees(g: Bound, p: Bound) -> bool:
    """Comparator (either reading where the trait is negated) and, where the gold names a unit
    the scorer knows, the unit."""
    comparator = p.comparator == g.comparator or g.negated and _COMPLEMENT.get(p.comparator) == g.comparator
    return comparator and (g.unit is None or p.unit == g.unit)


def _shown(p: Bound) -> str:
    return f"{p.text!r} {p.comparator} {p.value:g} {p.unit}"


def evaluate(split: str, errors: bool, predictor) -> dict:
    crits = criteria(split)
    texts = [("Inclusion Criteria:\n" if c["inclusion"] else "Exclusion Criteria:\n") + c["text"] for c in crits]
    detection, strict = Counts(), Counts()
    typed = same_type = failed = 0
    error_list = [] if errors else None
    for crit, record in zip(crits, predictor.texts(texts)):
        if "error" in record and "criteria" not in record:
            failed += 1
            continue
        gold, pred = crit["gold"], predicted(record)
        pairs = greedy_match(gold, pred, lambda g, p: 0 if g.value != p.value else 1 + agrees(g, p))
        detection.add(Counts(len(pairs), len(pred) - len(pairs), len(gold) - len(pairs)))
        good = [(gi, pi) for gi, pi in pairs if agrees(gold[gi], pred[pi])]
        strict.add(Counts(len(good), len(pred) - len(good), len(gold) - len(good)))
        typed += len(pairs)
        same_type += sum(gold[gi].kind == pred[pi].kind for gi, pi in pairs)
        if error_list is not None:
            paired_g = {gi: pi for gi, pi in pairs}
            paired_p = {pi for _, pi in pairs}
            for gi, g in enumerate(gold):
                if gi not in paired_g:
                    error_list.append({"doc": crit["id"], "field": "constraint", "error": "miss", "gold": g.text})
                elif not agrees(g, pred[paired_g[gi]]):
                    error_list.append({"doc": crit["id"], "field": "constraint", "error": "mismatch", "gold": g.text,
                                       "pred": _shown(pred[paired_g[gi]])})
            for pi, p in enumerate(pred):
                if pi not in paired_p:
                    error_list.append({"doc": crit["id"], "field": "constraint", "error": "false-alarm",
                                       "pred": _shown(p)})
    fields = {"constraint.detection": detection.as_dict(), "constraint.strict": strict.as_dict(),
              "agreement.type": {"accuracy": round(same_type / typed, 4) if typed else None,
                                 "agree": same_type, "pairs": typed}}
    notes = [f"{sum(c['not_in_text'] for c in crits)} gold constraints left out: their number is not in "
             f"the criterion's text; {sum(c['skipped'] for c in crits)} details with no number (or of "
             f"another type) not scored"]
    return {"documents": len(crits), "failed_documents": failed, "fields": fields,
            "errors": error_list, "notes": notes}
