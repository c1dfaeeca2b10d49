"""Plain text: decode bytes (detecting the encoding) and normalise line endings with an offset map."""
from __future__ import annotations

import codecs
import re

from ..errors import BinaryInput, EmptyInput, UndecodableText

# Control characters that never occur in real text documents; their presence means binary data.
_BINARY_CONTROLS = set(range(0, 32)) - {9, 10, 12, 13, 27}


def decode_bytes(data: bytes, path: str = "") -> tuple[str, str]:
    """Decode `data` and return (text, encoding name).

    Order: a BOM (UTF-8, UTF-16 LE/BE, UTF-32) decides; then strict UTF-8; then a legacy 8-bit
    fallback (cp1252, else latin-1) when the bytes do not look binary. Raises coded errors for
    empty, binary or undecodable input.
    """
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise EmptyInput("the input is empty", path)
    for bom, name in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                      (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                      (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(name.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise UndecodableText(f"{name} BOM but invalid {name} at byte {exc.start}", path) from None
            _reject_binary(text, path)
            if not text.strip():
                raise EmptyInput("the input is empty", path)
            return text, name
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as exc:
        if _looks_binary(data):
            raise BinaryInput("the input is binary, not text", path) from None
        mixed = _mostly_utf8(data)
        if mixed is not None:
            text, encoding = mixed, MIXED
            _reject_binary(text, path)
            return text, encoding
        try:
            text = data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            # latin-1 decodes any byte; only reached when cp1252 has undefined bytes (0x81...).
            text = data.decode("latin-1")
            encoding = "latin-1"
        if _control_ratio(text) > 0.01:
            raise UndecodableText(f"invalid UTF-8 at byte {exc.start} and no legacy encoding fits", path) from None
    _reject_binary(text, path)
    if not text.strip():
        # only whitespace the byte test above does not strip ("\x0c", "\u2028"): empty, as
        # the same text after a BOM is
        raise EmptyInput("the input is empty", path)
    return text, encoding


# UTF-8 text with a few bytes that are not UTF-8 (a Windows-1252 character pasted into a UTF-8
# file): the stray bytes are read as Windows-1252, one character each, and the rest as UTF-8.
MIXED = "utf-8+cp1252"
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


_STRAY = re.compile("[\udc80-\udcff]")


def _mostly_utf8(data: bytes) -> str | None:
    """`data` as UTF-8 with its stray bytes read as Windows-1252 (one character each), when it
    is UTF-8 text with a few such bytes: at least as many valid multi-byte UTF-8 sequences as
    stray bytes. A Windows-1252 file has next to no valid multi-byte sequences; None then."""
    valid = len(_UTF8_MULTIBYTE.findall(data))
    if not valid:
        return None
    text = data.decode("utf-8", "surrogateescape")   # a stray byte b -> U+DC00 + b
    strays = len(_STRAY.findall(text))
    if strays > valid:
        return None
    return _STRAY.sub(lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252", "replace"), text)


def decode_warnings(encoding: str | None) -> list[str]:
    """What a record should say about how its bytes were decoded."""
    if encoding == MIXED:
        return ["the text is UTF-8 with bytes that are not: those were read as Windows-1252"]
    return []


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    return b"\x00" in sample or sum(b in _BINARY_CONTROLS for b in sample) > len(sample) * 0.01


def _control_ratio(text: str) -> float:
    sample = text[:8192]
    return sum(ord(ch) in _BINARY_CONTROLS for ch in sample) / max(1, len(sample))


def _reject_binary(text: str, path: str) -> None:
    if "\x00" in text[:8192] or _control_ratio(text) > 0.01:
        raise BinaryInput("the input is binary, not text", path)


def normalize_newlines(text: str) -> tuple[str, tuple[int, ...] | None]:
    """Turn CRLF and lone CR into LF and nothing else.

    Returns (canonical text, offset map) where map[i] is the offset in `text` of canonical
    offset i (len == len(canonical) + 1), or None when nothing changed (identity map).
    """
    if "\r" not in text:
        return text, None
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        offsets.append(i)
        if ch == "\r":
            out.append("\n")
            i += 2 if i + 1 < n and text[i + 1] == "\n" else 1
        else:
            out.append(ch)
            i += 1
    offsets.append(n)
    return "".join(out), tuple(offsets)


def read(data: bytes, path: str, limits=None) -> list["Source"]:
    """A plain-text document: decoded text with line endings made "\\n", offsets mapped back."""
    from .builder import sha256
    from .source import Segment, Source

    if limits is not None:
        limits.check_bytes(data, path)
    decoded, encoding = decode_bytes(data, path)
    text, offsets = normalize_newlines(decoded)
    # Source offsets are into the decoded file (after any BOM), as a reviewer's editor shows it.
    segment = Segment(0, len(text), {}, 0, offsets)
    return [Source(text=text, format="text", path=path, sha256=sha256(data), encoding=encoding,
                   segments=[segment], warnings=decode_warnings(encoding))]
