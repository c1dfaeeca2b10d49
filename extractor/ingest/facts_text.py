"""Study facts from page text (plain text, and HTML as rendered), each with the span it came from.

Registry, sponsor and hospital pages print facts in a few layouts, whatever the site:
- inline: "Sex: Any", "Trial Phase: Phase 2", "Sponsor: Memorial Sloan Kettering Cancer Center";
- below: a label line, then the value on the next non-blank line ("Enrollment" / "55 patients"),
  or a block of values, one a line ("Identifiers" / "NCT00635154" / "P30CA015083 (U.S. NIH
  Grant/Contract)"), or, for a place or a person, the lines of that shape within a few lines;
- above: a person's name, then their role ("Alexander Lesokhin, MD" / "Principal Investigator");
- a line that is a value on its own: "108 Participants Needed", "Recruiting at 6 trial
  locations", a status ("Closed for enrollment") or a phase alone on a line.
Only such lines are read: a phase named in running prose ("This phase II trial...") is not a
fact about the record. The labels, value lines and vocabularies are data (models/page_facts.json).

Every fact found is also listed in `study["facts"]` as {"field", "value", "text", "span"}: the
`study` field it fills (one entry per item of a list field), the value as it stands there, and
the text it was read from with its span in the document text (`text == document.text[span]`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import facts
from .facts_cues import Cues, Label, cues

_ID_PATTERNS = [("NCT", r"\bNCT\d{8}\b"), ("EudraCT", r"\b(?:19|20)\d{2}-\d{6}-\d{2}\b"),
                ("ChiCTR", r"\bChiCTR[-A-Z]*\d{6,}\b"), ("ISRCTN", r"\bISRCTN\d{8}\b"), ("DRKS", r"\bDRKS\d{8}\b")]
_PHASE_VALUE = re.compile(r"(?:Early\s+)?Phase\s*(?:[0-4]|I{1,3}V?|IV)(?:\s*(?:/|and|,)\s*(?:Phase\s*)?(?:[0-4]|I{1,3}V?|IV))*", re.I)
_MARKER = re.compile(r"(?:[-*•·▪◦]|\(?(?:\d{1,3}|[a-zA-Z])[.)])\s")
_FIELD_LINE = re.compile(r"[\w-]+:\s")           # "Date: Mon, 07 Jan 2019": a header field, not a title
_LISTS = ("conditions", "interventions", "identifiers", "investigators", "sites")


@dataclass(frozen=True)
class Line:
    start: int          # of the stripped line in the text
    text: str           # the line without surrounding spaces

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def lines_of(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        lead = len(raw) - len(raw.lstrip())
        out.append(Line(pos + lead, raw.strip()))
        pos += len(raw) + 1
    return out


class Found:
    """Study facts and, for each, where it was read."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.study: dict[str, Any] = {}
        self.facts: list[dict[str, Any]] = []

    def add(self, field: str, value: Any, start: int, end: int) -> None:
        if value in (None, [], ""):
            return
        if field in _LISTS:
            items = self.study.setdefault(field, [])
            if value in items or (field == "identifiers" and any(i["value"] == value["value"] for i in items)):
                return
            items.append(value)
        elif field in self.study:
            return
        else:
            self.study[field] = value
        self.facts.append({"field": field, "value": value, "text": self.text[start:end], "span": [start, end]})


# ---- labels -------------------------------------------------------------------------------------

def _label_only(c: Cues, line: str) -> Label | None:
    """The label a line consists of ("Enrollment", "Conditions:"), if any."""
    bare = line.rstrip(":").strip()
    return next((lab for lab in c.labels if lab.pattern.fullmatch(bare)), None) if bare else None


def _inline(c: Cues, line: Line) -> tuple[Label, int] | None:
    """(label, offset of the value in the line) for "Label: value"."""
    head, colon, rest = line.text.partition(":")
    if not colon or not rest.strip():
        return None
    # On an item of a bulleted list only the labels that are written there ("- Intervention: ...").
    bullet = _BULLET.match(head)
    bare = head[bullet.end():] if bullet else head
    lab = next((x for x in c.labels if "inline" in x.layouts and (x.bulleted or not bullet)
                and x.pattern.fullmatch(bare.strip())), None)
    if lab is None:
        return None
    return lab, len(head) + 1 + (len(rest) - len(rest.lstrip()))


def _inline_fields(c: Cues, lab: Label, ln: Line, off: int) -> list[tuple[Label, str, Line]]:
    """(label, label text, value line) for each field of an inline line: one, or, after a field
    of a short value, each further "Label: value" whose label the cues know."""
    out: list[tuple[Label, str, Line]] = []
    head = ln.text[:off]
    while True:
        nxt = _next_label(c, ln.text, off) if lab.field in _SHORT_FIELDS else None
        end = nxt[1] if nxt else len(ln.text)
        value = ln.text[off:end].rstrip()
        if value:
            out.append((lab, head, Line(ln.start + off, value)))
        if nxt is None:
            return out
        lab, start, off = nxt
        head = ln.text[start:off]


def _next_label(c: Cues, text: str, off: int) -> tuple[Label, int, int] | None:
    """The first known inline label after `off` with a colon and a value after it: (label, where
    its words start, where its value starts). Of the words before a colon, the longest run that
    is a label counts ("18 Years Maximum Age:" holds "Maximum Age")."""
    for m in _KEY_BEFORE_COLON.finditer(text, off):
        for w in re.finditer(r"[\w/-]+", m.group(1)):
            if m.start(1) + w.start() <= off:     # the value before the label is never empty
                continue
            key = m.group(1)[w.start():]
            lab = next((x for x in c.labels if "inline" in x.layouts and not x.bulleted
                        and x.pattern.fullmatch(key)), None)
            if lab is not None:
                return lab, m.start(1) + w.start(), m.end()
    return None


def _values_below(c: Cues, lab: Label, lines: list[Line], i: int) -> list[Line]:
    out: list[Line] = []
    if lab.field == "title":                    # a title is one line, however long or punctuated
        nxt = next((ln for ln in lines[i + 1:i + 4] if ln.text), None)
        return [nxt] if nxt is not None and _label_only(c, nxt.text) is None else []
    if lab.value is not None:                   # lines of a shape, among the next few
        seen = 0
        for ln in lines[i + 1:]:
            if not ln.text:
                continue
            other = _label_only(c, ln.text)
            if other is not None and other.field != lab.field:
                break
            if lab.value.fullmatch(ln.text):
                out.append(ln)
                if not lab.list:
                    break
            seen += 1
            if seen >= lab.window:
                break
        return out
    j, blanks = i + 1, 0
    while j < len(lines) and not lines[j].text and blanks < 2:
        j, blanks = j + 1, blanks + 1
    while j < len(lines) and lines[j].text and _label_only(c, lines[j].text) is None:
        t = lines[j].text
        if len(t) > _ITEM_MAX or t.endswith((".", ":")) or \
                not re.search(r"[^\W\d_]", t) and not (lab.field == "enrollment" and re.fullmatch(r"\d[\d,]*", t)):
            break                               # prose, a label or a table's numbers: the values have ended
        key = _FIELD_LINE.match(t)
        if key and t[:key.end()].rstrip(": ").lower() not in facts.INTERVENTION_TYPES:
            break                               # "Description: ...": another field, not a value
        out.append(_unbulleted(lines[j]))
        if not lab.list:
            break
        j += 1
    return out


_ITEM_MAX = 150
_ONE_AGE = re.compile(r"(\d+(?:\.\d+)?)(?:\s*([A-Za-z]+)\b)?")
_FIELD_AFTER = re.compile(r"\s[A-Z][\w -]{0,40}:\s")
# Fields whose value is a word or two: on a line that runs several "Label: value" pairs together
# ("Minimum Age: 18 Years Maximum Age: 99 Years Sex: All", an eligibility box flattened to one
# line), their value ends where the next label the cues know begins.
_SHORT_FIELDS = frozenset({"minimum_age", "maximum_age", "ages", "sex", "healthy_volunteers", "phase", "status",
                           "enrollment"})
_KEY_BEFORE_COLON = re.compile(r"(?:^|(?<=\s))((?:[\w/-]+\s+){0,3}[\w/-]+):\s+(?=\S)")
_BULLET = re.compile(r"[-*•·▪◦]\s+")


def _unbulleted(ln: Line) -> Line:
    m = _BULLET.match(ln.text)
    return Line(ln.start + m.end(), ln.text[m.end():]) if m else ln


def _value_above(lab: Label, lines: list[Line], i: int) -> Line | None:
    for ln in reversed(lines[max(0, i - 3):i]):
        if ln.text:
            return ln if lab.value is not None and lab.value.fullmatch(ln.text) else None
    return None


# ---- values -------------------------------------------------------------------------------------

def _ages(value: str) -> tuple[dict | None, dict | None]:
    v = value.lower()
    unit = re.search(r"(years?|yrs?|months?|weeks?|days?)", v)
    u = unit.group(1) if unit else "years"
    m = re.search(r"(\d+(?:\.\d+)?)\s*(?:years?|yrs?|months?|weeks?|days?)?\s*(?:to|-|–|and)\s*(\d+(?:\.\d+)?)", v)
    if m:
        return facts.age(m.group(1), u), facts.age(m.group(2), u)
    m = re.search(r"(\d+(?:\.\d+)?)\s*(?:\+|(?:years?|yrs?|months?)?\s*(?:and|or)\s*(?:older|over|above))", v)
    if m:
        return facts.age(m.group(1), u), None
    m = re.search(r"(?:up to|under|younger than|<=?)\s*(\d+(?:\.\d+)?)", v)
    if m:
        return None, facts.age(m.group(1), u)
    return None, None


def _phase(value: str) -> list[str]:
    found = re.findall(r"(?:early\s+)?phase\s*([0-4]|I{1,3}V?|IV)\b|(?:/|and|,)\s*([0-4]|I{1,3}V?|IV)\b", value, re.I)
    if re.search(r"early\s+phase", value, re.I):
        return ["EARLY_PHASE1"]
    return facts.phases([(a or b).upper() for a, b in found])


def _healthy(value: str) -> bool | None:
    if re.search(r"\bno\b", value, re.I):
        return False
    first = value.split()[0].lower()
    if first in ("yes", "no"):
        return facts.flag(first)
    return True if "accepts" in value.lower() else None


def _identifier(c: Cues, value: str) -> tuple[dict[str, str], int] | None:
    """'P30CA015083 (U.S. NIH Grant/Contract)' -> ({"system": "NIH", "value": "P30CA015083"}, 11)."""
    m = re.fullmatch(r"(\S+)(?:\s*\(([^()]+)\))?", value)
    if not m or not re.search(r"\d", m.group(1)) or "," in m.group(1):
        return None
    ident = facts.identifier(m.group(1))
    if ident["system"] == "other" and m.group(2):
        ident["system"] = c.identifier_types.get(m.group(2).strip().lower(), m.group(2).strip())
    return ident, len(m.group(1))


def _read(f: Found, c: Cues, lab: Label, label_text: str, ln: Line, offset: int = 0) -> None:
    """The value at `ln.text[offset:]` of a field labelled `label_text`."""
    v = ln.text[offset:]
    s, e = ln.start + offset, ln.end
    field = lab.field
    if field == "status_phase":
        if v.lower() in c.statuses:
            f.add("status", facts.status(v), s, e)
        elif _PHASE_VALUE.fullmatch(v):
            f.add("phase", _phase(v), s, e)
    elif field == "phase":
        f.add("phase", _phase(v), s, e)
    elif field == "status":
        if v.lower() in c.statuses:
            f.add("status", facts.status(v), s, e)
    elif field == "enrollment":
        m = re.match(r"\d[\d,]*", v)
        if m:
            f.add("enrollment", facts.integer(m.group(0)), s, s + m.end())
            low = label_text.lower()
            kind = "actual" if "actual" in low else "planned" if re.search(
                r"estimated|target|anticipated|planned|sample size", low) else None
            f.add("enrollment_type", kind, s, s + m.end())
    elif field == "sex":
        sex = facts.sex(v.split("(")[0])
        if sex is None and _FIELD_AFTER.search(v):   # "Sex: All Gender Based: No": the first word
            first = v.split()[0]
            sex, e = facts.sex(first), s + len(first)
        f.add("sex", sex, s, e)
    elif field in ("minimum_age", "maximum_age"):
        m = _ONE_AGE.match(v)                        # "18 Years", "12 Year", "N/A" (no limit: nothing)
        if m:
            f.add(field, facts.age(m.group(1), m.group(2) or "years"), s, s + m.end())
    elif field == "ages":
        if v.endswith(".") and not v.endswith(".."):    # the full stop of a sentence is not the value's
            v, e = v[:-1], e - 1
        low, high = _ages(v)
        f.add("minimum_age", low, s, e)
        f.add("maximum_age", high, s, e)
    elif field == "healthy_volunteers":
        f.add("healthy_volunteers", _healthy(v), s, e)
    elif field == "identifiers" and lab.system:
        # The label says whose id the line is ("Takeda Trial ID"): the whole line, spaces and all.
        if re.search(r"\d", v) and len(v) <= 40 and "," not in v:
            f.add("identifiers", {"system": lab.system, "value": v}, s, e)
    elif field == "identifiers":
        # One id, or several on one line separated by commas ("2006-004028-35, U1111-1115-9194").
        pos = 0
        for piece in re.split(r",\s+", v) if "," in v else [v]:
            at = v.index(piece, pos)
            pos = at + len(piece)
            found = _identifier(c, piece)
            if found:
                f.add("identifiers", found[0], s + at, s + at + found[1])
    elif field == "interventions":
        f.add("interventions", facts.typed_intervention(v), s, e)
    elif field in ("conditions", "investigators", "sites"):
        f.add(field, " ".join(v.split()), s, e)
    elif field == "site_count":
        if lab.value is None or lab.value.fullmatch(v):
            f.add("site_count", facts.integer(v), s, e)
    elif field in ("title", "sponsor", "start_date", "completion_date"):
        if lab.value is None or lab.value.fullmatch(v):
            f.add(field, " ".join(v.split()), s, e)


# ---- the page -----------------------------------------------------------------------------------

def extract(text: str) -> tuple[dict[str, Any], str | None]:
    """(study facts with their `facts` provenance list, document id) found in page text."""
    c = cues()
    lines = lines_of(text)
    f = Found(text)
    taken: set[int] = set()
    for i, ln in enumerate(lines):                  # lines that are a value on their own
        for pat, kind in c.value_lines:
            m = pat.fullmatch(ln.text) if ln.text else None
            if not m:
                continue
            taken.add(i)
            groups = {k: (v, ln.start + m.start(k), ln.start + m.end(k)) for k, v in m.groupdict().items() if v}
            if "enrollment" in groups:
                v, s, e = groups["enrollment"]
                f.add("enrollment", facts.integer(v), s, e)
                f.add("enrollment_type", kind, s, e)
            if "status" in groups:
                v, s, e = groups["status"]
                f.add("status", facts.status(v), s, e)
            if "site_count" in groups:
                v, s, e = groups["site_count"]
                f.add("site_count", facts.integer(v), s, e)
            break
    for i, ln in enumerate(lines):                  # labelled values
        if not ln.text or i in taken:
            continue
        inline = _inline(c, ln)
        if inline is not None:
            lab, off = inline
            for lab, label_text, value in _inline_fields(c, lab, ln, off):
                _read(f, c, lab, label_text, value)
            continue
        lab = _label_only(c, ln.text)
        if lab is None:
            continue
        if "below" in lab.layouts:
            for v in _values_below(c, lab, lines, i):
                _read(f, c, lab, ln.text, v)
        if "above" in lab.layouts:
            v = _value_above(lab, lines, i)
            if v is not None:
                _read(f, c, lab, ln.text, v)
    for ln in lines:                                # a status or a phase alone on a line
        if "status" not in f.study and ln.text.lower() in c.statuses:
            f.add("status", facts.status(ln.text), ln.start, ln.end)
        if "phase" not in f.study and _PHASE_VALUE.fullmatch(ln.text):
            f.add("phase", _phase(ln.text), ln.start, ln.end)
    for system, pat in _ID_PATTERNS:                # registry numbers anywhere on the page
        for m in re.finditer(pat, text):
            f.add("identifiers", {"system": system, "value": m.group(0)}, m.start(), m.end())
    # A page's first line is a trial's title only on a page that states something else about a
    # trial: a news article or a bare description opens with a headline of its own.
    title = title_line(c, lines, taken) if f.study else None
    if title is not None:
        f.add("title", title.text, title.start, title.end)
    study = facts.prune(f.study)
    if f.facts:
        study["facts"] = sorted(f.facts, key=lambda x: (x["span"][0], x["field"]))
    ids = study.get("identifiers") or []
    nct = next((i["value"] for i in ids if i["system"] == "NCT"), None)
    return _ordered(study), nct or (ids[0]["value"] if ids else None)


_ORDER = ["identifiers", "title", "phase", "status", "enrollment", "enrollment_type", "sex", "minimum_age",
          "maximum_age", "healthy_volunteers", "conditions", "interventions", "sponsor", "investigators", "sites",
          "site_count", "start_date", "completion_date", "facts"]


def _ordered(study: dict[str, Any]) -> dict[str, Any]:
    return {k: study[k] for k in _ORDER if k in study}


def title_line(c: Cues, lines: list[Line], taken: set[int]) -> Line | None:
    """The page's title: its first line of words, passing over banners, menus, value lines and
    labelled facts; none when the page opens with a heading ("OBJECTIVES:"), a list, a sentence
    (a line ending with a full stop) or a header field ("Date: ...")."""
    for i, ln in enumerate(lines):
        t = ln.text
        if not t or i in taken or c.furniture.fullmatch(t) or any(p.fullmatch(t) for p, _ in c.brands):
            continue
        if _label_only(c, t) is not None or _inline(c, ln) is not None:
            continue
        if t.endswith((":", ".")) or _MARKER.match(t) or len(t) > 300 or _FIELD_LINE.match(t):
            return None
        if len(t.split()) < 3:
            continue
        return ln
    return None


def site_of(text: str) -> str | None:
    found = site_fact(text)
    return found[0] if found else None


def site_fact(text: str) -> tuple[str, int, int] | None:
    """(site, span of the words that name it): the page's own site, never one it links to.

    In this order: a brand line at the top (a site banner, "ClinicalTrials.Veeva"); a brand's
    page furniture ("Mayo Clinic Footer"); the owner named by a copyright line ("© 2024 MJH Life
    Sciences"), as the brand's domain where it is a known brand, else as written. A domain that
    the text merely mentions ("Data sourced from clinicaltrials.gov") names another site."""
    c = cues()
    lines = [ln for ln in lines_of(text) if ln.text]
    for ln in lines[:c.banner_lines]:
        site = _brand(c, ln.text)
        if site:
            return site, ln.start, ln.end
    for patterns in (c.brand_lines, c.owner_lines):
        for ln in reversed(lines):                  # furniture and copyright close a page
            for pat in patterns:
                m = pat.fullmatch(ln.text)
                if not m:
                    continue
                group = "brand" if "brand" in pat.groupindex else "owner"
                name, start = m.group(group), ln.start + m.start(group)
                site = _brand(c, name)
                if site or patterns is c.owner_lines:
                    return site or " ".join(name.split()), start, start + len(name)
    return None


def _brand(c: Cues, words: str) -> str | None:
    return next((site for pat, site in c.brands if pat.fullmatch(words.strip())), None)
