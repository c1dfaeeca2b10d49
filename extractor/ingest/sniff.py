"""Decide which reader an input goes to, from its content; the file name suffix only breaks ties.

The answer is one of the reader kinds of `extractor.ingest.READERS`: text, html, zip, gzip,
vcr-cassette (recorded HTTP responses), xml, json, euctr-text, ictrp-csv, csv-table. This is the only
decision made before parsing: which registry a JSON or XML record comes from (and so the
`document.source.format` it gets: ctgov-xml, ictrp-xml, ctgov-v2-json, fhir-r4-json, ctis-json...)
is decided once, by its reader, from the parsed shape or the root element.
"""
from __future__ import annotations

import re

from . import csv_table, euctr_text, ictrp_csv

_HEAD = 65536
# A FHIR resource's narrative holds XHTML (`<div>`): the FHIR namespace on the root says it is FHIR.
_REGISTRY_XML = re.compile(rb"<(?:clinical_study|Trials_downloaded_from_ICTRP)[\s>/]"
                           rb"|<(?:ResearchStudy|Bundle)\s[^>]*xmlns=[\"']http://hl7\.org/fhir[\"']")
_CASSETTE = re.compile(rb'^\s*\{\s*"http_interactions"\s*:')
_HTML = re.compile(rb"<!DOCTYPE\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<div[\s>]|<p[\s>]|<table[\s>]", re.I)


def _strip_bom(head: bytes) -> bytes:
    for bom in (b"\xef\xbb\xbf",):
        if head.startswith(bom):
            return head[len(bom):]
    return head


def sniff(data: bytes, path: str = "") -> str:
    head = _strip_bom(data[:_HEAD])
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):   # an archive, or an empty one
        return "zip"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):        # UTF-16 with a BOM: decode to look
        try:
            head = data[:_HEAD].decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return "text"
    lead = head.lstrip()
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    if lead[:1] in (b"{", b"["):
        return "vcr-cassette" if _CASSETTE.match(head) else "json"
    if lead.startswith(b"<"):
        if _REGISTRY_XML.search(head):
            return "xml"
        if _HTML.search(head[:8192]):
            return "html"
        if lead.startswith(b"<?xml") or suffix == "xml":
            return "xml"
        return "html"
    text = head.decode("utf-8", "replace")
    if euctr_text.looks_like(text):
        return "euctr-text"
    if (suffix in ("csv", "") or "," in re.split(r"\r\n|\r|\n", text, 1)[0]) and ictrp_csv.looks_like(text):
        return "ictrp-csv"
    if suffix in ("csv", "tsv", "txt", "") and csv_table.shape(text, suffix):
        return "csv-table"
    if suffix in ("html", "htm") and _HTML.search(head):
        return "html"
    return "text"
