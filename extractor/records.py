"""Record builder: a Source, its sections, its criteria tree, their analyses and the schedules -> CONTRACT dicts;
the error record; and the one JSON Lines encoding of both.

Only plain Python objects leave this module; everything here is deterministic.
"""
from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any

from .criteria import Item
from .errors import ExtractorError
from .ingest.source import Source
from .sections import Section

SCHEMA_VERSION = "1"


def document_id(src: Source) -> str:
    """The registry id when the input names one, else the file name (plus the record locator)."""
    if src.doc_id:
        return src.doc_id
    if src.path in ("-", "", "<text>"):
        base = f"text-{src.sha256[:12]}"
    else:
        base = PurePath(src.path).stem or PurePath(src.path).name
    return f"{base}#{src.record}" if src.record else base


def _note(text: str, start: int, end: int, an: dict[str, Any]) -> dict[str, Any]:
    """A note of a criterion, with what its own words state: constraints, numbers accounted
    for and damaged text, each only when there is some."""
    note: dict[str, Any] = {"text": text[start:end], "span": [start, end]}
    for key in ("constraints", "unparsed", "ignored", "warnings"):
        if an.get(key):
            note[key] = an[key]
    return note


def criterion_constraints(crit: dict[str, Any]) -> list[dict[str, Any]]:
    """A criterion's constraints and those its notes state, in text order of the notes."""
    return [*(crit.get("constraints") or ()), *(c for n in crit.get("notes") or () for c in n.get("constraints") or ())]


def build_record(src: Source, sections: list[Section], items: list[Item],
                 analyses: list[dict[str, Any]], schedules: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    text = src.text
    criteria = []
    for i, (it, an) in enumerate(zip(items, analyses)):
        negated, negation = bool(an.get("negated", False)), an.get("negation")
        if it.kind == "exclusion" and "exclusion_negation" in an:
            # a cue that restates the exclusion ("will be excluded") leaves the criterion naming
            # whom it leaves out: its negation is the next cue, if any (nlp/analyzer.py)
            negation = an["exclusion_negation"]
            negated = negation is not None
        crit: dict[str, Any] = {
            "id": f"c{i + 1}",
            "kind": it.kind,
            "parent": f"c{it.parent + 1}" if it.parent is not None else None,
            "logic": it.logic,
            "text": text[it.start:it.end],
            "span": [it.start, it.end],
            "negated": negated,
            "entities": an.get("entities", []),
            "constraints": an.get("constraints", []),
            "constraints_logic": an.get("constraints_logic", "all"),
            # numbers that are in no constraint: left for a person, or recognised as no threshold
            "unparsed": an.get("unparsed", []),
            "section": it.section,
            "children": [f"c{k + 1}" for k in it.children],
        }
        if it.min_children is not None:
            crit["min_children"] = it.min_children
        if it.logic_rule is not None:
            crit["logic_rule"] = it.logic_rule
        if it.connector is not None:
            crit["connector"] = it.connector
        if it.notes:
            crit["notes"] = [_note(text, s, e, (an.get("notes") or {}).get((s, e)) or {}) for s, e in it.notes]
        if negation:
            crit["negation"] = negation
        if an.get("exceptions"):
            crit["exceptions"] = an["exceptions"]
        if an.get("ignored"):
            crit["ignored"] = an["ignored"]
        if an.get("warnings"):
            crit["warnings"] = an["warnings"]
        locator = src.locate(it.start, it.end)
        if locator is not None:
            crit["locator"] = locator
        criteria.append(crit)
    source = {"path": src.path, "format": src.format, "sha256": src.sha256, "record": src.record,
              "encoding": src.encoding}
    document = {"id": document_id(src), "source": source, "site": src.site, "text": text}
    if src.languages:
        document["other_languages"] = list(src.languages)
    record = {
        "schema_version": SCHEMA_VERSION,
        "document": document,
        "study": dict(src.study),
        "sections": [s.to_dict() for s in sections],
        "criteria": criteria,
        "schedules": list(schedules or []),
    }
    damaged = [f"{c['id']}: {w['message']}: {w['text']!r}" for c in criteria
               for w in [*c.get("warnings", ()), *(w for n in c.get("notes", ()) for w in n.get("warnings", ()))]]
    if src.warnings or damaged:
        record["warnings"] = list(src.warnings) + damaged
    return record


def error_record(err: ExtractorError, path: str | None = None, record: str | None = None) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION,
            "error": {"path": err.path if err.path is not None else path,
                      "record": err.record if err.record is not None else record,
                      "code": err.code, "message": err.message}}


def dumps(record: dict[str, Any]) -> str:
    """A record as one line of JSON; key order is the builder's, so the same input gives the
    same bytes."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def to_line(record: dict[str, Any]) -> bytes:
    """One JSONL line. A file name that is not valid UTF-8 holds lone surrogates; they are
    written as JSON \\u escapes (valid JSON naming the same string) instead of failing."""
    return (dumps(record) + "\n").encode("utf-8", "backslashreplace")
