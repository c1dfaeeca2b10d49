"""--resume: a killed run, resumed, ends with exactly the bytes of an uninterrupted run."""
from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

from .conftest import extract_cli, left_in_session, start_run, wait_for_lines, write_docs
from .engine import null_engine

def _extract(*args, make_engine=null_engine) -> int:
    return extract_cli(*args, make_engine=make_engine)


def _reference(tmp_path, folder) -> bytes:
    ref = tmp_path / "reference.jsonl"
    _extract(str(folder), "-o", str(ref), "--workers", "1")
    return ref.read_bytes()


def _kill_midway(folder: Path, out: Path, workers: int, after_lines: int) -> None:
    """Start the command in its own process group, wait until some records are written, then
    SIGKILL the whole group (workers included), as a crash or the out-of-memory killer would."""
    proc = start_run(folder, out, workers)
    try:
        wait_for_lines(out, proc, after_lines)
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


def _resume(folder: Path, out: Path) -> int:
    return _extract(str(folder), "-o", str(out), "--resume", "--workers", "2")


def test_an_input_changed_since_the_interrupted_run_is_done_again(tmp_path):
    folder = tmp_path / "in"
    docs = write_docs(folder, 60)
    out = tmp_path / "out.jsonl"
    _kill_midway(folder, out, 1, after_lines=30)
    done = [json.loads(line)[1] for line in Path(str(out) + ".progress").read_text().splitlines()[1:]]
    changed = Path(done[3])
    changed.write_text(changed.read_text().replace("Age >=", "Age >= 99 or"))
    os.utime(changed, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    _resume(folder, out)
    assert out.read_bytes() == _reference(tmp_path, folder)
    assert any(r["document"]["source"]["path"] == str(changed) and "99" in r["document"]["text"]
               for r in map(json.loads, out.read_bytes().splitlines()) if "document" in r)
    assert docs


@pytest.mark.parametrize("damage", ["replaced", "cut-mid-line"])
def test_an_output_that_does_not_hold_what_the_checkpoint_says_is_not_spliced(tmp_path, damage):
    folder = tmp_path / "in"
    write_docs(folder, 60)
    out = tmp_path / "out.jsonl"
    _kill_midway(folder, out, 1, after_lines=30)
    data = out.read_bytes()
    if damage == "replaced":
        out.write_bytes(data[:100] + b"x" * (len(data) - 100))
    else:
        out.write_bytes(data[:len(data) // 2])  # shorter than the checkpoint says, mid-line
    _resume(folder, out)
    assert out.read_bytes() == _reference(tmp_path, folder)


def test_a_checkpoint_without_its_first_line_starts_over(tmp_path):
    folder = tmp_path / "in"
    write_docs(folder, 8)
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"left over\n")
    Path(str(out) + ".progress").write_bytes(b'{"checkpoint": 2, "inp')
    _resume(folder, out)
    assert out.read_bytes() == _reference(tmp_path, folder)


def test_killed_at_five_points_in_turn_then_resumed_equals_an_uninterrupted_run(tmp_path):
    """The run's process alone is killed (SIGKILL or SIGTERM, as a service manager or the OOM
    killer would) at five random points in turn, resuming each time; the output ends exactly as
    an uninterrupted run's, and no process of any of those runs is left."""
    import random

    folder = tmp_path / "in"
    write_docs(folder, 150)
    expected = _reference(tmp_path, folder)
    total = expected.count(b"\n")
    out = tmp_path / "out.jsonl"
    rng = random.Random(7)
    points = sorted(rng.sample(range(5, total - 10), 5))
    for n, at in enumerate(points):
        proc = start_run(folder, out, 2, *(["--resume"] if n else []))
        wait_for_lines(out, proc, at)
        os.kill(proc.pid, signal.SIGKILL if n % 2 == 0 else signal.SIGTERM)
        proc.wait(timeout=30)
        assert left_in_session(proc.pid) == []
    assert _resume(folder, out) == 1
    assert out.read_bytes() == expected
    assert not Path(str(out) + ".progress").exists()
