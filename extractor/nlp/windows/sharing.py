"""Passes over the constraints of one criterion that share a window's parts between them: bounds,
an anchor written once for several spans, the study period."""
from __future__ import annotations

import re
from functools import lru_cache

from ...normalize.resources import load
from ..patterns import word_alternation
from .common import _wrapped, copied as _copied, lookback
from .subject import trim_subject


# Between a bound span and a second span with a relation and no comparator of its own: the
# first one's relation and anchor (no number, no clause break), or a bracketed case, then "or",
# "and" or "and/or".
_BOUND_GAP = re.compile(r"(?:\s*\([^()\d]{1,30}\))?[^;:.()\d]{0,80}?(?:,\s*)?(?<![\w-])(?:and/or|or|and)\s+", re.IGNORECASE)
_RELATION_FIRST = re.compile(r"\s*(?:from|after|following|before|prior\s+to|since|\()", re.IGNORECASE)
BOUNDS = frozenset({"<", "<=", ">", ">="})   # the comparators that bound one side


def share_bounds(text: str, out: list[dict]) -> None:
    """A span with a relation and no comparator written as an alternative to a bound span
    ("at least 3 weeks since major surgery or 10 days since minor surgery", "within 14 days
    prior to enrollment, or 21 days prior to Day 1", "≤72 hours from the date of RT-PCR
    confirmation and/or 7 days from the start of symptoms", "at least 2 hours before and 6 hours
    after each dose") takes its comparator: what the record writes once holds for both. The
    first may be a duration only when its relation or a bracketed case follows it (the words
    that made it no window)."""
    for a, b in zip(out, out[1:]):
        if b["type"] != "time" or "cmp.implicit.eq" not in b["rules"] or a["type"] not in ("time", "duration") \
                or a["comparator"] not in BOUNDS or any(r.startswith("win.") for r in b["rules"]) \
                or not any(r.startswith("rel.") for r in b["rules"]):
            continue
        if a["span"][1] > b["span"][0] or not _BOUND_GAP.fullmatch(text, a["span"][1], b["span"][0]):
            continue
        if a["type"] == "duration" and not _RELATION_FIRST.match(text, a["span"][1]):
            continue
        b["comparator"] = a["comparator"]
        b["rules"] = [r for r in b["rules"] if r != "cmp.implicit.eq"] + ["cmp.shared.bound"]
        if a.get("subject") and b.get("subject") and b["subject"]["span"][1] <= a["span"][1]:
            # its subject read before the first span: the same one ("effective contraceptive
            # measures ... for at least 3 months (in male) and 1 month (in female) following")
            b["subject"] = _copied(a["subject"])
        if a["type"] == "duration" and text[a["span"][1]:b["span"][0]].lstrip().startswith("(") and b.get("event"):
            # "for at least 3 months (in male) and 1 month (in female) following the last study
            # treatment": the anchor after the second case holds for the first as well
            a.update(type="time", direction=b["direction"], event=b["event"])
            a["rules"] = [r for r in a["rules"] if r != "time.duration"] + ["time.shared.anchor"]


@lru_cache(maxsize=1)
def _study_period() -> re.Pattern:
    """What follows the span of a period of the study itself ('study_period_words' of
    models/time_events.json before 'period' or 'phase'), with no relation after it."""
    words = word_alternation(load("time_events")["study_period_words"], space=r"[\s-]+")
    # ("the 4 week intervention time period"; "the 4 week period of the trial")
    return re.compile(r"[\s-]*(?:(?:long\s+)?" + words + r"\s+(?:time\s+)?(?:period|phase)"
                      r"|(?:time\s+)?(?:period|phase)\s+of\s+(?:the\s+|this\s+)?" + words + r")(?![\w-])"
                      r"(?!\s+(?:prior|before|after|following|preceding|since|from|until|till)\b)", re.IGNORECASE)


# ("for the 8-week trial period", "during the course of the 4 week intervention time period")
_LENGTH_OF = r"(?:for|during|over|throughout)\s+the\s+(?:course|duration|length)\s+of"
_FOR_THE_BEFORE = re.compile(r"(?<![\w-])(?:for|" + _LENGTH_OF + r")\s+the\s+$", re.IGNORECASE)
# a span right before "study" or "trial" ending its phrase, after "for the duration of the" and
# the like ("agree to continue on this dose for the duration of the 6-week study"): the study's length
_LENGTH_OF_THE_BEFORE = re.compile(r"(?<![\w-])" + _LENGTH_OF + r"\s+the\s+$", re.IGNORECASE)
_STUDY_AFTER = re.compile(r"[\s-]*(?:study|trial)(?![\w-])(?!\s+(?:period|phase|drug|treatment|visit|day|prior|before|after|following|"
                          r"preceding|since|from|until|till)\b)", re.IGNORECASE)


def study_period(text: str, window: dict | None, start: int, end: int) -> bool:
    """Whether a span after "during the" or "for the" names a period of the study itself
    ("during the 16 week treatment period", "during the 26-week treatment period", "forego other
    treatment for the 8-week trial period"): when within the study the subject is asked about,
    or how long the study asks it, not a bound on it (no window). A follow-up period follows the
    treatment's end and stays a window ("during the 3-month follow-up period")."""
    opened = window["id"] == "win.during_the" if window is not None \
        else _FOR_THE_BEFORE.search(text, lookback(text, start, 40), start) is not None
    if opened and _study_period().match(text, end) is not None:
        return True
    return window is None and _LENGTH_OF_THE_BEFORE.search(text, lookback(text, start, 40), start) is not None \
        and _STUDY_AFTER.match(text, end) is not None


_ANCHOR_GAP = re.compile(r"(?:(?![;:•]|\.\s).){0,120}", re.DOTALL)
_CONJUNCTION_WORD = re.compile(r"(?<![\w-])(?:or|and)(?![\w-])", re.IGNORECASE)


def _take_anchor(to: dict, source: dict) -> None:
    """`to` is before (or after) the event `source` names: the record wrote the anchor once."""
    to["event"] = _copied(source["event"])
    to["rules"] = to["rules"] + ["time.shared.anchor"]


def share_anchor(text: str, out: list[dict]) -> None:
    """A bare "within N" after a "within" window before a named anchor, in the same sentence
    and joined to it by "or" or "and", is before that anchor too ("a strong inhibitor of
    CYP3A4 within 7 days prior to the first dose or a strong inducer of CYP3A4 within 21 days",
    "within 14 days of patient registration, and other baseline studies within 30 days"): the
    record writes the anchor once."""
    for a, b in zip(out, out[1:]):
        if b["type"] != "time" or b.get("event") is not None or b["direction"] != "before" \
                or b["rules"][-1:] != ["win.within"] or a["type"] != "time" or not a.get("event") \
                or a["direction"] != "before" or "win.within" not in a["rules"]:
            continue
        start, end = a["event"]["span"][1], b["span"][0]
        if start <= end and _ANCHOR_GAP.fullmatch(text, start, end) and _CONJUNCTION_WORD.search(text, start, end):
            _take_anchor(b, a)


_BARE_WINDOWS = ("win.within", "win.in_the")


def share_anchor_ahead(text: str, out: list[dict]) -> None:
    """A bare "within N" (or "in the N") window with no relation, followed in the same sentence
    by "or"/"and" and another such window before a named anchor, is before that anchor too
    ("live vaccine within 4 weeks or inactivated vaccine within 2 weeks before vaccination",
    "Ig in the 3 months or blood products in the 4 months before the 1st dose"): the record
    writes the anchor once, after the last span. Only "before": a first span of the present
    and a second after an event are two different windows. Read from the last pair back, so
    that a list shares it too, its items joined by commas ("herbal creams within 48 hours,
    capsaicin within 6 months, or corticosteroids within 3 months before the baseline")."""
    if not any(c["type"] == "time" and c.get("event") is None and c["rules"][-1] in _BARE_WINDOWS for c in out):
        return  # most criteria: no bare window to share an anchor with
    times = [c for c in out if c["type"] == "time"]  # a value between them ("400 mL or more") is no break
    for a, b in reversed(list(zip(times, times[1:]))):
        # the window's rule last: no relation was read after it
        if a.get("event") is not None or a["direction"] != "before" or a["rules"][-1] not in _BARE_WINDOWS:
            continue
        if not b.get("event") or b["direction"] != "before" or a["rules"][-1] not in b["rules"] \
                or not any(r.startswith("rel.") or r == "time.shared.anchor" for r in b["rules"]):
            continue
        start, end = a["span"][1], b["span"][0]
        if start <= end and _ANCHOR_GAP.fullmatch(text, start, end) and (
                _CONJUNCTION_WORD.search(text, start, end)
                or "," in text[start:end] and "time.shared.anchor" in b["rules"]):
            _take_anchor(a, b)


# Between a lower and an upper bound of one window: "and" or "but" alone ("at least 4 weeks but
# no more than 3 months prior to study entry").
_LOW_HIGH_GAP = re.compile(r"\s*,?\s*(?:and|but)\s+", re.IGNORECASE)
_FOR_SPAN_BEFORE = re.compile(r"(?<![\w-])for(?:\s+a\s+(?:period|total)\s+of)?(?:\s+an?)?\s+$", re.IGNORECASE)
# days in each time unit, to compare spans written in different units
DAYS_IN = {"min": 1 / 1440, "h": 1 / 24, "d": 1, "wk": 7, "mo": 30.44, "a": 365.25}


def share_anchor_bounds(text: str, out: list[dict]) -> None:
    """A lower bound read as a duration, joined by "and" or "but" alone to an upper bound in
    another unit that has a relation to a named event and no window word ("had surgery at least 4
    weeks but no more than 3 months prior to study entry", "collected >/= 72 hours but < 7 days
    prior to randomization"), or an upper bound so joined to a lower one ("no greater than 120
    days but not less than 14 days prior to enrollment"): two bounds of one window, the anchor
    written once after the second.
    Each stays an item of its own, as two bounds in different units are (bounds in one unit are
    one range already); "Intubated > 24 hrs but less than seven days" has no anchor and stays as
    it is, and a first span after "for" is how long something lasted."""
    for a, b in zip(out, out[1:]):
        # (or a lower bound read as the time since an event, against the present: "Onset of
        # symptoms > 2 days and ≤ 14 days prior to hospital admission" is before the admission)
        since = a["type"] == "time" and a.get("event") is None and a["direction"] == "before" \
            and "time.history.since" in a["rules"]
        # (or the upper bound first: "a screening evaluation no greater than 120 days but not less
        # than 14 days prior to enrollment")
        lower_first = a["comparator"] in _LOWER and b["comparator"] in _UPPER
        upper_first = a["comparator"] in _UPPER and b["comparator"] in _LOWER and not since
        if (a["type"] != "duration" or "time.duration" not in a["rules"]) and not since or not (lower_first or upper_first) \
                or b["type"] != "time" or not b.get("event") \
                or not any(r.startswith("rel.") for r in b["rules"]) or any(r.startswith("win.") for r in b["rules"]):
            continue
        if a["span"][1] > b["span"][0] or not _LOW_HIGH_GAP.fullmatch(text, a["span"][1], b["span"][0]) \
                or _FOR_SPAN_BEFORE.search(text, max(0, a["span"][0] - 30), a["span"][0]):
            continue  # "Symptoms for more than 3 days but less than 2 weeks prior to ...": how long they lasted
        ua, ub = (a.get("unit") or {}).get("ucum"), (b.get("unit") or {}).get("ucum")
        if ua not in DAYS_IN or ub not in DAYS_IN:
            continue
        low, high = (a, b) if lower_first else (b, a)
        lu, hu = (ua, ub) if lower_first else (ub, ua)
        if low["value"] * DAYS_IN[lu] >= high["value"] * DAYS_IN[hu]:
            continue
        a.update(type="time", direction=b["direction"], event=_copied(b["event"]))
        if b.get("subject"):
            a["subject"] = _copied(b["subject"])
        a["rules"] = [r for r in a["rules"] if r != "time.duration"] + ["time.shared.anchor"]


# The words between two spans that share the anchor written after the second: the first span's
# relation and a conjunction ("30 days before and 30 days after the first dose").
_RELATION_AND = re.compile(r"\s*(?:before|prior(?:\s+to)?|preceding|after|following)\s+(?:and\s*/\s*or|and|or)\s+(?:the\s+)?",
                           re.IGNORECASE)
_PRIOR_AND = re.compile(r"\s*prior\s+(?:and\s*/\s*or|and|or)\s+(?:the\s+)?", re.IGNORECASE)


def share_anchor_back(text: str, out: list[dict]) -> None:
    """A window whose relation is followed by a conjunction and a second span with its own
    relation and event ("within 30 days before and 30 days after the first dose", "at least 2
    hours before and 6 hours after each dose") is before (or after) that same event: the
    record writes the anchor once, after the last span. A bare "prior" there, which names no
    event of its own, makes a span read as a duration such a window too ("for 1 week prior and
    2 weeks after administration of study drugs")."""
    for a, b in zip(out, out[1:]):
        if b["type"] != "time" or not b.get("event") or a["span"][1] > b["span"][0]:
            continue
        if a["type"] == "duration" and "time.duration" in a["rules"] and b["direction"] == "after" \
                and _PRIOR_AND.fullmatch(text, a["span"][1], b["span"][0]):
            a.update(type="time", direction="before")
            a["rules"] = [r for r in a["rules"] if r != "time.duration"] + ["rel.prior.bare"]
        elif a["type"] != "time" or a.get("event") is not None or not any(r.startswith("rel.") for r in a["rules"]):
            continue
        if _RELATION_AND.fullmatch(text, a["span"][1], b["span"][0]):
            _take_anchor(a, b)
            sa, sb = a.get("subject"), b.get("subject")
            if sa and sb and sb["span"][0] == sa["span"][0] and sb["span"][1] > a["span"][0]:
                # the second span's subject ran over the first span ("Antacids 2 hours before"):
                # both bound the same subject
                b["subject"] = _copied(sa)


# Between two items of a list of subjects, each with its bound, whose anchor is written once after
# the last ("Previous systemic anticancer treatment completed ≥ 3 weeks, major surgery ≥ 2 weeks,
# and radiation therapy ≥ 4 weeks prior to study enrollment", "drug eluting stents less than 9
# months and bare metal stents less than 3 months before the PCI"): a comma or a conjunction, then
# the next item's words (no number, bracket, comparator or clause break)
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:(?:and/or|and|or)\s+)?|(?:and/or|and|or)\s+)"
                       r"(?P<item>[A-Za-z][^;:.()\[\]\d,<>≤≥=]{0,60}?)\s*", re.IGNORECASE)
# words that make the gap a clause of its own or a span's own relation, not a list item's name
_NOT_ITEM_WORDS = frozenset("for within in since during after before prior to from until than of at "
                            "was were is are has have had be been being should must will may can "
                            "which who that when if unless except but".split())
# before the first span: the words that make it how long something lasted ("for", "lasting",
# "defined as", a bracket)
_LASTED_BEFORE = re.compile(r"(?:(?<![\w-])(?:for|as|lasting|over|of|during)|[(])\s*"
                            r"(?:(?:a|the)\s+(?:period|total|minimum|maximum)\s+of\s+)?$", re.IGNORECASE)
_LOWER, _UPPER = frozenset({">", ">="}), frozenset({"<", "<="})


def share_anchor_list(text: str, out: list[dict]) -> None:
    """Bounds read as durations, each after its item of a list, are windows before (or after)
    the anchor written once after the last item's bound: each takes that anchor, and a bound
    that became a window this way takes its item's words as its subject. Only bounds of one
    side (all lower or all upper): "over 72 hours, and should have started no more than 4 weeks
    before" is two things."""
    for a, b in reversed(list(zip(out, out[1:]))):
        if a["type"] != "duration" or "time.duration" not in a["rules"] or b["type"] != "time" \
                or not b.get("event") or b["direction"] is None \
                or any(r.startswith("win.") for r in b["rules"]) \
                or not any(r.startswith("rel.") or r == "time.shared.list" for r in b["rules"]):
            continue
        side = _LOWER if a["comparator"] in _LOWER else _UPPER if a["comparator"] in _UPPER else None
        if side is None or b["comparator"] not in side or a["span"][1] > b["span"][0]:
            continue
        gap = _LIST_GAP.fullmatch(text, a["span"][1], b["span"][0])
        if gap is None or any(w.lower() in _NOT_ITEM_WORDS for w in gap.group("item").split()) \
                or _LASTED_BEFORE.search(text, max(0, a["span"][0] - 30), a["span"][0]):
            continue
        a.update(type="time", direction=b["direction"], event=_copied(b["event"]))
        a["rules"] = [r for r in a["rules"] if r != "time.duration"] + ["time.shared.list"]
        item = trim_subject(text, gap.start("item"), gap.end("item"))
        own = b.get("subject")
        if item is not None and ("time.shared.list" in b["rules"] or own is None or own["span"][0] < a["span"][1]):
            b["subject"] = item


_AFTERWARDS = frozenset({"rel.thereafter", "rel.afterwards", "rel.afterward"})
_BARE_AFTER = re.compile(r"\s+after\s*(?:[.;,)]|$)", re.IGNORECASE)
# the sentence a relation of "afterwards" looks back over: from after the last full stop,
# semicolon or line break before it
_SENTENCE_BREAK = re.compile(r"[;\n]|\.\s")
_DETERMINERS = "the|this|their|his|her"   # before the period a span "afterwards" follows
_ARTICLE = re.compile(r"^(?:" + _DETERMINERS + r") ")


@lru_cache(maxsize=1)
def _afterwards_periods() -> tuple[re.Pattern, dict[str, str]]:
    """The period a span "afterwards" follows ('afterwards_period_leads' then one of
    'afterwards_periods' in models/time_events.json), and each period's words to its event name."""
    data = load("time_events")
    names = {w.lower(): p["name"] for p in data["afterwards_periods"] for w in p["words"]}
    period = re.compile(r"(?<![\w-])" + word_alternation(data["afterwards_period_leads"], space=r"\s+")
                        + r"\s+(?P<what>(?:(?:" + _DETERMINERS + r")\s+)?" + word_alternation(sorted(names), space=r"\s+")
                        + r")(?![\w-])", re.IGNORECASE)
    return period, names


def afterwards_anchor(text: str, out: list[dict]) -> None:
    """A span "thereafter" or "afterwards" follows the period its sentence names before it
    ("while on study and for 100 days afterwards": after the end of the study; "during treatment
    and for 6 months thereafter": after the last dose) or the event of a window written before
    it ("discontinue aspirin 7 days prior to fiducial placement and for 5 days afterward"),
    whichever is nearer; with neither, the present (event null)."""
    for i, c in enumerate(out):
        if c["type"] != "time" or c.get("event") is not None or not (
                _AFTERWARDS.intersection(c["rules"])
                # a bare "after" that ends its clause reads as "afterwards" ("during the study and
                # for 30 days after.")
                or "rel.after" in c["rules"] and _BARE_AFTER.match(text, c["span"][1])):
            continue
        start = c["span"][0]
        # (a line wrapped inside the sentence is no break: "during the study and\n     for 30 days after.")
        begin = max((m.end() for m in _SENTENCE_BREAK.finditer(text, max(0, start - 200), start)
                     if m.group() != "\n" or not _wrapped(text, m.start())), default=max(0, start - 200))
        period, names = _afterwards_periods()
        found = None
        for m in period.finditer(text, begin, start):
            found = m
        earlier = next((p for p in reversed(out[:i]) if p["type"] == "time" and p.get("event")
                        and p["event"]["span"][1] <= start and p["span"][0] >= begin), None)
        own = c.get("subject")
        if earlier is not None and (found is None or earlier["event"]["span"][0] > found.start()):
            _take_anchor(c, earlier)
            if own and earlier.get("subject") and own["span"][1] > earlier["span"][0]:
                # "aspirin 7 days prior to ... and for 5 days afterward": the same subject
                c["subject"] = _copied(earlier["subject"])
        elif found is not None:
            words = " ".join(found.group("what").split()).lower()
            a, b = found.span("what")
            c["event"] = {"text": text[a:b], "span": [a, b], "name": names[_ARTICLE.sub("", words)]}
            c["rules"] = c["rules"] + ["time.afterwards.period"]
            if own and own["span"][0] < found.start() < own["span"][1]:
                # "effective contraception while on study and for 100 days afterwards": the
                # period is when, not what
                c["subject"] = trim_subject(text, own["span"][0], found.start()) or own


# words that go on with the other window's period or bound rather than name a subject
# ("throughout the study", "up to the follow-up visit", "continuing thereafter", "more than once")
_NOT_OWN_START = re.compile(r"(?:throughout|up|until|till|during|continuing|continue|more|less|but|except|beginning|starting|"
                            r"from|to|for|within|in|after|before|prior\s+to|then|thereafter)(?![\w-])", re.IGNORECASE)
# what a subject that ran over another window holds after it: a comma or a conjunction, then
# words of its own
_AFTER_OTHER_SPAN = re.compile(r"\s*(?:,\s*(?:(?:and/or|and|or)\s+)?|(?:and/or|and|or)\s+)(?=[A-Za-z])", re.IGNORECASE)


def subject_past_other_span(text: str, out: list[dict]) -> None:
    """A window's or a duration's subject that holds another window (its span, and its anchor)
    followed by a comma or a conjunction is what follows them: "Substance or alcohol abuse in the
    last 30 days, dependence in the last 6 months" bounds the dependence, "inhaled steroids in the
    previous 4 weeks or oral steroids in the previous 8 weeks" the oral steroids, "an illness ...
    in the 30 days before screening or a fever and illness in the 5 days" the fever and illness.
    Not words that go on with the other window's period ("throughout the study"). A subject that
    ends with the other window is that window's subject ("attacks lasting 15 minutes to 3 hours",
    "Opioid overdose within the past year (12 months)")."""
    times = [c for c in out if c["type"] in ("time", "duration")]
    for b in times:
        sb = b.get("subject")
        if not sb:
            continue
        for a in times:
            if a is b or a["span"][1] > b["span"][0] or not (sb["span"][0] <= a["span"][0] and a["span"][1] <= sb["span"][1]):
                continue  # (only another window written before this one)
            at = a["span"][1]
            event = a.get("event")
            if event and at <= event["span"][0] and event["span"][1] <= sb["span"][1]:
                at = event["span"][1]
            own_a, lead_at = a.get("subject"), at
            if own_a and at <= own_a["span"][0] and own_a["span"][1] < sb["span"][1]:
                lead_at = own_a["span"][1]  # past the other's subject written after it
            lead = _AFTER_OTHER_SPAN.match(text, lead_at, sb["span"][1])
            own = trim_subject(text, lead.end(), sb["span"][1]) if lead else None
            if own is not None and not _NOT_OWN_START.match(own["text"]) \
                    and (own["span"][1] <= b["span"][0] or own["span"][0] >= b["span"][1]):
                b["subject"] = own
            elif sb["span"][0] == a["span"][0]:
                # a subject that opens with the other window ("(within 2 weeks prior to X and within 4
                # weeks prior to Y)"): both bound what the other bounds, written before them; no
                # subject where the other's is written after it ("More than 10 days from symptoms
                # onset or more than 7 days on mechanical ventilation")
                before = a.get("subject") and a["subject"]["span"][1] <= a["span"][0]
                b["subject"] = _copied(a["subject"]) if before else None
            elif lead is None and not text[at:sb["span"][1]].strip(" \t\n,;:)") and a.get("subject") \
                    and sb["span"][0] <= a["subject"]["span"][0] and a["subject"]["span"][1] <= sb["span"][1]:
                # the subject ends with the other span ("attacks lasting 15 minutes [to 3 hours]",
                # "fever for a week or more [in the 30 days]"): both bound the same subject
                b["subject"] = _copied(a["subject"])
            break


# bullets and list marks before a criterion's first word
_LEAD_MARKS = re.compile(r"[\s\-–•*·]*(?:\(?[0-9]{1,2}[.)]\s*|\(?[a-z][.)]\s+)?")
# the label after the colon, up to its value ("Leukocytes >= 3,000/mcL", "ANC: 1500")
_LABEL_AFTER_COLON = re.compile(r"\s*(?P<label>[A-Za-z][^<>≤≥=\d:;\n(]{0,60}?)\s*(?=[<>≤≥=(]|\d|$|\s(?:of|at least|greater|less|more|above|below)\b)",
                                re.IGNORECASE)


def windows_before_colon(text: str, out: list[dict]) -> None:
    """Windows that open a criterion and end at a colon ("Within 2 weeks prior to screening step
    registration and within 4 weeks prior to treatment step registration: Leukocytes >=
    3,000/mcL") bound what the colon introduces: the label of the value after it."""
    times = [c for c in out if c["type"] == "time"]
    if not times or _LEAD_MARKS.match(text).end() != times[0]["span"][0]:
        return
    first_end = times[0]["span"][1]
    colon = text.find(":", first_end, first_end + 200)
    if colon == -1:
        return
    between = text[first_end:colon]
    if ";" in between or ". " in between \
            or any(not _wrapped(text, first_end + i) for i, ch in enumerate(between) if ch == "\n"):
        return
    if not all(c.get("event") for c in times if c["span"][1] <= colon):
        return  # "At least 2 weeks since prior radiotherapy and recovered Surgery: ...": a list's items
    m = _LABEL_AFTER_COLON.match(text, colon + 1)
    label = trim_subject(text, *m.span("label")) if m else None
    if label is None or not any(c["type"] == "value" and 0 <= c["span"][0] - m.end() <= 2 for c in out):
        return  # the label of a value written right after it
    for c in times:
        if c["span"][1] <= colon:
            c["subject"] = _copied(label)
