"""WHO ICTRP CSV export: one document per row, criteria in the inclusion / exclusion columns
(`<br>` line breaks, some HTML entities). Format "ictrp-csv"; `Source.record` = "row N" (N = 1 for
the first data row); segment locators are {"pointer": "/<column name>", "row": N} with offsets
into that cell's value.
"""
from __future__ import annotations

import csv
import io
import re
from typing import Any, Callable
from urllib.parse import urlparse

from ..errors import MalformedCSV, UnsupportedShape
from . import fact_log, facts, ictrp_cells
from .builder import Builder, isolated, make_source, sha256, write_sided, write_title
from .fact_log import FactLog
from .jsonutil import escape
from .limits import DEFAULT_LIMITS, Limits
from .mapped import block
from .source import Source
from .text import decode_bytes


def _key(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


# Canonical field -> accepted header spellings (ICTRP's own export and derived copies differ).
_COLUMNS = {
    "id": ["trialid"], "public_title": ["publictitle"], "scientific_title": ["scientifictitle"],
    "inclusion": ["inclusioncriteria"], "exclusion": ["exclusioncriteria"],
    "agemin": ["inclusionagemin", "agemin"], "agemax": ["inclusionagemax", "agemax"],
    "gender": ["inclusiongender", "gender"], "phase": ["phase"], "status": ["recruitmentstatus"],
    "size": ["targetsize"], "conditions": ["conditions", "condition"], "sponsor": ["primarysponsor"],
    "url": ["url", "webaddress"], "secondary_ids": ["secondaryids", "secondaryid"],
    "interventions": ["interventions", "intervention"],
    "start": ["dateenrollment", "dateenrollement"],
}


def header_map(header: list[str]) -> dict[str, str]:
    keys = {_key(h): h for h in header}
    out = {}
    for field, names in _COLUMNS.items():
        for n in names:
            if n in keys:
                out[field] = keys[n]
                break
    return out


def looks_like(head: str) -> bool:
    first = _LINE_END.split(head, 1)[0]
    try:
        m = header_map(next(csv.reader([first]), []))
    except csv.Error:
        return False
    return "id" in m and ("inclusion" in m or "exclusion" in m)


_HEADING = {"inclusion": re.compile(r"^\s*inclusion criteria\s*:?", re.I),
            "exclusion": re.compile(r"^\s*exclusion criteria\s*:?", re.I)}
_OTHER = {"inclusion": re.compile(r"(?im)^\s*exclusion criteria\s*:?"),
          "exclusion": re.compile(r"(?im)^\s*inclusion criteria\s*:?")}
_NONE = {"", "na", "n/a", "none", "-", "nil"}


_LINE_END = re.compile(r"\r\n|\r|\n")
# A field may be as long as a file may be (the default, 128 KiB, fails a whole export over one
# long cell); a field too long to be criteria is refused by its row alone.
csv.field_size_limit(max(csv.field_size_limit(), DEFAULT_LIMITS.max_bytes))


def read(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> list[Source]:
    limits.check_bytes(data, path)
    text, encoding = decode_bytes(data, path)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise MalformedCSV(str(exc), path) from None
    if not rows:
        raise UnsupportedShape("CSV without a header", path)
    header, body = rows[0], rows[1:]
    cols = header_map(header)
    if "id" not in cols:
        raise UnsupportedShape("CSV is not an ICTRP export (no TrialID column)", path)
    limits.check_records(len(body), path)
    digest = sha256(data)
    out = []
    for n, row in enumerate(body, start=1):
        if not any(cell.strip() for cell in row):
            continue
        rec = dict(zip(header, row))
        out.append(isolated(path, f"row {n}", lambda: _row(rec, cols, n, path, digest, encoding)))
    return out


def _row(rec: dict[str, str], cols: dict[str, str], n: int, path: str, digest: str, encoding: str) -> Source:
    get = (lambda f: (rec.get(cols[f]) or "").strip() if f in cols else "")
    return build(get, lambda f: {"pointer": "/" + escape(cols[f]), "row": n}, lambda f: rec[cols[f]],
                 fmt="ictrp-csv", path=path, digest=digest, record=f"row {n}", encoding=encoding)


def build(get: Callable[[str], str], locate: Callable[[str], dict[str, Any]], raw: Callable[[str], str], *,
          fmt: str, path: str, digest: str, record: str | None, encoding: str | None,
          locate_item: Callable[[str, int, int], dict[str, Any]] | None = None) -> Source:
    """One ICTRP trial, whichever export it came from: `get(field)` is the stripped value of a
    canonical field ("" when absent), `raw(field)` its value as stored (offsets count in it),
    `locate(field)` where it lives in the file (CSV column and row, or XPath), and
    `locate_item(field, start, end)` where the words [start, end) of `raw(field)` are (with
    their offsets): in the same cell for the CSV, in one of several repeated elements for XML."""
    if locate_item is None:
        locate_item = (lambda f, s, e: {**locate(f), "start": s, "end": e})
    b = Builder()
    title_field = "public_title" if get("public_title") else "scientific_title"
    title = get(title_field)
    write_title(b, title, locate(title_field) if title else None)
    if get("criteria").lower() not in _NONE:
        # one cell with the whole eligibility text (csv_table.py): its sections, if any, are
        # left to the section stage, as a registry page's are
        m = block(raw("criteria"), br=True, entities=True)
        if m.text:
            b.copy(m, locate("criteria"))
            b.text("\n\n")
    for kind in ("inclusion", "exclusion"):
        if get(kind).lower() in _NONE:
            continue
        m = block(raw(kind), br=True, entities=True)
        if not m.text:
            continue
        loc = locate(kind)
        if _OTHER[kind].search(m.text):
            # CT.gov rows carry both sections in one column: leave them to the section stage.
            b.copy(m, loc)
            b.text("\n\n")
            continue
        write_sided(b, kind, [(m, loc)], heading="" if _HEADING[kind].match(m.text) else None)
    trial = get("id")
    url = get("url")
    return make_source(b, fmt=fmt, path=path, data_sha=digest, record=record,
                       study=_study(get, raw, locate, locate_item, trial), doc_id=trial or None, encoding=encoding,
                       site=(urlparse(url).hostname or None) if url.startswith("http") else None)


_EUCTR_PHASE = re.compile(r"\(Phase (I{1,3}V?|IV)\):\s*yes", re.I)


def _phase(text: str) -> list[str]:
    if _EUCTR_PHASE.search(text):                   # EU CTR rows: one yes/no line per phase
        return facts.phases(_EUCTR_PHASE.findall(text))
    if re.search(r"early\s+phase", text, re.I):
        return facts.phases(text)
    if text.strip().lower() in {"n/a", "na", "not applicable"}:
        return ["NA"]
    return facts.phases(re.findall(r"\b(I{1,3}V?|IV|[1-4])\b", re.sub(r"(?i)phase[- ]?", " ", text)))


def _sex(text: str) -> str | None:
    t = re.sub(r"<br\s*/?\s*>", "\n", text, flags=re.I).lower()
    female = re.search(r"female:\s*(yes|no)", t)
    male = re.search(r"(?<!fe)male:\s*(yes|no)", t)
    if female or male:
        f, m = bool(female and female.group(1) == "yes"), bool(male and male.group(1) == "yes")
        return "all" if f and m else "female" if f else "male" if m else None
    if re.search(r"\bfemales?\b", t) and re.search(r"\b(?<!fe)males?\b", t):
        return "all"
    return facts.sex(t)


def _study(get: Any, raw: Any, locate: Any, locate_item: Any, trial: str) -> dict[str, Any]:
    """Facts of one trial; each locator is the field's (CSV column and row, or XPath) with the
    offsets of the words in its value as stored."""
    log = FactLog()
    stored = raw
    raw = (lambda key: stored(key) if get(key) else "")       # a column the export lacks reads as ""

    def note(field: str, key: str, value: Any, many: bool = False, part: tuple[int, int] | None = None) -> Any:
        if value in (None, "", [], {}):
            return value
        if part is None:
            part = fact_log.stripped(raw(key))
        (log.add if many else log.set)(field, value, locate_item(key, *part))
        return value

    m = re.fullmatch(r"EUCTR(\d{4}-\d{6}-\d{2})(?:-[A-Z]{2,3})?", trial)
    if m:
        s = raw("id").index(trial)
        log.identifier(m.group(1), locate_item("id", s + 5, s + 5 + len(m.group(1))), "EudraCT")
    elif trial:
        log.identifier(trial, locate_item("id", *fact_log.stripped(raw("id"))))
    for sec, s, e in fact_log.items_at(raw("secondary_ids")):
        log.identifier(sec, locate_item("secondary_ids", s, e))
    title_key = "public_title" if get("public_title") else "scientific_title"
    if get(title_key):
        note("title", title_key, " ".join(get(title_key).split()))
    note("phase", "phase", _phase(get("phase")))
    if get("status").lower() not in _NONE:
        note("status", "status", facts.status(get("status")))
    note("enrollment", "size", facts.integer(get("size")))
    note("sex", "gender", _sex(get("gender")))
    note("minimum_age", "agemin", facts.age(get("agemin")))
    note("maximum_age", "agemax", facts.age(get("agemax")))
    # the cells as the registries feeding the export write them (ictrp_cells.py)
    for c, s, e in ictrp_cells.conditions(raw("conditions")):
        note("conditions", "conditions", c, many=True, part=(s, e))
    for c, s, e in ictrp_cells.interventions(raw("interventions")):
        note("interventions", "interventions", c, many=True, part=(s, e))
    note("sponsor", "sponsor", get("sponsor") or None)
    if get("start").lower() not in _NONE:
        note("start_date", "start", get("start"))
    return log.study()
