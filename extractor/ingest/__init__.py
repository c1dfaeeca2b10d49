"""Ingest: bytes of one input file -> the Sources (documents) it holds.

`read_source` picks a reader by sniffing the content (the file suffix is only a hint); every
reader returns a list of `Source` (one per record of a multi-record file) or raises a coded
`ExtractorError`.
"""
from __future__ import annotations

import importlib

from .limits import DEFAULT_LIMITS, Limits
from .source import Segment, Source

__all__ = ["Limits", "DEFAULT_LIMITS", "Segment", "Source", "read_source", "READERS"]

# Format name (as written in document.source.format) -> reader module in this package.
READERS: dict[str, str] = {
    "text": "text",
}


def sniff_format(data: bytes, path: str) -> str:
    try:
        from .sniff import sniff
    except ImportError:  # the sniffer arrives with the registry readers
        return "text"
    return sniff(data, path)


def read_source(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> list[Source]:
    limits.check_bytes(data, path)
    fmt = sniff_format(data, path)
    module = importlib.import_module(f".{READERS.get(fmt, 'text')}", __name__)
    return module.read(data, path, limits)
