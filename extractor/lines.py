"""Lines of canonical text as both structure stages see them: where lines are, what a list
marker looks like, a heading line reduced to its words, and the cues of models/sections.json.

Sections (which lists are inclusion or exclusion) and criteria (the items of a list) both read
lines; what they share lives here, so neither stage reaches into the other.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from .resources import load_rules

# A list marker at the start of a line: bullets, "1.", "1)", "a.", "(1)", "i.", markdown "#".
# Registries also export markers glued to their criterion ("1.Laboratory confirmed ...",
# "a.The absence of ...", "•Hepatic disease", "-Long term care"): a number or a lower-case letter
# (a to h: "p.Glu17Lys" wrapped onto a line is no item) with its point or bracket before a capital
# and a lower-case letter ("3.A family history", "-A known allergy": the article too), a bullet
# before a letter.
# Sub-items numbered after their item ("5.a. Respiratory distress", "4. b. PaO2 ...", "4.c.ii.
# Ferritin", "2a. In the opinion ...") are items too. Exports that lost a bullet's encoding write it "?" before a
# space and a word ("?\tAged at least 16 years") or "â?¢" (a UTF-8 bullet read as cp1252, its
# middle byte lost): a question mark never opens a line of text otherwise.
MARKER_RE = re.compile(
    r"(?P<marker>\d{1,2}\.(?:[a-z](?:\.[ivx]{1,4})?[.)]?| [a-z]\.)(?=\s)|\d{1,2}[a-z]\.(?=\s)"
    r"|\*{2,3}(?=\s)|[•\-\*·‣◦▪▫●○■□–—o](?=\s)|\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,5})[.)](?=\s|$)"
    r"|\(\d{1,3}\)|\(?[a-zA-Z]\)|\d{1,3}\.\d{1,3}\.?(?=\s)"
    r"|\?(?=[ \t]+[^\W\d_])|â[?€]¢(?=\s)"
    r"|\d{1,2}[.)](?=[A-Z][a-z]|A\s+[a-z])|[a-h][.)](?=[A-Z][a-z])|[•·‣◦▪●■](?=\w)|-(?=[A-Z][a-z]|A\s+[a-z]))")


@dataclass
class Cues:
    headings: list[tuple[str, str, bool, re.Pattern]]
    groups: list[tuple[str, bool, re.Pattern]]
    stop: re.Pattern
    form_field: re.Pattern | None
    non_criteria: re.Pattern
    note: re.Pattern
    logic: list[tuple[re.Pattern, str, bool, bool]]   # (pattern, logic, counted, nests)
    # Headings that name their side after qualifying words, or sentences introducing one side's
    # list (sections.json "qualified"): (cue id, kind, umbrella, heading pattern, intro pattern,
    # "<word> criteri") per side, and the end of a line that the next line goes on from.
    qualified: list[tuple[str, str, bool, re.Pattern, re.Pattern, str]]
    goes_on: re.Pattern
    # the last word of a line that a criterion was wrapped after (sections.json "wrapped_after"),
    # and the same at the end of any line of a text (spaces after it allowed)
    wrapped_after: re.Pattern | None
    wrapped_line_end: re.Pattern | None
    # a scale's or an age's word ending a line whose value the next line opens with
    # (sections.json "wrapped_before_value": "No grade" / "2 or 3 A-V block")
    before_value: re.Pattern | None
    # what a list holding nothing says as its only item ("None", "N/A": sections.json "empty_lists")
    empty_list: re.Pattern | None = None
    # a sentence naming its side as it opens, in a list of no side ("Exclusion criteria included
    # primary depression, ..."): (side, pattern) (sections.json "side_sentences")
    side_sentences: tuple[tuple[str, re.Pattern], ...] = ()
    # stops that are a study fact's label, and the values that make them one (sections.json
    # "fact_stops"): (label, values) patterns
    fact_stops: tuple[tuple[re.Pattern, re.Pattern], ...] = ()
    # a word that no qualifier of a heading is (sections.json "qualified" "not_qualifiers": a
    # verb, a negation, a reference), found anywhere in a text
    not_qualifier: re.Pattern | None = None
    # a PDQ field label opening a criterion inside a group exported as one paragraph
    # (sections.json "pdq_fields": "... Age: 18 and over Performance status: ...")
    pdq_field: re.Pattern | None = None
    # where a criterion opens inside such a field ("... function No ischemic disease ...")
    pdq_opener: re.Pattern | None = None
    # a label heading the labelled lists after it ("Prior Medication:" / "Allowed:" / ...:
    # sections.json "label_groups"), matched against a label's words without its colon
    label_group: re.Pattern | None = None
    label_member: re.Pattern | None = None   # a label such a group heads ("Allowed:", "Excluded:")


def says_empty(words: str) -> bool:
    """Whether an only item's words say its list holds nothing ("None", "N/A.": sections.json
    "empty_lists")."""
    pattern = cues().empty_list
    return pattern is not None and pattern.fullmatch(words.strip().rstrip(".;").rstrip()) is not None


def _alt(patterns: list[str]) -> re.Pattern:
    return re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + ")", re.IGNORECASE)


@lru_cache(maxsize=1)
def cues() -> Cues:
    data = load_rules("sections.json", "sections.schema.json")
    return Cues(
        headings=[(h["id"], h["kind"], bool(h.get("umbrella")), _alt(h["patterns"])) for h in data["headings"]],
        groups=[(g["id"], bool(g.get("inside_pdq_only")), _alt(g["patterns"])) for g in data["groups"]],
        stop=_alt(data["stops"]),
        form_field=_alt(data["form_fields"]["patterns"]) if "form_fields" in data else None,
        non_criteria=_alt(data["non_criteria"]),
        # a note wrapped over lines is a note too ("Note: if written documentation ... the" / "PCR ...")
        note=re.compile(_alt(data["notes"]).pattern, re.IGNORECASE | re.DOTALL),
        logic=[(re.compile(r["pattern"], re.IGNORECASE), r["logic"], bool(r.get("count")), r.get("nests", True))
               for r in data["logic"]],
        qualified=[(h["id"], h["kind"], bool(h.get("umbrella")), *_qualified(data["qualified"], h["qualified"]),
                    h["qualified"] + " criteri") for h in data["headings"] if "qualified" in h],
        goes_on=re.compile(data["qualified"]["previous_line_goes_on"], re.IGNORECASE),
        wrapped_after=re.compile(r"(?<=\s)(?:" + _words(data["wrapped_after"]["words"]) + r")$")
        if "wrapped_after" in data else None,
        wrapped_line_end=re.compile(r"(?<=[^\S\n])(?:" + _words(data["wrapped_after"]["words"]) + r")[ \t\r]*$",
                                    re.MULTILINE) if "wrapped_after" in data else None,
        before_value=re.compile(r"(?<![\w-])(?:" + _words(data["wrapped_before_value"]["words"]) + r")$", re.IGNORECASE)
        if "wrapped_before_value" in data else None,
        empty_list=_alt(data["empty_lists"]["patterns"]) if "empty_lists" in data else None,
        side_sentences=tuple((side, _alt(data["side_sentences"][side])) for side in ("inclusion", "exclusion")
                             if side in data.get("side_sentences", {})),
        not_qualifier=re.compile(r"\b(?:" + "|".join(data["qualified"]["not_qualifiers"]) + r")\b", re.IGNORECASE),
        fact_stops=tuple((re.compile(f["label"], re.IGNORECASE), _alt(f["values"]))
                         for f in data.get("fact_stops", {}).get("fields", ())),
        label_group=_alt(data["label_groups"]["patterns"]) if "label_groups" in data else None,
        label_member=_alt(data["label_groups"]["members"]) if "label_groups" in data else None,
        **_pdq_patterns(data.get("pdq_fields")),
    )


def group_of(key: str, in_pdq: bool) -> str | None:
    """The id of the PDQ group a heading reduced to its words names (sections.json "groups"),
    those named only inside PDQ text (`inside_pdq_only`) where `in_pdq`; else None."""
    for gid, pdq_only, pat in cues().groups:
        if (in_pdq or not pdq_only) and pat.fullmatch(key):
            return gid
    return None


def _phrases(phrases: list[str]) -> str:
    """An alternation of phrases written with their case, a line break allowed between words."""
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)


def _pdq_patterns(spec: dict | None) -> dict:
    """Cues.pdq_field and Cues.pdq_opener from sections.json "pdq_fields" (see its description)."""
    if not spec:
        return {}
    out = {"pdq_field": re.compile(r"(?<=\s)(?:" + _phrases(spec["labels"]) + r"):(?=\s)")}
    if spec.get("openers"):
        not_before = rf"(?!(?:{_words(spec['not_before'])})\b)" if spec.get("not_before") else ""
        out["pdq_opener"] = re.compile(rf"(?<=[A-Za-z0-9%)\]])\s+(?=(?:{_phrases(spec['openers'])})\s+{not_before}[a-z0-9])")
    return out


def _words(words: list[str]) -> str:
    return "|".join(map(re.escape, words))


def _qualified(spec: dict, word: str) -> tuple[re.Pattern, re.Pattern]:
    """(qualified heading, intro) patterns of one side (see sections.json "qualified")."""
    banned = "|".join(spec["not_qualifiers"])
    stops = "|".join(spec["tail_stops"])
    openers = "|".join(spec["tail_openers"])
    qualifier = rf"(?:(?!(?:{banned})\b)(?:[\w\-/&+',:]+(?:\.\w+)*|\([^()]{{1,40}}\)) )"
    tail = (rf"(?: (?:{openers})(?: (?!(?:{stops})\b)\S+){{1,10}})?"
            r"(?: ?[-–] .{0,80}| ?\([^()]{1,80}\))?(?: (?:are|is))?")
    heading = rf"{qualifier}{{0,{spec['max_words']}}}{word} criteri(?:a|on|ons)\b{tail}"
    return _alt([heading]), _alt([p.replace("{word}", word) for p in spec["intros"]])


def iter_lines(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each line in text[start:end], without the newline."""
    end = len(text) if end is None else end
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        yield pos, stop
        pos = stop + 1


def line_end(text: str, at: int) -> int:
    """Where the line holding `at` ends, found without copying the rest of the text (a list of
    thousands of lines would copy it once per line)."""
    end = text.find("\n", at)
    return len(text) if end == -1 else end


def heading_key(line: str) -> str:
    """The words of a heading-like line: markers, trailing colon and markdown decoration removed.

    Every line of a list asks for it, so it trims with string methods instead of regular
    expressions: leading whitespace and "#*_>", then trailing whitespace and "#*_:." removed,
    then runs of whitespace made one space (what `re.sub(r"^[\\s#*_>]+|[\\s#*_:.]+$", "", ...)`
    and `re.sub(r"\\s+", " ", ...)` do: `\\s` and str.split() agree on what whitespace is);
    tests/structure/test_heading_key.py holds it to that form."""
    stripped = line.strip()
    m = MARKER_RE.match(stripped)
    if m:
        stripped = stripped[m.end():]
    i, j = 0, len(stripped)
    while i < j and (stripped[i] in _LEAD_TRIM or stripped[i].isspace()):
        i += 1
    while j > i and (stripped[j - 1] in _TAIL_TRIM or stripped[j - 1].isspace()):
        j -= 1
    key = " ".join(stripped[i:j].split())
    return key.replace("’", "'") if "’" in key else key


_LEAD_TRIM = frozenset("#*_>")
_TAIL_TRIM = frozenset("#*_:.")
