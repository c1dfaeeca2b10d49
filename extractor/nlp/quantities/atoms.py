"""Atoms: each number of a criterion read with its unit, comparator cue, reference, window cue and
rules, before find() pairs them into constraints."""
from __future__ import annotations

import re
from functools import lru_cache

from ...normalize.numbers import parse_number
from ...normalize.resources import load
from .. import accounting
from ..patterns import grammar, word_alternation
from ..windows import AND_A_HALF, bounded_lasting_windows, survival_horizon
from .periods import PERIOD_ONLY, lasting_period
from .common import (Atom, LEFT_WINDOW, _ALPHA_AFTER, _CLAUSE_END, _CLOCK_AFTER, _DATE_LIKE, _FOLD_AFTER,
                     _HALF_LIVES_AFTER, _HYPHEN_WORD, _MONTHS, _NOT_VALUE_BEFORE, _SINGULAR_TIME_UCUM, span_noun_at,
                     _SUSPENDED_FIRST, _SUSPENDED_RANGE, _relation_next, lookback)
from .cues import (_DAMAGED_GAP, _DOSE_UCUM, _UNSET, _cue_over_drug, _cue_warning, _lasting_bound, _left_cue,
                   _left_window, _post_cue, _reference_at, _reference_here)
from .units import (_ADJECTIVE_NUMBERS, _COUNT_AMONG, _FREQUENCY_WORDS, _GESTATION_AFTER, _MATCH_NEAR,
                    _NOT_AMONG_BEFORE, _RESTATED, _SCALE_WORD_BEFORE, _SLASH_AMONG, _WORD_CHAR, _adjacent_counts,
                    _bound_only_forms, _count_noun_before, _counted_noun, _dose_period, _frequency_period,
                    _glued_letters, _glued_unit, _intake_unit, _mass_per_24_hours, _mass_per_24_hours_before,
                    _one_only_forms, _pair_at, _paren_range, _per_period,
                    _plain_counted_noun, _QUALIFIED_END, _registry_age, _singular_counted_noun, _therapy_count,
                    _repeat_count, _repeat_near, _repeat_pattern, _time_ucum,
                    _unit_at, _weeks_and_days, _feet_and_inches)
from .candidates import _CLOSING, _candidates


# after a percentage, the normal value it is a share of ("65% of normal", "50% of the normal value
# for age"), not a noun that "normal" qualifies ("< 4% normal forms", "normal limits")
_PERCENT_OF_NORMAL = re.compile(r"\s*(?:of\s+)?(?:the\s+)?normal(?:\s+values?)?"
                                r"(?=\s*(?:\Z|[,;:.)\]]|(?:for|in|or|and|with|as|at|by|on|if)(?![\w-]))"
                                # (or a capital opening the next item of a flattened list: "DLCO at
                                # least 50% of normal No symptomatic obstructive ... disease")
                                r"|\s+(?-i:[A-Z]))", re.IGNORECASE)
_PERCENT_OF_LIMIT = re.compile(r"\s*of\s+(?:the\s+)?(?:institutional\s+)?(?P<side>lower|upper)\s+(?:limits?\s+of\s+(?:the\s+)?normal"
                               r"(?:\s+range)?|normal\s+limits?|range)(?:\s*\((?:LLN|ULN)\))?(?![\w-])", re.IGNORECASE)
# "minimum disease duration of 5 years": a bound word a few words before its number.
_AGE_OF = re.compile(r"\s*of\s+age\b", re.IGNORECASE)
# "within" before a lower bound of a span's length: "within a minimum of 6 weeks prior to study
# treatment", "within a period of at least 4 weeks" (the window's words before the bound's)
_WITHIN_BEFORE_BOUND = re.compile(r"(?<![\w-])within\s+(?:a\s+period\s+of\s+)?(?:a\s+)?$", re.IGNORECASE)
# "last" as a verb: after "to" or a modal ("expected to last", "should last", "will last")
_VERB_LAST_BEFORE = re.compile(r"(?<![\w-])(?:to|will|would|should|must|may|might|can|could|usually|typically)\s+$", re.IGNORECASE)
_BEFORE_AGE = re.compile(r"(?<![\w-])(?:(?:at\s+or\s+)?before|prior\s+to)\s+$", re.IGNORECASE)
_DISTANT_CUE = re.compile(r"(?<![\w])(?P<cue>minimum|maximum|minimal|maximal)(?!\s+(?:residual|change|invasive|access|lesion|risk)\b)\s+(?:[A-Za-z][\w\-]*\s+){1,3}(?:of|is|:|=)\s*$", re.IGNORECASE)


# Between a number and a one-letter unit: one space, or a line wrapped there ("100\n     F").
_LETTER_GAP = re.compile(r" |[ \t]*\n[ \t]*")
_TITER_BEFORE = re.compile(r"(?<![\d.,:])(1\s?:)\s?$")
_TITER_WORD = re.compile(r"\b(?:tit(?:er|re)s?|dilution|ANA|antibod(?:y|ies)|RPR|VDRL)\b", re.IGNORECASE)
_DOT_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_PER_VOLUME = frozenset({"/mm3", "/uL", "/mL"})


# A step of a study's schedule written before a number ("Cycle 1", "Day 1"), and a singular step
# word with its own number after it: "Cycle 1 Day 1" is a day of a cycle, not "1 day".
_SCHEDULE_BEFORE = re.compile(r"(?<![\w-])(?:cycles?|days?|weeks?|courses?)\s+$", re.IGNORECASE)
_SCHEDULE_STEP_BEFORE = re.compile(r"(?<![\w-])(?:day|cycle|course)\s+$", re.IGNORECASE)
_SCHEDULE_UNIT_AFTER = re.compile(r"\s(?:day|week|cycle|course)\s\d{1,3}(?!\d|[.,]\d)", re.IGNORECASE)


def _horizon_is(kind: str, text: str, start: int, end: int) -> bool:
    """Whether the span from `start` to its time unit ending at `end` is a survival horizon of
    `kind`: "subject", a value of the survival ("an anticipated 3-month survival"), or "name",
    part of the name of a measure whose value is written elsewhere ("expected 1 year survival >
    50%", "5-year survival rate")."""
    horizon = survival_horizon(text, start, end)
    return horizon is not None and kind in horizon


# A count's allowance after its counted thing, across a few words of the same clause ("1 prior
# regimen allowed", "is permitted", "one prior chemotherapy regimen in the adjuvant or metastatic
# setting allowed"), not across a word that opens another condition ("with", "but", "unless"...)
_ALLOWED_AFTER = re.compile(
    r"(?:\s+(?!(?:with|without|but|except|unless|if|and|required|needed|must|not|no)(?![\w-]))[A-Za-z][\w-]*){0,6}?"
    r"\s*(?:is\s+|are\s+)?(?:allowed|permitted)(?![\w-])", re.IGNORECASE)


# A hyphenated time unit in the plural is a span, never a qualifier of a noun, which takes the
# singular ("a 24-hour urine"): "18-years-of-age or older", "the 12-weeks of treatment",
# "2-years to 12-years".
_PLURAL_TIME = re.compile(r"years|yrs|months|mos|mths|weeks|wks|days|hours|hrs|minutes|mins", re.IGNORECASE)


# "and a half" between a whole number and its time unit ("two and a half years")
_AND_A_HALF_BEFORE_UNIT = re.compile(r"[\s-]and[\s-]a[\s-]half(?=[\s-])", re.IGNORECASE)
# digits restated in words in brackets before their unit ("18 (eighteen) years of age")
_RESTATED_WORD = re.compile(r"\s?\(\s?([A-Za-z][A-Za-z -]{1,30}?)\s?\)")


def _plural_span(text: str, num_start: int, start: int, end: int) -> bool:
    """Whether the time unit written at text[start:end] is a plural form, and its number not
    one of a test named by its length ("6-minutes walking distance" is the 6-minute walk)."""
    return _PLURAL_TIME.fullmatch(text, start, end) is not None \
        and not accounting.pattern("name.timed_test").match(text, num_start)


def _count_unit(text: str, atom: Atom, counted: tuple[int, dict], words: set[str], rule: str) -> None:
    """Give `atom` the count unit `counted` ((end, unit dict)), read as a rate where a period
    follows it ("1-3 bolus insulin injections per day": the count per day)."""
    atom.end, atom.unit = counted
    atom.rules.append(rule)
    rate = _per_period(text, counted[0], counted[1]["ucum"], words)
    if rate:
        atom.end = rate[0]
        atom.unit = dict(counted[1], text=text[counted[1]["span"][0]:rate[0]],
                         span=[counted[1]["span"][0], rate[0]], ucum=rate[1])
        atom.rules.append("unit.per_period")


def _repeat_unit(text: str, atom: Atom, m: re.Match) -> None:
    """A count of repeated measurements counts them: the noun is its unit ("2 consecutive
    measurements" {measurements}, "3 separate determinations" {determinations}, "3 rising PSA
    values" {values}), as the registries gold writes it, so that no reader takes the count for a
    value of the measure ("at least 3 fasting fingerstick glucose measurements/week" is no
    glucose of 3). `m`: the repeat noun's match after the count."""
    noun = m.group().split()[-1]
    start = m.end() - len(noun)
    atom.unit = {"text": noun, "span": [start, m.end()], "ucum": "{" + _repeat_nouns().get(noun.lower(), noun) + "}"}
    atom.end = max(atom.end, m.end())
    atom.rules.append("unit.repeat_noun")
    rate = _per_period(text, m.end(), atom.unit["ucum"])
    if rate:  # "3 fasting fingerstick glucose measurements/week": so many a week
        atom.end = rate[0]
        atom.unit = dict(atom.unit, text=text[start:rate[0]], span=[start, rate[0]], ucum=rate[1])
        atom.rules.append("unit.per_period")


@lru_cache(maxsize=1)
def _repeat_nouns() -> dict[str, str]:
    """models/units.json 'repeat_nouns' by their lower-cased form: the form a count unit keeps."""
    return {n.lower(): n for n in load("units").get("repeat_nouns", [])}


# the words of a criterion about phones or networks, where a generation glued to its digit ("3G",
# "5G": models/numbers.json 'name.network_generation') is no mass in grams
_NETWORK_WORDS = re.compile(r"(?<![\w-])(?:phones?|smartphones?|mobile|cellular|networks?|connections?|connectivity|"
                            r"internet|wi-?fi|wireless|LTE|data plan)(?![\w-])", re.IGNORECASE)
_PRIOR_NEXT = re.compile(r"\s+(?:prior|previous)\s", re.IGNORECASE)
# a study's or protocol's number, two groups of digits joined by a hyphen ("Study 195-301",
# "protocol 97-0695"), is no range
_STUDY_BEFORE = re.compile(r"(?<![\w-])(?:study|protocol|protocols|trial)\s*(?:#\s*)?$", re.IGNORECASE)
_STUDY_NUMBER = re.compile(r"\d+\s?-\s?\d+(?![\w%]|\.\d)")
_SYSTEM_VERSION_BEFORE = re.compile(r"(?<![\w-])(?:ios|android|(?<=\()os\)|(?:android|with)\s+os)\)?\s*$", re.IGNORECASE)
_WHICH_ONE_BEFORE = re.compile(r"(?<![\w-])(?:any|each|every|no|the|this|that)\s+$", re.IGNORECASE)


def _atoms(text: str, masked: list[tuple[int, int]], words: set[str]) -> list[Atom]:
    g = grammar()
    atoms: list[Atom] = []
    consumed = 0
    for m in _candidates(g, text, words):
        s, e = m.span()
        if s < consumed or any(a <= s < b for a, b in masked):
            continue
        raw = m.group()
        is_word = m.group("word") is not None
        value = parse_number(raw)
        if value is None:
            continue
        rules = ["num.word" if is_word else "num.digits"]
        if is_word:  # "three (3) days": the digits restate the word; the unit follows them
            restated = _RESTATED.match(text, e)
            if restated and parse_number(restated.group(1)) == value:
                e = restated.end()
                rules.append("num.restated")
        elif text[e:e + 1] == "(" or text[e:e + 2] == " (":  # "12 (twelve) months": the word restates the digits
            restated = _RESTATED_WORD.match(text, e)
            if restated and parse_number(restated.group(1)) == value:
                e = restated.end()
                rules.append("num.restated")
        if text[e:e + 5].lower() in (" and ", "-and-") and isinstance(value, int):
            half = _AND_A_HALF_BEFORE_UNIT.match(text, e)
            half_unit = _unit_at(g, text, half.end()) if half else None
            if half_unit and half_unit[2] or half and _reference_here(g, text, half.end() + 1):
                # "two and a half years", "1 and a half months": half a unit more, one number;
                # "more than two and a half times above the upper limits of normal": 2.5 x ULN
                value, e = value + 0.5, half.end()
                rules.append("num.and_a_half")
        nxt = text[e:e + 2]
        # Glued letters that are not a unit: ordinals, gene names, "17p".
        if _SCHEDULE_UNIT_AFTER.match(text, e) and _SCHEDULE_BEFORE.search(text, lookback(text, s, 10), s):
            continue  # "Cycle 1 Day 1", "Day 1 Cycle 1": two steps of the schedule, no span of one day
        unit = _unit_at(g, text, e)
        if unit and unit[2] is None and (unit[1]["ucum"] or "").startswith("{") and (
                _SCALE_WORD_BEFORE.search(text, lookback(text, s, 12), s)
                or "/" not in unit[1]["ucum"] and _SCHEDULE_STEP_BEFORE.search(text, lookback(text, s, 8), s)):
            # "Grade 3 tumors", "stage 2 lesions": the number is a grade of what follows, no count;
            # "the day 0 chemotherapy regimen", "Cycle 2 treatment": a step of the schedule
            unit = None
        if unit and value != 1 and unit[1]["text"].lower() in _one_only_forms():
            unit = None  # "2 dose reductions", "MMSE <26 dose not ...": a singular form counts one only
        if is_word and value == 1 and unit and (unit[1]["ucum"] or "").startswith("{") \
                and _WHICH_ONE_BEFORE.search(text, lookback(text, s, 8), s):
            continue  # "the dose to any one lesion does not exceed": which one, not how many
        if not unit and is_word and raw.lower() in _FREQUENCY_WORDS:
            unit = _frequency_period(g, text, s, e)
            if unit:
                rules.append("unit.frequency_period")
        if m.group("sign") and (unit and unit[2] == "a" or s > 0 and text[s - 1] in "-−"):
            # "Age -18 years", "aged 18 years (including) -70 years", "(TZDs)--30 mg/day": a dash
            # set before the number, not a minus (no age or span of years is negative)
            s, value = s + 1, -value
            rules.append("num.dash_not_minus")
        paren = _paren_range(g, text, s, e) if not unit and (nxt[:1] == ")" or text[s - 1:s] == "(") else None
        opens = s
        if paren:  # "(16-24) weeks": the range in parentheses, its unit after them (on the high bound)
            opens, unit = paren
        age_end = None
        if not unit and nxt[:1] in "(a" and nxt:
            unit, age_end = _registry_age(g, text, e)
        weeks_days = _weeks_and_days(text, e, value) if nxt[:1] in " +" else None
        if weeks_days:  # "24 + 0 weeks", "23 0/7 weeks", "23 weeks 6 days": a gestational age
            unit, value = weeks_days[:2]
            rules.append("unit.weeks_days")
            if unit is None:
                e = weeks_days[2]
        if (unit and unit[1]["ucum"] == "[ft_i]" or not unit and nxt[:1] in "'′") \
                and (feet_inches := _feet_and_inches(text, e, value)):
            unit, value = feet_inches  # "6 feet 4 inches", "6' 3\"": 76 [in_i], one number
            rules.append("unit.feet_inches")
        if not unit and nxt[:1] in _glued_letters() and not _WORD_CHAR.match(text, e + 1):
            unit = _glued_unit(text, e, value)  # "38.0C", "100.4F"
        elif not unit and nxt[:1] in (" ", "\n") and (gap := _LETTER_GAP.match(text, e).end()) < len(text) \
                and text[gap] in _glued_letters() and not _WORD_CHAR.match(text, gap + 1) \
                and not text[max(0, s - 2):s].strip().endswith("/"):
            # "temperature above 101 F", in the same range, and "temperature >100\n     F" where a
            # line wraps before the letter; not a restatement after a slash ("37.5 C/ 99.5 F": the
            # accounting's)
            unit = _glued_unit(text, gap, value)
        # "SpO2 = %93": a percent sign written before the number, as some registries' exports
        # do, is its unit when a comparator stands right before the sign
        lead_pct = not unit and text[s - 1:s] == "%" and s > 1 and not text[s - 2].isalnum() \
            and not nxt[:1].isalnum() and nxt[:1] != "%" and bool(_left_cue(g, text, s - 1))
        if lead_pct:
            unit = (e, {"text": "%", "span": [s - 1, s], "ucum": "%"}, None)
            rules.append("unit.percent_before")
        # "ANA > 1:160", "titer >= 1:80": a titer after a comparator, its dilution's denominator
        # the value ("1:" its unit, written before it); not a clock time ("before 1:30 am")
        titer = _TITER_BEFORE.search(text, max(0, s - 5), s) if not unit and text[s - 2:s].strip()[-1:] == ":" \
            and isinstance(value, int) and value >= 2 and not nxt[:1].isalnum() and nxt[:1] != ":" else None
        if titer and (_CLOCK_AFTER.match(text, e) or not _left_cue(g, text, titer.start())
                      or value < 16 and not _TITER_WORD.search(text, max(0, titer.start() - 60), titer.start())):
            titer = None  # "a ratio of at least 1:2" is no titer
        if titer:
            unit = (e, {"text": titer.group(1), "span": list(titer.span(1)), "ucum": "{titer}"}, None)
            rules.append("unit.titer")
            if atoms and atoms[-1].num_start == titer.start():
                atoms.pop()  # the "1" of the dilution
        if nxt[:1] and _ALPHA_AFTER.match(nxt[:1]) and not unit and not age_end and not _reference_here(g, text, e):
            continue
        # "24-hour urine", "28-day cycle", "5-fluorouracil": a number hyphenated to a word is a
        # qualifier, unless a cue makes the hyphenated duration a window ("within the past 12-month period").
        # "2.5-fold ULN": a hyphenated multiplier of a reference is the threshold, not a qualifier.
        hyphenated = bool(_HYPHEN_WORD.match(text, e)) and not _reference_here(g, text, e)
        # "greater than four-fold (increase in MYCN signal)": a ratio with nothing named that it
        # multiplies; the number with its 'fold', no unit and no reference (CONTRACT: reference null)
        fold = _FOLD_AFTER.match(text, e) if hyphenated else None
        if fold:
            hyphenated = False
        if hyphenated and _HALF_LIVES_AFTER.match(text, e):
            hyphenated = False  # "within 5-half lives or 30 days": a count of half-lives (units.json forms)
        if hyphenated and _SUSPENDED_FIRST.match(text, e) and _SUSPENDED_RANGE.search(text, max(0, s - 30), _SUSPENDED_FIRST.match(text, e).end()):
            hyphenated = False  # "between 18- and 65-years": the first bound, its unit written on the second
        if hyphenated and not unit and text[e + 1:e + 2] in "lL":
            counted = _unit_at(g, text, e + 1)
            if counted and counted[1]["text"].lower() in _adjacent_counts():
                unit, hyphenated = counted, False  # "1- or 2-level surgery", "1-level": how many levels
        if hyphenated:
            tm = g.time_unit.match(text, e + 1)
            if not tm:
                continue
            if not (_plural_span(text, s, e + 1, tm.end()) or _left_cue(g, text, s)
                    or _left_window(g, text, s, tm.end()) or span_noun_at(text, tm.end())
                    or text[tm.end() - 3:tm.end()].lower() == "old"
                    or _relation_next(g, text, tm.end())
                    or _SUSPENDED_RANGE.search(text, lookback(text, s, 40), s)
                    and (text[tm.end() - 1:tm.end()].lower() == "s" or _CLAUSE_END.match(text, tm.end()))
                    or _horizon_is("subject", text, s, tm.end())):
                if is_word or lasting_period(text, words, s, (e + 1, tm.end()), _time_ucum(g, text[e + 1:tm.end()])) is None:
                    continue
                # "a 2-week run-in period": how long the period lasts (periods.py), the only
                # reading such a qualifier is given (quantities/finder.py drops it otherwise);
                # a number word in a compound is no number ("Thirty one-hour sessions": accounting.py)
                rules.append(PERIOD_ONLY)
            written = text[e + 1:tm.end()]
            unit = (tm.end(), {"text": written, "span": [e + 1, tm.end()],
                               "ucum": _time_ucum(g, written)}, _time_ucum(g, written))
        # one string for both tests: lower-cased once (patterns._lowered); across a wrapped
        # line's break, the words before it ("version\n     14": common.lookback)
        left12 = text[lookback(text, s, 12):s]
        # Both patterns end in a word (then spaces, a point or a hyphen): tried only where a
        # letter or a point is the last character before them.
        last = left12.rstrip()[-1:]
        if _DATE_LIKE.match(text[s:s + 10]) or (last.isalpha() or last == ".") and _MONTHS.search(left12):
            if not unit:
                continue
        if (last.isalpha() or last == "-") and _NOT_VALUE_BEFORE.search(left12):
            continue
        if not unit and (last.isalpha() or last == ")") and _SYSTEM_VERSION_BEFORE.search(left12):
            continue  # "an iPhone operating system (iOS) 14 or later": the system's version
        if not unit and (last.isalpha() or last == "#") and _STUDY_BEFORE.search(left12) \
                and (number := _STUDY_NUMBER.match(text, s)) and _unit_at(g, text, number.end()) is None:
            continue  # "has completed Keryx Study 101-301", "protocol # 05-102": a study's number
        if unit and text[e:e + 1] == "G" and accounting.pattern("name.network_generation").match(text, s) \
                and _NETWORK_WORDS.search(text):
            continue  # "a mobile phone with 3G connection", "smartphone with 5G": a network's generation
        if text[e:e + 1] in ("/", " ") and ("HIV" in (name_lead := text[max(0, s - 6):s]) or "HTLV" in name_lead):
            virus = accounting.pattern("name.virus_types").search(text, max(0, s - 6), min(len(text), e + 10))
            if virus and virus.start() < s < virus.end():
                continue  # "Negative HIV 1/2 antibody/antigen test": the virus's types, no antigens matched
        pair = _pair_at(g, text, s, e, value) if not unit and text[e:e + 3].lstrip()[:1] == "/" else None
        if pair:
            unit = pair[1]
        out_of = _OUT_OF.match(text, e) if not pair and not unit and text[e:e + 3].lstrip()[:1] == "/" else None
        among = _SLASH_AMONG.match(text, e) if not pair and not unit and text[e:e + 1] == "/" else None
        if among and not (isinstance(value, int) and value <= int(among.group(1)) <= 12
                          and _MATCH_NEAR.search(text, max(0, s - 40), min(len(text), among.end() + 25))):
            among = None
        if among:  # "HLA 6/6 or 5/6 matched": matched antigens of those typed
            out_of = None
        elif out_of and not (value < int(out_of.group(1)) and (_SCORE_BEFORE.search(text, lookback(text, s, 40), s)
                                                            or _PAIN_AFTER.match(text, out_of.end()))):
            out_of = None
        if not among and not unit and not pair and text[e:e + 1] in (" ", "\n") and isinstance(value, int):
            among = _COUNT_AMONG.match(text, e)
            if among and not (value <= (parse_number(among.group(1)) or 0) <= 100) \
                    or among and _NOT_AMONG_BEFORE.search(text, lookback(text, s, 12), s):
                among = None
        # (a counted day needs the word "day" among the criterion's letter words: most have none)
        day = _day_ordinal(g, text, s, e) if "day" in words and not (unit or pair or among or out_of or is_word) else None
        if day:  # "within the end of day 3 after surgery": the day word is the unit, in days
            unit = (e, {"text": text[day[1]:day[2]], "span": [day[1], day[2]], "ucum": "d"}, "d")
        atom = Atom(start=opens, end=e, num_start=s, num_end=e, value=value, rules=rules)
        if weeks_days:
            atom.weeks_days = weeks_days[3]
            if weeks_days[3][2] and unit is not None:  # "36+6 weeks": an age (no unit: a range's bound)
                atom.age = True
        if fold:
            atom.end = fold.end()
            atom.rules.append("num.fold")
        win_at_s = _UNSET  # _left_window(g, text, s) once asked
        if age_end:
            atom.end, atom.age = age_end, True
            atom.rules.append("age.registry_form")
        if pair:
            atom.pair = pair[0]
            atom.rules.append("pair.slash")
            if unit is None:
                atom.end = pair[0]["end"]
        if not among and not unit and not pair and text[e:e + 1] in (" ", "\n") and isinstance(value, int) \
                and value > 1 and _repeat_near(text, e, words):
            among = _repeat_count(text, e)  # "on 2 consecutive measurements": a count of repeats
        if among and value == 1 and not _left_cue(g, text, s) and not _MATCH_NEAR.search(text, e, e + 40):
            among = None  # "admission to 1 of 12 participating ICUs" says which, not how many
        repeats = among if among and among.re is _repeat_pattern() else None
        if repeats:
            atom.among = value
            atom.rules.append("count.repeats")
        elif among:  # "at least 4 of 6", "6 out of 6 HLA A, B, and DR match": a count among so many
            atom.end, atom.among = among.end(), parse_number(among.group(1))
            atom.rules.append("count.among")
        if out_of:  # "score ≥ 30/100": the value out of the scale's maximum
            atom.end = out_of.end()
            atom.rules.append("scale.out_of")
        if unit:
            end, udict, tucum = unit
            atom.unit, atom.time_unit, atom.end = udict, tucum, end
            atom.rules.append("unit.time" if tucum else "unit.form")
            half = AND_A_HALF.match(text, end) if tucum and not pair else None
            if half:  # "3 months and a half after the last dose": half a unit more
                atom.value += 0.5
                atom.end = end = half.end()
                atom.rules.append("num.and_a_half")
            win_at_s = _left_window(g, text, s, end)
            rate = _per_period(text, end, udict["ucum"], words) if not pair and not win_at_s else None
            if rate is None and not pair:  # "≤ 1g of protein in 24 hours"
                rate = _mass_per_24_hours(text, end, udict["ucum"])
            if rate:  # "60g of pure alcohol per day", "30 min moderate exercise per week"
                atom.end = rate[0]
                atom.unit = {"text": text[udict["span"][0]:rate[0]], "span": [udict["span"][0], rate[0]], "ucum": rate[1]}
                atom.time_unit = None
                atom.rules.append("unit.per_period")
            elif not tucum and not pair and (period := _dose_period(text, s, udict["ucum"])):
                # "daily doses of 10mg": the period is written before the amount; the unit's
                # text stays the written unit, its code the dose per period (CONTRACT)
                atom.unit = dict(udict, ucum=f"{udict['ucum']}/{period}")
                atom.rules.append("unit.dose_period")
            elif not tucum and not pair and _mass_per_24_hours_before(text, s, udict["ucum"]):
                # "24-hour urine protein ≥ 1.0g": per the 24 hours the measure's name gives
                atom.unit = dict(udict, ucum=f"{udict['ucum']}/(24.h)")
                atom.rules.append("unit.collection_period")
        if unit and unit[1]["ucum"] in _PER_VOLUME and _DOT_THOUSANDS.fullmatch(raw):
            # "100.000/mm3", "1.500/mmc": a dot groups thousands, as European records write a
            # count per volume (1.5 cells per mm3 is no count)
            atom.value = int(raw.replace(".", ""))
            atom.rules.append("num.dot_thousands")
        countable = not (is_word and raw.lower().split()[-1] in _ADJECTIVE_NUMBERS)
        intake = _intake_unit(text, s, e, words) if not unit and countable else None
        if intake:  # "an average weekly intake of greater than 21 units": {units}/wk
            atom.end, atom.unit = intake
            atom.rules.append("unit.intake_period")
        elif not unit and countable and not _reference_here(g, text, e) \
                and not _SCALE_WORD_BEFORE.search(text, lookback(text, s, 12), s) \
                and not _SCHEDULE_STEP_BEFORE.search(text, lookback(text, s, 8), s):
            counted = _counted_noun(g, text, e, words)  # "4 different drug regimens": {lines}
            if counted and value != 1 and counted[1]["text"].lower() in _one_only_forms():
                counted = None  # "2 dose reductions": a singular form counts one only
            if counted:  # "4 different drug regimens", "1-3 bolus insulin injections per day"
                _count_unit(text, atom, counted, words, "unit.count_noun")
        ref = _reference_at(g, text, atom.end if not unit else e)
        if ref and not atom.time_unit:
            atom.reference, atom.end = ref[1], ref[0]
            atom.unit = None if atom.unit and atom.unit["ucum"] in ("{episodes}",) else atom.unit
            atom.rules.append("ref." + ref[1].lower())
            ref_comparator = ref[2]
        else:
            ref_comparator = None
            if atom.unit and atom.unit["ucum"] == "%" and (of_normal := _PERCENT_OF_NORMAL.match(text, atom.end)):
                # "VC at least 65% of normal", "greater than 50% normal": a share of the normal
                # value, which the percentage multiplies (not of a predicted value: no reference)
                atom.reference, atom.end = "normal", of_normal.end()
                atom.rules.append("ref.percent_of_normal")
            elif atom.unit and atom.unit["ucum"] == "%" and (of_limit := _PERCENT_OF_LIMIT.match(text, atom.end)):
                # "Albumin greater than 75 percent of the lower limit of normal", "a level greater
                # than 50% of the upper limit of normal": a share of that limit
                atom.reference, atom.end = ("LLN" if of_limit.group("side").lower() == "lower" else "ULN"), of_limit.end()
                atom.rules.append("ref.percent_of_limit")
        cue = _left_cue(g, text, s - 1 if lead_pct else titer.start() if titer else s)
        if day:
            cue = (day[0], day[3], "time.day_ordinal")
        if not cue and atom.unit and atom.unit["ucum"].split("/")[0] in _DOSE_UCUM:
            cue = _cue_over_drug(g, text, s)
        damaged = _DAMAGED_GAP.search(text, max(0, s - 5), s) if not cue and text[s - 1:s] in "? " else None
        if damaged:
            cue = _left_cue(g, text, damaged.start())
        if cue:
            atom.start, atom.comparator, rid = cue
            atom.pre_end = s
            atom.rules.append(rid)
            warning = _cue_warning(g, text, atom.start, s, rid)
            if warning:
                atom.warnings.append(warning)
            if damaged:
                atom.rules.append("cmp.damaged.gap")
                atom.warnings.append({"text": damaged.group(1), "span": list(damaged.span(1)),
                                      "message": "a character damaged by a registry export ('â??', UTF-8 read as "
                                                 "Latin-1) between a comparator and its number: read as a space",
                                      "rule": "cmp.damaged.gap"})
            if atom.unit is None and atom.reference is None and atom.end == e and countable \
                    and isinstance(atom.value, int) and not (atom.pair or atom.among):
                if (counted := _plain_counted_noun(text, e, qualified=True)) \
                        or atom.value == 1 and (counted := _singular_counted_noun(text, e)):
                    # "Greater than 3 pulses": {pulses}; "at least 10 shifts per month": {shifts}/mo
                    _count_unit(text, atom, counted, words, "unit.count_noun.plain")
                elif atom.value <= 10 and atom.comparator != "=" and (counted := _therapy_count(text, e)):
                    # "at least one prior systemic treatment": {lines}
                    _count_unit(text, atom, counted, words, "unit.count_noun.therapy")
            if atom.unit is None and atom.reference is None and atom.comparator in (">=", ">") \
                    and text[atom.end:atom.end + 4].lower() == " or ":
                _restated_post(g, text, atom)
        else:
            post = _post_cue(g, text, atom.end)
            closing = _CLOSING.match(text, atom.end) if not post and atom.unit and ")" in text[atom.end:atom.end + 2] else None
            if closing:  # "(P/F) 300 mmHg) or less", "(50 feet) or more": the bracket ends before the cue
                post = _post_cue(g, text, closing.end())
            elif not post and atom.unit and text[atom.end:atom.end + 2] == ". " and text[atom.end - 1:atom.end].isalpha() \
                    and text[atom.end + 2:atom.end + 3].islower():
                # "300 lbs. and above": an abbreviated unit's point, then the cue (in lower case:
                # no new sentence)
                post = _post_cue(g, text, atom.end + 1)
            if post:
                atom.end, atom.comparator = post[0], post[1]
                atom.rules.append(post[2])
                counted = _counted_noun(g, text, post[0], words) if atom.unit is None and atom.reference is None else None
                if counted and counted[1]["text"].lower() in _adjacent_counts() \
                        and _SCALE_WORD_BEFORE.search(text, lookback(text, s, 12), s):
                    counted = None  # "Grade 2 or higher level of abnormality": the grade's level, no count
                if counted and value != 1 and counted[1]["text"].lower() in _one_only_forms():
                    counted = None  # "2 or more dose reductions": a singular form counts one only
                if counted:  # "one or more seizures", "3 or more loose stools/day"
                    _count_unit(text, atom, counted, words, "unit.count_noun")
                elif atom.unit is None and atom.reference is None:
                    # "18+ years", "3 or more days following", "6 or more months": the cue
                    # sits between the number and its time unit
                    later = _unit_at(g, text, post[0])
                    if later and len(later[1]["text"]) > 1 and text[later[0]:later[0] + 1] != "-" \
                            and (later[2] or later[1]["ucum"].split("/")[0] in _SINGULAR_TIME_UCUM
                                 or later[1]["ucum"].startswith("{") and "/" in later[1]["ucum"]
                                 or later[1]["ucum"].startswith("/")):  # "8 or more times per day"
                        # a one-letter unit here is a name's letter more often ("1 or more d-dimer")
                        # "3 or more days per week", "3 or more alcoholic drinks per day": a rate
                        atom.end, atom.unit, atom.time_unit = later
                        atom.rules.append("unit.time" if later[2] else "unit.form")
                    elif not later and isinstance(atom.value, int) and countable and not (atom.pair or atom.among) \
                            and not _SCALE_WORD_BEFORE.search(text, lookback(text, s, 12), s) \
                            and (counted := _plain_counted_noun(text, post[0], qualified=True)) \
                            and _QUALIFIED_END.match(text, counted[0]) and counted[1]["text"] != "criteria":
                        # "Multi-segmental (3 or more segments)": the counted thing after the
                        # cue, as after a number with a cue before it ("Greater than 3 pulses");
                        # not a grade's ("grade 3 or greater lipids or platelets"), nor a word that
                        # another noun follows ("Six or more herpes simplex virus outbreaks"), nor
                        # the criteria of a list ("One or more criteria for a severe course:")
                        _count_unit(text, atom, counted, words, "unit.count_noun.plain")
                if post[2] == "cmp.post.ge.plus" and atom.unit is None and atom.reference is None \
                        and _score_plus(text, s, post[0]):
                    # "HER2 overexpression (3+)", "2+ or 3+ by IHC", "1+ protein": a staining or
                    # dipstick score, one level of a scale from 0 to 3+ or 4+, not "3 or more"
                    atom.comparator = "="
                    atom.rules[atom.rules.index("cmp.post.ge.plus")] = "cmp.post.plus.score"
            elif ref_comparator:  # "1.5 times greater than the ULN"
                atom.comparator = ref_comparator
                atom.rules.append("cmp.reference_relation")
            elif atom.unit is None and atom.reference is None and countable and isinstance(atom.value, int) \
                    and atom.value <= 10 and _PRIOR_NEXT.match(text, atom.end) \
                    and not _SCHEDULE_STEP_BEFORE.search(text, lookback(text, s, 8), s) \
                    and (counted := _therapy_count(text, atom.end)):
                # "Failed one prior progestin therapy": prior lines counted with no bound (after a
                # bound, "at least one prior systemic treatment", the cue's branch reads them)
                _count_unit(text, atom, counted, words, "unit.count_noun.therapy")
                if _ALLOWED_AFTER.match(text, atom.end):  # "one prior biologic therapy allowed"
                    atom.comparator = "<="
                    atom.rules.append("cmp.post.le.allowed")
            elif atom.unit and atom.unit["ucum"].startswith("{") and _ALLOWED_AFTER.match(text, atom.end):
                # "Only one prior chemotherapy regimen allowed", "one prior biologic therapy
                # allowed", "only one cycle is allowed": a count allowed is at most that many
                atom.comparator = "<="
                atom.rules.append("cmp.post.le.allowed")
            elif "imum" in text[max(0, s - LEFT_WINDOW):s] or "imal" in text[max(0, s - LEFT_WINDOW):s]:
                distant = _DISTANT_CUE.search(text, max(0, s - LEFT_WINDOW), s)
                if distant:  # "a minimum life expectancy of 12 weeks"
                    atom.comparator = ">=" if distant.group("cue").lower().startswith("min") else "<="
                    atom.rules.append("cmp.distant." + ("min" if atom.comparator == ">=" else "max"))
            elif atom.time_unit and (_AGE_OF.match(text, atom.end) or _GESTATION_AFTER.match(text, atom.end)
                                     or atom.weeks_days and atom.weeks_days[2]):
                before = _BEFORE_AGE.search(text, lookback(text, s, 16), s)
                if before:  # "before 29 days of age", "prior to 6 months of age": younger than that
                    # ("at or before 31 weeks EGA": that age too)
                    atom.start, atom.comparator = before.start(), "<=" if before.group()[:2].lower() == "at" else "<"
                    atom.rules.append("cmp.age.before_of_age")
        if atom.comparator is None and atom.unit is not None and atom.unit["text"] in _bound_only_forms():
            continue  # "5K run", "chromosome 12 K": a glued K is thousands only in a bound ("WBC >15K")
        win = win_at_s if atom.start == s and win_at_s is not _UNSET else \
            _left_window(g, text, atom.start, atom.unit["span"][1] if atom.unit else None)
        if win and atom.comparator is not None and win[1].get("adjacent"):
            win = None  # "demonstrated by the following ≤ 14 days prior to": a list's opening, no window
        if win and win[1]["id"] == "win.last" and _VERB_LAST_BEFORE.search(text, max(0, win[0] - 20), win[0]):
            win = None  # "expected to last at least 5 weeks": the verb, how long, no window
        if win and (atom.unit or atom.reference) and not atom.time_unit and atom.comparator is None \
                and win[1]["id"] == "win.within" and text[win[0]:atom.start].strip().lower() == "within":
            # "within 0.5%", "within 5 half-lives"; "within 1.5 x ULN" is at most that many times it
            atom.start, atom.comparator = win[0], "<="
            atom.rules.append("cmp.within")
        if not win and atom.time_unit and atom.pre_end is not None and text[atom.start:atom.start + 4].lower() == "over":
            inner = _left_window(g, text, atom.pre_end)
            if inner and inner[0] == atom.start:
                # the cue is the window's first word: "over the 7 days" is a window, not "> 7 days"
                win = inner
                atom.comparator = None
                atom.rules = [r for r in atom.rules if not r.startswith("cmp.")]
        if win and atom.time_unit and atom.comparator is None and win[1]["id"] in bounded_lasting_windows():
            lasting = _lasting_bound(g, text, win[0])
            if lasting:
                # "stable for at least the past 6 weeks", "hospitalized for at least the first three
                # days": how long it has lasted, with the cue's bound; no window (a duration below)
                atom.start, atom.comparator = lasting[0], lasting[1]
                atom.rules += [lasting[2], "time.lasting_bound"]
                win = None
        if atom.time_unit and atom.comparator == ">=" and (win is None or win[1]["id"] == "win.within"):
            if win is None:
                lead = _WITHIN_BEFORE_BOUND.search(text, lookback(text, atom.start, 30), atom.start)
                win = (lead.start(), g.window_info["within"]) if lead else None
            if win:
                # "within a minimum of 6 weeks prior to study treatment", "within at least 7 days
                # before the first dose": the bound is on the window's length (the longer of it
                # and 5 half-lives, say); what the window places lies inside it
                atom.comparator = None
                atom.rules = [r for r in atom.rules if not r.startswith("cmp.")] + ["cmp.within.bound_length"]
        if win and atom.time_unit:
            atom.start, atom.window = win[0], win[1]
            atom.rules.append(win[1]["id"])
            if atom.comparator is None:
                atom.comparator = win[1]["comparator"]
        if atom.among is not None and atom.unit is None and atom.reference is None and "count.repeats" in atom.rules:
            _repeat_unit(text, atom, repeats)
        if atom.unit is None and atom.reference is None and atom.comparator and atom.pair is None:
            named = _count_noun_before(g, text, atom.start)
            if named:  # "vomiting episodes (> 3 in the last 24 hours)": the count of the noun named
                atom.unit = named
                atom.rules.append("unit.count_noun_before")
        atoms.append(atom)
        consumed = atom.end
    return atoms
_OUT_OF = re.compile(r"\s?/\s?(\d{2,3}|[4-9])(?![\d/]|[.,]\d)")  # "ADL < 4/6": a maximum of one digit too
# a rating out of its maximum names its scale before ("score", "VAS", "pain of at least 4/10")
# or, for pain, after ("> 4/10 pain")
_SCORE_BEFORE = re.compile(r"\b(?:score|scale|index|questionnaire|points?|pain|vas|nrs|mmse|moca|i?adl)\b", re.IGNORECASE)
_PAIN_AFTER = re.compile(r"\s*pain\b", re.IGNORECASE)


_SCORE_PLUS = re.compile(r"[0-4]\+")
_OR_MORE_AHEAD = re.compile(r"\s*(?:[A-Za-z]+\s+)?(?:or|and)\s+(?:greater|more|higher|above|over|worse)\b", re.IGNORECASE)


def _score_plus(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a score written with a glued plus: one digit from 0 to 4, no
    word character or point before it ("3+", "(2+)"; not "CD34+", "18+", "iOS 16+"), and no
    "or more" after it ("2+ or greater" is a bound)."""
    glued = start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._,")
    return bool(_SCORE_PLUS.fullmatch(text, start, end)) and not glued and not _OR_MORE_AHEAD.match(text, end)


def _restated_post(g, text: str, atom: Atom) -> None:
    """A bound written twice, before and after its number, with a time unit after the second
    ("for ≥3 or more months", "at least 6 or more weeks"): the unit is the span's, the first
    cue's comparator stands."""
    post = _post_cue(g, text, atom.end)
    if not post or post[1] not in (">=", ">"):
        return
    later = _unit_at(g, text, post[0])
    if later and later[2] and len(later[1]["text"]) > 1 and text[later[0]:later[0] + 1] != "-":
        atom.end, atom.unit, atom.time_unit = later
        atom.rules += [post[2] + ".restated", "unit.time"]


@lru_cache(maxsize=1)
def _day_ordinal_cue() -> tuple[re.Pattern, dict[str, str]]:
    """'day_ordinal_cues' of models/time_events.json before "day" and its number, and each
    cue's comparator by its lower-cased words."""
    cues = load("time_events")["day_ordinal_cues"]
    rx = re.compile(r"(?<![\w-])(?P<cue>" + word_alternation([c["pattern"] for c in cues]) + r")\s+(?P<day>day)\s*$",
                    re.IGNORECASE)
    return rx, {" ".join(c["pattern"].lower().split()): c["comparator"] for c in cues}


def _day_ordinal(g, text: str, s: int, e: int) -> tuple[int, int, int, str] | None:
    """(cue start, "day" start and end, comparator) of a day counted from an anchor named by
    a relation right after its number ("within the end of day 3 after surgery", "by day 28
    after standard induction"), or None: a day with no relation after it is a schedule's."""
    rx, comparators = _day_ordinal_cue()
    m = rx.search(text, lookback(text, s, 40), s)
    if not m or not _relation_next(g, text, e):
        return None
    return m.start("cue"), m.start("day"), m.end("day"), comparators[" ".join(m.group("cue").lower().split())]
