"""Study facts of a structured record, each noted with where in the file it was read.

A reader fills a `FactLog` field by field: `set` for a single value, `add` for one item of a
list field, each with the locator of the value in the original file (the same kinds of locator
criteria carry: {"xpath": ...}, {"pointer": ...}, {"pointer": "/<column>", "row": N}, or {} for
offsets into a decoded text file). When the value was read from a string, the locator's
`start`/`end` are the offsets of the words it was read from in that string (a part of it for
an item of a `;`-separated cell, the whole stripped value otherwise); a number or a flag stored
as such has no offsets.

`study()` gives the record's `study` dict with its `facts` list: one entry per value, in the
vocabulary of page-text facts (`field`, `value`: the value as it stands in `study`, one entry
per item of a list field), plus `locator`; `fact_spans.place` then gives a fact its `text` and
`span` where the canonical text holds a copy of those very words.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from . import facts as vocab
from .jsonutil import dig, pointer

_EMPTY = (None, [], {}, "")


def stripped(raw: str) -> tuple[int, int]:
    """Offsets of `raw` without its surrounding whitespace."""
    start = len(raw) - len(raw.lstrip())
    return start, max(start, len(raw.rstrip()))


def items_at(raw: str, separators: str = r"<br\s*/?\s*>|;") -> list[tuple[str, int, int]]:
    """The non-empty items of a list written in one string (ICTRP's `;` and `<br>`), each with
    its offsets in `raw` (surrounding spaces left out) and its spaces collapsed."""
    out: list[tuple[str, int, int]] = []
    pos = 0
    for m in [*re.finditer(separators, raw, flags=re.I), None]:
        end = m.start() if m else len(raw)
        s, e = stripped(raw[pos:end])
        if e > s:
            out.append((" ".join(raw[pos + s:pos + e].split()), pos + s, pos + e))
        pos = m.end() if m else pos
    return out


ORDER = ["identifiers", "title", "phase", "status", "enrollment", "enrollment_type", "sex", "minimum_age",
         "maximum_age", "healthy_volunteers", "conditions", "interventions", "arms", "sponsor", "investigators",
         "sites", "site_count", "start_date", "completion_date"]


class FactLog:
    def __init__(self) -> None:
        self._study: dict[str, Any] = {}
        self._facts: list[dict[str, Any]] = []

    def set(self, field: str, value: Any, where: dict[str, Any] | None, raw: Any = None,
            part: tuple[int, int] | None = None) -> Any:
        """A single-valued field (the first value given wins). `raw` is the stored value it was
        read from; `part` the offsets of the words within it when not the whole of it."""
        if value in _EMPTY or field in self._study:
            return value
        self._study[field] = value
        self._note(field, value, where, raw, part)
        return value

    def add(self, field: str, value: Any, where: dict[str, Any] | None, raw: Any = None,
            part: tuple[int, int] | None = None) -> None:
        """One item of a list field; an item already listed is not repeated."""
        if value in _EMPTY:
            return
        items = self._study.setdefault(field, [])
        if value in items:
            return
        items.append(value)
        self._note(field, value, where, raw, part)

    def identifier(self, value: Any, where: dict[str, Any] | None, system: str | None = None,
                   raw: Any = None, part: tuple[int, int] | None = None) -> None:
        """An identifier, its system from its shape unless given (as `facts.add_identifier`);
        `raw` as for `set` (None when `where` already holds the offsets)."""
        if not isinstance(value, str) or not value.strip():
            return
        ident = vocab.identifier(value)
        if system:
            ident["system"] = system
        # One entry per number: a value the source gives twice (as its own id and as a secondary
        # id) keeps the system it was first listed with.
        if any(i["value"] == ident["value"] for i in self._study.get("identifiers", ())):
            return
        self.add("identifiers", ident, where, raw, part)

    def investigator(self, name: Any, where: dict[str, Any], raw: Any = None) -> None:
        """A responsible-party investigator: listed unless an official already names them
        ("Diana M Gibb" beside "Diana M Gibb, MD")."""
        if not isinstance(name, str) or not name.strip():
            return
        name = " ".join(name.split())
        if any(n == name or n.startswith(name + ",") for n in self._study.get("investigators", ())):
            return
        self.add("investigators", name, where, raw)

    def pick(self, field: str, obj: Any, base: str, *keys: Any, convert: Any = None) -> Any:
        """A single value of a JSON record: `obj` at `keys`, `base` the pointer of `obj` in the file.
        Without `convert` the value is text: a list or an object there is a record of another
        shape than its format's (TypeError, which the reader reports as `unsupported-shape`)."""
        v = dig(obj, *keys)
        if v is None:
            return None
        if convert is None:
            if isinstance(v, (list, dict)):
                raise TypeError(f"{'/'.join(map(str, keys))} is a {type(v).__name__}, not text")
            convert = vocab.text
        return self.set(field, convert(v), {"pointer": base + pointer(*keys)}, v)

    def has(self, field: str) -> bool:
        return field in self._study

    def get(self, field: str) -> Any:
        return self._study.get(field)

    def _note(self, field: str, value: Any, where: dict[str, Any] | None, raw: Any,
              part: tuple[int, int] | None) -> None:
        if where is None:
            return
        loc = dict(where)
        if isinstance(raw, str):
            loc["start"], loc["end"] = part if part is not None else stripped(raw)
        self._facts.append({"field": field, "value": value, "locator": loc})

    def study(self, order: Iterable[str] = ORDER) -> dict[str, Any]:
        """The `study` dict: empty values dropped, fields in `order`, then `facts`."""
        study = vocab.prune(self._study)
        study = {k: study[k] for k in order if k in study} | {k: v for k, v in study.items() if k not in order}
        kept = [f for f in self._facts if f["field"] in study]
        if kept:
            study["facts"] = kept
        return study
