"""Passes over a criterion's constraints once find() has built them: spans of time restated in
another unit, a shared reference, conversion notes, scale definitions and windows
shared by the cases of a bracket."""
from __future__ import annotations

import re

from .. import accounting
from ..windows import BOUNDS, relation_event
from ..windows.common import copied
from .common import _FOR_BEFORE, lookback
from .ages import _same_span_of_time
from .spans import _STABLE_FOR, absence_before


# A span restated in parentheses in another time unit: "within 4 weeks (28 days) prior to
# registration", "at least 2 weeks (14 days) since prior radiotherapy".
_RESTATED_OPEN = re.compile(r"\s*\(\s*")
_RESTATED_CLOSE = re.compile(r"\s*\)")


def _share_restated(text: str, out: list[dict]) -> None:
    """The same span of time restated in parentheses in another unit is the same window: the
    restatement takes the comparator written before it (the registries gold's rule for a bound
    restated in ordinary units), and both take the anchor written after it; a duration the
    restatement shows to be a window ("since prior radiotherapy") becomes that window."""
    for a, b in zip(out, out[1:]):
        if a["type"] not in ("time", "duration") or b["type"] not in ("time", "duration") \
                or "cmp.implicit.eq" not in b["rules"]:
            continue
        if not (_RESTATED_OPEN.fullmatch(text, a["span"][1], b["span"][0])
                and _RESTATED_CLOSE.match(text, b["span"][1]) and _same_span_of_time(a, b)):
            continue
        if a["comparator"] not in BOUNDS:
            if a["comparator"] == "=" and a["type"] == "duration" and b["type"] == "time" and b["direction"] == "after" \
                    and b.get("event"):
                # "for 6 months (180 days) after end of study": as "for 2 months after study
                # participation" is, a window after the event its restatement names
                a.update(type="time", direction="after", event=copied(b["event"]))
                a["rules"] = [r for r in a["rules"] if not r.startswith("time.duration")] + ["time.restated"]
                _same_subject(a, b)
            continue
        # a duration by its own words ("stable dose for at least 12 weeks (84 days) before
        # screening") stays one, and so does its restatement
        s = a["span"][0]
        lasted = "time.duration.for" in a["rules"] or a["type"] == "duration" and bool(
            _STABLE_FOR.search(text, lookback(text, s, 50), s) or _FOR_BEFORE.search(text, lookback(text, s, 30), s)
            and not absence_before(text, s))
        if b["type"] == "time" and not lasted and (a["type"] == "duration" or a.get("event") is None and b.get("event")):
            if a["type"] == "duration":
                a["rules"] = [r for r in a["rules"] if r != "time.duration"]
            a.update(type="time", direction=b["direction"], event=b.get("event"))
            a["rules"].append("time.restated")
        b.update(type=a["type"], comparator=a["comparator"], direction=a.get("direction"), event=a.get("event"))
        if b["type"] == "duration":   # its anchor words belong to the duration's own phrase
            b["subject"] = a.get("subject")
            b["rules"] = [r for r in b["rules"] if not r.startswith("rel.")]
        b["rules"] = [r for r in b["rules"] if r not in ("cmp.implicit.eq", "time.duration")] + ["cmp.shared.restated"]
        _same_subject(a, b)


def _same_subject(a: dict, b: dict) -> None:
    """The restatement `b` bounds what the span `a` bounds: `a`'s subject is its own, and without
    one, no subject of its own read over `a` ("for twelve months (1 year) after ...": "for twelve
    months") is left."""
    sb = b.get("subject")
    if a.get("subject"):
        # (and a subject of its own elsewhere is another window's: "topical steroids within 4
        # weeks (28 days) ..., or intraocular steroids within 16 weeks (112 days)")
        b["subject"] = copied(a["subject"])
    elif sb and sb["span"][0] <= a["span"][0] < sb["span"][1]:
        b["subject"] = None


# A multiplier right after a bound that names nothing it multiplies ("Upto 5 times in case of
# chronic liver disease", "greater than 2 times or ... 1.5 times the upper limit of normal"); a
# frequency ("3 times a week", "4 times / day") is no multiple
_BARE_MULTIPLIER = re.compile(r"\s*(?:times|x|×|-?fold)(?![\w/-])(?!\s*(?:per|a|an|each|every|/|daily|weekly|monthly|yearly|in\s+(?:the|a|an|last|past|one|two|\d+))(?![\w-]))",
                              re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;](?:\s|$)")


def _shared_reference(text: str, out: list[dict]) -> None:
    """A bound with a bare multiplier multiplies the normal limit the criterion names for its
    neighbour: the next bound's when the two are alternatives in one sentence, else the one
    before it (the registries gold's rule for alternatives: what is written once holds for each)."""
    for i, c in enumerate(out):
        if c["type"] != "value" or c.get("unit") or c.get("reference") or c["comparator"] not in ("<", "<=", ">", ">=", "="):
            continue
        m = _BARE_MULTIPLIER.match(text, c["span"][1])
        if not m:
            continue
        ref = None
        nxt = next((o for o in out[i + 1:] if o["span"][0] >= m.end()), None)
        if nxt and nxt.get("reference") and nxt["span"][0] - m.end() <= 60 \
                and not _SENTENCE_END.search(text, m.end(), nxt["span"][0]):
            ref = nxt["reference"]
        else:
            prev = next((o for o in reversed(out[:i]) if o["span"][1] <= c["span"][0]), None)
            if prev and prev.get("reference") and c["span"][0] - prev["span"][1] <= 60:
                ref = prev["reference"]
        if ref:
            c.update(reference=ref, text=text[c["span"][0]:m.end()], span=[c["span"][0], m.end()])
            c["rules"] = c["rules"] + ["ref.shared"]


# A dose per period written once after a list of doses: "simvastatin 80 mg, or atorvastatin 20-80
# mg, or rosuvastatin 10-40 mg daily", ">120 mcg vitamin K (any form), or >15 mg zinc taken daily",
# "fluticasone 1000 mcg + salmeterol 100 mcg daily"
_DOSE_AMOUNTS = frozenset({"mg", "g", "ug", "[iU]"})
_DOSE_PER_PERIOD = re.compile("(?:" + "|".join(map(re.escape, sorted(_DOSE_AMOUNTS))) + r")/(?P<period>d|wk|mo|h)")
_DOSE_LIST_JOIN = re.compile(r",|\+|(?<![\w-])(?:or|and)(?![\w-])", re.IGNORECASE)
_DOSE_LIST_STOP = re.compile(r"\d|[.;:](?:\s|$)|\n\s*(?:\n|[-*•]|\d+[.)])")


def _shared_dose_period(text: str, out: list[dict]) -> None:
    """A dose with no period of its own, followed in the same list by a dose per period (only
    drug names, brackets and a joining comma, "or", "and" or "+" between), is per that period
    as well: the period written once holds for each dose of the list (the registries gold's rule
    for a unit written once). Read from the last dose back, so that the period runs up the list."""
    for i in range(len(out) - 1, 0, -1):
        a, b = out[i - 1], out[i]
        if a["type"] != "value" or b["type"] != "value" or not a.get("unit") or not b.get("unit") \
                or a["unit"].get("ucum") not in _DOSE_AMOUNTS or "normalized" in a:
            continue
        m = _DOSE_PER_PERIOD.fullmatch(b["unit"].get("ucum") or "")
        between = text[a["span"][1]:b["span"][0]]
        if m is None or len(between) > 60 or not _DOSE_LIST_JOIN.search(between) or _DOSE_LIST_STOP.search(between):
            continue
        a["unit"] = dict(a["unit"], ucum=a["unit"]["ucum"] + "/" + m.group("period"))
        a["rules"] = a["rules"] + ["unit.period.shared"]


# "(1mmHg=0.133kPa)", "(1 g/dL = 10 g/L)": a unit conversion note in parentheses bounds nothing
_NOTE_OPEN = re.compile(r"\(\s*$")
_NOTE_EQUALS = re.compile(r"\s*=\s*(\d+(?:[.,]\d+)?\s*[^\W\d_][^\s()]*)\s*\)")


def _drop_conversion_notes(text: str, out: list[dict]) -> list[dict]:
    drop: set[int] = set()
    for i, c in enumerate(out):
        s, e = c["span"]
        m = _NOTE_EQUALS.match(text, e)
        if c["type"] != "value" or not c.get("unit") or not m or not _NOTE_OPEN.search(text, max(0, s - 4), s):
            continue
        drop.add(i)
        drop.update(k for k, o in enumerate(out) if e <= o["span"][0] and o["span"][1] <= m.end())
    return [c for i, c in enumerate(out) if i not in drop]


_SCALE_NOUN = re.compile(r"\b(?:scale|nrs|vas)\b", re.IGNORECASE)
# the word "scale" right before a range, "of" or "ranging" between ("on a scale of 0-4"), or right
# before a range opened by "from" ("a scale from 0 to 10": the "from" is in the range's span)
_SCALE_OF_BEFORE = re.compile(r"(?<![\w-])scale\s+(?P<of>of\s+|ranging\s+)?$", re.IGNORECASE)
# "4-10 on the NRS" is a score on the scale; "0-10 numeric rating scale" names the scale
_SCORE_ON = re.compile(r"\b(?:on|in|of|at|by|the|a|an)\b", re.IGNORECASE)


def _defines_scale(text: str, c: dict) -> bool:
    """A bare value or range that says what a scale runs over ("on a 0-10 numeric rating scale",
    "on 10 point scale") bounds nothing: the threshold is the score written beside it. A
    comparator word keeps it ("at least 2 points on the scale")."""
    rules = c.get("rules", ())
    if c.get("comparator") not in ("=", "between") or any(
            r.startswith("cmp.") and not r.startswith("cmp.implicit") for r in rules):
        return False
    s, e = c["span"]
    # "(on a scale of 1-4)", "scored on a scale from 0 to 3": the scale's own range (a scale named
    # right before its range is bounded by it: "Zubrod Performance Scale 0-1")
    if c.get("comparator") == "between" and c.get("low") in (0, 1) \
            and (m := _SCALE_OF_BEFORE.search(text, lookback(text, s, 25), s)) \
            and (m.group("of") or text[s:s + 4].lower() == "from"):
        return True
    noun = _SCALE_NOUN.search(text, e, min(len(text), e + 60))
    if noun is None or _SCORE_ON.search(text, e, noun.start()):
        return False
    return any(m.start() <= s and e <= m.end()
               for m in accounting.pattern("scale.points").finditer(text, max(0, s - 20), noun.end()))


# "At least 4 weeks since prior chemotherapy (6 weeks for nitrosoureas)", "within 4 weeks (3
# months for UCN01) prior to entering the study": a span in parentheses after a window, for a
# named case, is the same window for that case; an "or" may open the parenthesis ("within 72
# hours (or 96 hours for cIAI) prior to the first dose").
# (a digit right after a letter, a hyphen or such a digit is part of a name: "before beginning
# treatment with SB-485232 (6 weeks for nitrosoureas and mitomycin C)")
_OPEN_AFTER_WINDOW = re.compile(r"(?:[^();:.\d<>≤≥=]|(?<=[A-Za-z\d-])\d){0,80}\(\s*(?:or\s+)?")
_OPEN_RIGHT_AFTER = re.compile(r"\s*\(\s*(?:or\s+)?")
_CASE_WORDS = re.compile(r"\s+(?:for|in|with|if|when|after)\s+", re.IGNORECASE)
_NEXT_CASE = re.compile(r"[^();:.\d<>≤≥=]{0,60}[;,]\s*(?:and\s+|or\s+)?")
# (a wrapped line's indentation may stand in the case's words: "(6 weeks for nitrosoureas or
# mitomycin\n     including Gliadel wafer therapy)")
_CASE_CLOSE = re.compile(r"\s+(?:for|in|with|if|when|after)\b[^();:<>≤≥=]{1,80}\)")
_CASE_THEN_NEXT = re.compile(r"\s+(?:for|in|with|if|when|after)\b[^();:.\d<>≤≥=]{1,60}?(?:[;,]\s*)?(?:and\s+|or\s+)?")
_CASE_BEFORE_NEXT = re.compile(_CASE_THEN_NEXT.pattern + r"(?=\d)")


# a span joined to a window by "or", "and" or a comma after the window's words, and the case it is
# for after it ("... prior to the first vaccination or 6 months for chemotherapies", "Chemotherapy
# within 4 weeks, 6 weeks for nitrosoureas or mitomycin C")
_CASES_JOINED = re.compile(r"\s*(?:,\s*(?:(?:or|and)\s+)?|(?:or|and)\s+)", re.IGNORECASE)
_CASE_FOR = re.compile(r"\s+for\s+(?!(?:the\s+|a\s+)?(?:next|past|last|previous|following|duration|period|rest|remainder|length)\b)"
                       r"(?!(?:at\s+least|more\s+than|up\s+to|\d))[A-Za-z]", re.IGNORECASE)


# the case after the window's anchor or subject ("A minimum of 2 weeks must have elapsed between
# the end of whole brain radiotherapy and study enrollment (1 week for stereotactic radiotherapy)"),
# an aside in brackets may stand between ("since prior major surgery (e.g., laparotomy) (2 weeks
# for minor surgery)"), and so may the last item of a list the subject was cut before ("from the
# end of previous chemotherapy, hormonal therapy, or radiotherapy (six weeks for nitrosoureas)")
_CASE_AFTER_WORDS = re.compile(r"(?:,?\s+(?:or|and|and/or)\s+[^()\d;:.,]{1,40}?)?(?:\s*\([^()\d]{1,40}\))?\s*\(\s*(?:or\s+)?")


def _words_end(c: dict, before: int) -> int:
    """Where a window's words end: its span, or its anchor or subject written after it (before `before`)."""
    end = c["span"][1]
    for part in (c.get("event"), c.get("subject")):
        if part and part.get("span") and end <= part["span"][1] <= before:
            end = part["span"][1]
    return end


def _share_windows(g, text: str, out: list[dict]) -> None:
    """A duration written bare in parentheses after a time window, for a named case, takes the
    window's comparator, direction and anchor (the comparator governing alternatives, as in
    `_share_alternatives`); an anchor written after the parenthesis holds for both. The
    parenthesis may also follow the window's anchor or subject ("... between the end of
    radiotherapy and study enrollment (1 week for radiosurgery)"); after a bounded duration with
    no anchor the case takes its bound."""
    for a, b, gap_start in _case_pairs(out):
        since = ("subject.since", "time.since")  # "since" after the spans, or after their parenthesis
        if a["type"] == b["type"] == "time" and any(r in a["rules"] for r in since) \
                and any(r in b["rules"] for r in since) \
                and "cmp.implicit.eq" in b["rules"] and (_OPEN_AFTER_WINDOW.fullmatch(text, a["span"][1], b["span"][0])
                                                         or _NEXT_CASE.fullmatch(text, a["span"][1], b["span"][0])
                                                         and "cmp.shared.window" in a["rules"]):
            # "At least 4 weeks since prior chemotherapy (2 weeks since vincristine; 6 weeks since
            # nitrosoureas)": the cases take the window's comparator
            b["comparator"] = a["comparator"]
            b["rules"] = [r for r in b["rules"] if r != "cmp.implicit.eq"] + ["cmp.shared.window"]
            continue
        if a["type"] == b["type"] == "duration" and "cmp.implicit.eq" in b["rules"] and "time.duration" in a["rules"] \
                and _OPEN_RIGHT_AFTER.fullmatch(text, a["span"][1], b["span"][0]):
            close = _CASE_CLOSE.match(text, b["span"][1])
            windowed = not _FOR_BEFORE.search(text, max(0, a["span"][0] - 30), a["span"][0]) \
                or absence_before(text, a["span"][0])
            rel = relation_event(g, text, close.end(), len(text)) if close and windowed else None
            if rel and rel.get("event") and rel["relation"]["direction"] in ("before", "after"):
                # "At least 4 weeks (6 weeks for nitrosoureas) prior to registration": the anchor
                # after the parenthesis makes both spans windows, the case's with the comparator
                for c, comparator in ((a, a["comparator"]), (b, a["comparator"])):
                    c.update(type="time", comparator=comparator, direction=rel["relation"]["direction"], event=rel["event"])
                    c["rules"] = [r for r in c["rules"] if r not in ("cmp.implicit.eq", "time.duration")] + [rel["relation"]["id"]]
                b["rules"].append("cmp.shared.window")
                case = _CASE_WORDS.match(text, close.start())
                end = close.end() - 1
                while end > case.end() and text[end - 1].isspace():
                    end -= 1
                b["subject"] = {"text": text[case.end():end], "span": [case.end(), end]}  # "nitrosoureas"
            elif close and a["comparator"] in BOUNDS:
                # "off previous therapy for at least 3 weeks (6 weeks for BCNU and mitomycin C)":
                # no anchor, the case's span bounded as the span it stands for
                b["comparator"] = a["comparator"]
                b["rules"] = [r for r in b["rules"] if r != "cmp.implicit.eq"] + ["cmp.shared.window"]
            continue
        if a["type"] != "time" or b["type"] != "duration":
            continue
        if "cmp.implicit.eq" not in b["rules"]:
            # "Greater than 4 weeks since prior chemotherapy (greater than 6 weeks for mitomycin or
            # nitrosoureas)": a case with a bound of its own is the same window, with that bound
            if "time.duration" in b["rules"] and _OPEN_AFTER_WINDOW.fullmatch(text, a["span"][1], b["span"][0]) \
                    and _CASE_CLOSE.match(text, b["span"][1]):
                b.update(type="time", direction=a["direction"], event=a["event"])
                b["rules"] = [r for r in b["rules"] if r != "time.duration"] + ["time.shared_window"]
            continue
        gap_end = b["span"][0]
        words_end = max(_words_end(a, gap_end), gap_start)
        if not (_OPEN_AFTER_WINDOW.fullmatch(text, gap_start, gap_end) or _CASE_AFTER_WORDS.fullmatch(text, words_end, gap_end)):
            if _CASE_FOR.match(text, b["span"][1]) and (_CASE_THEN_NEXT.fullmatch(text, gap_start, gap_end)
                                                         or _CASES_JOINED.fullmatch(text, words_end, gap_end)):
                # "held at least 4 weeks for flutamida or cyproterone and 6 weeks for bycalumida",
                # "within 3 months prior to the first vaccination or 6 months for chemotherapies": a
                # bare span for a named case, joined to the window, is the same window for that case
                _take_window(a, b)
                continue
            # the next case in the same parenthesis ("(4 months for studies conducted in Japan 3 months
            # for studies conducted in the UK)", "(3 days for X, 7 days for Y)") after one that took the window's
            if not ("cmp.shared.window" in a["rules"] and _CASE_THEN_NEXT.fullmatch(text, gap_start, gap_end)):
                continue
        close = _CASE_CLOSE.match(text, b["span"][1])
        if not close:
            if not _CASE_BEFORE_NEXT.match(text, b["span"][1]):  # a case that another follows in the parenthesis
                continue
        elif a.get("event") is None and a["direction"] == "before" \
                and ("win.within" in a["rules"] or "time.washout" in a["rules"]):
            at = close.end()
            while at < len(text) and text[at].isspace():
                at += 1
            rel = relation_event(g, text, at, len(text))
            if rel and rel.get("event"):  # "within 4 weeks (3 months for UCN01) prior to entering the study"
                a["direction"], a["event"] = rel["relation"]["direction"], rel["event"]
                a["rules"].append(rel["relation"]["id"])
        _take_window(a, b)


def _case_pairs(out: list[dict]):
    """Each item with the one after it and where the gap between them starts (the first's end);
    a window's alternative in half-lives stands aside, so that the case after it pairs with the
    window too, the gap starting after the alternative ("within 4 weeks or 5 half-lives of the
    agent in question (6 weeks for nitrosoureas or mitomycin C)")."""
    for i, (a, b) in enumerate(zip(out, out[1:])):
        yield a, b, a["span"][1]
        if i and a["type"] == "value" and (a.get("unit") or {}).get("ucum") == "{half_lives}" \
                and "cmp.shared" in a["rules"] and out[i - 1]["type"] == "time":
            yield out[i - 1], b, a["span"][1]


def _take_window(a: dict, b: dict) -> None:
    """The bare span of a case becomes the window `a` for that case: its kind, comparator, side and anchor."""
    b.update(type="time", comparator=a["comparator"], direction=a["direction"], event=a["event"])
    b["rules"] = [r for r in b["rules"] if r not in ("cmp.implicit.eq", "time.duration")] + ["cmp.shared.window"]


# what stands between the two bounds of one span of time: "and", "but", a comma before them
_SPAN_BOUNDS_GAP = re.compile(r"\s*,?\s*(?:and|but)\s+", re.IGNORECASE)


def _span_bounds(text: str, out: list[dict]) -> None:
    """The upper bound right after a span's lower bound, joined by "and" or "but", is the same
    span's, of its kind, anchor and subject ("Tolerated AZT daily for at least 4 months but no
    more than 12 months immediately prior to study entry": a duration too, though an anchor
    follows it; "Onset of entry stroke at least 7 days but no more than 90 days": a window too;
    "total sleep time of greater than 6.5 hours but less than 9 hours": the sleep time). Each
    bound is its own item, as two bounds with their own comparators are."""
    for a, b in zip(out, out[1:]):
        if a["type"] not in ("time", "duration") or b["type"] not in ("time", "duration") \
                or a["comparator"] not in (">", ">=") or b["comparator"] not in ("<", "<=") \
                or not _SPAN_BOUNDS_GAP.fullmatch(text, a["span"][1], b["span"][0]):
            continue
        if a["type"] == "duration" and "time.duration" in a["rules"] and b["type"] == "time":
            b.update(type="duration", direction=None, event=None)
            b["rules"] = [r for r in b["rules"] if not r.startswith("rel.")] + ["time.duration.span_bounds"]
        elif a["type"] == "time" and b["type"] == "duration" and "time.duration" in b["rules"]:
            b.update(type="time", direction=a["direction"], event=copied(a["event"]) if a.get("event") else None)
            b["rules"] = [r for r in b["rules"] if r != "time.duration"] + ["time.span_bounds"]
        if a.get("subject") and b.get("subject") != a["subject"]:
            b["subject"] = copied(a["subject"])

