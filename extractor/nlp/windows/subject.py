"""The subject of a window or a duration, what it bounds (CONTRACT "Time"): the clause before or
after the number, cut at a clause break and trimmed of lead words, modal verbs, modifiers and
list marks (rule data: models/time_events.json, the subject_* keys)."""
from __future__ import annotations

import re
from functools import lru_cache

from ...normalize.resources import load
from ..patterns import phrase_regex, word_alternation
from .common import PERMITTED_IF, WINDOW_OR, _MAX_SUBJECT, _WS, _cues, _item_starts, _other_bounds, _wrapped, number_words, time_span, lookback

# Where a clause ends, looking on from a number or a "since": a newline only where no sentence
# runs on over it (a line wrapped inside a sentence goes on in lower case: "pregnancy test\n
# taken within 14 days"), and the start of an item of a list flattened into one line (see
# _item_starts), or of a numbered one ("..., 2- Refractory shock").
_BREAK_AFTER = re.compile(r"[;:•\[\]]|\n|\.(?:\s|$)|,\s+(?:and|or|but)\b|,\s*\d{1,2}\s*[-)]\s*(?=[A-Z])")


_DIGIT = re.compile(r"\d")
_EDGE_PUNCT = " \t,-–—/*"
# bullet glyphs a list keeps before its items: "\uf0b7 Major surgery within 21 days" (a symbol
# font's bullet, in Unicode's private use area), "▪", "●", "◦", "·"
_BULLETS = "\u2022\u25aa\u25cf\u25e6\u00b7"


def _edge(ch: str) -> bool:
    """Whether `ch` is edge punctuation, a space or a bullet glyph, stripped off a subject."""
    return ch in _EDGE_PUNCT or ch.isspace() or ch in _BULLETS or "\ue000" <= ch <= "\uf8ff"


# a bracket that opens on a window and names the case it holds for: "At least 4 weeks since prior
# chemotherapy (6 weeks for nitrosoureas or mitomycin)", "(6 weeks if Rituximab, nitrosourea or
# Mitomycin C)", not a condition on the people ("(4 weeks if patient took fluoxetine)" keeps the
# clause's subject); and the bracket's end after a window
_OPEN_BRACKET_BEFORE = re.compile(r"\(\s*$")
_BRACKET_CASE = re.compile(r"\s+(?:for|if(?!\s+(?:the\s+)?(?:patients?|subjects?|participants?|they|he|she)(?![\w-])))\s+(?P<case>[^()\d;:<>≤≥=]{2,100}?)\s*\)")
_CLOSE_AFTER_WINDOW = re.compile(r"[^()\[\]]{0,40}?[)\]]")


# the most characters between a label's colon and a window bounding its value (_clause_before);
# "or" before a verb of taking, after a value (_clause_before); "history" right before a window
# (subject_before); a verb of taking right after a window (subject_before)
_LABEL_VALUE_CHARS = 60
_TAKEN = "received|used|taken|underwent|undergone|completed"
_BEFORE_TAKEN = r"(?=(?:" + _TAKEN + r")\s+[A-Za-z])"
_OR_TAKEN = re.compile(r"(?:,\s*|\s+)or\s+" + _BEFORE_TAKEN, re.IGNORECASE)
_COMMA_OR_TAKEN = re.compile(r",\s*(?:or\s+)?(?:(?:has|have|had)\s+)?" + _BEFORE_TAKEN, re.IGNORECASE)
# "or" right before a verb group ("... or must have been surgically sterilized": _trim)
_OR_BEFORE = re.compile(r"(?<![\w-])or\s+$", re.IGNORECASE)
_HISTORY_END = re.compile(r"(?<![\w-])histor(?:y|ies)\s+$", re.IGNORECASE)
_TAKEN_AFTER = re.compile(r"\s+(?:" + _TAKEN + r"|receiving|using|taking)\s+(?=[A-Za-z])", re.IGNORECASE)


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
    # (the "or" may end a wrapped line: "within five half-lives or\n     30 days")
    first = WINDOW_OR.search(text, lookback(text, start, 60), start) if "or" in text[lookback(text, start, 16):start] else None
    if first:  # "within five half-lives of the compound or 3 months": the window starts at "within"
        start = first.start()
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
        bracketed = text[found["span"][1]:start].strip()[:1] in ("(", "[")
        close = _CLOSE_AFTER_WINDOW.match(text, end) if bracketed else None
        # (unbracketed, the window stands between commas: "Currently, or within the past 3
        # months, those who ..."; not "active within 3 months of study treatment prior to ...")
        aside = not bracketed and text[end:end + 3].lstrip().startswith(",")
        # (or a verb naming what was taken follows the window: "Current or within the last 12
        # months received cancer related treatment such as chemotherapy")
        aside = aside or not bracketed and _TAKEN_AFTER.match(text, end) is not None
        after = _clause_after(text, close.end() if close else end) if close or aside else None
        if after is not None:
            return after
        opened = _OPEN_BRACKET_BEFORE.search(text, max(0, found["span"][0] - 4), found["span"][0])
        if opened and _CLOSE_AFTER_WINDOW.match(text, end):
            # "Participation in another clinical trial (currently or within the last 30 days)":
            # the bracket qualifies what stands before it
            before = _clause_before(text, opened.start())
            if before is not None:
                return _before_period(text, before, opened.start())
    if found is not None and _RECENT_LAST.search(found["text"]) and _OPEN_BRACKET_BEFORE.search(text, max(0, start - 4), start):
        # "due to a remote (> 6 months) treated infection", "a recent (12 months) history of
        # seizure": the word before the bracket qualifies what follows it
        close = _CLOSE_AFTER_WINDOW.match(text, end)
        after = _clause_after(text, close.end()) if close else None
        comma = text.find(",", after["span"][0], after["span"][1]) if after is not None else -1
        if comma != -1:  # (up to its comma: "treated infection, the volunteer is eligible")
            after = _trim_words(text, after["span"][0], comma)
        if after is not None:
            return after
    if found is not None and _TAKING_LAST.search(found["text"]) and _OPEN_BRACKET_BEFORE.search(text, max(0, start - 4), start):
        # "a recent use (within the preceding 6 months) of anorexiant medications": the window
        # bounds the use of what follows the bracket, as a duration there does ("chronic use
        # (more than 14 continuous days) of any systemic medications")
        of = _CLOSE_THEN_OF.match(text, end)
        after = _clause_after(text, of.end()) if of else None
        if after is not None:
            return after
    reach = lookback(text, start, 40)   # (the 40 characters before the window, read twice below)
    of = _OF_AFTER.match(text, end) if _HISTORY_END.search(text, reach, start) else None
    if of is not None:
        # "Clinical history in past 14 days of newly developed severe shortness of breath": what
        # the history is of, written after the window
        after = _clause_after(text, of.end())
        if after is not None:
            return after
    if found is None and "unless" in text[reach:start]:
        # "No concurrent bisphosphonates unless started at least 2 months prior to study",
        # "Prior radiotherapy ... is not permitted unless completed more than 4 weeks prior": the
        # exception names no subject of its own; what it lets through stands before it
        done = _UNLESS_DONE.search(text, reach, start)
        found = _clause_before(text, done.start()) if done else None
    if found is None and not _OF_AFTER.match(text, end):
        # "To be performed within 28 days prior to day 1 of protocol therapy": what follows
        # "of" goes on naming the anchor, not the subject
        found = _clause_after(text, end)
    if found is not None and found["text"].lower() == "it":
        found = _referent(text, found) or found
    if found is not None and "prevent" in found["text"].lower():
        # "a severe medical condition ... which would prevent them from lying flat for up to 120
        # minutes": what the condition prevents is what lasts
        found = after_last(found, _PREVENT_FROM)
    if found is not None and _OCCURRING_AFTER.match(text, found["span"][1]) and "with" in found["text"].lower():
        # "Prior taxanes in the adjuvant setting with progression occurring within 6 months of
        # completion of taxane therapy": what occurs, named after the last "with"
        found = after_last(found, _WITH_WORD)
    return _before_period(text, found, start)


_PREVENT_FROM = re.compile(r"(?<![\w-])prevents?\s+(?:(?:them|him|her|the\s+(?:patient|subject|participant)s?|patients?|subjects?)\s+)?"
                           r"from\s+(?=[a-z])", re.IGNORECASE)
_OCCURRING_AFTER = re.compile(r"\s+(?:occurring|occurred|arising|developing)(?![\w-])", re.IGNORECASE)


# what a verb of taking or having names, up to a comma, a bracket, "unless" or "then"
_TAKEN_THING = re.compile(r"(?<![\w-])(?:received|had|taken|undergone|underwent|on)\s+(?P<thing>[^,;:()]{3,80}?)"
                          r"(?=\s*(?:,|\(|\)|(?<![\w-])unless\s|(?<![\w-])then\s))", re.IGNORECASE)


def _referent(text: str, pronoun: dict) -> dict | None:
    """What "it" stands for: the last thing taken or had earlier in its sentence ("If the subject
    has had a prior autologous stem cell transplant, it must have occurred at least three months
    prior to screening", "no prior chemotherapy unless it was given >5 years ago"), or None."""
    at = pronoun["span"][0]
    begin = max(text.rfind(". ", max(0, at - 200), at) + 2, max(0, at - 200))
    thing = None
    for thing in _TAKEN_THING.finditer(text, begin, at):
        pass
    return _trim_words(text, thing.start("thing"), thing.end("thing")) if thing is not None else None


@lru_cache(maxsize=1)
def _period() -> tuple[re.Pattern, re.Pattern, frozenset]:
    """'subject_period_starts' before a word, a gap of nothing but one of 'subject_period_joins',
    and the 'subject_from_takers' (models/time_events.json)."""
    data = load("time_events")
    starts = re.compile(r"(?<![\w-])" + word_alternation(data["subject_period_starts"]) + r"\s+(?=[A-Za-z\d])", re.IGNORECASE)
    # (a window written without its article: "during the screening period and the next 6 months")
    joins = re.compile(r"[\s,]*" + word_alternation(data["subject_period_joins"]) + r"\s*(?:the\s+)?", re.IGNORECASE)
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
    # (or a window that opens with its join: "from the screening visit up to 6 months after the
    # last injection")
    if not _period()[1].fullmatch(text, end, start) \
            and (text[end:start].strip(" \t\n,") or not _period()[1].match(text, start)):
        return found
    cut = _cut_period_starts(text, begin, end)
    return (_trim_words(text, begin, cut) or found) if cut < end else found


def _cut_period_starts(text: str, begin: int, cut: int) -> int:
    """Where the clause [begin, cut) ends less the starts of periods at its end (see _before_period)."""
    starts, _, takers = _period()
    while True:
        last = None
        for last in starts.finditer(text, begin, cut):
            pass
        # (a start is a few words with no mark or conjunction of their own: not "a negative
        # pregnancy test during screening and agree to ...", nor "refrain from donating blood")
        if last is None or last.start() == begin or _PERIOD_BREAK.search(text, last.start(), cut) \
                or len(text[last.start():cut].split()) > _PERIOD_WORDS:
            return cut
        taker = _WORD_BEFORE.search(text, begin, last.start())
        if last.group().split()[-1].lower() == "from" and taker and taker.group(1).lower() in takers:
            return cut
        cut = last.start()
        while cut > begin and (text[cut - 1].isspace() or text[cut - 1] == ","):
            cut -= 1


@lru_cache(maxsize=1)
def _join_at_end() -> re.Pattern:
    """One of 'subject_period_joins' ending a clause, right before a window."""
    joins = word_alternation(load("time_events")["subject_period_joins"])
    return re.compile(r"[\s,]*(?<![\w-])" + joins + r"\s*\Z", re.IGNORECASE)


def _period_cut(text: str, begin: int, start: int) -> int:
    """Where the clause [begin, start) before the window at `start` ends less a period that the
    window ends and the periods before it, when one of 'subject_period_joins' stands right before
    the window: cut before the length cap keeps the subject's own words ("agree to use adequate
    contraception (hormonal or barrier method) prior to study entry, for the duration of study
    participation, and for 90 days following completion of therapy": the contraception)."""
    join = _join_at_end().search(text, begin, start)
    if join is None or join.start() <= begin:
        return start
    end = join.start()
    # ("use a condom during the treatment period and for a period of 6 months after the last dose
    # of doxorubicin and for a period of 12 months after the last dose of cyclophosphamide": the
    # window before, its anchor and its own join go too)
    while True:
        before = _window_at_end().search(text, max(begin, end - 160), end)
        if before is None or before.start() <= begin:
            break
        end = before.start()
    while end > begin and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    cut = _cut_period_starts(text, begin, end)
    return cut if cut < join.start() else start


@lru_cache(maxsize=1)
def _window_at_end() -> re.Pattern:
    """A window after its join ('subject_period_joins') with its relation and anchor ("and for a
    period of 6 months after the last dose of doxorubicin"), ending a clause."""
    joins = word_alternation(load("time_events")["subject_period_joins"])
    # (a start before the join: "from" is one of the joins)
    return re.compile(r"(?:[\s,]*(?<![\w-])(?:starting|beginning))?(?:[\s,]*(?<![\w-])" + joins + r")?\s*"
                      r"(?:(?:at\s+least|(?:a\s+)?(?:minimum|maximum)(?:\s+of)?|up\s+to|within|(?:no\s+)?(?:more|less)\s+than)\s+)?"
                      + time_span()
                      + r"\s+(?:after|following|before|prior\s+to)(?:\s+(?!" + _NOT_ANCHOR_WORDS + r"(?![\w-]))"
                      r"[^\s,;:()\[\]<>≤≥=\d]+){1,7}(?:\s+and\s+continuing(?:\s+thereafter)?)?\s*\Z", re.IGNORECASE)


# words that an anchor of a few words does not hold: a clause goes on ("... after study Men must use")
_NOT_ANCHOR_WORDS = (r"(?:must|should|will|shall|is|are|be|has|have|had|patients?|subjects?|participants?|men|women|"
                     r"who|and|or|during|throughout|from|until|to)")


_OF_AFTER = re.compile(r"\s+of\s+(?=[A-Za-z])")
_UNLESS_DONE = re.compile(r"(?:,\s*|\s+)unless\s+(?:(?:it|they)\s+(?:was|were|is|are|has|have)\s+(?:been\s+)?)?"
                          r"(?:[a-z]+ed|given|taken|done|begun|undergone|withdrawn)\s*$", re.IGNORECASE)
# "at least a 1-year duration of a current ... diagnosis of OCD": what the duration is of
_DURATION_OF_AFTER = re.compile(r"[\s-]+duration\s+of\s+(?!(?:(?:an?|the|this)\s+)?(?:study|trial|treatment|participation)(?![\w-]))"
                                r"(?:an?\s+|the\s+)?(?=[A-Za-z])",
                                re.IGNORECASE)  # (not the study's own: "for the 12-week duration of the study")


# after a duration, the menses it was without: "> 12 months without menses" (how long with no
# menses, as "no menses for 12 months" reads; "15 minutes without supplemental oxygen", "30 days
# without definable cause" say how the subject before was measured or stands)
_WITHOUT_MENSES = re.compile(r"\s+without\s+(?:a\s+|any\s+|her\s+)?(?P<what>menses|menstruation|menstrual\s+(?:periods?|cycles?|bleeding)|"
                             r"(?:a\s+)?periods?)(?![\w-])", re.IGNORECASE)


def duration_subject(text: str, start: int, end: int) -> dict | None:
    """The subject of a duration: what follows "of" ("at least 1 year of amenorrhea", "six
    months of non-operative therapy") or the menses it was without ("> 12 months without
    menses"), else as for a window (subject_before)."""
    menses = _WITHOUT_MENSES.match(text, end)
    if menses:
        return {"text": menses.group("what"), "span": list(menses.span("what"))}
    m = _OF_AFTER.match(text, end) or _DURATION_OF_AFTER.match(text, end)
    if m is not None and _OF_ITS_COURSE.match(text, end):
        m = None  # "disc herniation ... of more than 3 months of evolution": how long what stands before has lasted
    if m is None and _definition_bracket().search(text, lookback(text, start, 40), start):
        # "Had any chronic use (more than 14 continuous days) of any systemic medications",
        # "Chronic administration (defined as more than 14 days) of immunosuppressants"
        m = _CLOSE_THEN_OF.match(text, end)
    found = _clause_after(text, m.end()) if m else None
    if found is None and _LASTING_BEFORE.search(text, lookback(text, start, 12), start):
        # "Diagnosis of incurable cancer with chronic nausea and vomiting lasting at least 1
        # week": what lasts is what the clause has, after its last "with"
        return after_last(subject_before(text, start, end), _WITH_WORD)
    return found or subject_before(text, start, end)


def after_last(subject: dict | None, word: re.Pattern) -> dict | None:
    """`subject` narrowed to what follows the last match of `word` in it (a pattern that ends
    where a word follows), or as it is where `word` does not occur."""
    last = None
    for last in (word.finditer(subject["text"]) if subject else ()):
        pass
    if last is None:
        return subject
    return {"text": subject["text"][last.end():], "span": [subject["span"][0] + last.end(), subject["span"][1]]}


_LASTING_BEFORE = re.compile(r"(?<![\w-])lasting\s+$", re.IGNORECASE)
_WITH_WORD = re.compile(r"(?<![\w-])with\s+(?=[A-Za-z])", re.IGNORECASE)


_TAKING_LAST = re.compile(r"(?<![\w-])(?:use|usage|intake|administration|consumption|receipt|exposure|history)$", re.IGNORECASE)
_RECENT_LAST = re.compile(r"(?<![\w-])(?:recent|recently|remote)$", re.IGNORECASE)
_CLOSE_THEN_OF = re.compile(r"\s*\)\s+of\s+(?=[A-Za-z])")
_OF_ITS_COURSE = re.compile(r"\s+of\s+(?:evolution|duration|standing)(?![\w-])", re.IGNORECASE)


# "Screening those who ...", "Screening for smokers who ...", "Screening of persons who ...": how
# some registries' translations open an exclusion; not "Screening visit", "screening examination"
_SCREENING_LEAD = re.compile(r"screening\s+(?:for\s+|of\s+(?=(?:persons|people|patients|subjects|those)\b)|(?=those\b))",
                             re.IGNORECASE)
_TRAILING_NOT_SUBJECT = re.compile(r"[\s,]+(?:i\.e|e\.g|ie|eg|etc)\.?$|[\s,]+for\s+(?:a|the)\s+(?:period|total)(?:\s+of)?$"
                                   # "on adjuvant therapy for melanoma currently or within the last 3
                                   # months": when, not what ("Currently (or within ...)" alone stays,
                                   # a word that qualifies what follows the bracket)
                                   r"|[\s,]+(?:either\s+)?currently$"
                                   # "therapies (...) are permissible as long as they end at least 15 days prior"
                                   # and "Prior adjuvant and neo-adjuvant therapy is permitted (chemotherapy,
                                   # radiotherapy, investigational agents) if performed more than 12 months before"
                                   # ("Prior adjuvant chemotherapy ... allowed provided it was completed > 3
                                   # years ago": no "is" before the permission)
                                   r"|\s+(?:(?:are|is)\s+)?(?:permissible|permitted|allowed|acceptable)"
                                   r"(?:,?\s+(?:as\s+long\s+as|provided(?:\s+that)?|if)\s+(?:they|it)|\s*\([^()]*\))?$"
                                   # "Treatment with immunomodulators, except for NSAIDS, within 14 days": the exception
                                   r"|,\s*(?:except\s+(?:for\s+)?[^,()]{1,60}|excluding\s+[^,()]{1,60}|with\s+the\s+exception\s+of\s+[^()]{1,100})$"
                                   # "glucocorticoids ... with a dose of more than 5mg dexamethasone
                                   # equivalent ... within 14 days": the dose is the value's
                                   r"|,?\s+(?:with|at)\s+(?:a|the|an)\s+(?:total\s+|daily\s+|cumulative\s+)?dose$"
                                   # "use contraceptive methods with a failure rate of < 1% per year"
                                   r"|,?\s+with\s+a\s+failure\s+rate$"
                                   # "corticosteroids administered for symptom management will not
                                   # preclude enrollment": what the sentence says of the subject
                                   r"|\s+(?:will|does|do|shall|should)\s+not\s+(?:preclude|prevent|exclude)(?:\s+[a-z]+){0,2}$"
                                   # "Previous course of fluoxetine at a dose of 60 mg. per day for
                                   # at least four weeks": the dose is the course's, not its subject
                                   r"|,?\s+at\s+a\s+(?:daily\s+)?dose\s+of\s+[\d.,]+\s*[a-zµ/]+\.?(?:\s+(?:per|a)\s+day|\s+daily)?$",
                                   re.IGNORECASE)  # (and "for a period" before "of at least 1 year")
_EXCEPT_OPENS = re.compile(r"\s*(?:except|excluding|other\s+than|with\s+the\s+exception\s+of|apart\s+from)(?![\w-])",
                           re.IGNORECASE)
# "This includes, but is not limited to, recent myocardial infarction", "including, but not
# limited to, X": the list that follows
_NOT_LIMITED = re.compile(r"(?:this\s+)?(?:includ(?:es|ing)\s*,?\s*)?but\s+(?:is\s+)?not\s+limited\s+to\s*[,:]?\s*",
                          re.IGNORECASE)
_LEADING_ABBREVIATION = re.compile(r"(?:e\.g|i\.e|eg(?=,)|ie(?=,))\.?(?![\w-]),?\s*", re.IGNORECASE)  # "(ie, not post-menopausal"
# "Medical history of organ allograft", "Time since whole brain radiation therapy is ≥ 21 days",
# "Patients in whom a coronary revascularization procedure is planned": what the history is of,
# what the time is counted from, what is done to the people, what they are expected to need
# ("is expected to need hospitalization for COVID-19 within 48 hours"), what people of an age
# have ("Be aged between 18-75 years, with type 2 Diabetes Mellitus of duration <6years")
# "at a steady state dose", "at stable doses" ("doses" and "dose(s)" by what follows)
_STEADY_DOSE = r"at\s+(?:an?\s+)?(?:steady|stable|constant|unchanged)(?:\s+state)?\s+dose"
_LEAD_PHRASE = re.compile(r"(?:(?:past\s+)?medical\s+history\s+of|time\s+(?:elapsed\s+)?since|in\s+whom"
                          # "must be at a stable dose of metformin for at least 3 months": the drug
                          r"|" + _STEADY_DOSE + r"s?\s+of"
                          # "(with the exception of oral corticosteroid [OCS], which must be at a
                          # stable dose for >=14 days": the corticosteroid
                          r"|(?:with\s+)?(?:the\s+)?exception\s+of"
                          r"|expected\s+to\s+(?:need|require|undergo|receive)"
                          # "(unless it occurred as a result of a YAG posterior capsulotomy performed
                          # more than 30 days before ...)": the capsulotomy
                          r"|(?:unless\s+(?:it|they)\s+(?:occurred|occurs|was|were)\s+)?as\s+a\s+result\s+of"
                          r"|aged?\s+(?:between\s+|from\s+)?\d+\s*(?:-|–|to|and)\s*\d+\s*(?:years?|yrs?)?(?:\s+old)?\s*,?\s+with)"
                          r"\s+(?=[A-Za-z(])",
                          re.IGNORECASE)
# The people and what they have: "HIV-infected patients on effective anti-retroviral therapy
# with undetectable viral load within 6 months", "Men and women eligible for the SRT had diabetes
# for 1 to 15 years": what they have is what the window bounds. Not people named after a
# preposition ("Neurologic deficits in patients with CNS tumors must be stable", "Exposure to an
# individual with confirmed COVID-19"), a conjunction ("since any major surgery and patient has
# recovered") or a verb ("Have contacted patients with fever"), nor after a clause of their own
# ("Patients who are on stable treatment with psychotropic medication", "Participants who
# received treatment with", "Patients whose ...", "Participants in another clinical trial with
# medication", "Subjects suffering from acute sinusitis or chronic sinusitis with ...")
_PEOPLE = r"(?:patients?|subjects?|participants?|women|men|persons|people|adults?|children|individuals?|volunteers?)"
# a word after the people, before what they have: not one that opens a clause of their own, nor a
# conjunction but before more people or their age ("Men and women", "aged 50 years or older")
_PEOPLE_WORD = (r"(?:\s+(?!(?:who|whom|whose|which|that|are|is|were|was|will|must|should|may|can|could){extra}(?![\w-])"
                r"|(?:and|or)\s+(?!(?:" + _PEOPLE + r"|older|over|above|younger|under|more|less)(?![\w-])))[^,;:()\s]+"
                # (or their age in a bracket: "Adult patient (= 18 years old) with clinical symptoms")
                r"|\s*\((?=[^()]{{0,12}}\d)[^()]{{1,30}}\))")  # (braces doubled: a format string)
_PEOPLE_LEAD = re.compile(r"(?:(?:male|female)\s+(?:and|or)\s+)?"
                          r"(?:(?!(?:in|for|of|on|with|to|at|from|by|after|before|since|within|during|than|and|or)\s"
                          r"|(?-i:[a-z]+ed)\s)(?:[A-Za-z][\w-]*|\([A-Za-z]{1,10}\)[\w-]*)\s+){0,4}?" + _PEOPLE
                          # (before "with", no "in" or "of" after them, nor a verb of having: "Participants
                          # in another clinical trial with medication" is of the trial, "men agree not to
                          # have sex with women" of the sex)
                          + r"(?:(?:" + _PEOPLE_WORD.format(extra="|in|of|have|has|had|having") + r"){0,8}?\s+with(?!\s+or\s)"
                          r"|(?:" + _PEOPLE_WORD.format(extra="") + r"){0,8}?\s+(?:who\s+(?:have|has|had)|had|has|have|having))"
                          r"\s+(?=[a-z])", re.IGNORECASE)
_ABBREVIATION_POINT = re.compile(r"(?<![A-Za-z])(?:e\.g|i\.e|vs|etc|approx|St)\.$", re.IGNORECASE)  # "St. John's wort"
_UNIT_POINT = re.compile(r"(?<![A-Za-z])(?:mg|mcg|µg|kg|ml|g|lbs?|hrs?|mins?|wks?|yrs?)\.$", re.IGNORECASE)  # before lower case


def _closed_around(text: str, at: int, start: int, begin: int = 0) -> tuple[int, int] | None:
    """(opening, closing) of the bracket opened after `begin` that `at` stands inside and that
    closes before `start`, or None: a mark there ends no clause."""
    opening = text.rfind("(", begin, at)
    if opening == -1 or text.rfind(")", opening, at) != -1:
        return None
    closing = text.find(")", at, start)
    return (opening, closing) if closing != -1 else None


def _wrapped_in_bracket(text: str, at: int, start: int) -> bool:
    """Whether the newline at `at` wraps an indented line inside a bracket that closes before
    `start` ("growth factor support (Leukine, Neupogen,\n     Procrit) within 2 weeks"): a list
    item never starts inside a bracket, whatever the case of its next word; not a bracket with a
    bound of its own ("new onset angina (began within the last\n     3 months) or myocardial
    infarction within the past 6 months")."""
    if not text.startswith("  ", at + 1):
        return False
    # (_other_bounds()[0] finds every bound its [1] does, and spans of time besides)
    around = _closed_around(text, at, start, max(0, at - 200))
    return around is not None and _other_bounds()[0].search(text, around[0], around[1]) is None


def _last_break(text: str, base: int, start: int) -> tuple[int, int]:
    """(start, end) of the last clause break in text[base:start], or (base, base): what
    _BREAK_BEFORE finds last, by rfind (a scan per criterion costs more)."""
    best = (base - 1, base)
    for ch in ";:•":
        at = text.rfind(ch, base, start)
        while at > best[0] and _closed_around(text, at, start) is not None:
            at = text.rfind(ch, base, at)  # "(hormonal or barrier method; abstinence)": inside a bracket
        if at > best[0]:
            best = (at, at + 1)
    at = text.rfind("\n", base, start)
    while at > best[0] and (_wrapped(text, at) or _wrapped_in_bracket(text, at, start)):
        at = text.rfind("\n", base, at)  # a line wrapped inside a sentence goes on
    if at > best[0]:
        best = (at, at + 1)
    at = text.rfind(", however", base, start)  # "Antiviral treatment is allowed, however interferon therapy must be stopped"
    if at > best[0] and _closed_around(text, at, start) is None:
        best = (at, at + 9)
    at = text.rfind(". ", base, start)
    while at > best[0] and (_ABBREVIATION_POINT.search(text, max(base, at - 4), at + 1)
                            or text[at + 2:at + 3].islower() and _UNIT_POINT.search(text, max(base, at - 4), at + 1)):
        at = text.rfind(". ", base, at)  # "(e.g. hydroxyurea and anagrelide)", "60 mg. per day": no sentence ends there
    if at > best[0]:
        best = (at, at + 2)
    at = text.rfind(".", best[1], start)
    while at > best[0]:
        # a sentence glued to the one before by an export ("... of BBI608/placebo.Radiotherapy,
        # immunotherapy, or investigational agents within four weeks"): a word in lower case, its
        # point, and a capitalised word with no space between
        if text[at - 2:at].isalpha() and text[at - 2:at].islower() and text[at + 1:at + 2].isupper() \
                and text[at + 2:at + 3].islower():
            best = (at, at + 1)
            break
        at = text.rfind(".", best[1], at)
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


@lru_cache(maxsize=1)
def _span_after_bound() -> re.Pattern:
    """A span of time, its number in digits or a word ("6 months", "six months")."""
    return re.compile(time_span(), re.IGNORECASE)


@lru_cache(maxsize=1)
def _number_word() -> re.Pattern:
    """One of the number words that can count a span of time (common.number_words)."""
    return re.compile(r"(?<![\w-])" + number_words() + r"(?![\w-])", re.IGNORECASE)


def _number_start(bound: re.Match) -> int:
    """Where the number of a match of _other_bounds()[0] starts."""
    return bound.start("n") if bound.start("n") != -1 else bound.start("d")


# what may follow that window's span before the conjunction: nothing, a bracket ("an
# investigational drug within 30 days (including drugs for prophylaxis of COVID-19) or used an
# invasive investigational medical device within 30 days"), or its relation or "from" and its
# anchor ("within 1 year prior to screening or ...", "for longer than 3 months from the time of
# screening, or probable use of oral or intravenous steroids in the following four weeks"); not
# "of" ("15 days of an anti-diabetic medication or insulin"), but after "within", "of" and its
# anchor ("alcohol abuse within six months of screening or alcohol consumption in the past six
# months": _WITHIN_OF_GAP)
# the relations written after a span, before its anchor (_SPAN_GAP, _COMMA_ITEM)
_SPAN_RELATIONS = r"prior\s+to|before|after|following|preceding|ago|from"
_SPAN_GAP = re.compile(r"\s*(?:\([^()]{1,100}\)\s*)?|\s+(?:" + _SPAN_RELATIONS + r"|earlier)\b[^()]*", re.IGNORECASE)
_WITHIN_OF_GAP = re.compile(r"\s+of\s+[^()]*", re.IGNORECASE)
_BRACKETED = re.compile(r"\([^()]*\)")
_HALF_LIVES_AHEAD = re.compile(r"(?:\d[\d.]*|[a-z]+)\s*-?\s*(?:[a-z]+\s+)?half[\s-]?li", re.IGNORECASE)
# (or a comma before "no" in a list of absences: "No myocardial infarction within previous 6
# months, no significant arrhythmia within the prior 3 months")
_CONJUNCTION = re.compile(r"(?:,\s*|\s)(?:and/or|or|and)\s+|,\s*(?=no\s+[a-z])", re.IGNORECASE)
_CONJUNCT_GAP_WORDS = 6
_ANCHOR_GAP_WORDS = 8
# more where a comma sets the conjunct apart ("within three months prior to study entry
# irregardless of the treatment regimen, or use of any other investigational agent within 30 days"),
# not one of a list's ("≥ 42 days before first course of cyclophosphamide, doxorubicin, vincristine,
# and prednisone (CHOP) therapy ... OR within 42 days")
_CONJUNCT_GAP_WORDS_COMMA = 12
# "... or regular use of alcohol": a conjunction opening a new noun phrase, not another span
# ("within 5 half-lives or 4 weeks") nor another window ("or within 3 months")
_NEW_CONJUNCT = re.compile(r"(?:(?:,\s*|\s)(?:and/or|or|and)\s+|,\s*(?=no\s+[a-z]))(?!(?:within|in|during|over|for)\b)(?=[A-Za-z\d])",
                           re.IGNORECASE)


# ", and have documented disease progression within 6 months": a clause of its own, with its own verb
_FIRST_COMMA_OR_SPACE = r"(?=[,\s])"
_CLAUSE_AND = re.compile(r",\s+and\s+(?=(?:have|has|had|must|should|is|are|was|were|be)(?![\w-]))"
                         # "... and have been on stable doses of X for the 6 weeks": not "and has
                         # been without evidence of disease for 5 years", whose state is the clause's
                         r"|\s+and\s+(?=(?:have|has|had)\s+been\s+(?!without|free)[a-z])"
                         # "acute kidney injury (AKI) or on dialysis for less than 3 months": a
                         # state of its own after "or on", which the span bounds
                         # (not a day: "in the 30 days preceding or on the day of the first
                         # trial vaccination")
                         r"|\s+or\s+on\s+(?!(?:the|a|an|day|days|or|and)(?![\w-]))(?=[a-z])"
                         # "... or has taken a MAOI within 2 weeks", "participating in other clinical
                         # trials or patients who have participated in other drug clinical trials
                         # within 1 month", "Participating in any other study and have received any
                         # other investigational medication within 30 days": a clause of its own after
                         # "or", or after "and" with a participle and its object (not "and has been
                         # without evidence", "or have not given birth", whose "not" the subject would
                         # lose, "and have occurred at least 30 days before", "or have received it")
                         r"|(?:,\s*|\s+)or\s+(?:(?:patients?|subjects?|participants?|those|women|men)\s+)?(?:who\s+)?"
                         r"(?=(?:have|has|had|having|is|are|was|were)\s+(?!not\b|been\s+(?:without|free|not)\b)[a-z]"
                         r"(?![^,;()]*?\s(?:it|them)(?![\w-])))"
                         r"|\s+and\s+(?=(?:have|has|had)\s+(?!been)[a-z]+(?:ed|en)\s+"
                         r"(?!(?:at|before|after|prior|from|since|within|in|on|by|for|until|more|less|it|them)(?![\w-]))[a-z])"
                         # ("who are treatment-naive and have not taken insulin ... in the past 3
                         # months": what was not taken, the "not" the criterion's)
                         r"|\s+and\s+(?=(?:have|has|had)\s+not\s+(?:taken|received|used|undergone)\s+"
                         r"(?!(?:at|before|after|prior|from|since|within|in|on|by|for|until|more|less|it|them)(?![\w-]))[a-z])"
                         # "History of malignancies, unless the subject has been free of the disease
                         # for 2 years": the exception is a clause of its own, and so is a condition
                         # after a word ("Women will be considered postmenopausal if they have been
                         # amenorrhoeic for 12 months"; not "if it", "if they can be stopped", "if they
                         # have not undergone", whose "not" the subject would lose, nor a
                         # condition opening the sentence or after a comma, a lead clause)
                         r"|(?:,\s*|\s+)unless\s+(?=[a-z])"
                         # "Patients who received adjuvant therapy are eligible if there has been no
                         # disease progression within 6 months": the condition's own clause
                         # (not a condition with no subject of its own, "is allowed if administered ≥ 4
                         # months ago", nor one whose subject is a pronoun or a list's mark, "is
                         # permitted if it has been elapsed", "are eligible if a) the study was done")
                         r"|\s+(?:(?:is|are)\s+)?(?:also\s+)?" + PERMITTED_IF + r"\s+if\s+"
                         r"(?!(?:it|they|he|she|this|these|on|off|[a-z]+ed|[a-z]+en|done|given|[a-z])(?![\w-]))(?=[a-z])"
                         # "not claustrophobic and able to lie supine for 1.5 hrs": the ability's (not
                         # "able and willing to use", one phrase)
                         r"|(?<!able)\s+and\s+(?=(?:able|willing)\s+to\s+[a-z])"
                         # "Agreeing to refrain from starting new medication, and agreeing to
                         # maintain existing medication from 4 weeks before ...": a second agreement
                         r"|,\s*and\s+(?=agree(?:s|ing)?\s+to\s)"
                         # "a negative pregnancy test at screening, followed by a negative serum or
                         # urine result 24 hours prior to treatment", "Adjuvant anthracycline based
                         # therapy followed by relapse within 6 months": what follows is bounded
                         r"|,?\s+followed\s+by\s+(?=[A-Za-z])"
                         # "In-range INR and patient is on a stable dose of oral anticoagulant for 1
                         # week", "allowed provided patient is on a stable dose for >= 1 week": the
                         # people's own clause; "or women with pregnancy plan within 12 months": theirs
                         r"|\s+(?:and|provided(?:\s+that)?)\s+(?:the\s+)?(?:patients?|subjects?|participants?)\s+"
                         r"(?=(?:is|are|has|have|had|must|should)\s+[a-z])"
                         r"|\s+or\s+(?:women|men|patients|subjects|participants|those)\s+with\s+(?=[a-z])"
                         # "disease that requires more than intermittent NSAIDs or that requires use
                         # of systemic corticosteroids in the 6 months": an alternative requirement of
                         # its own (not "supplements containing phytoestrogens or that have estrogenic
                         # side effects within 1 month", one subject)
                         r"|(?:,\s*|\s+)or\s+that\s+(?=requir)"
                         # "women with positive pregnancy tests before the trial or who planned to
                         # become pregnant within the following 3 years": the plan is of its own
                         r"|(?:,\s*|\s+)or\s+who\s+(?=(?:plan|plans|planned|intend|intends|intended|wish|wishes|wished|want|wants|wanted)\s+to\s)"
                         # "Subjects participating in other clinical trials or whose first dose is
                         # less than 4 weeks ... after the end of the previous clinical trial"
                         r"|(?:,\s*|\s+)or\s+whose\s+(?=[a-z])"
                         # "uncontrolled anxiety/depression and/or require new or changed
                         # anti-depressants ... within 3 months": the requirement is of its own
                         r"|\s+(?:and/or|or)\s+(?=requires?\s+(?:new|changed|a\s+change|treatment|the\s+use|use)\b)"
                         r"|(?<=[A-Za-z\"”')\]])\s+if\s+(?=(?:they|he|she|the|patients?|subjects?|participants?)\s+"
                         r"(?!(?:can|could|may|might|will|would|should|must)(?![\w-])|\S+\s+(?:not|never)(?![\w-])))",
                         re.IGNORECASE)


# Every branch above opens with a comma or a space: tested first, it lets the engine leave most
# positions at once instead of entering each branch there (the scan twice as fast; the same
# matches, test_scan_fast_paths).
_CLAUSE_AND = re.compile(_FIRST_COMMA_OR_SPACE + "(?:" + _CLAUSE_AND.pattern + ")", _CLAUSE_AND.flags)
# What every match of _CLAUSE_AND holds: its joining word after a space or a comma, and a space
# after it. A clause without one is not scanned with the whole pattern (whose branches open with
# a space or a lookbehind, so the engine tries each of them at every position: some 13 µs per
# criterion, against under 2 for this one).
_CLAUSE_WORD = re.compile(r"[\s,/](?:and|or|unless|if|followed|provided)\s", re.IGNORECASE)  # ("and/or")
# a consequence clause: what follows "that" is what the window bounds
_SUCH_THAT = re.compile(r"(?<![\w-])(?:such|so)\s+(?:[a-z-]+\s+){0,2}?that\s+(?=[a-z])", re.IGNORECASE)


def _on_word(text: str, at: int, end: int) -> int:
    """`at`, or where the next word starts before `end` when `at` falls inside a word: a clause cut
    to a length starts on a word ("experienc|ed menarche", "will|ing and able")."""
    if at > 0 and text[at - 1].isalnum() and text[at].isalnum():
        space = text.find(" ", at, end)
        return space + 1 if space != -1 else at
    return at


def _clause_before(text: str, start: int) -> dict | None:
    base = max(0, start - 3 * _MAX_SUBJECT)
    base = _on_word(text, base, start)  # (a clause that runs back past the reach)
    brk, at = _last_break(text, base, start)
    if _CLAUSE_WORD.search(text, at, start):  # (each branch holds one of its words)
        for clause in _CLAUSE_AND.finditer(text, at, start):
            if _closed_around(text, clause.start(), start) is None:  # (not inside a bracket closed before the window)
                at = clause.end()
    if "that" in text[at:start]:
        for clause in _SUCH_THAT.finditer(text, at, start):
            at = clause.end()  # "disease of such severity that death within 7 to 10 days is likely": the death
    # the first other bound that is not inside a closed bracket (see _in_closed_bracket)
    other = next((m for m in _other_bounds()[0].finditer(text, at, start)
                  if not _in_closed_bracket(text, at, m.start(), start)), None) \
        if _DIGIT.search(text, at, start) or _number_word().search(text, at, start) else None
    found = None
    if other:
        # "alcohol abuse within 1 year prior to screening or regular use of alcohol within 6
        # months": a conjunct after the other bound names a subject of its own (_own_conjunct;
        # not "Ferritin > 700 mcg/L and rising since last 24h", no span of time, nor across a
        # parenthesis, "(defined as more than 14 days) of X or other drugs")
        # the span of time nearest the window (a value after it, "or loss of whole blood of more
        # than 500 mL within 30 days", is its conjunct's own)
        last = nearest = other
        for nearest in _other_bounds()[0].finditer(text, other.end(), start):
            if _span_after_bound().match(text, _number_start(nearest)):
                last = nearest
        conj = _own_conjunct(text, last, start)
        if conj is None:
            # "Has a platelet count <100,000/µL or received a platelet transfusion in the 5 days
            # prior to randomization": after a value (the bound nearest the window), a predicate
            # of its own (not "smoked cigarettes or used other tobacco products in the last 6
            # months", one subject)
            conj = _OR_TAKEN.search(text, nearest.end(), start)
        at_subject = conj.end() if conj is not None else _after_value(text, nearest, at, start)
        if at_subject is None and any(w in text[nearest.end():start].lower() for w in _verb_group_words()):
            # "not been naturally postmenopausal for at least 24 consecutive months (...), must
            # have a negative urine or serum pregnancy test within 3 weeks": what the requirement
            # after the other bound names
            # (not a verb inside a bracket closed before the window, "(1 of which must be a manic
            # or mixed episode)", nor one before a state alone, "Dose must be stable for 2 weeks")
            verb = None
            for found_verb in _verb_group().finditer(text, nearest.end(), start):
                if _closed_around(text, found_verb.start(), start) is None:
                    verb = found_verb
            required = _trim(text, verb.end(), start) if verb is not None else None
            at_subject = verb.end() if required is not None and len(required["text"].split()) >= 2 else None
        if at_subject is not None:
            found = _trim(text, at_subject, start)
    elif "," in text[at:start]:
        # "Needs concurrent topical antimicrobials to treat the ulcer site, or received such
        # therapies within 7 days", "Received a bone marrow or solid organ transplant at any
        # time, received chemotherapy for a malignancy within the past 6 months": after a comma,
        # a predicate of taking is an item of its own, which the window bounds
        conj = None
        for conj in _COMMA_OR_TAKEN.finditer(text, at, start):
            pass
        if conj is None:
            # a list whose items each have a duration of their own ("systemic glucocorticoids for
            # one week or less, cytarabine for 72 hours or less"): the item after the last span
            span = None
            for span in _span_after_bound().finditer(text, at, start):
                pass
            conj = _comma_item(text, span.end(), start) if span is not None else None
        if conj is not None:
            found = _trim(text, conj.end(), start)
    if found is None:
        bound_cut = other is not None and other.start() > at
        cut = other.start() if bound_cut else _period_cut(text, at, start)
        if bound_cut and "defined" in text[at:cut] and text[at:start].rstrip().endswith(","):
            # "history of uncontrolled Sleep Apnea, defined as oxygen desaturation less than 90% at
            # night, in past 3 months": a definition cut short by its bound and set apart from the
            # window by a comma; what it defines is what the window bounds (not "defined as having
            # persistent signs ... despite the use of prednisone at < 0.5 mg/kg/day ... for at
            # least 4 weeks", which goes on)
            defined = _COMMA_DEFINITION.search(text, at, cut)
            if defined is not None and defined.start() > at:
                cut = defined.start()
        begin = at
        if bound_cut and "," in text[at:cut]:
            # "immunologically suppressed, received steroids >1 month over the past year": after a
            # comma, a predicate of taking is an item of its own, as where no bound stands
            for taken in _COMMA_OR_TAKEN.finditer(text, at, cut):
                begin = taken.end()
        # (a definition cut short by another bound names no subject: "post-menopausal, defined
        # as age greater than 45 and no menses for at least 24 consecutive months" is no age)
        found = _trim(text, begin, cut, definition=not bound_cut)
        if not bound_cut and found is not None and "without" in found["text"]:
            # "Platelet count 100,000 cells/μL without the use of platelet transfusion within the
            # last 2 weeks": a value written with no comparator word, and what it is reached
            # without, which the window bounds (as after a bound, _after_value)
            bare = _BARE_VALUE_WITHOUT.search(text, found["span"][0], found["span"][1])
            if bare is not None and not _DIGIT.search(text, bare.end(), start):
                found = _trim(text, bare.end(), cut) or found
    if found is None and other and text[brk:at] == ":" and not text[at:other.start()].strip(" \t<>≤≥=") \
            and start - at <= _LABEL_VALUE_CHARS:
        # "Platelets: >= 100,000/mm^3 (within 4 weeks prior to enrollment)": the value of the
        # label before the colon, which the window right after it bounds (a label with no
        # number: not "bilirubin > 3 mg/dL : > 51 μmol/L")
        found = _trim(text, _last_break(text, max(0, brk - 3 * _MAX_SUBJECT), brk)[1], brk)
        if found is not None and _DIGIT.search(found["text"]):
            found = None
    if at > brk and text[brk] in "([" and (found is None or _QUANTITY_ONLY.fullmatch(found["text"])
                                           or _VALUE_BEFORE.search(text, lookback(text, brk, 40), brk)
                                           and (_TESTED_IN_BRACKET.search(text, at, start)
                                                or _TESTED_LEAD_IN_BRACKET.fullmatch(text, at, start))):
        # "Other active malignancy (≤ 3 years)": the subject stands before the parenthesis, and so
        # does a value's ("Platelets >= 75,000/ul (without bone marrow involvement, performed
        # within 14 days prior to day 1)": when the value was measured)
        before = _clause_before(text, brk)
        if before is not None and "includ" in before["text"] and not text[brk + 1:start].strip():
            # "cardiovascular disease, including myocardial infarction (within 12 months prior to
            # randomization), unstable angina": a bracket that holds only the window bounds the
            # item it follows (not a list in a bracket closed before it, "substance (including
            # marijuana) or alcohol use disorder (past 12 months)", nor a modifier alone,
            # "including recent (<6 months) myocardial infarction", read after the bracket)
            item = None
            for item in _INCLUDED_ITEM.finditer(text, before["span"][0], before["span"][1]):
                pass
            # (nor a head that is itself recent: "Recent infection, including suspected
            # chikungunya (within 1 week ...)" bounds the infections)
            tail = text[item.end():before["span"][1]] if item is not None else ""
            last = _trim_words(text, item.end(), before["span"][1]) if item is not None \
                and tail.count("(") >= tail.count(")") \
                and not _RECENT_WORD.search(text, before["span"][0], item.start()) else None
            if last is not None and not _modifiers_only(last["text"]):
                before = last
        elif before is not None and "xcept" in before["text"] and not text[brk + 1:start].strip() \
                and (exception := _last_exception(text, before["span"][0], before["span"][1])) is not None:
            # "Any prior therapy for ALL except for limited treatment (≤ 7 days) with
            # corticosteroids": a bracket that holds only the window bounds the exception it follows
            last = _trim_words(text, exception, before["span"][1])
            if last is not None and not _modifiers_only(last["text"]):
                before = last
        elif before is not None and "," in before["text"] and not text[brk + 1:start].strip() \
                and (close := text.find(")", start)) != -1 and "(" not in text[start:close] \
                and _LIST_AFTER_BRACKET.match(text, close + 1):
            # "No pregnancy, atrial fibrillation, unstable angina, recent myocardial infarction
            # (less than 5 days), or other acute medical illness": a bracket that holds only the
            # window, inside a list that goes on after it, bounds the item it follows
            # (not the list's last item, "or" or "and" in it: "e.g. recent myocardial infarction,
            # angina, hypertension or dysrhythmias (within the prior 6 months), greater than a
            # first degree AV block" bounds the whole list)
            comma = text.rfind(",", before["span"][0], before["span"][1])
            last = _trim_words(text, comma + 1, before["span"][1]) \
                if _closed_around(text, comma, before["span"][1], before["span"][0]) is None \
                and not _LIST_END_WORD.search(text, comma, before["span"][1]) else None
            if last is not None and not _modifiers_only(last["text"]):
                before = last
        return before or found
    return found


# a quantity offered as the span's alternative in a bracket ("vaping (approximately 15 puffs or
# around 10 minutes in duration)"): what the bracket measures stands before it
_QUANTITY_ONLY = re.compile(r"(?:(?:approximately|approx\.?|about|around|roughly|~)\s*)?[\d.,]+\s*[a-z-]*"
                            r"(?:\s+(?:or|and|and/or))?(?:\s+(?:approximately|approx\.?|about|around|roughly))?",
                            re.IGNORECASE)
# the start of the last item of a list that "including" opens ("including A, B (" gives B)
_RECENT_WORD = re.compile(r"(?<![\w-])recent(?:ly)?(?![\w-])", re.IGNORECASE)
_INCLUDED_ITEM = re.compile(r"(?<![\w-])including\s+(?:[^,;()]*,\s*)*", re.IGNORECASE)
_EXCEPT_FOR = re.compile(r"(?<![\w-])except(?:\s+for)?\s+", re.IGNORECASE)


def _last_exception(text: str, begin: int, end: int) -> int | None:
    """Where the words after the last "except (for)" in text[begin:end] start, or None."""
    found = None
    for found in _EXCEPT_FOR.finditer(text, begin, end):
        pass
    return found.end() if found is not None and found.end() < end else None


_LIST_END_WORD = re.compile(r"(?<![\w-])(?:or|and|and/or)(?![\w-])", re.IGNORECASE)
_LIST_AFTER_BRACKET = re.compile(r"\s*,\s*(?:(?:or|and|and/or)\s+)?[A-Za-z]", re.IGNORECASE)
_COMMA_DEFINITION = re.compile(r",\s*defined\s+as\s", re.IGNORECASE)
# a value right before a bracket ("Platelets >= 75,000/ul (", "creatinine ≤ 1.5 mg/dL ("), and a
# verb in the bracket saying that what the window bounds is its measure
# (a multiple of a limit too: "Total bilirubin ≤ 1.5 x ULN (collected within 10 days")
_VALUE_BEFORE = re.compile(r"(?:[<>≤≥=]|\b(?:at least|less than|greater than|more than))\s*[\d.,]+\s*"
                           r"(?:(?:x|×|times)\s*(?:the\s+)?(?:institutional\s+)?[A-Za-z]+|[^\s()]*)\s*$", re.IGNORECASE)
_TESTED_IN_BRACKET = re.compile(r"(?<![\w-])(?:performed|obtained|measured|done|collected|drawn|assessed)\s*$", re.IGNORECASE)
# or such a verb opening the bracket, a few words before the window ("≥38 °C (obtained in office
# or self-measured within 12 hours prior to screening")
_TESTED_LEAD_IN_BRACKET = re.compile(r"\s*(?:performed|obtained|measured|done|collected|drawn|assessed)(?![\w-])[^()\d;:,]{0,40}",
                                     re.IGNORECASE)


_WITH_AFTER_BOUND = re.compile(r"[\d.,]*\s*(?:[A-Za-z%/]+(?:\s+of\s+age|\s+old)?,?\s+)?with\s+(?=[a-z])")  # ("18-75 years, with", "60 years of age with")
# (not a word that qualifies the share: "< 60% predicted", "> 30% relative to previous measure",
# "<=93% sustained for 5 minutes")
_NOUN_AFTER_PERCENT = re.compile(r"[\d.,]*\s*%\s+(?!(?:at|in|on|of|for|by|with|without|from|to|during|within|or|and|than|per|"
                                 r"is|are|was|were|relative|[a-z]+ed)(?![\w-]))(?=[a-z])", re.IGNORECASE)
# a dose's number and unit, per body weight or time ("1 mg/kg/wk"); {extra}: more units
_DOSE = r"[\d.,]*\s*(?:mg|g|mcg|µg|ug|iu|units?{extra})(?:/(?:kg|m2|m\^2|d|day|wk|week|h|hr))*"
# (a dose, not a concentration: "9 g/dL based upon CBC" names no drug; nor a route, a frequency or
# a course's "x 3 days")
_NOUN_AFTER_DOSE = re.compile(_DOSE.format(extra="") + r"\s+"
                              r"(?!(?:at|in|on|of|for|by|with|without|from|to|during|within|or|and|than|per|daily|a|an|the|"
                              r"each|every|is|are|was|were|total|cumulative|x|times|based|when|if|as|weekly|[a-z]+ly|iv|po|sc|im)"
                              r"(?![\w-]))(?=[A-Za-z]{2})", re.IGNORECASE)
# ... or after its dose and "of" (">30 Gy of non-thoracic radical radiation therapy within 4 weeks")
_NOUN_AFTER_DOSE_OF = re.compile(_DOSE.format(extra="|c?gy")
                                 + r"\s+of\s+(?!(?:the|a|an|any|at|in|on|more|less|than)(?![\w-]))(?=[A-Za-z]{2})",
                                 re.IGNORECASE)
_PER_WORD = re.compile(r"(?<![\w-])per(?![\w-])", re.IGNORECASE)  # ("30 g of alcohol per day": a rate, not a name)
_EQUIVALENT_END = re.compile(r"(?<![\w-])equivalents?\s*$", re.IGNORECASE)
_GRADE_BEFORE = re.compile(r"(?<![\w-])grade\s*$", re.IGNORECASE)
_NOUN_AFTER_GRADE = re.compile(r"[\d.,]*\s+(?!(?:or|and|at|in|on|of|for|by|with|from|to|within|during|than)(?![\w-]))(?=[a-z])",
                               re.IGNORECASE)
# ... nor the extent of what stands before ("radiation field covered more than 30% bone marrow")
_EXTENT_ONLY = re.compile(r"\s*(?:bone\s+)?marrow\s*|\s*body\s+surface(?:\s+area)?\s*", re.IGNORECASE)
# (the value's unit may be written in up to three words: "≥ 1.5 x 10^9/L without"); what is
# taken or given: its use, a transfusion, a support ("without growth factor support"), not a
# condition of the measure ("PaO2 ≤ 55 mm Hg without supplemental oxygen at any time within 7
# days": when it was measured)
_WITHOUT_AFTER_BOUND = re.compile(r"[\d.,]*\s*(?:[^\s,;()]+\s+){0,3}?without\s+"
                                  r"(?=(?:the\s+|any\s+)?(?:use|need|receipt|administration)\s+(?:of|for)\s"
                                  r"|(?:[a-z-]+\s+){0,4}?(?:transfusions?|support)(?![\w-]))", re.IGNORECASE)
_BARE_VALUE_WITHOUT = re.compile(r"(?<![\w.,])\d" + _WITHOUT_AFTER_BOUND.pattern, re.IGNORECASE)  # (see _clause_before)
# (not another bound, "and less than or equal to 400 copies/ml", nor a trend of the same value,
# "Ferritin > 700 mcg/L and rising since last 24h")
# (its unit may go on with a bracket and a "per": "at least 20 cigarettes (1 pack, or equivalent)
# per day or former heavy smoker who was an active heavy smoker within the last year")
_VALUE_THEN_CONJUNCT = re.compile(r"[\d.,]+(?:\s*[^\s\d,;()]+)?(?:\s*\([^()\d]{0,10}\d[^()]{0,30}\))?(?:\s+per\s+[a-z]+)?"
                                  r"\s+(?:and/or|or|and)\s+"
                                  r"(?!(?:within|in|during|over|for|less|more|greater|fewer|lower|higher|above|below|"
                                  r"at\s+least|no\s+(?:more|less|greater|fewer)|not|up\s+to)\b|[a-z]+ing\s+(?:since|within|over|for|during|in)\b)(?=[a-z])")
_COUNTED_FOR = re.compile(r"\s+(?P<what>[A-Za-z][^,;:<>≤≥=\d()]*?(?:\s*\([^()\d]{1,30}\)[^,;:<>≤≥=\d()]*?)?)\s+for\s*$")
_UNIT_FIRST = re.compile(r"(?:min|minutes?|hours?|hrs?|days?|weeks?|wks?|months?|mos?|years?|yrs?|"
                         r"cm|mm|m|kg|g|mg|mcg|µg|ml|l|dl|iu|units?|%)(?![\w-])", re.IGNORECASE)
_RATE_WORD = re.compile(r"/|(?<![\w-])(?:per|daily|every|times|each|prior)(?![\w-])", re.IGNORECASE)
_PREPOSITION_AFTER = re.compile(r"\s*(?:for\s+(?:any|a|an|the)|after|since|from)\s*", re.IGNORECASE)


def _after_value(text: str, nearest: re.Match, at: int, start: int) -> int | None:
    """Where the subject starts when what follows the value `nearest` (the bound nearest the
    window at `start`, in the clause from `at`) names what the window bounds, or None."""
    # "Age >45 years with amenorrhea 12 months": what the value's holder has, written after the
    # value's unit (a name of one or two words: "with maximal available therapy for >6 hours" is
    # how long)
    m = _WITH_AFTER_BOUND.match(text, nearest.end())
    # (the span's own "for" may stand between: "at least 60 years of age with amenorrhea for
    # =12 months")
    named = _FOR_END.sub("", text[m.end():start]) if m is not None and m.end() < start else ""
    if m is not None and m.end() < start and not _DIGIT.search(text, m.end(), start) \
            and len(named.split()) <= 2 and not _WINDOW_WORD.search(named):
        return m.end()
    # "Hemoglobin ≥ 9 g/dL without the use of red blood cell (RBC) transfusion within the last 2
    # weeks": what the value is reached without
    m = _WITHOUT_AFTER_BOUND.match(text, nearest.end())
    if m is not None and m.end() < start and not _DIGIT.search(text, m.end(), start):
        return m.end()
    # "less than 20% variation in M protein at least 4 weeks prior to study", "more than 50%
    # lesions progression within 24 to 48 hours": the noun a share is of, written after it (two to
    # six words: not "less than 90% at night, in past 3 months", nor "pulmonary infiltrates with
    # >50% increase within")
    m = _NOUN_AFTER_PERCENT.match(text, nearest.end())
    if m is not None and m.end() < start and not _DIGIT.search(text, m.end(), start) \
            and "," not in text[m.end():start] and 2 <= len(text[m.end():start].split()) <= 6 \
            and not _EXTENT_ONLY.fullmatch(text, m.end(), start):
        return m.end()
    # "may not have received more than 1 mg/kg/wk amphotericin B in the 4 weeks before entry":
    # what was given, named after its dose (one to four words)
    # (not a dose counted in another drug's units: "more than 5mg dexamethasone equivalent")
    m = _NOUN_AFTER_DOSE.match(text, nearest.end()) or _NOUN_AFTER_DOSE_OF.match(text, nearest.end())
    if m is not None and m.end() < start and not _DIGIT.search(text, m.end(), start) \
            and "," not in text[m.end():start] and 1 <= len(text[m.end():start].split()) <= 4 \
            and not _PER_WORD.search(text, m.end(), start) \
            and not _EQUIVALENT_END.search(text, m.end(), start):
        return m.end()
    # "Have used at least 3 different nucleoside reverse transcriptase inhibitors (NRTIs) for at
    # least 3 months each": what was counted, each of which the span after "for" lasts (words
    # only, an aside in brackets with them; not a unit, "at least 1 cm in diameter for 3 or more
    # months", nor a rate, "≥ 4 attacks per week for ≥ 4 weeks", "6 loose stools/day for", whose
    # count is not what lasts)
    m = _COUNTED_FOR.match(text, nearest.end(), start)
    if m is not None and 1 <= len(m.group("what").split()) <= 10 and not _UNIT_FIRST.match(m.group("what")) \
            and not _RATE_WORD.search(m.group("what")):
        return m.start("what")
    # "or Grade ≥3 bleeding event within 6 months": the graded event, its grade with it
    grade = _GRADE_BEFORE.search(text, max(at, nearest.start() - 10), nearest.start()) \
        if "rade" in text[max(at, nearest.start() - 10):nearest.start()] else None
    m = _NOUN_AFTER_GRADE.match(text, nearest.end()) if grade else None
    if m is not None and m.end() < start and not _DIGIT.search(text, m.end(), start) \
            and "," not in text[m.end():start] and 1 <= len(text[m.end():start].split()) <= 6:
        return grade.start()
    return None


def _own_conjunct(text: str, last: re.Match, start: int) -> re.Match | None:
    """The conjunction after the other span `last` (a match of _other_bounds()[0]) that opens the
    subject of the window at `start`, or None: the first one outside a bracket, opening a noun
    phrase and followed by no span of time before the window; up to _CONJUNCT_GAP_WORDS words
    after the other span (brackets aside) where nothing but a bracket, a relation and its anchor
    stand between (_SPAN_GAP, _WITHIN_OF_GAP), and up to _CONJUNCT_GAP_WORDS_COMMA words of
    anything but a comma where a comma sets the conjunct apart ("treated for a minimum of 6
    months with a stable dose of cholinesterase inhibitors (donepezil, rivastigmine or
    galantamine) at baseline visit, and/or a stable dose of memantine for a minimum of 6 months")."""
    span = _span_after_bound().match(text, _number_start(last))
    if span is None:
        # a value's bound right before the conjunction ("defined as age greater than 45 and no
        # menses for at least 24 consecutive months"): the conjunct is a subject of its own too
        value = _VALUE_THEN_CONJUNCT.match(text, _number_start(last))
        return value if value is not None and value.end() <= start else None
    depth, at, conj = 0, span.end(), None
    for m in _CONJUNCTION.finditer(text, span.end(), start):
        depth += text.count("(", at, m.start()) - text.count(")", at, m.start())
        at = m.start()
        if depth <= 0:
            conj = m
            break
    if conj is None or not _NEW_CONJUNCT.match(text, conj.start()) or _span_after_bound().search(text, conj.end(), start) \
            or _HALF_LIVES_AHEAD.match(text, conj.end()):
        # ("or 5 half-lives (whichever is longer)": the span's alternative, no subject)
        return _comma_item(text, span.end(), start)
    words = len(_BRACKETED.sub(" ", text[last.end():conj.start()]).split())
    gap = _BRACKETED.sub(" ", text[span.end():conj.start()])
    # (after the span, an anchor of up to _ANCHOR_GAP_WORDS words: "a negative pregnancy test
    # within 7 days prior to the first dose of study drugs and must agree to use an effective
    # contraception method ... for 6 months"; not an anchor that lists, "before first course of
    # cyclophosphamide, doxorubicin, vincristine, and prednisone (CHOP) therapy ... OR within")
    near = words <= _CONJUNCT_GAP_WORDS or "," not in gap and len(gap.split()) <= _ANCHOR_GAP_WORDS
    if near and (_SPAN_GAP.fullmatch(text, span.end(), conj.start())
                 or last.group()[:6].lower() == "within"
                 and _WITHIN_OF_GAP.fullmatch(text, span.end(), conj.start())):
        return conj
    comma_led = text[conj.start()] == "," and "," not in gap
    return conj if comma_led and words <= _CONJUNCT_GAP_WORDS_COMMA else _comma_item(text, span.end(), start)


# "Myocardial infarction within the prior 6 months, cerebro-vascular attack within the prior
# year", "etanercept within 2 weeks, infliximab, golimumab, or adalimumab within 8 weeks": after
# a span (its relation and anchor, a bracket, or "or less" aside), a comma opens the next item of
# a list whose items each have their window ("systemic glucocorticoids for one week or less,
# cytarabine for 72 hours or less"); the item holds no span and no relation, and no bracket but
# an abbreviation's ("time since stereotactic radiosurgery (SRS) is")
_COMMA_ITEM = re.compile(r"(?:\s*\([^()]{1,100}\)|\s+(?:" + _SPAN_RELATIONS + r")\s[^(),;]{1,60}"
                         r"|\s+or\s+(?:less|more|longer|shorter|fewer))?"
                         r"(?P<comma>,\s*)(?!(?:and|or|and/or|with|without|but|which|who|that|if|unless|except|in|within|during|"
                         r"over|for|since|after|before|prior|from|until|till|throughout|while|up|then|to|at|on|by|defined|including|e\.g|i\.e|eg|ie|"
                         r"whichever|respectively|not|no|is|are|was|were|has|have|had|must|should)(?![\w-]))"
                         r"(?=[A-Za-z])(?:[^(),;:]|\([A-Za-z\d-]{1,12}\))*(?:,\s*[^(),;:]+)*\s+$", re.IGNORECASE)
_COMMA_ITEM_WORDS = 8


def _comma_item(text: str, at: int, start: int) -> re.Match | None:
    """The list item after the span ending at `at` that the window at `start` bounds
    (_COMMA_ITEM), as the match of its comma, which ends where the item starts, or None."""
    item = _COMMA_ITEM.fullmatch(text, at, start)
    if item is None:
        return None
    words = text[item.end("comma"):start].split()
    # (nor an item that ends on a preposition: "separated by at least 72 hours" is how far apart)
    if len(words) > _COMMA_ITEM_WORDS or _RELATION_WORD.search(text, item.start("comma"), start) \
            or words[-1].lower() in _ITEM_LAST_NOT:
        return None
    return _COMMA_AT.match(text, item.start("comma"))


_COMMA_AT = re.compile(r",\s*")
_ITEM_LAST_NOT = frozenset(("by", "of", "to", "at", "with", "in", "on", "from", "as"))
# ("time since SRS is >= 7 days": the item's own lead, _LEAD_PHRASE)
_RELATION_WORD = re.compile(r"(?<![\w-])(?:prior|before|after|(?<!time\s)since|following|within|during|ago|until|than|least|most)(?![\w-])",
                            re.IGNORECASE)


def _in_closed_bracket(text: str, begin: int, at: int, start: int) -> bool:
    """Whether `at` is in a bracket opened after `begin` that closes before `start` and holds no
    span of time: a bound there qualifies the word before the bracket ("Fever (> 38 °C) or
    respiratory tract infection within the past 24 hours" is of both), it does not end the
    subject; a bracket with a span of its own ("long term (lasting more than 14 days) use of
    immunosuppressants") holds a window or a duration that does."""
    bracket = _closed_around(text, at, start, begin)
    span = _span_after_bound().search(text, *bracket) if bracket is not None else None
    if span is not None and _AGE_AFTER_SPAN.match(text, span.end()):
        span = None  # "Adult (= 18 years old) men or women ...": an age, no span of time
    # (nor where nothing but a preposition stands between the bracket and the window, which
    # the subject would end on: "a fever (over 38.5 degrees Celsius) for any 7 days",
    # "Persistent fever(>38.0℃) after three days")
    return bracket is not None and span is None and not _PREPOSITION_AFTER.fullmatch(text, bracket[1] + 1, start)


_AGE_AFTER_SPAN = re.compile(r"\s*(?:old|of\s+age)(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _window_ahead() -> re.Pattern:
    """A window's cue and span after a subject ("within the past 3 months", "in the last six
    months"), which ends the clause after another window."""
    return re.compile(r"\s(?:within|(?:in|during|over)\s+the\s+(?:past|last|previous|preceding))\s+(?:the\s+)?(?:past\s+|last\s+)?"
                      r"(?=" + time_span() + ")", re.IGNORECASE)


_LAST_ITEM = re.compile(r",\s+(?:and|or)$", re.IGNORECASE)


def _list_goes_on(text: str, pos: int, brk: re.Match) -> bool:
    """Whether the clause from `pos` goes on over the break `brk` (", or", ", and") to the last
    item of a list it holds ("since nitrosoureas, melphalan, or mitomycin"): a comma before it
    outside brackets, and an item after it that holds no span of time ("..., or within 14 days
    from local radiotherapy" is a window of its own) and ends within the subject's length."""
    if not _LAST_ITEM.match(brk.group()):
        return False
    before = _BRACKETED.sub(" ", text[pos:brk.start()])
    if "," not in before or "(" in before or ")" in before:
        return False
    nxt = _BREAK_AFTER.search(text, brk.end())
    stop = nxt.start() if nxt else len(text)
    return stop - pos <= _MAX_SUBJECT and not _span_after_bound().search(text, brk.end(), stop) \
        and not _WINDOW_WORD.match(text, brk.end())


_FOR_END = re.compile(r"\s+for\s*$", re.IGNORECASE)
_WINDOW_WORD = re.compile(r"(?:within|in|during|over|for|since|after|before|prior)(?![\w-])", re.IGNORECASE)


# a capitalised label (one or two words) right before a colon, after some other words
_LABEL_BEFORE_COLON = re.compile(r"(?<=[a-z)\]])\s+(?-i:[A-Z][a-z]+)(?:\s+[A-Za-z][a-z]+)?\s*$")


def _clause_after(text: str, pos: int) -> dict | None:
    """The clause from `pos` on: to a break, or to a parenthesis that closes one opened before
    ("(< 1 year since onset)"); a parenthesis opened inside it is kept ("DHEA (dehydro...)")."""
    m = _BREAK_AFTER.search(text, pos)
    while m and (m.group() == "\n" and _wrapped(text, m.start()) or _list_goes_on(text, pos, m)):
        # a line wrapped inside a sentence goes on, and so does a list to its last item
        m = _BREAK_AFTER.search(text, m.end())
    end = m.start() if m else len(text)
    if m and m.group() == ":":
        label = _LABEL_BEFORE_COLON.search(text, pos, end)
        if label:  # "since prior bone marrow transplantation Chemotherapy: At least 60 days": the next
            end = label.start()  # group's label, glued on by a flattened list
    window = _window_ahead().search(text, pos, end)
    if window:  # "of immunosuppressant medication within the past 3 months, except ...": another window
        end = window.start()
    item = _item_starts().search(text, pos, end)
    if item:
        end = item.start()
    exception = _EXCEPTION_AFTER.search(text, pos, end) \
        if text.find(",", pos, end) != -1 or text.find("except", pos, end) != -1 \
        or text.find("unless", pos, end) != -1 or text.find("other than", pos, end) != -1 \
        or text.find("including", pos, end) != -1 else None
    if exception:  # "since prior surgery, unless evidence of disease progression": the surgery
        # ("since prior radiotherapy to any portion of the pelvis except for the treatment of
        # endometrial cancer", "since prior hepatotoxic drugs unless medically necessary", "since
        # prior chemotherapy other than hydroxyurea", "since prior CYP3A4 inhibitors, including
        # any of the following": the radiotherapy, the drugs, the chemotherapy, the inhibitors)
        end = exception.start()
    outcome = _OUTCOME_AFTER.search(text, pos, end) if " without " in text[pos:end] else None
    if outcome and outcome.start() > pos:
        # "at least 6 weeks of conservative non-operative treatment without obtaining adequate
        # symptomatic relief": the treatment; what it failed to bring is no part of it
        end = outcome.start()
    bound = _BOUND_AHEAD.search(text, pos, end) if " than " in text[pos:end] or " at " in text[pos:end] else None
    if bound and bound.start() > pos:
        # "less than 1 week of therapy with lamivudine or a protease inhibitor and less than 4
        # weeks of therapy with other NRTIs": the next bound's span is another's subject
        end = bound.start()
    value = _VALUE_AHEAD.search(text, pos, end)
    if value and value.start() > pos:
        # "Current (within 3 months prior to enrollment) HbA1c >=7.01%": the measure, not its value
        end = value.start()
    opened = []
    for i in range(pos, end):
        ch = text[i]
        if ch == "(" and _DIGIT.match(text[i + 1:i + 3].lstrip()):
            end = i  # "prior chemotherapy (2 weeks since vincristine)": a case of its own follows
            break
        if ch == "(":
            opened.append(i)
        elif ch == ")":
            if not opened:
                end = i
                break
            opened.pop()
    else:
        if opened:
            # a break inside a bracket opened after the window ends the clause before the
            # bracket: "since prior tamoxifen for chemoprevention (e.g., Breast Cancer\n
            # Prevention Trial)" is of "prior tamoxifen for chemoprevention"
            end = opened[0]
    if end - pos > _MAX_SUBJECT:
        # a subject after its window starts where the window ends: too long, it keeps its
        # first words (_trim keeps the last ones, nearest a window written after them)
        cut = text.rfind(" ", pos, pos + _MAX_SUBJECT)
        end = cut if cut > pos else pos + _MAX_SUBJECT
    return _trim(text, pos, end, absent=False)


_EXCEPTION_AFTER = re.compile(r",\s*(?:unless|except|with\s+the\s+exception\s+of)(?![\w-])|\s+except\s+for(?![\w-])"
                              r"|\s+unless(?![\w-])|\s+other\s+than(?![\w-])|,?\s+including(?![\w-])|\s+except(?![\w-])",
                              re.IGNORECASE)
_OUTCOME_AFTER = re.compile(r"\s+without\s+(?:obtaining|achieving|getting|reaching|experiencing|having)(?![\w-])", re.IGNORECASE)
_BOUND_AHEAD = re.compile(r"\s+(?:and|or)\s+(?:(?:less|more|fewer|greater|longer|shorter)\s+than|at\s+(?:least|most))"
                          r"\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|twelve)", re.IGNORECASE)
# a value's bound after a subject written after its window
_VALUE_AHEAD = re.compile(r"\s*(?:[<>≤≥]=?|=<|=>|=)\s*\d")
_CLOSED_FIRST = re.compile(r"[^()]*\)[\s,]*(?:(?:and/or|or|and)\s+)?", re.IGNORECASE)
_ASIDE = re.compile(r"\([^()]{1,60}\)\s*")
_FIRST_WORD = re.compile(r"[A-Za-z]+(?![\w\-])")
# the possessive's mark left at a subject's start ("Patients' baseline asthma therapy regimens")
_STRAY_APOSTROPHE = re.compile(r"['’]\s+(?=[A-Za-z])")
# an item's mark in brackets ("(1)Sustained ventricular tachycardia", "(b) uncontrolled angina")
_BRACKETED_MARK = r"\((?P<mark>\d{1,2}|[a-h])\)\s*(?=[A-Za-z])"
_LIST_MARK = re.compile(r"(?:\d{1,2}|(?<![A-Za-z])[ivx]{1,4}(?=\)))[.)]\s*(?=[A-Za-z])"  # "12.", "iv)"
                        r"|" + _BRACKETED_MARK)
# ... inside a clause ("other than (a) ..., (b) ..., and (d) early stage tumor")
_ITEM_MARK = re.compile(r"(?<![\w)])" + _BRACKETED_MARK)
_LAST_WORD = re.compile(r"(?<![\w\-])[A-Za-z]+$")


@lru_cache(maxsize=1)
def _verb_group() -> re.Pattern:
    """'subject_verb_groups' of models/time_events.json with what may follow them ("must not
    have been"): the clause's requirement starts after the last one."""
    groups = sorted(load("time_events")["subject_verb_groups"], key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(phrase_regex(p) for p in groups) + r")"
                      r"(?:\s+(?:not|have|had|be|been))*\s+(?=[A-Za-z])", re.IGNORECASE)


def _last_item(text: str, start: int, end: int) -> int:
    """Where the last item of a list marked "(a)", "(b)", ... (or "(1)", "(2)", ...) in the clause
    [start, end) starts, the window after it bounding that item alone ("Previous malignancy other
    than (a) carcinoma in situ of cervix, (b) basal cell carcinoma, ... and (d) early stage tumor
    treated more than 3 years ago"), or `start` where no two marks in sequence stand."""
    marks = list(_ITEM_MARK.finditer(text, start, end))
    if len(marks) < 2:
        return start
    before, last = marks[-2].group("mark"), marks[-1].group("mark")
    following = str(int(before) + 1) if before.isdigit() else chr(ord(before) + 1)
    # (an item with no words before the window keeps the clause: "occurred after a (1) response
    # OR (2) after >= 6 months from start of step 1 treatment")
    return marks[-1].start() if last == following and _trim_words(text, marks[-1].end(), end) is not None else start


def _trim(text: str, start: int, end: int, definition: bool = True, absent: bool = True) -> dict | None:
    """The subject in the clause [start, end): what a definition names, what a history is of,
    what a modal verb requires, or the clause itself (see _trim_words)."""
    if end - start > 2 * _MAX_SUBJECT:
        # (past a lead clause first, which the cut would leave half: "In addition to the highly
        # effective method of contraception (...), a condom (...) should be used")
        lead_clause = _lead_clause_at(text, start, end)
        cut = _on_word(text, end - 2 * _MAX_SUBJECT, end)
        # (on a list's item when one opens close by, as a capped subject does)
        start = max(cut, lead_clause.end()) if lead_clause else _item_start(text, cut, end)
    if "(" in text[start:end]:
        start = _last_item(text, start, end)
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
        if found is not None and _verb_group().search(text, history.end(), end):
            # "Subjects with a history of cancer must be disease free for at least 3 years": what
            # the clause after the history requires
            found = _trim(text, history.end(), end) or found
        if found is not None:
            return found
    verb = None
    for verb in (_verb_group().finditer(text, start, end) if any(w in low for w in _verb_group_words()) else ()):
        pass
    without = None
    for without in (_WITH_NO.finditer(text, start, end) if absent and " no " in low else ()):
        pass
    if without is not None and (verb is None or verb.start() < without.start()) \
            and text.count(")", without.end(), end) <= text.count("(", without.end(), end):
        # "be able to take effective contraceptive measures with no plans for pregnancy within six
        # months", "who had undergone curative treatment and had no disease recurrence within 5
        # years": what the clause before a window says is absent is what the window bounds (not
        # after the window: "since last normal menstrual period (LNMP) with no prior hysterectomy";
        # nor before a modal verb that names what is required: "who have no planned pregnancy
        # ... and are willing to take effective contraceptive measures within 30 days")
        found = _trim_words(text, without.end(), end)
        if found is not None:
            return found
    passive = verb is not None and verb.group().split()[-1].lower() in ("be", "been")
    event_verb = _event_verb().match(text, verb.end()) if verb is not None else None
    before_verb = verb is not None and (passive and _PARTICIPLE.match(text, verb.end())
                                        # (not "should have been stable on their chosen method
                                        # of birth control for a minimum of 3 months": the method)
                                        and not _STABLE_ON.match(text, verb.end())
                                        # ("must be at a steady state dose for a minimum of
                                        # six months": the drug taken, named before the verb)
                                        or passive and _AT_STEADY_DOSE.fullmatch(text, verb.end(), end) is not None
                                        # (an event verb with no object: "must stop X" names X)
                                        or event_verb is not None and (not text[event_verb.end():end].strip()
                                                                       or _NO_OBJECT.match(text, event_verb.end())))
    if before_verb and _OR_BEFORE.search(text, max(start, verb.start() - 20), verb.start()):
        # "Female patients must be postmenopausal or must have been surgically sterilized at
        # least 6 months prior to screening": the last of the alternatives, the event itself
        found = _trim_words(text, verb.end(), end)
        if found is not None:
            return found
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
        if found is None and verb.start() > start:
            # "Subjects must present in active cluster period and the expected remaining duration
            # of the cluster cycle must be at least 8 weeks": a clause of its own after "and", its
            # verb ending where the window starts
            prior = None
            for prior in _verb_group().finditer(text, start, verb.start()):
                pass
            conj = None
            for conj in (_AND_WORD.finditer(text, prior.end(), verb.start()) if prior is not None else ()):
                pass
            found = _trim_words(text, conj.end(), verb.start()) if conj is not None else None
            if found is not None:
                return found
    return _trim_words(text, start, end)


_AND_WORD = re.compile(r"\s+and\s+(?=[A-Za-z])", re.IGNORECASE)
# (not "with no known active disease": what the thing before it is known to be free of)
_WITH_NO = re.compile(r"(?<![\w-])(?:with|had|has|have)\s+no\s+(?!known\b)(?=[A-Za-z])", re.IGNORECASE)


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
    """'history of' after one of 'subject_history_leads' (models/time_events.json) or a comma: what
    the history is of is what the window bounds ("Those who have a history of drug abuse within 1
    year"); "with" not after "or" or "and" ("active malignancy or with a history of malignancy"
    keeps both)."""
    leads = word_alternation(load("time_events")["subject_history_leads"])
    # ("or with a history of X" is one alternative; "..., or has a history of X" a clause)
    # (or a comma: "Active bleeding at screening, history of visceral hemorrhage within 3 months",
    # an item of its own; not ", or history of X", the last of a list's items)
    return re.compile(r"(?:(?<![\w-])(?!(?<=\bor\s)with|(?<=\band\s)with)" + leads
                      + r"\s+(?:(?:an?|the)\s+)?(?:[A-Za-z-]+\s+){0,2}?|,\s*(?:(?:an?|the)\s+)?(?:(?!(?:or|and)\s)[A-Za-z-]+\s+)?)"
                      r"history\s+of\s+(?=[A-Za-z])", re.IGNORECASE)


# a past participle, or an adjective saying how the subject stands, after "be"/"been": the
# clause's subject stands before the verb ("must be completed", "must be present at baseline")
_PARTICIPLE = re.compile(r"(?:[a-z]+ly\s+)?(?:[a-z]+(?:ed|en)|drawn|shown|known|done|held|made|met|kept|set|put|run|begun|sent|brought|withheld|"
                         r"present|absent|stable|negative|positive|available|normal|adequate|in\s+place)(?![\w-])", re.IGNORECASE)
_AT_STEADY_DOSE = re.compile(r"\s*" + _STEADY_DOSE + r"(?:s|\(s\))?(?:\s+for(?:\s+an?)?)?\s*", re.IGNORECASE)
# "stable on" or "stable with" after "be": what follows is what the window bounds
_STABLE_ON = re.compile(r"stable\s+(?:on|with)\s+(?=[A-Za-z])", re.IGNORECASE)
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
    # (a closed bracket may stand in it: "In addition to the highly effective method of
    # contraception (except for the practice of total sexual abstinence), a condom")
    return re.compile(opens + r"(?![\w-])(?:[^,;:()]|\([^(),;:]{1,60}\)){1,80},\s*(?=[A-Za-z])", re.IGNORECASE)


_LIST_GOES_ON = re.compile(r"[^,;]{0,40}?(?:,\s*(?:and|or)\b|\band/or\b)", re.IGNORECASE)


def _lead_clause_at(text: str, start: int, end: int):
    """The lead clause at `start`, unless its comma is one of a list's ("If already receiving
    educational, behavioral, and/or dietary interventions, ...")."""
    m = _lead_clause().match(text, start, end)
    return m if m is not None and not _LIST_GOES_ON.match(text, m.end(), end) else None


_PART_AFTER = re.compile(r"\s+part(?![\w-])", re.IGNORECASE)
# words after "the following" that name no noun it qualifies ("the following throughout the study")
_NOT_LISTED = frozenset({"throughout", "prior", "before", "after", "provided", "while", "when"})


def trim_subject(text: str, start: int, end: int) -> dict | None:
    """The words at [start, end) as a subject, less lead and trail words and edge punctuation:
    for a caller that knows where the subject's words are (a list item's)."""
    return _trim_words(text, start, end)


_BLANK_RUN = re.compile(r"\s{2,}")
_FOLLOW_UP = re.compile(r"(?<![\w-])follow[\s-]+up$", re.IGNORECASE)
# A subject's length at most, as read (_read_length): a list of six or seven drugs or conditions
# ("immunomodulators or immunosuppressant drugs, including but not limited to IL-6 inhibitors, TNF
# inhibitors, anti-IL-1 immunomodulators, and JAK inhibitors") is kept whole; a longer clause is
# cut from its start, nearest the window. (_MAX_SUBJECT, shorter, bounds the searches around it.)
_SUBJECT_CAP = 160
_ITEM_SOON = re.compile(r"[^,;()]*?,\s*(?:(?:and|or|and/or)\s+)?(?=[A-Za-z])", re.IGNORECASE)


def _item_start(text: str, at: int, end: int) -> int:
    """Where a subject cut to a length at `at` starts: after the comma (and its conjunction) that
    opens the next list item within 40 characters ("inducers, or moderate CYP3A inducers or
    treatment with ..." starts at "moderate"), else at `at`."""
    item = _ITEM_SOON.match(text, at, min(end, at + 40))
    return item.end() if item else at


def _read_length(text: str, start: int, end: int) -> int:
    """The length of text[start:end] as read, each run of blanks one character."""
    return end - start - sum(len(m.group()) - 1 for m in _BLANK_RUN.finditer(text, start, end))


def _read_start(text: str, start: int, end: int) -> int:
    """The first position from which text[at:end], as read (_read_length), is at most
    _SUBJECT_CAP long."""
    at = end - _SUBJECT_CAP
    while at > start and _read_length(text, at, end) < _SUBJECT_CAP:
        at -= _SUBJECT_CAP - _read_length(text, at, end)
    while _read_length(text, max(at, start), end) > _SUBJECT_CAP:
        at += 1
    return max(at, start)


def _trim_words(text: str, start: int, end: int) -> dict | None:
    """[start, end) less lead and trail words and edge punctuation, at most _SUBJECT_CAP long as read."""
    _, lead, trail = _cues()
    while True:
        while start < end and (_edge(text[start]) or text[start] == ")"):
            start += 1  # (and the bracket of a list's mark left before it: "a) Routine blood examination")
        mark = _LIST_MARK.match(text, start, end) or _LEADING_ABBREVIATION.match(text, start, end) \
            or _NOT_LIMITED.match(text, start, end) or _LEAD_PHRASE.match(text, start, end) \
            or _SCREENING_LEAD.match(text, start, end) \
            or _lead_clause_at(text, start, end) or _PEOPLE_LEAD.match(text, start, end) \
            or _STRAY_APOSTROPHE.match(text, start, end)
        if mark:  # "12.Intravenous immunoglobulin": an item number the export glued on; "i.e.";
            # "If the patient is a female, she has had ...": a condition the subject does not hold
            start = mark.end()
            continue
        m = _FIRST_WORD.match(text, start, end)
        aside = _ASIDE.match(text, start, end) if m is None else None
        if aside:  # "Subjects (including male subjects) have no pregnancy plan": an aside on
            # the people, with the lead words after it
            after = _FIRST_WORD.match(text, aside.end(), end)
            if after and after.group().lower() in lead:
                start = aside.end()
                continue
        if not m or m.group().lower() not in lead:
            break
        if m.group().lower() in _subject_modifiers() and not _FIRST_WORD.search(text, m.end(), end):
            break  # "Currently (or within the last 1 month) breast feeding": a modifier alone is kept,
            # so that the caller reads the clause after the bracket it qualifies
        if m.group().lower() in ("take", "taking", "taken", "took") and _PART_AFTER.match(text, m.end(), end):
            break  # "take part in another clinical study": the participation
        if m.group().lower() == "following":
            after = _FIRST_WORD.search(text, m.end(), end)
            if after is None or after.group().lower() in trail or after.group().lower() in _NOT_LISTED:
                # "any of the following within the past 6 months", "agree to the following
                # during the intervention period and for at least 90 days": the list that follows
                break
        start = m.end()
    while True:
        while end > start and (_edge(text[end - 1]) or text[end - 1] in "(<>≤≥="):
            end -= 1
        # (the pattern ends at the subject's end: its last 110 characters hold any match, a
        # bracket of examples after "is permitted" too)
        if text[end - 1:end] == ")":
            # "Other malignancies (except non-melanoma skin cancer, ... considered cured) within 5
            # years": the exception is not what the window bounds
            opened = text.rfind("(", start, end - 1)
            if opened > start and ")" not in text[opened:end - 1] and _EXCEPT_OPENS.match(text, opened + 1, end):
                end = opened
                continue
        abbreviation = _TRAILING_NOT_SUBJECT.search(text, max(start, end - 110), end)
        if abbreviation:  # "six weeks of non-operative therapy i.e. injections": the list it opens follows;
            # "have reduced their intake ... for a period of at least 1 year": the span's own words
            end = abbreviation.start()
            continue
        m = _LAST_WORD.search(text, max(start, end - 20), end)
        if not m or m.group().lower() not in trail or (m.start() > start and text[m.start() - 1].isalnum()):
            break
        if _FOLLOW_UP.search(text, max(start, m.start() - 8), m.end()):
            break  # "at least six months of follow up": the follow-up itself
        end = m.start()
    if end - start > _SUBJECT_CAP and _read_length(text, start, end) > _SUBJECT_CAP:
        # (the cap counts a line wrap's run of blanks as one: "Electron beam therapy, ...,
        # interferon\n          therapy, or other investigational therapy" is read whole)
        at = _read_start(text, start, end)
        cut = text.find(" ", at, end)
        start = cut + 1 if cut != -1 else at
        # (not inside a bracket: "37.5 ºC) or any other symptoms of infection" starts after it)
        inside = _CLOSED_FIRST.match(text, start, end)
        if inside and inside.end() < end:
            start = inside.end()
        else:  # (nor inside a list item)
            start = _item_start(text, start, end)
        # (and not on a lead word, as no subject within the cap does: "or other immune-modifying
        # drugs (including, but not limited to, corticosteroids, ...)" drops its "or")
        return _trim_words(text, start, end)
    if end <= start or not any(ch.isalpha() for ch in text[start:end]):
        return None
    return {"text": text[start:end], "span": [start, end]}
