"""A quantity of time as a window or a duration (CONTRACT "Time"): its relation to an event,
"since" and "ago", recent and instant cues."""
from __future__ import annotations

import re
from functools import lru_cache

from ...normalize.resources import load
from ..patterns import word_alternation
from ..windows import (after_last, between_events, duration_subject, history_since, in_span_direction, interval_window,
                       measure_in_seconds, prognosis_subject, subject_before, survival_horizon,
                       time_fields, washout_window)
from ..windows.step_anchor import before_treatment, before_unplaced_anchor, outcome_after, step_as_anchor
from .common import Atom, _AGE_BEFORE, _FOR_BEFORE, _OLDER_YOUNGER_THAN, lookback
from .ages import _OF_AGE_AFTER, _thing_aged, _years_value
from .cues import _left_cue


@lru_cache(maxsize=1)
def _relation_window_word() -> re.Pattern:
    """A word of time_events.json 'relation_window_words' right before a span ("during 6
    months"), or of its 'within_typos' (group "typo": "with 30 days prior to screening")."""
    data = load("time_events")
    words = word_alternation(data["relation_window_words"])
    typos = word_alternation(data["within_typos"])
    return re.compile(rf"(?<![\w-])(?:{words}|(?P<typo>{typos}))\s+$", re.IGNORECASE)


# what a "for the next" window's subject is, right before it: an event planned inside the span
# the last "on", "from" or "by" in the subject of an age: what follows is what is that old ("disease
# seen on an MRI less than 6 months old": the MRI; "Surgery less than 30 days old" has none)
_AGED_AFTER = re.compile(r"(?<![\w-])(?:on|from|by)\s+(?=\S)", re.IGNORECASE)


_SCHEDULED_BEFORE = re.compile(r"(?<![\w-])(?:scheduled|planned|booked)\s+$", re.IGNORECASE)
# A noun for the time between two events (windows.interval_window reads "interval between X and Y")
_INTERVAL_NOUN = re.compile(r"\b(?:time|interval|period|duration)\s+between\b")


_AGE_COMPARATOR_RULES = frozenset({"cmp.post.ge.or_older", "cmp.post.ge.and_older", "cmp.post.le.or_younger",
                                   "cmp.post.le.and_younger"})


# "of" right after a span: what lasted that long ("after 6 months of AZT therapy")
_OF_AFTER = re.compile(r"\s+of(?![\w-])", re.IGNORECASE)
# "of each other" right after a window's span: how far apart two events are
_OF_EACH_OTHER = re.compile(r"\s+of\s+(?:each\s+other|one\s+another)(?![\w-])", re.IGNORECASE)
# "later" right after a span, no relation after it ("3 months later", not "later than", "later after")
_LATER = re.compile(r"\s+later(?![\w-])(?!\s+(?:than|after|following|from|since|on|in|at|of)(?![\w-]))", re.IGNORECASE)


def _time_or_duration(g, text: str, atom: Atom, limit: int, age: bool, fields: dict, rules: list) -> dict | None:
    """Make `fields` a time window (CONTRACT "Time") when a window cue or a relation to an event
    goes with the atom, else a duration unless the number is an age. Returns the window's fields."""
    tf = time_fields(g, text, atom, limit)
    if tf and age and tf["event"] is None and atom.window is not None and _OF_AGE_AFTER.match(text, atom.end):
        rules.append("age.window_cue")  # "within 21 to 90 years of age": the age's range
        return None
    if tf and age and atom.window is None and _OLDER_YOUNGER_THAN.match(text, atom.start) \
            and _AGE_BEFORE.search(text, lookback(text, atom.start, 40), atom.start):
        # "Patients older than 75 years prior to the start of therapy": a person older than
        # that is an age, at the anchor; "an MRI not older than 4 years prior to enrolment"
        # (no person before) stays the time since the MRI
        rules.append("age.older_than")
        return None
    if tf and atom.window is None and _AGE_COMPARATOR_RULES.intersection(rules):
        # "children 12 years or older after the 1st interim analysis", "12 years of age or older
        # after randomization": a person that old, at the anchor, is an age
        rules.append("age.older_younger")
        return None
    if tf and not age and atom.window is not None and atom.window["id"] == "win.next" \
            and not _left_cue(g, text, atom.start) and (prognosis := prognosis_subject(text, atom.start)) is not None:
        # "not expected to survive the next 24 hours": how long the patient is expected to
        # live, a value of the survival as "not expected to survive 48 hours" is; "next" says
        # no comparator (with one before it, "at least the next 6 months", the window stays)
        fields["comparator"] = "="
        rules[:] = [r for r in rules if r != "win.next"] + ["cmp.implicit.eq", "time.prognosis"]
        fields["subject"] = prognosis
        return None
    if tf and atom.window is not None and atom.window["id"] == "win.for_the_next" \
            and _SCHEDULED_BEFORE.search(text, lookback(text, atom.start, 16), atom.start):
        # "chemotherapy scheduled for the next 90 days": when it falls, within that span, not a
        # span it lasts through ("expected to remain in the area for the next three years")
        fields["comparator"] = "<="
        rules.append("win.for_the_next.scheduled")
    horizon = survival_horizon(text, atom.num_start, atom.end) if not age and atom.window is None else None
    if horizon and "subject" in horizon:
        # "at least a 3-month survival", "making 180 day survival unlikely": how long the patient
        # is expected to live, a value of that survival as a life expectancy is
        rules.append("time.horizon")
        fields["subject"] = horizon["subject"]
        return None
    if not age and atom.window is None and _LATER.match(text, atom.end):
        # "a second attack at least 3 months later", "confirmed 30 minutes later": the span after
        # an earlier event the criterion names, a window after it (event null: that event is no
        # relation's anchor); "at least 2 weeks later after whole brain radiotherapy" names its
        # event and is read below
        rules.append("time.later")
        fields.update(type="time", direction="after", event=None, subject=subject_before(text, atom.start, atom.end))
        return None
    if not age and tf is None and atom.window is None and "cmp.implicit.eq" in rules \
            and _outcome_after_before().search(text, lookback(text, atom.start, 70), atom.start) \
            and not _OF_AFTER.match(text, atom.end):
        # "experience recurrence after 6 months", "Relapse to the last line of therapy after 6
        # months": the outcome that long after the treatment the criterion names, so more than
        # that span after it (event null: the treatment is no relation's anchor), not how long
        # anything lasted; "progression after 6 months of AZT therapy" says how long the therapy
        # lasted and stays a duration
        fields.update(type="time", comparator=">", direction="after", event=None,
                      subject=subject_before(text, atom.start, atom.end))
        rules[:] = [r for r in rules if r != "cmp.implicit.eq"] + ["time.outcome_after"]
        return None
    if tf and atom.window is not None and _OF_EACH_OTHER.match(text, atom.end):
        # "two attacks within 30 days of each other": how far apart two events are, either first
        rules.append("time.apart")
        fields.update(type="time", direction=None, event=None, subject=subject_before(text, atom.start, atom.end))
        return None
    wash = washout_window(g, text, atom.start, atom.end, limit, tf) \
        if not age and (tf is None or tf["direction"] == "before" and atom.window is None) else None
    if wash:  # "a minimum of 2-week washout before randomization": a window before the anchor
        rules += wash["_rules"]
        fields.update(type="time", direction="before", event=wash["event"],
                      subject=subject_before(text, atom.start, wash["_end"]))
        return wash
    # (an age is never written "for the past N years": "the patient has been disease-free for the
    # past 5 years" is the state's duration, whatever the people before it suggest)
    for_past = tf and atom.window is not None and atom.window["id"] in _FOR_PAST_WINDOWS
    longer = _OR_LONGER.match(text, atom.end) if for_past else None
    if for_past and (longer or _state_before().search(text, lookback(text, atom.start, 60), atom.start)):
        # "Medications and doses stable for the past month", "amenorrhea for the previous 12
        # months": how long the state has lasted up to now (a duration, "for" says how long; no
        # bound is written), not a time within that window; "at least one headache episode a
        # month for the previous 1 year (or longer)": the same, at least that long
        rules[:] = [r for r in rules if r != atom.window["id"]] + ["time.duration.state"]
        fields.update(type="duration", direction=None, event=None, comparator=">=" if longer else "=",
                      subject=subject_before(text, atom.start, atom.end))
        return None
    stable = tf and atom.window is None and tf["direction"] == "before" \
        and _STABLE_FOR.search(text, lookback(text, atom.start, 50), atom.start)
    lasted = stable or tf and atom.window is None and tf["direction"] == "before" \
        and _FOR_BEFORE.search(text, lookback(text, atom.start, 30), atom.start) \
        and not absence_before(text, atom.start) \
        and not _BEFORE_AND_AFTER.match(text, atom.end)
    if lasted and not stable and _instant_before().search(text, lookback(text, atom.start, 140), atom.start):
        # "Has initial onset of signs/symptoms ... for <=7 days prior to randomization": an
        # instant lasts no time, so the span is the time since it, the window read below ("after
        # the onset of symptoms and on stable medication for at least 4 weeks" stays a duration)
        rules.append("time.for.instant")
    elif lasted:
        # "on a stable dose for at least 4 weeks before screening", "on mechanical ventilation
        # for more than 48 hours prior to screening": how long it has lasted up to the anchor (a
        # duration); "off steroids for 4 weeks before enrollment" is the time since it ended
        rules.append("time.duration.for")
        tf = None
        fields.update(type="duration", direction=None, event=None,
                      subject=subject_before(text, atom.start, atom.end))
        return None
    if tf and tf["direction"] == "before" and atom.window is None and not age \
            and (prognosis := prognosis_subject(text, atom.start)) is not None:
        # "Life expectancy less than 3 months before COVID-19", "life expectancy of >3 months
        # before lymphodepletion": a survival looks ahead from the anchor, a value, no window
        rules.append("time.prognosis")
        fields["subject"] = prognosis
        return None
    if tf:
        rules += tf["_rules"]
        word = _relation_window_word().search(text, lookback(text, atom.start, 20), atom.start) \
            if atom.window is None and atom.comparator is None and tf["event"] is not None \
            and tf["direction"] == "before" else None
        if word:
            # "during 6 months before our trial": a window up to the event, as "during the past";
            # "with 30 days prior to screening" the same, 'with' written for 'within'
            fields["comparator"] = "<="
            rules[:] = [r for r in rules if r != "cmp.implicit.eq"] + [
                "win.within_typo" if word.group("typo") else "win.relation_word"]
        subject = tf.get("subject") or subject_before(text, atom.start, tf["_end"])
        direction, event = tf["direction"], tf["event"]
        turned = step_as_anchor(text, subject, event, direction, tf["_rules"]) if not tf.get("subject") else None
        if turned:  # "Enrollment within 72 hours of hospital admission": the admission before enrollment
            direction, event, subject = turned
            rules.append("rel.step_subject")
        elif outcome_after(subject, event, direction, tf["_rules"]):
            direction = "after"  # "Relapse within 6 months of adjuvant therapy": after the therapy
            rules.append("rel.outcome.after")
        elif before_treatment(text, atom.start, event, direction, tf["_rules"]):
            direction = "before"  # "negative pregnancy test within 2 weeks of therapy": by its start
            rules.append("rel.of.treatment")
        elif before_unplaced_anchor(text, atom.start, event, direction, tf["_rules"]):
            direction = "before"  # "medication within 24 hours of amifostine administration"
            rules.append("rel.of.anchor.unplaced")
        fields.update(type="time", direction=direction, event=event, subject=subject)
        return tf
    before200 = text[lookback(text, atom.start, 200):atom.start].lower() if not age else ""
    if ("from" in before200 or "between" in before200 and _INTERVAL_NOUN.search(before200)) \
            and not _years_value(text, atom):
        between = interval_window(g, text, atom.start)
        if between:  # "Time from symptom onset to randomization ≤ 10 days", "interval between X and Y is ..."
            rules.append("time.interval")
            fields.update(type="time", direction="before", event=between["event"], subject=between["subject"])
            return None
    if not age and not _years_value(text, atom):
        between = between_events(g, text, atom.end)
        if between:  # "An interval of at least 4 weeks between prior radiotherapy and enrollment"
            rules.append("time.between_events")
            fields.update(type="time", direction="before", event=between["event"], subject=between["subject"])
            return None
    if not age and (prognosis := prognosis_subject(text, atom.start)) is not None:
        rules.append("time.prognosis")  # "would limit survival to < 3 months": a value of the survival
        fields["subject"] = prognosis
        return None
    if not age and _thing_aged(text, atom):
        # "Surgery less than 30 days old", "fracture over 3 days old": how old it is, the time
        # since it, a window before the present
        rules.append("time.thing_old")
        fields.update(type="time", direction="before", event=None, subject=after_last(subject_before(text, atom.start, atom.end), _AGED_AFTER))
        return None
    comparator = fields.get("comparator")
    upper = comparator in ("<", "<=", "between") or comparator == "=" and text[:atom.start].rstrip().endswith("(") \
        and text[atom.end:].lstrip().startswith(")")
    # (the recency words are looked for only where the bound allows a reading: the search is the
    # costly test)
    recent = _recent_before().search(text, lookback(text, atom.start, 80), atom.start) \
        if not age and (upper or comparator in (">", ">=")) and not _years_value(text, atom) else None
    # ("due to a remote (> 6 months) treated infection": a lower bound on the time since it)
    if recent is not None and (upper or recent.group()[:6].lower() == "remote"):
        # "Recent trauma (< 6 months)", "recent major surgery <14 days": how long ago, an upper
        # bound on the time since it (a window before the present); "Recent skull injury (6
        # months)", "a recent (12 months) history of seizure": the same window, no comparator written
        rules.append("time.recent")
        fields.update(type="time", direction="before", event=None, subject=subject_before(text, atom.start, atom.end))
        return None
    if not age and atom.window is None and not _years_value(text, atom) \
            and _acute_before().search(text, lookback(text, atom.start, 60), atom.start):
        # "No myocardial infarction <6 months", "ST-elevation infarction (<12 hours)", "stroke
        # ... for less than 3 months": an event over in a moment, so the span is the time since
        # it (a window before the present), not how long it lasted
        rules.append("time.acute_event")
        fields.update(type="time", direction="before", event=None, subject=subject_before(text, atom.start, atom.end))
        return None
    if not age and not _years_value(text, atom) and (
            _SINCE_BEFORE.search(text, lookback(text, atom.start, 12), atom.start)
            or _TIME_SINCE_BEFORE.search(text, lookback(text, atom.start, 80), atom.start)
            or _PAREN_SINCE_AFTER.match(text, atom.end) or _PAREN_ELAPSED_AFTER.match(text, atom.end)
            or _since_after().match(text, atom.end)
            or _event_time_before().search(text, lookback(text, atom.start, 40), atom.start)):
        # "Menopausal since at least 6 months", "symptoms since less than 72 hours", "Time since
        # diagnosis of T1DM ≥ 5 years", "At least 4 weeks (6 weeks for nitrosoureas) since prior
        # chemotherapy", "<1 year diagnosed cancer", "Onset time =14 days": the time since it,
        # the subject before the present (CONTRACT "Time": "since" phrasings)
        rules.append("time.since")
        fields.update(type="time", direction="before", event=None, subject=subject_before(text, atom.start, atom.end))
        return None
    if atom.time_unit in ("s", "ms") and measure_in_seconds(text, atom.start):
        rules.append("time.measure")  # "Q-waves of ≥0.03 sec": a value of the measure named
        if "value" in fields:
            fields["normalized"] = {"value": fields["value"], "unit": atom.time_unit}
        return None
    if not age and not _years_value(text, atom):
        since = history_since(g, text, atom.start)
        if since:  # "Onset of symptoms < 5 days": the time since the onset, not how long it lasts
            rules.append("time.history.since")
            fields.update(type="time", direction="before", event=None, subject=since)
            return None
        in_direction = in_span_direction(text, atom.start) if atom.comparator and atom.time_unit in _IN_SPAN_UNITS else None
        if in_direction:  # "positive report in less than 24 hours": a window against the present
            rules.append("time.in_span")
            fields.update(type="time", direction=in_direction, event=None, subject=subject_before(text, atom.start, atom.end))
            return None
        if _OFF_FOR_BEFORE.search(text, lookback(text, atom.start, 160), atom.start) \
                or (_HELD_BEFORE.search(text, lookback(text, atom.start, 20), atom.start)
                    or _NO_FOR_BEFORE.search(text, lookback(text, atom.start, 140), atom.start)) \
                and not _RELATION_LATER.match(text, atom.end):
            # "must have been off all previous chemotherapy for at least 3 weeks": the time since
            # the treatment stopped, before the present, as "off steroids for 4 weeks before
            # enrollment" is before the enrollment (the registries gold's convention); so is a
            # clause opened by "no" ("no formal pulmonary rehabilitation training for at least 12
            # months": the time since the last), not a plan ("no anticipated need for ..."), and a
            # drug held so long ("Previous anti-androgen should be held at least 4 weeks")
            rules.append("time.off_for")
            fields.update(type="time", direction="before", event=None,
                          subject=subject_before(text, atom.start, atom.end))
            return None
        rules.append("time.duration")
        fields.update(type="duration", direction=None, event=None,
                      subject=duration_subject(text, atom.start, atom.end))
    return None


# Units of a window after "in" (a race "in less than 6 minutes" is how long it takes)
_IN_SPAN_UNITS = frozenset({"h", "d", "wk", "mo", "a"})
# a parenthesis between a span and its "since": after the first span or around the second
_PAREN_SINCE_AFTER = re.compile(r"(?:\s*\([^()]{1,60}\)|[^()]{0,60}\))\s+since(?![\w-])", re.IGNORECASE)
# or its "should have passed" that ends the clause, after a longer bracket of cases ("5 half-lives
# or 30 days (4 months for studies conducted in Japan 3 months for studies conducted in the UK
# [whichever is longer]) should have passed."); bare "passed" stays a relation's own reading
_PAREN_ELAPSED_AFTER = re.compile(r"(?:\s*\([^()]{1,120}\)|[^()]{0,120}\))\s+(?:must\s+|should\s+)?(?:have|has)\s+"
                                  r"(?:elapsed|passed)[ \t]*(?:$|[.,;:\n])", re.IGNORECASE)
# "since" right before the bound ("since less than 72 hours"), and French "depuis" ("Diagnostic
# porté depuis moins de 48h"), which EU CTR records write
_SINCE_BEFORE = re.compile(r"(?<![\w-])(?:since|depuis)\s+$", re.IGNORECASE)
_TIME_SINCE_BEFORE = re.compile(r"(?<![\w-])time\s+since(?![\w-])(?:[^.;\d]|(?<=[A-Za-z])\d|\d(?=[A-Za-z])){0,60}$",
                                re.IGNORECASE)  # digits only inside names ("T1DM")


@lru_cache(maxsize=1)
def _since_after() -> re.Pattern:
    """A word right after a span that makes it the time since an event ('since_after_words' of
    models/time_events.json: "<1 year diagnosed cancer")."""
    words = word_alternation(load("time_events")["since_after_words"])
    return re.compile(r"\s+" + words + r"(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _event_time_before() -> re.Pattern:
    """An event's 'time' heading the bound that follows ('since_event_time_words' of
    models/time_events.json: "Onset time =14 days", "diagnosis time is less than 7 days")."""
    words = word_alternation(load("time_events")["since_event_time_words"])
    return re.compile(r"(?<![\w-])" + words + r"\s+time\s*(?:(?:is|was)\s+|:\s*)?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _acute_before() -> re.Pattern:
    """The name of an event over in a moment ('acute_events' of models/time_events.json) right
    before a span: nothing but an opening parenthesis, a colon or "for" between (the upper-case
    abbreviations with their case, the names with any)."""
    names = load("time_events")["acute_events"]
    spelled = word_alternation([n for n in names if not n.isupper()])
    letters = word_alternation([n for n in names if n.isupper()])
    return re.compile(r"(?<![\w-])(?:(?i:" + spelled + r")|" + letters + r")(?![\w-])"
                      r"(?:\s*[(:]\s*|\s+(?i:for)\s+|\s+)$")


@lru_cache(maxsize=1)
def _outcome_after_before() -> re.Pattern:
    """A relapse, progression or recurrence ('outcome_words' of models/time_events.json) and then
    "after" right before a span, in one clause with no number between."""
    words = word_alternation(load("time_events")["outcome_words"])
    return re.compile(r"(?<![\w-])" + words + r"(?![\w-])[^.;:()\d]{0,60}?(?<![\w-])after\s+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _recent_before() -> re.Pattern:
    """A word for recency ('recent_words' of models/time_events.json) before a span in its clause."""
    words = word_alternation(load("time_events")["recent_words"])
    # digits glued to a name's letters are no span ("Recent hospitalization due to COVID-19 (0-3 days)")
    # (an "i.e." or "e.g." between is no sentence end: "due to remote, i.e., > 6 months treated, infection")
    return re.compile(r"(?<![\w-])" + words + r"(?![\w-])(?:(?<![\w-])(?:i\.e|e\.g)\.|[^;:.()\d]|(?<=[A-Za-z]-)\d+){0,60}\(?\s*$",
                      re.IGNORECASE)


# A span before an event paired with a span after it ("for 2 hours before and 1 hour after each
# dose"): one period around the event, two windows that share its anchor (windows.share_anchor_back)
_BEFORE_AND_AFTER = re.compile(r"\s*(?:before|prior\s+to|preceding)\s+(?:and\s*/\s*or|and|or)\s+"
                               r"(?:[\d.]+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s*[a-z]+\s+"
                               r"(?:after|following)(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _instant_before() -> re.Pattern:
    """A word of an event that happens at an instant ('instant_history_words' of
    models/time_events.json: "onset") in the clause before a span, with no mark, "and", "or" or
    stability word between: the head of what the span is of ("after the onset of symptoms and
    on stable medication ... for at least 4 weeks" speaks of the medication)."""
    words = word_alternation(load("time_events")["instant_history_words"])
    return re.compile(r"(?<![\w-])" + words + r"(?![\w-])(?:(?!\b(?:and|or|stable|unchanged|constant)\b)[^.;:]){0,100}$",
                      re.IGNORECASE)
# words of stopping, read near a span and further back in its clause alike
_STOP_WORDS = (r"off|stopped|stop|discontinued|discontinue|ceased|cessation|washout|wash-out|withdrawn|withheld|"
               r"abstain|abstained|refrain|refrained|quit")
_ABSENCE_BEFORE = re.compile(rf"(?<![\w-])(?:{_STOP_WORDS}|discontinuation|free|without|no|not|cannot|held|interrupted|"
                             r"suspended|lack|completed|abstinent|abstinence|quitted)(?![\w-])", re.IGNORECASE)
_CLAUSE_MARK = re.compile(r"[.;:]\s")
# further back, only a word of stopping or a negated receipt ("not have received"): a bare "not"
# or "no" there is another clause's ("Not pregnant", "with no change in ... medications")
_ABSENCE_FAR = re.compile(rf"(?<![\w-])(?:{_STOP_WORDS}|not\s+(?:have|has|had|been|received|taken|"
                          r"used|using|receive|take|use))(?![\w-])", re.IGNORECASE)


def absence_before(text: str, start: int) -> bool:
    """Whether the clause before a span says the thing has stopped or is absent ("off", "not",
    "discontinued"...): within 60 characters, or further back in the same clause over a list of
    what stopped ("should not have received chemotherapy, radiation therapy, immunotherapy or
    steroids for at least 4 weeks prior to starting vaccination": the time since them)."""
    if _ABSENCE_BEFORE.search(text, lookback(text, start, 60), start):
        return True
    at = max(0, start - 140)
    for m in _CLAUSE_MARK.finditer(text, at, start):
        at = m.end()
    return _ABSENCE_FAR.search(text, at, start) is not None


# "off" a treatment (or "discontinued", "stopped", "ceased" it), then "for" right before the span,
# in one clause ("off all previous chemotherapy or radiotherapy for at least 3 weeks", "have
# discontinued daily and/or weekly bisphosphonate treatment for >1 year"); not "off-label"
# "off therapy for a minimum of 5 years": the article of "a minimum of" may stand before the cue;
# a bracketed aside may name what is stopped ("off colony-stimulating factors (G-CSF, GM-CSF) for
# more than 10 days")
_OFF_FOR_BEFORE = re.compile(r"(?<![\w-])(?:off|discontinued|stopped|ceased)(?![\w-])(?:[^.;:()]|\([^()\n]{1,120}\)){1,140}?(?<![\w-])for\s+(?:an?\s+)?$",
                             re.IGNORECASE)
# (a clause opened by "no", what it names at most 70 characters with no clause word of its own;
# not a state that lasts, "no evidence of disease", "no menses", "no relapse": how long it lasted)
_NO_FOR_BEFORE = re.compile(r"(?:^|[;•]|\d[.)]|(?<![\w-])(?:had|have|has)|\s-)\s*no\s+"
                            r"(?!(?:anticipated|expected|planned|intended|need|plans?|evidence|signs?|menses|menstrual|"
                            r"menstruation|periods?|relapses?|recurrences?|re-?occurrences?)(?![\w-]))"
                            r"(?:(?!(?<![\w-])(?:unless|except|and|or|but|who|which)(?![\w-]))[^.;:()]){1,70}?"
                            r"(?<![\w-])for\s+(?:an?\s+)?$", re.IGNORECASE | re.MULTILINE)
_HELD_BEFORE = re.compile(r"(?<![\w-])(?:held|withheld)\s+(?:for\s+)?$", re.IGNORECASE)
# a relation later in the clause, across a bracketed aside ("for three weeks (six weeks if
# Rituximab) prior to study initiation"): the window's reading is left to it
_RELATION_LATER = re.compile(r"[^.;]{0,80}?(?<![\w-])(?:prior|before|after|following|preceding|until|since)(?![\w-])",
                             re.IGNORECASE)
# "for the past", "for the previous", "for the last" windows (see _state_before)
_FOR_PAST_WINDOWS = frozenset({"win.for_the_past", "win.for_previous", "win.for_the_last"})
_OR_LONGER = re.compile(r"\s*\(?\s*or\s+(?:longer|more)(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _state_before() -> re.Pattern:
    """A state that lasts (time_events.json 'lasting_state_words') written at most five words
    before the position searched up to ("stable antiretroviral therapy for the past 2 months")."""
    words = word_alternation(load("time_events")["lasting_state_words"])
    return re.compile(rf"(?<![\w-]){words}(?![\w-])(?:\s+[\w\-/()]+){{0,5}}?\s+$", re.IGNORECASE)


_STABLE_FOR = re.compile(r"\b(?:stable|unchanged|constant)\b(?:\s+[\w\-/()]+){0,5}?\s+for(?:\s+(?:an?|the))?\s+$", re.IGNORECASE)
