"""Plain-text ingest: encodings, line endings and the coded errors for unreadable input."""
from __future__ import annotations

import codecs

import pytest

from extractor.errors import BinaryInput, EmptyInput, UndecodableText
from extractor.ingest.text import decode_bytes, normalize_newlines, read

TEXT = "Inclusion Criteria:\n- Hemoglobin ≥ 9 g/dL\n- Age 18–75 years, café\n"


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
])
def test_unicode_encodings(data, encoding):
    assert decode_bytes(data) == (TEXT, encoding)


def test_legacy_8bit_fallback():
    data = "Inclusion Criteria:\n- café ≥ 3 × ULN".replace("≥", ">=").encode("cp1252")
    text, enc = decode_bytes(data)
    assert enc == "cp1252" and text == "Inclusion Criteria:\n- café >= 3 × ULN"


@pytest.mark.parametrize("data, error", [
    (b"", EmptyInput), (b"  \n\r\n ", EmptyInput), (codecs.BOM_UTF8, EmptyInput),
    # whitespace the byte test leaves (a form feed, a line separator) is empty with or without a BOM
    (b"\x0c", EmptyInput), (codecs.BOM_UTF8 + b"\x0c", EmptyInput), ("\u2028 ".encode(), EmptyInput),
    (bytes(range(256)) * 8, BinaryInput), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), BinaryInput),
    (codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", UndecodableText),
])
def test_unreadable_inputs_raise_coded_errors(data, error):
    with pytest.raises(error) as info:
        decode_bytes(data, "x.txt")
    assert info.value.code and info.value.path == "x.txt"


def test_line_endings_map_back_to_the_file():
    raw = "Inclusion Criteria:\r\n- ANC ≥ 1500\r- Age ≥ 18\n"
    text, offsets = normalize_newlines(raw)
    assert text == "Inclusion Criteria:\n- ANC ≥ 1500\n- Age ≥ 18\n"
    assert len(offsets) == len(text) + 1
    for i, ch in enumerate(text):
        assert raw[offsets[i]] == ch or (ch == "\n" and raw[offsets[i]] == "\r")


def test_read_records_encoding_and_locates_source_offsets():
    raw = "Title\r\n\r\nInclusion Criteria:\r\n- Hemoglobin ≥ 9 g/dL\r\n"
    [src] = read(codecs.BOM_UTF8 + raw.encode("utf-8"), "doc.txt")
    assert src.encoding == "utf-8-sig" and src.format == "text"
    start = src.text.index("Hemoglobin")
    loc = src.locate(start, start + len("Hemoglobin ≥ 9 g/dL"))
    assert raw[loc["start"]:loc["end"]] == "Hemoglobin ≥ 9 g/dL"
