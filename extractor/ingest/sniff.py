"""Decide an input's format from its content; the file name suffix only breaks ties.

Format names (as written in `document.source.format`):
  text, html, zip, gzip, vcr-cassette (recorded HTTP responses), ctgov-xml, ctgov-v2-json, ctgov-v1-json, ctgov-xml-json (legacy XML converted
  to JSON by ctrdata), nci-cts-json, ctis-json, euctr-json, isrctn-json, drks-json, json (a JSON
  whose shape is decided when it is parsed), euctr-text, ictrp-csv, xml (other XML).
"""
from __future__ import annotations

import re

from . import euctr_text, ictrp_csv

_HEAD = 65536
_JSON_KEYS = [  # (format, regex over the first bytes): the first match wins
    ("vcr-cassette", rb'^\s*\{\s*"http_interactions"\s*:'),
    ("ctgov-v1-json", rb'"FullStudiesResponse"\s*:'),
    ("ctgov-v2-json", rb'"protocolSection"\s*:'),
    ("nci-cts-json", rb'"nci_id"\s*:'),
    ("ctis-json", rb'"ctNumber"\s*:'),
    ("euctr-json", rb'"(?:e3_principal_inclusion_criteria|a2_eudract_number)"\s*:'),
    ("drks-json", rb'"drksId"\s*:'),
    ("isrctn-json", rb'"isrctn"\s*:'),
    ("ctgov-xml-json", rb'"id_info"\s*:'),
]
_HTML = re.compile(rb"<!DOCTYPE\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<div[\s>]|<p[\s>]|<table[\s>]", re.I)


def _strip_bom(head: bytes) -> bytes:
    for bom in (b"\xef\xbb\xbf",):
        if head.startswith(bom):
            return head[len(bom):]
    return head


def sniff(data: bytes, path: str = "") -> str:
    head = _strip_bom(data[:_HEAD])
    if head.startswith(b"PK\x03\x04"):
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
        for fmt, pat in _JSON_KEYS:
            if re.search(pat, head):
                return fmt
        return "json"
    if lead.startswith(b"<"):
        if re.search(rb"<clinical_study[\s>]", head):
            return "ctgov-xml"
        if _HTML.search(head[:8192]):
            return "html"
        if lead.startswith(b"<?xml") or suffix == "xml":
            return "xml"
        return "html"
    text = head.decode("utf-8", "replace")
    if euctr_text.looks_like(text):
        return "euctr-text"
    if (suffix in ("csv", "") or "," in text.split("\n", 1)[0]) and ictrp_csv.looks_like(text):
        return "ictrp-csv"
    if suffix in ("html", "htm") and _HTML.search(head):
        return "html"
    return "text"
