"""Reading records for export: a streaming JSON Lines reader, the criteria tree of a record,
and ids that are safe as file names and FHIR resource ids."""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

Record = dict[str, Any]


class Skipped:
    """What the reader passed over: error records and lines that are not document records."""

    def __init__(self) -> None:
        self.errors = 0
        self.other = 0

    def __repr__(self) -> str:
        return f"Skipped(errors={self.errors}, other={self.other})"


def read_records(source: str | Path | TextIO | Iterable[str],
                 skipped: Skipped | None = None) -> Iterator[tuple[int, Record]]:
    """Yield `(line_number, record)` for every document record, one line at a time, so a file
    of any size streams. Error records (and blank lines) are counted in `skipped`, not yielded.
    `source` is a path, `-` for standard input, an open text file or any iterable of lines."""
    skipped = skipped if skipped is not None else Skipped()
    if isinstance(source, (str, Path)):
        if str(source) == "-":
            yield from _read_lines(sys.stdin, skipped)
            return
        # a name ending in .gz: the compressed output of `extract -o OUT.jsonl.gz`
        opened = (gzip.open(source, "rt", encoding="utf-8") if str(source).endswith(".gz")
                  else open(source, encoding="utf-8"))
        with opened as fh:
            yield from _read_lines(fh, skipped)
        return
    yield from _read_lines(source, skipped)


def _read_lines(lines: Iterable[str], skipped: Skipped) -> Iterator[tuple[int, Record]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"line {number}: not JSON ({exc.msg})") from None
        if isinstance(record, dict) and "error" in record:
            skipped.errors += 1
            continue
        if not (isinstance(record, dict) and isinstance(record.get("document"), dict)
                and isinstance(record.get("criteria"), list)):
            skipped.other += 1
            continue
        yield number, record


# --- the criteria tree -------------------------------------------------------------------------

def by_id(record: Record) -> dict[str, Record]:
    return {c["id"]: c for c in record.get("criteria", [])}


def top_level(record: Record) -> list[Record]:
    """Criteria with no parent, in document order."""
    return [c for c in record.get("criteria", []) if not c.get("parent")]


def children_of(criterion: Record, index: dict[str, Record]) -> list[Record]:
    """The criterion's sub-items in document order (its `children` list, else parent links)."""
    ids = criterion.get("children")
    if ids is None:
        return [c for c in index.values() if c.get("parent") == criterion["id"]]
    return [index[i] for i in ids if i in index]


def combination(criterion: Record) -> tuple[str, int | None]:
    """How the children combine: ("all"|"any"|"at-least", threshold). "At least two of the
    following" is logic any with min_children 2; plain any is at least one."""
    logic = criterion.get("logic") or "all"
    minimum = criterion.get("min_children")
    if logic == "any" and isinstance(minimum, int) and minimum > 1:
        return "at-least", minimum
    return ("any" if logic == "any" else "all"), None


def excluded_at_top(criterion: Record) -> bool:
    """Whether a top-level criterion names people to leave out: an exclusion criterion, or an
    inclusion one that requires an absence ("No active infection"); both at once cancel."""
    return (criterion.get("kind") == "exclusion") != bool(criterion.get("negated"))


# --- ids ---------------------------------------------------------------------------------------

_UNSAFE = re.compile(r"[^A-Za-z0-9.\-]+")


def safe_id(text: str, limit: int = 64) -> str:
    """A FHIR id ([A-Za-z0-9.-]{1,64}) and portable file name for a document id; a long or
    emptied id keeps a hash of the original so distinct ids stay distinct."""
    cleaned = _UNSAFE.sub("-", text).strip("-.")
    if cleaned == text and 0 < len(text) <= limit:
        return text
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return f"{cleaned[:limit - 11].rstrip('-.') or 'document'}-{digest}"


class UniqueIds:
    """Hands out `safe_id(document id)`, with -2, -3 ... for a repeat (the same trial read from
    two files), in the order documents arrive, so the names depend on the input alone."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def __call__(self, document_id: str, limit: int = 48) -> str:
        base = safe_id(document_id, limit)
        n = self._seen.get(base, 0) + 1
        self._seen[base] = n
        return base if n == 1 else f"{base}-{n}"
