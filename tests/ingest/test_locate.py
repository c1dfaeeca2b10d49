"""Provenance: every copied stretch of canonical text points back to the same words in the raw file.

Two checks per Source: (1) character level — for every character of a sample of segments, the
original slice `value[off[i]:off[i+1]]`, after the documented normalisations (CRLF/CR -> LF,
Markdown unescape, HTML entities, `<br>` -> LF, removed indentation), equals the character;
(2) stretch level — `Source.locate(start, end)` evaluated on the raw file (XPath / JSON Pointer /
CSV row+column / decoded file offsets) gives the canonical slice modulo the same normalisations
and whitespace layout.
"""
from __future__ import annotations

import csv
import html
import io
import json
import random
import re
from functools import lru_cache
from pathlib import Path

import pytest
from lxml import etree

from extractor.ingest import read_source, sniff_format
from extractor.ingest.jsonutil import resolve
from extractor.ingest.mapped import normalize_source_piece
from extractor.ingest.text import decode_bytes

from .conftest import need

SETS = ["ctgov-legacy-xml-2023", "ctgov-legacy-xml-trec2017", "aact-fixtures", "ctgov-api-v2-json",
        "nci-cts-api-v2", "ctrdata-demo-records", "euctr-text-download", "opentrials-registry-cassettes",
        "registry-pages-misc", "ictrp-covid-export"]
SKIP = {"SOURCE.md", "LICENSE", "LICENSE.md", "README.md"}


def _files(root: Path, name: str, limit: int) -> list[Path]:
    files = [p for p in sorted(need(root, name).rglob("*")) if p.is_file() and p.name not in SKIP]
    random.Random(7).shuffle(files)
    return files[:limit]


def _value(raw: bytes, path: Path, loc: dict, cache: dict) -> str:
    """The original text a locator names, evaluated on the raw file."""
    if "xpath" in loc:
        if "xml" not in cache:
            parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
            cache["xml"] = etree.fromstring(raw, parser)
        nodes = cache["xml"].xpath(loc["xpath"])
        return "".join(nodes[0].itertext())
    if "row" in loc:
        if "csv" not in cache:
            text, _ = decode_bytes(raw, str(path))
            cache["csv"] = list(csv.DictReader(io.StringIO(text, newline="")))
        column = loc["pointer"][1:].replace("~1", "/").replace("~0", "~")
        return cache["csv"][loc["row"] - 1][column]
    if "pointer" in loc:
        if "json" not in cache:
            cache["json"] = json.loads(decode_bytes(raw, str(path))[0])
        return resolve(cache["json"], loc["pointer"])
    if "decoded" not in cache:
        cache["decoded"] = decode_bytes(raw, str(path))[0]
    return cache["decoded"]


def _norm_stretch(s: str) -> str:
    s = re.sub(r"<br\s*/?\s*>", "\n", s, flags=re.I)
    s = normalize_source_piece(s) if len(s) == 1 else s
    import html as _h
    s = _h.unescape(s)
    s = re.sub(r"\\([\\`*_{}\[\]()#+\-.!<>|~=^&$%\"'/:;,@?])", r"\1", s)
    return " ".join(s.split())


@pytest.mark.parametrize("corpus", SETS)
def test_segments_point_back(corpora, corpus):
    checked_chars = checked_stretches = 0
    rng = random.Random(11)
    for path in _files(corpora, corpus, 60):
        raw = path.read_bytes()
        try:
            sources = read_source(raw, str(path))
        except Exception:
            continue                                     # error records are covered by the survey
        if sniff_format(raw, str(path)) in ("zip", "gzip", "vcr-cassette"):
            continue                                      # members / bodies are not offsets into this file
        for src in sources[:40]:
            if src.record and src.record.startswith("/http_interactions"):
                continue                                  # bodies live base64-encoded inside the cassette
            cache: dict = {}
            for seg in src.segments[:50]:
                value = _value(raw, path, seg.locator, cache)
                canon = src.text[seg.start:seg.end]
                for pos in range(seg.start, seg.end):
                    a, z = seg.source_offset(pos), seg.source_offset(pos + 1)
                    ch = src.text[pos]
                    piece = normalize_source_piece(value[a:z])
                    if ch.isspace():
                        assert not piece.strip() or src.format == "html", (path, pos, repr(value[a:z]))
                    else:
                        assert piece == ch, (path, src.record, pos, repr(ch), repr(value[a:z]))
                    checked_chars += 1
                # a random stretch inside the segment, located through Source.locate
                if len(canon) > 2:
                    i = rng.randrange(0, len(canon) - 1)
                    j = rng.randrange(i + 1, len(canon) + 1)
                    loc = src.locate(seg.start + i, seg.start + j)
                    assert loc is not None
                    located = value[loc["start"]:loc["end"]]
                    assert _norm_stretch(located) == _norm_stretch(canon[i:j]) or src.format == "html" and \
                        "".join(_norm_stretch(canon[i:j]).split()) in "".join(_norm_stretch(re.sub(r"<[^>]*>", " ", located)).split()), \
                        (path, src.record, located[:200], canon[i:j][:200])
                    checked_stretches += 1
    if checked_chars == 0:
        pytest.skip(f"no segments in {corpus}")
    assert checked_stretches > 0


_WORDS = ("title", "conditions", "sponsor", "investigators", "sites", "start_date", "completion_date")


@pytest.mark.parametrize("corpus", ["ctgov-legacy-xml-2023", "aact-fixtures", "ctgov-api-v2-json", "nci-cts-api-v2",
                                    "ctrdata-demo-records", "euctr-text-download", "registry-pages-misc",
                                    "ictrp-covid-export"])
def test_fact_locators_point_back(corpora, corpus):
    """Every study fact of a structured record names the place it was read: the locator evaluated
    on the raw file holds the value, its offsets the very words (names, titles, dates as written)."""
    checked = 0
    for path in _files(corpora, corpus, 25):
        raw = path.read_bytes()
        try:
            sources = read_source(raw, str(path))
        except Exception:
            continue
        if sniff_format(raw, str(path)) in ("zip", "gzip", "vcr-cassette", "html"):
            continue
        for src in sources[:20]:
            if not hasattr(src, "study") or src.format in ("text", "html"):
                continue
            cache: dict = {}
            for fact in src.study.get("facts", []):
                loc = fact["locator"]
                where = {k: v for k, v in loc.items() if k not in ("start", "end")}
                if "xpath" in where and "/@" in where["xpath"]:
                    element, attr = where["xpath"].rsplit("/@", 1)        # an attribute ("enrollment/@type")
                    _value(raw, path, {"xpath": element}, cache)             # parses the file into the cache
                    value = cache["xml"].xpath(element)[0].get(attr)
                else:
                    value = _value(raw, path, where, cache)
                assert value is not None, (path, fact)
                if "start" not in loc:
                    continue
                words = value[loc["start"]:loc["end"]]
                assert words and words == words.strip(), (path, fact, words)
                if fact["field"] in _WORDS:
                    assert " ".join(html.unescape(words).split()) == fact["value"], (path, fact, words)
                elif fact["field"] == "identifiers":
                    assert fact["value"]["value"] in " ".join(words.split()) or words in fact["value"]["value"], (path, fact)
                checked += 1
                if "span" in fact:
                    assert src.text[fact["span"][0]:fact["span"][1]] == fact["text"]
    assert checked > 0
