"""The page-fact cues of models/page_facts.json, validated and compiled once."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..resources import load_rules


@dataclass(frozen=True)
class Label:
    field: str
    pattern: re.Pattern
    layouts: tuple[str, ...]
    list: bool
    value: re.Pattern | None
    window: int
    bulleted: bool = False
    system: str | None = None


@dataclass(frozen=True)
class Cues:
    labels: tuple[Label, ...]
    value_lines: tuple[tuple[re.Pattern, str | None], ...]
    statuses: frozenset[str]
    identifier_types: dict[str, str]
    furniture: re.Pattern
    brands: tuple[tuple[re.Pattern, str], ...]
    banner_lines: int
    brand_lines: tuple[re.Pattern, ...]
    owner_lines: tuple[re.Pattern, ...]
    values: dict[str, re.Pattern]


def _whole(pattern: str) -> re.Pattern:
    return re.compile(rf"(?:{pattern})", re.I)


@lru_cache(maxsize=None)
def cues() -> Cues:
    raw: dict[str, Any] = load_rules("page_facts.json", "rules/page_facts.schema.json")
    values = {k: re.compile(rf"(?:{v})") for k, v in raw["value_patterns"].items()}   # names need their capitals
    return Cues(
        labels=tuple(Label(x["field"], _whole(x["label"]), tuple(x["layouts"]), bool(x.get("list")),
                           values.get(x.get("value", "")), int(x.get("window", 1)), bool(x.get("bulleted")),
                           x.get("system")) for x in raw["labels"]),
        value_lines=tuple((_whole(x["pattern"]), x.get("enrollment_type")) for x in raw["value_lines"]),
        statuses=frozenset(s.lower() for s in raw["statuses"]),
        identifier_types={k.lower(): v for k, v in raw["identifier_types"].items()},
        furniture=_whole("|".join(raw["furniture"])),
        brands=tuple((_whole(b["pattern"]), b["site"]) for b in raw["brands"]),
        banner_lines=raw["banner_lines"],
        brand_lines=tuple(_whole(p) for p in raw["brand_lines"]),
        owner_lines=tuple(_whole(p) for p in raw["owner_lines"]),
        values=values,
    )
