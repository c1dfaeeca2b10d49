"""Ingest: bytes of one input file -> the Sources (documents) it holds.

`read_source` asks `sniff` which reader the content goes to (the file suffix is only a hint)
and calls it from the static table below. Every reader returns a list of `Source` (one per
record of a multi-record file) or raises a coded `ExtractorError`; in a multi-record file, a
record that cannot be read is an `ExtractorError` in the list, in its place, so its neighbours
are not lost. Containers (ZIP, gzip, recorded HTTP responses) are handed `read_source` to read
what they hold, so no reader imports this dispatcher.
"""
from __future__ import annotations

from typing import Callable

from . import (csv_table, euctr_text, fact_spans, facts_text, html, ictrp_csv, registry_json, registry_xml,
               text, wrapped, zipfile_reader)
from .limits import DEFAULT_LIMITS, Limits
from .sniff import sniff
from .source import Segment, Source

__all__ = ["Limits", "DEFAULT_LIMITS", "Segment", "Source", "read_source", "read_text",
           "sniff_format", "READERS", "CONTAINERS"]

Reader = Callable[[bytes, str, Limits], list]

# Reader kind (what `sniff` answers) -> reader. The record's `document.source.format` is the
# reader's to say: registry_json, for one, tells API v2 from CTIS from ISRCTN by the parsed shape.
READERS: dict[str, Reader] = {
    "text": text.read,
    "html": html.read,
    "xml": registry_xml.read,           # by root element: ClinicalTrials.gov, WHO ICTRP; else refused
    "json": registry_json.read,
    "euctr-text": euctr_text.read,
    "ictrp-csv": ictrp_csv.read,
    "csv-table": csv_table.read,        # other trial tables: an id column and the eligibility text
}
# Containers: reader(data, path, limits, read_member), each member read as an input of its own.
CONTAINERS: dict[str, Callable[[bytes, str, Limits, Reader], list]] = {
    "zip": zipfile_reader.read,
    "gzip": wrapped.read_gzip,
    "vcr-cassette": wrapped.read_cassette,
}


def sniff_format(data: bytes, path: str) -> str:
    return sniff(data, path)


def read_source(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> list[Source]:
    limits.check_bytes(data, path)
    kind = sniff(data, path)
    if kind in CONTAINERS:
        return CONTAINERS[kind](data, path, limits, read_source)
    sources = READERS[kind](data, path, limits)
    if kind == "text":
        _text_facts(sources)
    return sources


def read_text(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> list[Source]:
    """`data` read as a plain-text file whatever it looks like (a string handed to the library)."""
    limits.check_bytes(data, path)
    sources = text.read(data, path, limits)
    _text_facts(sources)
    return sources


def _text_facts(sources: list[Source]) -> None:
    """Plain text has no structured fields: take study facts, id and site from the page text."""
    for s in sources:
        if not s.study:
            s.study, doc_id = facts_text.extract(s.text)
            s.doc_id = s.doc_id or doc_id
        if not s.site:
            found = facts_text.site_fact(s.text)
            if found:
                s.site, start, end = found
                # Where the page names itself: a fact about `document.site`, listed with the others.
                s.study.setdefault("facts", []).append(
                    {"field": "site", "value": s.site, "text": s.text[start:end], "span": [start, end]})
        fact_spans.locate_read(s)
