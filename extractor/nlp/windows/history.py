"""On which side of its anchor a window lies: history readings ("history of", "within the past"),
past and future cues, the end of a course, "since X" as the time since X."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ...normalize.resources import load
from ..patterns import phrase_regex, word_alternation
from .common import PERMITTED_IF, _LEADING_ARTICLE, _MAX_SUBJECT, _WS, _cues, _other_bounds, lookback
from .subject import _clause_before, _last_break
from .anchors import _clause_words, _event_name, _milestones

# How far back the clause before a window is read for its cues: a clause with no break in it
# ends there (criteria run to some hundreds of characters; without a bound, a criterion of
# thousands of characters with no clause mark read its whole text again for every number).
_MAX_CLAUSE = 1000


@lru_cache(maxsize=1)
def _course_ends() -> frozenset:
    """Event names of the study's own course that end it ('course_end_events' of
    models/time_events.json: the last dose, the end of study), checked against the file's events
    so that a misspelt name fails at load rather than never matching."""
    data = load("time_events")
    unknown = sorted(set(data["course_end_events"]) - {e["name"] for e in data["events"]})
    if unknown:
        raise ValueError(f"models/time_events.json: course_end_events names no event: {', '.join(unknown)}")
    return frozenset(data["course_end_events"])


@lru_cache(maxsize=1)
def _elapsed_before() -> re.Pattern:
    """An 'elapsed_words' word of models/time_events.json opening the clause right before a span."""
    words = word_alternation(load("time_events")["elapsed_words"])
    return re.compile(r"(?:^|[\n;:•(\-–*]|\.\s)\s*" + words + r"\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _ending_words() -> re.Pattern:
    data = load("time_events")
    words = sorted(data["ending_words"], key=len, reverse=True)
    study = sorted(data["study_end_words"], key=len, reverse=True)
    # the study's own end ("the end of the trial") is still to come: no time since it
    own = r"(?!\s+(?:" + "|".join(phrase_regex(w) for w in study) + r")(?![\w-]))"
    return re.compile(r"(?:the\s+)?(?:" + "|".join(phrase_regex(w) for w in words) + r")(?![\w-])" + own,
                      re.IGNORECASE)


def _ending(anchor: str) -> bool:
    """Whether an anchor is the end of something ("ending active treatment") the patient has
    been through; not the end of the study itself."""
    return _ending_words().match(anchor) is not None


def _new_conjunct(g, text: str, start: int) -> bool:
    """Whether nothing before the window in its clause or conjunct is a subject of it."""
    _, at = _last_break(text, max(0, start - 3 * _MAX_SUBJECT), start)
    return _clause_words().conjunct_end.search(text[at:start]) is not None or _history_reading(g, text, start)


@lru_cache(maxsize=1)
def _history_events() -> frozenset:
    return frozenset(load("time_events")["history_events"])


@lru_cache(maxsize=1)
def _history_anchor_texts() -> frozenset:
    """'history_anchor_texts' of models/time_events.json, lower-cased: anchors written as an
    operation the patient has had ("post-transplant", "after an operation"), whatever event
    name they take."""
    return frozenset(t.lower() for t in load("time_events")["history_anchor_texts"])


def history_anchor(event: dict | None) -> bool:
    """Whether `event` is written as one of 'history_anchor_texts'."""
    return bool(event) and " ".join(event["text"].lower().split()) in _history_anchor_texts()


@lru_cache(maxsize=1)
def _steps() -> tuple[frozenset, frozenset]:
    """(study steps, course steps) of models/time_events.json: event names, each checked against
    the file's events so that a misspelt name fails at load rather than never matching."""
    data = load("time_events")
    names = {e["name"] for e in data["events"]}
    for key in ("study_steps", "course_steps"):
        unknown = sorted(set(data[key]) - names)
        if unknown:
            raise ValueError(f"models/time_events.json: {key} names no event: {', '.join(unknown)}")
    return frozenset(data["study_steps"]), frozenset(data["course_steps"])


@lru_cache(maxsize=1)
def _course_names() -> frozenset:
    """Every event name of the study's own course: its steps up to the treatment, the steps of the
    treatment and the events that end it (_steps, _course_ends)."""
    study, course = _steps()
    return study | course | _course_ends()


@lru_cache(maxsize=1)
def _history_readers() -> re.Pattern:
    """The words for the patients themselves ('patients', 'women'), whole words."""
    return re.compile(r"(?<![\w-])" + word_alternation(load("time_events")["history_readers"]) + r"(?![\w-])",
                      re.IGNORECASE)


def _history_reading(g, text: str, start: int, conjuncts: bool = True, max_words: int | None = None) -> bool:
    """Whether a window after a patient's history event ("after diagnosis") bounds the time
    since it: the clause before the window names the patients and no study step or other
    action ("Patients more than 7 days after diagnosis", "Confirmed cases of COVID 19
    infections within three days of diagnosis"). `conjuncts`: a window that opens a conjunct
    of its own reads so too; `max_words`: a clause that names the patients holds at most that
    many words ("Subjects", "Patients who are")."""
    _, at = _last_break(text, max(0, start - 3 * _MAX_SUBJECT), start)
    clause = text[at:start]
    if _history_words().course.search(clause):
        return True  # "The course of disease is within 14 days after onset": the time since it
    if _clause_words().no_subject.fullmatch(clause):
        return True  # "Within 7 days of symptom onset", "Must be within 10 days of diagnosis": the patient's
    if _ELIGIBLE_IF.search(clause):
        return True  # "Patients with history of allogeneic stem cell transplantation are eligible if at
        # least 100 days post-transplant": a condition with no subject of its own, the patients'
    conjunct = _AND_CONJUNCT.search(clause) if conjuncts else None
    if conjunct and (conjunct.group(1).lower() == "and" and not _BETWEEN.search(clause)
                     or len(clause[:conjunct.start()].split()) <= _OR_STATE_WORDS):
        # "≤ 10 postnatal days of life and within 24 hrs of admission", "Currently pregnant or <
        # 6 weeks post-partum": a conjunct of its own; not a range's second bound ("between the
        # start of the third trimester and 4 weeks following delivery") nor an alternative to a
        # clause that names its own subject ("Enrollment must occur within 6 months of ... OR")
        return True
    if not _history_readers().search(clause) or max_words is not None and len(clause.split()) > max_words:
        return False
    study_steps = _steps()[0]
    for m in g.event.finditer(clause):
        if _event_name(g, m.group().lower()) in study_steps:
            return False
    return not _history_words().action.search(clause)


@lru_cache(maxsize=1)
def _state_from_words() -> tuple[re.Pattern, re.Pattern]:
    """('state_from_verbs' ending a clause, 'state_from_study_words' anywhere) of models/time_events.json."""
    data = load("time_events")
    verbs = re.compile(r"(?<![\w-])" + word_alternation(data["state_from_verbs"]) + r"\s*\Z", re.IGNORECASE)
    study = re.compile(r"(?<![\w-])" + word_alternation(data["state_from_study_words"]) + r"(?![\w-])", re.IGNORECASE)
    return verbs, study


_ELIGIBLE_IF = re.compile(r"(?<![\w-])" + PERMITTED_IF + r"\s+(?:only\s+)?if\s*\Z", re.IGNORECASE)
# a period that runs on from the event: "from the completion of radiation therapy to study registration"
_PERIOD_ON = re.compile(r"\s*(?:to|until|till|through)(?![\w-])", re.IGNORECASE)
# at most this many words in a clause that names the patients before "be" ("Female patients must be")
_STATE_FROM_WORDS = 5


def state_from(g, text: str, start: int, event: dict, end: int, post: bool = False) -> bool:
    """Whether a window 'from' `event` (its relation ending at `end`) says how far the patients are
    from an event they have had ("Patients must be at least 4 weeks from major surgery", "Must be
    ≥ 4 weeks from the completion of major surgery"): the clause before it names only the patients,
    or nothing, and ends in a 'state_from_verbs' verb; the event names no step of the study.
    `post`: the window is 'post' the event ("Patients with upper limb spasticity who are at least
    6 months post stroke", "Breast cancer survivors (Stage I-III) 2-6 years post all cancer
    treatments"), which names no period of the study, so the patients may be described at any
    length before the verb, and in a few words with none, unless the event is a step of the
    study's own course, which may be still to come ("for 6 months (180 days) post completion of
    their participation", "Infants 6 weeks post-vaccination")."""
    verbs, study = _state_from_words()
    if study.search(event["text"]) or _PERIOD_ON.match(text, end):
        return False  # (the event's own words first: no clause to find)
    _, at = _last_break(text, max(0, start - 3 * _MAX_SUBJECT), start)
    verb = verbs.search(text, at, start) is not None
    # (the patients alone, no verb: "Participants within 12 months from initiation of induction
    # therapy who achieved at least a partial response")
    verb = verb or not post and _history_readers().fullmatch(text[at:start].strip(" \t\n*-•")) is not None
    if not verb and not (post and event.get("name") not in _course_names()):
        return False
    return _history_reading(g, text, start, conjuncts=False, max_words=None if post and verb else _STATE_FROM_WORDS)


@lru_cache(maxsize=1)
def _history_tests() -> re.Pattern:
    return re.compile(r"(?<![\w-])" + word_alternation(load("time_events")["history_test_words"]) + r"(?![\w-])",
                      re.IGNORECASE)


def names_test(text: str, start: int) -> bool:
    """Whether the clause before a window names a test or a finding ("Lung CT scan performed
    within 7 days of hospital admission"), which may be done before or after a history event."""
    _, at = _last_break(text, max(0, start - 3 * _MAX_SUBJECT), start)
    for m in _CONJUNCTION.finditer(text, at, start):
        at = m.end()  # "Newly diagnosed AL and is recruited within 2 weeks of admission": the last conjunct's
    return _history_tests().search(text, at, start) is not None


_CONJUNCTION = re.compile(r"(?<![\w-])(?:and|or)(?![\w-])", re.IGNORECASE)


# What an onset is of, right after the anchor: "after the onset of fever"
_ONSET_OF = re.compile(r"\s+of\s+(?:the\s+)?([A-Za-z][\w-]{2,})(?![\w-])", re.IGNORECASE)


def own_onset(text: str, start: int, event: dict) -> bool:
    """Whether a window after an onset is after the onset of what the clause before it names
    ("Fever (37.5°C) more than 10 days after the onset of fever"): the time since that onset,
    the state itself still present (a window before the present, as "over two weeks after the
    onset of ADDwoR")."""
    if not event or event.get("name") != "onset":
        return False
    m = _ONSET_OF.match(text, event["span"][1])
    if m is None:
        return False
    _, at = _last_break(text, max(0, start - 3 * _MAX_SUBJECT), start)
    return re.search(r"(?<![\w-])" + re.escape(m.group(1)) + r"(?![\w-])", text[at:start], re.IGNORECASE) is not None


# A clause that ends with "and" (", and") or, after a short state, "or" before the window: the
# window is a conjunct of its own, with no subject ("Currently pregnant or < 6 weeks post-partum").
_AND_CONJUNCT = re.compile(r"(?<![\w-])(and|or)[\s\-–•*(]*$", re.IGNORECASE)
_BETWEEN = re.compile(r"(?<![\w-])between(?![\w-])", re.IGNORECASE)
_OR_STATE_WORDS = 3   # at most this many words before "or": a state ("Is pregnant or"), no clause


_TRAILING_ASIDE = re.compile(r"\s*\([^()]{1,80}\)\s*$")


def history_since(g, text: str, start: int) -> dict | None:
    """The subject when a span of time with no window words follows a patient's history event
    and nothing else ("Onset of symptoms < 5 days", "Symptom onset > 14 days", "Diagnosis of
    COVID-19 ≤ 7 days"; "Last dose of checkpoint inhibitor ≥ 14 days"): the time since that event
    (a window before the present), else None."""
    found = _clause_before(text, start)
    if found is None or not _history_words().since_gap.fullmatch(text, found["span"][1], start):
        return None  # "Hospitalization for more than 48 hours": how long it lasted
    # a bracketed aside closing the name is no part of it ("Onset of COVID-19 pneumonia symptoms
    # (i.e. dyspnea/respiratory insufficiency) >14 days")
    named = _TRAILING_ASIDE.sub("", found["text"])
    m = _history_words().head.match(named)
    head = _WS.sub(" ", (m.group(1) if m else named).lower())
    if head in _lasting_history():
        return None  # "Menopause>=12 consecutive months": how long the state has lasted
    name = _event_name(g, head)
    return found if name in _history_events() or name in _since_heads() else None


@lru_cache(maxsize=1)
def _since_heads() -> frozenset:
    """Events that give the time since them only at the head of a clause before a bare span
    ('since_heads' of models/time_events.json: "Last dose of previous anticancer therapy ≥ 21
    days"), with none of the other readings of 'history_events'."""
    return frozenset(load("time_events")["since_heads"])


@lru_cache(maxsize=1)
def _lasting_history() -> frozenset:
    """History events written as a state that lasts ('lasting_history_words' of
    models/time_events.json)."""
    return frozenset(load("time_events")["lasting_history_words"])


_IN_BEFORE = re.compile(r"(?<![\w-])in\s+$", re.IGNORECASE)


def in_span_direction(text: str, start: int) -> str | None:
    """The direction of a bound span after a bare "in" ("positive report in less than 24 hours",
    "completing the previous study in less than 4 weeks"): a window against the present, before
    it unless a future cue comes first ("to be discharged in less than 48 hours"); None when no
    "in" stands there."""
    if not _IN_BEFORE.search(text, max(0, start - 4), start):
        return None
    return "after" if _future_before(text, start) else "before"


class _HistoryWords(NamedTuple):
    since_gap: re.Pattern
    head: re.Pattern
    course: re.Pattern
    action: re.Pattern


@lru_cache(maxsize=1)
def _history_words() -> _HistoryWords:
    """Patterns of the history reading, from the word lists of models/time_events.json:
    - what may stand between a history event and its span: a linking verb ('linking_verbs'),
      a colon ("Onset of symptoms: < 7 days");
    - a history event's name, which may be followed by what it is of ("Diagnosis of COVID-19";
      'illness_words' are part of the name: "onset of symptoms") and a linking verb;
    - how long the illness has run ('course_words' of 'illness_words': "course of disease",
      "symptom duration"): a window after its onset or diagnosis bounds the time since it;
    - something done to the patients after the event ("patients treated within 3 months of
      diagnosis"): an 'action_words' word, or a word in -ed before an 'action_particles' word."""
    data = load("time_events")
    verbs, ill, course = (word_alternation(data[k]) for k in ("linking_verbs", "illness_words", "course_words"))
    since_gap = re.compile(rf"[\s:,(]*(?:{verbs}\s*)?", re.IGNORECASE)
    head = re.compile(rf"(.+?)(?:\s+of\s+(?!{ill}\b)[^,;]{{1,40}})?(?:\s+{verbs})?$", re.IGNORECASE)
    course_rx = re.compile(rf"(?<![\w-])(?:{course}\s+of\s+(?:the\s+)?{ill}|{ill}\s+{course})(?![\w-])", re.IGNORECASE)
    action = re.compile(rf"(?<![\w-])(?:\w+ed\s+{word_alternation(data['action_particles'])}|"
                        rf"{word_alternation(data['action_words'])})(?![\w-])", re.IGNORECASE)
    return _HistoryWords(since_gap, head, course_rx, action)


_A_TO_Z = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def _future_keys() -> frozenset | None:
    """One word of each 'future_cues' phrase (its longest run of a-z, the last of those as long):
    a cue matches between non-word characters (phrase_regex), so in ASCII text each of its runs
    of a-z is one of the text's, and a clause holding none of the keys holds no future cue (the
    exceptions only hide cues). None (no screen) if a cue is not ASCII or holds no letter."""
    keys = set()
    for cue in load("time_events")["future_cues"]:
        runs = _A_TO_Z.findall(cue.lower().replace("{word}", " "))
        if not cue.isascii() or not runs:
            return None
        keys.add(max(reversed(runs), key=len))
    return frozenset(keys)


def _future_before(text: str, start: int) -> bool:
    """Whether a future cue stands in the clause before `start`, after any other bound in it
    ("with life expectancy > 2 years ... even if diagnosed within 2 years": the expectancy
    belongs to its own bound)."""
    return bool(_future_cues_before(text, start))


def _future_cues_before(text: str, start: int) -> list:
    """The future cues (match objects) that _future_before finds."""
    future, _, _ = _cues()
    keys = _future_keys()
    base = max(0, start - _MAX_CLAUSE)
    if keys is not None and text.isascii() and keys.isdisjoint(_A_TO_Z.findall(text.lower(), base, start)):
        return []  # no future cue can stand in the clause: none of its words is there
    if _PERFECT_BEFORE.search(text, lookback(text, start, 20), start):
        return []  # "... will be the single AIDS-defining infection and must have been within 120 days": past
    _, at = _last_break(text, base, start)
    for other in _other_bounds()[1].finditer(text, at, start):
        at = other.end()
    return [m for m in future.finditer(text, at, start) if m.lastgroup is None]


# a perfect tense right before the window: what it places has happened
_PERFECT_BEFORE = re.compile(r"(?<![\w-])(?:have|has|had)\s+been\s+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _alternative_before() -> re.Pattern:
    """The first of two alternatives right before a cue: one of 'past_or_future_leads' or any
    word, then 'or' ("Prior or ", "Receipt or ")."""
    leads = word_alternation(load("time_events")["past_or_future_leads"])
    return re.compile(r"\b(?:(?P<lead>" + leads + r")|(?P<noun>[A-Za-z]+))\s+(?:and/)?or\s+$", re.IGNORECASE)


_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")


def _past_or_future(text: str, cues: list) -> bool:
    """Whether the future cues (`_future_cues_before`, at least one) each open the second of two
    alternatives whose first names the past or the present: a lead word ("Prior or anticipated
    receipt") or the noun the cue is followed by ("Receipt or planned receipt", "Other
    vaccination or planned vaccination"). Such a clause asks about either side of its anchor."""
    for m in cues:
        alt = _alternative_before().search(text, max(0, m.start() - 40), m.start())
        if alt is None:
            return False
        if alt.group("lead"):
            continue
        after = _NEXT_WORD.match(text, m.end())
        if after is None or after.group(1).lower() != alt.group("noun").lower():
            return False
    return bool(cues)


@lru_cache(maxsize=1)
def _past_cues() -> tuple[re.Pattern, frozenset]:
    data = load("time_events")
    # not "prior to" or "previous to", a relation to what follows ("If patient receives study
    # chemotherapy prior to undergoing biopsy")
    return (re.compile(r"\b" + word_alternation(data["past_cues"]) + r"\b(?!\s+to\b)", re.IGNORECASE),
            frozenset(data["study_self_anchors"]))


@lru_cache(maxsize=1)
def _history_word() -> re.Pattern:
    return re.compile(r"\b" + word_alternation(sorted(_history_events())) + r"\b", re.IGNORECASE)


def _past_anchor(event: dict | None) -> bool:
    """Whether a past cue before a window 'of' this anchor places the subject before it: the
    study itself, or an event that is no history event, birth or earlier treatment and not
    written so plainly that it may name a later event ("history of pulmonary embolism within 3
    months of visiting the clinic", "no prior estrogen within 24 hours of amifostine therapy");
    a history event, a birth or an earlier treatment may come first ("a history of major
    depression within three months of childbirth", "undergone transplantation within 1 year of
    beginning initial chemotherapy": after it)."""
    if _study_self(event):
        return True
    if event is None or event["name"] in _history_events() or _NOT_PAST_ANCHOR.search(event["text"]):
        return False
    # a plain anchor that may name a later event keeps both sides ("within 4 weeks of surgery")
    return _WS.sub(" ", _LEADING_ARTICLE.sub("", event["text"].lower())) not in _milestones()[1]


@lru_cache(maxsize=1)
def _anchor_side_words() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """'recurring_anchor_words', 'earlier_event_words', 'study_anchor_words' (any case) and
    'product_code_pattern' (its own case) of models/time_events.json."""
    data = load("time_events")
    words = [re.compile(r"(?<![\w-])" + word_alternation(data[key]) + r"(?![\w-])", re.IGNORECASE)
             for key in ("recurring_anchor_words", "earlier_event_words", "study_anchor_words")]
    return words[0], words[1], words[2], re.compile(data["product_code_pattern"])


def unplaced_anchor_before(event: dict) -> bool:
    """Whether a 'within' window 'of' an anchor that _past_anchor accepts places its subject before
    it with no past cue in the clause ("Antihypertensive medication within 24 hours of amifostine
    administration", "within 60 days of the pulmonary resection": eligibility is assessed before
    the study's events): not an anchor that recurs around the study ("within 4 weeks of each
    vaccination"), nor what the patient may have had before, a treatment ended or an illness's
    turn, that the subject may follow ("within 6 months of completion of platinum-based therapy",
    "operated on within 24 hours of perforation"), unless a study word or a product code marks a
    treatment as the study's own ("within 30 days of XL999 treatment")."""
    recurring, earlier, study, code = _anchor_side_words()
    written = event["text"]
    if recurring.search(written) or event["name"] in _course_ends():  # "of the last dose of study drug"
        return False
    return earlier.search(written) is None or study.search(written) is not None or code.search(written) is not None


# anchors that may lie in the past themselves: a birth, a diagnosis, an onset, a first or earlier treatment
_NOT_PAST_ANCHOR = re.compile(r"birth|partum|delivery|pregnan|diagnos|onset|initial|prior|previous|earlier|first-line",
                              re.IGNORECASE)


def _study_self(event: dict | None) -> bool:
    """Whether the anchor is written as the study itself ('study_self_anchors' of
    models/time_events.json, without a leading article): not a plain 'surgery' that may be later."""
    if not event:
        return False
    written = _WS.sub(" ", _LEADING_ARTICLE.sub("", event["text"].lower())).strip()
    return written in _past_cues()[1]


def within_of(rules: list[str], uncued: bool = False) -> bool:
    """Whether the window's rules say 'within' N 'of' an anchor; with `uncued`, one that no cue
    in its clause placed on either side ('rel.of.past_or_future')."""
    return "win.within" in rules and not {"rel.of", "rel.of.anchor"}.isdisjoint(rules) \
        and not (uncued and "rel.of.past_or_future" in rules)


def within_study_self(text: str, start: int, event: dict | None, rules: list[str]) -> bool:
    """Whether a 'within' window 'of' the study itself ('study_self_anchors'), that no cue in its
    clause places on either side or after ('rel.of.past_or_future', a future cue), has its
    subject before it: eligibility is assessed as the study begins. fields.py reads the anchors
    written with 'study' or 'trial', step_anchor.py the bare treatment after the outcome rule."""
    return within_of(rules, uncued=True) and _study_self(event) and not _future_before(text, start)


def _past_before(text: str, start: int) -> bool:
    """Whether a 'past_cues' word stands in the clause before `start`, after any other bound in
    it (as _future_before)."""
    _, at = _last_break(text, max(0, start - _MAX_CLAUSE), start)
    for other in _other_bounds()[1].finditer(text, at, start):
        at = other.end()
    cue = None
    for cue in _past_cues()[0].finditer(text, at, start):
        pass
    # "received adjuvant therapy ... if no disease progression within 6 months of treatment":
    # a history event after the cue is the subject, and it may follow that (earlier) treatment
    return cue is not None and _history_word().search(text, cue.end(), start) is None
