"""Record validation: the JSON Schema, plus what a schema cannot say (spans equal their slices)."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator

import jsonschema

from .resources import load_schema


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load_schema("record.schema.json"))


def _where(path) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(record)"


def problems(record: Any) -> list[str]:
    """Every problem of one record, each naming the field it is about; empty when valid."""
    out: list[str] = []
    v = _validator()
    if isinstance(record, dict) and "error" in record:
        schema_errors = list(v.evolve(schema={"$ref": "#/$defs/error_record", **_defs()}).iter_errors(record))
    elif isinstance(record, dict) and "document" in record:
        schema_errors = list(v.evolve(schema={"$ref": "#/$defs/document_record", **_defs()}).iter_errors(record))
    else:
        schema_errors = list(v.iter_errors(record))
    for err in sorted(schema_errors, key=lambda e: list(map(str, e.absolute_path))):
        out.append(f"{_where(err.absolute_path)}: {_message(err)}")
    if not out and isinstance(record, dict) and "document" in record:
        out.extend(span_problems(record))
    return out


def _defs() -> dict:
    schema = load_schema("record.schema.json")
    return {"$defs": schema["$defs"], "$schema": schema["$schema"]}


def _message(err: jsonschema.ValidationError) -> str:
    if err.validator == "required":
        return err.message.replace("is a required property", "is required (missing field)")
    return err.message


def _objects(node: Any, path: str) -> Iterator[tuple[str, dict]]:
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            if k != "document":
                yield from _objects(v, f"{path}.{k}" if path else k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _objects(v, f"{path}[{i}]")


def span_problems(record: dict) -> list[str]:
    """Every object with `span` lies inside document.text, and its `text` equals that slice;
    a criterion's constraints, entities, exceptions, unparsed and ignored numbers lie inside
    the criterion."""
    text = record["document"]["text"]
    out = []
    for path, obj in _objects(record, ""):
        span = obj.get("span")
        if not (isinstance(span, list) and len(span) == 2):
            continue
        s, e = span
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text)):
            out.append(f"{path}.span: {span} is outside document.text (length {len(text)})")
            continue
        if "text" in obj and isinstance(obj["text"], str) and text[s:e] != obj["text"]:
            out.append(f"{path}.span: {span} slices {text[s:e][:50]!r}, not text {obj['text'][:50]!r}")
    for i, crit in enumerate(record.get("criteria") or []):
        out += _outside(crit, f"criteria[{i}]", "criterion", ("constraints", "entities", "exceptions", "unparsed", "ignored"))
        for n, note in enumerate(crit.get("notes") or []):
            out += _outside(note, f"criteria[{i}].notes[{n}]", "note", ("constraints", "unparsed", "ignored", "warnings"))
    return out


def _outside(part: dict, path: str, name: str, keys: tuple) -> list[str]:
    """Problems of the objects under `keys` of a criterion or note whose span leaves the part's."""
    ps, pe = part["span"]
    out = []
    for key in keys:
        for j, obj in enumerate(part.get(key) or []):
            s, e = obj.get("span", (ps, pe))
            if not (ps <= s and e <= pe):
                out.append(f"{path}.{key}[{j}].span: {[s, e]} lies outside its {name} {[ps, pe]}")
    return out
