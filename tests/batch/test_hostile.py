"""Hostile inputs: each gives a correct record or an error record with a clear code, the run
finishes, and nothing leaks (no secret in the output, no worker left behind)."""
from __future__ import annotations

import json
import multiprocessing
import os

import pytest

from extractor import cli
from extractor import criteria as criteria_stage
from extractor import sections as sections_stage
from extractor.deadline import deadline
from extractor.errors import Timeout
from extractor.validate import problems

from . import hostile
from .engine import real_analyzer_available, real_or_null_engine

# Wall time per document: nested.html needs about 2 s of CPU, which a loaded machine (a CI
# runner shared with other jobs) can stretch past 3 s of wall time.
TIME_LIMIT = "6"

DOC = "document"
# name -> what is acceptable: DOC for a document record, or error codes.
EXPECTED: dict[str, set[str]] = {
    "empty.txt": {"empty-input"},
    "binary.bin": {"binary-input"},
    "invalid_utf8.txt": {DOC, "undecodable-text"},
    "utf16_bom.txt": {DOC},
    "truncated.xml": {"malformed-xml"},
    "entity_bomb.xml": {"unsafe-input", "malformed-xml"},
    "xxe.xml": {DOC, "unsafe-input", "malformed-xml"},
    "big.html": {DOC, "timeout", "too-large"},
    "nested.html": {DOC},
    "line_spaced.txt": {DOC, "timeout"},
    "line_glued.txt": {DOC, "timeout"},
    "wrong_shape.json": {"unsupported-shape"},
    "dangling.txt": {"unreadable-input"},
    "fifo.txt": {"unreadable-input"},
    "sub/ok.txt": {DOC},
}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One batch run (two workers, the real analyzer when present) over every hostile input."""
    root = tmp_path_factory.mktemp("hostile")
    made = hostile.make(root / "in", root / "secret.txt")
    out = root / "out.jsonl"
    status = cli.main(["extract", str(root / "in"), "-o", str(out), "--workers", "2",
                       "--time-limit", TIME_LIMIT, "--quiet"], make_engine=real_or_null_engine)
    raw = out.read_bytes()
    records = [json.loads(line) for line in raw.splitlines()]
    by_path = {}
    for rec in records:
        path = rec["error"]["path"] if "error" in rec else rec["document"]["source"]["path"]
        by_path[os.path.relpath(path, root / "in")] = rec
    os.chmod(made["unreadable.txt"], 0o600)
    return {"status": status, "raw": raw, "records": records, "by_path": by_path, "made": made}


def _outcome(rec) -> str:
    return rec["error"]["code"] if "error" in rec else DOC


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_input_gives_a_correct_record_or_a_clear_error(run, name):
    rec = run["by_path"][name]
    assert _outcome(rec) in EXPECTED[name], rec.get("error")
    assert not problems(rec)


def test_nested_html_is_read_past_the_depth_limit_and_says_how(run):
    rec = run["by_path"]["nested.html"]
    assert "Inclusion criteria: age 18 or older" in rec["document"]["text"]
    assert any("streaming reader" in w for w in rec["warnings"])


def test_unreadable_file(run):
    rec = run["by_path"]["unreadable.txt"]
    # As root, permission bits do not stop reading: then the file is simply a document.
    expected = DOC if os.geteuid() == 0 else "unreadable-input"
    assert _outcome(rec) == expected


def test_utf16_text_is_decoded(run):
    assert "Age ≥ 18 years" in run["by_path"]["utf16_bom.txt"]["document"]["text"]


def test_run_finishes_with_one_line_per_input_and_link_loop_walked_once(run):
    assert run["status"] == 1
    names = sorted(run["by_path"])
    assert names == sorted(set(EXPECTED) | {"unreadable.txt"})
    assert len(run["records"]) == len(names)


def test_no_secret_and_no_expansion_leaks(run):
    assert hostile.SECRET.encode() not in run["raw"]
    assert b"lollollol" not in run["raw"]
    assert len(json.dumps(run["by_path"]["entity_bomb.xml"])) < 10_000


def test_no_worker_left_behind(run):
    assert not multiprocessing.active_children()


def test_no_internal_errors(run):
    internal = {n: r["error"]["message"] for n, r in run["by_path"].items()
                if _outcome(r) == "internal-error"}
    assert not internal


# -- the 1 MB line, stage by stage (a hang guard, not a speed test) ---------------------------

@pytest.mark.parametrize("line", [hostile.SPACED_LINE, hostile.GLUED_LINE], ids=["spaced", "glued"])
def test_sections_and_criteria_stages_finish_on_a_1mb_line(line):
    text = "Inclusion Criteria:\n- " + line + "\n"
    with deadline(10):
        secs = sections_stage.find_sections(text)
        ranges = sections_stage.list_ranges(text, secs)
    with deadline(10):
        items = criteria_stage.build_tree(text, ranges)
    assert items and all(0 <= it.start < it.end <= len(text) for it in items)


@pytest.mark.skipif(not real_analyzer_available(), reason="the NLP stage is not present")
@pytest.mark.parametrize("line, why", [
    (hostile.SPACED_LINE, "nlp: a 1 MB criterion of numbers and comparators takes ~10 s "
                          "(212,000 constraints built one by one in nlp/quantities/)"),
    (hostile.GLUED_LINE, "nlp: the accounting of numbers and the case test of the cue patterns "
                         "read the whole criterion again for each of its numbers (100 KB of glued "
                         "comparators ~60 s; the tokenizer's suffix search reads a token's end "
                         "only, so 6 KB of '<>=' takes 0.1 s where it took ~6 s)"),
], ids=["spaced", "glued"])
def test_nlp_stage_finishes_on_a_1mb_line(line, why):
    """The engine does not hand criteria over Options.max_criterion_chars to the analyzer, so a
    batch is safe either way; this measures the analyzer itself on what it could be given."""
    from extractor.nlp import Analyzer

    analyzer = _analyzer(Analyzer)
    text = "Inclusion Criteria:\n- " + line + "\n"
    try:
        with deadline(5):
            analyzer.analyze(text, [(22, len(text) - 1)])
    except Timeout:
        pytest.xfail(why)


_ANALYZERS: dict = {}


def _analyzer(cls):
    if cls not in _ANALYZERS:
        _ANALYZERS[cls] = cls()
    return _ANALYZERS[cls]


def test_issue_long_number_does_not_raise():
    """A 400-digit number overflows float; the engine must still give a record."""
    import extractor

    text = "Inclusion Criteria:\n- Platelets > " + "9" * 400 + " /mm3\n"
    try:
        doc = extractor.extract_text(text)
    except OverflowError:
        pytest.xfail("normalize/numbers.py _tidy: int(float('9'*400)) raises OverflowError "
                     "(float is inf); extract_text raises instead of returning a record")
    assert not problems(doc.to_dict())
