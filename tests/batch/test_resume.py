"""--resume: a killed run, resumed, ends with exactly the bytes of an uninterrupted run."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import HERE, REPO, extract_cli, write_docs
from .engine import null_engine

RUNNER = HERE / "run_cli.py"


def _extract(*args, make_engine=null_engine) -> int:
    return extract_cli(*args, make_engine=make_engine)


def _reference(tmp_path, folder) -> bytes:
    ref = tmp_path / "reference.jsonl"
    _extract(str(folder), "-o", str(ref), "--workers", "1")
    return ref.read_bytes()


def _kill_midway(folder: Path, out: Path, workers: int, after_lines: int) -> None:
    """Start the command in its own process group, wait until some records are written, then
    SIGKILL the whole group (workers included), as a crash or the out-of-memory killer would."""
    proc = subprocess.Popen([sys.executable, str(RUNNER), "slow", "extract", str(folder), "-o",
                             str(out), "--workers", str(workers), "--quiet"],
                            cwd=REPO, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if out.exists() and out.read_bytes().count(b"\n") >= after_lines:
                break
            time.sleep(0.01)
        assert proc.poll() is None, "the run finished before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)


@pytest.mark.parametrize("workers", [1, 2])
def test_killed_run_resumes_to_the_uninterrupted_output(tmp_path, workers):
    folder = tmp_path / "in"
    write_docs(folder, 120)
    expected = _reference(tmp_path, folder)
    out = tmp_path / "out.jsonl"
    _kill_midway(folder, out, workers, after_lines=25)
    partial = out.read_bytes()
    assert 25 <= partial.count(b"\n") < expected.count(b"\n")
    assert Path(str(out) + ".progress").exists()
    # A record half-written when the process died must be cut off, not kept or duplicated.
    with open(out, "ab") as fh:
        fh.write(b'{"schema_version":"1","document":{"id":"trunc')
    assert _extract(str(folder), "-o", str(out), "--resume", "--workers", "2") == 1
    assert out.read_bytes() == expected
    assert not Path(str(out) + ".progress").exists()


def test_resume_skips_finished_files(tmp_path):
    folder = tmp_path / "in"
    write_docs(folder, 60)
    expected = _reference(tmp_path, folder)
    out = tmp_path / "out.jsonl"
    _kill_midway(folder, out, 1, after_lines=20)
    checkpoint = Path(str(out) + ".progress").read_text().splitlines()
    done = {json.loads(line)[1] for line in checkpoint[1:]}
    assert done
    seen = []

    class Spy(type(null_engine())):
        def records(self, path, *args, **kwargs):
            seen.append(path)
            return super().records(path, *args, **kwargs)

    _extract(str(folder), "-o", str(out), "--resume", "--workers", "1",
             make_engine=lambda options: Spy(options, analyzer=null_engine().analyzer))
    assert out.read_bytes() == expected
    assert not done & set(seen)


def test_resume_refuses_a_checkpoint_of_other_inputs(tmp_path):
    folder = tmp_path / "in"
    write_docs(folder, 60)
    out = tmp_path / "out.jsonl"
    _kill_midway(folder, out, 1, after_lines=10)
    before = out.read_bytes()
    other = tmp_path / "other"
    write_docs(other, 3)
    assert _extract(str(other), "-o", str(out), "--resume") == 2
    assert out.read_bytes() == before


@pytest.mark.parametrize("flags, stale", [(["--resume"], "not ours"), ([], "twice")],
                         ids=["resume-without-a-checkpoint", "without-resume"])
def test_an_existing_output_without_a_checkpoint_is_overwritten(tmp_path, flags, stale):
    """--resume with no checkpoint of ours, and any run without --resume, write the whole output."""
    folder = tmp_path / "in"
    write_docs(folder, 8)
    expected = _reference(tmp_path, folder)
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"not ours\n" if stale == "not ours" else expected + expected)
    _extract(str(folder), "-o", str(out), *flags)
    assert out.read_bytes() == expected
