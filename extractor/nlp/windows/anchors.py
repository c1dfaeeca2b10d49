"""The anchor of a window: the relation after a span ("prior to", "before", "after", "of") and the
event it names, a washout, the study steps and milestones that events name."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ...normalize.resources import load
from ..patterns import APPROXIMATE, word_alternation
from .common import _LEADING_ARTICLE, _WS, _item_starts, lookback
from .subject import _clause_after

_ARTICLE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
# A possessive before an anchor says whose it is, no part of its name ("their first dose of sorafenib")
_POSSESSIVE = re.compile(r"(?:his\s*/\s*her|his\s+or\s+her|their|his|her|its)\s+(?=[A-Za-z0-9])", re.IGNORECASE)
# A study step may carry its number ("prior to Day 0", "before Visit 2", "the 1st dose"): the
# number is part of the anchor, not a quantity of its own.
_STEP_NUMBER = r"(?:(?<=[Dd]ay)|(?<=[Vv]isit)|(?<=[Cc]ycle)|(?<=[Ww]eek)|(?<=[Pp]eriod)|(?<=[Pp]hase))\s+[-+]?\d+(?!\w|[.,]\d)"
# An anchor no pattern names is up to five words, ending before a word that joins or opens another
# clause (time_events.json "fallback_ends"): a modal ("within one year of completing the initial
# vaccination could be retreated"), "not" ("after experiencing unacceptable toxicity not related
# to ..."), "at least" ("after receiving at least 2 regimens"), an exception or a span of the
# study ("prior to on-study date except carcinoma in situ", "prior to each collection throughout
# the study"), a relation of its own ("within 6 months of the last course of therapy after an
# initial response"; not "from 2 weeks prior to the day before registration").
@lru_cache(maxsize=1)
def event_fallback() -> re.Pattern:
    ends = load("time_events")["fallback_ends"]
    words = "|".join(ends["words"])
    lower = "|".join(ends["lower_case_words"])
    return re.compile(rf"(?:the\s+)?(?:\d+(?:st|nd|rd|th)\s+)?[A-Za-z][\w\-]*"
                      rf"(?:\s+(?!(?i:{words})\b)(?!(?:{lower})\b)[A-Za-z][\w\-]*){{0,4}}"
                      rf"(?:{_STEP_NUMBER})?")


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


_COMMA_SIDE = re.compile(r",(?=\s*(?:prior\s+to|before|preceding)\s)", re.IGNORECASE)
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
    if not m and text[pos:pos + 1] == ",":
        # "within the last 14 days, prior to randomization": a comma before a relation with a side
        # and a known event
        comma = _COMMA_SIDE.match(text, pos)
        m = g.relation.match(text, comma.end()) if comma else None
        if m and not g.event_at.match(text, m.end()):
            m = None
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
        if m and _WS.sub(" ", m.group("rel").strip().lower()) == "of" and alt.group("paren") is None \
                and alt.group("which") is None:
            # its "of" was taken as what the alternative is of (not after a bracket or a
            # "whichever" aside closed it: "within 14 days or about 5x half-life, whichever is the
            # longer, of the first dose")
            m = None
    if not m and anchor_of:
        # "within 1 week for all women of childbearing potential prior to enrolling", "within 60
        # days or 5 half-lives (whichever is longer) in the case of an investigational drug prior
        # to the first drug administration": the case the window holds for stands before its
        # relation; only where a known event follows it
        alt = _alternative_span().match(text, pos)
        case = _case_aside().match(text, alt.end() if alt else pos)
        m = g.relation.match(text, case.end()) if case else None
        if m and not g.event_at.match(text, m.end()):
            m = None
    if not m:
        return None
    word = _WS.sub(" ", m.group("rel").strip().lower())
    info = g.relation_info.get(word)
    if info is None:
        return None
    if info.get("ends_clause"):
        # "5 half-lives or 30 days should have passed.": the time since what the clause names;
        # "30 days has elapsed before Day 1" goes on (across a wrapped line too): its own relation
        # ("has elapsed before") names the anchor
        if not _CLAUSE_END.match(text, m.end("rel")):
            return None
        return {"relation": info, "end": m.end("rel"), "event": None}
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
    em = g.event_at.match(text, at)
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
        end = _open_slot_tail(text, em, limit)
        done = _COMPLETED_AFTER.match(text, end) if name in _STARTS_OF_TREATMENT else None
        if done and done.end() <= outer:
            # "50 days after dosing of the study drug is complete", "30 days after treatment is
            # completed": after the treatment's end, the last dose
            name, end = "last dose", done.end()
        return {"relation": info, "end": end, "event": _event(text, pos, at, end, name)}
    if info["id"] == "rel.of" and anchor_of and not _anchor_words().no_anchor.match(text, at):
        # "within 7 days of index procedure", "within 14 days of starting therapy": the anchor,
        # on either side of which the subject may lie
        fm = event_fallback().match(text, at)
        if fm and fm.end() <= limit:
            item = _item_starts().search(text, at, fm.end())
            end = _anchor_words().trailing.sub("", text[at:item.start() if item else _noun_tail(text, fm.end(), limit)])
            event = _event(text, pos, at, at + len(end), None)
            written = _WS.sub(" ", _LEADING_ARTICLE.sub("", event["text"].lower()))
            event["name"] = _known_tail(g, written) or written
            return {"relation": dict(info, id="rel.of.anchor"), "end": at + len(end), "event": event}
    if info["id"] == "rel.from" and anchor_of and _DATE_OF.match(text, at):
        # "within 7 days from date of randomization": the date of a known anchor is that anchor
        dm = g.event_at.match(text, _DATE_OF.match(text, at).end())
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
        em = g.event_at.match(text, conj.end())
        if em and em.end() <= limit and conj.group("step"):
            name = _event_name(g, em.group().lower())
            return {"relation": info, "end": em.end(), "event": _event(text, conj.end(), conj.end(), em.end(), name)}
        return {"relation": info, "end": at, "event": None}
    lead = None if glued else _anchor_words().lead.match(text, at)
    if lead:
        # "prior to receiving the first dose of study drug", "before administration of the 1st
        # dose of study vaccine": a known event after words that only say it takes place
        em = g.event_at.match(text, lead.end())
        if em and em.end() <= limit:
            name = _event_name(g, em.group().lower())
            return {"relation": info, "end": em.end(), "event": _event(text, pos, at, em.end(), name)}
    fm = glued or event_fallback().match(text, at)
    if fm and fm.end() <= limit:
        # in a list flattened into one line the next item may follow the anchor with no mark
        # between ("for 6 months after study No prior allergic reaction"): the anchor ends there
        item = None if glued else _item_starts().search(text, at, fm.end())
        stop = item.start() if item else fm.end() if glued else _noun_tail(text, fm.end(), limit)
        end = fm.end() if glued else at + len(_anchor_words().trailing.sub("", text[at:stop]))
        if end <= at:
            return {"relation": info, "end": stop, "event": None}
        # an anchor no pattern names ends before a word that ends no anchor ("after failing a
        # 6-week course", "prior to SV at the discretion of the investigator")
        event = _event(text, pos, at, end, None)
        written = _WS.sub(" ", _LEADING_ARTICLE.sub("", event["text"].lower()))
        event["name"] = _qualified_step(g, written) or written
        return {"relation": info, "end": stop, "event": event}
    return {"relation": info, "end": at, "event": None}


def _open_slot_tail(text: str, em, limit: int) -> int:
    """Where a known event ends: where its pattern does, or, where the pattern's last word is
    open ('completion of {word}') and a noun for the treatment follows within `limit` (up to three
    more words may stand before it), after that noun: the open word qualified it ("from completion of
    definitive therapy", "after the start of oral steroid treatment")."""
    if _WS.sub(" ", em.group().lower()).rpartition(" ")[0] not in _open_slot_prefixes():
        return em.end()
    return _noun_tail(text, em.end(), limit, _QUALIFIED_TREATMENT)


@lru_cache(maxsize=1)
def _open_slot_prefixes() -> frozenset:
    """The events' patterns (time_events.json 'events') that end in an open word, without it."""
    return frozenset(p[:-len(" {word}")] for event in load("time_events")["events"]
                     for p in event["patterns"] if p.endswith(" {word}"))


def _noun_tail(text: str, end: int, limit: int, noun: re.Pattern | None = None) -> int:
    """Where an anchor no pattern names ends: the fallback's words stop after five, and a noun
    for the treatment right after them is still the anchor's ("within one month before the first
    use of the study drug", "prior to the planned administration of the study vaccine").
    `noun`: the pattern of that noun (default _TREATMENT_AFTER)."""
    tail = (noun or _TREATMENT_AFTER).match(text, end)
    if tail is None and noun is None:
        # "after the second and final vaccination", "after adjuvant or neoadjuvant treatment": a
        # second qualifier joined on, then the noun, is still the anchor's
        tail = _JOINED_TREATMENT.match(text, end)
    return tail.end() if tail and tail.end() <= limit else end


# What the study's end is not the end of when it follows "the end of the study"; a treatment's
# own name ("radiotherapy", "chemotherapy") is such a noun too ("after completion of previous
# radiotherapy")
_TREATMENT_AFTER = re.compile(r"\s+(?:treatments?|drugs?|medications?|therapy|therapies|interventions?|vaccines?|vaccinations?|"
                              r"products?|agents?|dosing|[a-z]+therap(?:y|ies)|radiation|chemo)(?![\w-])", re.IGNORECASE)
# (a qualifier, not a word that opens another phrase: "implantation surgery or such treatment",
# "first-line treatment or during medication")
_JOINED_TREATMENT = re.compile(r"\s+(?:and|or|and/or)\s+(?!(?:such|other|any|all|the|a|an|its|their|his|her|during|after|before|"
                               r"prior|while|within|from|until|in|on|at|by|for|with|without)(?![\w-]))[A-Za-z][\w-]*"
                               + _TREATMENT_AFTER.pattern, re.IGNORECASE)
# ... or after up to three more words that are no conjunction or preposition ("the start of oral
# steroid treatment", "initiation of FDA-approved immune checkpoint inhibitor therapy")
_QUALIFIED_TREATMENT = re.compile(
    r"(?:\s+(?!(?:and|or|with|for|in|to|at|of|on|by|from|until|till|through|before|after|prior|during|the|a|an)(?![\w-]))"
    r"[A-Za-z][\w-]*){0,3}" + _TREATMENT_AFTER.pattern, re.IGNORECASE)
# A conjunction right after a relation ("before and 30 days after", "prior to and/or during"),
# and a relation of the same time that may follow it ("during study enrollment")
_CONJUNCT_NEXT = re.compile(r"(?:and\s*/\s*or|and|or)(?![\w-])\s*(?P<step>(?:during|at|on)\s+(?:the\s+)?)?",
                            re.IGNORECASE)
_BIRTH = re.compile(r"(?<![\w-])(?:birth|born)(?![\w-])", re.IGNORECASE)  # "< 7 years from date of birth": an age
_RANGE_TO = re.compile(r"\s+(?:to|until|till|and|through)\b", re.IGNORECASE)
# "the date of", "the day of" (time_events.json 'step_date_words' are the same words)
_DATE_OF = re.compile(r"\s*(?:the\s+)?(?:date|day)\s+of\s+(?!birth\b)(?=[A-Za-z])", re.IGNORECASE)
# the dated event: up to a word that starts something else ("from day of donor cell infusion to
# date of study registration", "from date of birth at the time of ..."), not on over its
# examples ("≥ 2 weeks from last cytostatic chemotherapy such as erlotinib", "including")
_DATED_EVENT = re.compile(r"[A-Za-z][\w\-]*(?:\s+(?!(?:and|or|with|for|in|through|until|to|at|whichever|since|including|such\s+as)\b)[A-Za-z][\w\-]*){0,4}",
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
    if not m and not before.search(text, lookback(text, start, 100), start):
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
    5 half-lives)", "or 5- half lives, whichever is longer,", "or about 5x half-life, whichever is
    the longer,". The relation
    and anchor after it belong to the window as well."""
    units = word_alternation(load("time_events")["alternative_span_units"], space=r"[\s-]+")
    of_what = (r"(?:\s+of\s+(?:the\s+|that\s+|this\s+|its\s+|each\s+|any\s+|an?\s+)?[A-Za-z][\w\-]*"
               r"(?:\s+(?!prior\b|before\b|preceding\b|after\b|following\b|whichever\b)[A-Za-z][\w\-]*)?)?")
    # a third alternative after the second ("or 5 half-lives, or twice the duration of the
    # biological effect of any drug (whichever is longer) prior to the first dose"): 'alternative_effect_spans'
    effect = (r"(?:,?\s+or\s+" + word_alternation(load("time_events")["alternative_effect_spans"])
              + r"(?![\w-])" + of_what + ")?")
    # "(or 5 half-lives of the drug, whichever is longer)": the alternative may be bracketed whole
    # a case of its own in brackets may stand before it ("within 3 months (9 months for
    # immunotherapies) or five half-lives of an investigational product, whichever is longer,
    # before the screening visit", "within 7 days (or 14 days if the drug is a potential enzyme
    # inducer) or 5 half-lives (whichever is longer) prior to the first dose")
    return re.compile(r"(?:\s*\([^()]{1,80}\))?"
                      r"(?:,?\s+or\s+|\s*\(\s*or\s+(?P<paren>))(?:within\s+|less\s+than\s+|up\s+to\s+)?"
                      r"(?:" + APPROXIMATE + r"\s+)?"
                      r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)"
                      r"(?:\s*-\s*|\s+|(?<=\d)(?=x\s))" + units + r"(?![\w-])" + of_what + effect +
                      r"(?(paren)(?:\s*,\s*whichever\s+is\s+(?:the\s+)?[a-z]+)?\s*\)\s*,?"
                      r"|(?:\s*\([^()\d]{1,40}\)\s*,?|(?P<which>\s*,\s*whichever\s+is\s+(?:the\s+)?[a-z]+\s*,?))?)", re.IGNORECASE)


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
# Relations that name no event after them: "2 weeks ago", "14 days back" (the present), "for 3
# months thereafter" or "afterwards" (the present here; sharing.afterwards_anchor then finds the
# study or treatment period, or the earlier window's event, that the sentence names before them).
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
_CLAUSE_END = re.compile(r"\s*(?:$|[.,;:()\]])")
_PAST_AFTER_FROM = re.compile(r"(?:prior|previous)\s+(?=[a-z])", re.IGNORECASE)
_EVENT_NAMES: dict[str, str | None] = {}


def _known_tail(g, written: str):
    """The name of a known event written after words that only qualify it ("trial
    enrollment", "the date of informed consent"), its date or visit named after it ("the
    planned study randomization date"), or None ("completing adjuvant therapy" is no start of
    therapy)."""
    m = _anchor_words().qualifier.match(written)
    if not m:
        return None
    rest = written[m.end():]
    return _event_name(g, rest) or _event_name(g, _STEP_DATE_AFTER.sub("", rest))


def _qualified_step(g, written: str):
    """The known event after "the date of", "the day of", "the time of" ("before the date of
    informed consent", "prior to the time of screening", "before the day of the last dose"), or
    None. Other qualifiers keep the anchor as written here ("study day 1", "proposed
    transplantation"), as the golden cases fix them."""
    if not _STEP_DATE.match(written):
        return None
    return _known_tail(g, written)


# a treatment named as an anchor, then said to be over ("after treatment is completed", "after
# dosing of the study drug is complete")
_STARTS_OF_TREATMENT = frozenset({"first dose", "start of treatment"})
_COMPLETED_AFTER = re.compile(r"(?:\s+(?:of|with)\s+(?:(?:the|study|trial)\s+)*[A-Za-z][\w-]*)?"
                              r"\s+(?:is|are|was|were|has\s+been|have\s+been)\s+"
                              r"(?:complete|completed|finished|over|ended|stopped|discontinued)(?![\w-])", re.IGNORECASE)
_STEP_DATE = re.compile(r"(?:date|day|time)\s+of\s+(?!birth\b)")
# its date, day or visit written after a study step ("the planned study randomization date")
_STEP_DATE_AFTER = re.compile(r"\s+(?:date|day|visit)$")


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
