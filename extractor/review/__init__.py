"""The review page: one self-contained, offline HTML file that shows records to a person.

A pure function of records (it never runs the pipeline): each document's text with its
criteria, constraints, entities and unparsed numbers highlighted, a side list of constraints
tied to their words, filters and a document index. `render_review(records)` gives the page as
a string; `write_review(items, out)` streams it to a file, one record in memory at a time;
`read_jsonl(path)` gives the items of a JSON Lines file (a line that is not JSON becomes an
`UnreadableLine` the page lists rather than a failure); `review_file(jsonl_path, html_path)`
streams one file into the other.

    payload.py   records -> JSON safe inside <script type="application/json">, index entries
    page.py      the page around them: CSP, inline style and script, streaming writer
    cli.py       `extractor review OUT.jsonl -o review.html` (add_review_parser)
    review.css, review.js   the page's own style and behaviour, inlined into every page
"""
from __future__ import annotations

from .page import ReviewSummary, render_review, review_file, write_review
from .payload import UnreadableLine, read_jsonl

__all__ = ["ReviewSummary", "UnreadableLine", "read_jsonl", "render_review", "review_file", "write_review"]
