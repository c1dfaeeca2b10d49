"""The page around the records: a skeleton (review.html), its style and script inlined, a
Content-Security-Policy that allows nothing but that script and style, and the records as JSON
blocks streamed one at a time, followed by the index the script reads first."""
from __future__ import annotations

import base64
import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, TextIO

from .payload import Item, UnreadableLine, embed, index_entry, payload, read_jsonl

_RECORDS = "<!-- records -->"


@dataclass
class ReviewSummary:
    documents: int = 0
    errors: int = 0
    unreadable: int = 0


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@lru_cache(maxsize=1)
def _frame() -> tuple[str, str]:
    """The page before and after the records."""
    style, script = _asset("review.css"), _asset("review.js")
    for name, text in (("review.css", style), ("review.js", script)):
        # Either would end or confuse the element it is inlined in.
        assert "</" not in text and "<!--" not in text, f"{name} holds markup"
    # Hashes rather than 'unsafe-inline': a script that got into the page some other way would
    # not run. default-src 'none' keeps the page from loading anything, on any network.
    csp = (f"default-src 'none'; script-src {_hash(script)}; style-src {_hash(style)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    page = (_asset("review.html").replace("{{CSP}}", csp).replace("{{STYLE}}", style)
            .replace("{{SCRIPT}}", script))
    before, after = page.split(_RECORDS)
    return before, after


def write_review(items: Iterable[Item], out: TextIO) -> ReviewSummary:
    """Write the review page of `items` (records, or UnreadableLine from read_jsonl) to `out`,
    holding one record in memory at a time."""
    before, after = _frame()
    summary = ReviewSummary()
    entries = []
    out.write(before)
    for number, item in enumerate(items):
        entry = index_entry(item)
        if isinstance(item, UnreadableLine):
            summary.unreadable += 1
        elif "e" in entry:
            summary.errors += 1
        else:
            summary.documents += 1
        out.write(f'<script type="application/json" id="r{number}">{embed(payload(item))}</script>\n')
        entries.append(entry)
    out.write(f'<script type="application/json" id="review-index">{embed({"docs": entries})}</script>\n')
    out.write(after)
    return summary


def review_file(records: str | os.PathLike | Iterable[Item], html_path: str | os.PathLike) -> ReviewSummary:
    """Write the review page of `records` (a JSON Lines path, or records) to `html_path`, through
    a temporary file beside it renamed over it: an interrupted run leaves no half page."""
    items = read_jsonl(records) if isinstance(records, (str, os.PathLike)) else records
    target = Path(html_path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with open(fd, "w", encoding="utf-8", newline="") as out:
            summary = write_review(items, out)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise
    return summary


def render_review(records: Iterable[Item]) -> str:
    """The review page of `records` as a string; the same records give the same string."""
    out = io.StringIO()
    write_review(records, out)
    return out.getvalue()
