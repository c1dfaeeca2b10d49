"""An ordered list's items are numbered by their place among the list's items, counted once for
the whole list: the same numbers as before for a short list (hidden items and comments as
before), and a list of thousands of items read in time linear in its length."""
from __future__ import annotations

from extractor.ingest import read_source


def _text(body: str) -> str:
    return read_source(f"<html><body><h2>Eligibility</h2>{body}</body></html>".encode(), "list.html")[0].text


def test_items_are_numbered_by_their_place_in_their_own_list():
    text = _text("<ol><li>First<!-- a comment --><li hidden>Hidden<li>Third<ol><li>Inner one<li>Inner two</ol>"
                 "<li>Fourth</ol><ul><li>Bullet</ul>")
    assert "1. First\n" in text and "3. Third\n" in text and "4. Fourth\n" in text
    assert "  1. Inner one\n" in text and "  2. Inner two\n" in text and "- Bullet\n" in text
    assert "Hidden" not in text


def test_a_long_ordered_list_numbers_every_item():
    text = _text("<ol>" + "".join(f"<li>item {n}" for n in range(1, 5001)) + "</ol>")
    assert all(f"{n}. item {n}\n" in text for n in (1, 2, 999, 1000, 5000))
