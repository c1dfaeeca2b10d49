"""A document record -> flat rows: one per constraint (a criterion's own, then those its notes
state, with `note` their note's number), and one per criterion that has none (so every
criterion appears). CSV and Parquet (the `parquet` extra, pyarrow) hold the same
columns and rows; lists (values, rule ids) are JSON text in both, spans are start/end columns.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from .records import Record

# (name, type): type is one of "str", "int", "float", "bool"; every column may be empty.
COLUMNS: list[tuple[str, str]] = [
    ("line", "int"), ("document_id", "str"), ("criterion_id", "str"), ("kind", "str"),
    ("parent", "str"), ("logic", "str"), ("min_children", "int"), ("negated", "bool"),
    ("constraints_logic", "str"), ("criterion_text", "str"), ("criterion_start", "int"),
    ("criterion_end", "int"), ("constraint_index", "int"), ("type", "str"), ("subject", "str"),
    ("subject_start", "int"), ("subject_end", "int"), ("subject_name", "str"),
    ("subject_system", "str"), ("subject_code", "str"), ("comparator", "str"),
    ("value", "float"), ("low", "float"), ("high", "float"), ("low_inclusive", "bool"),
    ("high_inclusive", "bool"), ("values", "str"), ("unit", "str"), ("ucum", "str"),
    ("normalized_value", "float"), ("normalized_low", "float"), ("normalized_high", "float"),
    ("normalized_unit", "str"), ("normalized_duration", "str"), ("reference", "str"),
    ("direction", "str"), ("event", "str"), ("event_name", "str"), ("event_start", "int"),
    ("event_end", "int"), ("condition", "str"), ("constraint_text", "str"),
    ("constraint_start", "int"), ("constraint_end", "int"), ("rules", "str"),
    # added after the first release, so at the end: the 1-based number of the criterion's note
    # ("Note: ...") that states the constraint; empty for the criterion's own constraints
    ("note", "int"),
]
NAMES = [name for name, _ in COLUMNS]


def rows(record: Record, line: int | None = None) -> Iterator[dict[str, Any]]:
    """The rows of one document record, in criterion then constraint order."""
    doc_id = record["document"].get("id")
    for crit in record.get("criteria", []):
        base = {
            "line": line, "document_id": doc_id, "criterion_id": crit.get("id"),
            "kind": crit.get("kind"), "parent": crit.get("parent"), "logic": crit.get("logic"),
            "min_children": crit.get("min_children"), "negated": crit.get("negated"),
            "constraints_logic": crit.get("constraints_logic"), "criterion_text": crit.get("text"),
            **_span("criterion", crit.get("span")),
        }
        constraints = crit.get("constraints") or []
        noted = [(n, i, k) for n, note in enumerate(crit.get("notes") or [], 1) if isinstance(note, dict)
                 for i, k in enumerate(note.get("constraints") or [])]
        if not constraints and not noted:
            yield _complete(base)
        for i, k in enumerate(constraints):
            yield _complete({**base, **_constraint(k, i)})
        # A note's constraints qualify its criterion (an allowance, a clarification): rows of
        # their own, marked, never mixed with what the criterion itself requires.
        for n, i, k in noted:
            yield _complete({**base, **_constraint(k, i), "note": n})


def _constraint(k: Record, index: int) -> dict[str, Any]:
    subject = k.get("subject") if isinstance(k.get("subject"), dict) else {}
    concept = subject.get("concept") if isinstance(subject.get("concept"), dict) else {}
    unit = k.get("unit") if isinstance(k.get("unit"), dict) else {}
    norm = k.get("normalized") if isinstance(k.get("normalized"), dict) else {}
    event = k.get("event") if isinstance(k.get("event"), dict) else {}
    cond = k.get("condition") if isinstance(k.get("condition"), dict) else {}
    row = {
        "constraint_index": index, "type": k.get("type"), "subject": subject.get("text"),
        **_span("subject", subject.get("span")), "subject_name": concept.get("name"),
        "subject_system": concept.get("system"), "subject_code": concept.get("code"),
        "comparator": k.get("comparator"), "value": _num(k.get("value")), "low": _num(k.get("low")),
        "high": _num(k.get("high")), "low_inclusive": k.get("low_inclusive"),
        "high_inclusive": k.get("high_inclusive"),
        "values": json.dumps(k["values"], ensure_ascii=False) if isinstance(k.get("values"), list) else None,
        # an implied unit (an age with no unit written: years) has no text: null, as CSV reads ""
        "unit": unit.get("text") or None, "ucum": unit.get("ucum"), "reference": k.get("reference"),
        "direction": k.get("direction"), "event": event.get("text"), "event_name": event.get("name"),
        **_span("event", event.get("span")), "condition": cond.get("text"),
        "constraint_text": k.get("text"), **_span("constraint", k.get("span")),
        "rules": json.dumps(k["rules"], ensure_ascii=False) if isinstance(k.get("rules"), list) else None,
    }
    # `normalized` is {value, unit}, {low, high, unit} or {duration} / {low, high} as ISO 8601
    # durations: numbers go to the number columns, durations to the text column.
    if isinstance(norm.get("duration"), str):
        row["normalized_duration"] = norm["duration"]
    elif isinstance(norm.get("low"), str) or isinstance(norm.get("high"), str):
        row["normalized_duration"] = f"{norm.get('low')}/{norm.get('high')}"
    else:
        row.update({"normalized_value": _num(norm.get("value")), "normalized_low": _num(norm.get("low")),
                    "normalized_high": _num(norm.get("high"))})
    if isinstance(norm.get("unit"), str):
        row["normalized_unit"] = norm["unit"]
    return row


def _span(prefix: str, span: Any) -> dict[str, Any]:
    if isinstance(span, list) and len(span) == 2:
        return {f"{prefix}_start": span[0], f"{prefix}_end": span[1]}
    return {}


def _num(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None


def _complete(row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for name, kind in COLUMNS:
        value = row.get(name)
        if value is not None:
            value = {"str": str, "int": int, "float": float, "bool": bool}[kind](value)
        out[name] = value
    return out


# --- writers -----------------------------------------------------------------------------------

def write_csv(all_rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """CSV with a header; empty cells for missing values, true/false for booleans, floats as
    Python writes them (they read back to the same number). Returns the number of rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(NAMES)
    n = 0
    for row in all_rows:
        writer.writerow([_cell(row[name]) for name in NAMES])
        n += 1
    return n


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def read_csv(src: IO[str]) -> Iterator[dict[str, Any]]:
    """Rows back from `write_csv`, typed by COLUMNS (an empty cell is None)."""
    types = dict(COLUMNS)
    for raw in csv.DictReader(src):
        yield {name: _parse(raw[name], types[name]) for name in NAMES}


def _parse(cell: str, kind: str) -> Any:
    if cell == "":
        return None
    if kind == "int":
        return int(cell)
    if kind == "float":
        return float(cell)
    if kind == "bool":
        return cell == "true"
    return cell


def write_parquet(all_rows: Iterable[dict[str, Any]], path: str, batch: int = 20000) -> int:
    """Parquet through pyarrow (ImportError without the `parquet` extra), written in batches so
    a large input streams. Returns the number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    schema = pa.schema([(name, types[kind]) for name, kind in COLUMNS])
    n = 0
    # Parquet carries no time of writing: the bytes depend on the rows (and the pyarrow version)
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        chunk: list[dict[str, Any]] = []
        for row in all_rows:
            chunk.append(row)
            if len(chunk) >= batch:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                n += len(chunk)
                chunk = []
        if chunk or n == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
    return n
