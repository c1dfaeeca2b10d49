"""Batch runs: walking, order, workers, limits, the command's output and exit status."""
from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

from extractor import batch, cli
from extractor.analysis import NoAnalysis
from extractor.api import Extractor, Options
from extractor.batch import Task, pool
from extractor.deadline import deadline
from extractor.ingest import read_source

from .conftest import CORPORA, extract_cli, read_lines, write_docs
from .engine import null_engine


# -- walking -------------------------------------------------------------------------------------

def test_walk_is_sorted_recursive_skips_hidden_and_survives_link_loops(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "b" / "1.txt").write_text("x")
    (tmp_path / "a" / "z.txt").write_text("x")
    (tmp_path / ".hidden").write_text("x")
    (tmp_path / "b" / "loop").symlink_to(tmp_path)
    found = [os.path.relpath(p, tmp_path) for p in batch.iter_files([str(tmp_path)])]
    assert found == ["a/z.txt", "b/1.txt", "b/2.txt"]


def test_walk_is_lazy(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "f.txt").write_text("x")
    walk = batch.iter_tasks([str(tmp_path)])
    first = next(walk)
    # A file added to a later folder after the walk started is still found: one folder
    # listing at a time is held, never the whole tree.
    (tmp_path / "b" / "g.txt").write_text("x")
    rest = [t.path for t in walk]
    assert first.path.endswith("a/f.txt") and rest == [str(tmp_path / "b" / "f.txt"),
                                                     str(tmp_path / "b" / "g.txt")]


def test_explicit_paths_are_not_marked_walked(tmp_path):
    f = tmp_path / "x.txt"
    f.write_text("x")
    assert list(batch.iter_tasks([str(f), "-"])) == [Task(str(f), False), Task("-", False)]


# -- order and workers ---------------------------------------------------------------------------

def _run(args, make_engine=null_engine) -> int:
    return extract_cli(*args, make_engine=make_engine)


@pytest.mark.parametrize("workers", [2, 3])
def test_output_is_byte_identical_for_any_number_of_workers(tmp_path, workers):
    write_docs(tmp_path / "in", 40)
    one, many = tmp_path / "one.jsonl", tmp_path / "many.jsonl"
    assert _run([str(tmp_path / "in"), "-o", str(one), "--workers", "1"]) == 1  # empty.txt
    assert _run([str(tmp_path / "in"), "-o", str(many), "--workers", str(workers)]) == 1
    assert one.read_bytes() == many.read_bytes()
    paths = [r["document"]["source"]["path"] if "document" in r else r["error"]["path"]
             for r in read_lines(one)]
    assert paths == list(batch.iter_files([str(tmp_path / "in")]))
    assert not Path(str(one) + ".progress").exists()


def test_stdout_and_file_output_are_the_same_bytes(tmp_path, capfd):
    write_docs(tmp_path / "in", 5)
    out = tmp_path / "o.jsonl"
    _run([str(tmp_path / "in"), "-o", str(out), "--workers", "2"])
    capfd.readouterr()
    _run([str(tmp_path / "in"), "--workers", "2"])
    assert capfd.readouterr().out.encode("utf-8") == out.read_bytes()


def _documents_found(path: str) -> int:
    """How many records a file should give, asked of the reader directly."""
    try:
        with open(path, "rb") as fh:
            return len(read_source(fh.read(), path)) or 1
    except Exception:
        return 1


@pytest.mark.parametrize("folder", ["ctgov-legacy-xml-trec2017", "ctgov-api-v2-json", "nci-cts-api-v2"])
def test_one_line_per_document_found_on_real_folders(tmp_path, folder):
    root = CORPORA / folder
    if not root.is_dir():
        pytest.skip(f"corpus {root} not present")
    expected = sum(_documents_found(p) for p in batch.iter_files([str(root)]))
    outs = []
    for workers in (1, 2):
        out = tmp_path / f"w{workers}.jsonl"
        _run([str(root), "-o", str(out), "--workers", str(workers)])
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert outs[0].count(b"\n") == expected


def test_extract_many_yields_dicts_in_input_order(tmp_path):
    docs = write_docs(tmp_path / "in", 12)
    single = str(docs[5])
    inputs = [str(tmp_path / "in"), single]
    engine = null_engine()
    one = list(engine.extract_many(inputs, workers=1))
    two = list(engine.extract_many(inputs, workers=2))
    assert one == two
    assert isinstance(two[0], dict) and two[-1]["document"]["source"]["path"] == single
    assert len(two) == len(list(batch.iter_tasks(inputs)))


def test_extract_many_stops_its_workers_when_abandoned(tmp_path):
    write_docs(tmp_path / "in", 30)
    it = null_engine().extract_many([str(tmp_path / "in")], workers=2)
    next(it)
    import multiprocessing

    assert multiprocessing.active_children()
    it.close()
    assert not multiprocessing.active_children()


# -- exit status, limits ---------------------------------------------------------------------

def test_exit_status_is_zero_without_error_records(tmp_path):
    docs = write_docs(tmp_path / "in", 3)
    assert _run([str(d) for d in docs] + ["-o", str(tmp_path / "o.jsonl")]) == 0


def test_max_bytes_gives_too_large_and_the_run_goes_on(tmp_path):
    docs = write_docs(tmp_path / "in", 3)
    big = tmp_path / "in" / "g0" / "big.txt"
    big.write_text("Inclusion Criteria:\n- " + "age over 18 years " * 200)
    out = tmp_path / "o.jsonl"
    assert _run([str(tmp_path / "in"), "-o", str(out), "--max-bytes", "1000", "--workers", "2"]) == 1
    recs = {(r.get("error") or r["document"]["source"])["path"]: r for r in read_lines(out)}
    assert recs[str(big)]["error"]["code"] == "too-large"
    assert all("document" in recs[str(d)] for d in docs)


def test_usage_errors():
    assert cli.main(["extract", "x", "--resume"]) == 2          # resume needs -o
    assert cli.main(["extract", "x", "--workers", "0"]) == 2
    assert cli.main(["extract", "x", "--time-limit", "-1"]) == 2


# -- time limits and dead workers --------------------------------------------------------------

class _Misbehaving(NoAnalysis):
    """Behaves according to words in the document: SLOW spins in Python, HANG sits in a call
    that no signal interrupts (as code stuck in a C extension would), CRASH kills its process."""

    def analyze(self, text, items):
        if "SLOW" in text:
            while True:
                pass
        if "HANG" in text:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(60)
        if "CRASH" in text:
            os.kill(os.getpid(), signal.SIGKILL)
        return super().analyze(text, items)


def _misbehaving_engine(options=None):
    return Extractor(options, analyzer=_Misbehaving())


def _bad_folder(tmp_path, words):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, word in enumerate(words):
        (folder / f"{i:02d}.txt").write_text(f"Inclusion Criteria:\n- Age >= 18 years {word}\n")
    return folder


@pytest.mark.parametrize("workers", [1, 2])
def test_slow_document_gives_timeout_record(tmp_path, workers):
    folder = _bad_folder(tmp_path, ["ok", "SLOW", "ok"])
    out = tmp_path / "o.jsonl"
    assert _run([str(folder), "-o", str(out), "--time-limit", "0.5", "--workers", str(workers)],
                _misbehaving_engine) == 1
    recs = read_lines(out)
    assert [r["error"]["code"] if "error" in r else "doc" for r in recs] == ["doc", "timeout", "doc"]


def test_worker_stuck_where_no_signal_reaches_is_replaced(tmp_path):
    folder = _bad_folder(tmp_path, ["ok", "HANG", "ok", "ok", "ok"])
    out = tmp_path / "o.jsonl"
    started = time.monotonic()
    assert _run([str(folder), "-o", str(out), "--time-limit", "0.5", "--workers", "2"],
                _misbehaving_engine) == 1
    assert time.monotonic() - started < 50  # hang guard: the stuck worker was not waited for
    codes = [r["error"]["code"] if "error" in r else "doc" for r in read_lines(out)]
    assert codes == ["doc", "timeout", "doc", "doc", "doc"]


def test_worker_that_dies_gives_an_error_record_and_the_run_goes_on(tmp_path):
    folder = _bad_folder(tmp_path, ["ok", "CRASH", "ok", "CRASH", "ok", "ok"])
    out = tmp_path / "o.jsonl"
    assert _run([str(folder), "-o", str(out), "--workers", "2"], _misbehaving_engine) == 1
    recs = read_lines(out)
    codes = [r["error"]["code"] if "error" in r else "doc" for r in recs]
    assert codes == ["doc", "internal-error", "doc", "internal-error", "doc", "doc"]
    assert "signal 9" in recs[1]["error"]["message"]


class _SendsToTheDead:
    """A worker's pipe end whose second send (or first, `idle`) meets a broken pipe for certain:
    `idle` kills the worker before its first job; otherwise the second send waits until the
    worker has died of its first job (a CRASH document). Both are races the parent meets when a
    worker dies between two jobs it sends it, here made certain."""

    def __init__(self, conn, proc, idle: bool):
        self.conn, self.proc, self.idle, self.sent = conn, proc, idle, 0

    def send(self, obj):
        if self.idle and self.proc.is_alive():
            self.proc.kill()
        if self.idle or self.sent == 1:
            self.proc.join(timeout=30)
        self.conn.send(obj)
        self.sent += 1

    def __getattr__(self, name):
        return getattr(self.conn, name)


def _first_worker_sends_to_the_dead(monkeypatch, idle: bool) -> None:
    made = []

    class Worker(pool._Worker):
        def __init__(self, *args):
            super().__init__(*args)
            if not made:
                self.conn = _SendsToTheDead(self.conn, self.proc, idle)
            made.append(self)

    monkeypatch.setattr(pool, "_Worker", Worker)


def test_a_job_sent_to_a_worker_that_died_idle_runs_elsewhere(tmp_path, monkeypatch):
    _first_worker_sends_to_the_dead(monkeypatch, idle=True)
    write_docs(tmp_path / "in", 6)
    out, ref = tmp_path / "o.jsonl", tmp_path / "ref.jsonl"
    assert _run([str(tmp_path / "in"), "-o", str(out), "--workers", "2"]) == 1  # empty.txt
    _run([str(tmp_path / "in"), "-o", str(ref), "--workers", "1"])
    assert read_lines(out) == read_lines(ref)  # no file was blamed for the worker's death


def test_a_job_sent_to_a_worker_that_died_of_its_previous_job_runs_elsewhere(tmp_path, monkeypatch):
    _first_worker_sends_to_the_dead(monkeypatch, idle=False)
    folder = _bad_folder(tmp_path, ["CRASH", "ok", "ok", "ok", "ok"])
    out = tmp_path / "o.jsonl"
    assert _run([str(folder), "-o", str(out), "--workers", "2"], _misbehaving_engine) == 1
    recs = read_lines(out)
    # Only the job it held is reported; the one sent after its death ran on another worker.
    assert [r["error"]["code"] if "error" in r else "doc" for r in recs] == ["internal-error"] + ["doc"] * 4
    assert "signal 9" in recs[0]["error"]["message"]


def test_warnings_and_summary_on_stderr_unless_quiet(tmp_path, capsys):
    write_docs(tmp_path / "in", 4)
    cli.main(["extract", str(tmp_path / "in"), "-o", str(tmp_path / "o.jsonl"), "--workers", "1"],
             make_engine=null_engine)
    err = capsys.readouterr().err.splitlines()
    assert any("empty.txt: empty-input" in line for line in err)
    assert err[-1].startswith("extractor: 5 files: 4 documents, 1 errors, ")
    cli.main(["extract", "--quiet", str(tmp_path / "in"), "-o", str(tmp_path / "o.jsonl")],
             make_engine=null_engine)
    assert capsys.readouterr().err == ""


def test_summary_counts_match_the_output(tmp_path, capsys):
    write_docs(tmp_path / "in", 6)
    out = tmp_path / "o.jsonl"
    cli.main(["extract", str(tmp_path / "in"), "-o", str(out), "--workers", "2"], make_engine=null_engine)
    last = capsys.readouterr().err.splitlines()[-1]
    recs = read_lines(out)
    crits = sum(len(r["criteria"]) for r in recs if "document" in r)
    assert f"{crits} criteria" in last and crits > 0
    assert json.loads(out.read_text().splitlines()[0])["schema_version"] == "1"


# -- many-document files are shared out in parts -------------------------------------------------

def _study(i: int) -> dict:
    return {"protocolSection": {
        "identificationModule": {"nctId": f"NCT{10000000 + i}", "briefTitle": f"Trial {i}"},
        "eligibilityModule": {"eligibilityCriteria":
                              f"Inclusion Criteria:\n\n* Age ≥ {18 + i}\n\nExclusion Criteria:\n\n* Pregnancy"}}}


def test_a_many_document_file_shared_out_in_parts_keeps_order(tmp_path, monkeypatch):
    monkeypatch.setattr(pool, "PART", 3)  # forked workers see it too
    folder = tmp_path / "in"
    write_docs(folder, 4)
    (folder / "g0" / "studies.json").write_text(json.dumps([_study(i) for i in range(11)]))
    (folder / "g0" / "two.json").write_text(json.dumps([_study(i) for i in range(2)]))
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    _run([str(folder), "-o", str(one), "--workers", "1"])
    _run([str(folder), "-o", str(two), "--workers", "2"])
    assert one.read_bytes() == two.read_bytes()
    records = [r["document"]["source"]["record"] for r in read_lines(two)
               if "document" in r and r["document"]["source"]["path"].endswith("studies.json")]
    assert records == [f"/{i}" for i in range(11)]


def test_a_worker_lost_on_a_part_gives_an_error_line_per_document_of_that_part(tmp_path, monkeypatch):
    monkeypatch.setattr(pool, "PART", 3)  # parts [0-2], [3-5], [6-7]
    folder = tmp_path / "in"
    folder.mkdir()
    studies = [_study(i) for i in range(8)]
    studies[4]["protocolSection"]["eligibilityModule"]["eligibilityCriteria"] += "\n* CRASH"
    (folder / "studies.json").write_text(json.dumps(studies))
    out = tmp_path / "o.jsonl"
    assert _run([str(folder), "-o", str(out), "--workers", "2"], _misbehaving_engine) == 1
    got = [("error", r["error"]["code"], r["error"].get("record")) if "error" in r
           else ("doc", None, r["document"]["source"]["record"]) for r in read_lines(out)]
    assert got == [("doc", None, f"/{i}") for i in range(3)] + \
        [("error", "internal-error", f"/{i}") for i in range(3, 6)] + [("doc", None, f"/{i}") for i in (6, 7)]


def test_pool_reads_tasks_only_a_bounded_window_ahead(tmp_path):
    """Memory stays flat: the pool pulls files from the walk only as far ahead as its window."""
    docs = write_docs(tmp_path / "in", 30)
    pulled = []

    def tasks():
        for d in docs:
            pulled.append(d)
            yield Task(str(d), True)

    results = pool.run_in_pool(null_engine(), tasks(), workers=2, as_lines=True, window=4)
    first = next(results)
    assert first.path == str(docs[0])
    assert len(pulled) <= 4 + 1
    rest = list(results)
    assert [r.path for r in rest] == [str(d) for d in docs[1:]]


def test_progress_bar_on_a_terminal(tmp_path):
    import fcntl
    import pty
    import struct
    import termios

    from extractor.batch.progress import Progress

    write_docs(tmp_path / "in", 3)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    stream = os.fdopen(slave, "w")
    progress = Progress([str(tmp_path / "in")], stream=stream)
    progress.counter.join(timeout=30)  # the total (for the ETA) comes from a background walk
    for res in pool.run(null_engine(), batch.iter_tasks([str(tmp_path / "in")]), workers=1):
        progress.update(res)
    progress.close()
    progress.summary(0.5)
    stream.close()
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    text = shown.decode("utf-8", "replace")
    assert "4/4" in text and "3 docs" in text and "1 errors" in text       # bar with a total
    assert "empty-input" in text                                            # the warning
    assert "4 files: 3 documents, 1 errors" in text                        # the summary


@pytest.mark.parametrize("workers", ["1", "2"])
def test_standard_input_is_read_with_any_number_of_workers(tmp_path, workers):
    import subprocess
    import sys

    from .conftest import HERE, REPO

    text = b"Inclusion Criteria:\n- Age >= 18 years\n"
    out = subprocess.run([sys.executable, str(HERE / "run_cli.py"), "null", "extract", "-",
                          "--workers", workers, "--quiet"], input=text, capture_output=True,
                         cwd=REPO, timeout=120)
    rec = json.loads(out.stdout)
    assert rec["document"]["text"] == text.decode() and out.returncode == 0


def test_pool_does_not_stall_when_every_worker_finishes_with_the_window_full(tmp_path):
    """test_issue: with the window full and both workers done, the pool must dispatch again
    instead of waiting on no worker (a hang). A window of 1 makes that the state every time."""
    docs = write_docs(tmp_path / "in", 6)
    with deadline(60):  # hang guard: a stall raises Timeout here instead of hanging
        got = [r.path for r in pool.run_in_pool(null_engine(), (Task(str(d), True) for d in docs),
                                                 workers=2, as_lines=True, window=1)]
    assert got == [str(d) for d in docs]


# -- start-up: the pipeline loads once, in the parent ------------------------------------------

class _RecordingEngine(Extractor):
    """Writes the id of every process that warms it up."""

    def __init__(self, log: Path):
        super().__init__(Options(), analyzer=NoAnalysis())
        self.log = log

    def warm_up(self) -> None:
        with open(self.log, "a") as f:
            f.write(f"{os.getpid()}\n")
        super().warm_up()


def test_forked_workers_start_with_the_parents_engine(tmp_path):
    """With fork the engine handed to the pool is warmed up once, in this process, before the
    workers start: no worker loads its own, and replacements do not either."""
    if pool._context().get_start_method() != "fork":
        pytest.skip("workers are forked only where fork is the start method")
    log = tmp_path / "built.txt"
    write_docs(tmp_path / "in", 10)
    results = list(pool.run(_RecordingEngine(log), batch.iter_tasks([str(tmp_path / "in")]), workers=2))
    assert sum(r.documents for r in results) == 10
    assert log.read_text().split() == [str(os.getpid())]


def test_extract_many_runs_the_extractors_own_engine(tmp_path):
    """An Extractor's documents run through that Extractor (its analyzer, its options), with
    workers as without."""
    write_docs(tmp_path / "in", 6)
    ex = Extractor(Options(), analyzer=NoAnalysis())
    for workers in (1, 2):
        records = [r for r in ex.extract_many([str(tmp_path / "in")], workers=workers) if "document" in r]
        assert len(records) == 6
        assert all(not c.get("constraints") for r in records for c in r["criteria"])


def test_an_in_process_run_leaves_the_collector_as_it_was(tmp_path):
    import gc

    write_docs(tmp_path / "in", 3)
    before = gc.get_freeze_count()
    run = pool.run(null_engine(), batch.iter_tasks([str(tmp_path / "in")]), workers=1)
    next(run)
    assert gc.get_freeze_count() > before  # the engine and what it loaded are left alone meanwhile
    list(run)
    assert gc.get_freeze_count() == before
