"""time_fields(): a quantity of time to the fields of a window or a duration (type, comparator
side, direction, event, subject, rules)."""
from __future__ import annotations

import re

from .anchors import _RANGE_TO, _STUDY_WORD, _from_step, _milestone, relation_event
from .common import lookback
from .history import (history_anchor, _course_ends, _elapsed_before, _ending, _future_before, _future_cues_before, _history_events,
                      _history_reading, _new_conjunct, _past_anchor, _past_before, _past_or_future, names_test, own_onset, state_from,
                      within_study_self)
from .spans import between_events, interval_window, prognosis_before

# A span "of" a treatment with no window cue is how long that treatment lasted, unless the
# anchor is a step of it ("2 weeks of the start of treatment").
_COURSE_OF = frozenset({"start of treatment", "prior treatment"})
_STEP_OF = re.compile(r"(?:the\s+)?(?:start|starting|initiation|initiating|beginning|commencing|first|last|end|ending|"
                      r"completion|completing|stopping|discontinuation)\b", re.IGNORECASE)
# "for" right before a span ("free of disease for > 3 years from ..."): how long, not a window
_FOR_RIGHT_BEFORE = re.compile(r"(?<![\w-])for\s+(?:an?\s+)?(?:\S+\s+){0,3}$", re.IGNORECASE)


# Windows that name the time before their anchor ("the past 3 days", "the last 6 months").
_PAST_WINDOWS = frozenset({"win.within_the_past", "win.within_the_last", "win.within_the_previous",
                           "win.within_the_preceding", "win.within_past", "win.within_last", "win.within_previous",
                           "win.in_the_past", "win.in_the_last", "win.in_the_previous", "win.in_the_preceding",
                           "win.during_the_past", "win.during_the_last", "win.during_the_previous",
                           "win.during_the_preceding", "win.over_the_past", "win.over_the_last", "win.in_past",
                           "win.in_last", "win.during_last", "win.during_past", "win.for_the_past", "win.for_the_last"})


def time_fields(g, text: str, atom, limit: int) -> dict | None:
    """direction, event and subject of a time atom, or None when nothing makes it a window.
    "_rules" lists the rule ids; "_end" is where the window's words end."""
    span = between_events(g, text, atom.end)
    if span is not None:  # "≤ 120 hours from first symptom onset to randomization"
        return {"direction": "before", "event": span["event"], "subject": span["subject"],
                "_rules": ([atom.window["id"]] if atom.window else []) + ["time.between_events"], "_end": span["end"]}
    rel = relation_event(g, text, atom.end, limit, anchor_of=atom.window is not None and atom.window["id"] == "win.within")
    if rel is not None and atom.window is None and rel["relation"]["id"] == "rel.of" and rel["event"] \
            and rel["event"]["name"] in _COURSE_OF and not _STEP_OF.match(rel["event"]["text"]):
        rel = None  # "at least 60 weeks of treatment", "less than 1 week of therapy with X": how long it lasted
    if rel is not None and rel["relation"]["id"] == "rel.from.unnamed":
        if atom.window is not None or _FOR_RIGHT_BEFORE.search(text, lookback(text, atom.start, 30), atom.start) \
                or prognosis_before(text, atom.start):
            rel = None  # "for at least 3 weeks from the toxicity": how long it lasted; a survival's value
        elif _history_reading(g, text, atom.start) or _AT_TIME_OF.match(text, rel["end"]):
            # "Patients must be > 4 weeks from any major surgery", "≥ 6 weeks from any
            # nitrosoureas", "must be ≥ 6 months from HSCT at the time of CAR-T cells infusion":
            # the time since it, which is the subject
            return {"direction": "before", "event": None, "_rules": ["rel.from.unnamed.since"], "_end": rel["end"],
                    "subject": {"text": rel["event"]["text"], "span": list(rel["event"]["span"])}}
    if atom.window is None and rel is None:
        return None
    if rel is None and atom.window["id"] == "win.within":
        span = interval_window(g, text, atom.start)
        if span is not None:  # "The time interval between symptom onset and randomization was within 7 days"
            return {"direction": "before", "event": span["event"], "subject": span["subject"],
                    "_rules": [atom.window["id"], "time.interval"], "_end": atom.end}
    rules = ([atom.window["id"]] if atom.window else []) + ([rel["relation"]["id"]] if rel else [])
    if rel is not None:
        direction = rel["relation"]["direction"]
        if rel["relation"]["id"] == "rel.from" and atom.window and atom.window["id"] in _PAST_WINDOWS:
            direction = "before"  # "within the past 3 days from randomization": the days before it
            rules.append("win.past.from")
    else:
        direction = atom.window["direction"]
        if atom.window["id"] in _FUTURE_WINDOWS and (_future_before(text, atom.start) or _LIKELY_AFTER.match(text, atom.end)):
            direction = "after"
            rules.append("win.future_cue")
    if direction is None and rel["relation"]["id"] in ("rel.of", "rel.of.anchor") and atom.window is not None \
            and atom.window["direction"] == "after" \
            and (not _milestone(rel["event"]) or rel["event"]["name"] in _COURSE_OF):
        # "within the first 120 days of starting buprenorphine", "during the first 4 days of
        # treatment": a window that looks forward from its anchor keeps that side, which 'of'
        # leaves open; not from a study step before the treatment ("alcohol abuse within the
        # first year of screening", as a translation writes the year before it)
        direction = "after"
        rules.append("win.forward.of")
    if rel is not None and rel["relation"]["id"] == "rel.from" \
            and (atom.window is not None and atom.window["id"] == "win.within"
                 or atom.window is None and atom.comparator in ("<", "<=")
                 # (or the restatement of such a window: "within 4 weeks (28 days) from the
                 # screening visit")
                 or atom.window is None and _WITHIN_RESTATED.search(text, lookback(text, atom.start, 50), atom.start)) \
            and _milestone(rel["event"]) and _from_step(rel["event"]) and not _RANGE_TO.match(text, rel["end"]):
        # "within 2 weeks from screening visit", "history of malignancy within 5 years from study
        # entry", "History of myocardial infarction < 6 months from study entry": a study step up
        # to the treatment's start, read as 'of' one is (below); not a period of the study
        # ("within 90 days from signing the informed consent to the last dose")
        direction = None
        rules.append("rel.from.milestone")
    if direction is None and rel["relation"]["id"] in ("rel.of", "rel.of.anchor", "rel.from") and _milestone(rel["event"]):
        # "within 12 weeks of screening", "major surgery within 4 weeks of randomization":
        # eligibility is assessed by then, so what the criterion asks about has happened,
        # unless the clause says it is to come ("planning to become pregnant within 30 days
        # of enrollment")
        cues = _future_cues_before(text, atom.start)
        if cues:
            if _past_or_future(text, cues):
                rules.append("rel.of.past_or_future")  # "Receipt or planned receipt ... within
                # 120 days of the Screening Visit": either side of it
            else:
                direction = "after"
                rules.append("rel.of.milestone.future")
        else:
            direction = "before"
            rules.append("rel.of.milestone")
    if rel and rel["relation"]["id"] == "rel.of.anchor" and _ending(rel["event"]["text"]) and _new_conjunct(g, text, atom.start):
        # "In active treatment or within 3 months of ending active treatment": the time since
        # that end, which is the subject
        return {"direction": "before", "event": None, "_rules": rules + ["rel.of.anchor.since"], "_end": rel["end"],
                "subject": {"text": rel["event"]["text"], "span": list(rel["event"]["span"])}}
    if rel and rel["relation"]["id"] == "rel.from" and rel["event"] and _elapsed_before().search(text, lookback(text, atom.start, 30), atom.start):
        # "Elapsed less than 48 hours from symptom onset": the time since it, which is the subject
        return {"direction": "before", "event": None, "_rules": rules + ["rel.from.elapsed"], "_end": rel["end"],
                "subject": {"text": rel["event"]["text"], "span": list(rel["event"]["span"])}}
    if direction is None and (rel["relation"]["id"] == "rel.of.anchor" or rel["relation"]["id"] == "rel.of"
                              and rel["event"] and rel["event"]["name"] in _course_ends()):
        # "Symptoms not expected to lead to IC transfer within 6 hours of study plasma
        # administration", "plan to breastfeed during the study or within 6 months of the last
        # dose of study treatment": what the clause expects comes after the anchor, unless it
        # asks about the past as well ("Other vaccination or planned vaccination within 4 weeks
        # of either study dose")
        cues = _future_cues_before(text, atom.start)
        if cues and _past_or_future(text, cues):
            rules.append("rel.of.past_or_future")
        elif cues:
            direction = "after"
            rules.append("rel.of.anchor.future")
    if (direction is None and atom.window is not None and atom.window["id"] == "win.within"
            and rel["relation"]["id"] in ("rel.of", "rel.of.anchor") and _past_anchor(rel["event"])
            and not _future_before(text, atom.start) and _past_before(text, atom.start)):
        # "History of drug abuse within 6 months of the study", "No prior chemotherapy within 4
        # weeks of study": the clause says the subject has happened, and the study is to come
        direction = "before"
        rules.append("rel.of.study.past_cue")
    elif (direction is None and rel is not None and within_study_self(text, atom.start, rel["event"], rules)
            and _STUDY_WORD.search(rel["event"]["text"])):
        # "Chemotherapy within 4 weeks of study", "Surgery within 3 months of the study": the
        # study itself is the anchor and eligibility is assessed as it begins, so what the
        # criterion names has happened by then (a clause that says it is to come reads after);
        # a bare "treatment" may be an earlier one ("progression within 6 months of treatment")
        direction = "before"
        rules.append("rel.of.study")
    event = rel["event"] if rel else None
    since = None
    if event and event["name"] in _history_events() and rel["relation"]["id"] in _HISTORY_RELATIONS:
        since = _history_reading(g, text, atom.start) or own_onset(text, atom.start, event)
        if not since and rel["relation"]["id"] == "rel.of" and names_test(text, atom.start):
            rules.append("rel.history.test")  # "CT scan performed within 7 days of admission": either side
        elif not since:  # "Enrollment must occur within 6 months of initial disease presentation"
            direction = "after"
            rules.append("rel.history.after")
    elif event and rel["relation"]["id"] in _HISTORY_ANCHOR_RELATIONS and _had_anchor(text, atom.start, event, rel["relation"]["id"]):
        # "Subjects less than 3 months post-transplant", "Patients more than 72 hours after an
        # operation": the time since the operation the patients have had; elsewhere the
        # window keeps its reading ("Blood transfusion within 30 days after surgery", "Patients
        # will be excluded if they receive blood more than one month after surgery")
        since = _history_reading(g, text, atom.start, conjuncts=False, max_words=_HISTORY_ANCHOR_WORDS)
    elif event and (rid := rel["relation"]["id"]) in ("rel.from", "rel.from.date", "rel.post") \
            and state_from(g, text, atom.start, event, rel["end"], post=rid == "rel.post"):
        # "Patients must be at least 4 weeks from major surgery", "must be 6 weeks from the last
        # administration of chemotherapy", "Patients with upper limb spasticity who are at least 6
        # months post stroke": how far the patients are from what they have had
        since = True
        rules.append("rel.from.state")
    if not since and event and rel["relation"]["id"] == "rel.from" and _AT_TIME_OF.match(text, rel["end"]):
        # "at least 100 days from transplant at time of enrollment": the distance from the event
        # as it stands at a moment named after it, the time since the event
        since = True
        rules.append("rel.from.at_time_of")
    if since:  # "Patients more than 7 days after diagnosis": the time since the diagnosis
        direction, event = "before", None
        rules.append("rel.history.since")
    out = {"direction": direction, "event": event, "_rules": rules,
           "_end": rel["end"] if rel else atom.end}
    if since:
        start, end = rel["event"]["span"]
        while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "-" and text[start - 2:start - 1].isalpha()):
            start -= 1  # "postpartum", "post-menopausal": the whole word, not the anchor glued on
        out["subject"] = {"text": text[start:end], "span": [start, end]}
    if rel and rel.get("subject"):
        out["subject"] = rel["subject"]
        rules.append("subject.since")
    return out


# At most this many words before a window after an operation, for the patients alone to be named
# ("Subjects", "Patients who are"): a longer clause names what happens after it.
_HISTORY_ANCHOR_WORDS = 3
_WITHIN_RESTATED = re.compile(r"(?<![\w-])within\s+[^()]{1,30}\(\s*$", re.IGNORECASE)
_HISTORY_RELATIONS = frozenset({"rel.of", "rel.after", "rel.following", "rel.from", "rel.from.date", "rel.post"})
# "within 24 hours of mechanical ventilation": an anchor no event names, after "of"
_HISTORY_ANCHOR_RELATIONS = _HISTORY_RELATIONS | {"rel.of.anchor"}
# The end of something the patient has been through, after these, is read as an operation is
# ("Less than 3 weeks after completion of previous radiotherapy", "Patients at least 4 weeks
# after completion of prior chemotherapy": the time since that end)
_ENDING_RELATIONS = frozenset({"rel.after", "rel.following", "rel.post"})
# ... but not a period that runs on to it ("and for 60 days after stopping drugs") nor a bracket
# restating another span ("for twelve months (1 year) after completion of treatment")
_PERIOD_BEFORE = re.compile(r"(?:(?<![\w-])for|\()\s*$", re.IGNORECASE)


def _had_anchor(text: str, start: int, event: dict, relation: str) -> bool:
    """Whether the anchor is something the patient has had: an operation (history_anchor), or,
    after 'after', 'following' or 'post', the end of something they have been through, not
    where a period runs on to it (_ENDING_RELATIONS, _PERIOD_BEFORE)."""
    return history_anchor(event) or _ending(event["text"]) and relation in _ENDING_RELATIONS \
        and not _PERIOD_BEFORE.search(text, lookback(text, start, 12), start)


# a moment named after a window's anchor, at which the distance from the anchor is measured
_AT_TIME_OF = re.compile(r"\s*,?\s*(?:at|by)\s+(?:the\s+)?time\s+of(?![\w-])", re.IGNORECASE)
# Windows that a future cue before them turns to the future: "to be performed within 3 months",
# "Forecast of transfer to another center in the 12 hours".
_FUTURE_WINDOWS = frozenset({"win.within", "win.in_the"})
# ... and so does a forecast right after the window ("such severity that death within 7 to 10
# days is likely", "discharge within 48 hours is expected")
_LIKELY_AFTER = re.compile(r"\s+(?:is|are|seems?|appears?)\s+(?:(?:very|highly|most)\s+)?(?:likely|expected|anticipated|imminent|probable)(?![\w-])",
                           re.IGNORECASE)
