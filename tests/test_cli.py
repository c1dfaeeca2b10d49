"""The command line as a user meets it: extract, exit codes, stdin, determinism, explain."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import SAMPLES, SEEDS, SHARED

CLI = [sys.executable, "-m", "extractor.cli"]


def run(*args, stdin=None):
    return subprocess.run(CLI + list(args), input=stdin, capture_output=True, timeout=300)


def test_extract_samples_to_stdout_is_deterministic():
    first = run("extract", str(SAMPLES), "--workers", "1")
    second = run("extract", str(SAMPLES), "--workers", "1")
    assert first.returncode == 0, first.stderr.decode()
    assert first.stdout == second.stdout
    lines = first.stdout.decode("utf-8").splitlines()
    assert len(lines) == len(list(SAMPLES.iterdir()))
    paths = [json.loads(line)["document"]["source"]["path"] for line in lines]
    assert paths == sorted(paths)


def test_extract_seeds_passes_the_contract_check(tmp_path):
    if not SEEDS.is_dir():
        pytest.skip("seed documents absent")
    out = tmp_path / "out.jsonl"
    res = run("extract", str(SEEDS), "-o", str(out), "--workers", "1")
    assert res.returncode == 0, res.stderr.decode()
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5
    checker = SHARED / "tools" / "check-output"
    if checker.exists():
        chk = subprocess.run([sys.executable, str(checker), str(out), "--expect-records", "5"],
                             capture_output=True, text=True)
        assert chk.returncode == 0, chk.stdout
        assert "0 problems" in chk.stdout


def test_stdin_and_error_records(tmp_path):
    res = run("extract", "-", "--workers", "1", stdin="Inclusion Criteria:\n- Age ≥ 18 years\n".encode())
    assert res.returncode == 0
    rec = json.loads(res.stdout)
    assert rec["document"]["source"]["path"] == "-" and rec["criteria"][0]["kind"] == "inclusion"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text("Exclusion Criteria:\n- Pregnancy\n", encoding="utf-8")
    res = run("extract", str(tmp_path), "--workers", "1")
    assert res.returncode == 1  # one input gave an error record; the run still finished
    lines = [json.loads(x) for x in res.stdout.decode().splitlines()]
    assert lines[0]["error"]["code"] == "empty-input" and "document" in lines[1]
    assert b"empty-input" in res.stderr


def test_usage_error_exit_code():
    assert run("extract").returncode == 2
    assert run("frobnicate").returncode == 2


def test_explain_shows_tree():
    res = run("explain", str(SAMPLES / "hospital_trial_page.txt"))
    assert res.returncode == 0
    out = res.stdout.decode()
    assert "-- criteria (22)" in out
    assert "logic=any(min 2)" in out and "At least two of the following prior therapies" in out
