"""What a run counts: one FileResult per input file (its records, or their JSON lines, and the
counts), and the totals of a run."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..records import to_line


@dataclass
class FileResult:
    """What one input file gave: its records (dicts, or encoded JSON lines) and counts."""

    path: str
    items: list = field(default_factory=list)
    documents: int = 0
    errors: int = 0
    criteria: int = 0
    constraints: int = 0
    words: int = 0              # of the documents' canonical text, for throughput figures
    size: int = 0               # bytes the result holds (about, for dicts): bounds the window
    warnings: list[str] = field(default_factory=list)

    @property
    def lines(self) -> int:
        return self.documents + self.errors


def summarize(path: str, records: list[dict[str, Any]], as_lines: bool) -> FileResult:
    res = FileResult(path)
    for rec in records:
        if "error" in rec:
            res.errors += 1
            e = rec["error"]
            where = e["path"] + (f" {e['record']}" if e.get("record") else "")
            res.warnings.append(f"{where}: {e['code']}: {e['message']}")
        else:
            res.documents += 1
            res.words += len(rec["document"]["text"].split())
            res.criteria += len(rec["criteria"])
            res.constraints += sum(len(c["constraints"]) for c in rec["criteria"])
    if as_lines:
        res.items = [to_line(r) for r in records]
        res.size = sum(map(len, res.items))
    else:
        res.items = records
        res.size = sum(2 * len(r["document"]["text"]) if "document" in r else 200 for r in records)
    return res


_COUNTS = ("documents", "errors", "criteria", "constraints", "words", "size")


def merge(path: str, parts: list[FileResult]) -> FileResult:
    res = FileResult(path)
    for p in parts:
        res.items.extend(p.items)
        res.warnings.extend(p.warnings)
        for name in _COUNTS:
            setattr(res, name, getattr(res, name) + getattr(p, name))
    return res


@dataclass
class Totals:
    files: int = 0
    documents: int = 0
    errors: int = 0
    criteria: int = 0
    constraints: int = 0

    def add_counts(self, files: int, documents: int, errors: int, criteria: int,
                   constraints: int) -> None:
        self.files += files
        self.documents += documents
        self.errors += errors
        self.criteria += criteria
        self.constraints += constraints

    def add(self, res: FileResult) -> None:
        self.add_counts(1, res.documents, res.errors, res.criteria, res.constraints)
