"""Text with an offset map back to the original, and the clean-ups ingest applies through it.

A `Mapped` holds `text` and `offsets` (len(text) + 1 entries): `offsets[i]` is where canonical
character i starts in the original value, `offsets[-1]` where the copied stretch ends. Every
clean-up is an edit list applied by `rewrite`, so offsets never drift (DESIGN principle 1).

Convention for removed characters (a CR before LF, a Markdown backslash, dedented spaces, the
markup of `<br>` or `&amp;`): they belong to the next kept character, so the original slice
`value[offsets[i]:offsets[i + 1]]` of each canonical character, once normalised by
`normalize_source_piece`, equals that character. The corpus tests check exactly this.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Mapped:
    text: str
    offsets: tuple[int, ...]

    @classmethod
    def identity(cls, text: str, base: int = 0) -> "Mapped":
        return cls(text, tuple(range(base, base + len(text) + 1)))

    def __len__(self) -> int:
        return len(self.text)

    def slice(self, start: int, end: int) -> "Mapped":
        return Mapped(self.text[start:end], self.offsets[start:end + 1])

    def strip(self) -> "Mapped":
        """Drop leading blank lines (keeping the first line's indentation) and trailing whitespace."""
        text = self.text
        end = len(text.rstrip())
        start = 0
        for m in re.finditer(r"[ \t]*\n", text):
            if m.start() != start:
                break
            start = m.end()
        if start >= end:
            return Mapped("", (self.offsets[end],))
        return self.slice(start, end)

    def lines(self) -> list["Mapped"]:
        out, pos = [], 0
        for m in re.finditer("\n", self.text):
            out.append(self.slice(pos, m.start()))
            pos = m.end()
        out.append(self.slice(pos, len(self.text)))
        return out


def rewrite(m: Mapped, edits: list[tuple[int, int, str]]) -> Mapped:
    """Apply sorted, non-overlapping edits (start, end, replacement) in `m.text` coordinates.

    Every replacement character maps to the original offset of the edit's start, so the removed
    characters belong to the replacement (see the module docstring).
    """
    if not edits:
        return m
    parts: list[str] = []
    offs: list[int] = []
    pos = 0
    for start, end, repl in edits:
        parts.append(m.text[pos:start])
        offs.extend(m.offsets[pos:start])
        parts.append(repl)
        offs.extend([m.offsets[start]] * len(repl))
        pos = end
    parts.append(m.text[pos:])
    offs.extend(m.offsets[pos:])
    return Mapped("".join(parts), tuple(offs))


def newlines(m: Mapped) -> Mapped:
    """CRLF and lone CR -> LF."""
    return rewrite(m, [(x.start(), x.end(), "\n") for x in re.finditer(r"\r\n?", m.text)])


def dedent(m: Mapped) -> Mapped:
    """Remove the indentation common to all non-blank lines (relative indentation carries nesting).

    Spaces of blank lines and trailing spaces are removed too; tabs count as one column.
    """
    text = m.text
    indents = [len(x.group(1)) for x in re.finditer(r"(?m)^([ \t]*)\S", text)]
    common = min(indents) if indents else 0
    edits: list[tuple[int, int, str]] = []
    for x in re.finditer(r"(?m)[ \t]+$", text):         # trailing spaces, blank lines
        nl = x.end()
        if nl < len(text):
            edits.append((x.start(), nl + 1, "\n"))
    if common:
        for x in re.finditer(r"(?m)^[ \t]+(?=\S)", text):
            cut = x.start() + common
            edits.append((x.start(), cut + 1, text[cut]))
    edits.sort()
    return rewrite(m, _drop_overlaps(edits))


def _drop_overlaps(edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    last = -1
    for e in edits:
        if e[0] >= last:
            out.append(e)
            last = e[1]
    return out


# Characters ClinicalTrials.gov API v2 escapes with a backslash in its Markdown-like criteria.
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~=^&$%\"'/:;,@?])")


def markdown_unescape(m: Mapped) -> Mapped:
    """`\\>` -> `>`, `\\*` -> `*` ...: the backslash belongs to the character it escapes."""
    return rewrite(m, [(x.start(), x.end(), x.group(1)) for x in _MD_ESCAPE.finditer(m.text)])


_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def html_unescape(m: Mapped) -> Mapped:
    """`&amp;` -> `&`, `&#xD;` -> CR ...: entities left as text by an upstream converter."""
    edits = []
    for x in _ENTITY.finditer(m.text):
        rep = html.unescape(x.group(0))
        if rep != x.group(0) and len(rep) == 1:
            edits.append((x.start(), x.end(), rep))
    return rewrite(m, edits)


# CTRI rows of the ICTRP export write each line break of the registry's text as "<br/ ><br>"
# (the registry's own markup, then the export's): one break, not a blank line.
_BR = re.compile(r"\r?\n?(?:<br\s*/\s+><br\s*/?>|<br\s*/?\s*>)\r?\n?", re.IGNORECASE)


def br_to_newlines(m: Mapped) -> Mapped:
    """ICTRP-style `<br>` line breaks (with any CR/LF glued to them, "<br/ >" and CTRI's
    "<br/ ><br>" too) -> one LF."""
    return rewrite(m, [(x.start(), x.end(), "\n") for x in _BR.finditer(m.text)])


def collapse_blank_runs(m: Mapped, keep: int = 1) -> Mapped:
    """Shorten runs of more than `keep` blank lines (the removed newlines join the next line)."""
    pat = re.compile(r"\n{%d,}" % (keep + 2))
    return rewrite(m, [(x.start(), x.end(), "\n" * (keep + 1)) for x in pat.finditer(m.text)])


def block(value: str, *, markdown: bool = False, entities: bool = False, br: bool = False) -> Mapped:
    """The standard clean-up of a structured field's text: returns the canonical form + map."""
    return clean(Mapped.identity(value), markdown=markdown, entities=entities, br=br)


def clean(m: Mapped, *, markdown: bool = False, entities: bool = False, br: bool = False) -> Mapped:
    """`block` for text that already carries a map (a stretch of a decoded file)."""
    if entities:
        m = html_unescape(m)
    if br:
        m = br_to_newlines(m)
    m = newlines(m)
    if markdown:
        m = markdown_unescape(m)
    return dedent(m).strip()


_PIECE_BR = re.compile(r"<br\s*/\s+><br\s*/?>|<br\s*/?\s*>", re.IGNORECASE)


def normalize_source_piece(piece: str) -> str:
    """What an original slice of one canonical character reads as after the documented clean-ups."""
    s = _PIECE_BR.sub("\n", piece)
    if "&" in s:
        s = html.unescape(s)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = _MD_ESCAPE.sub(r"\1", s)
    if len(s) > 1:
        s = s.strip(" \t") or s[:1]
        if len(s) > 1 and not s.strip():       # whitespace collapsed to one character
            s = "\n" if "\n" in s else " "
        if len(s) > 1 and set(s) == {"\n"}:
            s = "\n"
    return s
