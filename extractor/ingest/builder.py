"""Assemble a Source's canonical text from generated pieces and mapped copies of original text."""
from __future__ import annotations

import hashlib
from typing import Any

from ..errors import ExtractorError, InternalError, UnsupportedShape
from . import fact_spans
from .mapped import Mapped, html_unescape
from .source import Segment, Source


class Builder:
    """Appends text; copies from the original become Segments; marked stretches become hints."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._len = 0
        self.segments: list[Segment] = []
        self.hints: list[tuple[int, int, str]] = []

    @property
    def pos(self) -> int:
        return self._len

    def text(self, s: str) -> None:
        """Generated text (headings, bullets, blank lines): no provenance."""
        self._parts.append(s)
        self._len += len(s)

    def copy(self, m: Mapped, locator: dict[str, Any]) -> tuple[int, int]:
        """Copied text with its map into the original named by `locator`."""
        start = self._len
        self._parts.append(m.text)
        self._len += len(m.text)
        if m.text:
            offs = m.offsets
            base = offs[0]
            identity = all(o == base + i for i, o in enumerate(offs))
            self.segments.append(Segment(start, self._len, dict(locator), base,
                                         None if identity else tuple(offs)))
        return start, self._len

    def copy_at(self, text: str, source_start: int, source_offsets: tuple[int, ...] | None,
                locator: dict[str, Any]) -> None:
        """Copied text whose map the caller already knows (`source_offsets`, len(text) + 1 entries,
        or None for the identity from `source_start`): no per-character identity test, which on
        a page of many megabytes would cost as much as the reading."""
        start = self._len
        self._parts.append(text)
        self._len += len(text)
        if text:
            self.segments.append(Segment(start, self._len, dict(locator), source_start, source_offsets))

    def copy_chars(self, text: str, offsets: list[int | None], locator: dict[str, Any]) -> None:
        """Text whose characters map one by one (None = not found in the original: generated)."""
        i, n = 0, len(text)
        while i < n:
            j = i
            if offsets[i] is None:
                while j < n and offsets[j] is None:
                    j += 1
                self.text(text[i:j])
            else:
                while j < n and offsets[j] is not None:
                    j += 1
                end = offsets[j] if offsets[j] is not None else offsets[j - 1] + 1
                self.copy(Mapped(text[i:j], tuple(offsets[i:j]) + (end,)), locator)
            i = j

    def hint(self, start: int, end: int, kind: str) -> None:
        if end > start:
            self.hints.append((start, end, kind))

    def tail(self, n: int = 2) -> str:
        """The last `n` characters written (cheap: looks only at the last parts)."""
        out = ""
        for part in reversed(self._parts):
            out = part + out
            if len(out) >= n:
                break
        return out[-n:]

    def build(self) -> str:
        return "".join(self._parts)


def isolated(path: str, record: str | None, make):
    """Build one record of a multi-record file; a failure becomes that record's error, so the
    file's other records still come out (the engine writes an error record in its place)."""
    try:
        return make()
    except ExtractorError as err:
        err.path = err.path or path
        err.record = err.record or record
        return err
    except RecursionError:
        return UnsupportedShape("record nested too deeply to read", path, record)
    except (AttributeError, TypeError, KeyError, IndexError, ValueError) as exc:
        # Fields of the wrong type (a list where the registry writes a string...): the record
        # is not of the shape its format promises.
        return UnsupportedShape(f"record of an unexpected shape ({type(exc).__name__}: {exc})", path, record)
    except Exception as exc:  # anything else is a reader bug; it must not lose the neighbours
        return InternalError(f"{type(exc).__name__}: {exc}", path, record)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_source(b: Builder, *, fmt: str, path: str, data_sha: str, record: str | None = None,
                study: dict[str, Any] | None = None, doc_id: str | None = None,
                site: str | None = None, encoding: str | None = None,
                languages: list[str] | None = None, warnings: list[str] | None = None,
                body_start: int = 0) -> Source:
    text = b.build()
    study = study or {}
    fact_spans.place(study, b.segments, text)
    src = Source(text=text, format=fmt, path=path, sha256=data_sha, record=record,
                 encoding=encoding, doc_id=doc_id, site=site, study=study,
                 segments=b.segments, sections_hint=b.hints, languages=languages or [],
                 warnings=warnings or [], body_start=body_start)
    fact_spans.locate_read(src)
    return src


def write_title(b: Builder, title: Any, locator: dict[str, Any] | None, entities: bool = False) -> None:
    """First line = title, then a blank line (CONTRACT canonical text layout)."""
    if isinstance(title, Mapped):          # already mapped (a stretch of a decoded text file)
        if title.text and "\n" not in title.text and locator is not None:
            b.copy(title, locator)
        elif title.text:
            b.text(" ".join(title.text.split()))
    elif isinstance(title, str) and title.strip():
        m = Mapped.identity(title)
        if entities:
            m = html_unescape(m)
        flat = " ".join(m.text.split())
        if flat == m.text and locator is not None:
            b.copy(m, locator)
        else:
            b.text(flat)
    b.text("\n\n")


def write_sided(b: Builder, kind: str, pieces: list[tuple],
                heading: str | None = None, bullet: str | None = None) -> None:
    """A structural inclusion/exclusion block: heading line, then the pieces, recorded as a hint.

    With `bullet`, each piece is one item: first line after the bullet, further lines indented
    under it (so the criteria stage sees one criterion per piece, its sub-lines nested). A piece
    may carry its own bullet as a third element (e.g. the registry's item number "3. ").
    """
    if not pieces:
        return
    if heading is None:
        heading = "Inclusion Criteria:" if kind == "inclusion" else "Exclusion Criteria:"
    if b.pos and b.tail() != "\n\n":
        b.text("\n" if b.tail(1) == "\n" else "\n\n")
    start = b.pos
    if heading:                            # "" = the copied text opens with its own heading
        b.text(heading + "\n\n")
    default_bullet = bullet
    for m, loc, *own in pieces:
        bullet = own[0] if own else default_bullet
        if bullet is None:
            b.copy(m, loc)
            b.text("\n\n")
            continue
        first = True
        for line in m.lines():
            if not line.text.strip():
                continue
            lead = len(line.text) - len(line.text.lstrip())
            line = line.slice(lead, len(line.text))
            b.text(bullet if first else " " * len(bullet) + " " * min(lead, 8))
            b.copy(line, loc)
            b.text("\n")
            first = False
    end = b.pos
    b.hint(start, end, kind)
