"""Trial records in JSON that no registry reader knows, read as rows of a table (format
"json-table"): flat objects whose keys name a trial id and the eligibility text by the header names
of models/table_columns.json (as csv_table.py reads a CSV's columns), built as an ICTRP row is.

Two layouts: one such object; a list of them, or an object whose one member is that list
(`{"studies": [...]}`), each with record and locator pointer into the file ("/3",
"/3/eligibility_criteria"). JSON Lines of them are read line by line (registry_json.py). Only
string and number values are read; others are left out as absent.
"""
from __future__ import annotations

from typing import Any

from .builder import isolated, sha256
from .csv_table import AS_ICTRP, header_map, names_trial
from .ictrp_csv import build
from .jsonutil import escape, pointer
from .limits import Limits
from .source import Source


def _fields(obj: Any) -> dict[str, str] | None:
    """Canonical field -> key of a flat object that names an id and the eligibility text."""
    if not isinstance(obj, dict):
        return None
    cols = header_map([k for k, v in obj.items() if isinstance(k, str) and _usable(v)])
    if not names_trial(cols):
        return None
    return {AS_ICTRP.get(f, f): k for f, k in cols.items()}


def _usable(v: Any) -> bool:
    return isinstance(v, str) or isinstance(v, (int, float)) and not isinstance(v, bool)


def _value(v: Any) -> str:
    return v if isinstance(v, str) else str(v) if _usable(v) else ""


def records(doc: Any) -> tuple[str | None, list] | None:
    """(pointer prefix, objects) when `doc` holds table rows: an object (prefix None: the file is
    the record), a list of objects or an object with one member that is such a list; None
    otherwise."""
    if _fields(doc) is not None:
        return None, [doc]
    if isinstance(doc, dict) and len(doc) == 1:
        key, value = next(iter(doc.items()))
        found = records(value) if isinstance(value, list) else None
        return (pointer(key), found[1]) if found else None
    if isinstance(doc, list) and doc and isinstance(doc[0], dict) and _fields(doc[0]) is not None \
            and all(isinstance(x, dict) for x in doc):
        return "", doc
    return None


def read_doc(doc: Any, data: bytes, path: str, limits: Limits) -> list[Source] | None:
    found = records(doc)
    if found is None:
        return None
    prefix, objs = found
    limits.check_records(len(objs), path)
    digest = sha256(data)
    if prefix is None:  # one object: the file is the record
        return [isolated(path, None, lambda: _object(objs[0], "", None, path, digest, None))]
    return [isolated(path, f"{prefix}/{i}", lambda o=o, i=i: _object(o, f"{prefix}/{i}", f"{prefix}/{i}",
                                                                        path, digest, None))
            for i, o in enumerate(objs)]


def _object(obj: dict, at: str, record: str | None, path: str, digest: str, encoding: str | None) -> Source:
    named = _fields(obj) or {}
    get = (lambda f: _value(obj.get(named[f])).strip() if f in named else "")
    raw = (lambda f: _value(obj.get(named[f])) if f in named else "")
    locate = (lambda f: {"pointer": at + "/" + escape(named[f])})
    return build(get, locate, raw, fmt="json-table", path=path, digest=digest, record=record, encoding=encoding)
