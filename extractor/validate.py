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
        cs, ce = crit["span"]
        for key in ("constraints", "entities", "exceptions", "unparsed", "ignored"):
            for j, obj in enumerate(crit.get(key) or []):
                s, e = obj.get("span", (cs, ce))
                if not (cs <= s and e <= ce):
                    out.append(f"criteria[{i}].{key}[{j}].span: {[s, e]} lies outside its criterion {[cs, ce]}")
        for n, note in enumerate(crit.get("notes") or []):
            ns, ne = note["span"]
            for key in ("constraints", "unparsed", "ignored", "warnings"):
                for j, obj in enumerate(note.get(key) or []):
                    s, e = obj.get("span", (ns, ne))
                    if not (ns <= s and e <= ne):
                        out.append(f"criteria[{i}].notes[{n}].{key}[{j}].span: {[s, e]} lies outside its note {[ns, ne]}")
    return out
