"""A document record -> an OHDSI Circe cohort expression (the JSON ATLAS imports), and warnings
for what Circe cannot say.

The mapping (README "Export"):
- index event: any visit (`VisitOccurrence`), the moment eligibility is assessed; a site may
  replace it with its own screening event;
- concept sets: one per subject, keyed by its LOINC code where it has one (`CONCEPT_ID` null,
  `CONCEPT_CODE` the LOINC code: a site resolves it to its OMOP concept), else named by the
  subject's (or the criterion's) text with no items, for a site to fill;
- one inclusion rule per top-level criterion; sub-items are nested groups (`ALL`, `ANY`,
  `AT_LEAST` with `Count`), and so are a criterion's several constraints;
- a value constraint is a `Measurement` with `ValueAsNumber` (`Op` gt/gte/lt/lte/eq, or bt with
  `Value`/`Extent`) and its UCUM `Unit`; × ULN is `RangeHighRatio` (value / the measurement's
  range high), × LLN `RangeLowRatio`; age is a demographic `Age` in years;
- time windows are the `StartWindow` (`Days`, `Coeff` -1 before / +1 after the index) of the
  criterion's measurements; without one, any time up to the index;
- a required time since the subject with only a lower bound ("at least 4 weeks since prior
  chemotherapy") is a washout: no occurrence of the subject nearer to the index than the bound
  (occurrence exactly 0), the subject not required to have happened at all (a criterion that
  leaves people out keeps the window: "Interval > 72 hours since start of ventilation");
- an exclusion (or an inclusion requiring an absence) is occurrence count exactly 0; a negated
  group "not all of n" is `AT_MOST` n-1, "none of" `AT_MOST` 0;
- a criterion's notes ("Note: ...") qualify it in words: their text goes into the rule's
  description (a top-level criterion's) and their constraints are not expressed, with a warning.
"""
from __future__ import annotations

import math
from typing import Any

from .bounds import DAYS, shape
from .fhir_r5 import LOINC, _clean
from .records import Record, by_id, children_of, combination, excluded_at_top, top_level

AGE_LOINC = "30525-0"
OPS = {None: "eq", ">": "gt", ">=": "gte", "<": "lt", "<=": "lte"}
AT_LEAST_ONE = {"Type": 2, "Count": 1}   # Circe occurrence types: 0 exactly, 1 at most, 2 at least
NONE = {"Type": 0, "Count": 0}
AGE_YEARS = {"a": 1, "mo": 1 / 12, "wk": 7 / 365, "d": 1 / 365, "h": 1 / 8760, "min": 1 / 525600}
ANY_TIME_BEFORE = (None, 0)
# The rule ids of a time counted since the subject ("at least 4 weeks since prior chemotherapy",
# "a period of at least eight weeks has elapsed since a previous donation", "Patients must be at
# least 4 weeks from major surgery").
SINCE_RULES = frozenset({"rel.since", "rel.elapsed_since", "rel.passed_since", "rel.from.state"})
RULE_NAME_LIMIT = 255


def cohort_expression(record: Record) -> tuple[dict[str, Any], list[str]]:
    """(Circe cohort expression, warnings) for one document record."""
    builder = _Builder(record)
    rules = []
    for crit in top_level(record):
        rules.append({
            "name": _rule_name(crit),
            "description": _description(crit),
            "expression": builder.criterion(crit, excluded_at_top(crit)),
        })
    doc = record["document"]
    title = _clean((record.get("study") or {}).get("title") or "")
    expression = {
        "cdmVersionRange": ">=5.0.0",
        "Title": f"{doc.get('id')}: {title}" if title else str(doc.get("id")),
        "ConceptSets": builder.concept_sets,
        "PrimaryCriteria": {
            "CriteriaList": [{"VisitOccurrence": {}}],
            "ObservationWindow": {"PriorDays": 0, "PostDays": 0},
            "PrimaryCriteriaLimit": {"Type": "All"},
        },
        "QualifiedLimit": {"Type": "First"},
        "ExpressionLimit": {"Type": "First"},
        "InclusionRules": rules,
        "CensoringCriteria": [],
    }
    return expression, builder.warnings


def _rule_name(crit: Record) -> str:
    name = f"{crit['id']} {crit.get('kind')}: {_clean(crit.get('text', ''))}"
    return name if len(name) <= RULE_NAME_LIMIT else name[:RULE_NAME_LIMIT - 1] + "…"


def _description(crit: Record) -> str:
    parts = [_clean(crit.get("text", ""))]
    if crit.get("negated"):
        parts.append("(requires the absence of what it names)")
    for exc in crit.get("exceptions") or []:
        if isinstance(exc, dict) and exc.get("text"):
            parts.append(f"except: {_clean(exc['text'])}")
    for note in crit.get("notes") or []:
        if isinstance(note, dict) and note.get("text"):
            parts.append(f"note: {_clean(note['text'])}")
    return " ".join(p for p in parts if p)


def _group(kind: str, items: list[tuple[str, dict]], count: int | None = None) -> dict[str, Any]:
    group: dict[str, Any] = {"Type": kind}
    if count is not None:
        group["Count"] = count
    group["CriteriaList"] = [x for k, x in items if k == "criteria"]
    group["DemographicCriteriaList"] = [x for k, x in items if k == "demographic"]
    group["Groups"] = [x for k, x in items if k == "group"]
    return group


def _items(group: dict[str, Any]) -> int:
    return len(group["CriteriaList"]) + len(group["DemographicCriteriaList"]) + len(group["Groups"])


def negate(group: dict[str, Any]) -> dict[str, Any]:
    """The group that holds exactly when `group` does not."""
    if group["Type"] in ("ALL", "ANY") and _items(group) == 1 and len(group["CriteriaList"]) == 1 \
            and group["CriteriaList"][0]["Occurrence"] in (AT_LEAST_ONE, NONE):
        # one occurrence count: the opposite count ("none in the last 4 weeks" <-> "at least one")
        flipped = NONE if group["CriteriaList"][0]["Occurrence"] == AT_LEAST_ONE else AT_LEAST_ONE
        return {**group, "Type": "ALL", "CriteriaList": [{**group["CriteriaList"][0], "Occurrence": dict(flipped)}]}
    need = {"ALL": _items(group), "ANY": 1}.get(group["Type"], group.get("Count", 1))
    out = {"Type": "AT_MOST", "Count": max(need - 1, 0)}
    out.update({k: v for k, v in group.items() if k not in ("Type", "Count")})
    return out


class _Builder:
    def __init__(self, record: Record):
        self.index = by_id(record)
        self.doc_id = str(record["document"].get("id"))
        self.concept_sets: list[dict[str, Any]] = []
        self._sets: dict[tuple[str, str], int] = {}
        self.warnings: list[str] = []

    def warn(self, crit: Record, what: str) -> None:
        self.warnings.append(f"{self.doc_id} {crit['id']}: {what}")

    # --- concept sets -----------------------------------------------------------------------
    def concept_set(self, subject: dict[str, Any] | None, fallback: str) -> int:
        concept = (subject or {}).get("concept") or {}
        text = _clean((subject or {}).get("text") or "") or fallback
        if concept.get("system") == LOINC and concept.get("code"):
            key = ("LOINC", concept["code"])
            name = f"{concept.get('name') or text} (LOINC {concept['code']})"
            items = [{"concept": {
                "CONCEPT_ID": None, "CONCEPT_NAME": concept.get("name") or text,
                "STANDARD_CONCEPT": None, "INVALID_REASON": None, "CONCEPT_CODE": concept["code"],
                "DOMAIN_ID": "Measurement", "VOCABULARY_ID": "LOINC", "CONCEPT_CLASS_ID": None},
                "isExcluded": False, "includeDescendants": False, "includeMapped": False}]
        else:
            name = _clean(concept.get("name") or "") or text
            key = ("text", name.lower())
            items = []
        if key not in self._sets:
            self._sets[key] = len(self.concept_sets)
            self.concept_sets.append({"id": len(self.concept_sets), "name": name, "expression": {"items": items}})
        return self._sets[key]

    # --- criteria ---------------------------------------------------------------------------
    def criterion(self, crit: Record, negated: bool) -> dict[str, Any]:
        for note in crit.get("notes") or []:
            n = len(note.get("constraints") or []) if isinstance(note, dict) else 0
            if n:
                self.warn(crit, f"{n} constraint(s) of the note {_clean(note.get('text', ''))!r} not expressed "
                                "(a note qualifies its criterion in words)")
        own = self.own(crit, negated)
        kids = children_of(crit, self.index)
        if kids:
            code, threshold = combination(crit)
            kind = {"all": "ALL", "any": "ANY", "at-least": "AT_LEAST"}[code]
            combo = _group(kind, [("group", self.criterion(k, bool(k.get("negated")))) for k in kids], threshold)
            positive = _group("ALL", [("group", own), ("group", combo)]) if own else combo
        elif own:
            positive = own
        else:
            positive = _group("ALL", [("criteria", self.observation(crit, None, ANY_TIME_BEFORE))])
        return negate(positive) if negated else positive

    def own(self, crit: Record, negated: bool = False) -> dict[str, Any] | None:
        """The group of the criterion's own constraints, or None when it has none; `negated`:
        the criterion names whom to leave out (its group is negated after)."""
        constraints = crit.get("constraints") or []
        if not constraints:
            return None
        any_logic = crit.get("constraints_logic") == "any"
        times = [k for k in constraints if k.get("type") == "time"]
        window = ANY_TIME_BEFORE
        if times and not any_logic:
            window = self.windows(crit, times)
        items: list[tuple[str, dict]] = []
        for k in constraints:
            kind = k.get("type")
            if kind == "time":
                if any_logic:
                    items.append(("criteria", self.observation(crit, k.get("subject"), self.windows(crit, [k]))))
            elif kind == "duration":
                self.warn(crit, f"duration {_clean(k.get('text', ''))!r} not expressible in Circe; "
                                f"the subject alone is required")
                items.append(("criteria", self.observation(crit, k.get("subject"), window)))
            else:
                items.append(self.value(crit, k, window))
        if not items:  # only time windows: the criterion's subject within them
            subject = next((k.get("subject") for k in times if k.get("subject")), None)
            if not negated and all(_washout(k) for k in times) and window[0] is None \
                    and window[1] is not None and window[1] < 0:
                # a requirement "at least 4 weeks since prior chemotherapy" keeps the subject out
                # of the last 4 weeks; it does not ask for one before them (a patient never
                # treated is eligible). Named to leave people out ("Interval > 72 hours since
                # start of ventilation"), the time since is the subject's, and it happened.
                recent = self.observation(crit, subject, (window[1] + 1, 0))
                items.append(("criteria", {**recent, "Occurrence": dict(NONE)}))
            else:
                items.append(("criteria", self.observation(crit, subject, window)))
        return _group("ANY" if any_logic else "ALL", items)

    def observation(self, crit: Record, subject, window) -> dict[str, Any]:
        codeset = self.concept_set(subject, _clean(crit.get("text", "")) or crit["id"])
        concept = (subject or {}).get("concept") or {}
        domain = "Measurement" if concept.get("system") == LOINC and concept.get("code") else "Observation"
        return _correlated({domain: {"CodesetId": codeset}}, window)

    def value(self, crit: Record, k: Record, window) -> tuple[str, dict]:
        subject = k.get("subject") or {}
        concept = subject.get("concept") or {}
        sh = shape(k)
        if sh is None:
            self.warn(crit, f"no number to compare in {_clean(k.get('text', ''))!r}; the subject alone is required")
            return ("criteria", self.observation(crit, subject, window))
        unit = (k.get("unit") or {}).get("ucum") if isinstance(k.get("unit"), dict) else None
        if concept.get("code") == AGE_LOINC and concept.get("system") == LOINC and not k.get("reference") \
                and (unit is None or unit in AGE_YEARS):
            return self.age(crit, k, sh)
        codeset = self.concept_set(subject, _clean(crit.get("text", "")) or crit["id"])
        atoms = [sh] if sh[0] in ("quantity", "range") else sh[1]
        parts = [("criteria", _correlated({"Measurement": {"CodesetId": codeset, **self.measured(crit, k, a)}}, window))
                 for a in atoms]
        if len(parts) == 1:
            return parts[0]
        return ("group", _group("ANY" if sh[0] == "any" else "ALL", parts))

    def measured(self, crit: Record, k: Record, atom: tuple) -> dict[str, Any]:
        numbers = _numeric(atom)
        reference = k.get("reference")
        if reference in ("ULN", "normal"):
            upper = reference == "ULN" or atom[0] != "quantity" or atom[1] not in ("<", "<=")
            return {("RangeHighRatio" if upper else "RangeLowRatio"): numbers}
        if reference == "LLN":
            return {"RangeLowRatio": numbers}
        if reference:
            self.warn(crit, f"a threshold relative to {reference} ({_clean(k.get('text', ''))!r}) "
                            f"is not expressible in Circe; the measurement alone is required")
            return {}
        out: dict[str, Any] = {"ValueAsNumber": numbers}
        unit = k.get("unit") if isinstance(k.get("unit"), dict) else None
        if unit and unit.get("ucum"):
            out["Unit"] = [{"CONCEPT_ID": None, "CONCEPT_NAME": unit["ucum"], "STANDARD_CONCEPT": None,
                            "INVALID_REASON": None, "CONCEPT_CODE": unit["ucum"], "DOMAIN_ID": "Unit",
                            "VOCABULARY_ID": "UCUM", "CONCEPT_CLASS_ID": None}]
        return out

    def age(self, crit: Record, k: Record, sh: tuple) -> tuple[str, dict]:
        """Age at the index, in years (a number without a unit is years)."""
        unit = (k.get("unit") or {}).get("ucum") if isinstance(k.get("unit"), dict) else None
        factor = AGE_YEARS[unit or "a"]
        atoms = [sh] if sh[0] in ("quantity", "range") else sh[1]
        parts = [("demographic", {"Age": _numeric(_scaled(a, factor))}) for a in atoms]
        if len(parts) == 1:
            return parts[0]
        return ("group", _group("ANY" if sh[0] == "any" else "ALL", parts))

    # --- time windows -----------------------------------------------------------------------
    def windows(self, crit: Record, times: list[Record]) -> tuple[int | None, int | None]:
        """The intersection of the windows `times` state, in signed days from the index."""
        lo, hi = None, None
        for k in times:
            w = self.window(crit, k)
            if w is None:
                continue
            lo = w[0] if lo is None else (lo if w[0] is None else max(lo, w[0]))
            hi = w[1] if hi is None else (hi if w[1] is None else min(hi, w[1]))
        if lo is not None and hi is not None and lo > hi:
            self.warn(crit, f"time windows do not overlap ({lo}..{hi} days); kept as written")
        if lo is None and hi is None:
            return ANY_TIME_BEFORE
        return lo, hi

    def window(self, crit: Record, k: Record) -> tuple[int | None, int | None] | None:
        unit = (k.get("unit") or {}).get("ucum") if isinstance(k.get("unit"), dict) else None
        sh = shape(k)
        if unit not in DAYS or sh is None:
            self.warn(crit, f"time window {_clean(k.get('text', ''))!r} has no number of days; any time before the index")
            return None
        distance = _distance(sh, DAYS[unit])
        if sh[0] == "any":
            self.warn(crit, f"a choice of time windows ({_clean(k.get('text', ''))!r}) widened to their span")
        near, far = distance
        direction = k.get("direction")
        if direction == "after":
            return near, far
        if direction is None and not near:
            return (-far if far is not None else None), far
        if direction is None:
            self.warn(crit, f"a window on either side of the event from {near} days read as before it")
        return (-far if far is not None else None), -near


def _washout(k: Record) -> bool:
    """Whether a time constraint states only how long ago at least its subject happened, counted
    since it ("at least 4 weeks since prior chemotherapy": `>=` 4 wk before the present)."""
    return (k.get("comparator") in (">", ">=") and k.get("direction") == "before" and k.get("event") is None
            and not SINCE_RULES.isdisjoint(k.get("rules") or ()))


def _distance(sh: tuple, factor: float) -> tuple[int, int | None]:
    """How far from the anchor, in whole days: (nearest, farthest or None). "=" states a span
    ("for 2 months after"), so it reads as "within"; bounds round outwards."""
    if sh[0] == "quantity":
        days = sh[2] * factor
        return {None: (0, math.ceil(days)), "<=": (0, math.ceil(days)),
                "<": (0, max(math.ceil(days) - 1, 0)), ">=": (math.floor(days), None),
                ">": (math.floor(days) + 1, None)}[sh[1]]
    if sh[0] == "range":
        return math.floor(sh[1] * factor), math.ceil(sh[2] * factor)
    spans = [_distance(a, factor) for a in sh[1]]
    if sh[0] == "all":
        far = [f for _, f in spans if f is not None]
        return max(n for n, _ in spans), (min(far) if far else None)
    return min(n for n, _ in spans), (None if any(f is None for _, f in spans) else max(f for _, f in spans))


def _endpoint(days: int | None, unbounded_coeff: int) -> dict[str, int]:
    if days is None:
        return {"Coeff": unbounded_coeff}
    return {"Days": abs(days), "Coeff": -1 if days < 0 else 1}


def _correlated(criteria: dict[str, Any], window: tuple[int | None, int | None]) -> dict[str, Any]:
    return {
        "Criteria": criteria,
        "StartWindow": {"Start": _endpoint(window[0], -1), "End": _endpoint(window[1], 1),
                        "UseEventEnd": False},
        "Occurrence": dict(AT_LEAST_ONE),
    }


def _numeric(atom: tuple) -> dict[str, Any]:
    if atom[0] == "range":
        return {"Value": atom[1], "Op": "bt", "Extent": atom[2]}
    return {"Value": atom[2], "Op": OPS[atom[1]]}


def _scaled(atom: tuple, factor: float) -> tuple:
    def scale(v):
        x = v * factor
        return int(x) if float(x).is_integer() else round(x, 4)
    if factor == 1:
        return atom
    if atom[0] == "range":
        return ("range", scale(atom[1]), scale(atom[2]))
    return ("quantity", atom[1], scale(atom[2]))
