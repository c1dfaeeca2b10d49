"""Ingest: bytes of one input file -> the Sources (documents) it holds.

`read_source` picks a reader by sniffing the content (the file suffix is only a hint); every
reader returns a list of `Source` (one per record of a multi-record file) or raises a coded
`ExtractorError`; in a multi-record file, a record that cannot be read is an `ExtractorError`
in the list, in its place, so its neighbours are not lost.
"""
from __future__ import annotations

import importlib

from .limits import DEFAULT_LIMITS, Limits
from .source import Segment, Source

__all__ = ["Limits", "DEFAULT_LIMITS", "Segment", "Source", "read_source", "READERS"]

# Format name (as written in document.source.format) -> reader module in this package.
READERS: dict[str, str] = {
    "text": "text",
    "html": "html",
    "zip": "zipfile_reader",
    "gzip": "wrapped:read_gzip",
    "vcr-cassette": "wrapped:read_cassette",
    "ctgov-xml": "ctgov_xml",
    "xml": "ctgov_xml",                 # other XML: the reader says what it is not
    "json": "registry_json",
    "ctgov-v2-json": "registry_json",
    "ctgov-v1-json": "registry_json",
    "ctgov-xml-json": "registry_json",
    "nci-cts-json": "registry_json",
    "ctis-json": "registry_json",
    "euctr-json": "registry_json",
    "isrctn-json": "registry_json",
    "drks-json": "registry_json",
    "euctr-text": "euctr_text",
    "ictrp-csv": "ictrp_csv",
}


def sniff_format(data: bytes, path: str) -> str:
    from .sniff import sniff

    return sniff(data, path)


def read_source(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> list[Source]:
    limits.check_bytes(data, path)
    fmt = sniff_format(data, path)
    name, _, func = READERS.get(fmt, "text").partition(":")
    module = importlib.import_module(f".{name}", __name__)
    sources = getattr(module, func or "read")(data, path, limits)
    if fmt == "text":
        _text_facts(sources)
    return sources


def _text_facts(sources: list[Source]) -> None:
    """Plain text has no structured fields: take study facts, id and site from the page text."""
    from . import facts_text

    for s in sources:
        if not s.study:
            s.study, doc_id = facts_text.extract(s.text)
            s.doc_id = s.doc_id or doc_id
        s.site = s.site or facts_text.site_of(s.text)
