"""HL7 FHIR ResearchStudy in XML (a ResearchStudy, or a Bundle of them), R4 and R5.

FHIR XML and FHIR JSON hold the same resources: the XML is read into the JSON form (a primitive
is its `value` attribute, a contained or entry resource an object with its `resourceType`, the
elements the JSON reader reads as lists always lists) and handed to the JSON reader
(`fhir_json`), so both forms give the same text, criteria and facts. Every JSON Pointer the JSON
reader writes is then turned into the XPath of the same value in the XML file, the prefix `f`
standing for the FHIR namespace: `/f:Bundle/f:entry[2]/f:resource/f:Group/f:characteristic[1]/
f:description/@value`, offsets counting in that attribute's value. Formats "fhir-r4-xml" /
"fhir-r5-xml".
"""
from __future__ import annotations

from typing import Any

from . import fhir_json
from .jsonutil import escape
from .limits import DEFAULT_LIMITS, Limits
from .source import Segment, Source

NS = "http://hl7.org/fhir"

# The elements the JSON reader reads as lists: lists even where the file has one of them.
REPEATING = frozenset({"entry", "contained", "identifier", "characteristic", "condition", "focus", "arm",
                       "comparisonGroup", "associatedParty", "site", "progressStatus", "coding", "enrollment",
                       "given", "extension", "modifierExtension"})
_BOOLEANS = frozenset({"exclude", "actual", "active"})


def is_fhir(root) -> bool:
    return isinstance(root.tag, str) and root.tag in (f"{{{NS}}}ResearchStudy", f"{{{NS}}}Bundle")


def _local(el) -> str:
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def _is_resource(el) -> bool:
    return _local(el)[:1].isupper()


class _Reader:
    """XML elements -> FHIR JSON values, noting the XPath of every value by its JSON Pointer."""

    def __init__(self) -> None:
        self.paths: dict[str, str] = {}

    def resource(self, el, ptr: str, xpath: str) -> dict[str, Any]:
        self.paths[ptr] = xpath
        out: dict[str, Any] = {"resourceType": _local(el)}
        self._fields(el, out, ptr, xpath)
        return out

    def _fields(self, el, out: dict[str, Any], ptr: str, xpath: str) -> None:
        children = [c for c in el if isinstance(c.tag, str) and c.tag.startswith(f"{{{NS}}}")]
        counts: dict[str, int] = {}
        for c in children:
            counts[_local(c)] = counts.get(_local(c), 0) + 1
        seen: dict[str, int] = {}
        for c in children:
            name = _local(c)
            seen[name] = seen.get(name, 0) + 1
            listed = counts[name] > 1 or name in REPEATING
            step = f"{xpath}/f:{name}" + (f"[{seen[name]}]" if counts[name] > 1 or listed else "")
            at = f"{ptr}/{escape(name)}" + (f"/{seen[name] - 1}" if listed else "")
            value = self._value(c, name, at, step)
            if listed:
                out.setdefault(name, []).append(value)
            else:
                out[name] = value

    def _value(self, el, name: str, ptr: str, xpath: str) -> Any:
        kids = [c for c in el if isinstance(c.tag, str) and c.tag.startswith(f"{{{NS}}}")]
        if len(kids) == 1 and _is_resource(kids[0]) and name in ("resource", "contained"):
            return self.resource(kids[0], ptr, f"{xpath}/f:{_local(kids[0])}")
        value = el.get("value")
        if value is not None and not kids:
            self.paths[ptr] = f"{xpath}/@value"
            if name in _BOOLEANS and value in ("true", "false"):
                return value == "true"
            return value
        out: dict[str, Any] = {}
        if value is not None:                   # a primitive with extensions: its value stays reachable
            out["value"] = value
        self.paths[ptr] = xpath
        self._fields(el, out, ptr, xpath)
        return out


def read_root(root, data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> list[Source]:
    reader = _Reader()
    doc = reader.resource(root, "", f"/f:{_local(root)}")
    sources = fhir_json.read_doc(doc, data, path, limits)
    return [_in_xml(s, reader.paths) for s in sources]


def _xpath(paths: dict[str, str], loc: dict[str, Any]) -> dict[str, Any]:
    if "pointer" not in loc:
        return loc
    out = {"xpath": paths.get(loc["pointer"], loc["pointer"])}
    out.update({k: v for k, v in loc.items() if k != "pointer"})
    return out


def _in_xml(src: Any, paths: dict[str, str]) -> Any:
    """The JSON reader's Source with XML locators, format and record."""
    if not isinstance(src, Source):
        if getattr(src, "record", None):
            src.record = paths.get(src.record, src.record)
        return src
    src.format = src.format.replace("-json", "-xml")
    if src.record is not None:
        src.record = paths.get(src.record, src.record)
    src.segments = [Segment(s.start, s.end, _xpath(paths, s.locator), s.source_start, s.source_offsets)
                    for s in src.segments]
    for fact in src.study.get("facts") or ():
        if "locator" in fact:
            fact["locator"] = _xpath(paths, fact["locator"])
    return src
