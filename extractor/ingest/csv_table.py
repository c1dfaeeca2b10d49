"""Trial tables in CSV or TSV other than the WHO ICTRP export (format "csv-table"): a header row
that names a trial id column and the eligibility text (models/table_columns.json says by which
names), one document per row, built as an ICTRP row is (`ictrp_csv.build`). `Source.record` =
"row N" (N = 1 for the first data row); locators are {"pointer": "/<column name>", "row": N} with
offsets into that cell's value.

A table that names an id column and no eligibility column is refused (unsupported-shape): read as
one text, every row's words would go to the first row's trial.
"""
from __future__ import annotations

import csv
import io
from functools import lru_cache

from ..errors import MalformedCSV, RuleFileError, UnsupportedShape
from ..resources import load_rules
from .builder import isolated, sha256
from .ictrp_csv import _LINE_END, _key, build
from .jsonutil import escape
from .limits import DEFAULT_LIMITS, Limits
from .source import Source
from .text import decode_bytes

_TEXT_FIELDS = ("criteria", "inclusion", "exclusion")
# the canonical fields of ictrp_csv.build this reader's columns stand for
AS_ICTRP = {"title": "public_title"}


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    data = load_rules("table_columns.json", "rules/table_columns.schema.json")
    columns = {field: tuple(names) for field, names in data["columns"].items()}
    seen: dict[str, str] = {}
    for field, names in columns.items():
        for n in names:
            if n in seen and seen[n] != field:  # one header would name two fields: which is meant?
                raise RuleFileError(f"models/table_columns.json: '{n}' names both {seen[n]} and {field}")
            seen[n] = field
    return tuple(data["delimiters"]), columns


def header_map(header: list[str]) -> dict[str, str]:
    """Canonical field -> the header naming its column (the first of its names found)."""
    keys: dict[str, str] = {}
    for h in header:
        keys.setdefault(_key(h), h)
    out = {}
    for field, names in _rules()[1].items():
        for n in names:
            if n in keys:
                out[field] = keys[n]
                break
    return out


def names_trial(cols: dict[str, str]) -> bool:
    """Whether the fields `header_map` found name a trial id and its eligibility text."""
    return "id" in cols and any(f in cols for f in _TEXT_FIELDS)


def _delimiter(first_line: str) -> tuple[str, list[str]]:
    """The delimiter that splits the header line into the most fields, and those fields."""
    best, fields = ",", [first_line]
    for d in _rules()[0]:
        try:
            got = next(csv.reader([first_line], delimiter=d), [])
        except csv.Error:
            continue
        if len(got) > len(fields):
            best, fields = d, got
    return best, fields


def shape(head: str, suffix: str) -> str | None:
    """"table" when the head of a file is such a table, "no-criteria" when it is a table file
    (.csv, .tsv) naming an id column and no eligibility column, else None (not a table)."""
    first = _LINE_END.split(head.lstrip("\ufeff"), 1)[0]
    _, fields = _delimiter(first)
    if len(fields) < 2:
        return None
    cols = header_map(fields)
    if "id" not in cols:
        return None
    if names_trial(cols):
        return "table"
    return "no-criteria" if suffix in ("csv", "tsv") and len(fields) >= 3 else None


def read(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> list[Source]:
    limits.check_bytes(data, path)
    text, encoding = decode_bytes(data, path)
    text = text.lstrip("\ufeff")
    delimiter, header = _delimiter(_LINE_END.split(text, 1)[0])
    cols = header_map(header)
    if "id" not in cols:
        raise UnsupportedShape("CSV without a trial id column", path)
    if not names_trial(cols):
        raise UnsupportedShape(
            "CSV table without an eligibility criteria column (columns: " + ", ".join(h.strip() for h in header)
            + "); a column named like 'eligibility_criteria', or 'inclusion_criteria' and 'exclusion_criteria', "
            "is needed (models/table_columns.json)", path)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise MalformedCSV(str(exc), path) from None
    body = rows[1:]
    limits.check_records(len(body), path)
    digest = sha256(data)
    out = []
    names = [h.strip() for h in header]
    for n, row in enumerate(body, start=1):
        if not any(cell.strip() for cell in row):
            continue
        if [c.strip() for c in row] == names:
            continue  # the header again, where two exports were joined into one file
        rec = dict(zip(header, row))
        out.append(isolated(path, f"row {n}", lambda: _row(rec, cols, n, path, digest, encoding)))
    return out


def _row(rec: dict[str, str], cols: dict[str, str], n: int, path: str, digest: str, encoding: str) -> Source:
    named = {AS_ICTRP.get(f, f): h for f, h in cols.items()}
    get = (lambda f: (rec.get(named[f]) or "").strip() if f in named else "")
    return build(get, lambda f: {"pointer": "/" + escape(named[f]), "row": n}, lambda f: rec.get(named[f], ""),
                 fmt="csv-table", path=path, digest=digest, record=f"row {n}", encoding=encoding)
