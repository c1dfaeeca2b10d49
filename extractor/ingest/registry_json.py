"""Any registry JSON: parse once, recognise the record shape, hand each record to its reader
(ClinicalTrials.gov, NCI CTS, FHIR ResearchStudy R4/R5 alone or in a Bundle, CTIS, EU CTR,
ISRCTN, DRKS)."""
from __future__ import annotations

import json
from dataclasses import replace
from typing import Any, Callable

from ..errors import ExtractorError, MalformedJSON, UnsupportedShape
from . import ctgov_json, fhir_json, json_table, nci_cts
from .builder import isolated, sha256
from .drks_json import drks, is_drks
from .eu_json import ctis, euctr, is_ctis, is_euctr
from .isrctn_json import is_isrctn, isrctn
from .jsonutil import load, pointer
from .limits import DEFAULT_LIMITS, Limits
from .source import Source
from .text import decode_bytes

_SHAPES: list[tuple[Callable[[Any], bool], Callable[..., Source]]] = [
    (is_ctis, ctis), (is_euctr, euctr), (is_isrctn, isrctn), (is_drks, drks),
]


def _shape(obj: Any) -> Callable[..., Source] | None:
    for test, maker in _SHAPES:
        if test(obj):
            return maker
    return None


def read(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> list[Source]:
    limits.check_bytes(data, path)
    try:
        doc = load(data, path, limits)
    except MalformedJSON:
        rows = _record_lines(data, path, limits)   # JSON Lines: one record a line
        if rows is None:
            raise
        return rows
    return read_doc(doc, data, path, limits)


def _record_lines(data: bytes, path: str, limits: Limits) -> list | None:
    """JSON Lines of records (an API v2 study, an EU CTR record, a flat trial object of
    json_table.py... a line), or None when the first line holds no record a reader knows. Each record's
    `record` is "row N" (N = 1 for the first line that holds JSON) followed by its pointer within
    the line, if any, and every locator of its words and facts gets "row": N, as a CSV row's."""
    text, _ = decode_bytes(data, path)
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        return None
    out: list = []
    for n, line in enumerate(lines, start=1):
        try:
            got = read_doc(_line_json(line, path), data, path, limits)
        except ExtractorError as err:
            if n == 1:
                return None   # the first line holds no registry record: the file stays malformed JSON
            err.record = None
            got = [err]       # a bad line costs that line alone
        out.extend(_on_row(x, n) for x in got)
        limits.check_records(len(out), path)
    return out


def _line_json(line: str, path: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedJSON(f"column {exc.colno}: {exc.msg}", path) from None
    except RecursionError:
        raise MalformedJSON("nesting too deep", path) from None


def _on_row(item, n: int):
    item.record = f"row {n}" + (item.record or "")
    if isinstance(item, ExtractorError):
        return item
    item.segments = [replace(seg, locator={**seg.locator, "row": n}) if "pointer" in seg.locator else seg
                     for seg in item.segments]
    for fact in item.study.get("facts", []):
        loc = fact.get("locator")
        if isinstance(loc, dict) and "pointer" in loc:
            fact["locator"] = {**loc, "row": n}
    return item


def read_doc(doc: Any, data: bytes, path: str, limits: Limits) -> list[Source]:
    if ctgov_json.records(doc) is not None:
        return ctgov_json.read_doc(doc, data, path, limits)
    if nci_cts.is_nci(doc) or (isinstance(doc, dict) and isinstance(doc.get("data"), list)
                               and doc["data"] and all(nci_cts.is_nci(x) for x in doc["data"])):
        return nci_cts.read_doc(doc, data, path, limits)
    if fhir_json.is_fhir(doc):
        return fhir_json.read_doc(doc, data, path, limits)
    digest = sha256(data)
    maker = _shape(doc)
    if maker is not None:
        return [maker(doc, "", path, digest, None)]
    if isinstance(doc, list) and doc and all(_shape(x) is not None for x in doc):
        limits.check_records(len(doc), path)
        return [isolated(path, pointer(i), lambda x=x, i=i: _shape(x)(x, pointer(i), path, digest, pointer(i)))
                for i, x in enumerate(doc)]
    rows = json_table.read_doc(doc, data, path, limits)   # flat trial objects of another export
    if rows is not None:
        return rows
    raise UnsupportedShape("JSON of an unknown shape (not a trial record of a supported registry, nor "
                           "objects naming a trial id and the eligibility text: models/table_columns.json)", path)
