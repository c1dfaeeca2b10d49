"""Instructions in one text: parts and drugs found by lexicon.py's patterns, put together.

Within one sentence each part belongs to a drug: a route, dose level or dose written just before
the drug ("low-dose oral dexamethasone", "25 mg of lenalidomide"), every other part to the
nearest drug before it, as long as the parts follow each other closely. A part of a kind the
instruction already has starts a new instruction for the same drug ("on days 1-4, 9-12 in months
7, 9 and on days 1-4 in months 8, 10"), which keeps the drug's route, dose level, dose,
frequency and cycle. A drug given "with" another over a stated time shares that time frame.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from . import lexicon, parse
from .text import Sentence, sentences

# Kinds a split instruction keeps from the one before it (the rest say when, and are its own).
INHERITED = ("route", "level", "dose", "frequency", "cycle", "infusion")
TIME_FRAME = ("duration", "months", "weeks", "cycles")
PRE_KINDS = ("route", "level", "dose")
# Kinds that make a drug mention an instruction by themselves.
SCHEDULE_KINDS = ("dose", "frequency", "days", "cycle", "cycles", "months", "weeks", "infusion")
FIELDS = ("dose", "units", "level", "route", "frequency", "days", "cycle", "cycles", "duration", "months", "weeks",
          "infusion")
# Parts of one instruction follow each other closely ("was administered orally at a dose of").
MAX_GAP = 50
MAX_GAP_WORDS = 5
# What follows these is about another drug ("Etoposide With Daily Mitotane").
_NEW_CLAUSE = re.compile(r"\b(?:with|plus|versus|vs|compared|or)\b", re.I)
NEAR = 250
_PRE_GAP = re.compile(r"[\s,-]*(?:of\s+)?(?:the\s+)?", re.I)
_WITH = re.compile(r"\b(?:with|plus|together with|along with|in combination with|combined with)\W*$", re.I)
_AND = re.compile(r"^[\s,]*(?:and|plus|with|,)\s*$", re.I)
_ROMAN = re.compile(r"\b(?:I{1,3}|IV|V|VI{0,3})\s*(?:or|and|to|-|–|/|,)\s*$")
_NOT_ROUTE_BEFORE = re.compile(r"\b(?:stage|grade|class|type|phase|level|nyha|cycle|arm|part|section|group|"
                               r"cohort|factor|gleason|figo|tnm|who)\s*$", re.I)
_INLINE_IF = re.compile(r"(?:if|when|in case|for patients (?:with|who)|in patients (?:with|who))\s+"
                        r"(?P<c>[^,;]{3,160}?)\s*,", re.I)
_INLINE_WHO = re.compile(r"(?P<c>(?:patients|participants|subjects)\s+(?:who|with|whose|achieving|that)\s+"
                         r"[^,;]{3,160}?)\s+(?:will\s+|may\s+|then\s+)?(?:continue|receive|proceed|go on|be given|"
                         r"are given|start)", re.I)
_DRUG_TYPES = {"DRUG", "BIOLOGICAL", "DIETARY_SUPPLEMENT", "COMBINATION_PRODUCT", "GENETIC", "RADIATION"}
_TOKENS = re.compile(r"[a-z0-9]+")


@dataclass
class Part:
    kind: str
    start: int
    end: int


@dataclass
class Mention:
    start: int
    end: int
    rule: str


@dataclass
class Entry:
    drug: Mention
    parts: dict[str, Part] = field(default_factory=dict)
    explicit: set[str] = field(default_factory=set)
    shared: set[str] = field(default_factory=set)
    rules: list[str] = field(default_factory=list)


def find_schedules(text: str, eligibility: list[tuple[int, int]],
                   interventions: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    windows = _triggers(text)
    if not windows:
        return []
    names = _intervention_names(tuple(_drug_interventions(interventions)))
    out: list[dict[str, Any]] = []
    starts = [w[0] for w in windows]
    for sent in sentences(text, eligibility, windows):
        # A drug is looked for near the places that made the sentence worth reading.
        lo, hi = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
        mentions = [d for s, e in _merge([(max(sent.start, w[0] - NEAR), min(sent.end, w[1] + NEAR))
                                          for w in windows[lo:hi]])
                    for d in _drugs(text, s, e, names)]
        if not mentions:
            continue
        here = [p for s, e in _near(mentions, sent) for p in _parts(text, s, e)
                if p.kind != "route" or _route_ok(text, p)]
        if not any(p.kind in SCHEDULE_KINDS or p.kind == "duration" for p in here):
            continue
        for entry in _assemble(text, sent, mentions, here):
            out.append(_to_dict(text, sent, entry, interventions or []))
    for i, entry in enumerate(out):
        entry["id"] = f"s{i + 1}"
    return out


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in ranges:
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _near(mentions: list[Mention], sent: Sentence) -> list[tuple[int, int]]:
    """The stretches of a sentence where a drug's parts can be: parts come just before a drug
    or follow it closely, so a long sentence (a table row, a run-on page) is read only there."""
    out: list[tuple[int, int]] = []
    for d in mentions:
        s, e = max(sent.start, d.start - 80), min(sent.end, d.end + 400)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _triggers(text: str) -> list[tuple[int, int]]:
    """Places worth reading: the stage's cost over a document with no instruction is a few
    fast scans, not the full patterns (see lexicon.TRIGGER_WORDS)."""
    found = [(m.start(), m.end()) for m in lexicon.trigger_regex().finditer(text)]
    lower = text.lower()
    for word in lexicon.TRIGGER_WORDS:
        at = lower.find(word)
        while at >= 0:
            found.append((at, at + len(word)))
            at = lower.find(word, at + len(word))
    return sorted(found)


def _parts(text: str, start: int, end: int) -> list[Part]:
    out = []
    for m in lexicon.parts_regex().finditer(text, start, end):
        out.append(Part(m.lastgroup, m.start(), m.end()))
    return out


def _route_ok(text: str, p: Part) -> bool:
    written = text[p.start:p.end]
    if written.upper() in ("IV", "I.V.", "IM", "SC", "PO", "IP", "SQ"):
        before = text[max(0, p.start - 24):p.start]
        if _NOT_ROUTE_BEFORE.search(before) or _ROMAN.search(before):
            return False
        if p.end < len(text) and text[p.end] in "-/":  # "IV-A", "SC/IP": a label, not a route
            return False
    return True


# -- drugs ------------------------------------------------------------------------------------
def _drug_interventions(interventions) -> list[str]:
    out = []
    for iv in interventions or []:
        name = (iv.get("name") or "").strip()
        kind = (iv.get("type") or "DRUG").upper().replace(" ", "_")
        if name and kind in _DRUG_TYPES and len(name) >= 3:
            out.append(name)
    return out


def _intervention_names(names: tuple[str, ...]) -> dict[str, list[str]]:
    """The interventions' names (and a long first word of a longer name) as drug names, in
    lower case, by their first word (so that a word of the text is looked up, not searched for)."""
    forms = set()
    stop = lexicon.not_drugs()
    for name in names:
        bare = re.sub(r"\s*[\(\[].*$", "", name).strip()
        for form in (name, bare):
            if len(form) >= 3 and form[0].isalpha():
                forms.add(form.lower())
        first = re.match(r"[A-Za-z][A-Za-z-]{4,}", bare)
        if first and first.group(0).lower() not in stop:
            forms.add(first.group(0).lower())
    out: dict[str, list[str]] = {}
    for form in sorted(forms, key=lambda f: (-len(f), f)):
        head = lexicon.WORD.match(form)
        if head:
            out.setdefault(head.group(0).split("-")[0], []).append(form)
    return out


def _drugs(text: str, start: int, end: int, names: dict[str, list[str]]) -> list[Mention]:
    found: list[Mention] = []
    stop, prefixes = lexicon.not_drugs(), lexicon.code_prefixes()
    names_, stems = lexicon.drug_names(), lexicon.drug_stems()
    for m in lexicon.WORD.finditer(text, start, end):
        word, w_end = m.group(0), m.end()
        low = word.lower()
        named = _named(text, m.start(), end, names.get(low.split("-")[0], ()))
        if named:
            found.append(Mention(m.start(), named, "drug.intervention"))
            continue
        if "-" in low and low not in names_ and not lexicon.CODE_NAME.fullmatch(word):
            # "octreotide-LAR": the name is the first piece; "placebo-controlled" names no drug
            rest = word.split("-", 1)[1]
            if rest.isalpha() and rest.islower():
                continue
            low = low.split("-", 1)[0]
            word, w_end = word[:len(low)], m.start() + len(low)
        if low in names_:
            rule = "drug.lexicon"
        elif len(low) >= 5 and low.endswith(stems) and low not in stop and low.isalpha():
            rule = "drug.stem"
        elif lexicon.CODE_NAME.fullmatch(word) and re.match(r"[A-Z]+", word).group(0) not in prefixes:
            rule = "drug.code"
        else:
            continue
        found.append(Mention(m.start(), w_end, rule))
    found.sort(key=lambda d: (d.start, -d.end))
    merged: list[Mention] = []
    for d in found:
        if merged and d.start < merged[-1].end:
            continue  # the longer (or earlier) name holds this one
        merged.append(d)
    salt = lexicon.salt_regex()
    for d in merged:
        while (m := salt.match(text, d.end, end)):
            d.end = m.end()
    # "fluticasone furoate/vilanterol", "Sofosbuvir/Ledipasvir": one combination, one mention
    out: list[Mention] = []
    for d in merged:
        if out and re.fullmatch(r"\s*/\s*|\s*\+\s*", text[out[-1].end:d.start]):
            out[-1].end = d.end
            continue
        out.append(d)
    return out


def _named(text: str, at: int, end: int, forms) -> int | None:
    """The end of the longest intervention name written at `at`, or None."""
    for form in forms:
        stop = at + len(form)
        if stop <= end and text[at:stop].lower() == form and (stop == len(text) or not
                                                               (text[stop].isalnum() or text[stop] == "-")):
            return stop
    return None


def _intervention(name: str, interventions: list[dict[str, Any]]) -> dict[str, Any] | None:
    want = _TOKENS.findall(name.lower())
    best = None
    for i, iv in enumerate(interventions):
        have = _TOKENS.findall((iv.get("name") or "").lower())
        if not have:
            continue
        if have == want:
            return {"index": i, "name": iv.get("name")}
        if best is None and (_contains(have, want) or _contains(want, have)
                             or (len(want[0]) >= 4 and want[0] == have[0])):
            best = {"index": i, "name": iv.get("name")}
    return best


def _contains(seq: list[str], sub: list[str]) -> bool:
    n = len(sub)
    return n > 0 and any(seq[i:i + n] == sub for i in range(len(seq) - n + 1))


# -- putting parts together -------------------------------------------------------------------
def _assemble(text: str, sent: Sentence, mentions: list[Mention], parts: list[Part]) -> list[Entry]:
    parts = [p for p in parts if not any(p.start < d.end and d.start < p.end for d in mentions)]
    # Parts written just before a drug belong to it.
    pre: dict[int, list[Part]] = {}
    taken: set[int] = set()
    for di, d in enumerate(mentions):
        edge, chain = d.start, []
        for pi in range(len(parts) - 1, -1, -1):
            p = parts[pi]
            if p.end > edge:
                continue
            if p.kind not in PRE_KINDS or pi in taken or _PRE_GAP.fullmatch(text, p.end, edge) is None:
                break
            chain.append(pi)
            edge = p.start
        taken.update(chain)
        pre[di] = [parts[pi] for pi in reversed(chain)]
    entries: list[Entry] = []
    by_drug: list[list[Entry]] = []
    for di, d in enumerate(mentions):
        limit = mentions[di + 1].start if di + 1 < len(mentions) else sent.end
        if di + 1 < len(mentions) and pre.get(di + 1):
            limit = pre[di + 1][0].start
        tail, edge = [], d.end
        for pi, p in enumerate(parts):
            if pi in taken or p.start < d.end or p.start >= limit:
                continue
            gap = text[edge:p.start]
            if len(gap) > MAX_GAP or ";" in gap or len(gap.split()) > MAX_GAP_WORDS or _NEW_CLAUSE.search(gap):
                break
            tail.append(p)
            edge = p.end
        mine = _entries_of(text, d, pre[di], tail)
        for e in mine:
            e.rules.insert(0, d.rule)
        by_drug.append(mine)
        entries.extend(mine)
    _share_time_frames(text, mentions, pre, by_drug)
    return [e for e in entries if _is_instruction(text, sent, e)]


_EVERY = re.compile(r"every\s+\S+\s*(?:days?|weeks?|wks?)|q\s?\d{1,2}\s?(?:d|days|w|wk|wks|weeks)", re.I)


def _entries_of(text: str, drug: Mention, pre: list[Part], tail: list[Part]) -> list[Entry]:
    cur = Entry(drug)
    out = [cur]
    for p in pre + tail:
        if (p.kind == "frequency" and "days" in cur.explicit and "cycle" not in cur.parts
                and _EVERY.fullmatch(text, p.start, p.end)):
            # "daily on days 1-21 every 28 days": with days of a cycle, "every N days" is how
            # often the cycle comes round, not how often the drug is given.
            p = Part("cycle", p.start, p.end)
            cur.rules.append("cycle.every")
        if p.kind == "dose" and "dose" in cur.explicit and _count_after_strength(text, cur.parts["dose"], p):
            # "90 mg, tablet, orally, 1 tablet ...": the tablets that make up one dose of the
            # strength before, not another instruction.
            p = Part("units", p.start, p.end)
            cur.rules.append("dose.units")
        if p.kind in cur.explicit:
            nxt = Entry(drug)
            for kind in INHERITED:
                if kind in cur.parts and kind != p.kind:
                    nxt.parts[kind] = cur.parts[kind]
            nxt.rules.append("split.repeat")
            cur = nxt
            out.append(cur)
        cur.parts[p.kind] = p
        cur.explicit.add(p.kind)
    return out


def _count_after_strength(text: str, strength: Part, count: Part) -> bool:
    """Whether `count` is a number of dose units (tablets, capsules, puffs) and the dose before
    it a strength (a mass or an amount per body size)."""
    first = parse.resolve("dose", text[strength.start:strength.end])
    second = parse.resolve("dose", text[count.start:count.end])
    if not first or not second:
        return False
    return second["unit"]["ucum"].startswith("{") and not first["unit"]["ucum"].startswith("{")


def _share_time_frames(text: str, mentions: list[Mention], pre: dict[int, list[Part]],
                       by_drug: list[list[Entry]]) -> None:
    """ "X once weekly for 6 months with Y once daily": Y for 6 months too; "X and Y once daily for
    6 months": X for 6 months too."""
    for di, mine in enumerate(by_drug):
        for e in mine:
            if any(k in e.parts for k in TIME_FRAME):
                continue
            start = pre[di][0].start if pre[di] else mentions[di].start
            if di > 0 and by_drug[di - 1]:
                prev = by_drug[di - 1][-1]
                prev_end = max([prev.drug.end] + [p.end for p in prev.parts.values()])
                if _WITH.search(text, prev_end, start) and any(k in prev.parts for k in TIME_FRAME):
                    _copy(e, prev, "share.with")
                    continue
            own_tail = [k for k in e.explicit if e.parts[k].start > e.drug.end]
            if not own_tail and di + 1 < len(by_drug) and by_drug[di + 1]:
                nxt = by_drug[di + 1][0]
                end = max([e.drug.end] + [p.end for p in e.parts.values()])
                nxt_start = pre[di + 1][0].start if pre[di + 1] else mentions[di + 1].start
                if _AND.fullmatch(text[end:nxt_start]) and any(k in nxt.parts for k in TIME_FRAME):
                    _copy(e, nxt, "share.and")


def _copy(e: Entry, other: Entry, rule: str) -> None:
    for k in TIME_FRAME:
        if k in other.parts and k not in e.parts:
            e.parts[k] = other.parts[k]
            e.shared.add(k)
    e.rules.append(rule)


def _is_instruction(text: str, sent: Sentence, e: Entry) -> bool:
    kinds = set(e.parts)
    sentence = text[sent.start:sent.end]
    if not (kinds & set(SCHEDULE_KINDS) or "route" in kinds and "duration" in kinds
            or "duration" in kinds and lexicon.admin_cues().search(sentence)):
        return False
    for kind in ("dose", "frequency"):
        p = e.parts.get(kind)
        if p is None or kind in e.shared:
            continue
        if lexicon.threshold_before().search(text, max(sent.start, p.start - 40), p.start):
            return False
        if kind == "dose" and lexicon.threshold_after().match(text, p.end, min(sent.end, p.end + 40)):
            return False
    if sent.in_criteria:
        # Inside the criteria a dose is a threshold unless the sentence plainly tells what
        # patients will be given.
        cue = lexicon.instruction_cues().search(text, sent.start, e.drug.start)
        if cue is None or len(e.explicit) < 2 or re.search(r"equivalent", sentence, re.I):
            return False
    return True


# -- the record's form ------------------------------------------------------------------------
def _to_dict(text: str, sent: Sentence, e: Entry, interventions: list[dict[str, Any]]) -> dict[str, Any]:
    # A split instruction's span is what it says itself; the first one's holds the drug.
    own = [x for k, p in e.parts.items() if k in e.explicit for x in (p.start, p.end)]
    if "split.repeat" not in e.rules or not own:
        own += [e.drug.start, e.drug.end]
    start, end = min(own), max(own)
    drug_text = text[e.drug.start:e.drug.end]
    rules = list(e.rules)
    entry: dict[str, Any] = {
        "id": "",
        "text": text[start:end],
        "span": [start, end],
        "drug": {"text": drug_text, "span": [e.drug.start, e.drug.end], "name": " ".join(drug_text.lower().split())},
        "intervention": _intervention(drug_text, interventions),
    }
    _days_cycle(text, e)
    for kind in FIELDS:
        p = e.parts.get(kind)
        value = None
        if p is not None:
            fields = parse.resolve(kind, text[p.start:p.end])
            if fields is not None:
                rule = fields.pop("rule", None)
                if rule:
                    rules.append(rule)
                value = {"text": text[p.start:p.end], "span": [p.start, p.end], **fields}
                if kind not in e.explicit:
                    value["shared"] = True
        entry[kind] = value
    entry.update(_branch(text, sent))
    entry["in_criteria"] = sent.in_criteria
    if entry["condition"] is not None:
        rules.append(entry.pop("_condition_rule"))
    else:
        entry.pop("_condition_rule", None)
    entry["rules"] = rules
    return entry


def _days_cycle(text: str, e: Entry) -> None:
    """ "on days 1 and 8 every 3 weeks": with days of a cycle, "every N days/weeks" is how
    often the cycle comes round, not how often the drug is given."""
    f = e.parts.get("frequency")
    if f is None or "days" not in e.parts or "cycle" in e.parts or "frequency" in e.shared:
        return
    written = text[f.start:f.end]
    if _EVERY.fullmatch(written):
        e.parts["cycle"] = Part("cycle", f.start, f.end)
        del e.parts["frequency"]
        e.rules.append("cycle.every")


def _branch(text: str, sent: Sentence) -> dict[str, Any]:
    """The condition that selects this branch, and a label that names a phase or an arm."""
    out: dict[str, Any] = {"condition": None, "label": None}
    cues = lexicon.condition_cues()
    for rx, rule in ((_INLINE_IF, "condition.if"), (_INLINE_WHO, "condition.who")):
        m = rx.match(text, sent.start, sent.end)
        if m and cues.search(m.group("c")):
            out["condition"] = {"text": m.group("c"), "span": [m.start("c"), m.end("c")]}
            out["_condition_rule"] = rule
            break
    if sent.label is not None:
        ls, le = sent.label.start, sent.label.end
        label = text[ls:le]
        if out["condition"] is None and cues.search(label):
            out["condition"] = {"text": label, "span": [ls, le]}
            out["_condition_rule"] = "condition.label"
        else:
            for rx, kind in lexicon.label_kinds():
                if rx.search(label):
                    out["label"] = {"text": label, "span": [ls, le], "kind": kind}
                    break
    return out
