"""find(): one criterion's text to its constraints (offsets relative to the text) and how they
combine ("all"/"any")."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Any

from ...normalize.durations import iso_duration
from ...normalize.numbers import parse_number
from .. import accounting, acuity
from ..patterns import grammar
from ..windows import (BOUNDS, IMPLICIT_WORDS, afterwards_anchor, both_sides, share_anchor, share_anchor_ahead, share_anchor_back,
                       share_anchor_bounds, share_anchor_list, share_bounds, study_period,
                       subject_past_other_span, windows_before_colon)
from .common import (Atom, _ASCII_DIGIT, _BETWEEN, _CASE_ODD, _CLAUSE_END, _CLOCK_24_AFTER, _CLOCK_AFTER, _DIGIT_RUN,
                     _EVERY_BEFORE, _FOR_BEFORE, _HINT, _NUMBER_KEYS, _OR, _SCALE_RANGE_SEP, _SCALE_VALUE, _SCHEDULE_NOUN,
                     _SCHEDULE_WORDS, _SINGULAR_TIME, letter_words, lookback, span_noun_at)
from .cues import _cue_warning, _left_cue, _left_window, _post_cue, _post_cue_after_noun
from .units import _COUNT_OR, _QUALIFIED_END, _SCALE_WORD_BEFORE, _age_kind, _in_days, _plain_counted_noun
from .atoms import _atoms, _count_unit, _horizon_is
from .scales import _SCALE_SIGNS, _ordinal_cue, _scale_matches, _scale_name_cue
from .ages import _is_age, _restated_age
from .spans import _time_or_duration
from .periods import PERIOD_ONLY, lasting_period
from .ranges import (_AGE_BOUND_GAP, _EQ_OR_GAP, _bare_references, _by_magnitude, _constraint, _descending,
                     _half_lives_window, _implicit_only, _implicit_windows, _implied_years, _mixed_measure_bounds, _mixed_unit_bounds,
                     _range_kind, _share_alternatives, _unit_out, around_sign)
from .passes import (_defines_scale, _drop_conversion_notes, _share_restated, _share_windows, _span_bounds,
                     _shared_dose_period, _shared_reference)


_RESTATED_NUMBERS = re.compile(r"\d+")
_LOOSE_RANGE_GAP = re.compile(r"\s*[-–]\s*")   # "<48-72 hours": a hyphen or en dash, no "to"
# a range of time opening a parenthesis after a schedule's word is its length, not its numbers:
# "regular menstrual cycles (21-35 days in length)", "cycle (25 to 38 days)"
_OPEN_BEFORE = re.compile(r"\(\s*\Z")


def _restated_bounds(text: str) -> list[tuple[int, int]]:
    """Spans of models/numbers.json's restated.inclusive_bounds ("aged 20 to 55 years,
    including 20 and 55 years") whose numbers are the bounds of the range right before them."""
    out = []
    for m in accounting.pattern("restated.inclusive_bounds").finditer(text):
        low, high = _RESTATED_NUMBERS.findall(m.group())[:2]
        if re.search(rf"(?<![\d.,]){low}\s*(?:years?\s*)?(?:to|-|–|and)\s*{high}(?![\d.,])",
                     text[max(0, m.start() - 80):m.start()]):
            out.append(m.span())
    return out


@lru_cache(maxsize=1)
def _trigger_words() -> frozenset:
    """Words find() can start from besides digits and reference hints: a number word's longest
    word (see _candidates) and the scale words."""
    return _NUMBER_KEYS | grammar().scale_words


def _digit_or_fold(text: str) -> bool:
    """Whether `text` holds a digit run's start or a letter whose case fold lower() misses."""
    if text.isascii():
        return _ASCII_DIGIT.search(text) is not None
    return _DIGIT_RUN.search(text) is not None or _CASE_ODD.search(text) is not None


def _period_duration(text: str, words: set[str], a: Atom, fields: dict, rules: list, period: dict | None) -> None:
    """A duration written as a modifier of a period noun ("a 2-week run-in period", "at least a
    6-month follow-up"): its subject is that period (periods.py), not the clause before it.
    `period`: the period phrase when the caller has already looked for it."""
    if a.unit["text"].lower() not in _SINGULAR_TIME:
        return  # ("6 weeks course of radiotherapy": a span in the plural is read as before)
    subject = period if period is not None else lasting_period(text, words, a.num_start, a.unit["span"], a.time_unit)
    if subject is not None:
        fields["subject"] = subject
        rules.append("time.duration.period")


_LIST_COMMA = re.compile(r"\s*,\s*")


def _bare(a: Atom) -> bool:
    """A number written alone: no comparator, unit or reference of its own."""
    return not (a.comparator or a.unit or a.reference)


def _is_count(a: Atom) -> bool:
    """A number that counts things: a count's unit ("{lines}") or a repeated count word."""
    return a.unit is not None and a.unit["ucum"].startswith("{") or "count.repeats" in a.rules


def _enumeration(text: str, atoms: list[Atom], i: int) -> int:
    """How many atoms from atoms[i] list alternatives whose unit (or counted thing) is written
    once, after the last ("one or two oral drugs", "Doses of 50, 100 or 200 mg"): bare numbers in
    rising order, joined by commas then "or", the last with no comparator or reference and with
    a count's unit, or another unit that is no span of time (a span's alternatives are read as
    spans) where no atom has a window, a pair or an "N of M"; 0 where they are none."""
    if not _bare(atoms[i]):
        return 0
    j = i
    while j + 1 < len(atoms):
        here, nxt = atoms[j], atoms[j + 1]
        gap = text[here.end:nxt.num_start]
        if nxt.value <= here.value:
            return 0
        if _COUNT_OR.fullmatch(gap):
            if nxt.comparator is not None or nxt.reference is not None:
                return 0
            if _is_count(nxt):
                return j + 2 - i
            plain = not any(x.window or x.pair or x.among for x in atoms[i:j + 2])
            return j + 2 - i if plain and nxt.unit is not None and nxt.unit["ucum"] and not nxt.time_unit else 0
        if not (_LIST_COMMA.fullmatch(gap) and _bare(nxt)):
            return 0
        j += 1
    return 0


_SCORE_RANGE_GAP = re.compile(r"\s*[-–]\s*|\s+to\s+", re.IGNORECASE)
_SCORE_LIST_GAP = re.compile(r"\s*(?:,\s*(?:or\s+|and\s+)?|or\s+|and\s+|/\s*)", re.IGNORECASE)


def _score_run(text: str, atoms: list[Atom], i: int) -> int:
    """How many atoms from atoms[i] are scores written with a glued plus ("2+", see atoms'
    _score_plus) listed one after another: "1+, 2+, or 3+", "3+ and 4+"; the first may be a
    bare level with no plus ("IHC 0 or 1+", "scores of 0, 1+, 2+ or 3+")."""
    first = atoms[i]
    run = 1 if first.comparator is None and first.unit is None and first.reference is None and not first.window \
        and text[first.num_start:first.num_end] in ("0", "1", "2", "3", "4") and i + 1 < len(atoms) \
        and "cmp.post.plus.score" in atoms[i + 1].rules \
        and _SCORE_LIST_GAP.fullmatch(text, first.end, atoms[i + 1].start) else 0
    while i + run < len(atoms) and "cmp.post.plus.score" in atoms[i + run].rules and (
            run == 0 or _SCORE_LIST_GAP.fullmatch(text, atoms[i + run - 1].end, atoms[i + run].start)):
        run += 1
    return run


def find(text: str, masked: list[tuple[int, int]] | None = None, words: set[str] | None = None
         ) -> tuple[list[dict], str]:
    """Constraints in `text` (offsets relative to it) and how they combine ("all"/"any").
    `words`: letter_words(text.lower()) when the caller has them (extensions.doc_words)."""
    low = text.lower()
    if words is None:
        words = letter_words(low)
    bare_refs = _HINT.search(low) is not None
    implicit = not IMPLICIT_WORDS.isdisjoint(words)
    if not bare_refs and _trigger_words().isdisjoint(words) and not _digit_or_fold(text):
        # most criteria hold no number at all; some a window of one unit ("in the past year")
        return (_implicit_only(text) if implicit else []), "all"
    g = grammar()
    masked = masked or []
    acuity_found = acuity.find(text)  # "20/40 or better": no pair, no score (see acuity.py)
    if acuity_found:
        masked = masked + [tuple(c["span"]) for c in acuity_found]
    if "=" in text or "˜" in text or "≈" in text or "~" in text or "equ" in low:
        # "(1mmhg = 0.133kpa)", "(1 unit of alcohol = 8 g)": a conversion bounds nothing
        conversions = [m.span() for m in accounting.pattern("def.unit_conversion").finditer(text)]
        if conversions:
            masked = masked + conversions
    if "inclusive" in low or "including" in low:
        masked = masked + _restated_bounds(text)
    if "dimension" in words or "dimensions" in words:
        # "measured in at least one dimension": how a lesion is measured, no bound
        masked = masked + [m.span() for m in accounting.pattern("word.dimensions").finditer(text)]
    atoms = _atoms(text, masked, words)
    has_scales = not g.scale_words.isdisjoint(words)
    if not atoms and not has_scales and not bare_refs and not implicit:
        return acuity_found, "all"
    out: list[dict] = []
    logic = "all"
    i = 0
    used_roman: list[tuple[int, int]] = []

    # Scale values first: "NYHA class III or IV", "ECOG 0, 1 or 2", "grade 2", "stage IV".
    scales = _scale_matches(g, text, low, words & g.scale_words) if has_scales else ()
    scale_warnings: dict[int, list] = {}
    for m in scales:
        vals_text = m.group("vals")
        vstart = m.start("vals")
        tokens = list(_SCALE_VALUE.finditer(vals_text))
        values = [parse_number(t.group(), roman=True) for t in tokens]
        if not values or any(v is None for v in values) or max(values) >= 100:
            continue  # "WHO 2016 criteria" names a year, not a grade
        # A scale value glued to a unit or a comparator belongs to the generic atoms ("grade ≥ 2").
        first_abs = vstart + tokens[0].start()
        last_abs = vstart + tokens[-1].end()
        if any(a.num_start == first_abs and (a.comparator or a.unit or a.reference) for a in atoms):
            continue
        if len(tokens) > 1 and any(a.num_start == vstart + tokens[-1].start() and a.time_unit == "a" for a in atoms):
            continue  # "Age category 18-70 years": an age range, its unit on the last bound
        if low.startswith("class", m.start()) and (accounting.pattern("name.hla_class").match(text, m.start())
                                                    or accounting.pattern("name.hla_class_after").match(text, first_abs)):
            continue  # "HLA class I", "class II (HLA-DRB1, -DQB1)": the molecules' names, no class of a scale
        if low.startswith("stage", m.start()) and accounting.pattern("name.study_stage").match(text, m.start()):
            continue  # "prior to enrollment (Stage I)/randomization (Stage II)": the study's own stages
        if len(values) == 1 and text[first_abs:last_abs].isdigit() and accounting.acronym_name(text, first_abs, last_abs) is not None:
            continue  # "National Early Warning Score 2 (NEWS2)": the number is the name's, as its acronym shows
        post = _post_cue(g, text, last_abs)
        if post is None and len(values) == 1:
            post = _post_cue_after_noun(g, text, last_abs)
        rules = ["scale.context"]
        roman = any(not t.group()[0].isdigit() for t in tokens)
        if roman:
            rules.append("num.roman")
        seps = vals_text[tokens[0].end():tokens[-1].start()] if len(tokens) > 1 else ""
        start, end = first_abs, last_abs
        if m.group("cmp") and len(values) == 1:
            sym = m.group("cmp")
            fields = {"comparator": _SCALE_SIGNS.get(sym, sym), "value": values[0]}
            start = m.start("cmp")
            rules.append("cmp.scale.symbol")
        elif len(values) == 1:
            if post:
                fields = {"comparator": post[1], "value": values[0]}
                end = post[0]
                rules.append(post[2])
            else:
                cue = _left_cue(g, text, first_abs)
                if cue:
                    continue
                ordinal = _ordinal_cue(text, m, last_abs)
                # "greater than stage 3", ">= grade II", "≥ NYHA functional classification class 2"
                ctx_cue = None if ordinal else _left_cue(g, text, m.start()) or _scale_name_cue(g, text, m.start())
                if ordinal:
                    # "grade 1 or better", "no worse than grade 2": better is a lower value
                    where, at, comparator, rule = ordinal
                    if where == "after":
                        end = at
                    else:
                        start = at
                    fields = {"comparator": comparator, "value": values[0]}
                    rules.append(rule)
                elif ctx_cue:
                    start = ctx_cue[0]
                    fields = {"comparator": ctx_cue[1], "value": values[0]}
                    rules.append(ctx_cue[2])
                    if ctx_cue[2] in g.cue_warnings:  # "³CTCAE Grade 1": the damaged sign alone
                        cue_len = len(next(k for k, v in g.pre_ids.items() if v == ctx_cue[2]))
                        warning = _cue_warning(g, text, start, start + cue_len, ctx_cue[2])
                        if warning:
                            scale_warnings[len(out)] = [warning]
                else:
                    fields = {"comparator": "=", "value": values[0]}
        elif len(values) == 2 and seps.strip() == "/" and values[1] >= 10 and values[1] > values[0] + 1:
            # "raw score of 15/50", "score ≥ 30/100": the value out of the scale's maximum
            fields = {"comparator": "=", "value": values[0]}
            ctx_cue = _left_cue(g, text, m.start())
            if m.group("cmp"):
                sym = m.group("cmp")
                fields["comparator"] = _SCALE_SIGNS.get(sym, sym)
                start = m.start("cmp")
            elif ctx_cue:
                start, fields["comparator"] = ctx_cue[0], ctx_cue[1]
                rules.append(ctx_cue[2])
            rules.append("scale.out_of")
        elif len(values) == 2 and _SCALE_RANGE_SEP.fullmatch(seps):
            # a scale's range written from its high end ("ADAS-Cog scores of 30 to 11", "MMSE
            # 14-0", "BCVA letter score of 73 to 24") is the same range
            fields = {"comparator": "between", "low": min(values), "high": max(values)}
            rules.append("range.scale" if values[0] <= values[1] else "range.scale.descending")
            # "ECOG score is 0-2 points", "calcium level 8.0-10.0 mg/dL": the unit on the last bound
            last = next((a for a in atoms if a.num_start == vstart + tokens[-1].start()
                         and a.unit and not a.time_unit), None)
            if last:
                fields["unit"] = _unit_out(last.unit)
                end = last.end
                rules.append(last.rules[-1])
        else:
            fields = {"comparator": "in", "values": values}
            rules.append("enum.scale")
        out.append(_constraint(text, start, end, rules, **fields))
        if len(out) - 1 in scale_warnings:
            out[-1]["_warnings"] = scale_warnings[len(out) - 1]
        used_roman.append((start, end))

    def overlaps_roman(a: Atom) -> bool:
        return any(s <= a.num_start < e for s, e in used_roman)

    if used_roman:
        atoms = [a for a in atoms if not overlaps_roman(a)]
    skip_from, skip_until = -1, -1
    while i < len(atoms):
        a = atoms[i]
        if skip_from <= a.num_start < skip_until:  # a number inside an event ("prior to Cycle 1 Day 1")
            i += 1
            continue
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        gap = text[a.end:b.num_start] if b else ""
        written = (a, b)
        if b and any(x.weeks_days and x.weeks_days[1] for x in written):
            a, b = replace(a), replace(b)  # the bounds in days, kept only if they make a range
            _in_days(a, b)
        if b and not a.window and not b.window:
            _share_alternatives(text, a, b)
            _mixed_unit_bounds(g, text, a, b)
            _mixed_measure_bounds(g, text, a, b)
        if b and a.comparator in ("<", "<=") and b.comparator is None and a.unit is None and (b.unit or b.reference) \
                and not (a.reference or a.window or b.window or a.pair or b.pair) \
                and _LOOSE_RANGE_GAP.fullmatch(gap) and a.value < b.value:
            # "expected survival time <48-72 hours": an upper bound written as a loose range, the
            # range's high end the bound (a sign before a range's low end bounds the range from
            # above; the low end alone, with no unit, would bound nothing stated)
            atoms[i + 1] = replace(b, start=a.start, comparator=a.comparator, pre_end=a.pre_end,
                                   rules=a.rules + b.rules + ["range.loose_upper"])
            i += 1
            continue
        if b and _bare_count_range(text, a, b):
            counted = _plain_counted_noun(text, b.end, qualified=True)
            if counted and _QUALIFIED_END.match(text, counted[0]) and counted[1]["text"] != "criteria":
                # "Averaging 2-6 headaches per day": the thing a range of whole numbers counts,
                # named after its high end, as after a bound's number ("at least 2 headaches")
                b = replace(b, rules=list(b.rules))
                _count_unit(text, b, counted, words, "unit.count_noun.range")
        # between X and Y / X-Y / X to Y; with strict or explicit bounds "6 to <24 months",
        # "≥ 18 and ≤ 65 years", "at least one prior line and no more than four"
        kind = _range_kind(g, text, a, b) if b and not a.window and not a.pair and not b.pair else None
        if kind == "around":  # "100 < X < 200": the first number is X's low bound, by the sign after it
            a = replace(a, comparator=around_sign(text, a, b), rules=a.rules + ["range.around"])
        elif kind == "around_lost":  # "18.5 = BMI = 30": the range the lost signs bounded
            a = replace(a, comparator=">=", rules=a.rules + ["range.around_lost_signs"])
            b = replace(b, comparator="<=")
        elif kind == "lost_to":  # "= 18 to = 80 years": the range whose two signs were lost
            a = replace(a, comparator=None, rules=a.rules + ["range.lost_signs"])
            b = replace(b, comparator=None)
        if kind:
            reach = lookback(text, a.start, 20)   # ("between the age\n     of 18 and 65")
            bet = _BETWEEN.search(text[reach:a.start])
            # a lower bound "to" a plain number is one range ("aged >18 years to 99 years",
            # "Aged >=18 to 70 years"): the bound's sign says only whether the low end is in it
            from_ok = a.comparator in (None, "=") or bet or kind == "bounds" or (
                a.comparator in (">", ">=") and b.comparator in ("<", "<=", None))
            unit = b.unit or a.unit
            lead = text[lookback(text, a.start, 14):a.start]
            if from_ok and (a.unit is None or b.unit is None or a.unit["ucum"] == b.unit["ucum"]) \
                    and not (_SCHEDULE_WORDS.search(lead) and not (b.unit and _SCHEDULE_NOUN.search(lead))
                             and not (b.time_unit and _OPEN_BEFORE.search(text, max(0, a.start - 3), a.start))) \
                    and (a.value <= b.value or _by_magnitude(a, b) or _descending(text, a, b, gap)):
                start = a.start
                rules = a.rules + b.rules + ["range.between" if bet else "range.joined"]
                if bet:
                    start = reach + bet.start()
                fields = {"comparator": "between", "low": min(a.value, b.value), "high": max(a.value, b.value),
                          "unit": _unit_out(unit)}
                if a.value > b.value:
                    rules.append("range.negative_by_magnitude" if b.value < 0 else "range.descending")
                if a.comparator == ">" or b.comparator == "<":
                    fields.update(low_inclusive=a.comparator != ">", high_inclusive=b.comparator != "<")
                    rules.append("range.strict")
                ref = b.reference or a.reference
                fields["reference"] = ref
                tu = b.time_unit or a.time_unit
                end = b.end
                age = _is_age(text, Atom(start, end, a.num_start, b.num_end, b.value, time_unit=tu, unit=b.unit or a.unit,
                                         age=any(x.weeks_days and x.weeks_days[2] for x in (a, b))))
                if not age and ref is None and _restated_age(text, out, start, fields["low"], tu):
                    age = True
                    rules.append("age.restated")
                if tu:
                    # the bounds as ordered above (a range written by magnitude comes reversed)
                    fields["normalized"] = {"low": iso_duration(fields["low"], tu), "high": iso_duration(fields["high"], tu)}
                    window = a.window
                    # "within 2-7 days"; not "in the range of 18-65 years" (a range is no window)
                    if window is None and a.comparator is None and not (bet and "range" in bet.group().lower()):
                        win = _left_window(g, text, start, b.unit["span"][1] if b.unit else None)
                        if win:
                            start, window = win
                            rules.append(window["id"])
                    span_atom = Atom(start, end, a.num_start, b.num_end, a.value, window=window, time_unit=tu)
                    limit2 = atoms[i + 2].start if i + 2 < len(atoms) else len(text)
                    _time_or_duration(g, text, span_atom, limit2, age, fields, rules)
                c = _constraint(text, start, end, rules, **fields)
                if a.warnings or b.warnings:
                    c["_warnings"] = a.warnings + b.warnings
                if age:
                    c["_age"] = _age_kind(text, end, a, b)
                    _implied_years(c)
                out.append(c)
                i += 2
                continue
        a, b = written
        # alternatives whose counted thing or unit is written once, after the last: "one or two
        # oral drugs", "1 or 2 prior lines", "Doses of 50, 100 or 200 mg"
        run = _enumeration(text, atoms, i) if b else 0
        if run:
            listed = atoms[i:i + run]
            last = listed[-1]
            fields = {"comparator": "in", "values": [x.value for x in listed], "unit": _unit_out(last.unit),
                      "reference": None}
            out.append(_constraint(text, a.start, last.end, [r for x in listed for r in x.rules]
                                   + ["enum.count" if _is_count(last) else "enum.unit"], **fields))
            i += run
            continue
        if b and "cmp.post.plus.score" in b.rules:  # the scores written with a glued plus ("3+")
            if a.comparator is None and a.unit is None and a.reference is None and not a.window \
                    and a.value is not None and 0 <= a.value < b.value and _SCORE_RANGE_GAP.fullmatch(text, a.end, b.num_start):
                # "0-2+ staining by IHC", "(2-3+ by immunochemistry)": a range of the score's levels
                out.append(_constraint(text, a.start, b.end, a.rules + b.rules + ["range.score"], comparator="between",
                                       low=a.value, high=b.value, unit=None, reference=None))
                i += 2
                continue
            scores = _score_run(text, atoms, i)
            if scores > 1:
                # "2+ or 3+ by IHC", "Enlarged tonsils (3+ and 4+)": the levels of one score named
                listed = atoms[i:i + scores]
                out.append(_constraint(text, a.start, listed[-1].end, [r for x in listed for r in x.rules]
                                       + ["enum.score"], comparator="in", values=[x.value for x in listed],
                                       unit=None, reference=None))
                i += scores
                continue
        if b and a.comparator == "=" and b.comparator is None and a.unit is None and b.unit is None \
                and a.reference is None and b.reference is None and not a.window and not b.window \
                and not a.pair and not b.pair and not a.among and not b.among \
                and _EQ_OR_GAP.fullmatch(text, a.end, b.num_start):
            # "ECOG Performance Status equal to 3 or 4", "ECOG = 3 or 4": one of the values named
            c = _constraint(text, a.start, b.end, a.rules + b.rules + ["enum.eq_or"],
                            comparator="in", values=[a.value, b.value], unit=None, reference=None)
            if a.warnings:
                c["_warnings"] = a.warnings
            out.append(c)
            i += 2
            continue
        marked = a.comparator or a.unit or a.reference or a.among
        if not marked:
            i += 1
            continue
        if a.unit is None and a.reference is None and (
                _CLOCK_AFTER.match(text, a.num_end)
                or isinstance(a.value, int) and 0 <= a.value <= 24 and _CLOCK_24_AFTER.match(text, a.num_end)):
            # "not later than 8 pm", "at least 10:00 am", "later than 11:20": a time of day
            # (ignored, as the accounting of numbers names it), no bound of the hour alone
            i += 1
            continue
        if a.time_unit and a.comparator is None and a.window is None and _EVERY_BEFORE.search(text, lookback(text, a.start, 8), a.start):
            i += 1  # "300 mg every 4 weeks", "2 doses per 24 hours": a regimen's period, not a span (ignored: schedule)
            continue
        if a.time_unit and study_period(text, a.window, a.start, a.end):
            i += 1  # "during the 16 week treatment period": the study's own period, no bound (ignored: schedule)
            continue
        # "24 hour urine", "28 day cycle": a singular time unit after a bare number is a qualifier.
        qualifier = PERIOD_ONLY in a.rules or a.time_unit and a.comparator is None and a.window is None \
            and a.value != 1 and not a.age \
            and a.unit["text"].lower() in _SINGULAR_TIME and not g.relation.match(text, a.end) \
            and not span_noun_at(text, a.unit["span"][1]) \
            and not (_CLAUSE_END.match(text, a.end) and _FOR_BEFORE.search(text, lookback(text, a.start, 30), a.start)) \
            and not _horizon_is("subject", text, a.num_start, a.unit["span"][1])
        period = lasting_period(text, words, a.num_start, a.unit["span"], a.time_unit) if qualifier else None
        if qualifier and period is None:
            # ("antibiotics for 72h, except ..." is how long they ran: no noun follows; "180 day
            # survival" is a survival horizon, a value; "a 12 week exercise program" is how long
            # the program lasts, read below)
            i += 1
            continue
        if a.time_unit == "h" and a.comparator is None and a.window is None \
                and accounting.pattern("name.timed_test").match(text, a.num_start) \
                and not _FOR_BEFORE.search(text, lookback(text, a.start, 30), a.start):
            # "24 hours urine", "24 hours holter", "24 hours proteinuria": a plural span right
            # before the test it names is that test's name as well (ignored: name); after "for"
            # it is how long ("symptoms for 48 hours urinary retention")
            i += 1
            continue
        if a.time_unit and a.comparator is None and a.window is None and not a.age \
                and _horizon_is("name", text, a.num_start, a.unit["span"][1]):
            i += 1  # "expected 1 year survival > 50%", "3 months survival rate": a name (ignored)
            continue
        if a.time_unit and a.comparator is None and a.window is None \
                and accounting.pattern("name.rate_horizon").match(text, a.num_start):
            i += 1  # "less than 50% survival rate at 1 year": when the rate is taken (ignored: name)
            continue
        fields: dict[str, Any] = {"comparator": a.comparator or "=", "value": a.value,
                                  "unit": _unit_out(a.unit), "reference": a.reference}
        rules = list(a.rules)
        if a.comparator is None:
            rules.append("cmp.implicit.eq")
        age = _is_age(text, a)
        if not age and a.comparator and (a.unit is None or a.time_unit == "a") and a.reference is None and 0 < a.value <= 120 \
                and out and out[-1].get("_age") and out[-1]["span"][1] <= a.start \
                and _AGE_BOUND_GAP.fullmatch(text, out[-1]["span"][1], a.start):
            # "age <18 or >80", "age ≥ 18 and ≤ 65", "age 20 or older and younger than 85", "Aged ≥ 4
            # and < 7 years": the second bound of an age is an age too
            age = True
            rules.append("age.second_bound")
        elif not age and a.reference is None and _restated_age(text, out, a.start, a.value, a.time_unit):
            age = True
            rules.append("age.restated")
        if a.time_unit:
            fields["normalized"] = {"duration": iso_duration(a.value, a.time_unit)}
            tf = _time_or_duration(g, text, a, len(text), age, fields, rules)
            if fields.get("type") == "duration" and "time.duration" in rules:
                _period_duration(text, words, a, fields, rules, period)
            if qualifier and "time.duration.period" not in rules:
                i += 1  # a qualifier is read as a period's duration or not at all ("limit survival
                continue  # during 2 year follow-up period" is no value of the survival)
            if tf and tf.get("event"):
                # only the event's own numbers: an alternative span may stand before it
                # ("within 30 days or 5 half-lives prior to screening")
                skip_from, skip_until = tf["event"]["span"]
        elif a.unit and a.unit["ucum"] == "{half_lives}" and a.comparator is None \
                and (window := _half_lives_window(text, a.start, out)) is not None:
            # the window's bound holds for the half-lives too; a value, as the contract's time
            # units do not hold half-lives
            fields["comparator"] = window["comparator"]
            rules = [r for r in rules if r != "cmp.implicit.eq"] + ["cmp.shared"]
        c = _constraint(text, a.start, a.end, rules, **fields)
        if a.warnings:
            c["_warnings"] = a.warnings
        if age and fields.get("type") is None:
            c["_age"] = _age_kind(text, a.end, a)
            _implied_years(c)
        # "< 0.26 or > 1.65": alternatives, the criterion holds when either does.
        if out and _OR.match(text[out[-1]["span"][1]:a.start]) and a.comparator and \
                out[-1].get("comparator") in BOUNDS and out[-1]["span"][1] <= a.start:
            logic = "any"
        out.append(c)
        if a.pair and a.pair["scale_length"]:  # "≥ 40/100 mm on a VAS": no second value
            c["rules"] = [r for r in c["rules"] if r != "pair.slash"] + ["scale.out_of"]
        elif a.pair:  # "> 150/90 mmHg": one constraint per number, each with the comparator and unit
            second = dict(c, value=a.pair["value"], rules=[r for r in c["rules"] if r != "pair.slash"] + ["pair.second"])
            second["unit"] = dict(c["unit"], **({"span": list(c["unit"]["span"])} if "span" in c["unit"] else {})) \
                if c["unit"] else None
            ps, pe = a.pair["start"], c["span"][1]
            second.update(text=text[ps:pe], span=[ps, pe])
            second.pop("normalized", None)
            second.pop("_warnings", None)  # said once, with the first
            out.append(second)
        i += 1
    if implicit:
        out.extend(_implicit_windows(g, text, out))
    # Relative thresholds with no number: "≥ LLN", "above the upper limit of normal" (value 1:
    # the reference itself). Tried around each reference hint, with the cue read leftwards.
    if bare_refs:
        out.extend(_bare_references(g, text, low, out))
    out = [c for c in out if not _defines_scale(text, c)]
    out = _drop_conversion_notes(text, out)
    _shared_reference(text, out)
    _normal_limits(text, out)
    _from_birth(text, out)
    _from_age(text, out)
    out.extend(acuity_found)
    out.sort(key=lambda c: c["span"][0])
    if len(out) > 1:
        _share_windows(g, text, out)
        share_bounds(text, out)
        share_anchor(text, out)
        share_anchor_back(text, out)
        share_anchor_ahead(text, out)
        share_anchor_bounds(text, out)
        share_anchor_list(text, out)
        _share_restated(text, out)
        _span_bounds(text, out)
        _shared_dose_period(text, out)
    afterwards_anchor(text, out)
    if len(out) > 1:
        subject_past_other_span(text, out)
        windows_before_colon(text, out)
    if both_sides(g, text, words, out, masked):
        logic = "any"  # "between 7 days before and 30 days after surgery": one side or the other
    return out, logic


# two whole numbers joined by a hyphen or "to", the low one first ("2-6", "1 to 3"); after
# "between" also by "and", and in either order ("between 1 and 3 levels", "between 80 to 24
# letters": the word says the two are a range's ends)
_COUNT_RANGE_GAP = re.compile(r"\s*(?:[-–]|to)\s*", re.IGNORECASE)
_BETWEEN_COUNT_GAP = re.compile(r"\s*(?:[-–]|to|and)\s*", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"(?<![\w-])between\s+$", re.IGNORECASE)


def _bare_count_range(text: str, a: Atom, b: Atom) -> bool:
    """Whether a and b are a range of whole numbers with nothing of their own (no sign, unit,
    reference, window, pair or count among), not the levels of a scale ("Grade 3-4 adverse
    events"): a plain noun after the high end may then name what the range counts."""
    if not (isinstance(a.value, int) and isinstance(b.value, int) and 0 <= min(a.value, b.value)
            and a.value != b.value
            and not any(x.comparator or x.unit or x.reference or x.window or x.pair or x.among or x.time_unit
                        for x in (a, b))
            and not _SCALE_WORD_BEFORE.search(text, lookback(text, a.start, 12), a.start)):
        return False
    if _BETWEEN_BEFORE.search(text, lookback(text, a.start, 9), a.start):
        return _BETWEEN_COUNT_GAP.fullmatch(text, a.end, b.start) is not None
    return a.value < b.value and _COUNT_RANGE_GAP.fullmatch(text, a.end, b.start) is not None


# "between the ages of birth and 18 years", "Age: Birth to 12 months": birth is the low bound
_FROM_BIRTH = re.compile(r"(?:(?<![\w-])between\s+(?:the\s+ages?\s+of\s+)?)?(?<![\w-])birth\s*(?:and|to|through|until|-|–)\s*$",
                         re.IGNORECASE)
_AGE_UNITS = frozenset({"a", "mo", "wk", "d"})


def _implicit_ages(out: list[dict]):
    """The values written with no comparator in an age's units, which a word before them bounds
    (_from_birth, _from_age)."""
    return (c for c in out if c["type"] == "value" and c.get("comparator") == "=" and "cmp.implicit.eq" in c["rules"]
            and c.get("unit") and c["unit"]["ucum"] in _AGE_UNITS)


def _from_birth(text: str, out: list[dict]) -> None:
    """An age written as its upper bound after "birth and" or "birth to" is a range from 0: "between
    the ages of birth and 18 years" is `between` 0 and 18 years, not an age of 18."""
    for c in _implicit_ages(out):
        m = _FROM_BIRTH.search(text, max(0, c["span"][0] - 40), c["span"][0])
        if m:
            end = c["span"][1]
            c.update(comparator="between", low=0, high=c.pop("value"), span=[m.start(), end], text=text[m.start():end])
            c["rules"] = [r for r in c["rules"] if r != "cmp.implicit.eq"] + ["range.from_birth"]


# "All ages from 16 years old", "Patients aged from 18 years": an age from which on, with no upper
# bound after it ("from 18 to 60 years" is a range, read before this), is the least age
_FROM_BEFORE = re.compile(r"(?<![\w-])from\s*$", re.IGNORECASE)
_RANGE_GOES_ON = re.compile(r"\s*(?:old\s*)?(?:to|until|till|through|and|-|–)(?![\w-])", re.IGNORECASE)


def _from_age(text: str, out: list[dict]) -> None:
    for c in _implicit_ages(out):
        if c.get("_age") is not True:
            continue
        m = _FROM_BEFORE.search(text, max(0, c["span"][0] - 8), c["span"][0])
        if m and not _RANGE_GOES_ON.match(text, c["span"][1]):
            start = m.start()
            c.update(comparator=">=", span=[start, c["span"][1]], text=text[start:c["span"][1]])
            c["rules"] = [r for r in c["rules"] if r != "cmp.implicit.eq"] + ["cmp.age.from"]


# the range or limits a normal's words name ("the institutional normal range", "the reference range")
_RANGE_WORDS = re.compile(r"(?:range|limits)\s*$", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"\s+(?:range|limits)(?![\w-])", re.IGNORECASE)


def _normal_limits(text: str, out: list[dict]) -> None:
    """The limit a `normal` reference bounds, where the text says which. A multiple of "normal"
    above one bounds the upper limit of normal: "< 2.5x normal", "no greater than 3 times normal",
    "> 2 times the normal value" are `ULN` (nothing but the upper limit can be multiplied so; for a
    FHIR or Circe consumer `normal` says no limit), and so is a bare "above normal" (value 1, >).
    Below a normal range or its limits is below its lower limit: "LVEF below the institutional
    normal range", "hemoglobin below the reference range" are `<` 1 `LLN`, as the registries gold
    reads them. A fraction of normal ("greater than 0.75 times normal"), a bare "below normal" and
    "at least normal" keep `normal`: the text does not say which limit; so does a percentage of
    the normal value ("at least 65% of normal")."""
    for c in out:
        if c.get("reference") != "normal" or c.get("comparator") in ("in", "between") \
                or "ref.percent_of_normal" in c.get("rules", ()):
            continue
        value, comparator = c.get("value"), c.get("comparator")
        if isinstance(value, (int, float)) and (value > 1 or value == 1 and comparator == ">"):
            c["reference"] = "ULN"
            c["rules"] = c.get("rules", []) + ["ref.normal_upper"]
        elif value == 1 and comparator == "<" and "ref.implicit.one" in c.get("rules", ()):
            after = _RANGE_AFTER.match(text, c["span"][1])
            if after or _RANGE_WORDS.search(c["text"]):
                if after:
                    c.update(span=[c["span"][0], after.end()], text=text[c["span"][0]:after.end()])
                c["reference"] = "LLN"
                c["rules"] = c.get("rules", []) + ["ref.normal_range_lower"]

