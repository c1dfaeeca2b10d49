"""HTML nested deeper than libxml2 goes: the streaming reader gives the page's text, says so in
the warnings, and maps every character back to the page; ordinary pages stay with lxml."""
from __future__ import annotations

import pytest

from extractor.errors import EmptyInput
from extractor.ingest import html, html_stream, read_source
from extractor.ingest.mapped import normalize_source_piece

DEPTH = 100_000


def _deep(inner: str, depth: int = DEPTH, tag: str = "div") -> bytes:
    return ("<html><head><title>Deep &amp; nested</title><style>p { color: red }</style></head><body>"
            "<p>Before the nesting.</p>" + f"<{tag}>" * depth + inner + f"</{tag}>" * depth
            + "<p>After the nesting.</p></body></html>").encode()


INNER = ("Inclusion criteria: age &ge; 18 years &amp; ECOG &lt; 2"
         "<script>var hidden = 'script text';</script><style>.x { content: 'style text' }</style>"
         " (caf&eacute; &#233;)")


@pytest.fixture(scope="module")
def deep():
    data = _deep(INNER)
    return data, read_source(data, "deep.html")[0]


def _check_offsets(data: bytes, src) -> None:
    """Every copied character's slice of the page reads as that character (spaces may span tags)."""
    page = data.decode()
    for seg in src.segments:
        for pos in range(seg.start, seg.end):
            piece = normalize_source_piece(page[seg.source_offset(pos):seg.source_offset(pos + 1)])
            assert src.text[pos].isspace() or piece == src.text[pos], (pos, src.text[pos], piece)


def test_deep_page_gives_the_innermost_text_and_the_text_around_it(deep):
    data, src = deep
    assert src.format == "html"
    assert src.text.startswith("Deep & nested\n\nBefore the nesting.\n\n")
    assert "Inclusion criteria: age ≥ 18 years & ECOG < 2 (café é)\n" in src.text
    assert src.text.index("Before the") < src.text.index("Inclusion") < src.text.index("After the nesting.")
    _check_offsets(data, src)


def test_deep_page_says_it_was_read_by_the_streaming_reader_and_why(deep):
    _, src = deep
    assert len(src.warnings) == 1
    assert "streaming reader" in src.warnings[0] and "Excessive depth" in src.warnings[0]


def test_script_and_style_are_not_in_the_text(deep):
    _, src = deep
    assert "script text" not in src.text and "style text" not in src.text
    assert "color: red" not in src.text and "var hidden" not in src.text


def test_entities_are_decoded_and_point_at_their_markup(deep):
    data, src = deep
    page = data.decode()
    at = src.text.index("≥")
    seg = next(s for s in src.segments if s.start <= at < s.end)
    assert page[seg.source_offset(at):seg.source_offset(at + 1)] == "&ge;"
    assert "&amp;" not in src.text and "&#233;" not in src.text


def test_a_million_levels_do_not_recurse():
    data = _deep("Inclusion criteria: adults", depth=1_000_000, tag="i")
    src = read_source(data, "deeper.html")[0]
    assert "Before the nesting.\n\nInclusion criteria: adults\nAfter the nesting." in src.text


def test_text_node_over_the_libxml2_buffer_limit_is_kept():
    # libxml2 gives up on a text node over 10 MB and drops the rest of the page.
    data = b"<html><body><p>" + b"word " * 2_400_000 + b"</p><p>After it.</p></body></html>"
    src = read_source(data, "long.html")[0]
    assert src.text.endswith("word word\n\nAfter it.\n\n") and src.text.count("word") == 2_400_000
    assert "Buffer size limit" in src.warnings[0]


def test_deep_page_is_laid_out_as_the_tree_renderer_lays_out_a_shallow_one():
    inner = ("<h2>Eligibility</h2><ul><li>Age 18 or over<li>Signed consent<br>in writing"
             "<ul><li>nested item</ul></ul><ol><li>First</li><li hidden>Hidden</li><li>Third</li></ol>"
             "<table><tr><td>cell one<td>cell two</table><nav>menu</nav>")
    shallow = read_source(_deep(inner, depth=10), "shallow.html")[0]
    data = _deep(inner)
    src = read_source(data, "deep.html")[0]
    assert shallow.warnings == [] and src.warnings
    assert src.text == shallow.text
    assert "- Age 18 or over\n" in src.text and "  - nested item\n" in src.text and "3. Third\n" in src.text
    _check_offsets(data, src)


def test_ordinary_page_goes_through_lxml(monkeypatch):
    def not_here(decoded):
        raise AssertionError("the streaming reader was used for an ordinary page")

    monkeypatch.setattr(html_stream, "render", not_here)
    data = b"<html><body><h1>Trial</h1><p>Inclusion criteria: age &gt;= 18</p></body></html>"
    src = read_source(data, "page.html")[0]
    assert src.text == "Trial\n\nTrial\n\nInclusion criteria: age >= 18\n\n"
    assert src.warnings == []


def test_text_the_tree_leaves_out_is_read_by_the_streaming_reader():
    # libxml2 puts text after </html> outside <body>, so the tree renders nothing.
    src = read_source(b"<html><body></body></html>Inclusion criteria: adults", "after.html")[0]
    assert src.text == "Inclusion criteria: adults\n"
    assert src.warnings and "the parsed tree has no visible text" in src.warnings[0]


def test_deep_page_without_visible_text_is_still_empty():
    data = ("<html><body>" + "<div>" * DEPTH + "<script>only a script</script>" + "</div>" * DEPTH
            + "</body></html>").encode()
    with pytest.raises(EmptyInput):
        html.read(data, "empty.html")


def test_deep_page_record_has_valid_spans(engine):
    """Through the checking engine: the schema, and every span's text equal to its slice."""
    data = _deep("<h2>Inclusion Criteria</h2><ul><li>Age &ge; 18 years</li><li>ECOG 0 or 1</li></ul>")
    src = read_source(data, "deep.html")[0]
    record = engine.extract_source(src)
    first, second = record["criteria"][:2]
    assert (first["text"], second["text"]) == ("Age ≥ 18 years", "ECOG 0 or 1")
    page = data.decode()
    assert page[first["locator"]["start"]:first["locator"]["end"]] == "Age &ge; 18 years"
    assert any("streaming reader" in w for w in record["warnings"])
