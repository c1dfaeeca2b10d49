"""The page as bytes: escaping, determinism, streaming, the index, the command. No browser."""
from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.review import UnreadableLine, read_jsonl, render_review, review_file, write_review
from extractor.review.cli import main_review
from extractor.review.payload import embed, index_entry

from .records import HOSTILE, hostile_error, hostile_record, notes_record, spans_record


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=())))
def test_embedded_json_reads_back_and_holds_no_markup(text):
    out = embed({"text": text, "list": [text]})
    assert not re.search("[<>&\u2028\u2029\ud800-\udfff]", out)
    assert json.loads(out) == {"text": text, "list": [text]}


def test_not_finite_numbers_become_null():
    assert json.loads(embed({"a": float("nan"), "b": [float("inf"), 1.5]})) == {"a": None, "b": [None, 1.5]}


def test_record_markup_never_reaches_the_page_as_markup():
    records = [hostile_record(), hostile_error(), spans_record()]
    page = render_review(records)
    # Ours alone: one data block per record, the index, the script.
    assert len(re.findall("<script", page, re.I)) == len(records) + 2
    assert len(re.findall("</script", page, re.I)) == len(records) + 2
    assert page.count("<!--") == 0
    for bad in HOSTILE[:5]:
        assert bad not in page
    blocks = re.findall(r'<script type="application/json" id="r(\d+)">(.*?)</script>', page, re.S)
    assert [json.loads(b) for _, b in blocks] == records


def test_the_page_loads_nothing_and_its_script_and_style_match_the_policy():
    page = render_review([spans_record()])
    frame = re.sub(r'<script type="application/json".*?</script>', "", page, flags=re.S)
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]", frame, re.I), "no address in the page itself"
    assert not re.search(r"\b(src|href)=\"(?!data:)", frame)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    script = re.findall(r"<script>(.*?)</script>", page, re.S)[-1]
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    for source, directive in ((script, "script-src"), (style, "style-src")):
        digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp


def test_same_records_same_bytes_and_streaming_equals_the_string(tmp_path):
    records = [spans_record(), hostile_record(), hostile_error()]
    jsonl = tmp_path / "out.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    first = render_review(records)
    assert render_review(json.loads(json.dumps(records))) == first
    out = io.StringIO()
    write_review(read_jsonl(jsonl), out)
    assert out.getvalue() == first
    html = tmp_path / "review.html"
    assert main_review([str(jsonl), "-o", str(html)]) == 0
    assert html.read_bytes() == first.encode("utf-8")
    again = tmp_path / "again.html"
    assert review_file(jsonl, again).documents == 2
    assert again.read_bytes() == first.encode("utf-8")
    assert main_review([str(jsonl), "-o", str(html)]) == 0
    assert html.read_bytes() == first.encode("utf-8")


def test_index_entries_carry_the_filter_bits():
    entry = index_entry(spans_record())
    # c1-c3 inclusion with constraints; c4 exclusion negated; c5 exclusion, no constraint,
    # unparsed; c6 unspecified, no constraint, unparsed.
    assert entry["f"] == "111" + "6" + "q" + "o"
    assert entry["k"] == 6 and entry["i"] == "SPANS-1" and "text" not in json.dumps(entry)
    assert index_entry(hostile_error())["e"] == HOSTILE[0]
    # A note's constraints and unparsed numbers count for its criterion: c1 (exclusion) has
    # constraints only in its note, c2 (exclusion) an unparsed number only in its note.
    notes = index_entry(notes_record())
    assert notes["f"] == "2" + "i" and notes["k"] == 4


def test_lines_that_are_not_records_are_listed_not_fatal(tmp_path, capsys):
    jsonl = tmp_path / "mixed.jsonl"
    good = json.dumps(spans_record())
    jsonl.write_bytes(b"\n".join([good.encode(), b"{not json", b"", b"[1, 2]", b"\xff\xfe" + good.encode()[:10],
                                  b'{"a": NaN, "document": {"text": "x"}}']) + b"\n")
    items = list(read_jsonl(jsonl))
    assert [type(i).__name__ for i in items] == ["dict", "UnreadableLine", "UnreadableLine",
                                                 "UnreadableLine", "dict"]
    assert [i.line for i in items if isinstance(i, UnreadableLine)] == [2, 4, 5]
    assert items[-1]["a"] is None
    html = tmp_path / "review.html"
    assert main_review([str(jsonl), "-o", str(html)]) == 1
    assert "3 unreadable lines" in capsys.readouterr().err
    assert html.read_text(encoding="utf-8").count('type="application/json"') == 6


def test_usage_errors_leave_nothing_behind(tmp_path):
    assert main_review([str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "r.html")]) == 2
    (tmp_path / "in.jsonl").write_text(json.dumps(spans_record()) + "\n", encoding="utf-8")
    assert main_review([str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "no" / "r.html")]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_the_command_reads_standard_input_and_writes_standard_output(tmp_path):
    data = (json.dumps(spans_record()) + "\n").encode()
    code = "import sys; from extractor.review.cli import main_review; sys.exit(main_review(['-']))"
    got = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True, timeout=60)
    assert got.returncode == 0, got.stderr
    assert got.stdout == render_review([spans_record()]).encode("utf-8")


def test_the_subcommand_wires_into_a_parser(tmp_path):
    import argparse

    from extractor.review.cli import add_review_parser

    parser = argparse.ArgumentParser(prog="extractor")
    add_review_parser(parser.add_subparsers(dest="command", required=True))
    (tmp_path / "in.jsonl").write_text(json.dumps(spans_record()) + "\n", encoding="utf-8")
    args = parser.parse_args(["review", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "r.html")])
    assert args.func(args) == 0
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == render_review([spans_record()])
