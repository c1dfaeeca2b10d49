"""`-o OUT.jsonl.gz`: gzip output, one member per input file, that resumes to the very bytes of
an uninterrupted run and that validate, export and review read."""
from __future__ import annotations

import gzip
import json
import os
import signal
import time
from pathlib import Path

import pytest

from .conftest import extract_cli, start_run, write_docs
from .engine import null_engine


def _reference(tmp_path: Path, folder: Path, name: str) -> bytes:
    ref = tmp_path / name
    assert extract_cli(str(folder), "-o", str(ref), "--workers", "1", "--quiet",
                       make_engine=null_engine) == 1
    return ref.read_bytes()


def _wait_for_files(out: Path, proc, files: int) -> None:
    """Until the checkpoint of `out` vouches for `files` input files (the gzip output has no
    lines to count); fails if the run ends or stalls before."""
    progress = Path(str(out) + ".progress")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if progress.exists() and progress.read_bytes().count(b"\n") > files:
            return
        time.sleep(0.005)
    raise AssertionError(f"the run ended or stalled before {files} files")


def test_gzip_output_is_the_plain_output_compressed(tmp_path):
    folder = tmp_path / "in"
    write_docs(folder, 30)
    plain = _reference(tmp_path, folder, "plain.jsonl")
    packed = _reference(tmp_path, folder, "packed.jsonl.gz")
    assert packed[:2] == b"\x1f\x8b"
    assert gzip.decompress(packed) == plain
    assert len(packed) < len(plain)


@pytest.mark.parametrize("workers", [1, 2])
def test_killed_gzip_run_resumes_to_the_uninterrupted_file(tmp_path, workers):
    folder = tmp_path / "in"
    write_docs(folder, 120)
    expected = _reference(tmp_path, folder, "reference.jsonl.gz")
    out = tmp_path / "out.jsonl.gz"
    proc = start_run(folder, out, workers)
    try:
        _wait_for_files(out, proc, 25)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    partial = out.read_bytes()
    assert 0 < len(partial) < len(expected)
    # a member half-written when the process died must be cut off
    with open(out, "ab") as fh:
        fh.write(gzip.compress(b'{"schema_version":"1","document":{"id":"trunc', mtime=0)[:15])
    assert extract_cli(str(folder), "-o", str(out), "--resume", "--workers", "2", "--quiet",
                       make_engine=null_engine) == 1
    assert out.read_bytes() == expected
    assert not Path(str(out) + ".progress").exists()


def test_a_damaged_gzip_output_is_redone_from_the_damage(tmp_path):
    folder = tmp_path / "in"
    write_docs(folder, 40)
    expected = _reference(tmp_path, folder, "reference.jsonl.gz")
    out = tmp_path / "out.jsonl.gz"
    proc = start_run(folder, out, 1)
    try:
        _wait_for_files(out, proc, 20)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0xFF
    out.write_bytes(bytes(data))
    extract_cli(str(folder), "-o", str(out), "--resume", "--workers", "1", "--quiet",
                make_engine=null_engine)
    assert out.read_bytes() == expected


def test_validate_export_and_review_read_gzip(tmp_path, capsys):
    from extractor.cli import main
    from extractor.export import read_records
    from extractor.review.payload import read_jsonl

    folder = tmp_path / "in"
    write_docs(folder, 5)
    _reference(tmp_path, folder, "plain.jsonl")
    _reference(tmp_path, folder, "packed.jsonl.gz")
    plain, packed = tmp_path / "plain.jsonl", tmp_path / "packed.jsonl.gz"
    assert [r for _, r in read_records(packed)] == [r for _, r in read_records(plain)]
    assert list(read_jsonl(packed)) == list(read_jsonl(plain))
    capsys.readouterr()
    main(["validate", str(plain)])
    said = capsys.readouterr().out
    main(["validate", str(packed)])
    assert capsys.readouterr().out == said
    assert json.loads(gzip.decompress(packed.read_bytes()).splitlines()[0])["schema_version"] == "1"
