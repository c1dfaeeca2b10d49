"""Sections: where the eligibility part of a document is, and which lists are inclusion or exclusion.

Works on canonical text only. Cues (heading patterns, PDQ group headings, the headings that end
the eligibility part, lines that are page furniture) come from models/sections.json.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from .criteria_items import _TERMINAL_CHARS
from .lines import MARKER_RE, cues, group_of, heading_key, iter_lines, line_end

@dataclass
class Section:
    """A stretch of the canonical text. `role`: "umbrella" (an eligibility heading that may hold
    inclusion/exclusion headings), "list" (a list of criteria of one kind) or "group" (a PDQ group
    heading inside a list). `parent` is the index of the enclosing section."""

    kind: str
    role: str
    start: int
    end: int
    body_start: int
    heading: str | None = None
    heading_span: tuple[int, int] | None = None
    cue: str | None = None
    parent: int | None = None

    def to_dict(self) -> dict:
        return {"kind": self.kind, "role": self.role, "heading": self.heading,
               "heading_span": list(self.heading_span) if self.heading_span else None,
               "span": [self.start, self.end], "cue": self.cue, "parent": self.parent}


@dataclass
class _Heading:
    kind: str
    cue: str
    umbrella: bool
    start: int         # heading text start (after indentation/marker)
    end: int           # heading end (through the colon, if any)
    inline: bool       # content follows on the same line


# Where a heading may start inside a line that a registry export ran together with the text
# before it ("... Board (MAB) Exclusion Criteria:• Patient has ..."): a capitalised side word
# that a colon follows closely. Whether it is a heading is then up to models/sections.json.
_MIDLINE_HEADING = re.compile(r"(?<=[\s)\].;,])(?=(?:Key |KEY )?(?:Inclusion|INCLUSION|Exclusion|EXCLUSION)\b[^:\n]{0,30}:)")
# A side heading that ends a line, capitalised as headings are ("- Height - 5.0 feet - 6 feet 4
# inches Exclusion Criteria" / "- Ongoing medical emergency"): the export lost the line break
# before it, and the list under it was read as the side above (_glued_to_a_criterion decides).
_LINE_END_HEADING = re.compile(r"(?<=[\s)\].;,])(?:Inclusion|INCLUSION|Exclusion|EXCLUSION) (?:Criteria|CRITERIA)[ \t]*:?[ \t\r]*$")
_SIDE_AT = re.compile(r"(?:key )?(in|ex)", re.IGNORECASE)
# the last side named as a heading names it, in the text before a line
_LAST_SIDE = re.compile(r"(?s).*\b(in|ex)clusion criteria", re.IGNORECASE)
# Words that continue a heading rather than start a criterion after it ("Exclusion Criteria For
# Cohort A"): a heading written with no colon is split from its first criterion only before others.
_HEADING_GOES_ON = frozenset({"for", "of", "in", "to", "and", "or", "per", "applicable", "specific",
                              "apply", "applies", "are", "include", "includes", "(", "-", "–",
                              "cohort", "cohorts", "part", "parts", "stage", "stages", "group", "groups",
                              "arm", "arms", "phase", "phases", "period", "section", "criteria", "criterion"})


def heading_lines(text: str, start: int, end: int):
    """iter_lines, with a line cut where a heading starts inside it."""
    for ls, le in iter_lines(text, start, end):
        at = ls
        # (a heading inside a line holds "clusion" or "CLUSION": most lines are passed over
        # without running the pattern, whose lookbehind is tried at every position)
        if le - ls > 20 and (text.find("clusion", ls + 1, le) >= 0 or text.find("CLUSION", ls + 1, le) >= 0):
            for m in _MIDLINE_HEADING.finditer(text, ls + 1, le):
                if (_ends_a_criterion(text[at:m.start()]) or _glued_to_a_criterion(text, ls, m.start(), le, inline=True)) \
                        and match_heading(text, m.start(), le) is not None:
                    yield at, m.start()
                    at = m.start()
                    break
            else:
                m = _LINE_END_HEADING.search(text, ls + 1, le)
                if m is not None and _glued_to_a_criterion(text, ls, m.start(), le):
                    yield at, m.start()
                    at = m.start()
        yield at, le


def _glued_to_a_criterion(text: str, ls: int, at: int, le: int, inline: bool = False) -> bool:
    """Whether the side heading ending the line at `at` ("- Age 18-30 Exclusion Criteria") is a
    heading a registry export ran onto the last criterion of the list before it: the line is a
    list item or the wrapped end of one, the list above is of the other side, a list follows
    (`inline`: the heading's first criterion follows it on the line, "- Ages 20-65 yoa Exclusion
    Criteria: - Recent surgery"), and the words before it are not a sentence naming the
    criteria ("- Does not meet Inclusion Criteria", "- Any condition listed in the Exclusion
    Criteria", "- Must fulfil all study Inclusion Criteria": a verb, a negation or a reference
    (sections.json "qualified" "not_qualifiers"), or a word a sentence goes on after)."""
    # the list above is of the other side: the same side's name there is a group of it ("Healthy
    # Control Inclusion Criteria" after "Patient Inclusion Criteria")
    side = _SIDE_AT.match(text, at).group(1).lower()
    above = _LAST_SIDE.search(text[max(0, ls - 20000):ls])
    if above is None or above.group(1).lower() == side:
        return False
    line = text[ls:at].strip()
    m = MARKER_RE.match(line)
    if m is None and not _wrapped_into(text, ls, line):
        return False    # a line of its own: "Healthy Control Inclusion Criteria:" is a heading
    before = line[m.end():].strip() if m else line
    if len(before.split()) < 2:
        return False
    c = cues()
    if (c.not_qualifier is not None and c.not_qualifier.search(before)) or c.goes_on.search(before):
        return False
    if inline:
        return True
    nxt = _next_words_line(text, le)
    return nxt is not None and MARKER_RE.match(nxt.lstrip()) is not None


def _ends_a_criterion(before: str) -> bool:
    """Whether the text before a heading inside a line reads as the end of a criterion (a
    sentence, closing punctuation, a label's colon: "Criteria: Inclusion Criteria:") rather than
    the start of a longer heading ("Key",
    "Cohort B", "Leukapheresis" before "Inclusion Criteria:")."""
    before = before.strip()
    return bool(before) and (before[-1] in ".;:)]" or len(before.split()) >= 5)


_WORD = re.compile(r"\S+")


_CRITERIA_STOP = re.compile(r"criteri(?:a|on)\.", re.IGNORECASE)


def _bare_prefix(line: str) -> list[tuple[str, bool]]:
    """Heading candidates with no colon, followed by a criterion on the same line ("Exclusion
    Criteria Prior systemic chemotherapy ..."): the first two or three words, when the next word
    starts a sentence."""
    lead = len(line) - len(line.lstrip())
    m = MARKER_RE.match(line, lead)
    if m and m.start() == lead:
        lead = m.end()
    first = line[lead:].lstrip()[:1]
    if not first or not first.isupper():
        return []  # a heading starts with a capital; a lower-case line goes on a sentence
    # the first six words at most: enough to tell whether three follow the third
    words = list(islice(_WORD.finditer(line, lead), 6))
    out = []
    for n in (2, 3):
        # what follows must read as a criterion: three words or more, opening a sentence
        if len(words) >= n + 3 and ":" not in line[:words[n - 1].end()]:
            nxt = words[n].group()
            rest = line[words[n].start():]
            last = words[n - 1].group()
            # a full stop ends a heading only after its "criteria" ("Inclusion criteria. Age ≥22.
            # English speaking."), where no sentence would stop
            if (nxt[0].isupper() or nxt[0].isdigit()) and nxt.lower().strip(",.") not in _HEADING_GOES_ON \
                    and (not last.endswith((".", ",", ";")) or _CRITERIA_STOP.fullmatch(last)) and not rest.isupper():
                out.append((line[:words[n - 1].end()], True))
    return out


def match_heading(text: str, ls: int, le: int) -> _Heading | None:
    """An inclusion/exclusion/eligibility heading on this line, possibly followed by inline content."""
    line = text[ls:le]
    size = len(line.strip())
    if not size:
        return None
    candidates: list[tuple[str, bool]] = []
    colon = line.find(":")
    if 0 < colon < 120:
        candidates.append((line[:colon + 1], line[colon + 1:].strip() != ""))
    elif size <= 160:
        candidates.extend(_bare_prefix(line))
    else:
        # a long line opened by a heading that a full stop ends, the criteria run on after it
        # ("Study Exclusion Criteria. History of aspiration pneumonia within ...")
        # (most long lines name no criteria: read only those that do)
        if _names_criteria(line):
            candidates.extend(c for c in _bare_prefix(line) if c[0].lower().endswith(("criteria.", "criterion.")))
    if size > 160:
        # A long line is prose or a criterion, unless a heading and its colon open it and the
        # criteria follow on the same line ("Inclusion criteria: 1. COVID-19 positive patients
        # with ... 2. ...", as registries export one field per side)
        if not candidates or not candidates[0][1]:
            return None
    elif not _wrapped_tail(text, ls, line):
        candidates.append((line, False))
    for cand, inline in candidates:
        key = heading_key(cand)
        if not key or len(key) > 100:
            continue
        # A whole line ending in a full stop is a sentence, not a heading.
        if not inline and cand.rstrip().endswith(".") and len(key.split()) > 3:
            continue
        found = _heading_cue(key)
        if found is None and _names_criteria(key) and not MARKER_RE.match(cand.lstrip()) \
                and not _goes_on(text, ls, cand):
            found = _qualified_cue(key, intro=cand.rstrip().endswith(":"))
        if found is not None:
            lead = len(cand) - len(cand.lstrip())
            m = MARKER_RE.match(cand[lead:])
            if m and m.start() == 0:
                lead += m.end()
                lead += len(cand[lead:]) - len(cand[lead:].lstrip())
            return _Heading(found[1], found[0], found[2], ls + lead, ls + len(cand.rstrip()), inline)
    if size <= 160 and colon < 0:
        return _wrapped_intro(text, ls, le) or _capitals_label_heading(text, ls, le)
    return None


# A cohort's name in capitals before its side's heading, alone on a line with no colon
# ("PATIENTS WITH PROSTATE CANCER PROGRESSIVE AFTER ANDROGEN DEPRIVATION Inclusion Criteria"):
# the heading is the side's, the name too long and too plain for "qualified" (max_words, "with")
_CAPITALS_LABEL = re.compile(r"[ \t]*(?P<label>[A-Z][A-Z0-9,&/()'-]*(?:[ \t]+[A-Z0-9,&/()'-]+){1,14})[ \t]+"
                             r"(?P<side>(?:Inclusion|Exclusion|INCLUSION|EXCLUSION)[ \t]+(?:Criteria|CRITERIA))[ \t]*")


def _capitals_label_heading(text: str, ls: int, le: int) -> _Heading | None:
    m = _CAPITALS_LABEL.fullmatch(text, ls, le)
    if m is None or not any(ch.isalpha() for ch in m.group("label")):
        return None
    # no word a heading's qualifier is not ("HAS NOT MET THE INCLUSION CRITERIA"), "with" aside:
    # a cohort is named by what its patients have
    if any(w.lower() != "with" and cues().not_qualifier.fullmatch(w.strip(",()'")) for w in m.group("label").split()):
        return None
    found = _heading_cue(heading_key(m.group("side")))
    if found is None:
        return None
    return _Heading(found[1], found[0], found[2], m.start("label"), ls + len(text[ls:le].rstrip()), False)


def _wrapped_intro(text: str, ls: int, le: int) -> _Heading | None:
    """A heading, or a sentence introducing one side's list, wrapped before its colon ("Patients
    who meet any of the following Exclusion Criteria at the Randomization Visit will / not be
    enrolled into the study:", "Inclusion Criteria (The following are general criteria; detailed
    criteria are described in / the study protocol):"): the heading runs to the colon that ends
    the next line, a line opening in lower case. Without it the criteria below were read as the
    side above, or as no side."""
    start = le + 1
    nxt = text[start:line_end(text, start)]
    if not nxt.rstrip().endswith(":") or len(nxt.strip()) > 120 or not nxt.lstrip()[:1].islower():
        return None
    line = text[ls:le]
    joined = line.rstrip() + " " + nxt.strip()
    if not _names_criteria(joined) or MARKER_RE.match(line.lstrip()) or _goes_on(text, ls, line):
        return None
    key = heading_key(joined)
    if len(key) > 160:
        return None
    found = _heading_cue(key) or _qualified_cue(key, intro=True)
    if found is None:
        return None
    lead = len(line) - len(line.lstrip())
    return _Heading(found[1], found[0], found[2], ls + lead, start + len(nxt.rstrip()), True)


def _wrapped_tail(text: str, ls: int, line: str) -> bool:
    """Whether `line` (starting at `ls`) is the last words of a sentence wrapped onto it rather
    than a heading of its own ("... do not need to be tested for trial / eligibility.", "... (see
    / exclusion criteria).", "... the radiographic profile defined in the / Inclusion
    Criteria"): it follows a line that ends no sentence, and it is indented (the wrapped text of
    an item) or ends in punctuation that ends no heading; it opens in lower case, or is indented
    under a line ending as sections.json "previous_line_goes_on" says. A lower-case heading on a
    line of its own after a list item ("- Age > 18" / "exclusion criteria") stays a heading."""
    indented = line[:1].isspace()
    if not indented and not line.rstrip().endswith((".", ",", ";", ")")):
        return False
    previous = _previous_line(text, ls)
    if not previous or previous[-1] in _TERMINAL_CHARS:
        return False
    return line.lstrip()[:1].islower() or (indented and cues().goes_on.search(previous) is not None)


def _previous_line(text: str, ls: int) -> str:
    """The line before the one starting at `ls`, trailing blanks left out ("" for none)."""
    before = text.rfind("\n", 0, max(0, ls - 1))
    return text[before + 1:max(0, ls - 1)].rstrip()


def _goes_on(text: str, ls: int, line: str) -> bool:
    """Whether `line` (starting at `ls`) reads as the rest of a wrapped sentence: it opens in
    lower case, or the line before ends as sections.json "previous_line_goes_on" says ("...
    compatible clinic at the time of / inclusion.")."""
    first = line.lstrip()[:1]
    if not first or first.islower():
        return True
    previous = _previous_line(text, ls)
    return bool(previous) and cues().goes_on.search(previous) is not None


def _wrapped_into(text: str, ls: int, line: str) -> bool:
    """Whether `line` (starting at `ls`) is the last words of a criterion wrapped onto it, right
    under its line: it opens in lower case or the line before ends as a sentence goes on ("... a
    pregnancy test may be done at the discretion of the" / "investigator"). A stop's words
    ("Investigator", "Description") so placed end no list."""
    if not _previous_line(text, ls):
        return False
    return _goes_on(text, ls, line)


def _names_criteria(key: str) -> bool:
    """The qualified cues' screen, on the text as written: most lines name no criteria."""
    return "riteri" in key or "RITERI" in key


def _heading_cue(key: str) -> tuple[str, str, bool] | None:
    """(cue id, kind, umbrella) of the first pattern of sections.json "headings" the key matches."""
    for cue_id, kind, umbrella, pat in cues().headings:
        if pat.fullmatch(key):
            return cue_id, kind, umbrella
    return None


def _qualified_cue(key: str, intro: bool) -> tuple[str, str, bool] | None:
    """(cue id, kind, umbrella) of a heading that names its side after qualifying words
    ("Recipient Exclusion Criteria:") or, with `intro` (the heading ends in a colon), of a
    sentence introducing one side's list (see sections.json "qualified"). The caller rules out
    list items and lines a wrapped criterion runs into (_goes_on)."""
    low = key.lower()
    for cue_id, kind, umbrella, heading, intro_pattern, words in cues().qualified:
        if words in low and (heading.fullmatch(key) or intro and intro_pattern.fullmatch(key)):
            return cue_id, kind, umbrella
    return None


def match_group(text: str, ls: int, le: int, in_pdq: bool) -> str | None:
    """A PDQ-style group heading ("DISEASE CHARACTERISTICS:") on its own line, or None."""
    line = text[ls:le].strip()
    if not line or len(line) > 60 or MARKER_RE.match(line):
        return None
    if not (line.endswith(":") or line.isupper()):
        return None
    return group_of(heading_key(line), in_pdq)


def match_inline_group(text: str, ls: int, le: int, in_pdq: bool) -> tuple[str, int, int] | None:
    """A PDQ group heading in capitals that opens a line with its text after it on the line
    ("PATIENT CHARACTERISTICS: Age: 18 and over Performance status: ...", as registries exported
    a group as one hard-wrapped paragraph): (group id, heading start, end after its colon)."""
    line = text[ls:le]
    colon = line.find(":")
    if colon <= 0 or colon > 60 or not line[colon + 1:].strip():
        return None
    head = line[:colon]
    if not head.strip() or not head.isupper() or MARKER_RE.match(head.lstrip()):
        return None
    gid = group_of(heading_key(head), in_pdq)
    return (gid, ls + len(head) - len(head.lstrip()), ls + colon + 1) if gid else None


def is_stop(text: str, ls: int, le: int) -> bool:
    """A heading that ends the eligibility part ("Participating Mayo Clinic locations", "Trial design")."""
    line = text[ls:le].strip()
    if not line or len(line) > 80 or MARKER_RE.match(line) or line.endswith((".", ";", ",")):
        return False
    c = cues()
    key = heading_key(line)
    if not c.stop.fullmatch(key):
        return False
    for label, values in c.fact_stops:
        if label.fullmatch(key):
            # a fact's label ends the part only over its value ("Healthy Volunteers" / "No"); over
            # criteria it heads a group of people ("HEALTHY VOLUNTEERS:" / "Male or female ...")
            # (or over nothing: the end of the text, or the page's next label)
            value = _next_words_line(text, le)
            return (value is None or values.fullmatch(value.strip().rstrip(".").strip()) is not None
                    or c.stop.fullmatch(heading_key(value)) is not None)
    return True


def _next_words_line(text: str, le: int) -> str | None:
    """The first line after the one ending at `le` that holds a letter or digit, or None."""
    pos = le
    while True:
        nl = text.find("\n", pos)
        if nl < 0:
            return None
        end = text.find("\n", nl + 1)
        end = len(text) if end < 0 else end
        line = text[nl + 1:end]
        if any(ch.isalnum() for ch in line):
            return line
        pos = end


def is_form_field(text: str, ls: int, le: int) -> bool:
    """A line of a registry's form appended to a criteria field ("Are the trial subjects under
    18? no", "F.1.2 Adults (18-64 years) yes", "E.5 End points": sections.json "form_fields")."""
    pat = cues().form_field
    line = text[ls:le].strip()
    if pat is None or not line or len(line) > 80 or MARKER_RE.match(line):
        return False
    return bool(pat.fullmatch(heading_key(line)))


# Formats whose canonical text has no structural hints: the whole text is searched for
# eligibility headings. Registry records lay their text out as "title, blank line, the
# eligibility field(s)", so there everything after the title is eligibility text even without
# a heading of its own.
FREE_TEXT_FORMATS = frozenset({"text", "html"})


def for_source(src, assume_eligibility: bool = False) -> list[Section]:
    """The sections of one ingested document (`Source`), searched as its format allows.

    `assume_eligibility`: a free text with no eligibility heading is one list of criteria of
    unknown side (for inputs that are bare criteria, one per line)."""
    text = src.text
    if src.sections_hint:
        return find_sections(text, src.sections_hint)
    if src.format not in FREE_TEXT_FORMATS:
        title_end = text.find("\n\n")
        return find_sections(text, region=(title_end + 2 if title_end >= 0 else 0, len(text)))
    secs = find_sections(text, start=src.body_start)
    if not secs and assume_eligibility:
        secs = find_sections(text, region=(0, len(text)))
    elif secs and assume_eligibility and text[:secs[0].start].strip():
        # "Male or female subjects 18 years of age and up\n...\nExclusion Criteria\n...": text
        # said to be eligibility criteria whose first lines stand before its first heading are
        # criteria too, of a side the document does not say, not a preamble to leave out
        lead = Section(kind="unspecified", role="list", start=0, end=secs[0].start, body_start=0, cue="structure")
        for sec in secs:
            sec.parent = None if sec.parent is None else sec.parent + 1
        secs = _trim(text, [lead, *secs])
    return secs


def unread_lead(src, secs: list[Section], assume_eligibility: bool = False) -> str | None:
    """A record's warning when a free text opens on an exclusion list as its first eligibility
    heading, with text before it that is read as no criteria: where that text is the inclusion
    criteria written without their heading ("Male or female subjects 18 years of age and up
    ... Exclusion Criteria"), nothing of it would reach the record without a word saying so.
    None when the text is assumed to be eligibility (those lines are then criteria, see
    for_source) or has an inclusion or umbrella heading first."""
    if assume_eligibility or src.sections_hint or src.format not in FREE_TEXT_FORMATS or not secs:
        return None
    first = secs[0]
    if first.kind != "exclusion" or first.role != "list" or first.parent is not None:
        return None
    lead = src.text[src.body_start:first.start]
    if not any(ch.isalpha() for ch in lead):
        return None
    return (f"the text before its first eligibility heading ({first.heading!r}, an exclusion list; "
            f"characters {src.body_start} to {first.start}) is not read as criteria: if it lists the "
            f"inclusion criteria, extract with --assume-eligibility")


def find_sections(text: str, hints: list[tuple[int, int, str]] | None = None,
                  region: tuple[int, int] | None = None, start: int = 0) -> list[Section]:
    """Sections of `text`, in document order.

    `hints`: stretches the input format marks as inclusion/exclusion (trusted as lists).
    `region`: a stretch the format says is eligibility text with no heading of its own
    (the criteria field of a registry record); it is searched as an implied umbrella.
    Otherwise the whole text is searched for eligibility headings.
    """
    sections: list[Section] = []
    if hints:
        for start, end, kind in sorted(hints):
            idx = len(sections)
            sec = Section(kind=kind, role="list", start=start, end=end, body_start=start, cue="structure")
            sections.append(sec)
            _scan(text, start, end, sections, list_index=idx, umbrella_index=None, kind=kind)
        return _trim(text, sections)
    if region is not None:
        start, end = region
        sections.append(Section(kind="unspecified", role="umbrella", start=start, end=end, body_start=start,
                                cue="structure"))
        _scan(text, start, end, sections, list_index=None, umbrella_index=0, kind="unspecified")
        return _trim(text, sections)
    _scan(text, start, len(text), sections, list_index=None, umbrella_index=None, kind=None)
    return _trim(text, sections)


def _scan(text: str, start: int, end: int, sections: list[Section], list_index: int | None,
          umbrella_index: int | None, kind: str | None) -> None:
    """Walk the lines of text[start:end], opening and closing sections as headings appear.

    State: `kind` is None outside eligibility; `umbrella_index` the open eligibility umbrella;
    `list_index` the open list; groups (PDQ) nest inside the list or umbrella they appear in.
    """
    group_index: int | None = None
    seen_group = False
    fixed = list_index is not None and umbrella_index is None and kind is not None and sections[list_index].cue == "structure"

    def close(idx: int | None, at: int) -> None:
        if idx is not None and sections[idx].end > at:
            sections[idx].end = at

    for ls, le in heading_lines(text, start, end):
        if not text[ls:le].strip():
            continue
        h = match_heading(text, ls, le)
        if h is not None:
            if fixed:
                if sections[list_index].body_start <= ls and not h.umbrella and h.kind != "unspecified" \
                        and (h.kind == kind or not _goes_on(text, ls, text[ls:le])):
                    if h.kind == kind and not text[sections[list_index].body_start:ls].strip():
                        # At the top of a structurally marked list a heading repeats the structure: skip it.
                        sections[list_index].body_start = h.end if h.inline else le
                        continue
                    # After items, a heading of the same side opens a further list of that side
                    # ("Other exclusion criteria:"), as it does in unmarked text; the items above stay.
                    # A heading of the other side opens a list of that side: a registry that
                    # exports one field per side may hold both sides in one ("Inclusion
                    # criteria: ... Exclusion criteria: ..." in the inclusion field), unless it
                    # is the end of a wrapped sentence ("... at the time of / inclusion.").
                    close(list_index, ls)
                    list_index = len(sections)
                    sections.append(Section(kind=h.kind, role="list", start=h.start, end=end,
                                            body_start=h.end if h.inline else le, heading=text[h.start:h.end],
                                            heading_span=(h.start, h.end), cue=h.cue))
                    kind = h.kind
                    continue
            else:
                close(group_index, ls)
                group_index = None
                seen_group = False
                if h.umbrella:
                    close(list_index, ls)
                    close(umbrella_index, ls)
                    list_index = None
                    umbrella_index = len(sections)
                    sections.append(Section(kind=h.kind, role="umbrella", start=h.start, end=end,
                                            body_start=h.end if h.inline else le, heading=text[h.start:h.end],
                                            heading_span=(h.start, h.end), cue=h.cue))
                    kind = h.kind
                else:
                    close(list_index, ls)
                    list_index = len(sections)
                    sections.append(Section(kind=h.kind, role="list", start=h.start, end=end,
                                            body_start=h.end if h.inline else le, heading=text[h.start:h.end],
                                            heading_span=(h.start, h.end), cue=h.cue, parent=umbrella_index))
                    kind = h.kind
                continue
        if kind is None:
            continue
        gid = match_group(text, ls, le, seen_group)
        if gid is not None:  # the heading alone on its line, its body on the lines after
            lead = ls + len(text[ls:le]) - len(text[ls:le].lstrip())
            head_end, body_start = ls + len(text[ls:le].rstrip()), le
        elif (inline := match_inline_group(text, ls, le, seen_group)) is not None:
            gid, lead, head_end = inline  # its body after it on the line
            body_start = head_end
        if gid is not None:
            close(group_index, ls)
            seen_group = True
            parent = list_index if list_index is not None else umbrella_index
            gkind = sections[list_index].kind if list_index is not None else "unspecified"
            group_index = len(sections)
            sections.append(Section(kind=gkind, role="group", start=lead, end=end, body_start=body_start,
                                    heading=text[lead:head_end], heading_span=(lead, head_end), cue=gid,
                                    parent=parent))
            continue
        if is_form_field(text, ls, le):
            # a registry's form after the criteria: the list ends here even in a marked field
            close(group_index, ls)
            close(list_index, ls)
            if not fixed:
                close(umbrella_index, ls)
                group_index = list_index = umbrella_index = None
            group_index = None
            kind = None
            seen_group = False
            continue
        if not fixed and is_stop(text, ls, le) and not _wrapped_into(text, ls, text[ls:le]):
            close(group_index, ls)
            close(list_index, ls)
            close(umbrella_index, ls)
            group_index = list_index = umbrella_index = None
            kind = None
            seen_group = False


def _trim(text: str, sections: list[Section]) -> list[Section]:
    """End every section on its last word rather than on the blank lines after it."""
    for s in sections:
        end = s.end
        while end > s.body_start and text[end - 1].isspace():
            end -= 1
        s.end = max(end, s.heading_span[1] if s.heading_span else s.start)
    return sections


def list_ranges(text: str, sections: list[Section]) -> list[tuple[int, int, int, str]]:
    """The stretches whose lines are criteria: (start, end, section index, kind).

    A list holds criteria from its body to its end, less the groups inside it. An umbrella with
    no list inside is itself a list (an "Inclusion and exclusion criteria" mixed list) unless it
    holds only prose; when lists follow, its preamble is prose about eligibility, not criteria,
    unless it is itself a bulleted list.
    """
    out: list[tuple[int, int, int, str]] = []
    # each section's children, in order, found in one pass (a scan of every section for each
    # one made a document of thousands of headings take time growing with their square)
    kids: dict[int | None, list[int]] = {}
    for j, c in enumerate(sections):
        kids.setdefault(c.parent, []).append(j)
    for i, s in enumerate(sections):
        if s.role == "group":
            out.append((s.body_start, s.end, i, s.kind))
            continue
        children = kids.get(i, [])
        if s.role == "umbrella":
            lists = [j for j in children if sections[j].role == "list"]
            groups = [j for j in children if sections[j].role == "group"]
            first = min((sections[j].start for j in lists + groups), default=s.end)
            if first > s.body_start:
                # ("Eligibility Criteria\n\nParticipants will be 16 years or older.\n...\nExclusion
                # criteria:\n...": before exclusion lists alone, the preamble holds the criteria
                # the document has no inclusion heading for)
                if not lists or _has_markers(text, s.body_start, first) \
                        or all(sections[j].kind == "exclusion" for j in lists):
                    out.append((s.body_start, first, i, s.kind))
            continue
        first_group = min((sections[j].start for j in children), default=s.end)
        out.append((s.body_start, first_group, i, s.kind))
    out.sort()
    return [r for r in out if text[r[0]:r[1]].strip()]


def _has_markers(text: str, start: int, end: int) -> bool:
    for ls, le in iter_lines(text, start, end):
        line = text[ls:le].lstrip()
        m = MARKER_RE.match(line)
        if m and m.start() == 0:
            return True
    return False
