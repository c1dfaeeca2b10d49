"""A study step written as a window's subject is the anchor (CONTRACT "Time": the thing that
happened is the subject, never the anchor).

"Enrollment within 72 hours of hospital admission", "Randomisation must occur within 48 hours of
first COVID-19 diagnosis", "Patients will be enrolled in the study within the first 8 hours
after injury": the clause names only a study step, and the window is 'of' or 'after' an event
the patient has had. The record then places that event (the subject) before the step (the
anchor), as "admitted ≤ 72 hours before enrollment" says the same interval: a cohort tool reads
every window against the study's own steps, whichever way the sentence is built.

A progression, relapse or recurrence is what a disease does after a treatment: a window 'of' a
treatment that leaves both sides open ("Relapse within 6 months of adjuvant therapy") places it
after the treatment (`outcome_after`); anything else timed 'within N of' the treatment, as the
study's own ("negative pregnancy test within 2 weeks of therapy", "live vaccine within 4 weeks of
treatment"), has happened by the time it begins (`before_treatment`). So has what is timed 'within
N of' an anchor none of these place and no cue in its clause places either ("medication within 24
hours of amifostine administration": `before_unplaced_anchor`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...normalize.resources import load
from ..patterns import word_alternation
from .anchors import _milestone, _milestones
from .common import _cues
from .history import (_course_ends, _future_before, _past_anchor, _steps, _study_self, unplaced_anchor_before,
                      within_of, within_study_self)

_FLIP = {"before": "after", "after": "before", None: None}
# a relative pronoun that opens the clause of a subject's last words ("..., who will be enrolled")
_RELATIVE = re.compile(r"(?<![\w-])(?:who|that)\s+", re.IGNORECASE)
# Relations that place the clause's subject at or after the event: 'of', 'after', 'from',
# 'post' ("enrolled 14 days before to 7 days after randomization" is another reading)
_AFTER_RELATIONS = frozenset({"rel.of", "rel.of.anchor", "rel.after", "rel.following", "rel.from",
                              "rel.from.unnamed", "rel.post"})


@lru_cache(maxsize=1)
def _step_subject() -> tuple[re.Pattern, dict[str, str]]:
    """A subject made of one study step and filler words ('step_subjects' of
    models/time_events.json), the step in group 'step'; and a lookup from a step's words
    (lower-cased, single-spaced) to its event name, each checked against the file's events."""
    data = load("time_events")
    spec = data["step_subjects"]
    names = {e["name"] for e in data["events"]}
    unknown = sorted({s["name"] for s in spec["steps"]} - names)
    if unknown:
        raise ValueError(f"models/time_events.json: step_subjects names no event: {', '.join(unknown)}")
    lookup = {" ".join(w.lower().split()): s["name"] for s in spec["steps"] for w in s["words"]}
    steps = word_alternation(list(lookup))
    fillers = word_alternation(spec["fillers"])
    # fillers lazily first, so that the longest step is tried before a filler takes its first
    # word ("Study entry" is the step, not "study" and "entry"); a short bracket may close it
    # ("Signed informed consent (IC)")
    rx = re.compile(rf"(?:{fillers}\s+)*?(?P<step>{steps})(?:\s+{fillers})*(?:\s*\([^()]{{1,12}}\))?",
                    re.IGNORECASE)
    return rx, lookup


@lru_cache(maxsize=1)
def _study_own_events() -> frozenset:
    """The event names of the study's own steps and course ('study_steps', 'course_steps',
    'study_milestones', 'course_end_events')."""
    study_steps, course_steps = _steps()
    return study_steps | course_steps | _milestones()[0] | _course_ends()


def _patient_event(event: dict | None) -> bool:
    """Whether an anchor is none of the study's own steps or course, nor the study itself."""
    return bool(event) and event["name"] not in _study_own_events() and not _study_self(event)


def step_as_anchor(text: str, subject: dict | None, event: dict | None, direction: str | None,
                   rules: list[str]):
    """(direction, event, subject) with the step as the anchor when `subject` names only a study
    step and `event`, after a relation of `_AFTER_RELATIONS` in `rules`, is the patient's own;
    None otherwise."""
    if not subject or not _patient_event(event) or _AFTER_RELATIONS.isdisjoint(rules):
        return None
    rx, lookup = _step_subject()
    written = subject["text"]
    m = rx.fullmatch(written.strip())
    lead = len(written) - len(written.lstrip())
    if m is None:
        # "Women with endometrial cancer, who will consent to be enrolled in the study no later
        # than 12 weeks after their primary treatment": a relative clause whose verb is the step
        # makes the step the subject; the person it follows is only who is enrolled
        rels = list(_RELATIVE.finditer(written))
        if not rels or (m := rx.fullmatch(written[rels[-1].end():].rstrip())) is None:
            return None
        lead = rels[-1].end()
    start = subject["span"][0] + lead + m.start("step")
    end = subject["span"][0] + lead + m.end("step")
    step = {"text": text[start:end], "span": [start, end],
            "name": lookup[" ".join(m.group("step").lower().split())]}
    if direction is None and _past_event(event, rules):
        # "Enrolled within 24 hours of presentation": a window 'of' the patient's own event that
        # left both sides open; once the step is the anchor, the event is one the patient has had
        # by that step (a study does not enrol on a presentation still to come)
        rules.append("rel.step_subject.past")
        return "before", step, {"text": event["text"], "span": list(event["span"])}
    return _FLIP[direction], step, {"text": event["text"], "span": list(event["span"])}


def _past_event(event: dict, rules: list[str]) -> bool:
    """Whether a window 'within N of' `event`, timing a study step, has the event before the step:
    not an anchor written so plainly that it may name a later event ('either_side_forms':
    "Randomized within 24 hours of surgery"), nor one written as still to come ("of planned
    delivery")."""
    if not within_of(rules):
        return False
    if " ".join(event["text"].lower().split()) in _milestones()[1]:
        return False
    # an anchor the clause's own future cues ('future_cues') mark as still to come
    return not any(m.lastgroup is None for m in _cues()[0].finditer(event["text"]))


@lru_cache(maxsize=1)
def _outcome_words() -> re.Pattern:
    return re.compile(r"(?<![\w-])" + word_alternation(load("time_events")["outcome_words"]) + r"(?![\w-])",
                      re.IGNORECASE)


def outcome_after(subject: dict | None, event: dict | None, direction: str | None, rules: list[str]) -> bool:
    """Whether a window that leaves both sides of `event` open places its subject after it: the
    subject is what a disease does after a treatment ('outcome_words': "Relapse within 6 months
    of adjuvant therapy", "progression within 4 weeks of stopping metronomic temozolomide")."""
    if direction is not None or event is None or subject is None or _milestone(event) or _STUDY.search(event["text"]) \
            or {"rel.of", "rel.of.anchor", "rel.from"}.isdisjoint(rules):
        return False
    # the outcome heads what the window bounds, among the subject's last words: not a modifier far
    # back in a long clause ("progressive metastatic disease requiring palliative therapy")
    tail = " ".join(subject["text"].split()[-_OUTCOME_WORDS_BACK:])
    return _outcome_words().search(tail) is not None


def before_treatment(text: str, start: int, event: dict | None, direction: str | None, rules: list[str]) -> bool:
    """Whether a 'within' window 'of' the study's treatment written bare ("within 2 weeks of
    therapy": 'study_self_anchors' with no 'study' or 'trial', which fields.py reads already), that
    no outcome or future cue placed, has its subject before the treatment: eligibility is
    assessed as the treatment begins."""
    return direction is None and event is not None and within_study_self(text, start, event, rules) \
        and _STUDY.search(event["text"]) is None


def before_unplaced_anchor(text: str, start: int, event: dict | None, direction: str | None, rules: list[str]) -> bool:
    """Whether a 'within' window 'of' an anchor that neither a study step as its subject, an
    outcome nor the study's bare treatment placed, and that is no history event, birth, earlier
    treatment or plain anchor (_past_anchor, unplaced_anchor_before), has its subject before the
    anchor with no cue in the clause: "No antihypertensive medication within 24 hours of
    amifostine administration", "within 60 days of the pulmonary resection" (eligibility is
    assessed before the study's events); a future cue keeps its reading."""
    return direction is None and event is not None and within_of(rules, uncued=True) \
        and _past_anchor(event) and unplaced_anchor_before(event) and not _future_before(text, start)


_OUTCOME_WORDS_BACK = 8
# an anchor in the study itself ("within 4 weeks of study"): what comes after it is no outcome of
# a treatment the patient has had ("of treatment" alone is: "progression within 6 months of treatment")
_STUDY = re.compile(r"(?<![\w-])(?:study|trial)(?![\w-])", re.IGNORECASE)
