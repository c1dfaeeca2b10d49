"""Which entities of a criterion are negated: ConText-style scope (rules in models/assertion.json).

A trigger ("no", "without", "unable to"; "excluded" and "naive" look back) opens a scope that runs
in its direction until a terminator (a clause mark, a bracket, "but", "except", "which"...) or
`max_scope_tokens` words, whichever comes first; an entity starting inside a forward scope, or
ending inside a backward one, is negated, and so is an entity whose own text holds a trigger
("non-smoker"), unless the entity opens with a trigger that names a state ("Inability to walk"
tagged whole is an inability, present). Pseudo-triggers ("not only", "no more than", "non-small cell") are found first and
hide the triggers inside them. Plain Python: no spaCy here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..normalize.resources import load
from .patterns import caseless, fold_safe, folded_text
from .windows.common import FIRST_COLUMN, _wrapped

_WORDS = re.compile(r"\S+")
_WORD_CHARS = re.compile(r"[^\W\d_]+")
_CHARS_PER_WORD = 40     # how far back a backward scope's words are looked for, per word


def _regex(pattern: str, literal_first: bool = False) -> str:
    """`literal_first`: the word-start check written after the first character (the same
    matches): an alternation whose every branch opens with a literal is searched by the engine
    at those characters only, where a lookbehind first makes it try every position."""
    if not pattern.strip() or pattern != pattern.strip():
        return re.escape(pattern)  # whitespace is part of the cue: ". ", "\n"
    body = r"\s+".join(re.escape(part) for part in pattern.split())
    right = r"(?![\w])" if pattern[-1].isalnum() else ""
    if not pattern[0].isalnum():
        return body + right
    if literal_first:  # (an alphanumeric character is its own escape)
        return body[0] + r"(?<![\w][\s\S])" + body[1:] + right
    return r"(?<![\w])" + body + right


def _alternation(patterns, folded: bool = False) -> re.Pattern | None:
    """The case-free alternation of `patterns`, longest first; `folded`: the same branches in
    lower case, matched case-sensitively (for lower-cased ASCII text, see Folded)."""
    ordered = sorted(set(patterns), key=lambda p: (-len(p), p))  # longest first
    if not ordered:
        return None
    if folded:
        return re.compile("|".join(_regex(p.lower(), literal_first=True) for p in ordered))
    return re.compile("|".join(_regex(p) for p in ordered), re.IGNORECASE)


def _word_starts(words) -> re.Pattern:
    """A lower-case ASCII letter run that is one of `words` (in lower-cased ASCII text, where the
    letter runs of _WORD_CHARS are runs of a-z)."""
    ascii_words = sorted((w for w in words if w.isascii()), key=lambda w: (-len(w), w))
    return re.compile(r"(?<![a-z])(?:" + "|".join(map(re.escape, ascii_words)) + r")(?![a-z])")


def _run_starts(low: str, words: frozenset, runs: set[str] | None = None) -> list[int]:
    """Where a maximal run of a-z in lower-cased ASCII `low` is one of `words`, in order: the
    few words of the text that are first words, each found by a substring scan (an alternation
    of every first word tried at every position cost more). `runs`: the runs of a-z of `low`
    (quantities.letter_words), when the caller has them."""
    if runs is None:
        runs = low.encode("ascii").translate(_NOT_LETTERS).decode("ascii").split()
    hits = words.intersection(runs)
    out = []
    for word in hits:
        size = len(word)
        at = low.find(word)
        while at != -1:
            if not ("a" <= low[at - 1:at] <= "z" or "a" <= low[at + size:at + size + 1] <= "z"):
                out.append(at)
            at = low.find(word, at + size)
    if len(hits) > 1:
        out.sort()
    return out


# bytes.translate table: every byte but a-z to a space (the letter runs of lower-cased ASCII)
_NOT_LETTERS = bytes(b if 97 <= b <= 122 else 32 for b in range(256))


_SPACE_RUN = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """The rule files' form of a cue's text: lower-cased, blanks trimmed and collapsed. Kept for
    the texts last asked (a criterion's triggers are keyed several times over, by a few words)."""
    return _SPACE_RUN.sub(" ", text.strip().lower())


@dataclass(frozen=True)
class Rules:
    trigger: re.Pattern
    trigger_info: dict          # normalised trigger text -> (id, direction, scope in words)
    bounded_words: frozenset    # normalised triggers with a scope of their own: it ends the entity
    state_words: frozenset      # normalised triggers that do not negate a criterion
    modifier_words: frozenset   # normalised triggers that negate a criterion only when they open it
    never_words: frozenset      # normalised triggers that never negate a criterion ("preclude")
    non_criterion_words: frozenset  # the state, modifier and never words together (read per trigger)
    stop_words: frozenset       # normalised triggers that name stopping ("discontinue", "abstain from")
    restating_words: frozenset  # normalised triggers that restate an exclusion ("will be excluded")
    qualifier_words: frozenset  # normalised triggers that can qualify the named thing right before them
    pseudo: re.Pattern | None
    terminator: re.Pattern | None
    state_terminator: re.Pattern | None  # ends a state trigger's scope too: a list's next item
    state_series: frozenset     # words after such a terminator that go on with the state's series
    clause_words: frozenset     # normalised state triggers a verb follows ("unable to"): those it ends
    max_tokens: int
    pseudo_reach: int           # characters a pseudo-trigger may reach either side of a trigger
    result_words: frozenset
    first_words: frozenset      # the first word of every trigger: where a trigger can start
    pseudo_first: frozenset | None  # the same for the pseudo-triggers (None: one does not start with a letter)
    language: re.Pattern | None     # a language named: what a state trigger's scope can name
    note: re.Pattern | None     # a note's opener ("Note:", "N.B."): what follows explains the criterion
    case: re.Pattern | None     # a case's opener ("If"): at a sentence's start, a note of its own
    number_signs: frozenset     # normalised triggers that abbreviate "number" before ". 103" ("No.103")
    folded: "Folded | None"     # the same rules for ASCII text, lower-cased (None: not exact for them)


@dataclass(frozen=True)
class Folded:
    """The alternations for ASCII text, matched case-sensitively on its lower-cased form, whose
    offsets lower() keeps. Python's engine skips a branch on its first character cheaply only
    when matching case-sensitively: a case-free scan for a terminator cost a fifth of the
    triggers' time."""
    first: frozenset            # the ASCII ones of Rules.first_words: where a trigger can start
    trigger: re.Pattern
    pseudo: re.Pattern | None
    pseudo_first: re.Pattern | None
    terminator: re.Pattern | None


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = load("assertion")
    phrases = [t["pattern"] for t in data["triggers"]] + [p["pattern"] for p in data["pseudo"]] + list(data["terminators"])
    first_words = frozenset(_WORD_CHARS.findall(t["pattern"].lower())[0] for t in data["triggers"])
    pseudo_first = _first_words([p["pattern"] for p in data["pseudo"]])
    folded = Folded(
        first=frozenset(w for w in first_words if w.isascii()),
        trigger=_alternation((t["pattern"] for t in data["triggers"]), folded=True),
        pseudo=_alternation((p["pattern"] for p in data["pseudo"]), folded=True),
        pseudo_first=_word_starts(pseudo_first) if pseudo_first else None,
        terminator=_alternation(data["terminators"], folded=True),
    ) if fold_safe(phrases) else None
    info = {_key(t["pattern"]): (t["id"], t["direction"], t.get("max_scope_tokens", data["max_scope_tokens"]))
            for t in data["triggers"]}
    state = frozenset(_key(t["pattern"]) for t in data["triggers"] if t.get("criterion") is False)
    modifier = frozenset(_key(t["pattern"]) for t in data["triggers"] if t.get("criterion") == "opening")
    never = frozenset(_key(t["pattern"]) for t in data["triggers"] if t.get("criterion") == "never")
    return Rules(
        trigger=_alternation(t["pattern"] for t in data["triggers"]),
        trigger_info=info,
        pseudo=_alternation(p["pattern"] for p in data["pseudo"]),
        terminator=_alternation(data["terminators"]),
        state_terminator=_alternation(data.get("state_terminators", ())),
        state_series=frozenset(w.lower() for w in data.get("state_series_words", ())),
        clause_words=frozenset(_key(t["pattern"]) for t in data["triggers"] if t.get("clause")),
        max_tokens=data["max_scope_tokens"],
        result_words=frozenset(_key(w) for w in data.get("result_words", ())),
        state_words=state,
        bounded_words=frozenset(_key(t["pattern"]) for t in data["triggers"] if "max_scope_tokens" in t),
        modifier_words=modifier,
        never_words=never,
        non_criterion_words=state | modifier | never,
        stop_words=frozenset(_key(t["pattern"]) for t in data["triggers"] if t.get("stops")),
        restating_words=frozenset(_key(t["pattern"]) for t in data["triggers"] if t.get("restates_exclusion")),
        qualifier_words=frozenset(_key(t["pattern"]) for t in data["triggers"] if t.get("qualifies")),
        first_words=first_words,
        pseudo_reach=max((len(p["pattern"]) for p in data["pseudo"]), default=0) + 10,
        pseudo_first=pseudo_first,
        folded=folded,
        note=_alternation(data.get("notes", ())),
        case=_alternation(data.get("cases", ())),
        number_signs=frozenset(_key(w) for w in data.get("number_signs", ())),
        language=(re.compile(r"(?<![\w-])(?:" + "|".join(sorted(map(re.escape, data["languages"]), key=len, reverse=True))
                             + r")(?![\w])") if data.get("languages") else None),
    )


def trigger_patterns() -> list[str]:
    return [t["pattern"] for t in load("assertion")["triggers"]]


def triggers(text: str) -> tuple[dict, ...]:
    """Triggers of `text` outside pseudo-triggers, each with the character range of its scope:
    {"text", "span", "rule", "direction", "scope": [start, end], "criterion"}. Cached: the
    entities and the criterion ask for the same text; callers do not modify the result. (A
    scope reads line breaks by where the criterion starts on its line, FIRST_COLUMN: part of
    the key, so a text met again in another place is read afresh.)"""
    return _cached_triggers(text, FIRST_COLUMN.get())


@lru_cache(maxsize=512)
def _cached_triggers(text: str, first_column: int) -> tuple[dict, ...]:
    # (`first_column` is the cache key's: _wrapped reads it from FIRST_COLUMN itself)
    r = rules()
    return _triggers(r, text, r.folded if text.isascii() else None)


def criterion_triggers(text: str, words: set[str]) -> tuple[dict, ...]:
    """triggers(text) for a criterion read once, whose letter words (quantities.letter_words of
    the lower-cased text: its runs of a-z) are known: the first words of the triggers are looked
    up among them rather than found again, and nothing is cached. The folded alternations serve
    text outside ASCII too where its other characters have no case (patterns.folded_text: "≥",
    "•"), as they serve ASCII text: lower() keeps its offsets, and such a character is no run of
    a-z and matches only as written."""
    r = rules()
    if text.isascii():
        folded = r.folded
    else:
        folded = r.folded if r.folded is not None and _caseless_first_words() \
            and folded_text(text) is not None else None
    return _triggers(r, text, folded, words if folded is not None else None)


@lru_cache(maxsize=1)
def _caseless_first_words() -> bool:
    """Whether the folded alternations serve text whose characters outside ASCII have no case:
    each trigger's first word is ASCII (Folded.first) or holds a letter with a case ("naïve"),
    which such text cannot hold, so no trigger start is missed there."""
    r = rules()
    return all(w.isascii() or not caseless(w) for w in r.first_words)


def double_negations(text: str) -> list[tuple[int, int]]:
    """The spans of the pairs of a state trigger and a stopping one right after it that cancel
    in `text` ("unable to abstain from", "not willing to avoid"): a "not" inside one is no
    opening cue of a negation either."""
    r = rules()
    folded = r.folded if text.isascii() else None
    found = _found(r, text, folded, text.lower() if folded is not None else text)
    kept = set(_undo_double_negations(r, text, found))
    dropped = [span for span in found if span not in kept]
    return [(dropped[i][0], dropped[i + 1][1]) for i in range(0, len(dropped) - 1, 2)]


def _found(r: Rules, text: str, folded: Folded | None, hay: str, runs: set[str] | None = None
           ) -> list[tuple[int, int]]:
    """The spans of the triggers of `text` (`hay`: its lower-cased form with `folded`; `runs`:
    the runs of a-z of `hay` when known, with `folded`)."""
    # The alternations are tried only where a trigger's first word stands, and the
    # pseudo-triggers only around a trigger: a scan of the whole text per alternation cost a
    # third of the rules' time on long criteria.
    found, last = [], -1
    if folded is not None:
        trigger, starts = folded.trigger, _run_starts(hay, folded.first, runs)
    else:
        trigger = r.trigger
        starts = (word.start() for word in _WORD_CHARS.finditer(text) if word.group().lower() in r.first_words)
    for start in starts:
        if start < last:
            continue
        m = trigger.match(hay, start)
        if not m and start and hay[start - 1] == "-":
            m = trigger.match(hay, start - 1)   # a suffix trigger: "cancer-free"
        if m and not _number_sign(r, text, *m.span()):
            found.append(m.span())
            last = m.end()
    return found


def _triggers(r: Rules, text: str, folded: Folded | None, runs: set[str] | None = None) -> tuple[dict, ...]:
    """triggers(text), with `folded` on the lower-cased text when given (ASCII text only; `runs`:
    its letter words, when known)."""
    if folded is not None:
        hay, terminator = text.lower(), folded.terminator
    else:
        hay, terminator = text, r.terminator
    found = _found(r, text, folded, hay, runs)
    out = []
    pseudo_spans, pseudo_rules = (_pseudo_spans, r) if folded is None else (_folded_pseudo_spans, folded)
    for s, e in _undo_double_negations(r, text, found):
        if r.pseudo and any(a <= s < b for a, b in pseudo_spans(
                pseudo_rules, hay, max(0, s - r.pseudo_reach), min(len(text), e + r.pseudo_reach))):
            continue
        key = _key(text[s:e])
        rule, direction, max_tokens = r.trigger_info.get(key, ("neg", "forward", r.max_tokens))
        # the scope is searched in a window of max_tokens words only: criteria can be long
        if direction == "forward":
            stop = len(text)
            for n, word in enumerate(_WORDS.finditer(text, e)):
                if n == max_tokens:
                    stop = word.start()
                    break
            term = terminator.search(hay, e, stop) if terminator else None
            while term is not None and _goes_on(text, hay, term.start()):
                term = terminator.search(hay, term.end(), stop)
            scope = [e, term.start() if term else stop]
            if key in r.clause_words and r.state_terminator is not None:
                scope[1] = _state_end(r, text, e, scope[1])
        else:
            before = [w.start() for w in _WORDS.finditer(text, max(0, s - _CHARS_PER_WORD * max_tokens), s)
                      if w.end() <= s]
            begin = before[-max_tokens] if len(before) > max_tokens else 0
            for term in (terminator.finditer(hay, begin, s) if terminator else ()):
                if not _goes_on(text, hay, term.start()):
                    begin = max(begin, term.end())
            scope = [begin, s]
        # a state ("unable to") negates the criterion only through what it names: an entity,
        # or a language ("Unable to speak English", as "Non-English speaking")
        criterion = key not in r.non_criterion_words or (
            key in r.state_words and r.language is not None and r.language.search(text, *scope) is not None)
        out.append({"text": text[s:e], "span": [s, e], "rule": rule, "direction": direction,
                    "scope": scope, "criterion": criterion, "state": key in r.state_words,
                    "bounded": key in r.bounded_words})
    return tuple(out)


def _state_end(r: Rules, text: str, start: int, end: int) -> int:
    """Where the scope `start`..`end` of a state trigger that a verb follows ('clause' in the rule
    file: "unable to", "cannot", "not willing to") ends: at a state terminator (a comma), unless
    a series of the state's own words goes on after it. Such a state names what the person
    cannot or will not do, in its own clause; after a comma a list goes on with other things
    ("not willing to participate, with co-morbidities, pregnant and lactating women" names the
    co-morbidities, "unable to cooperate, suffering from mental illness" the illness). A series
    goes on where "to" or a single word before a series word ("or", "and", another comma) follows
    the comma: "Unable to swallow, absorb or tolerate oral medication", "Inability to
    understand, to read or to write the French language". A lack ("lack of", "none") names a
    list of things lacking and keeps its scope ("Lack of diabetes, kidney, liver and skin disease")."""
    cut = r.state_terminator.search(text, start, end)
    while cut is not None:
        words = _WORDS.findall(text, cut.end(), end)[:2]
        first = words[0].lower() if words else ""
        second = words[1].lower() if len(words) > 1 else ""
        if not (first in r.state_series or (first.rstrip(",") != first and first != ",")
                or second == "," or (second.rstrip(",") in r.state_series and second)):
            return cut.start()
        cut = r.state_terminator.search(text, cut.end(), end)
    return end


_SPACES = re.compile(r"\s*")   # (a line break too: registries wrap their lines mid-sentence)


def _undo_double_negations(r: Rules, text: str, found: list) -> list:
    """`found` without the pairs of a state trigger and a stopping one right after it ("Unable or
    unwilling to discontinue antidepressant medication", "unable to abstain from alcohol"): not
    being able to stop something is going on with it, so the two cancel and negate nothing."""
    if len(found) < 2 or not r.stop_words:
        return found
    out, i = [], 0
    while i < len(found):
        if i + 1 < len(found) and _SPACES.fullmatch(text, found[i][1], found[i + 1][0]) \
                and _key(text[found[i][0]:found[i][1]]) in r.state_words \
                and _key(text[found[i + 1][0]:found[i + 1][1]]) in r.stop_words:
            i += 2
            continue
        out.append(found[i])
        i += 1
    return out


# a full stop and a number after a number sign ("No.103", "No. 2"), blanks allowed on one line
_NUMBERED = re.compile(r"\.[^\S\n\r]*\d")


def _number_sign(r: Rules, text: str, start: int, end: int) -> bool:
    return _NUMBERED.match(text, end) is not None and _key(text[start:end]) in r.number_signs


def number_sign(text: str, start: int, end: int) -> bool:
    """Whether the trigger at `start`..`end` abbreviates "number" ("the National Health Office
    [2020] No.103", "Protocol No. 2"): models/assertion.json 'number_signs', before a full stop
    and a number. It negates nothing (models/negation.json's opening cue neither)."""
    return _number_sign(rules(), text, start, end)


# A bracket holding one short word ("(MI)", "(CBD)", "(prednisone)") names again what stands
# before it: it does not end a scope as a bracketed clause does ("No steroids (prednisone allowed)").
_ASIDE_OPEN = re.compile(r"\([^\s()\[\]]{1,20}\)")
_ASIDE_CLOSE = re.compile(r"\([^\s()\[\]]{1,20}\Z")


# An unindented line this long or longer before a line break in lower case is a wrapped one (a
# fixed-width export's lines run to 75-95 characters): shorter lines, one statement each in lower
# case ("inability to communicate pain scores or need for analgesia\nacute hip fracture"), are
# no sentence going on, and a scope stops at their end.
_SCOPE_WRAP_WIDTH = 75
# an indented line after one that ends with no stop, whatever its first word's case ("suggesting
# no\n     EGFR-sensitive mutation"): inside one criterion, the sentence going on
_INDENTED_LINE = re.compile(r"\n[ \t]{2,}[^\W_]")


def _goes_on(text: str, hay: str, at: int) -> bool:
    """Whether the terminator at `at` ends no scope: the bracket of a one-word aside, or a line
    break that wraps a sentence (legacy ClinicalTrials.gov XML and other exports hard-wrap
    their lines: "pregnant, nursing, or not\n     using contraception" reads as on one line)."""
    return _aside(hay, at) or text[at] == "\n" and (
        _wrapped(text, at, _SCOPE_WRAP_WIDTH)
        or at > 0 and text[at - 1] not in ".;:!?" and _INDENTED_LINE.match(text, at) is not None)


def _aside(text: str, at: int) -> bool:
    """Whether the terminator at `at` is a bracket of such a one-word aside."""
    ch = text[at]
    if ch == "(":
        return _ASIDE_OPEN.match(text, at) is not None
    if ch == ")":
        return _ASIDE_CLOSE.search(text, max(0, at - 21), at) is not None
    return False


def _first_words(patterns: list[str]) -> frozenset | None:
    """The lower-cased first word of every pattern, or None unless each starts with an ASCII
    word (whose case-free matches lower() finds, see _pseudo_spans)."""
    firsts = [_WORD_CHARS.match(p.lower()) for p in patterns]
    if not all(m and m.group().isascii() for m in firsts):
        return None
    return frozenset(m.group() for m in firsts)


# The characters other than ASCII letters that a case-free pattern matches to an ASCII letter
# ("ı" to i, "ſ" to s...): lower() does not turn them into that letter.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def _pseudo_spans(r: Rules, text: str, lo: int, hi: int):
    """The spans `r.pseudo.finditer(text, lo, hi)` gives, with the alternation tried only where
    a pseudo-trigger's first word stands: every one starts with a letter after no word
    character, so a match can start nowhere else. Scanning every position of the window with
    the whole case-free alternation cost more than all the triggers."""
    if r.pseudo_first is None or _FOLDS_TO_ASCII.search(text, lo, hi):
        yield from (m.span() for m in r.pseudo.finditer(text, lo, hi))
        return
    last = lo
    for word in _WORD_CHARS.finditer(text, lo, hi):
        if word.start() < last or word.group().lower() not in r.pseudo_first:
            continue
        m = r.pseudo.match(text, word.start(), hi)
        if m:
            yield m.span()
            last = m.end()


def _folded_pseudo_spans(f: Folded, low: str, lo: int, hi: int):
    """_pseudo_spans on lower-cased ASCII text, with the folded alternations."""
    if f.pseudo_first is None:
        yield from (m.span() for m in f.pseudo.finditer(low, lo, hi))
        return
    last = lo
    for word in f.pseudo_first.finditer(low, lo, hi):
        if word.start() < last:
            continue
        m = _folded_pseudo_of(word.group()).match(low, word.start(), hi)
        if m:
            yield m.span()
            last = m.end()


@lru_cache(maxsize=None)
def _folded_pseudo_of(word: str) -> re.Pattern:
    """Folded.pseudo over the pseudo-triggers whose first word is `word`, in the same order:
    where the text's run of a-z is `word` no other one can match (each goes on after its first
    word with no letter), and the whole alternation cost some 3 µs a word."""
    phrases = [p["pattern"] for p in load("assertion")["pseudo"]]
    return _alternation([p for p in phrases if _WORD_CHARS.match(p.lower()).group() == word], folded=True)


def covering_cues(span, found: list[dict]) -> list[dict]:
    """The triggers of `found` that lie inside the entity at `span` or whose scope covers it.
    A trigger with a scope of its own ("non-" reaches its own word) negates an entity only when
    the entity ends inside that scope: "non-verbal cognitive deficits", "non-emergent cardiac
    surgery" and "an approved or non-approved product" name deficits, a surgery and a product,
    which are there; "non-smoker" and the "smoker" of "non-smoker" are negated."""
    es, ee = span
    out = []
    for t in found:
        ts, te = t["span"]
        a, b = t["scope"]
        if t["bounded"] and ee > b:
            continue
        if es <= ts and te <= ee:
            if ts == es and t["state"]:
                continue  # "Inability to walk" tagged whole names the state, which is present
            out.append(t)
        elif t["direction"] == "forward" and a <= es < b or t["direction"] == "backward" and a < ee <= b:
            out.append(t)
    return out


def negating_cue(span, found: list[dict]) -> dict | None:
    """The trigger of `found` that negates the entity at `span`: the first one inside it, else
    the nearest one whose scope covers it. Two triggers can cover one entity ("no pregnancy and
    no breastfeeding", "unable to ... and thus unable to complete X"): the nearest is the one
    that governs it, as in ConText, and leaves the farther one to the entities nearer to it."""
    es, ee = span
    best, gap = None, None
    for t in covering_cues(span, found):
        ts, te = t["span"]
        if es <= ts and te <= ee:
            return t
        d = es - te if t["direction"] == "forward" else ts - ee
        if gap is None or d < gap:
            best, gap = t, d
    return best


def is_result_word(cue_text: str) -> bool:
    """'negative' in "negative pregnancy test" states the required result: not a negation."""
    return _key(cue_text) in rules().result_words


def opening_only(cue_text: str) -> bool:
    """True for a prefix that makes a kind of what follows ("non-prescription drug", "non-emergent
    surgery"): it negates the criterion only as its opening cue ("Non-smoker")."""
    return _key(cue_text) in rules().modifier_words


def restates_exclusion(cue_text: str) -> bool:
    """True for a trigger that leaves people out ("excluded", "not permitted"): in an exclusion
    criterion it restates the exclusion, and does not make the criterion require an absence."""
    return _key(cue_text) in rules().restating_words


# What may stand between a named thing and the trigger that qualifies it: blanks on one line.
# A line break is not one: "ECOG 0-1\nNot pregnant" puts two statements on two lines (unless it
# wraps a sentence: _blank_gap).
_BLANKS = re.compile(r"[^\S\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*")


def qualifies(text: str, at: int, ends) -> bool:
    """Whether the trigger starting at `at` qualifies a named thing that stands right before it:
    it is one that models/assertion.json marks 'qualifies' ("without", "not", "outside",
    "precluding"...; a forward one, the schema sees to it), and one of `ends` (where the named things of the text end) is separated
    from it by blanks only. "Seizures not controlled", "Hemoglobin >= 9 g/dL without
    transfusion", "Testicular cancer without germ cell component" require the seizures, the
    level, the cancer: what the trigger negates says how that thing is, and the criterion does
    not require an absence (its entities stay negated). The pipeline (entities.py) and the LCT
    scorer (eval/lct.py) both read a trigger this way, each with its own named things."""
    r = rules()
    m = r.trigger.match(text, at)
    if m is None or _key(m.group()) not in r.qualifier_words:
        return False
    return any(end <= at and _blank_gap(text, end, at) for end in ends)


def _blank_gap(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is blanks on one line, or blanks around a line break that wraps a
    sentence ("Seizures\n     not controlled" is "Seizures not controlled" hard-wrapped)."""
    if _BLANKS.fullmatch(text, start, end):
        return True
    gap = text[start:end]
    return gap.count("\n") == 1 and gap.isspace() and _wrapped(text, start + gap.index("\n"), _SCOPE_WRAP_WIDTH)


def never_negates_criterion(cue_text: str) -> bool:
    """True for a trigger that says what a named thing keeps from happening, or what it is for
    ("Kidney injury that would preclude administration of valsartan", "medications intended to
    prevent COVID-19"): it negates what it reaches, and the criterion names the thing."""
    return _key(cue_text) in rules().never_words


_WORD_CHAR = re.compile(r"\w")
_SENTENCE_END = re.compile(r"[.;!?]\s*\Z")   # right before a case that opens a sentence


def note_start(text: str) -> int | None:
    """Where a note that follows what the criterion states opens ("QTcF >470 msec. Note that
    participants with implanted pacemakers may enter study without meeting QTc criteria", "...
    (Note: No HBV testing is required)"), or None: models/assertion.json 'notes'. What follows
    explains the criterion or allows something; it states no requirement of its own. A note
    that opens the criterion ("Note that female not of childbearing potential is defined as")
    is the criterion itself: no word stands before it."""
    r = rules()
    found = []
    # (on ASCII text, each alternation is scanned only where one of its phrases' longest parts
    # stands in the lower-cased text: most criteria hold no note, and no "if")
    low = text.lower() if text.isascii() else None
    if r.note is not None and (low is None or any(k in low for k in _phrase_keys("notes"))):
        found += [m.start() for m in r.note.finditer(text) if _WORD_CHAR.search(text, 0, m.start())]
    if r.case is not None and (low is None or any(k in low for k in _phrase_keys("cases"))):
        # a case ("If there is no fever, cough ... may be used", "If a subject lacks capacity to
        # consent, ...") says what is done in it: a note when it opens a sentence after the
        # statement, a condition of the statement elsewhere ("Men, if not sterilised, must ...")
        found += [m.start() for m in r.case.finditer(text)
                  if _WORD_CHAR.search(text, 0, m.start()) and _SENTENCE_END.search(text, max(0, m.start() - 50), m.start())]
    return min(found, default=None)


@lru_cache(maxsize=None)
def _phrase_keys(kind: str) -> tuple[str, ...]:
    """The longest part between spaces of each lower-cased phrase of models/assertion.json
    `kind`: a case-free match of the phrase on ASCII text holds it as written in the lower-cased
    text (_regex matches a phrase's parts literally, with whitespace between them)."""
    phrases = load("assertion").get(kind, ())
    if not all(p.strip() and p.isascii() for p in phrases):
        return ("",)  # (a blank phrase, or one a case fold may bring to ASCII: always scanned)
    return tuple(sorted({max(p.lower().split(), key=len) for p in phrases}))


_CUE_REACH = 40   # characters a trigger holding a cue may start before it ("are not eligible")


def rule_words(text: str, start: int, end: int) -> str:
    """The words by which these rules read a cue at `start`..`end` of `text` (a corpus's gold
    cue): the trigger that holds or overlaps it ("not" of "would not permit": "not permit";
    "not" of "are not eligible": "are not eligible"), else the cue's own words. A scorer reads a
    gold cue by them as the pipeline reads its own (never_negates_criterion, restates_exclusion)."""
    lo = max(0, start - _CUE_REACH)
    lo = text.rfind(" ", 0, lo) + 1 if lo else 0      # (from a word's start)
    hi = min(len(text), end + _CUE_REACH)
    for t in triggers(text[lo:hi]):
        ts, te = t["span"]
        if ts + lo < end and start < te + lo:
            return t["text"]
    return text[start:end]


def negates_criterion(cue_text: str) -> bool:
    """False for a result word, for a trigger that names a state ("unable to", "refuses") and for
    one that never negates a criterion ("preclude")."""
    key = _key(cue_text)
    r = rules()
    return key not in r.result_words and key not in r.state_words and key not in r.never_words
