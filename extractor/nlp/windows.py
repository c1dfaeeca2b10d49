"""Time windows and durations (CONTRACT "Time"): where a number with a time unit places the
criterion's subject, against which anchor, and what that subject is.

- A window places the subject relative to an anchor: `event` is the anchor, None for the present;
  `direction` the side of the anchor the subject lies on (None when the text allows either side).
- "since X" and "ago" put the subject before the present: X is the subject, never the anchor.
- A bare "within N" lies before the present unless a future cue precedes it in the clause
  ("to be performed within 3 months", "transfer expected within 72 hours").
- The subject of a window or a duration is the text that the window bounds: the clause before
  the number ("Myocardial infarction within 6 months"), else the one after it.
- A span followed by "between X and Y" or "from X to Y" bounds the time from X (the subject) to Y
  (the anchor): "≤ 120 hours from first symptom onset to randomization".
- A span that a survival or life expectancy written before it expects is a value of that
  prognosis, not a duration ("would limit survival to < 3 months").

Plain text in, plain dicts out; offsets relative to the text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..normalize.resources import load
from .patterns import phrase_regex, word_alternation

_WS = re.compile(r"\s+")
_TRAILING_THE = re.compile(r"\s+the$")
_ARTICLE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
# A possessive before an anchor says whose it is, no part of its name ("their first dose of sorafenib")
_POSSESSIVE = re.compile(r"(?:his\s*/\s*her|his\s+or\s+her|their|his|her|its)\s+(?=[A-Za-z0-9])", re.IGNORECASE)
# A study step may carry its number ("prior to Day 0", "before Visit 2", "the 1st dose"): the
# number is part of the anchor, not a quantity of its own.
_STEP_NUMBER = r"(?:(?<=[Dd]ay)|(?<=[Vv]isit)|(?<=[Cc]ycle)|(?<=[Ww]eek)|(?<=[Pp]eriod)|(?<=[Pp]hase))\s+[-+]?\d+(?!\w|[.,]\d)"
_EVENT_FALLBACK = re.compile(rf"(?:the\s+)?(?:\d+(?:st|nd|rd|th)\s+)?[A-Za-z][\w\-]*"
                             rf"(?:\s+(?!(?i:and|or|with|for|in|through|until|if|as|such\s+as|who|which|that|are|is|was|were|will|"
                             rf"at\s+the\s+discretion)\b)[A-Za-z][\w\-]*){{0,4}}"
                             rf"(?:{_STEP_NUMBER})?")
# Where a clause ends, looking on from a number or a "since": a newline only where no sentence
# runs on over it (a line wrapped inside a sentence goes on in lower case: "pregnancy test\n
# taken within 14 days"), and the start of an item of a list flattened into one line (see
# _item_starts), or of a numbered one ("..., 2- Refractory shock").
_BREAK_AFTER = re.compile(r"[;:•\[\]]|\n|\.(?:\s|$)|,\s+(?:and|or|but)\b|,\s*\d{1,2}\s*[-)]\s*(?=[A-Z])")
# A newline that wraps a line inside a sentence: before a word in lower case, indented (legacy
# ClinicalTrials.gov XML wraps its lines so: "pregnancy test\n     taken within 14 days") or
# after a line as long as a wrapped one; after a word or a comma.
_WRAPPED = re.compile(r"\n(?P<indent>[ \t]{2,})?[a-z(]")
_WRAP_WIDTH = 50


def _wrapped(text: str, at: int) -> bool:
    """Whether the newline at `at` wraps a line inside a sentence (see _WRAPPED)."""
    if at == 0 or not (text[at - 1].isalnum() or text[at - 1] == ","):
        return False
    m = _WRAPPED.match(text, at)
    return bool(m) and (m.group("indent") is not None or at - (text.rfind("\n", 0, at) + 1) >= _WRAP_WIDTH)


@lru_cache(maxsize=1)
def _other_bounds() -> tuple[re.Pattern, re.Pattern]:
    """(another quantity, another bound) before a number, from 'bound_words' of
    models/time_events.json (written with single spaces):
    - another quantity earlier in the clause, a bound or a "within", ends the subject ("agent
      within 5 half-lives or 4 weeks");
    - a bound of another value (not a window: "agree to take contraception within 7 days of the
      last dose to ensure that they are not pregnant within 3-6 months" is one plan)."""
    bounds = word_alternation(load("time_events")["bound_words"], space=" ")
    return (re.compile(r"(?:\b(?:within|" + bounds + r")\s+|[<>≤≥=]\s*)\d", re.IGNORECASE),
            re.compile(r"(?:\b" + bounds + r"\s+|[<>≤≥=]\s*)\d", re.IGNORECASE))


_DIGIT = re.compile(r"\d")
_EDGE_PUNCT = " \t,-–—/*"
_MAX_SUBJECT = 120
# How far back the clause before a window is read for its cues: a clause with no break in it
# ends there (criteria run to some hundreds of characters; without a bound, a criterion of
# thousands of characters with no clause mark read its whole text again for every number).
_MAX_CLAUSE = 1000


@lru_cache(maxsize=1)
def _cues():
    data = load("time_events")
    # an exception is tried first at each place and found as itself, so it hides the cue it opens
    future = re.compile("|".join(f"(?P<x{i}>{phrase_regex(p)})" for i, p in enumerate(
                            sorted(data["future_cue_exceptions"], key=len, reverse=True))) + "|" +
                        "|".join(phrase_regex(p) for p in sorted(data["future_cues"], key=len, reverse=True)),
                        re.IGNORECASE)
    # (an event verb ends a subject as the trail words do: "Randomisation must occur")
    trail = frozenset(data["subject_trail"]) | {w for w in data["subject_event_verbs"] if " " not in w}
    return future, frozenset(data["subject_lead"]), trail


@lru_cache(maxsize=1)
def _item_starts() -> re.Pattern:
    """Where an item of a list flattened into one line starts (NCI PDQ records: "At least 6
    weeks since biologic therapy No concurrent immunotherapy"): one of the words that open
    such items, capitalized, right after a lower-case word, a number or a closing parenthesis
    with only spaces between. Case matters: "no" inside a sentence is no new item."""
    words = sorted(load("time_events")["item_starts"], key=len, reverse=True)
    return re.compile(r"(?<=[a-z0-9%)\]])\s+(?=(?:" + "|".join(phrase_regex(w) for w in words) + r")(?![\w-]))")


_ASIDE = re.compile(r"\s*\([^()\d]{1,40}\)")


@lru_cache(maxsize=1)
def _milestones() -> tuple[frozenset, frozenset]:
    data = load("time_events")
    return frozenset(data["study_milestones"]), frozenset(data["either_side_forms"])


@lru_cache(maxsize=1)
def _from_steps() -> frozenset:
    """'from_steps' of models/time_events.json, each a name of 'study_milestones'."""
    data = load("time_events")
    unknown = sorted(set(data["from_steps"]) - set(data["study_milestones"]))
    if unknown:
        raise ValueError(f"models/time_events.json: from_steps names no study milestone: {', '.join(unknown)}")
    return frozenset(data["from_steps"])


def _from_step(event: dict) -> bool:
    """Whether a bare 'within N from' this milestone looks back ('from_steps'): a start of
    treatment or a first dose only written with 'study' or 'trial' ("from the start of study
    therapy", not "from initiation of induction therapy")."""
    return event["name"] in _from_steps() and (
        event["name"] not in ("start of treatment", "first dose") or bool(_STUDY_WORD.search(event["text"])))


_STUDY_WORD = re.compile(r"\b(?:study|trial)\b", re.IGNORECASE)


def _milestone(event: dict | None) -> bool:
    """Whether a window 'of' this event places its subject on one side of it: a study step up
    to the start of treatment, not written as a bare word that may name a later event."""
    if not event:
        return False
    names, plain = _milestones()
    return event["name"] in names and _WS.sub(" ", event["text"].lower()) not in plain


def relation_event(g, text: str, pos: int, limit: int, anchor_of: bool = False):
    """A relation ('prior to') and event ('registration') right after a time atom; a closing
    parenthesis may stand between them ("(≤ 3 years) prior to registration"), or a noun for the
    span ("within the 4 month period prior to testing"). With `anchor_of` (the atom has a
    "within" cue) an event after "of" that no pattern names is still the anchor ("within 7 days
    of index procedure")."""
    m = g.relation.match(text, pos)
    if not m and text[pos:pos + 1] == ")":
        m = g.relation.match(text, pos + 1)
    if not m:  # "92 days postpartum", "2 years postmenopausal": "post" glued to its anchor
        m = _glued_post().match(text, pos)
    if not m:  # "5 half-lives (whichever is longer) prior to dosing"
        aside = _ASIDE.match(text, pos) or _anchor_words().span_noun.match(text, pos)
        m = g.relation.match(text, aside.end()) if aside else None
    if not m:  # "A minimum of 2-week duration been passed since complete recovery": only a "since"
        noun = _anchor_words().since_noun.match(text, pos)
        m = g.relation.match(text, noun.end()) if noun else None
        if m and g.relation_info.get(_WS.sub(" ", m.group("rel").strip().lower()), {}).get("names") != "subject":
            m = None
    if not m:  # "within 30 days or 5 half-lives (whichever is longer) prior to screening"
        alt = _alternative_span().match(text, pos)
        m = g.relation.match(text, alt.end()) if alt else None
        if m and _WS.sub(" ", m.group("rel").strip().lower()) == "of" and alt.group("paren") is None:
            m = None  # its "of" was taken as what the alternative is of (not after a bracket closed it)
    if not m and anchor_of:
        # "within 1 week for all women of childbearing potential prior to enrolling", "within 60
        # days or 5 half-lives (whichever is longer) in the case of an investigational drug prior
        # to the first drug administration": the case the window holds for stands before its
        # relation; only where a known event follows it
        alt = _alternative_span().match(text, pos)
        case = _case_aside().match(text, alt.end() if alt else pos)
        m = g.relation.match(text, case.end()) if case else None
        if m and not g.event.match(text, m.end()):
            m = None
    if not m:
        return None
    word = _WS.sub(" ", m.group("rel").strip().lower())
    info = g.relation_info.get(word)
    if info is None:
        return None
    at = m.end()
    glued, outer = None, limit
    if info["id"] in ("rel.post", "rel.pre") and (text[at:at + 1] == "-" and text[at + 1:at + 2].isalpha()
                                                  or m.re is _glued_post()):
        # "2 years post-menopausal", "< 6 weeks post-partum", "3 months pre-study": the anchor
        # is glued on (by a hyphen, or with none before a word of 'post_glued_words')
        at += text[at:at + 1] == "-"
        glued = _GLUED_WORD.match(text, at)
        limit = min(limit, glued.end())  # that word alone ("pre-study throughout ...")
    elif info["id"] == "rel.pre":
        return None  # "pre" only as a prefix of its anchor
    else:
        poss = _POSSESSIVE.match(text, at)
        if poss:  # "after their last dose of study drug", "after his/her inclusion": the anchor follows
            at = poss.end()
    if info["id"] == "rel.back" and not _clause_words().back_end.match(text, m.start("rel") + 4):
        return None  # "3 months back pain": "back" names a body part, not a time before now
    if info["id"] in ("rel.earlier", "rel.previously") and not _clause_words().earlier_end.match(text, m.end("rel")):
        return None  # "2 weeks previously treated with ...": the word goes with what follows
    if info["id"] in _PRESENT_RELATIONS:
        return {"relation": info, "end": at, "event": None}
    if info.get("names") == "subject" or info["id"] == "rel.from" and _PAST_AFTER_FROM.match(text, at):
        # "at least 4 weeks from prior radiation": how long since a past treatment, as "since"
        if info.get("names") != "subject":
            info = dict(info, direction="before", id="rel.from.prior")
        subject = _clause_after(text, at)
        return {"relation": info, "end": subject["span"][1] if subject else at, "event": None,
                "subject": subject}
    em = g.event.match(text, at)
    if em and glued and limit < em.end() <= outer and em.group()[:limit - at].lower() == glued.group().lower():
        limit = em.end()  # a known event the glued word opens: "215 days post-treatment completion"
    if glued and not em:  # "postmenopausal": the event's own pattern, the word before it glued on
        whole = g.event.fullmatch(glued.group())
        if whole and glued.end() <= limit:
            name = _event_name(g, whole.group().lower())
            return {"relation": info, "end": glued.end(), "event": _event(text, pos, at, glued.end(), name)}
    if em and em.end() <= limit and _event_name(g, em.group().lower()) == "end of study" \
            and _TREATMENT_AFTER.match(text, em.end()):
        em = None  # "the end of the study treatment", "the end of the study drug": not the study's end
    if em and em.end() <= limit:
        name = _event_name(g, em.group().lower())
        if name == "study entry" and info["direction"] == "after" and _WS.sub(" ", em.group().lower()) in _end_after_forms():
            name = "end of study"  # "for 4 weeks after study participation": after it has ended
        return {"relation": info, "end": em.end(), "event": _event(text, pos, at, em.end(), name)}
    if info["id"] == "rel.of" and anchor_of and not _anchor_words().no_anchor.match(text, at):
        # "within 7 days of index procedure", "within 14 days of starting therapy": the anchor,
        # on either side of which the subject may lie
        fm = _EVENT_FALLBACK.match(text, at)
        if fm and fm.end() <= limit:
            item = _item_starts().search(text, at, fm.end())
            end = _anchor_words().trailing.sub("", text[at:item.start() if item else fm.end()])
            event = _event(text, pos, at, at + len(end), None)
            written = _WS.sub(" ", _LEADING_ARTICLE.sub("", event["text"].lower()))
            event["name"] = _known_tail(g, written) or written
            return {"relation": dict(info, id="rel.of.anchor"), "end": at + len(end), "event": event}
    if info["id"] == "rel.from" and anchor_of and _DATE_OF.match(text, at):
        # "within 7 days from date of randomization": the date of a known anchor is that anchor
        dm = g.event.match(text, _DATE_OF.match(text, at).end())
        if dm and dm.end() <= limit:
            name = _event_name(g, dm.group().lower())
            return {"relation": dict(info, id="rel.from.date"), "end": dm.end(), "event": _event(text, pos, at, dm.end(), name)}
    if info["id"] == "rel.from" and not anchor_of and _DATE_OF.match(text, at):
        # "≤72 hours from the date of RT-PCR confirmation": a dated event is an anchor even when no
        # pattern names it (a known one, "the date of diagnosis", keeps its own reading)
        fm = _DATED_EVENT.match(text, _DATE_OF.match(text, at).end())
        if fm and fm.end() <= limit:
            event = _event(text, pos, at, fm.end(), None)
            written = _WS.sub(" ", _LEADING_ARTICLE.sub("", event["text"].lower()))
            if _known_tail(g, written) is None:
                event["name"] = written
                return {"relation": dict(info, id="rel.from.date"), "end": fm.end(), "event": event}
    if info["id"] == "rel.from" and not anchor_of:
        # "> 4 weeks from any major surgery", "no longer than 8 weeks from definitive surgery":
        # an event no pattern names is still the anchor after "from"; time_fields decides
        # whether the clause counts the time since it (not "from D5 to D7", a range)
        start = at + len(text[at:at + 8]) - len(text[at:at + 8].lstrip())
        fm = _DATED_EVENT.match(text, start)
        if fm and fm.end() <= limit and not _RANGE_TO.match(text, fm.end()) and not _BIRTH.search(fm.group()):
            item = _item_starts().search(text, start, fm.end())
            end = start + len(_anchor_words().trailing.sub("", text[start:item.start() if item else fm.end()]))
            if end > start:
                event = _event(text, pos, start, end, None)
                written = _WS.sub(" ", _LEADING_ARTICLE.sub("", event["text"].lower()))
                qualified = _anchor_words().qualifier.match(written)  # "the time of an autologous SCT"
                event["name"] = _known_tail(g, written) or (
                    _LEADING_ARTICLE.sub("", written[qualified.end():]) if qualified and qualified.end() < len(written) else written)
                return {"relation": dict(info, id="rel.from.unnamed"), "end": end, "event": event}
    if info["id"] == "rel.prior" and _PRIOR_END.match(text, at):
        # "IAM 6 months prior", "(or 48 hours prior) treatment", "at least 12 months prior]":
        # where a mark ends the clause after it, the subject lies before the present ("12 hours
        # prior or ... 48 hours prior to randomization" shares the anchor written after)
        return {"relation": info, "end": at, "event": None}
    if info["id"] in ("rel.of", "rel.from", "rel.prior"):
        return None  # too vague without a known event ("3 months of therapy")
    conj = None if glued else _CONJUNCT_NEXT.match(text, at)
    if conj:
        # "30 days before and 30 days after the first dose", "within 8 weeks prior to and/or
        # during study enrollment": the conjunction names no event; the one written after the
        # second relation is this window's too (share_anchor_back, or here after "during")
        em = g.event.match(text, conj.end())
        if em and em.end() <= limit and conj.group("step"):
            name = _event_name(g, em.group().lower())
            return {"relation": info, "end": em.end(), "event": _event(text, conj.end(), conj.end(), em.end(), name)}
        return {"relation": info, "end": at, "event": None}
    lead = None if glued else _anchor_words().lead.match(text, at)
    if lead:
        # "prior to receiving the first dose of study drug", "before administration of the 1st
        # dose of study vaccine": a known event after words that only say it takes place
        em = g.event.match(text, lead.end())
        if em and em.end() <= limit:
            name = _event_name(g, em.group().lower())
            return {"relation": info, "end": em.end(), "event": _event(text, pos, at, em.end(), name)}
    fm = glued or _EVENT_FALLBACK.match(text, at)
    if fm and fm.end() <= limit:
        end = fm.end() if glued else at + len(_anchor_words().trailing.sub("", text[at:fm.end()]))
        if end <= at:
            return {"relation": info, "end": fm.end(), "event": None}
        # an anchor no pattern names ends before a word that ends no anchor ("after failing a
        # 6-week course", "prior to SV at the discretion of the investigator")
        event = _event(text, pos, at, end, None)
        written = _WS.sub(" ", _LEADING_ARTICLE.sub("", event["text"].lower()))
        event["name"] = _qualified_step(g, written) or written
        return {"relation": info, "end": fm.end(), "event": event}
    return {"relation": info, "end": at, "event": None}


# What the study's end is not the end of when it follows "the end of the study"
_TREATMENT_AFTER = re.compile(r"\s+(?:treatments?|drugs?|medications?|therapy|therapies|interventions?|vaccines?|vaccinations?|"
                              r"products?|agents?|dosing)(?![\w-])", re.IGNORECASE)
# A conjunction right after a relation ("before and 30 days after", "prior to and/or during"),
# and a relation of the same time that may follow it ("during study enrollment")
_CONJUNCT_NEXT = re.compile(r"(?:and\s*/\s*or|and|or)(?![\w-])\s*(?P<step>(?:during|at|on)\s+(?:the\s+)?)?",
                            re.IGNORECASE)
_BIRTH = re.compile(r"(?<![\w-])(?:birth|born)(?![\w-])", re.IGNORECASE)  # "< 7 years from date of birth": an age
# A span "of" a treatment with no window cue is how long that treatment lasted, unless the
# anchor is a step of it ("2 weeks of the start of treatment").
_COURSE_OF = frozenset({"start of treatment", "prior treatment"})
_STEP_OF = re.compile(r"(?:the\s+)?(?:start|starting|initiation|initiating|beginning|commencing|first|last|end|ending|"
                      r"completion|completing|stopping|discontinuation)\b", re.IGNORECASE)
_RANGE_TO = re.compile(r"\s+(?:to|until|till|and|through)\b", re.IGNORECASE)
# "for" right before a span ("free of disease for > 3 years from ..."): how long, not a window
_FOR_RIGHT_BEFORE = re.compile(r"(?<![\w-])for\s+(?:an?\s+)?(?:\S+\s+){0,3}$", re.IGNORECASE)
# "the date of", "the day of" (time_events.json 'step_date_words' are the same words)
_DATE_OF = re.compile(r"\s*(?:the\s+)?(?:date|day)\s+of\s+(?!birth\b)(?=[A-Za-z])", re.IGNORECASE)
# the dated event: up to a word that starts something else ("from day of donor cell infusion to
# date of study registration", "from date of birth at the time of ...")
_DATED_EVENT = re.compile(r"[A-Za-z][\w\-]*(?:\s+(?!(?:and|or|with|for|in|through|until|to|at|whichever|since)\b)[A-Za-z][\w\-]*){0,4}",
                          re.IGNORECASE)
_GLUED_WORD = re.compile(r"[A-Za-z]\w*(?:-[A-Za-z]\w*)*")


@lru_cache(maxsize=1)
def _washout() -> tuple[re.Pattern, re.Pattern]:
    """(a washout word right before a span, one right after it), 'washout_words' of
    models/time_events.json: "a wash-out period of at least 2 weeks", "must wash out for 6
    weeks"; "a 2-week washout", "7 days of washout period". Only next to the span, so that a
    span a few words on ("a 1-week washout is permitted for palliative radiation (≤2 weeks of
    radiotherapy)") keeps its own reading."""
    words = word_alternation(load("time_events")["washout_words"])
    # the washout word right before the span, or with what is washed out between ("a wash-out
    # period for topical treatments on the treated areas less than 2 weeks": up to eight plain
    # words after "of"/"for", no mark, no bracket, no verb of permission)
    what = (r"(?:\s+(?:of|for)(?:\s+(?!(?:and|or|but|with|except|unless|is|are|was|were|be|been|permitted|allowed)(?![\w-]))"
            r"[A-Za-z][\w/-]*){1,8}(?:\s+(?:of|for|is|was|(?:must|should|will)\s+be)(?:\s+only)?)?\s*$)")
    before = re.compile(r"(?<![\w-])" + words + r"(?:\s+periods?)?(?:(?:\s+(?:of|for|is|was|lasting|(?:must|should|will)\s+be)(?:\s+only)?)?"
                        r"\s*[:(]?\s*$|" + what + ")", re.IGNORECASE)
    after = re.compile(r"\s*-?\s*(?:of\s+)?" + words + r"(?:\s+periods?)?(?![\w-])", re.IGNORECASE)
    return before, after


def washout_window(g, text: str, start: int, end: int, limit: int, tf: dict | None) -> dict | None:
    """A span written with a washout word (see _washout): the time between stopping a drug and
    the anchor, a window before it (CONTRACT "Time"), not how long something lasted. The anchor
    is the relation's after the span (`tf`, a window before its event) or after the washout word
    ("a minimum of 2-week washout before randomization"), else the present. Returns the window's
    fields as time_fields does, or None."""
    before, after = _washout()
    m = after.match(text, end)
    if not m and not before.search(text, max(0, start - 100), start):
        return None
    rules = list(tf["_rules"]) if tf else []
    event, stop = (tf["event"], tf["_end"]) if tf else (None, m.end() if m else end)
    if tf is None and m:
        rel = relation_event(g, text, m.end(), limit)
        if rel and rel["relation"]["direction"] == "before" and rel["event"]:
            event, stop = rel["event"], rel["end"]
            rules.append(rel["relation"]["id"])
    return {"direction": "before", "event": event, "_rules": rules + ["time.washout"], "_end": stop}


@lru_cache(maxsize=1)
def _glued_post() -> re.Pattern:
    """'post' written as one word with an anchor of 'post_glued_words' (models/time_events.json):
    "92 days postpartum", read as "post-partum" is."""
    words = word_alternation(load("time_events")["post_glued_words"])
    return re.compile(r"(?P<rel>\s*post)(?=" + words + r"(?![\w-]))", re.IGNORECASE)


@lru_cache(maxsize=1)
def _alternative_span() -> re.Pattern:
    """A second span offered instead of the window's own, up to where its relation would stand
    ('alternative_span_units' of models/time_events.json): "or 5 half-lives (whichever is
    longer)", "or within 5 half-lives of the medication", ", whichever is longer,", "(or less than
    5 half-lives)", "or 5- half lives, whichever is longer,". The relation
    and anchor after it belong to the window as well."""
    units = word_alternation(load("time_events")["alternative_span_units"], space=r"[\s-]+")
    # "(or 5 half-lives of the drug, whichever is longer)": the alternative may be bracketed whole
    # a case of its own in brackets may stand before it ("within 3 months (9 months for
    # immunotherapies) or five half-lives of an investigational product, whichever is longer,
    # before the screening visit")
    return re.compile(r"(?:\s*\([^()]{1,40}\))?"
                      r"(?:,?\s+or\s+|\s*\(\s*or\s+(?P<paren>))(?:within\s+|less\s+than\s+|up\s+to\s+)?"
                      r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)"
                      r"(?:\s*-\s*|\s+|(?<=\d)(?=x\s))" + units + r"(?![\w-])"
                      r"(?:\s+of\s+(?:the\s+|that\s+|this\s+|its\s+|each\s+|any\s+|an?\s+)?[A-Za-z][\w\-]*(?:\s+(?!prior\b|before\b|preceding\b|after\b|following\b|whichever\b)[A-Za-z][\w\-]*)?)?"
                      r"(?(paren)(?:\s*,\s*whichever\s+is\s+[a-z]+)?\s*\)\s*,?"
                      r"|(?:\s*\([^()\d]{1,40}\)\s*,?|\s*,\s*whichever\s+is\s+[a-z]+\s*,?)?)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _case_aside() -> re.Pattern:
    """A case a "within" window holds for, between its span and its relation ('case_aside_leads'
    of models/time_events.json and up to eight plain words, no digit or mark): "for all women of
    childbearing potential", "in the case of an investigational drug", up to a relation with a
    side ("prior to", "before", "preceding", "after", "following")."""
    leads = word_alternation(load("time_events")["case_aside_leads"])
    # no clause of its own ("infection within 14 days for which antibiotics were given before admission")
    clause = r"(?!(?:which|who|whom|whose|that|is|are|was|were|be|been|being|has|have|had|and|or)(?![\w-]))"
    return re.compile(r"\s*(?<![\w-])" + leads + r"(?:\s+" + clause + r"[A-Za-z][\w'’-]*){1,8}?"
                      r"(?=\s+(?:prior\s+to|before|preceding|after|following)(?![\w-]))", re.IGNORECASE)


class _AnchorWords(NamedTuple):
    span_noun: re.Pattern
    since_noun: re.Pattern
    no_anchor: re.Pattern
    trailing: re.Pattern
    qualifier: re.Pattern
    lead: re.Pattern


@lru_cache(maxsize=1)
def _end_after_forms() -> frozenset:
    """Forms of study entry that name the study's end after a relation placing the subject
    after them (models/time_events.json 'end_after_forms')."""
    return frozenset(load("time_events")["end_after_forms"])


@lru_cache(maxsize=1)
def _anchor_words() -> _AnchorWords:
    """Patterns around a window's anchor, from the word lists of models/time_events.json:
    - a noun for the span between the number and its relation ('span_nouns': "the 3 month
      period preceding onset"); 'since_span_nouns' only before a relation that names the
      subject ("2-week duration been passed since recovery": "6 months duration prior to
      screening" is how long it lasted);
    - what follows "within N days of" without being an anchor ('no_anchor_words': "within 2
      years of each other"), or a number ("within 2 weeks of 3 measurements");
    - words that end no anchor ('anchor_trailing_words'), cut off its end;
    - words that qualify a study step without changing it ('step_qualifiers': "trial
      enrollment", "planned randomization"), after "the date of" ('step_date_words')."""
    data = load("time_events")
    span_noun = re.compile(r"\s+(?:time\s+)?" + word_alternation(data["span_nouns"]) + r"(?=\s)", re.IGNORECASE)
    since_noun = re.compile(r"\s+" + word_alternation(data["since_span_nouns"]) + r"(?=\s)", re.IGNORECASE)
    no_anchor = re.compile(r"(?:" + word_alternation(data["no_anchor_words"]) + r"|\d)(?![\w-])", re.IGNORECASE)
    trailing = re.compile(r"(?:\s+" + word_alternation(data["anchor_trailing_words"]) + r")+\s*$", re.IGNORECASE)
    qualifier = re.compile(r"(?:(?:the\s+)?" + word_alternation(data["step_date_words"]) + r"\s+of\s+(?:the\s+)?|"
                           + word_alternation(data["step_qualifiers"]) + r"\s+)+")
    lead = re.compile(word_alternation(data["anchor_lead_words"]) + r"\s+(?:the\s+)?", re.IGNORECASE)
    return _AnchorWords(span_noun, since_noun, no_anchor, trailing, qualifier, lead)


# Windows that name the time before their anchor ("the past 3 days", "the last 6 months").
_PAST_WINDOWS = frozenset({"win.within_the_past", "win.within_the_last", "win.within_the_previous",
                           "win.within_the_preceding", "win.within_past", "win.within_last", "win.within_previous",
                           "win.in_the_past", "win.in_the_last", "win.in_the_previous", "win.in_the_preceding",
                           "win.during_the_past", "win.during_the_last", "win.during_the_previous",
                           "win.during_the_preceding", "win.over_the_past", "win.over_the_last", "win.in_past",
                           "win.in_last", "win.during_last", "win.during_past", "win.for_the_past", "win.for_the_last"})
# Relations whose anchor is the present: "2 weeks ago", "14 days back", "for 3 months thereafter"
# or "afterwards" (after the study or treatment just named, the present of the criterion).
_PRESENT_RELATIONS = frozenset({"rel.ago", "rel.back", "rel.thereafter", "rel.afterwards", "rel.afterward",
                                "rel.earlier", "rel.previously"})


class _ClauseWords(NamedTuple):
    back_end: re.Pattern
    earlier_end: re.Pattern
    conjunct_end: re.Pattern
    no_subject: re.Pattern


@lru_cache(maxsize=1)
def _clause_words() -> _ClauseWords:
    """Where a clause ends or has named nothing yet, from the word lists of models/time_events.json:
    - "back" is a time relation only where the clause ends after it ("> 14 days back", "30 days
      back,"), at a mark or a 'back_end_words' word; "earlier" and "previously" likewise, at a
      mark or an 'earlier_end_words' word;
    - a clause or conjunct that has begun with nothing before the window ("... or within 3
      months"), but 'conjunct_words' ("or must be within");
    - a clause that names nothing before the window, but 'subjectless_words' ("Must be within
      10 days of diagnosis"): the patients themselves are meant."""
    data = load("time_events")
    back_end = re.compile(r"\s*(?:$|[.,;:)\]<\n]|" + word_alternation(data["back_end_words"]) + r"\b)", re.IGNORECASE)
    earlier_end = re.compile(r"\s*(?:$|[.,;:()\]\n]|" + word_alternation(data["earlier_end_words"]) + r"\b)", re.IGNORECASE)
    conjunct_end = re.compile(r"(?:^|,|\b(?:or|and))[\s\-–•*(]*(?:" + word_alternation(data["conjunct_words"]) + r"\s+)*$",
                              re.IGNORECASE)
    no_subject = re.compile(r"[\s\-–•*(]*(?:" + word_alternation(data["subjectless_words"]) + r"\s+)*", re.IGNORECASE)
    return _ClauseWords(back_end, earlier_end, conjunct_end, no_subject)


_PRIOR_END = re.compile(r"[ \t]*(?:$|[.,;:()\]\n])")
_PAST_AFTER_FROM = re.compile(r"(?:prior|previous)\s+(?=[a-z])", re.IGNORECASE)
_EVENT_NAMES: dict[str, str | None] = {}


def _known_tail(g, written: str):
    """The name of a known event written after words that only qualify it ("trial
    enrollment", "the date of informed consent"), or None ("completing adjuvant therapy" is no
    start of therapy)."""
    m = _anchor_words().qualifier.match(written)
    return _event_name(g, written[m.end():]) if m else None


def _qualified_step(g, written: str):
    """The known event after "the date of", "the day of", "the time of" ("before the date of
    informed consent", "prior to the time of screening", "before the day of the last dose"), or
    None. Other qualifiers keep the anchor as written here ("study day 1", "proposed
    transplantation"), as the golden cases fix them."""
    if not _STEP_DATE.match(written):
        return None
    return _known_tail(g, written)


_STEP_DATE = re.compile(r"(?:date|day|time)\s+of\s+(?!birth\b)")


def _event_name(g, written: str):
    """The normalized name of an event as written (lower-cased), remembered: the same few
    anchors come back in criterion after criterion."""
    if written not in _EVENT_NAMES:
        if len(_EVENT_NAMES) > 4096:
            _EVENT_NAMES.clear()
        _EVENT_NAMES[written] = next((n for rx, n, _ in g.event_forms if rx.fullmatch(written)), None)
    return _EVENT_NAMES[written]


def _event(text: str, pos: int, at: int, end: int, name):
    start = at
    art = _ARTICLE_BEFORE.search(text[pos:at])  # keep a leading article: "the start of lenalidomide"
    if art:
        start = pos + art.start()
    return {"text": text[start:end], "span": [start, end], "name": name}


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
        if atom.window is not None or _FOR_RIGHT_BEFORE.search(text, max(0, atom.start - 30), atom.start) \
                or prognosis_before(text, atom.start):
            rel = None  # "for at least 3 weeks from the toxicity": how long it lasted; a survival's value
        elif _history_reading(g, text, atom.start):
            # "Patients must be > 4 weeks from any major surgery", "≥ 6 weeks from any
            # nitrosoureas": the time since it, which is the subject
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
        if atom.window["id"] in _FUTURE_WINDOWS and _future_before(text, atom.start):
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
    if rel is not None and rel["relation"]["id"] == "rel.from" and atom.window is not None \
            and atom.window["id"] == "win.within" and _milestone(rel["event"]) and _from_step(rel["event"]) \
            and not _RANGE_TO.match(text, rel["end"]):
        # "within 2 weeks from screening visit", "history of malignancy within 5 years from study
        # entry": a study step up to the treatment's start, read as 'of' one is (below); not a
        # period of the study ("within 90 days from signing the informed consent to the last dose")
        direction = None
        rules.append("rel.from.milestone")
    if direction is None and rel["relation"]["id"] in ("rel.of", "rel.of.anchor", "rel.from") and _milestone(rel["event"]):
        # "within 12 weeks of screening", "major surgery within 4 weeks of randomization":
        # eligibility is assessed by then, so what the criterion asks about has happened,
        # unless the clause says it is to come ("planning to become pregnant within 30 days
        # of enrollment")
        if _future_before(text, atom.start):
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
    if rel and rel["relation"]["id"] == "rel.from" and rel["event"] and _elapsed_before().search(text, max(0, atom.start - 30), atom.start):
        # "Elapsed less than 48 hours from symptom onset": the time since it, which is the subject
        return {"direction": "before", "event": None, "_rules": rules + ["rel.from.elapsed"], "_end": rel["end"],
                "subject": {"text": rel["event"]["text"], "span": list(rel["event"]["span"])}}
    if direction is None and (rel["relation"]["id"] == "rel.of.anchor" or rel["relation"]["id"] == "rel.of"
                              and rel["event"] and rel["event"]["name"] in _course_ends()) \
            and _future_before(text, atom.start):
        # "Symptoms not expected to lead to IC transfer within 6 hours of study plasma
        # administration", "plan to breastfeed during the study or within 6 months of the last
        # dose of study treatment": what the clause expects comes after the anchor
        direction = "after"
        rules.append("rel.of.anchor.future")
    if (direction is None and atom.window is not None and atom.window["id"] == "win.within"
            and rel["relation"]["id"] in ("rel.of", "rel.of.anchor") and _past_anchor(rel["event"])
            and not _future_before(text, atom.start) and _past_before(text, atom.start)):
        # "History of drug abuse within 6 months of the study", "No prior chemotherapy within 4
        # weeks of study": the clause says the subject has happened, and the study is to come
        direction = "before"
        rules.append("rel.of.study.past_cue")
    event = rel["event"] if rel else None
    since = None
    if event and event["name"] in _history_events() and rel["relation"]["id"] in _HISTORY_RELATIONS:
        since = _history_reading(g, text, atom.start)
        if since:  # "Patients more than 7 days after diagnosis": the time since the diagnosis
            direction, event = "before", None
            rules.append("rel.history.since")
        else:      # "Enrollment must occur within 6 months of initial disease presentation"
            direction = "after"
            rules.append("rel.history.after")
    out = {"direction": direction, "event": event, "_rules": rules,
           "_end": rel["end"] if rel else atom.end}
    if since:
        out["subject"] = {"text": rel["event"]["text"], "span": list(rel["event"]["span"])}
    if rel and rel.get("subject"):
        out["subject"] = rel["subject"]
        rules.append("subject.since")
    return out


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


_HISTORY_RELATIONS = frozenset({"rel.of", "rel.after", "rel.following", "rel.from", "rel.from.date", "rel.post"})


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
def _history_readers() -> re.Pattern:
    """The words for the patients themselves ('patients', 'women'), whole words."""
    return re.compile(r"(?<![\w-])" + word_alternation(load("time_events")["history_readers"]) + r"(?![\w-])",
                      re.IGNORECASE)


def _history_reading(g, text: str, start: int) -> bool:
    """Whether a window after a patient's history event ("after diagnosis") bounds the time
    since it: the clause before the window names the patients and no study step or other
    action ("Patients more than 7 days after diagnosis", "Confirmed cases of COVID 19
    infections within three days of diagnosis")."""
    _, at = _last_break(text, max(0, start - 3 * _MAX_SUBJECT), start)
    clause = text[at:start]
    if _history_words().course.search(clause):
        return True  # "The course of disease is within 14 days after onset": the time since it
    if _clause_words().no_subject.fullmatch(clause):
        return True  # "Within 7 days of symptom onset", "Must be within 10 days of diagnosis": the patient's
    if _AND_CONJUNCT.search(clause):
        return True  # "≤ 10 postnatal days of life and within 24 hrs of admission": a conjunct of its own
    if not _history_readers().search(clause):
        return False
    study_steps = _steps()[0]
    for m in g.event.finditer(clause):
        if _event_name(g, m.group().lower()) in study_steps:
            return False
    return not _history_words().action.search(clause)


# A clause that ends with "and" (or ", and") before the window: the window is a conjunct of its
# own, with no subject.
_AND_CONJUNCT = re.compile(r"(?<![\w-])and[\s\-–•*(]*$", re.IGNORECASE)


def history_since(g, text: str, start: int) -> dict | None:
    """The subject when a span of time with no window words follows a patient's history event
    and nothing else ("Onset of symptoms < 5 days", "Symptom onset > 14 days", "Diagnosis of
    COVID-19 ≤ 7 days"): the time since that event (a window before the present), else None."""
    found = _clause_before(text, start)
    if found is None or not _history_words().since_gap.fullmatch(text, found["span"][1], start):
        return None  # "Hospitalization for more than 48 hours": how long it lasted
    m = _history_words().head.match(found["text"])
    head = _WS.sub(" ", (m.group(1) if m else found["text"]).lower())
    if head in _lasting_history():
        return None  # "Menopause>=12 consecutive months": how long the state has lasted
    name = _event_name(g, head)
    return found if name in _history_events() else None


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


# Windows that a future cue before them turns to the future: "to be performed within 3 months",
# "Forecast of transfer to another center in the 12 hours".
_FUTURE_WINDOWS = frozenset({"win.within", "win.in_the"})


def _future_before(text: str, start: int) -> bool:
    """Whether a future cue stands in the clause before `start`, after any other bound in it
    ("with life expectancy > 2 years ... even if diagnosed within 2 years": the expectancy
    belongs to its own bound)."""
    future, _, _ = _cues()
    _, at = _last_break(text, max(0, start - _MAX_CLAUSE), start)
    for other in _other_bounds()[1].finditer(text, at, start):
        at = other.end()
    return any(m.lastgroup is None for m in future.finditer(text, at, start))


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


# a bracket that opens on a window and names the case it holds for: "At least 4 weeks since prior
# chemotherapy (6 weeks for nitrosoureas or mitomycin)"; and the bracket's end after a window
_OPEN_BRACKET_BEFORE = re.compile(r"\(\s*$")
_BRACKET_CASE = re.compile(r"\s+for\s+(?P<case>[^()\d;:<>≤≥=]{2,100}?)\s*\)")
_CLOSE_AFTER_WINDOW = re.compile(r"[^()]{0,40}?\)")


def _modifiers_only(subject: str) -> bool:
    """Whether a subject is only 'subject_modifiers' words (models/time_events.json)."""
    words = _WS.split(subject.lower().strip())
    return all(w in _subject_modifiers() for w in words)


@lru_cache(maxsize=1)
def _subject_modifiers() -> frozenset:
    return frozenset(load("time_events")["subject_modifiers"])


def subject_before(text: str, start: int, end: int) -> dict | None:
    """The subject of the window or duration written at [start, end): in a bracket opened right
    before it, the case after "for" that it holds for; else the clause before it, or when
    nothing stands there, the clause after it."""
    case = _BRACKET_CASE.match(text, end) if _OPEN_BRACKET_BEFORE.search(text, max(0, start - 4), start) else None
    if case:
        found = _trim(text, case.start("case"), case.end("case"))
        if found is not None:
            return found
    found = _clause_before(text, start)
    if found is not None and _modifiers_only(found["text"]):
        # "Recent (< 6 months) myocardial infarction", "Current or recent (within one year)
        # history of substance abuse", "Currently, or within the past 3 months, those who
        # take ...": the words before the window only qualify what follows it (after the
        # bracket that holds the window, if one does)
        bracketed = text[found["span"][1]:start].strip().startswith("(")
        close = _CLOSE_AFTER_WINDOW.match(text, end) if bracketed else None
        # (unbracketed, the window stands between commas: "Currently, or within the past 3
        # months, those who ..."; not "active within 3 months of study treatment prior to ...")
        aside = not bracketed and text[end:end + 3].lstrip().startswith(",")
        after = _clause_after(text, close.end() if close else end) if close or aside else None
        if after is not None:
            return after
    if found is None and not _OF_AFTER.match(text, end):
        # "To be performed within 28 days prior to day 1 of protocol therapy": what follows
        # "of" goes on naming the anchor, not the subject
        found = _clause_after(text, end)
    return _before_period(text, found, start)


@lru_cache(maxsize=1)
def _period() -> tuple[re.Pattern, re.Pattern, frozenset]:
    """'subject_period_starts' before a word, a gap of nothing but one of 'subject_period_joins',
    and the 'subject_from_takers' (models/time_events.json)."""
    data = load("time_events")
    starts = re.compile(r"(?<![\w-])" + word_alternation(data["subject_period_starts"]) + r"\s+(?=[A-Za-z\d])", re.IGNORECASE)
    joins = re.compile(r"[\s,]*" + word_alternation(data["subject_period_joins"]) + r"\s*", re.IGNORECASE)
    return starts, joins, frozenset(data["subject_from_takers"])


_PERIOD_WORDS = 10  # a period's start is a few words ("from the start of favipiravir administration")
_PERIOD_BREAK = re.compile(r"[(),;\[\]]|(?<![\w-])(?:and|or|and/or)(?![\w-])", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")


def _before_period(text: str, found: dict | None, start: int) -> dict | None:
    """A subject less the start of a period that the window at `start` ends ("use adequate
    barrier contraception during treatment with the IMP and until at least 30 days after the last
    intake": the contraception; "during the trial, starting from Screening Visit": both starts)."""
    if found is None or found["span"][1] > start:
        return found
    begin, end = found["span"]
    starts, joins, takers = _period()
    if not joins.fullmatch(text, end, start):
        return found
    cut = end
    while True:
        last = None
        for last in starts.finditer(text, begin, cut):
            pass
        # (a start is a few words with no mark or conjunction of their own: not "a negative
        # pregnancy test during screening and agree to ...", nor "refrain from donating blood")
        if last is None or last.start() == begin or _PERIOD_BREAK.search(text, last.start(), cut) \
                or len(text[last.start():cut].split()) > _PERIOD_WORDS:
            break
        taker = _WORD_BEFORE.search(text, begin, last.start())
        if last.group().split()[-1].lower() == "from" and taker and taker.group(1).lower() in takers:
            break
        cut = last.start()
        while cut > begin and (text[cut - 1].isspace() or text[cut - 1] == ","):
            cut -= 1
    return (_trim_words(text, begin, cut) or found) if cut < end else found


_TIME_FROM_TO = re.compile(r"\b(?:time|interval|period|duration)\s+(?:from|between|since)\s+(?P<subject>[^;:.<>≤≥=\d]{3,60}?)"
                           r"\s+(?:to|and|until|till)\s+(?P<event>[^;:.<>≤≥=\d]{3,60}?)\s*(?:[:,(]|is\b|was\b|were\b|of\b|must\b|should\b|"
                           r"within\b|<|>|≤|≥|=|$)",
                           re.IGNORECASE)
# What may stand between such a clause and its number: a verb ("was within 7 days").
_INTERVAL_VERBS = frozenset({"", "is", "of", "must be", "should be", "was", "were", "be", "has been", "shall be",
                             "should", "must", "shall"})  # "should not exceed 5 days": the bound's own words follow


def interval_window(g, text: str, start: int) -> dict | None:
    """A bound on the time between two events written before it ("Time from symptom onset to
    randomization ≤ 10 days"): a window placing the first (the subject) before the second (the
    anchor). Returns {"subject", "event"} or None."""
    _, at = _last_break(text, max(0, start - 3 * _MAX_SUBJECT), start)
    m = _TIME_FROM_TO.search(text, at, start)
    if not m or _WS.sub(" ", text[m.end("event"):start].strip(" :,(<>≤≥=").strip().lower()) not in _INTERVAL_VERBS:
        return None
    es, ee = m.span("event")
    written = text[es:ee]
    name = _event_name(g, written.lower()) or _WS.sub(" ", _LEADING_ARTICLE.sub("", written.lower()))
    ss, se = m.span("subject")
    return {"subject": {"text": text[ss:se], "span": [ss, se]},
            "event": {"text": written, "span": [es, ee], "name": name}}


# A prognosis written before a span of time: the span is how long the patient is expected to
# live, a value of that measure, not how long the subject lasts ("would limit life expectancy
# to less than 6 months", "survival prognosis of > 5 years", "not expected to survive 48 hours").
# A survival free of something ("disease-free survival for at least 5 years") is how long that
# lasted, not a prognosis. The words are 'prognosis_words' of models/time_events.json.
@lru_cache(maxsize=1)
def _prognosis_before() -> re.Pattern:
    words = word_alternation(load("time_events")["prognosis_words"], space=r"[\s-]+")  # "life-expectancy"
    return re.compile(r"(?<![\w-])(?<!free\s)" + words + r"(?![\w-])"
                      r"(?:(?!free\b)(?:i\.e\.|e\.g\.|[^.;\d<>≤≥=])){0,45}$", re.IGNORECASE)


def prognosis_before(text: str, start: int) -> bool:
    """Whether the span of time at `start` is a survival the clause before it expects."""
    return _prognosis_before().search(text, max(0, start - 70), start) is not None


@lru_cache(maxsize=1)
def _second_measure():
    words = sorted(load("time_events")["second_measures"], key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])"
                      r"[\s:(]*(?:(?:of|is|was)\b[\s:(]*)?$", re.IGNORECASE)


def measure_in_seconds(text: str, start: int) -> bool:
    """Whether a number in seconds or milliseconds at `start` is the value of a measure named
    right before it ("Q-waves of ≥0.03 sec", "salivary flow (>60 sec)"), not a duration."""
    return _second_measure().search(text, max(0, start - 40), start) is not None


# "An interval of at least 4 weeks between prior radiotherapy and enrollment", "more than 7 days
# between the onset of symptoms and randomization": the span bounds the time from the first event
# (the subject) to the second (the anchor).
# A bracketed aside may stand in the first event ("the onset of symptoms (fever, dysnea, and/or
# cough) and treatment administration day"), and digits glued to a name's letters in either
# ("the first dose of MLN8237"): no number of a span of its own.
_EVENT_TEXT = r"(?:\([^()<>≤≥=\d]{1,60}\)|(?<=[A-Za-z])\d+|(?!\s(?:and|or)\s)[^;:.()<>≤≥=\d]){3,60}?"


@lru_cache(maxsize=1)
def _between_after() -> re.Pattern:
    """The "between X and Y" or "from X to Y" right after a span, which a noun for the span
    ('span_nouns' of models/time_events.json: "1 month interval between surgery and
    radiotherapy") and a verb of 'elapsed_words' ("2 weeks must have elapsed between the end of
    radiotherapy and study enrollment") may come before."""
    data = load("time_events")
    nouns = word_alternation(data["span_nouns"])
    elapsed = word_alternation([w for w in data["elapsed_words"] if " " not in w])
    # the verb may stand bare: "Less than 7 days passed from the onset of clinical symptoms to the
    # time of enrollment"
    return re.compile(rf"(?:\s+{nouns})?(?:\s+(?:(?:(?:must|should)\s+)?(?:have|has)\s+)?{elapsed})?"
                      rf"\s+(?:between\s+(?P<subject>{_EVENT_TEXT})\s+and"
                      rf"|from\s+(?P<subject2>{_EVENT_TEXT})\s+(?:to|until|till))"
                      r"\s+(?P<event>(?:(?<=[A-Za-z])\d+|[^;:.()<>≤≥=\d,]){3,60}?)"
                      r"\s*(?=[;:.,()]|$|\s(?:is|are|must|should|was|were|or|and)\b)", re.IGNORECASE)


_TIME_OF = re.compile(r"^(?:the\s+)?(?:time|day|date)\s+of\s+")


def between_events(g, text: str, end: int) -> dict | None:
    """{"subject", "event", "end"} of a span followed by "between X and Y" or "from X to Y", or
    None. After "from", Y must be a known anchor ("to the chest" names no event) and neither may be
    a step of the study's own course."""
    m = _between_after().match(text, end)
    if not m:
        return None
    es, ee = m.span("event")
    written = text[es:ee]
    # "to the time of enrollment": the time of a known anchor is that anchor
    known = _event_name(g, written.lower()) or _event_name(g, _TIME_OF.sub("", written.lower()))
    name = known or _WS.sub(" ", _LEADING_ARTICLE.sub("", written.lower()))
    ss, se = m.span("subject") if m.group("subject") else m.span("subject2")
    if m.group("subject2"):
        course = _steps()[1]  # "from the first dose to the last dose": a period of the study itself
        if known is None or known in course or _event_name(g, text[ss:se].lower()) in course:
            return None
        if _event_name(g, text[ss:ee].lower()):
            return None  # "within 24 hours from admission to the ICU": one anchor, named whole
    return {"subject": {"text": text[ss:se], "span": [ss, se]},
            "event": {"text": written, "span": [es, ee], "name": name}, "end": m.end()}


_OF_AFTER = re.compile(r"\s+of\s+(?=[A-Za-z])")


def duration_subject(text: str, start: int, end: int) -> dict | None:
    """The subject of a duration: what follows "of" ("at least 1 year of amenorrhea", "six
    months of non-operative therapy"), else as for a window (subject_before)."""
    m = _OF_AFTER.match(text, end)
    if m is None and _definition_bracket().search(text, max(0, start - 40), start):
        # "Had any chronic use (more than 14 continuous days) of any systemic medications",
        # "Chronic administration (defined as more than 14 days) of immunosuppressants"
        m = _CLOSE_THEN_OF.match(text, end)
    found = _clause_after(text, m.end()) if m else None
    return found or subject_before(text, start, end)


_CLOSE_THEN_OF = re.compile(r"\s*\)\s+of\s+(?=[A-Za-z])")


_LEADING_ABBREVIATION = re.compile(r"(?:e\.g|i\.e)\.?(?![\w-])\s*", re.IGNORECASE)
_ABBREVIATION_POINT = re.compile(r"(?<![A-Za-z])(?:e\.g|i\.e|vs|etc|approx)\.$", re.IGNORECASE)


def _last_break(text: str, base: int, start: int) -> tuple[int, int]:
    """(start, end) of the last clause break in text[base:start], or (base, base): what
    _BREAK_BEFORE finds last, by rfind (a scan per criterion costs more)."""
    best = (base - 1, base)
    for ch in ";:•":
        at = text.rfind(ch, base, start)
        if at > best[0]:
            best = (at, at + 1)
    at = text.rfind("\n", base, start)
    while at > best[0] and _wrapped(text, at):
        at = text.rfind("\n", base, at)  # a line wrapped inside a sentence goes on
    if at > best[0]:
        best = (at, at + 1)
    at = text.rfind(". ", base, start)
    while at > best[0] and _ABBREVIATION_POINT.search(text, max(base, at - 4), at + 1):
        at = text.rfind(". ", base, at)  # "(e.g. hydroxyurea and anagrelide)": no sentence ends there
    if at > best[0]:
        best = (at, at + 2)
    for opening, closing in "()", "[]":
        at = text.rfind(opening, base, start)
        while at > best[0]:
            if text.find(closing, at, start) == -1:  # an unclosed parenthesis opens the clause
                best = (at, at + 1)
                break
            at = text.rfind(opening, base, at)
    item = None
    for item in _item_starts().finditer(text, best[1], start):
        pass
    if item is not None:  # the last item of a flattened list before `start`
        best = (item.start(), item.end())
    return max(best[0], base), best[1]


# "... or regular use of alcohol": a conjunction opening a new noun phrase, not another span
# ("within 5 half-lives or 4 weeks") nor another window ("or within 3 months")
_PAREN = re.compile(r"[()]")
_SPAN_AFTER_BOUND = re.compile(r"\d[\d.,]*\s*-?\s*(?:years?|yrs?|months?|mos?|weeks?|wks?|days?|hours?|hrs?|[hd])(?![\w-])",
                               re.IGNORECASE)
# what may follow that window's span before the conjunction: nothing, or its relation and anchor
# ("within 1 year prior to screening or ..."; not "15 days of an anti-diabetic medication or insulin")
_SPAN_GAP = re.compile(r"\s*|\s+(?:prior\s+to|before|after|following|preceding|ago|earlier)\b[^()]*", re.IGNORECASE)
_CONJUNCTION = re.compile(r"(?:,\s*|\s)(?:and/or|or|and)\s+", re.IGNORECASE)
_CONJUNCT_GAP_WORDS = 6
_NEW_CONJUNCT = re.compile(r"(?:,\s*|\s)(?:and/or|or|and)\s+(?!(?:within|in|during|over|for)\b)(?=[A-Za-z])", re.IGNORECASE)


# ", and have documented disease progression within 6 months": a clause of its own, with its own verb
_CLAUSE_AND = re.compile(r",\s+and\s+(?=(?:have|has|had|must|should|is|are|was|were|be)(?![\w-]))"
                         # "... and have been on stable doses of X for the 6 weeks": not "and has
                         # been without evidence of disease for 5 years", whose state is the clause's
                         r"|\s+and\s+(?=(?:have|has|had)\s+been\s+(?!without|free)[a-z])"
                         # "... or has taken a MAOI within 2 weeks", "participating in other clinical
                         # trials or patients who have participated in other drug clinical trials
                         # within 1 month", "Participating in any other study and have received any
                         # other investigational medication within 30 days": a clause of its own after
                         # "or", or after "and" with a participle and its object (not "and has been
                         # without evidence", "or have not given birth", whose "not" the subject would
                         # lose, "and have occurred at least 30 days before", "or have received it")
                         r"|(?:,\s*|\s+)or\s+(?:(?:patients|subjects|participants|those|women|men)\s+)?(?:who\s+)?"
                         r"(?=(?:have|has|had|is|are|was|were)\s+(?!not\b|been\s+(?:without|free|not)\b)[a-z]"
                         r"(?![^,;()]*?\s(?:it|them)(?![\w-])))"
                         r"|\s+and\s+(?=(?:have|has|had)\s+(?!been)[a-z]+(?:ed|en)\s+"
                         r"(?!(?:at|before|after|prior|from|since|within|in|on|by|for|until|more|less|it|them)(?![\w-]))[a-z])"
                         # "History of malignancies, unless the subject has been free of the disease
                         # for 2 years": the exception is a clause of its own, and so is a condition
                         # after a word ("Women will be considered postmenopausal if they have been
                         # amenorrhoeic for 12 months"; not "if it", "if they can be stopped", "if they
                         # have not undergone", whose "not" the subject would lose, nor a
                         # condition opening the sentence or after a comma, a lead clause)
                         r"|,\s*unless\s+(?=[a-z])"
                         r"|(?<=[A-Za-z])\s+if\s+(?=(?:they|he|she|the|patients?|subjects?|participants?)\s+"
                         r"(?!(?:can|could|may|might|will|would|should|must)(?![\w-])|\S+\s+(?:not|never)(?![\w-])))",
                         re.IGNORECASE)


def _clause_before(text: str, start: int) -> dict | None:
    base = max(0, start - 3 * _MAX_SUBJECT)
    brk, at = _last_break(text, base, start)
    for clause in _CLAUSE_AND.finditer(text, at, start):
        at = clause.end()
    other = _other_bounds()[0].search(text, at, start) if _DIGIT.search(text, at, start) else None
    found = None
    if other:
        # "alcohol abuse within 1 year prior to screening or regular use of alcohol within 6
        # months": a conjunct after the other bound names a subject of its own
        # (the first conjunction, a few words after another window only: not "Ferritin > 700
        # mcg/L and rising since last 24h", nor across a parenthesis, "(defined as more than 14
        # days) of X or other drugs", nor "within 30 days of each other followed by a second
        # attack of either optic neuritis and/or ...")
        last = other
        for last in _other_bounds()[0].finditer(text, other.end(), start):
            pass  # the bound nearest the window
        conj = _CONJUNCTION.search(text, last.end(), start)
        span = _SPAN_AFTER_BOUND.match(text, last.end() - 1)
        if conj and span and _NEW_CONJUNCT.match(text, conj.start()) and _SPAN_GAP.fullmatch(text, span.end(), conj.start()) \
                and not _DIGIT.search(text, conj.end(), start) \
                and len(text[last.end():conj.start()].split()) <= _CONJUNCT_GAP_WORDS:
            found = _trim(text, conj.end(), start)
    if found is None:
        cut = other.start() if other and other.start() > at else start
        # (a definition cut short by another bound names no subject: "post-menopausal, defined
        # as age greater than 45 and no menses for at least 24 consecutive months" is no age)
        found = _trim(text, at, cut, definition=cut == start)
    if found is None and at > brk and text[brk] == "(":
        # "Other active malignancy (≤ 3 years)": the subject stands before the parenthesis
        return _clause_before(text, brk)
    return found


def _clause_after(text: str, pos: int) -> dict | None:
    """The clause from `pos` on: to a break, or to a parenthesis that closes one opened before
    ("(< 1 year since onset)"); a parenthesis opened inside it is kept ("DHEA (dehydro...)")."""
    m = _BREAK_AFTER.search(text, pos)
    while m and m.group() == "\n" and _wrapped(text, m.start()):
        m = _BREAK_AFTER.search(text, m.end())  # a line wrapped inside a sentence goes on
    end = m.start() if m else len(text)
    item = _item_starts().search(text, pos, end)
    if item:
        end = item.start()
    depth = 0
    for i in range(pos, end):
        ch = text[i]
        if ch == "(" and _DIGIT.match(text[i + 1:i + 3].lstrip()):
            end = i  # "prior chemotherapy (2 weeks since vincristine)": a case of its own follows
            break
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                end = i
                break
            depth -= 1
    if end - pos > _MAX_SUBJECT:
        # a subject after its window starts where the window ends: too long, it keeps its
        # first words (_trim keeps the last ones, nearest a window written after them)
        cut = text.rfind(" ", pos, pos + _MAX_SUBJECT)
        end = cut if cut > pos else pos + _MAX_SUBJECT
    return _trim(text, pos, end)


_FIRST_WORD = re.compile(r"[A-Za-z]+(?![\w\-])")
_LIST_MARK = re.compile(r"(?:\d{1,2}|(?<![A-Za-z])[ivx]{1,4}(?=\)))[.)]\s*(?=[A-Za-z])")  # "12.", "iv)"
_LAST_WORD = re.compile(r"(?<![\w\-])[A-Za-z]+$")


@lru_cache(maxsize=1)
def _verb_group() -> re.Pattern:
    """'subject_verb_groups' of models/time_events.json with what may follow them ("must not
    have been"): the clause's requirement starts after the last one."""
    groups = sorted(load("time_events")["subject_verb_groups"], key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(phrase_regex(p) for p in groups) + r")"
                      r"(?:\s+(?:not|have|had|be|been))*\s+(?=[A-Za-z])", re.IGNORECASE)


def _trim(text: str, start: int, end: int, definition: bool = True) -> dict | None:
    """The subject in the clause [start, end): what a definition names, what a history is of,
    what a modal verb requires, or the clause itself (see _trim_words)."""
    if end - start > 2 * _MAX_SUBJECT:
        start = end - 2 * _MAX_SUBJECT
    low = text[start:end].lower()  # (the patterns below are tried only where their words stand)
    lead = None
    for lead in (_definition().finditer(text, start, end) if definition and any(w in low for w in _definition_words())
                 else ()):
        pass
    rest = text[lead.end():end] if lead is not None else ""
    # (not a definition in a bracket that closes before the window: "substance abuse (defined as
    # the use of any illicit drug) or alcohol abuse within the first year")
    if lead is not None and rest.count(")") <= rest.count("(") and _trim_words(text, lead.end(), end) is not None:
        # "Woman who is not fertile, defined as postmenopausal for at least 1 year": what the
        # definition names is what the window bounds (not "Chronic administration (defined as")
        start = lead.end()
        negation = _NEGATED.match(text, start, end)
        found = _trim_words(text, negation.end(), end) if negation else None
        if found is not None:  # "is defined as no menses for 12 months": the absence, "no menses"
            return {"text": text[start:found["span"][1]], "span": [start, found["span"][1]]}
        low = text[start:end].lower()
    history = None
    for history in (_history_of().finditer(text, start, end) if "history" in low else ()):
        pass
    if history is not None:  # "diagnosis of cCH ... with a history of cCH of at least 12 months"
        found = _trim_words(text, history.end(), end)
        if found is not None:
            return found
    verb = None
    for verb in (_verb_group().finditer(text, start, end) if any(w in low for w in _verb_group_words()) else ()):
        pass
    passive = verb is not None and verb.group().split()[-1].lower() in ("be", "been")
    event_verb = _event_verb().match(text, verb.end()) if verb is not None else None
    before_verb = verb is not None and (passive and _PARTICIPLE.match(text, verb.end())
                                        # (an event verb with no object: "must stop X" names X)
                                        or event_verb is not None and (not text[event_verb.end():end].strip()
                                                                       or _NO_OBJECT.match(text, event_verb.end())))
    if before_verb:
        # in the passive or with an event verb the subject stands before the verb: "Disease
        # must be assessed within 28 days", "Randomisation must occur within 48 hours"
        found = _trim_words(text, start, verb.start())
        if found is not None:
            return found
    elif verb is not None:
        # "Women ... must have a negative pregnancy test": the test
        found = _trim_words(text, verb.end(), end)
        # (nor where only a pronoun is left, or one word after "be": "Concurrent corticosteroid
        # therapy must be stable for at least 1 week" is the therapy's)
        if found is not None and found["text"].lower() not in _PRONOUNS and not (passive and " " not in found["text"]):
            return found
    return _trim_words(text, start, end)


@lru_cache(maxsize=1)
def _verb_group_words() -> tuple[str, ...]:
    """The longest word of each 'subject_verb_groups' group ("required" of "is required to"): a
    clause without one holds no group."""
    return tuple(sorted({max(g.split(), key=len) for g in load("time_events")["subject_verb_groups"]}))


_NEGATED = re.compile(r"(?:no|not|without)\s+(?=[A-Za-z])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _definition() -> re.Pattern:
    """One of 'subject_definition_leads' (models/time_events.json) before a word."""
    return re.compile(r"(?<![\w-])" + word_alternation(load("time_events")["subject_definition_leads"]) + r"(?![\w-])\s+(?=[A-Za-z])",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def _definition_bracket() -> re.Pattern:
    """A bracket opened right before a window, with one of 'subject_definition_leads' or nothing
    between ("(defined as more than 14 days)")."""
    return re.compile(r"\(\s*(?:" + word_alternation(load("time_events")["subject_definition_leads"]) + r"\s+)?$",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def _definition_words() -> tuple[str, ...]:
    """The first word of each 'subject_definition_leads' phrase: a clause without one holds none."""
    return tuple(sorted({p.split()[0] for p in load("time_events")["subject_definition_leads"]}))


@lru_cache(maxsize=1)
def _history_of() -> re.Pattern:
    """'history of' after one of 'subject_history_leads' (models/time_events.json): what the
    history is of is what the window bounds ("Those who have a history of drug abuse within 1
    year"); "with" not after "or" or "and" ("active malignancy or with a history of malignancy"
    keeps both)."""
    leads = word_alternation(load("time_events")["subject_history_leads"])
    # ("or with a history of X" is one alternative; "..., or has a history of X" a clause)
    return re.compile(r"(?<![\w-])(?!(?<=\bor\s)with|(?<=\band\s)with)" + leads
                      + r"\s+(?:(?:an?|the)\s+)?(?:[A-Za-z-]+\s+){0,2}?history\s+of\s+(?=[A-Za-z])", re.IGNORECASE)


# a past participle, or an adjective saying how the subject stands, after "be"/"been": the
# clause's subject stands before the verb ("must be completed", "must be present at baseline")
_PARTICIPLE = re.compile(r"(?:[a-z]+ly\s+)?(?:[a-z]+(?:ed|en)|done|held|made|met|kept|set|put|run|begun|sent|brought|withheld|"
                         r"present|absent|stable|negative|positive|available|normal|adequate)(?![\w-])", re.IGNORECASE)
# what may follow an event verb that takes no object ("must have elapsed before the first dose")
_NO_OBJECT = re.compile(r"\s+(?:before|after|prior|from|since|within|in|at|on|by|for|until|between)(?![\w-])", re.IGNORECASE)
_PRONOUNS = frozenset({"it", "them", "this", "that", "these", "those", "so", "one"})


@lru_cache(maxsize=1)
def _event_verb() -> re.Pattern:
    words = sorted(load("time_events")["subject_event_verbs"], key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(phrase_regex(w) for w in words) + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _lead_clause() -> re.Pattern:
    """A 'subject_lead_clauses' opening (models/time_events.json) up to the comma that ends it."""
    opens = word_alternation(load("time_events")["subject_lead_clauses"])
    return re.compile(opens + r"(?![\w-])[^,;:()]{1,80},\s*(?=[A-Za-z])", re.IGNORECASE)


_LIST_GOES_ON = re.compile(r"[^,;]{0,40}?(?:,\s*(?:and|or)\b|\band/or\b)", re.IGNORECASE)


def _lead_clause_at(text: str, start: int, end: int):
    """The lead clause at `start`, unless its comma is one of a list's ("If already receiving
    educational, behavioral, and/or dietary interventions, ...")."""
    m = _lead_clause().match(text, start, end)
    return m if m is not None and not _LIST_GOES_ON.match(text, m.end(), end) else None


def _trim_words(text: str, start: int, end: int) -> dict | None:
    """[start, end) less lead and trail words and edge punctuation, at most _MAX_SUBJECT long."""
    _, lead, trail = _cues()
    while True:
        while start < end and (text[start] in _EDGE_PUNCT or text[start].isspace()):
            start += 1
        mark = _LIST_MARK.match(text, start, end) or _LEADING_ABBREVIATION.match(text, start, end) \
            or _lead_clause_at(text, start, end)
        if mark:  # "12.Intravenous immunoglobulin": an item number the export glued on; "i.e.";
            # "If the patient is a female, she has had ...": a condition the subject does not hold
            start = mark.end()
            continue
        m = _FIRST_WORD.match(text, start, end)
        if not m or m.group().lower() not in lead:
            break
        start = m.end()
    while True:
        while end > start and (text[end - 1] in _EDGE_PUNCT + "(<>≤≥=" or text[end - 1].isspace()):
            end -= 1
        m = _LAST_WORD.search(text, max(start, end - 20), end)
        if not m or m.group().lower() not in trail or (m.start() > start and text[m.start() - 1].isalnum()):
            break
        end = m.start()
    if end - start > _MAX_SUBJECT:
        cut = text.find(" ", end - _MAX_SUBJECT, end)
        start = cut + 1 if cut != -1 else end - _MAX_SUBJECT
    if end <= start or not any(ch.isalpha() for ch in text[start:end]):
        return None
    return {"text": text[start:end], "span": [start, end]}


_IMPLICIT_UNITS = {"year": "a", "month": "mo", "week": "wk", "day": "d", "hour": "h"}
IMPLICIT_WORDS = frozenset(_IMPLICIT_UNITS)
# Window cues that name no span of their own ("last month" alone, "during the month of
# screening"): a one-unit window needs a fuller cue.
_IMPLICIT_WINDOW_IDS = frozenset({"win.past", "win.last", "win.previous", "win.preceding", "win.recent",
                                  "win.prior", "win.next", "win.first", "win.in_the", "win.during_the",
                                  "win.over_the", "win.the_following", "win.coming", "win.upcoming",
                                  "win.subsequent", "win.ensuing"})


# Where a 'bracketed_implicit_windows' cue opens a bracket that closes right after its unit
_OPEN_BEFORE = re.compile(r"\(\s*$")
_CLOSE_AFTER = re.compile(r"\s*\)")
_UNIT_WORD = re.compile(r"(?<![\w\-])(?:year|month|week|day|hour)(?![\w\-])", re.IGNORECASE)
_ONE_BEFORE = re.compile(r"(?:^|\s)(?:(?P<half>half\s+(?:of\s+)?an?|an?\s+half)|a|an|one)\s+$", re.IGNORECASE)
# "a year and a half", "a month and a half": half a unit more than the one named
AND_A_HALF = re.compile(r"\s+and\s+a\s+half(?![\w-])", re.IGNORECASE)


def _window_ids(key: str) -> frozenset:
    """The list `key` of models/time_events.json, each an id of one of its 'windows' (checked)."""
    data = load("time_events")
    unknown = sorted(set(data[key]) - {w["id"] for w in data["windows"]})
    if unknown:
        raise ValueError(f"models/time_events.json: {key} names no window: {', '.join(unknown)}")
    return frozenset(data[key])


@lru_cache(maxsize=1)
def _relation_implicit() -> frozenset:
    """'relation_implicit_windows' of models/time_events.json, each the id of one of its 'windows'."""
    return _window_ids("relation_implicit_windows")


@lru_cache(maxsize=1)
def _bracketed_implicit() -> frozenset:
    """'bracketed_implicit_windows' of models/time_events.json, each the id of one of its 'windows':
    a bare cue back in time with its unit alone in brackets ("current (past year) AUD") is a
    window of one unit, as "within the past year" is; bare ("past year") it names none."""
    return _window_ids("bracketed_implicit_windows")


@lru_cache(maxsize=1)
def bounded_lasting_windows() -> frozenset:
    """'bounded_lasting_windows' of models/time_events.json, each the id of one of its 'windows':
    after 'for', a comparator cue and 'the' ("for at least the past 6 weeks") the span is how long
    the subject has lasted."""
    return _window_ids("bounded_lasting_windows")


# "the day before surgery", "the hour after dosing" name a point in time, not a window up to it
_LONG_UNITS = frozenset({"year", "month", "week"})


def _relation_after(g, text: str, pos: int) -> bool:
    """A relation with a side and a named event right after a unit word ("month prior to entry
    into the study"); "the month of screening" has none."""
    rel = relation_event(g, text, pos, len(text))
    return bool(rel and rel["event"] and rel["relation"]["direction"])


# "for (at least) the" before "first": how long something lasted ("hospitalized for at least the
# first week after surgery"), which a number would make a duration, no window of one unit
_FOR_THE_BEFORE = re.compile(r"(?<![\w-])for\s+(?:(?:at\s+least|at\s+most|more\s+than|less\s+than|no\s+more\s+than|"
                             r"no\s+less\s+than|up\s+to|over|under)\s+)?(?:the\s+)?$", re.IGNORECASE)


def implicit_windows(g, text: str, taken: list[tuple[int, int]], bound=None) -> list[dict]:
    """Windows with no number: value 1 of the unit named ("within the past month": <= 1 mo;
    "within a week"), 0.5 for "half a year", 1.5 for "a year and a half". Tried only after a
    singular unit word; the window cue is read leftwards with the same pattern as before a
    number. With `bound` (text, pos -> (start, comparator, rule) of a comparator cue ending at
    pos, or None), "a"/"an" after a bound and before a unit that a relation follows is one
    unit too ("at least a week since the last dose", "more than a year ago"): the item has no
    window and the bound's comparator."""
    out = []
    for m in _UNIT_WORD.finditer(text):
        at = m.start()
        one = _ONE_BEFORE.search(text, max(0, at - 14), at)
        value, end = 1, m.end()
        if one and one.group("half"):
            value = 0.5
        elif one:
            more = AND_A_HALF.match(text, m.end())
            if more:
                value, end = 1.5, more.end()
        cue_end = one.start() if one else at
        left = text[max(0, cue_end - 40):cue_end][::-1]
        w = g.window.match(left)
        if not w:
            cue = _implicit_bound(g, text, one, m.end(), bound) if bound else None
            if cue and not any(s <= cue[0] < e or cue[0] <= s < m.end() for s, e in taken):
                out.append({"start": cue[0], "end": end, "value": value, "window": None, "comparator": cue[1],
                            "rule": cue[2], "ucum": _IMPLICIT_UNITS[m.group().lower()], "unit_span": [m.start(), m.end()]})
            continue
        window = g.window_info.get(_WS.sub(" ", w.group("cue")[::-1].lower()))
        if window is None:
            continue
        if one is None and window["id"] in _relation_implicit() and m.group().lower() in _LONG_UNITS \
                and _relation_after(g, text, m.end()) \
                and not _FOR_THE_BEFORE.search(text, max(0, cue_end - w.end() - 40), cue_end - w.end()):
            pass  # "in the month prior to entry": one month before a named event
        elif window["id"] in _bracketed_implicit() and _OPEN_BEFORE.search(text, max(0, cue_end - w.end() - 4), cue_end - w.end()) \
                and _CLOSE_AFTER.match(text, end):
            pass  # "Current (past year) diagnosis": the bracket holds the window alone
        elif window["id"] in _IMPLICIT_WINDOW_IDS:
            continue
        elif window["id"] in ("win.within", "win.in_the_following") and one is None:
            continue  # "within the month of ..." is not a window of one month
        start = cue_end - w.end()
        if any(s <= start < e or start <= s < m.end() for s, e in taken):
            continue
        out.append({"start": start, "end": end, "value": value, "window": window,
                    "ucum": _IMPLICIT_UNITS[m.group().lower()], "unit_span": [m.start(), m.end()]})
    return out


# what follows a unit of time when it is measured from an event: "ago", "since", "before"...
_AGO = re.compile(r"\s+ago(?![\w-])", re.IGNORECASE)


def _implicit_bound(g, text: str, one, unit_end: int, bound):
    """The comparator cue of "at least a week since ...": only "a"/"an" (not "half a"), a bound
    right before it, and "ago" or a relation (a passing verb may stand between: "has passed
    since") right after the unit, so that "more than a week" alone stays unread."""
    if one is None or one.group("half") or one.group().strip().lower() not in ("a", "an"):
        return None
    if not (_AGO.match(text, unit_end) or g.relation.match(text, unit_end)):
        return None
    return bound(text, one.start() + (len(one.group()) - len(one.group().lstrip())))


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
    return re.compile(r"[\s-]*(?:long\s+)?" + words + r"\s+(?:period|phase)(?![\w-])"
                      r"(?!\s+(?:prior|before|after|following|preceding|since|from|until|till)\b)", re.IGNORECASE)


def study_period(text: str, window: dict | None, end: int) -> bool:
    """Whether a span after "during the" names a period of the study itself ("during the 16
    week treatment period", "during the 26-week treatment period"): when within the study the
    subject is asked about, not a bound on it (no window). A follow-up period follows the
    treatment's end and stays a window ("during the 3-month follow-up period")."""
    return window is not None and window["id"] == "win.during_the" and _study_period().match(text, end) is not None


_ANCHOR_GAP = re.compile(r"(?:(?![;:•]|\.\s).){0,120}", re.DOTALL)
_CONJUNCTION_WORD = re.compile(r"(?<![\w-])(?:or|and)(?![\w-])", re.IGNORECASE)


def _take_anchor(to: dict, source: dict) -> None:
    """`to` is before (or after) the event `source` names: the record wrote the anchor once."""
    to["event"] = dict(source["event"], span=list(source["event"]["span"]))
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
    prior to randomization"): two bounds of one window, the anchor written once after the second.
    Each stays an item of its own, as two bounds in different units are (bounds in one unit are
    one range already); "Intubated > 24 hrs but less than seven days" has no anchor and stays as
    it is, and a first span after "for" is how long something lasted."""
    for a, b in zip(out, out[1:]):
        if a["type"] != "duration" or "time.duration" not in a["rules"] or a["comparator"] not in (">", ">=") \
                or b["type"] != "time" or not b.get("event") or b["comparator"] not in ("<", "<=") \
                or not any(r.startswith("rel.") for r in b["rules"]) or any(r.startswith("win.") for r in b["rules"]):
            continue
        if a["span"][1] > b["span"][0] or not _LOW_HIGH_GAP.fullmatch(text, a["span"][1], b["span"][0]) \
                or _FOR_SPAN_BEFORE.search(text, max(0, a["span"][0] - 30), a["span"][0]):
            continue  # "Symptoms for more than 3 days but less than 2 weeks prior to ...": how long they lasted
        ua, ub = (a.get("unit") or {}).get("ucum"), (b.get("unit") or {}).get("ucum")
        if ua not in DAYS_IN or ub not in DAYS_IN or a["value"] * DAYS_IN[ua] >= b["value"] * DAYS_IN[ub]:
            continue
        a.update(type="time", direction=b["direction"], event=dict(b["event"], span=list(b["event"]["span"])))
        if b.get("subject"):
            a["subject"] = dict(b["subject"], span=list(b["subject"]["span"]))
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
                b["subject"] = dict(sa, span=list(sa["span"]))
