"""A reader for BRAT standoff (.ann) files: text-bound entities, events, attributes, relations.

Only what the scorers need is kept. Discontinuous spans (`T1\tType 3 7;9 12\ttext`) keep every
fragment; `Entity.start`/`Entity.end` give the hull. Event argument roles keep BRAT's numbering
(`Value2`, `Operator3`); `Event.args_of("Value")` returns the arguments of a role whatever its
number, in file order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_ROLE_NUMBER = re.compile(r"\d+$")


@dataclass
class Entity:
    id: str
    type: str
    fragments: list[tuple[int, int]]
    text: str

    @property
    def start(self) -> int:
        return min(s for s, _ in self.fragments)

    @property
    def end(self) -> int:
        return max(e for _, e in self.fragments)


@dataclass
class Event:
    id: str
    type: str
    trigger: str                       # id of the text-bound trigger entity
    args: list[tuple[str, str]]        # (role as written, target id: T or E)

    def args_of(self, role: str) -> list[str]:
        """Targets of `role`, counting `Role2`, `Role3`... as the same role."""
        return [t for r, t in self.args if _ROLE_NUMBER.sub("", r) == role]


@dataclass
class Relation:
    id: str
    type: str
    args: list[tuple[str, str]]


@dataclass
class Annotation:
    entities: dict[str, Entity] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    # attribute name -> {target id -> value}; binary attributes get the value True
    attributes: dict[str, dict[str, str | bool]] = field(default_factory=dict)

    def of_type(self, type_: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.type == type_]

    def events_of_type(self, type_: str) -> list[Event]:
        return [e for e in self.events.values() if e.type == type_]

    def attribute(self, name: str, target: str) -> str | bool | None:
        return self.attributes.get(name, {}).get(target)

    def entity_of(self, target: str) -> Entity | None:
        """The text-bound entity for an id: the entity itself or an event's trigger."""
        if target in self.entities:
            return self.entities[target]
        event = self.events.get(target)
        return self.entities.get(event.trigger) if event else None


def parse_ann(content: str) -> Annotation:
    """Parse the text of an .ann file. Malformed lines are skipped (corpora carry a few)."""
    ann = Annotation()
    for line in content.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        ident, _, rest = line.partition("\t")
        kind = ident[:1]
        try:
            if kind == "T":
                _parse_entity(ann, ident, rest)
            elif kind == "E":
                _parse_event(ann, ident, rest)
            elif kind in "AM":
                parts = rest.split()
                value: str | bool = parts[2] if len(parts) > 2 else True
                ann.attributes.setdefault(parts[0], {})[parts[1]] = value
            elif kind == "R":
                type_, *args = rest.split()
                ann.relations.append(Relation(ident, type_, [tuple(a.split(":", 1)) for a in args]))
        except (IndexError, ValueError):
            continue
    return ann


def _parse_entity(ann: Annotation, ident: str, rest: str) -> None:
    head, _, text = rest.partition("\t")
    type_, _, offsets = head.partition(" ")
    fragments = []
    for frag in offsets.split(";"):
        start, end = frag.split()
        fragments.append((int(start), int(end)))
    ann.entities[ident] = Entity(ident, type_, fragments, text)


def _parse_event(ann: Annotation, ident: str, rest: str) -> None:
    parts = rest.split()
    type_, trigger = parts[0].split(":", 1)
    args = [tuple(p.split(":", 1)) for p in parts[1:] if ":" in p]
    ann.events[ident] = Event(ident, type_, trigger, args)


def read_ann(path: Path) -> Annotation:
    return parse_ann(Path(path).read_text(encoding="utf-8"))


def read_text(path: Path) -> str:
    """The document text exactly as BRAT counts offsets (no newline translation)."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()
