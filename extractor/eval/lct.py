"""Scoring against LCT (Leaf Clinical Trials): comparisons, units, time windows, negation,
exceptions.

Gold comparison = an `Eq-Comparison` event with at least one number among its `Value*`
arguments (Eq-Value entities), or, where it has none, inside its `Operator*` arguments (a number
glued to its sign, "≥18", is sometimes marked as part of the operator). Its operator comes from
the `Eq-Operator-Value` attribute of its `Operator*` arguments; its unit from `Unit*`/`Per*`
Eq-Unit pieces and the `Temporal-Unit` attribute (year, month...). Comparisons with only a
period ("previously") carry no number and are not scored.

Fields (all counted over every document of the split, one-to-one greedy matching by overlap):
- comparison.detection: a predicted numeric constraint pairs with a gold comparison when the
  spans overlap and one of its numbers equals a gold number. Precision counts every predicted
  constraint that states a number.
- comparison.exact: detection plus the comparator agrees (GT '>', GTEQ '>=', LT '<', LTEQ '<=',
  EQ '=' or 'in' holding the value, BETWEEN 'between' with both bounds equal to the gold
  numbers or 'in' listing both; two bound operators with two numbers also accept 'between').
  Gold items without an operator (LCT leaves it out of many "within 30 days" or "stage 4 or
  5") are scored for detection and unit only: they are outside exact's recall, and a
  prediction paired with one is neither a hit nor a false alarm for exact. Reading them as EQ
  would punish a correct '<='.
- comparison.unit: over gold items with a unit; hit = paired and the unit agrees (see units.py).
  False alarm = a paired prediction whose unit disagrees. A predicted unit where gold marks
  none is not scored: LCT leaves count nouns ("2 episodes") unmarked, so it cannot be judged.
  Scale words LCT marks as units ("grade", "stage", "class") are dropped (units.SCALE_WORDS).
  `accuracy` = hits / paired gold items with a unit.
- comparison.temporal: gold items with a Temporal-Unit; hit = paired with any prediction (an
  age "≥ 18 years" is a value in the CONTRACT and temporal in LCT). False alarm = a predicted
  `time` or `duration` constraint (both are temporal in LCT: a window and how long something
  lasts) not paired with a temporal gold item.
- A pair ("> 150/90 mmHg") is two constraints in the CONTRACT and one comparison with two
  numbers in LCT: an unpaired prediction inside a paired gold item, stating only its numbers, is
  neither a hit nor a false alarm.
- A range the CONTRACT writes as one `between` and LCT as one comparison per bound: the unpaired
  bound inside the paired range, sharing a number with it, is neither hit nor miss.
- A pregnancy's weeks and days ("36 + 6 weeks", "23 weeks 6 days"), two values in LCT, are read
  as one age as the CONTRACT writes it: days in all where days are written, whole weeks as
  weeks (`weeks_and_days`); whole weeks written as a bound of their own ("between 24 + 0
  weeks") meet a prediction in days as days (`_gold_numbers`: the CONTRACT counts both bounds
  of "24 + 0 to 36 + 6 weeks" in days).
- A window on both sides of one anchor is two constraints in the CONTRACT (`<=` A before and
  `<=` B after, rule time.both_sides) and one BETWEEN comparison in LCT ("day -10 pre- to day
  +30": from -10 to 30): the two are scored as one `between` holding the numbers they write
  (`both_sides_windows`). Where LCT marks each side apart, the other side is a range's bound
  (above): neither hit nor miss.
- Gold comparisons whose numbers are all calendar dates or years, with no unit ("between
  January 2015 and December 2018", "2008 to 2015", "before 2019", "between 4/1/2019 and
  12/31/2020") are not scored: the CONTRACT counts a date as no threshold (its numbers are
  `ignored`, reason "date"). They are neither found nor missed, and a prediction overlapping one
  is left out, as for an optional item.
- Constraints whose number is implicit ("within the past month": 1 mo; "above the ULN": 1 x ULN)
  write no number that LCT could mark as a value: they are not scored (see predictions.py);
  nor are visual acuities read from Snellen fractions (decimal acuity, not the written numbers).
- negation.cue: gold `Negation` spans vs criterion `negation.span` (overlap). LCT marks every
  negating word ("non-smoker", "unable to", "excluded"), the CONTRACT one cue per criterion
  that requires absence, so recall here has a ceiling well below 1; watch it for change.
- negation.criterion: per leaf criterion, gold = a Negation cue inside its span, vs `negated`.
  A Negation event whose every `Negates` target is a qualifier (`QUALIFIERS`: LCT's Modifier,
  Severity, Stability: "non-carious lesions", "non-emergent surgery") negates how the named
  thing is qualified, not the thing: it does not make the criterion require an absence (the
  CONTRACT's `negated`). Its cue still counts for negation.cue. Nor does a cue that restates
  an exclusion criterion's exclusion ("Impaired renal function will be excluded": the words
  models/assertion.json marks 'restates_exclusion'): that criterion names whom it leaves out, as
  its kind already says, and a consumer reading kind and `negated` together would otherwise
  require what it excludes. In an inclusion criterion such a cue is an absence ("Pregnant women
  are not eligible"). Its cue still counts for negation.cue. Nor does a cue that says what a
  named thing keeps from happening ("Musculo-skeletal disability that would preclude exercise",
  "Conditions that prevent wearing a prosthetic socket": the words models/assertion.json marks
  'criterion': 'never'): LCT marks "preclude" as the negation of the exercise, and the criterion
  names the disability. Its cue still counts for negation.cue. A gold cue is read by the words
  of the rules' trigger that holds it (nlp.assertion.rule_words: the "not" LCT marks in "would
  not permit" is "not permit", in "are not eligible" that restating trigger). Nor does a cue that qualifies a
  named thing standing right before it, read as the pipeline reads a trigger
  (nlp.assertion.qualifies: a trigger models/assertion.json marks 'qualifies', "not",
  "without", "outside", "precluding"..., with blanks only between it and the thing on one
  line): "Seizures not controlled", "Systolic blood pressure <90 mmHg without hypertensive
  medications" require the seizures and the pressure. The named things are LCT's own
  (`named_ends`): annotations whose type maps to a named label (models/entity_labels.json:
  Condition, Drug, Procedure, Observation...; not a person, an age or an encounter) and
  comparisons that are neither an age nor a time, as the pipeline takes its named entities and
  its value constraints that are no age. Its cue still counts for negation.cue.
- A leaf criterion holding no LCT annotation of any kind ("No consent", "Do not have a smart
  phone") is out of both negation fields: LCT marks a Negation only on something it annotated,
  so its gold says nothing either way there (as Chia's unannotated lines, see chia.py).
- exception: gold `Exception` (trigger hull with its Except arguments) vs `exceptions[*].span`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..nlp.assertion import never_negates_criterion, qualifies, restates_exclusion, rule_words
from ..nlp.entities import NAMED
from .align import OffsetMap
from .brat import Annotation
from .entities import EntityScore, negation_cues, predicted_entities
from .entity_gold import gold_entities
from .entity_gold import mapping as entity_labels
from .metrics import Counts, greedy_match, overlap
from .numbers import numbers_in, same_number
from .predictions import (TEMPORAL_TYPES, PredConstraint, criteria, document_text,
                          numeric_constraints)
from .units import SCALE_WORDS, TEMPORAL_UCUM, unit_agrees

OPERATORS = {"GT": ">", "GTEQ": ">=", "LT": "<", "LTEQ": "<=", "EQ": "=", "BETWEEN": "between"}
_LOWER = {">", ">="}
_UPPER = {"<", "<="}

FIELDS = ("comparison.detection", "comparison.exact", "comparison.unit",
          "comparison.temporal", "negation.cue", "negation.criterion", "exception")


@dataclass
class GoldComparison:
    id: str
    span: tuple[int, int]
    text: str
    numbers: list[float]
    comparators: set[str]
    unit_pieces: list[str]
    temporal: bool
    # a pregnancy's whole weeks in the obstetric notation ("24 + 0 weeks"), left in weeks
    in_weeks: bool = False


def _span_of(ann: Annotation, ident: str) -> tuple[int, int] | None:
    ent = ann.entity_of(ident)
    return (ent.start, ent.end) if ent else None


def gold_comparisons(ann: Annotation) -> list[GoldComparison]:
    out = []
    for ev in ann.events_of_type("Eq-Comparison"):
        trigger = ann.entities.get(ev.trigger)
        if trigger is None:
            continue
        numbers: list[float] = []
        for t in ev.args_of("Value"):
            ent = ann.entities.get(t)
            if ent is not None and ent.type == "Eq-Value":
                numbers.extend(numbers_in(ent.text))
        if not numbers:
            # a number glued to its sign is sometimes marked inside the operator ("≥18 years":
            # Eq-Operator "≥18", no Eq-Value)
            for t in ev.args_of("Operator"):
                ent = ann.entities.get(t)
                if ent is not None and ent.type == "Eq-Operator":
                    numbers.extend(numbers_in(ent.text))
        if not numbers:
            continue
        comparators = set()
        for t in ev.args_of("Operator"):
            op = ann.attribute("Eq-Operator-Value", t)
            if op in OPERATORS:
                comparators.add(OPERATORS[op])
        if len(numbers) >= 2 and comparators & _LOWER and comparators & _UPPER:
            comparators.add("between")
        pieces = []
        for role in ("Unit", "Per"):
            for t in ev.args_of(role):
                ent = ann.entities.get(t)
                if ent is not None and ent.type == "Eq-Unit":
                    if ent.text.strip().lower() not in SCALE_WORDS:
                        pieces.append(ent.text)
                elif ent is not None and ent.type == "Eq-Temporal-Unit":
                    pieces.append(_temporal_piece(ann, ent.id, ent.text))
        temporal = False
        for t in ev.args_of("Temporal-Unit"):
            ent = ann.entities.get(t)
            if ent is not None:
                temporal = True
                pieces.append(_temporal_piece(ann, t, ent.text))
        out.append(GoldComparison(ev.id, (trigger.start, trigger.end), trigger.text, numbers,
                                  comparators, pieces, temporal))
    return sorted(out, key=lambda g: g.span)


_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_YEAR = r"(?:19|20|21)\d\d"
# A written date: "4/1/2019", "2 January 2005", "1st of january 2011", "November 2017", "June 1,
# 2019"; a bare year.
_DATE = re.compile(rf"\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]{_YEAR}\b|\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?)?{_MONTH}"
                   rf"(?:\s+\d{{1,2}}(?:st|nd|rd|th)?,?)?\s+{_YEAR}\b", re.IGNORECASE)
_BARE_YEAR = re.compile(rf"\b{_YEAR}\b")
_COMPARATOR_SIGN = re.compile(r"[<>≤≥=]")


def calendar_only(gold: GoldComparison) -> bool:
    """Whether every number of a gold comparison is part of a calendar date or a year (no unit;
    a bare year only where no comparator sign is written: "> 2000" is no year)."""
    if gold.unit_pieces or not (_DATE.search(gold.text) or _BARE_YEAR.search(gold.text)):
        return False  # word numbers and Roman numerals hold no digit either
    rest = _DATE.sub(" ", gold.text)
    if _COMPARATOR_SIGN.search(rest) and _BARE_YEAR.search(rest):
        return False
    return not re.search(r"\d", _BARE_YEAR.sub(" ", rest))


# A pregnancy's age in weeks and days ("36 + 6 weeks", "23 weeks 6 days", "27 6/7 weeks"): LCT
# marks the weeks and the days as two values (and "between 24 + 0 weeks" as a range from 24 to
# 0); the CONTRACT reads them as one age, in days where days are written (whole weeks stay
# weeks), a range's bounds alike.
_GOLD_WEEKS_DAYS = re.compile(r"(\d{1,2})\s?(?:\+\s?([0-6])(?=\s?w)|\s([0-6])/7(?!\d)|\s?weeks?,?\s+(?:and\s+)?([0-6])\s?days?\b)",
                              re.IGNORECASE)
_GOLD_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def weeks_and_days(gold: GoldComparison, text: str) -> None:
    """`gold`'s numbers as the CONTRACT writes a pregnancy's weeks and days written in `text`
    (the comparison's own text); untouched where it writes none."""
    forms = list(_GOLD_WEEKS_DAYS.finditer(text))
    if not forms:
        return
    days = [int(next(d for d in m.groups()[1:] if d is not None)) for m in forms]
    in_days = any(days)
    gold.in_weeks = not in_days
    numbers = []
    for m in _GOLD_NUMBER.finditer(text):
        form = next((i for i, f in enumerate(forms) if f.start() <= m.start() < f.end()), None)
        if form is None:  # a bound in whole weeks ("between 14 weeks and 23 weeks 6 days")
            numbers.append(float(m.group()) * (7 if in_days else 1))
        elif m.start() == forms[form].start():
            weeks = int(forms[form].group(1))
            numbers.append(float(weeks * 7 + days[form] if in_days else weeks))
    gold.numbers = numbers


def _temporal_piece(ann: Annotation, ident: str, text: str) -> str:
    value = ann.attribute("Eq-Temporal-Unit-Value", ident)
    return TEMPORAL_UCUM.get(value, text) if isinstance(value, str) else text


# LCT entity types that qualify another ("non-carious" lesions): negating one is not an absence
QUALIFIERS = frozenset({"Modifier", "Severity", "Stability"})


def gold_negations(ann: Annotation) -> list[tuple[int, int]]:
    return sorted((e.start, e.end) for e in ann.of_type("Negation"))


def gold_criterion_negations(ann: Annotation, text: str | None = None) -> list[tuple[int, int]]:
    """The Negation cues that negate something other than a qualifier and, with `text` (the
    annotated .txt), that do not qualify a named thing right before them (see the docstring)."""
    qualifier_only = set()
    for ev in ann.events_of_type("Negation"):
        targets = ev.args_of("Negates")
        types = {ann.events[t].type if t in ann.events else getattr(ann.entities.get(t), "type", None)
                 for t in targets}
        if targets and types <= QUALIFIERS:
            qualifier_only.add(ev.trigger)
    ends = named_ends(ann, text) if text is not None else set()
    return sorted((e.start, e.end) for e in ann.of_type("Negation") if e.id not in qualifier_only
                  and not (ends and qualifies(text, e.start, ends)))


def named_ends(ann: Annotation, text: str) -> set[int]:
    """Where the things a trigger can qualify end, read from the gold as the pipeline reads its
    own (entities.named_ends): every annotation whose type maps to a named label
    (models/entity_labels.json; `entities.NAMED`: not a person, an age or an encounter), nested
    ones too, and every comparison with a number that is no age and no time (LCT's
    Temporal-Unit: "≥ 18 years", "within 4 weeks"), such as "<60 bpm" or "> 1.5"."""
    rules = entity_labels()["corpora"]["lct"]

    def named(kind: str) -> bool:
        rule = rules.get(kind)
        if isinstance(rule, dict):
            return {*rule["values"].values(), rule["default"], rule.get("lexicon", rule["default"])} <= NAMED
        return rule in NAMED

    ends = set()
    for ent in ann.entities.values():
        if named(ent.type):
            end = ent.end
            while end > ent.start and text[end - 1].isspace():
                end -= 1
            ends.add(end)
    ages = {t for ev in ann.events_of_type("Age") for t in ev.args_of("Numeric-Filter")}
    ends.update(g.span[1] for g in gold_comparisons(ann) if not g.temporal and g.id not in ages)
    return ends


def gold_exceptions(ann: Annotation) -> list[tuple[int, int]]:
    out = []
    for ev in ann.events_of_type("Exception"):
        spans = [s for s in [_span_of(ann, ev.trigger)] + [_span_of(ann, t) for t in
                 ev.args_of("Except")] if s is not None]
        if spans:
            out.append((min(s for s, _ in spans), max(e for _, e in spans)))
    if not out:  # an Exception entity with no event still marks the cue
        out = [(e.start, e.end) for e in ann.of_type("Exception")]
    return sorted(set(out))


def _gold_numbers(gold: GoldComparison, pred: PredConstraint) -> list[float]:
    """`gold`'s numbers in the prediction's unit where a pregnancy's whole weeks ("between 24 + 0
    weeks", a bound LCT writes apart) meet a range the CONTRACT counts in days because its other
    bound has days ("24 + 0 to 36 + 6 weeks": 168 to 258 d)."""
    if gold.in_weeks and (pred.unit or {}).get("ucum") == "d":
        return [n * 7 for n in gold.numbers]
    return gold.numbers


BOTH_SIDES_RULE = "time.both_sides"


def both_sides_windows(preds: list[PredConstraint]) -> list[PredConstraint]:
    """`preds` with each window on both sides of one anchor (two constraints of one criterion,
    before and after the same event, with rule BOTH_SIDES_RULE) made one `between` from the
    number the first writes ("-10" of "day -10 pre-", "7" of "between 7 days") to the second's."""
    out: list[PredConstraint] = []
    for p in preds:
        prev = out[-1] if out else None
        if prev is not None and BOTH_SIDES_RULE in (p.raw.get("rules") or ()) \
                and BOTH_SIDES_RULE in (prev.raw.get("rules") or ()) and prev.comparator != "between" \
                and prev.criterion == p.criterion and prev.raw.get("direction") == "before" \
                and p.raw.get("direction") == "after" and (prev.raw.get("event") or {}).get("span") \
                and (prev.raw.get("event") or {}).get("span") == (p.raw.get("event") or {}).get("span"):
            low = (numbers_in(prev.text) or prev.numbers)[-1]
            high = (numbers_in(p.text) or p.numbers)[-1]
            out[-1] = PredConstraint(span=(prev.span[0], p.span[1]), text=f"{prev.text} .. {p.text}", type=p.type,
                                     comparator="between", numbers=[low, high], unit=p.unit, reference=None,
                                     criterion=p.criterion, raw=dict(p.raw, comparator="between", low=low, high=high))
            continue
        out.append(p)
    return out


def _shares_number(gold: GoldComparison, pred: PredConstraint) -> bool:
    return any(same_number(g, p) for g in _gold_numbers(gold, pred) for p in pred.numbers)


def comparator_agrees(gold: GoldComparison, pred: PredConstraint) -> bool:
    c = pred.comparator
    if c == "between":
        if "between" not in gold.comparators:
            return False
        bounds = [pred.raw.get("low"), pred.raw.get("high")]
        return all(any(isinstance(b, (int, float)) and same_number(g, b) for b in bounds)
                   for g in _gold_numbers(gold, pred)[:2])
    if c in gold.comparators:
        return True
    if c == "in" and "=" in gold.comparators:
        return _shares_number(gold, pred)
    if c == "in" and "between" in gold.comparators:
        # "score of 3 or 4" is BETWEEN in LCT and a list in the CONTRACT: same integers
        values = pred.raw.get("values") or []
        return all(any(isinstance(v, (int, float)) and same_number(g, v) for v in values)
                   for g in gold.numbers[:2])
    return False


def _pair_parts(gold, preds, paired_g, paired_p) -> set[int]:
    """Unpaired predictions that are the other half of a paired gold item: inside its span and
    stating only its numbers. The CONTRACT writes a pair ("> 150/90 mmHg") as two constraints
    where LCT writes one comparison holding both numbers; the second is neither hit nor false
    alarm. A range (BETWEEN) is one constraint in both, so its parts do not count here."""
    out = set()
    for pi, p in enumerate(preds):
        if pi in paired_p:
            continue
        for gi in paired_g:
            g = gold[gi]
            if overlap(g.span, p.span) and len(g.numbers) >= 2 and "between" not in g.comparators and all(
                    any(same_number(n, x) for x in g.numbers) for n in p.numbers):
                out.add(pi)
                break
    return out


def _range_parts(gold, preds, paired_g, paired_p) -> set[int]:
    """Unpaired gold items that are the other bound of a paired range: inside a predicted
    `between` paired with another gold item, and one of its numbers a number of that range. The
    CONTRACT writes a range as one constraint ("between 16 weeks 0 days and 23 weeks 6 days")
    where LCT at times writes one comparison per bound; the second is neither hit nor miss."""
    out = set()
    for gi, g in enumerate(gold):
        if gi in paired_g:
            continue
        for pi, p in enumerate(preds):
            if pi in paired_p and p.comparator == "between" and overlap(g.span, p.span) and _shares_number(g, p):
                out.add(gi)
                break
    return out


def unannotated(crits, spans) -> set[tuple[int, int]]:
    """Spans of the leaf criteria that hold no gold annotation of any kind (`spans`: every
    text-bound annotation of the document, in record offsets)."""
    parents = {c.parent for c in crits if c.parent}
    return {tuple(c.span) for c in crits if c.id not in parents
            and not any(s < c.span[1] and c.span[0] < e for s, e in spans)}


@dataclass
class LctScore:
    fields: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FIELDS})
    unit_paired: int = 0          # paired gold items with a unit: accuracy's denominator
    has_negation_field: bool = False
    has_exception_field: bool = False
    errors: list[dict] = field(default_factory=list)

    def score(self, doc_id: str, raw_text: str, ann: Annotation, record: dict,
              keep_errors: bool = False) -> None:
        canonical = document_text(record)
        shift = OffsetMap(raw_text, canonical if canonical is not None else raw_text)
        gold = gold_comparisons(ann)
        for g in gold:
            weeks_and_days(g, raw_text[g.span[0]:g.span[1]])
            g.span = shift.span(*g.span)
        preds = both_sides_windows(numeric_constraints(record))
        dated = {i for i, g in enumerate(gold) if calendar_only(g)}
        if dated:  # not thresholds in the CONTRACT: neither found nor missed (see the docstring)
            preds = [p for p in preds if not any(overlap(p.span, gold[i].span) > 0 for i in dated)]
            gold = [g for i, g in enumerate(gold) if i not in dated]
        self._comparisons(doc_id, gold, preds, keep_errors)
        crits = criteria(record)
        raw_crits = record.get("criteria") or []
        self.has_negation_field |= any("negation" in c for c in raw_crits)
        self.has_exception_field |= any("exceptions" in c for c in raw_crits)
        negs = [shift.span(*s) for s in gold_negations(ann)]
        cues = negation_cues(record, [c.negation_span for c in crits if c.negation_span])
        # criteria LCT left unannotated: no gold of theirs can say whether they are negated
        bare = unannotated(crits, [shift.span(e.start, e.end) for e in ann.entities.values()])
        cues = [s for s in cues if not any(b[0] <= s[0] and s[1] <= b[1] for b in bare)]
        self._spans(doc_id, "negation.cue", negs, cues, canonical, keep_errors)
        self._criterion_negation([shift.span(*s) for s in gold_criterion_negations(ann, raw_text)],
                                 [c for c in crits if c.span not in bare],
                                 canonical if canonical is not None else raw_text)
        exceptions = [shift.span(*s) for s in gold_exceptions(ann)]
        pred_exc = [s for c in crits for s in c.exceptions]
        self._spans(doc_id, "exception", exceptions, pred_exc, canonical, keep_errors)

    def _comparisons(self, doc_id, gold, preds, keep_errors) -> None:
        pairs = greedy_match(
            gold, preds, lambda g, p: overlap(g.span, p.span) if _shares_number(g, p) else 0)
        f = self.fields
        paired_g = {gi: pi for gi, pi in pairs}
        paired_p = {pi: gi for gi, pi in pairs}
        parts = _pair_parts(gold, preds, paired_g, paired_p)
        bounds = _range_parts(gold, preds, paired_g, paired_p)
        f["comparison.detection"].add(Counts(len(pairs), len(preds) - len(pairs) - len(parts),
                                             len(gold) - len(pairs) - len(bounds)))
        exact_tp = sum(1 for gi, pi in pairs
                       if gold[gi].comparators and comparator_agrees(gold[gi], preds[pi]))
        no_op_pairs = sum(1 for gi, _ in pairs if not gold[gi].comparators)
        with_op = sum(1 for gi, g in enumerate(gold) if g.comparators and gi not in bounds)
        f["comparison.exact"].add(Counts(exact_tp, len(preds) - exact_tp - no_op_pairs - len(parts),
                                         with_op - exact_tp))
        unit_tp = unit_fp = 0
        for gi, pi in pairs:
            g, p = gold[gi], preds[pi]
            if g.unit_pieces:
                self.unit_paired += 1
                if unit_agrees(g.unit_pieces, p.unit, p.reference):
                    unit_tp += 1
                else:
                    unit_fp += 1
        with_unit = sum(1 for gi, g in enumerate(gold) if g.unit_pieces and gi not in bounds)
        f["comparison.unit"].add(Counts(unit_tp, unit_fp, with_unit - unit_tp))
        temporal = [gi for gi, g in enumerate(gold) if g.temporal and gi not in bounds]
        temporal_tp = sum(1 for gi in temporal if gi in paired_g)
        time_fp = sum(1 for pi, p in enumerate(preds)
                      if p.type in TEMPORAL_TYPES and pi not in parts
                      and not (pi in paired_p and gold[paired_p[pi]].temporal))
        f["comparison.temporal"].add(Counts(temporal_tp, time_fp, len(temporal) - temporal_tp))
        if keep_errors:
            self._comparison_errors(doc_id, gold, preds, paired_g, paired_p)

    def _comparison_errors(self, doc_id, gold, preds, paired_g, paired_p) -> None:
        for gi, g in enumerate(gold):
            if gi not in paired_g:
                self.errors.append({"doc": doc_id, "field": "comparison", "error": "miss",
                                    "span": list(g.span), "gold": g.text,
                                    "comparators": sorted(g.comparators), "unit": g.unit_pieces})
                continue
            p = preds[paired_g[gi]]
            if g.comparators and not comparator_agrees(g, p):
                self.errors.append({"doc": doc_id, "field": "comparison", "error": "comparator",
                                    "span": list(g.span), "gold": g.text,
                                    "expected": sorted(g.comparators), "got": p.comparator,
                                    "pred": p.text})
            if g.unit_pieces and not unit_agrees(g.unit_pieces, p.unit, p.reference):
                self.errors.append({"doc": doc_id, "field": "comparison", "error": "unit",
                                    "span": list(g.span), "gold": g.text,
                                    "expected": g.unit_pieces, "got": p.unit, "pred": p.text})
        parts = _pair_parts(gold, preds, paired_g, paired_p)
        for pi, p in enumerate(preds):
            if pi not in paired_p and pi not in parts:
                self.errors.append({"doc": doc_id, "field": "comparison", "error": "false-alarm",
                                    "span": list(p.span), "pred": p.text,
                                    "comparator": p.comparator, "numbers": p.numbers})

    def _spans(self, doc_id, name, gold, pred, text, keep_errors) -> None:
        pairs = greedy_match(gold, pred, overlap)
        self.fields[name].add(Counts(len(pairs), len(pred) - len(pairs), len(gold) - len(pairs)))
        if keep_errors:
            text = text or ""
            hit_g = {gi for gi, _ in pairs}
            hit_p = {pi for _, pi in pairs}
            for gi, s in enumerate(gold):
                if gi not in hit_g:
                    self.errors.append({"doc": doc_id, "field": name, "error": "miss",
                                        "span": list(s), "gold": text[s[0]:s[1]]})
            for pi, s in enumerate(pred):
                if pi not in hit_p:
                    self.errors.append({"doc": doc_id, "field": name, "error": "false-alarm",
                                        "span": list(s), "pred": text[s[0]:s[1]]})

    def _criterion_negation(self, negs, crits, text: str) -> None:
        parents = {c.parent for c in crits if c.parent}
        counts = Counts()
        for c in crits:
            if c.id in parents:
                continue  # a parent's span holds its children's cues: count each cue once
            # (a cue read by the words of the rules' trigger that holds it: "not" of "would not
            # permit" is "not permit", which never negates a criterion)
            gold = any(c.span[0] <= s and e <= c.span[1] and not never_negates_criterion(rule_words(text, s, e))
                       and not (c.kind == "exclusion" and restates_exclusion(rule_words(text, s, e)))
                       for s, e in negs)
            if gold and c.negated:
                counts.tp += 1
            elif c.negated:
                counts.fp += 1
            elif gold:
                counts.fn += 1
        self.fields["negation.criterion"].add(counts)

    def result(self) -> dict:
        out = {}
        for name, counts in self.fields.items():
            if name == "negation.cue" and not self.has_negation_field:
                continue
            if name == "exception" and not self.has_exception_field:
                continue
            out[name] = counts.as_dict()
        unit = self.fields["comparison.unit"]
        out["comparison.unit"]["accuracy"] = (
            round(unit.tp / self.unit_paired, 4) if self.unit_paired else None)
        return out


def check_available() -> None:
    from .corpora import corpus_dir

    corpus_dir("lct", "leaf_clinical_trials")


def documents(split: str):
    """(doc id, .txt path, .ann path) of the split, in sorted order."""
    from .corpora import corpus_dir, in_split, lct_batch_split

    root = corpus_dir("lct", "leaf_clinical_trials")
    for batch in sorted((p for p in root.iterdir() if p.is_dir()), key=_batch_order):
        if not in_split(lct_batch_split(batch.name), split):
            continue
        for txt in sorted(batch.glob("*.txt")):
            ann = txt.with_suffix(".ann")
            if ann.exists():
                yield f"{batch.name}/{txt.stem}", txt, ann


def _batch_order(path) -> tuple[int, str]:
    name = path.name
    return (int(name[5:]) if name.startswith("batch") and name[5:].isdigit() else -1, name)


def evaluate(split: str, errors: bool, predictor) -> dict:
    from .brat import read_ann, read_text

    docs = list(documents(split))
    texts = [read_text(txt) for _, txt, _ in docs]
    score = LctScore()
    entity_score = EntityScore()
    failed = []
    for (doc_id, _, ann_path), text, record in zip(docs, texts, predictor.texts(texts)):
        if "error" in record:
            failed.append(doc_id)
            record = {"criteria": [], "document": {"text": text}}
        ann = read_ann(ann_path)
        score.score(doc_id, text, ann, record, keep_errors=errors)
        shift = OffsetMap(text, document_text(record) or text)
        gold = [(*shift.span(s, e), label) for s, e, label in gold_entities(ann, "lct", text)]
        entity_score.score(gold, predicted_entities(record))
    return {"documents": len(docs), "failed_documents": len(failed),
            "fields": {**score.result(), **entity_score.result()}, "errors": score.errors if errors else None}
