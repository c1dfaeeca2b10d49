"""Variable mentions (models/variables.json) and how a constraint finds its subject."""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..normalize.resources import load
from .extensions import ABBREVIATIONS_KEY
from .patterns import grammar
from ..normalize.units import convert

LOINC = "http://loinc.org"
MAX_LEFT = 90    # characters a subject may sit before its constraint
MAX_RIGHT = 40   # ... or after it ("≥ 10% bone marrow plasma cells")
_CLAUSE_BREAK = re.compile(r"[;]|\.\s|\bAND\b|\band\b(?=\s+[A-Za-z ]{0,40}?(?:≥|≤|>|<|\d))")


def case_sensitive(synonym: str) -> bool:
    """Short forms written with capitals and forms with inner capitals must match as written
    ("ANC", "CrCl"); "age" or "pulse" match in any case."""
    return any(ch.isupper() for ch in synonym) and (len(synonym) <= 4 or any(ch.isupper() for ch in synonym[1:]))


@lru_cache(maxsize=1)
def variables() -> dict[str, dict]:
    return {v["name"]: v for v in load("variables")["variables"]}


def lexicon_forms() -> list[str]:
    """Every name and synonym the matchers look for."""
    return [form for name, var in variables().items() for form in [name] + var["synonyms"]]


def build_matchers(nlp: Language) -> tuple[PhraseMatcher, PhraseMatcher]:
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    loose = PhraseMatcher(nlp.vocab, attr="LOWER")
    for name, var in variables().items():
        forms = [name] + var["synonyms"]
        cs = [f for f in forms if case_sensitive(f)]
        ci = [f for f in forms if not case_sensitive(f)]
        if cs:
            exact.add(name, [nlp.make_doc(f) for f in cs])
        if ci:
            loose.add(name, [nlp.make_doc(f) for f in ci])
    return exact, loose


# A line break or a run of spaces between two words (where a wrapped name may be split)
_WRAPPED = re.compile(r"\w(?:[^\S\n]*\n\s*|[^\S\n]{2,})\w")


def mentions(doc: Doc, exact: PhraseMatcher, loose: PhraseMatcher, text: str) -> list[dict]:
    """Longest non-overlapping variable mentions in `doc`, offsets relative to the doc."""
    found = []
    # A name a line break or a run of spaces splits ("Life\n     expectancy", as records wrapped
    # to a width write it) is matched over the words alone: the whitespace tokens are left out
    # of the doc matched, and each match is read back on the words it spans.
    # (only where such whitespace stands between two words: "-  Age" has no name across it)
    if ("\n" in text or "  " in text) and _WRAPPED.search(text):
        words = [t for t in doc if not t.is_space]
        matched = Doc(doc.vocab, words=[t.text for t in words], spaces=[True] * len(words))
    else:
        matched, words = doc, None
    for matcher in (exact, loose):
        for match_id, start, end in matcher(matched):
            if words is None:
                span = doc[start:end]
                found.append((span.start_char, span.end_char, doc.vocab.strings[match_id]))
            else:
                last = words[end - 1]
                found.append((words[start].idx, last.idx + len(last.text), doc.vocab.strings[match_id]))
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    out, last_end = [], -1
    for s, e, name in found:
        if s < last_end:
            continue
        if s >= 4 and text[s - 1] == "-" and text[s - 4:s - 1].lower() == "non" and not text[s - 5:s - 4].isalpha():
            continue  # "Non-measurable disease", "non-HDL cholesterol": another thing than the name
        out.append({"text": text[s:e], "span": [s, e], "name": name})
        last_end = e
    return out


def link_abbreviations(doc: Doc, found: list[dict]) -> list[dict]:
    """Short forms defined in the text ("absolute neutrophil count (ANC)") take the concept of
    their long form when the long form is a known variable and the short form is not."""
    abbrs = doc.user_data.get(ABBREVIATIONS_KEY) or []  # doc._.abbreviations
    if not abbrs:
        return found
    by_span = {(m["span"][0], m["span"][1]): m for m in found}
    extra = []
    for short in abbrs:
        long_form = short._.long_form
        concept = next((m["name"] for m in found
                        if m["span"][0] <= long_form.start_char and long_form.end_char <= m["span"][1] + 2
                        or long_form.start_char <= m["span"][0] and m["span"][1] <= long_form.end_char
                        and m["span"][1] - m["span"][0] >= 0.6 * (long_form.end_char - long_form.start_char)), None)
        key = (short.start_char, short.end_char)
        if concept and key not in by_span and not any(m["span"][0] <= key[0] < m["span"][1] for m in found):
            extra.append({"text": short.text, "span": [key[0], key[1]], "name": concept, "abbreviation": True})
    return sorted(found + extra, key=lambda m: m["span"][0])


def attach(text: str, constraints: list[dict], found: list[dict]) -> None:
    """Give each constraint the nearest mention before it in the same clause, else just after it."""
    for c in constraints:
        if c["type"] != "value":
            _name_window_subject(c, found, text)
            continue
        s, e = c["span"]
        best = None
        for m in found:
            ms, me = m["span"]
            if me <= s and s - me <= MAX_LEFT and not _CLAUSE_BREAK.search(text[me:s]) and _may_measure(m, c, text):
                if any(o is not c and me <= o["span"][0] and o["span"][1] <= s and o.get("subject")
                       and o["subject"]["span"] != [ms, me] for o in constraints):
                    continue
                best = m
        # "CD4% < 25% for infants < 12 months": a measure another bound already took before this
        # age is not what the age bounds, nor is a measure after it ("ECOG 0 or 1 (age ≥ 16
        # years) or Lansky ...")
        ages_only = best is not None and bool(c.get("_age")) and best["name"] != "age" and any(
            o is not c and best["span"][1] <= o["span"][0] and o["span"][1] <= s for o in constraints)
        if ages_only:
            best = None
        if best is None:
            for m in found:
                ms, me = m["span"]
                if ms >= e and ms - e <= MAX_RIGHT and not _CLAUSE_BREAK.search(text[e:ms]) \
                        and not re.search(r"[≥≤<>]|\d", text[e:ms]) and not (ages_only and m["name"] != "age") \
                        and _may_measure(m, c, text):
                    best = m
                    break
        if best is not None:
            c["subject"] = _subject(best)
            c["rules"].append("subject.abbreviation" if best.get("abbreviation") else "subject.lexicon")
            _implied_unit(c, variables()[best["name"]])
        elif c.get("_age"):
            # the unit names the age ("18 years"); without one, the word "age" in the
            # constraint does ("before the age of 50"), else the constraint's own text
            written = c.get("unit") and c["unit"].get("span")  # an implied unit has no span
            word = None if written else _AGE_NOUN.search(text, c["span"][0], c["span"][1])
            span = c["unit"]["span"] if written else [word.start(), word.end()] if word else c["span"]
            # (an age in the obstetric notation, "23 0/7 weeks", is the pregnancy's: quantities/units.py)
            kind = "gestational age" if c["_age"] == "gestational" else "age"
            c["subject"] = {"text": text[span[0]:span[1]], "span": list(span), "concept": _concept(kind)}
            c["rules"].append("subject.age_pattern")
        _normalize(c)


def _implied_unit(c: dict, var: dict) -> None:
    """A measure whose bare numbers are in one unit when they lie in its range ("fever above 38"
    is in Cel, "oxygen saturation above 93" in %): the unit is implied, its text empty, as for
    an age without a unit."""
    implied = var.get("implied_unit")
    if not implied or c.get("reference") is not None:
        return
    unit = c.get("unit")
    # a written unit too vague for the measure ("fever over 37.5 degrees": not angle degrees)
    vague = unit is not None and unit.get("ucum") in implied.get("replaces", ())
    if unit is not None and not vague:
        return
    low, high = implied["range"]
    numbers = [c[k] for k in ("value", "low", "high") if k in c] + list(c.get("values") or [])
    if numbers and all(isinstance(n, (int, float)) and low <= n <= high for n in numbers):
        if vague:
            c["unit"] = dict(unit, ucum=implied["ucum"])   # the words and span as written
            c["rules"].append("unit.implied.vague")
        else:
            c["unit"] = {"text": "", "ucum": implied["ucum"]}
            c["rules"].append("unit.implied")


_AGE_NOUN = re.compile(r"(?<![A-Za-z])ages?(?![A-Za-z])", re.IGNORECASE)


# Variable categories whose values are written in time units but measure something (a prognosis,
# a stage of pregnancy, an age) rather than how long the subject lasts.
_MEASURED_IN_TIME = frozenset({"prognosis", "obstetric", "demographic"})


# What may stand between a measure written in time and its number: "life expectancy of",
# "expected survival time is", "aPTT:".
# ("gestational age at randomization between ...": the moment it is measured at, one word)
_MEASURE_GAP = re.compile(r"[\s:(]*(?:(?:of|is|was|be|must|should|at(?:\s+[a-z]+)?|time|estimated|approximately)\b[\s:]*)*",
                          re.IGNORECASE)


_TIME_UCUM = frozenset({"s", "ms", "min", "h", "d", "wk", "mo", "a"})
_LONG_TIME_UCUM = _TIME_UCUM - {"s", "ms"}   # (a clotting time in seconds may be a ratio's)
# A person's age said after the bound: "one day to 30 days of age", "0 to 12 months calendar age"
_PERSON_AGE_AFTER = re.compile(r"\s*(?:of\s+age|(?:years?\s+)?old|of\s+life|(?:calendar|chronological|postnatal)\s+age)\b",
                               re.IGNORECASE)


def _may_measure(mention: dict, c: dict, text: str) -> bool:
    """Whether the constraint `c` can be a value of `mention`'s variable, by its unit:
    - a score's points have no physical unit ("ECOG 0-2 ... granulocytes at least 1,500/mm3",
      "ASA ... aspirin > 100 mg"; a visual analogue scale's millimetres aside), and an age is no
      score ("ECOG 0 or 1 (age >= 16 years) or Lansky ...");
    - a bound in days to years is a value only of a measure written in time or of an age
      ("Life\nexpectancy: At least 8 weeks Hematopoietic: WBC ...");
    - a measure written in days to years (a life expectancy, a gestational age) bounds nothing
      but time ("... for gestation, unresponsive to >= 30 mL/kg"), and a person's age said after
      its bound ("one day to 30 days of age") is no gestational age named before it;
    - a count of repeated measurements counts them, and is a value of no measure."""
    if "unit.repeat_noun" in c["rules"]:
        return False  # "BP > 145 mmHg on 3 consecutive readings": the count of readings is no BP
    var = variables()[mention["name"]]
    unit = (c.get("unit") or {}).get("ucum")
    if var["category"] == "demographic":
        return True
    if var["category"] == "score":
        if c.get("_age"):
            return False
        if var["unit"] is None and unit and not unit.startswith("{") and unit not in ("mm", "cm"):
            return False
    if var["unit"] not in _LONG_TIME_UCUM:
        return var["unit"] in _TIME_UCUM or unit not in _LONG_TIME_UCUM
    if unit and unit not in _TIME_UCUM:
        return False
    return not (c.get("_age") is True and _PERSON_AGE_AFTER.match(text, c["span"][1]))


def _measured_in_time(name: str) -> bool:
    var = variables()[name]
    return var["category"] in _MEASURED_IN_TIME or var["unit"] in ("s", "ms")


def _measure_before(c: dict, found: list[dict], text: str | None):
    """A mention of a measure written in time units right before the constraint ("life
    expectancy of 12 weeks or more", "aPTT > 50 seconds"): the number is its value, whatever
    the clause before it holds."""
    if text is None:
        return None
    cs = c["span"][0]
    for m in reversed(found):
        ms, me = m["span"]
        if me > cs:
            continue
        if cs - me <= 30 and _measured_in_time(m["name"]) and _MEASURE_GAP.fullmatch(text, me, cs):
            return m
        return None
    return None


def _name_window_subject(c: dict, found: list[dict], text: str | None = None) -> None:
    """A window's or a duration's subject is what it bounds, found with it; when that text is
    mostly one known variable ("Life expectancy"), the subject is that mention, with its concept.
    A measure written in time units right before the number makes it a value of that measure."""
    subject = c.get("subject")
    near = _measure_before(c, found, text) if c["type"] == "duration" else None
    if not subject and not near:
        return
    s, e = subject["span"] if subject else c["span"]
    for m in ([near] if near else found):
        ms, me = m["span"]
        if near or s <= ms and me <= e and (me - ms) >= 0.6 * (e - s):
            c["subject"] = _subject(m)
            c["rules"].append("subject.lexicon")
            if c["type"] == "duration" and _measured_in_time(m["name"]):
                # "Life expectancy ≥ 12 weeks", "gestational age ≥ 24 weeks": a measure whose
                # unit is time, not how long the subject lasts
                c["type"] = "value"
                del c["direction"], c["event"]
                c["rules"] = [r for r in c["rules"] if r != "time.duration"]
                _normalize(c)
            return


def _concept(name: str) -> dict:
    var = variables()[name]
    return {"name": name, "system": LOINC, "code": var["loinc"]}


def _subject(mention: dict) -> dict:
    return {"text": mention["text"], "span": list(mention["span"]), "concept": _concept(mention["name"])}


def _normalize(c: dict) -> None:
    """Add `normalized` in the subject's canonical unit where pint can convert (a subject with no
    known variable, as a survival read from its own words, has none: the duration stays)."""
    if c.get("type") != "value" or not c.get("subject") or c.get("reference") or "concept" not in c["subject"]:
        return
    var = variables()[c["subject"]["concept"]["name"]]
    target = var["unit"]
    if not target:
        return
    source = c["unit"]["ucum"] if c.get("unit") else None
    if source is None:
        if target in ("a", "%") or var["category"] == "score":
            source = target  # "Age ≥ 18": years are implied; "KPS ≥ 70": percent
        else:
            return
    if c["comparator"] == "between":
        low, high = convert(c["low"], source, target), convert(c["high"], source, target)
        if low is not None and high is not None:
            c["normalized"] = {"low": low, "high": high, "unit": target}
    elif c["comparator"] == "in":
        return
    else:
        value = convert(c["value"], source, target)
        if value is not None:
            c["normalized"] = {"value": value, "unit": target}


_HEADING = re.compile(r"\s*(?P<name>[A-Za-z][A-Za-z \-]{1,40}?)\s*:?\s*$")


def heading_subject(text: str, heading: tuple[int, int], constraints: list[dict],
                    item_start: int | None = None) -> None:
    """Constraints of an item under a label that names their measure ("Age:" then "- 70 and
    under", "Life expectancy:" then "- At least 12 weeks", the NCI PDQ layout): an age written
    without a unit is in years, and a measure written in time units is a value, not a duration.
    Offsets are absolute; `heading` is the label item's span. With `item_start` (a label that
    ends the line before, see trailing_label) only a constraint written first in the item is
    the label's: the rest of a flattened line goes on under other labels."""
    m = _HEADING.fullmatch(text, heading[0], heading[1])
    if not m:
        return
    name = _heading_names().get(_WS.sub(" ", m.group("name").lower()))
    if name is None:
        return
    for c in constraints:
        if item_start is not None and text[item_start:c["span"][0]].strip():
            continue
        if c.get("reference") is not None or (c.get("subject") or {}).get("concept"):
            continue  # a measure of its own ("Age:" then "- Creatinine clearance > 60 mL/min")
        if name == "age" and c["type"] == "value" and c.get("unit") is None:
            numbers = [c.get(k) for k in ("value", "low", "high") if k in c]
            if numbers and all(isinstance(n, (int, float)) and 0 <= n <= 120 for n in numbers):
                c["unit"] = {"text": "", "ucum": "a"}
                c["rules"].append("unit.age_implied")
        elif c["type"] == "duration" and _measured_in_time(name):
            c["type"] = "value"
            c.pop("direction", None), c.pop("event", None)
            # a duration's subject is what lasted: the clause after it under the next label, or
            # the other bound of a range ("6 months to 17 years"), never the measure's
            c["subject"] = None
            c["rules"] = [r for r in c["rules"] if r != "time.duration"]
        else:
            continue
        # the label lies outside the item, so it is no subject of the item's constraint (a
        # subject is one of the criterion's own entities); the rule names where the reading came from
        c["rules"].append("subject.heading")
    if name == "age":
        _label_age_bounds(text, constraints)


def _label_age_bounds(text: str, constraints: list[dict]) -> None:
    """Under an "Age:" label, two ages joined as a range whose bounds are in different units ("6
    months to less than 3 years") are each a bound, the low one `>=` and the high one `<=` unless
    written otherwise, as such a range is where the age is named in the item itself
    (quantities' range.mixed_units, joined by the same range joiners)."""
    joiner = grammar().joiner
    ages = [c for c in constraints if c["type"] == "value" and (c.get("unit") or {}).get("ucum") in _LONG_TIME_UCUM]
    for a, b in zip(ages, ages[1:]):
        if a["unit"]["ucum"] == b["unit"]["ucum"] or a["comparator"] != "=" or b["comparator"] not in ("=", "<", "<=") \
                or not joiner.fullmatch(text, a["span"][1], b["span"][0]):
            continue
        for c, cmp in ((a, ">="), (b, "<=")):
            if c["comparator"] == "=":
                c["comparator"] = cmp
                c["rules"] = [r for r in c["rules"] if r != "cmp.implicit.eq"] + ["range.mixed_units"]


_WS = re.compile(r"\s+")
_LABEL_END = re.compile(r"(?P<name>[A-Za-z][A-Za-z\-]*(?:[ \t]+[A-Za-z][A-Za-z\-]*){0,3}):[ \t]*$")
_MAX_LABEL_WORDS = 4


def trailing_label(text: str, prev: tuple[int, int], start: int) -> tuple[int, int] | None:
    """The span of a label ("Life expectancy:") that ends the item at `prev` when a line wrap
    split it from its value, the item at `start` (flattened NCI PDQ text, wrapped at a fixed
    width: "... Performance status: Any status Life expectancy:" then "At least 2 years
    Hematopoietic: ..."): only whitespace with one newline between, and the label's last one to
    four words before the colon a name that heading_subject reads (an age or a measure written
    in time units), the longest such. None otherwise."""
    if text.count("\n", prev[1], start) != 1 or text[prev[1]:start].strip():
        return None
    m = _LABEL_END.search(text, max(prev[0], prev[1] - 60), prev[1])
    if not m:
        return None
    words = list(re.finditer(r"[A-Za-z][A-Za-z\-]*", m.group("name")))
    for k in range(min(len(words), _MAX_LABEL_WORDS), 0, -1):
        at = m.start("name") + words[-k].start()
        if _WS.sub(" ", text[at:m.end("name")].lower()) in _heading_names():
            return at, m.end()
    return None


@lru_cache(maxsize=1)
def _heading_names() -> dict[str, str]:
    """Lower-cased names and synonyms of the variables a label may name for its items: ages and
    measures written in time units."""
    out = {}
    for name, var in variables().items():
        if name == "age" or _measured_in_time(name):
            for form in [name] + var["synonyms"]:
                out.setdefault(form.lower(), name)
    return out
