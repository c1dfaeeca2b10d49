"""A readable view of one record: study facts, sections, the criteria tree, each constraint and its rules."""
from __future__ import annotations

from typing import Any


def _value(k: dict[str, Any]) -> str:
    comp = k.get("comparator")
    if comp == "between":
        lo = "[" if k.get("low_inclusive", True) else "("
        hi = "]" if k.get("high_inclusive", True) else ")"
        val = f"between {lo}{_num(k.get('low'))}, {_num(k.get('high'))}{hi}"
    elif comp == "in":
        val = "in {" + ", ".join(_num(v) for v in k.get("values", [])) + "}"
    else:
        val = f"{comp} {_num(k.get('value'))}"
    unit = k.get("unit")
    if unit:
        val += f" {unit.get('ucum')}"
    if k.get("reference"):
        val += f" x {k['reference']}"
    return val


def _num(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _constraint_line(k: dict[str, Any]) -> str:
    subject = k.get("subject") or {}
    name = (subject.get("concept") or {}).get("name") or subject.get("text") or "?"
    line = f"{k.get('type', '?')}: {name} {_value(k)}"
    if k.get("type") == "time":
        event = k.get("event") or {}
        line += f" {k.get('direction', '?')} {event.get('name') or event.get('text') or 'now'}"
    if k.get("normalized"):
        line += f"  normalized={k['normalized']}"
    line += f'  "{k.get("text", "")}" {k.get("span")}'
    if k.get("rules"):
        line += f"  rules={','.join(k['rules'])}"
    return line


def render(record: dict[str, Any]) -> str:
    if "error" in record:
        e = record["error"]
        where = e["path"] + (f" {e['record']}" if e.get("record") else "")
        return f"ERROR {e['code']} {where}: {e['message']}\n\n"
    doc = record["document"]
    src = doc["source"]
    lines = [f"== {doc['id']}  ({src['format']}, {src['path']}" + (f" {src['record']}" if src.get("record") else "") + ")"]
    study = record.get("study") or {}
    for key in ("title", "phase", "status", "enrollment", "sex", "minimum_age", "maximum_age"):
        if study.get(key) not in (None, [], ""):
            lines.append(f"   {key}: {study[key]}")
    if study.get("identifiers"):
        lines.append("   identifiers: " + ", ".join(f"{i['system']}:{i['value']}" for i in study["identifiers"]))
    lines.append(f"-- sections ({len(record['sections'])})")
    for i, s in enumerate(record["sections"]):
        indent = "   " * (1 + _depth(record["sections"], i))
        lines.append(f"{indent}[{i}] {s.get('role', '')} {s['kind']}: {s.get('heading')!r} {s['span']}")
    crits = record["criteria"]
    lines.append(f"-- criteria ({len(crits)})")
    by_id = {c["id"]: c for c in crits}
    for c in crits:
        depth = 0
        p = c.get("parent")
        while p:
            depth += 1
            p = by_id[p].get("parent")
        pad = "   " * (depth + 1)
        flags = [c["kind"]]
        if c.get("logic"):
            flags.append(f"logic={c['logic']}" + (f"(min {c['min_children']})" if c.get("min_children") else ""))
        if c.get("negated"):
            flags.append("negated")
        if c.get("connector"):
            flags.append(f"then {c['connector'].upper()}")
        text = " ".join(c["text"].split())
        lines.append(f"{pad}{c['id']} [{' '.join(flags)}] {text}")
        for k in c.get("constraints") or []:
            lines.append(f"{pad}   - {_constraint_line(k)}")
        if len(c.get("constraints") or []) > 1:
            lines.append(f"{pad}     (constraints combine: {c.get('constraints_logic')})")
        for x in c.get("exceptions") or []:
            lines.append(f"{pad}   except: \"{x['text']}\" {x['span']}")
        for n in c.get("notes") or []:
            lines.append(f"{pad}   note: \"{' '.join(n['text'].split())}\"")
    return "\n".join(lines) + "\n\n"


def _depth(sections: list[dict[str, Any]], i: int) -> int:
    d = 0
    p = sections[i].get("parent")
    while p is not None:
        d += 1
        p = sections[p].get("parent")
    return d
