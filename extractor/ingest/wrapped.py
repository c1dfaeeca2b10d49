"""Containers around a document: gzip-compressed bodies and recorded HTTP responses (vcrpy JSON
cassettes, `http_interactions[].response.body`). Each body is read as an input of its own;
`Source.record` says where it came from ("/http_interactions/2"), the path stays the container's.
Formats "gzip" and "vcr-cassette"."""
from __future__ import annotations

import base64
import binascii
import gzip
import zlib
from typing import Callable

from ..errors import ExtractorError, TooLarge, UndecodableText, UnsupportedShape
from .jsonutil import load
from .limits import Limits
from .source import Source


def gunzip(data: bytes, path: str, limits: Limits) -> tuple[bytes, list[str]]:
    """(the content, warnings). Every member of a multi-member gzip (as pigz and bgzip write)
    is read; the content is capped at `limits.max_bytes` (a gzip bomb stops there); a
    truncated stream gives what it holds and a warning."""
    out = bytearray()
    rest = data
    warnings: list[str] = []
    while rest:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += d.decompress(rest, limits.max_bytes + 1 - len(out))
        except zlib.error as exc:
            if out:   # trailing garbage after complete members: what came before stands
                warnings.append(f"bytes after the gzip data were not read: {exc}")
                break
            raise UndecodableText(f"broken gzip data: {exc}", path) from None
        if len(out) > limits.max_bytes or d.unconsumed_tail:
            raise TooLarge(f"gzip content exceeds the limit of {limits.max_bytes} bytes", path)
        if not d.eof:
            warnings.append("the gzip data is truncated: the document may be incomplete")
            break
        rest = d.unused_data.lstrip(b"\0")   # members may be padded with zeros
    return bytes(out), warnings


def read_gzip(data: bytes, path: str, limits: Limits, read_member: Callable[..., list]) -> list[Source]:
    """`read_member(bytes, path, limits)` reads what the gzip holds (the ingest dispatcher)."""
    content, warnings = gunzip(data, path, limits)
    sources = read_member(content, path, limits)
    for s in sources:
        if isinstance(s, Source):
            s.warnings[:0] = warnings
    return sources


def is_cassette(doc) -> bool:
    return isinstance(doc, dict) and isinstance(doc.get("http_interactions"), list)


def read_cassette(data: bytes, path: str, limits: Limits, read_member: Callable[..., list]) -> list[Source]:
    """`read_member(bytes, path, limits)` reads each response body (the ingest dispatcher)."""
    doc = load(data, path, limits)
    if not is_cassette(doc):
        raise UnsupportedShape("JSON is not a recorded HTTP cassette", path)
    out: list[Source] = []
    for i, inter in enumerate(doc["http_interactions"]):
        body = ((inter or {}).get("response") or {}).get("body") or {}
        if "base64_string" in body:
            try:
                raw = base64.b64decode(body["base64_string"], validate=False)
            except (binascii.Error, ValueError):
                raise UndecodableText(f"interaction {i}: invalid base64 body", path) from None
        elif isinstance(body.get("string"), str):
            raw = body["string"].encode("utf-8")
        else:
            continue
        body_warnings: list[str] = []
        if raw[:2] == b"\x1f\x8b":
            raw, body_warnings = gunzip(raw, path, limits)
        if not raw.strip():
            continue                      # redirects and empty responses carry no document
        try:
            sources = read_member(raw, path, limits)
        except ExtractorError as exc:  # one bad body is its own error record, not the cassette's
            exc.path, exc.record = path, None
            sources = [exc]
        for s in sources:  # Sources and errors both carry path and record
            if isinstance(s, Source):
                s.warnings[:0] = body_warnings
            s.record = f"/http_interactions/{i}" + (s.record if s.record and s.record.startswith("/") else
                                                    (" " + s.record if s.record else ""))
            out.append(s)
    limits.check_records(len(out), path)
    return out
