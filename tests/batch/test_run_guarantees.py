"""What a run guarantees around the documents: the walk survives any depth, the output is
locked, checked before anything is truncated and never read back as input, inputs without a
size are read up to the limit only, and workers do not outlive the run's process."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.api import Extractor, Options

from .conftest import (HERE, REPO, extract_cli, left_in_session, read_lines, session_processes, start_run,
                       wait_for_lines, write_docs)
from .engine import null_engine

RUNNER = HERE / "run_cli.py"


def test_a_folder_nested_far_deeper_than_the_recursion_limit_is_walked(tmp_path):
    deep = tmp_path / "in"
    deep.mkdir()
    path = deep
    for _ in range(sys.getrecursionlimit() + 200):  # one level at a time: mkdir(parents=True) recurses
        path = path / "d"
        path.mkdir()
    (path / "x.txt").write_text("Inclusion Criteria:\n- Age >= 18 years\n")
    out = tmp_path / "o.jsonl"
    try:
        assert extract_cli(str(deep), "-o", str(out)) == 0
        assert [r["document"]["source"]["path"] for r in read_lines(out)] == [str(path / "x.txt")]
    finally:
        # Removed here, bottom up: pytest's own clean-up of old temporary folders recurses.
        (path / "x.txt").unlink()
        while path != tmp_path:
            path.rmdir()
            path = path.parent


def test_extract_many_takes_one_path_as_one_input(tmp_path):
    docs = write_docs(tmp_path / "in", 2)
    engine = null_engine()
    for given in (str(docs[0]), docs[0]):
        got = list(engine.extract_many(given))
        assert [r["document"]["source"]["path"] for r in got] == [str(docs[0])]


@pytest.mark.parametrize("value, hint", [(b"Inclusion", "decode the bytes"), (None, "NoneType"), (3, "int")])
def test_extract_text_refuses_what_is_not_a_string(value, hint):
    with pytest.raises(TypeError, match=hint):
        Extractor(Options()).extract_text(value)


def test_a_device_named_directly_is_read_up_to_the_limit_only(tmp_path):
    out = tmp_path / "o.jsonl"
    assert extract_cli("/dev/zero", "-o", str(out), "--max-bytes", "1000") == 1
    assert read_lines(out)[0]["error"]["code"] == "too-large"


def test_standard_input_over_the_limit_is_too_large():
    proc = subprocess.run([sys.executable, str(RUNNER), "null", "extract", "-", "--max-bytes", "1000",
                           "--quiet"], input=b"Inclusion Criteria:\n- x\n" * 500, capture_output=True,
                          cwd=REPO, timeout=120)
    assert proc.returncode == 1 and b'"code":"too-large"' in proc.stdout


def test_an_output_in_a_missing_folder_exits_2_without_a_traceback(tmp_path, capsys):
    write_docs(tmp_path / "in", 3)
    assert extract_cli(str(tmp_path / "in"), "-o", str(tmp_path / "no" / "o.jsonl")) == 2
    err = capsys.readouterr().err
    assert "cannot write the output" in err and "Traceback" not in err


def test_a_checkpoint_that_cannot_be_created_truncates_nothing(tmp_path, capsys):
    write_docs(tmp_path / "in", 3)
    out = tmp_path / "o.jsonl"
    out.write_bytes(b"precious\n")
    (tmp_path / "o.jsonl.progress").mkdir()
    assert extract_cli(str(tmp_path / "in"), "-o", str(out)) == 2
    assert out.read_bytes() == b"precious\n"
    assert "cannot write the checkpoint" in capsys.readouterr().err


def test_an_output_inside_an_input_folder_is_not_read_back(tmp_path):
    folder = tmp_path / "in"
    write_docs(folder, 3)
    out = folder / "out.jsonl"
    extract_cli(str(folder), "-o", str(out))
    first = out.read_bytes()
    extract_cli(str(folder), "-o", str(out))
    assert out.read_bytes() == first
    assert all("out.jsonl" not in (r.get("error") or r["document"]["source"])["path"] for r in read_lines(out))


def test_a_second_run_on_the_same_output_refuses_and_the_first_is_intact(tmp_path, capsys):
    folder = tmp_path / "in"
    write_docs(folder, 80)
    reference = tmp_path / "ref.jsonl"
    extract_cli(str(folder), "-o", str(reference))
    out = tmp_path / "out.jsonl"
    first = start_run(folder, out, 2)
    try:
        wait_for_lines(out, first, 5)
        assert extract_cli(str(folder), "-o", str(out)) == 2
        assert "another run is writing" in capsys.readouterr().err
    finally:
        assert first.wait(timeout=120) == 1
    assert out.read_bytes() == reference.read_bytes()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP])
def test_workers_do_not_outlive_the_run_process(tmp_path, sig):
    folder = tmp_path / "in"
    write_docs(folder, 200)
    run = start_run(folder, tmp_path / "out.jsonl", 2)
    wait_for_lines(tmp_path / "out.jsonl", run, 5)
    assert len(session_processes(run.pid)) >= 3  # the run and its two workers
    os.kill(run.pid, sig)  # the run's process alone, as a service manager or the OOM killer does
    run.wait(timeout=30)
    assert left_in_session(run.pid) == []


def test_extract_of_a_fifo_without_a_writer_does_not_block(tmp_path):
    from extractor.errors import UnreadableInput

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(UnreadableInput, match="nothing was written"):
        null_engine(Options(time_limit=2.0)).extract(str(fifo))
    assert time.monotonic() - started < 10


def test_extract_of_a_fifo_reads_what_its_writer_sends(tmp_path):
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def write():
        time.sleep(0.3)
        with open(fifo, "wb") as fh:
            fh.write(b"Inclusion Criteria:\n- Age >= 18 years\n")

    writer = threading.Thread(target=write)
    writer.start()
    doc = null_engine(Options(time_limit=20.0)).extract(str(fifo))
    writer.join()
    assert doc.text == "Inclusion Criteria:\n- Age >= 18 years\n"


def test_extract_text_with_a_lone_surrogate_gives_a_record():
    doc = null_engine().extract_text("Inclusion Criteria:\n- Age >= 18 years \ud800\n")
    assert "?" in doc.text and len(doc.criteria) == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_of_a_library_caller_do_not_outlive_it(tmp_path):
    folder = tmp_path / "in"
    write_docs(folder, 100)
    code = ("import sys, time\n"
            f"sys.path.insert(0, {str(REPO)!r})\n"
            "from tests.batch.engine import slow_engine\n"
            f"for rec in slow_engine().extract_many([{str(folder)!r}], workers=2):\n"
            "    print('x', flush=True)\n"
            "    time.sleep(0.05)\n")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=REPO, stdout=subprocess.PIPE,
                            start_new_session=True)
    assert proc.stdout.readline() == b"x\n"
    assert len(session_processes(proc.pid)) >= 3
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert left_in_session(proc.pid) == []
