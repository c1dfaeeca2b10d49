"""EU Clinical Trials Register "Download trials (full text)" export: one record per trial and
member state, each starting with a "Summary" line. Criteria come from "E.3 Principal inclusion
criteria:" / "E.4 Principal exclusion criteria:" (English); translated variants ("E.3 ... (es):")
are not copied, their languages go to `Source.languages`. Format "euctr-text";
`Source.record` = "line N" (where the record's "Summary" line is); segment offsets point into
the decoded file.
"""
from __future__ import annotations

import re

from ..errors import UnsupportedShape
from . import facts
from .builder import Builder, isolated, make_source, sha256, write_sided, write_title
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


def _line(rec: Mapped, label: str) -> str | None:
    m = re.search(rf"^{re.escape(label)}:[ \t]*(.*)$", rec.text, re.M)
    return m.group(1).strip() if m else None


def _record(rec: Mapped, path: str, digest: str, record: str, encoding: str) -> Source:
    fields = _fields(rec)
    first: dict[str, Mapped] = {}
    languages: set[str] = set()
    for code, label, lang, value in fields:
        if lang:
            languages.add(lang)
        elif code not in first:
            first[code] = value
    one = (lambda code: first[code].text.split("\n")[0].strip() if code in first else None)
    b = Builder()
    title = first.get("A.3")
    write_title(b, clean(title) if title else None, {})
    for kind, code in (("inclusion", "E.3"), ("exclusion", "E.4")):
        if code in first:
            m = clean(first[code])
            if m.text:
                write_sided(b, kind, [(m, {})])
    eudract = _line(rec, "EudraCT Number")
    ids: list[dict[str, str]] = []
    facts.add_identifier(ids, eudract, "EudraCT")
    nct = one("A.5.2")
    if nct and facts.identifier(nct)["system"] == "NCT":
        facts.add_identifier(ids, nct, "NCT")
    female, male = facts.flag(one("F.2.1")), facts.flag(one("F.2.2"))
    study = facts.prune({
        "identifiers": ids,
        "title": " ".join(clean(title).text.split()) if title else None,
        "phase": [p for p, c in (("PHASE1", "E.7.1"), ("PHASE2", "E.7.2"), ("PHASE3", "E.7.3"), ("PHASE4", "E.7.4"))
                  if facts.flag(one(c))],
        "status": facts.status(_line(rec, "Trial Status")),
        "enrollment": facts.integer(one("F.4.2.2")) or facts.integer(one("F.4.1")),
        "sex": "all" if female and male else "female" if female else "male" if male else None,
        "healthy_volunteers": facts.flag(one("F.3.1")),
        "conditions": [one("E.1.1")] if one("E.1.1") else [],
        "sponsor": one("B.1.1"),
    })
    return make_source(b, fmt="euctr-text", path=path, data_sha=digest, record=record, study=study,
                       doc_id=eudract, site="clinicaltrialsregister.eu", encoding=encoding,
                       languages=sorted(languages))

