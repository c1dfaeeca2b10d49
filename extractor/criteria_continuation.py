"""Whether a line goes on with the criterion before it: an unmarked wrapped line, a value after a
comparator that ends a line, an open bracket, an enumeration inside the criterion's own words,
a registry's short unmarked lines."""
from __future__ import annotations

import re
from functools import lru_cache

from .lines import cues, heading_key, line_end
from .normalize.numbers import parse_number
from .normalize.resources import load
from .resources import load_rules
from .criteria_items import Item, _CONNECTOR_LINE, _NUMBERED, _TERMINAL_CHARS

_SEQUEL = re.compile(r"(\(?)([a-z]|\d{1,2})\)")


def _inline_sequel(text: str, cur: Item, marker: str, indent: int) -> bool:
    """Is `marker` ("(b)", "b)", "(2)") the next of an enumeration the current item writes in its
    own words ("... including: (a) myocardial infarction ...;"), on a line at the item's wrapped
    text column? Only under a marked item, at a column deeper than its marker (a sub-item of its
    own stands deeper still or opens the enumeration with "(a)")."""
    m = _SEQUEL.fullmatch(marker)
    if m is None or cur.marker is None or indent <= cur.indent:
        return False
    body = m.group(2)
    if body.isdigit():
        if body in ("0", "1"):
            return False
        before = str(int(body) - 1)
    else:
        if body == "a":
            return False
        before = chr(ord(body) - 1)
    prev = f"{m.group(1)}{before})"
    at = text.find(prev, cur.start + 1, cur.end)
    # the enumeration's last marker before this one is inline (after a space), not a line's start
    return at > cur.start and text[at - 1] in " \t" and text[text.rfind("\n", 0, at) + 1:at].strip() != ""


# a roman numeral and a closing bracket, a line's marker to MARKER_RE ("I)")
_CLOSING_ROMAN = re.compile(r"\s*[IVX]{1,4}\)\s*")


@lru_cache(maxsize=1)
def _open_scale_word() -> re.Pattern:
    """An open bracket and a word after which a roman numeral is a number (models/numbers.json
    'roman_contexts') ending a text: "... prior to enrollment (Stage"."""
    words = sorted(load("numbers")["roman_contexts"], key=len, reverse=True)
    return re.compile(r"\(\s*(?:" + "|".join(map(re.escape, words)) + r")\s*$", re.IGNORECASE)


def _closes_numeral(text: str, cur: Item, m) -> bool:
    """Whether a line's marker ("I)") is the numeral of the scale word and bracket that end the
    item's text ("within 3 months prior to enrollment (Stage" / "I)/randomization (Stage II)"):
    the hard wrap put the numeral and its closing bracket at the line's start."""
    return (m is not None and _CLOSING_ROMAN.fullmatch(m.group(0)) is not None
            and _open_scale_word().search(text, max(cur.start, cur.end - 30), cur.end) is not None)


_BRACKETED_DIGITS = re.compile(r"\((\d{1,3})\)")
_LAST_WORD = re.compile(r"([A-Za-z]+)\s*$")


def _restates_word(text: str, cur: Item, marker: str) -> bool:
    """Is `marker` ("(3)") the digits restating the number word that ends the item's last line
    ("must have been stable for three" / "(3) months.")? The hard wrap put the restatement at a
    line's start, where it reads as a list marker."""
    m = _BRACKETED_DIGITS.fullmatch(marker.strip())
    if m is None:
        return False
    word = _LAST_WORD.search(text, max(cur.start, cur.end - 20), cur.end)
    return word is not None and parse_number(word.group(1)) == int(m.group(1))


@lru_cache(maxsize=1)
def _comparator_end() -> re.Pattern:
    """A comparator cue of models/comparators.json that a value must follow ("at least",
    "no greater than", "<"), ending a line."""
    cues_ = load_rules("comparators.json", "rules/comparators.schema.json")["cues"]
    phrases = sorted((c["pattern"] for c in cues_ if c["position"] == "before"), key=len, reverse=True)
    alt = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    return re.compile(rf"(?:^|(?<=[\s(]))(?:{alt})$", re.IGNORECASE)


# a decimal read as a section number ("2.0 mg/dL"), unlike "2." or "2.1." that number items
_DECIMAL_MARKER = re.compile(r"\d{1,3}\.\d{1,3}")
_TAG_END = re.compile(r"<[^<>\n]{0,12}>$")   # "<br/ >": markup, not a '>' cue


def _wrapped_value(body: str, marker: re.Match | None) -> bool:
    """A line that opens with a number and no list marker, or with a decimal only a section
    number's pattern took for one."""
    if not body[:1].isdigit():
        return False
    return marker is None or marker.start() != 0 or _DECIMAL_MARKER.fullmatch(marker.group(0)) is not None


def _marker_wrapped(text: str, cur: Item, body: str, width: int) -> bool:
    """Whether a line opening with what reads as a marker ("4.4 or above)", "2 are obligatory",
    "D).") is the next words of the item above, hard-wrapped: the item's last line ends no
    sentence (no stop, colon or semicolon) and the line's first word would not have fitted on it
    within the list's widest line (`width`), as a wrap breaks before the word that overflows.
    The caller asks the line to stand under the item's text with no line between."""
    ls = text.rfind("\n", 0, cur.end) + 1
    last = text[ls:cur.end].rstrip()
    if not last or last[-1] in _TERMINAL_CHARS:
        return False
    word = body.split(None, 1)[0]
    return len(last) + 1 + len(word) > width


def _ends_in_comparator(text: str, cur: Item) -> bool:
    prev = text[cur.start:cur.end].rstrip()[-40:]
    return _comparator_end().search(prev) is not None and not _TAG_END.search(prev)


def _ends_wrapped(text: str, cur: Item) -> bool:
    """Whether the item's last line stops on a word no criterion ends with (sections.json
    "wrapped_after": "from", "of", "than"), so that the line after it goes on with it."""
    wrapped = cues().wrapped_after
    return wrapped is not None and wrapped.search(text, max(cur.start, cur.end - 20), cur.end) is not None


def _ends_before_value(text: str, cur: Item) -> bool:
    """Whether the item's last line stops on a scale's or an age's word whose value a line opening
    with a number gives (sections.json "wrapped_before_value": "No grade" / "2 or 3 A-V block")."""
    words = cues().before_value
    return words is not None and words.search(text[max(cur.start, cur.end - 20):cur.end].rstrip()) is not None


@lru_cache(maxsize=1)
def _multiplier_then_reference() -> re.Pattern:
    """A multiplier of models/units.json ending a line ("no greater than 1.5 times") and one of
    its upper or lower limits of normal opening the next ("ULN Renal: Creatinine ..."): one bound
    written over the break (flattened records wrap anywhere; the capital opens no criterion)."""
    units = load_rules("units.json", "rules/units.schema.json")
    mults = sorted((m for m in units["multipliers"] if m[:1].isalpha()), key=len, reverse=True)
    forms = sorted({f for r in units["references"] if r["reference"] in ("ULN", "LLN")
                    for f in r["forms"] if not f.startswith("x ")}, key=len, reverse=True)
    mult = "|".join(r"\s+".join(map(re.escape, m.split())) for m in mults)
    ref = "|".join(r"\s+".join(map(re.escape, f.split())) for f in forms)
    return re.compile(rf"(?<![\w-])(?:{mult})[ \t]*\n\s*(?:the\s+)?(?:{ref})(?![\w-])", re.IGNORECASE)


class _OpenBrackets:
    """How many more "(" than ")" (and "[" than "]") an item's text holds, counted once per
    character as the item grows line by line: counting its whole text again at every line made
    a list of thousands of lines take time growing with the square of its length."""

    def __init__(self):
        self._seen: dict[int, tuple[int, int, int]] = {}   # item start -> (counted up to, round, square)

    def __call__(self, text: str, item: Item) -> tuple[int, int]:
        upto, rnd, sqr = self._seen.get(item.start, (item.start, 0, 0))
        if upto < item.end:
            chunk = text[upto:item.end]
            rnd += chunk.count("(") - chunk.count(")")
            sqr += chunk.count("[") - chunk.count("]")
            self._seen[item.start] = (item.end, rnd, sqr)
        return rnd, sqr


def _last_word_start(text: str, start: int, end: int) -> int:
    """Where the last word of text[start:end] begins (trailing spaces aside)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    while end > start and not text[end - 1].isspace():
        end -= 1
    return end


def _last_char(text: str, start: int, end: int) -> str:
    """The last character of text[start:end] that is not a space ("" if none)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return text[end - 1] if end > start else ""


def _continues(text: str, cur: Item, marker: str | None, indent: int, blank: bool, cstart: int,
               wrap: float, list_start: int, opened: _OpenBrackets) -> bool:
    """Is this unmarked line more words of the current item rather than a new criterion?"""
    if marker is not None:
        return False
    if cur.marker is not None and indent > cur.indent:
        return True  # wrapped text indented under its bullet
    if blank:
        return False
    line = text[cstart:line_end(text, cstart)]
    if (cur.parent is None and _NUMBERED.fullmatch(cur.marker or "") and indent == cur.indent
            and _last_char(text, cur.start, cur.end) != ":" and _prose_sentence(line)):
        # "7. Written informed consent. ..." / "When circumstances so allow, participants should
        # sign the consent form.": a whole sentence at the number's column, under a numbered item
        # of the list's top level with no line between, is more of that item (registries export a
        # criterion's paragraphs one a line), not a criterion of its own; an item ending in a
        # colon has sub-items instead
        return True
    if _last_char(text, cur.start, cur.end) in _TERMINAL_CHARS:
        return False
    if _ends_wrapped(text, cur):
        # "... as determined with the" / "Kaufman Brief Intelligence Test": the line before
        # stops on a word no criterion ends with, so this line goes on with it in any case
        return True
    if _multiplier_then_reference().match(text, _last_word_start(text, cur.start, cur.end), cstart + 40):
        # "Bilirubin no greater than 1.5 times" / "ULN Renal: Creatinine ...": the reference
        # the multiplier ending the line before names
        return True
    if line.startswith(("(", "[")) or opened(text, cur)[0] > 0 and ")" in line:
        # "... an investigational product" / "(drug/biologic/device) within 45 days ...", "... (on
        # lung examination" / "[rales/crackles] and/or ...", and a bracket the line closes
        # ("... (4 months in Japan" / "3 months in the UK), in a ...")
        return True
    if _SIGN_VALUE.match(line):
        # "... with time between symptoms and inclusion" / "= 07 days, presenting mild symptoms":
        # a comparator sign and its number are the bound of what the wrapped line before names;
        # after a line too short to have been wrapped ("Women aged ≥ 18 years old" / "≥ 37 weeks
        # of gestation") the sign opens a criterion of its own, and so it does after a line that
        # ends on a bracket or a value of its own ("... ratio <300mgHg" / "=8 days since onset")
        last = text[cur.start:cur.end].rsplit(None, 1)[-1]
        return last[-1:].isalpha() and not any(ch.isdigit() for ch in last) \
            and not _short_line(text, cur, cstart, wrap, list_start, opened)
    if not line[:1].islower() or _MIXED_CASE.match(line):
        # a capital opens a criterion, and so does an abbreviation written in lower case first
        # ("eGFR< 50 mL/min", "hCG positive", "pH < 7.2")
        return False
    # in a marked list a new criterion has its own marker: there a short line is wrapped too
    return cur.marker is not None or not _short_line(text, cur, cstart, wrap, list_start, opened)


_SIGN_VALUE = re.compile(r"[<>≤≥=]=?\s?\d")
_MIXED_CASE = re.compile(r"[a-z][A-Z]{2,}[A-Za-z0-9]*(?![/\w])")


# A sentence of its own: a capital opening it, at least five words and a full stop ending it
# (a list's short items, "Dementia.", and lines that introduce items, "... include:", are not)
_PROSE = re.compile(r"[A-Z]\S*\s+(?:\S+\s+){3,}\S*\.")


def _prose_sentence(line: str) -> bool:
    line = line.rstrip()
    return _PROSE.fullmatch(line) is not None and not cues().note.fullmatch(line)


# A line ends before the wrap width only at the end of a criterion, unless its last word asks
# for more ("... and", "... of", "(") or a bracket is still open. Texts wrapped at uneven widths
# (the EU CTR's, from word processors) break lines of 60 and more characters mid-sentence, so a
# line only this long can be a whole criterion. Texts are wrapped at 44 characters and narrower
# too (a registry's narrow text box: "disease OR moderate): SpO2 >= 90% on room" / "air with
# presence of clinical features of"), but such a list shows it: some line stops on a word no
# criterion ends with.
_SHORT_SHARE = 0.6
_SHORT_MAX = 40
_NARROW = 45


def _shows_wrapping(text: str, start: int, end: int) -> bool:
    """Does a line of text[start:end] (the last one aside) stop on a word no criterion ends
    with (sections.json "wrapped_after")? One scan of the list, not one per line."""
    pat = cues().wrapped_line_end
    if pat is None:
        return False
    stop = end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    last = text.rfind("\n", start, stop)
    return last > start and pat.search(text, start, last) is not None
_FIRST_WORD = re.compile(r"\s*(\S+)")


def _bare_heading(prefix: str) -> bool:
    """A heading of at most three words that sections.json reads as one side's ("Inclusion
    criteria:")."""
    key = heading_key(prefix)
    return len(key.split()) <= 3 and any(pat.fullmatch(key) for _, kind, umbrella, pat in cues().headings
                                         if not umbrella and kind != "unspecified")


def _short_line(text: str, cur: Item, cstart: int, wrap: float, list_start: int, opened: _OpenBrackets) -> bool:
    """Registries export one criterion a line with no marker and no full stop, many in lower
    case ("fever" / "pulmonary involvement" / "normal or reduced cbc"): a line so short that the
    next line's first word would have fitted well within the list's width (`wrap`, see
    parse_list) was not wrapped."""
    # the whole line as wrapped, with a heading the list opened after on it ("The inclusion
    # criteria for the healthy controls are: aged 18-55 years; ii) otherwise" / "healthy and ..."),
    # less a bare side heading ("Exclusion criteria: pregnancy", as registry exports prefix a field)
    ls = text.rfind("\n", 0, cur.end) + 1
    if ls < list_start <= cur.start and _bare_heading(text[ls:list_start]):
        ls = list_start
    line = text[ls:cur.end].strip()
    first = _FIRST_WORD.match(text, cstart)
    word = first.group(1) if first else ""
    if len(line) > _SHORT_MAX or len(line) + 1 + len(word) > wrap or cues().goes_on.search(line):
        return False
    if _CONNECTOR_LINE.fullmatch(text, cstart, line_end(text, cstart)):
        return False  # "or" alone on its line joins the criteria around it
    rnd, sqr = opened(text, cur)
    return rnd <= 0 and sqr <= 0
