"""EU Clinical Trials Register "Download trials (full text)" export: one record per trial and
member state, each starting with a "Summary" line. Criteria come from "E.3 Principal inclusion
criteria:" / "E.4 Principal exclusion criteria:" (English); translated variants ("E.3 ... (es):")
are not copied, their languages go to `Source.languages`. Format "euctr-text";
`Source.record` = "line N" (where the record's "Summary" line is); segment offsets point into
the decoded file.
"""
from __future__ import annotations

import re
from typing import Any

from ..errors import UnsupportedShape
from . import facts
from .builder import Builder, isolated, make_source, sha256, write_sided, write_title
from .fact_log import FactLog
from .limits import DEFAULT_LIMITS, Limits
from .mapped import Mapped, clean, newlines
from .source import Source
from .text import decode_bytes

# A field line: "E.3 Principal inclusion criteria (es): value" or "Trial Status: Ongoing".
_FIELD = re.compile(r"^(?P<code>[A-P]\.\d+(?:\.\d+)*(?: and [A-P]\.\d+(?:\.\d+)*)?)\s+(?P<label>[^:\n]*?)"
                    r"(?: \((?P<lang>[a-z]{2})\))?:[ \t]?", re.M)
_RECORD = re.compile(r"^Summary\n(?=EudraCT Number:)", re.M)


def looks_like(text: str) -> bool:
    return bool(_RECORD.search(text[:20000].replace("\r\n", "\n"))) and "E.3 Principal inclusion criteria" in text


def read(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> list[Source]:
    limits.check_bytes(data, path)
    decoded, encoding = decode_bytes(data, path)
    doc = newlines(Mapped.identity(decoded))
    starts = [m.start() for m in _RECORD.finditer(doc.text)]
    if not starts:
        raise UnsupportedShape("no EU CTR record ('Summary' / 'EudraCT Number:') found", path)
    limits.check_records(len(starts), path)
    digest = sha256(data)
    out = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(doc.text)
        line_no = doc.text.count("\n", 0, start) + 1
        rec = f"line {line_no}"
        out.append(isolated(path, rec, lambda: _record(doc.slice(start, end), path, digest, rec, encoding)))
    return out


def _fields(rec: Mapped) -> list[tuple[str, str, str | None, Mapped]]:
    """(code, label, language, value) for each field line; a value runs until the next field line."""
    marks = list(_FIELD.finditer(rec.text))
    out = []
    for j, m in enumerate(marks):
        stop = marks[j + 1].start() if j + 1 < len(marks) else len(rec.text)
        out.append((m.group("code"), m.group("label").strip(), m.group("lang"), rec.slice(m.end(), stop)))
    return out


def _line(rec: Mapped, label: str) -> Mapped | None:
    """The value of a "Label: value" line, stripped, with its map into the file."""
    m = re.search(rf"^{re.escape(label)}:[ \t]*(.*?)[ \t]*$", rec.text, re.M)
    return rec.slice(m.start(1), m.end(1)) if m and m.group(1) else None


def _first_line(value: Mapped | None) -> Mapped | None:
    if value is None:
        return None
    line = value.text.split("\n")[0]
    s = len(line) - len(line.lstrip())
    e = len(line.rstrip())
    return value.slice(s, e) if e > s else None


def _record(rec: Mapped, path: str, digest: str, record: str, encoding: str) -> Source:
    fields = _fields(rec)
    first: dict[str, Mapped] = {}
    languages: set[str] = set()
    for code, label, lang, value in fields:
        if lang:
            languages.add(lang)
        elif code not in first:
            first[code] = value
    b = Builder()
    title = first.get("A.3")
    write_title(b, clean(title) if title else None, {})
    for kind, code in (("inclusion", "E.3"), ("exclusion", "E.4")):
        if code in first:
            m = clean(first[code])
            if m.text:
                write_sided(b, kind, [(m, {})])
    eudract, study = _facts(rec, first, title)
    return make_source(b, fmt="euctr-text", path=path, data_sha=digest, record=record, study=study,
                       doc_id=eudract, site="clinicaltrialsregister.eu", encoding=encoding,
                       languages=sorted(languages))


def _facts(rec: Mapped, first: dict[str, Mapped], title: Mapped | None) -> tuple[str | None, dict]:
    """(EudraCT number, study facts); locators are offsets into the decoded file."""
    log = FactLog()

    def note(field: str, m: Mapped | None, convert: Any = lambda v: v, many: bool = False) -> Any:
        if m is None:
            return None
        value = convert(m.text)
        (log.add if many else log.set)(field, value, {"start": m.offsets[0], "end": m.offsets[-1]})
        return value

    one = (lambda code: _first_line(first.get(code)))
    eudract = _line(rec, "EudraCT Number")
    if eudract is not None:
        log.identifier(eudract.text, {"start": eudract.offsets[0], "end": eudract.offsets[-1]}, "EudraCT")
    nct = one("A.5.2")
    if nct is not None and facts.identifier(nct.text)["system"] == "NCT":
        log.identifier(nct.text, {"start": nct.offsets[0], "end": nct.offsets[-1]}, "NCT")
    code = _line(rec, "Sponsor's Protocol Code Number")
    if code is not None:                                     # the sponsor's own protocol number
        log.identifier(code.text, {"start": code.offsets[0], "end": code.offsets[-1]}, "org")
    if title is not None:
        t = clean(title)
        if t.text:
            log.set("title", " ".join(t.text.split()), {"start": t.offsets[0], "end": t.offsets[-1]})
    flags = [(p, one(c)) for p, c in (("PHASE1", "E.7.1"), ("PHASE2", "E.7.2"), ("PHASE3", "E.7.3"), ("PHASE4", "E.7.4"))]
    yes = [(p, m) for p, m in flags if m is not None and facts.flag(m.text)]
    if yes:      # one yes/no line per phase: the fact points at the first that says yes
        note("phase", yes[0][1], lambda _: [p for p, _ in yes])
    note("status", _line(rec, "Trial Status"), facts.status)
    if note("enrollment", one("F.4.2.2"), facts.integer) is None:
        note("enrollment", one("F.4.1"), facts.integer)
    female, male = one("F.2.1"), one("F.2.2")
    f, m = (facts.flag(x.text) if x else None for x in (female, male))
    if f or m:
        note("sex", female if f else male, lambda _: "all" if f and m else "female" if f else "male")
    note("healthy_volunteers", one("F.3.1"), facts.flag)
    note("conditions", one("E.1.1"), many=True)
    note("sponsor", one("B.1.1"))
    # Each IMP's product name ("D.3.1 Product name: ..."), in the English fields only.
    for m in re.finditer(r"^D\.3\.1 Product name:[ \t]*(\S.*?)[ \t]*$", rec.text, re.M):
        note("interventions", rec.slice(m.start(1), m.end(1)), lambda v: {"name": " ".join(v.split())}, many=True)
    return (eudract.text if eudract is not None else None), log.study()
