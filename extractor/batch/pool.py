"""Running many inputs through an engine it is handed, in this process or in a worker pool.

The pool is small and hand-made rather than `multiprocessing.Pool` because a batch must survive
a worker that hangs in C code or dies (a crash in a parser, the out-of-memory killer): the
parent watches every worker, kills one whose document overruns the hard time limit, reports
that file as an error record and starts a fresh worker. `multiprocessing.Pool` loses the task of
a dead worker and waits for it forever.

Results come back in input order through a bounded reorder window, so the output is the same
bytes whatever the number of workers, and memory does not grow with the number of files.
"""
from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import pickle
import selectors
import signal
import sys
import time
from collections import deque
from typing import Any, Iterable, Iterator

from ..errors import ExtractorError, InternalError, Timeout
from ..ingest.files import read_stdin
from ..records import error_record
from .results import FileResult, merge, summarize
from .walk import Task


class Clock:
    """Where a worker tells the parent's watchdog when its current document started: the
    engine calls `start()`/`stop()` around reading a file and around each document."""

    def __init__(self, shared=None):
        self.shared = shared

    def start(self) -> None:
        if self.shared is not None:
            self.shared.value = time.monotonic()

    def stop(self) -> None:
        if self.shared is not None:
            self.shared.value = 0.0


# A file with more documents than this (a registry export, an API search page) is sent back to
# the parent after reading and its documents shared out in parts of this size, so one big file
# does not leave the other workers idle at the end of a run.
PART = 16


def run_in_process(engine, tasks: Iterable[Task], as_lines: bool) -> Iterator[FileResult]:
    # As in a worker (see _worker_main): the collector leaves what is alive now alone for the
    # run, and takes it back at the end, so a library caller's process is left as it was.
    gc.freeze()
    try:
        for task in tasks:
            if task.path == "-" and task.data is None:
                task = task._replace(data=read_stdin(engine.options.limits.max_bytes))
            yield summarize(task.path, engine.records(*task), as_lines)
    finally:
        gc.unfreeze()


def _die_with(parent: int) -> None:
    """Have the kernel kill this worker when its parent dies, however the parent dies (SIGKILL,
    the out-of-memory killer): a worker left behind would run on holding the run's files."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _worker_main(conn, engine, as_lines: bool, shared_clock, parent: int) -> None:
    _die_with(parent)
    # The parent handles Ctrl-C and stops the workers; a worker must not die of it mid-write.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Everything alive now (the pipeline, its lexicons, the modules) lives as long as the worker:
    # the collector need not walk it again, and not touching it keeps the pages a forked worker
    # shares with its parent shared.
    gc.freeze()
    clock = Clock(shared_clock)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        key, task, sources = job
        del job
        if sources is None:  # a whole file
            sources = engine.read(*task, watch=clock)
            task = task._replace(data=None)
            if len(sources) > PART:
                conn.send((key, _packed_parts(sources)))  # to be shared out in parts
                continue
        elif isinstance(sources, bytes):  # a part of a shared-out file
            sources = pickle.loads(sources)
        conn.send((key, summarize(task.path, engine.records_of(sources, clock), as_lines)))


def _packed_parts(sources: list) -> list[bytes]:
    """The Sources of a many-document file in parts of PART, each pickled here: the parent
    passes the parts on to the workers as they are, without unpickling and pickling again every
    document (a fifth of the parent's CPU time over the raw corpora, on cores it shares with
    the workers)."""
    return [pickle.dumps(sources[k:k + PART], pickle.HIGHEST_PROTOCOL) for k in range(0, len(sources), PART)]


class _Worker:
    def __init__(self, ctx, engine, as_lines: bool):
        self.shared_clock = ctx.RawValue("d", 0.0)
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, daemon=True,
                                args=(child, engine, as_lines, self.shared_clock, os.getpid()))
        self.proc.start()
        child.close()
        # (key, task, sources or None) sent and not answered yet, in the order the worker
        # takes them: the first is the one it runs.
        self.jobs: deque = deque()

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.proc.join(timeout=None if kill else 5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def _context():
    # fork: workers start in milliseconds and share the parent's loaded modules; elsewhere
    # (macOS, Windows) fall back to the platform default.
    if "fork" in multiprocessing.get_all_start_methods() and sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


# Jobs a worker holds at once: the one it runs and the next, already in its pipe, so it goes
# on without waiting for the parent to read its result and send it more (on two cores the
# parent shares a core with the workers and is not always there at once). Only a small job
# goes second: a file named by its path. A big one (the documents of a shared-out file, bytes
# of standard input) could fill the pipe while the worker itself is blocked sending a big
# result, and each would wait for the other for ever; it waits for an idle worker.
DEPTH = 2


def _small(job: tuple) -> bool:
    _key, task, sources = job
    return sources is None and task.data is None

# How far the pool may run ahead of the oldest unfinished file. One slow file (a registry export
# of a thousand records) must not idle the other workers, so the window is wide in files; the
# finished results it holds are capped in bytes, which is what bounds memory.
WINDOW_FILES = 2048
WINDOW_BYTES = 256 * 1024 * 1024


def run_in_pool(engine, tasks: Iterable[Task], workers: int, as_lines: bool,
                window: int = WINDOW_FILES, window_bytes: int = WINDOW_BYTES) -> Iterator[FileResult]:
    """FileResults in task order, computed by `workers` processes running `engine`.

    Files are dispatched at most `window` ahead of the oldest unfinished one and only while the
    finished-but-waiting results hold less than `window_bytes`, which bounds the reorder buffer
    whatever the input size. Parts of a many-document file go out before new files. A document
    that runs past the hard limit (the time limit plus a grace period for the worker's own alarm
    to fire) costs its worker.
    """
    ctx = _context()
    limit = float(engine.options.time_limit or 0)
    hard_limit = limit + max(2.0, limit * 0.25) if limit > 0 else 0.0
    # With fork, the pipeline is loaded once, here, and every worker (a replacement too) starts
    # with it already loaded, sharing its pages; other start methods pickle the engine, which
    # leaves its pipeline behind, so there each worker loads its own.
    if ctx.get_start_method() == "fork":
        ready(engine)
    pool = [_Worker(ctx, engine, as_lines) for _ in range(workers)]
    pending = iter(tasks)
    retry: deque = deque()          # jobs a lost worker held and had not started: sent again first
    parts_queue: deque = deque()    # (key, task, packed part) of shared-out files
    parts: dict[int, tuple[int, dict[int, FileResult]]] = {}   # index -> (count, finished)
    exhausted = False
    next_index = 0      # index of the next file to dispatch
    emit_index = 0      # index of the next result to yield
    done: dict[int, FileResult] = {}
    held = 0            # bytes of the results in `done`

    def finish(key, path: str, res: FileResult) -> None:
        nonlocal held
        index, part = key
        if part is not None:
            count, got = parts[index]
            got[part] = res
            if len(got) < count:
                return
            del parts[index]
            res = merge(path, [got[k] for k in range(count)])
        done[index] = res
        held += res.size

    waiter = _Waiter()
    try:
        while True:
            # Idle workers first, then a second job each: a worker never waits while another
            # holds two.
            for depth in range(1, DEPTH + 1):
                for i, w in enumerate(pool):
                    if len(w.jobs) >= depth:
                        continue
                    if retry and (depth == 1 or _small(retry[0])):
                        job = retry.popleft()
                    elif retry or parts_queue:
                        if depth > 1:
                            continue  # big jobs and jobs to run again first wait for an idle worker
                        job = parts_queue.popleft()
                    elif not exhausted and next_index - emit_index < window and held < window_bytes:
                        try:
                            task = next(pending)
                        except StopIteration:
                            exhausted = True
                            continue
                        if task.path == "-" and task.data is None:
                            task = task._replace(data=read_stdin(engine.options.limits.max_bytes))
                        job = ((next_index, None), task, None)
                        next_index += 1
                        if depth > 1 and not _small(job):
                            retry.append(job)  # standard input's bytes: for the next idle worker
                            continue
                    else:
                        continue
                    try:
                        w.conn.send(job)
                    except OSError:
                        # The worker died before it could take the job (a broken pipe: killed
                        # by its previous job, or while idle). The job is not its fault: it runs
                        # again first. A worker with a job is reported and replaced by the
                        # check below; an idle one would never be checked, so it is replaced now.
                        retry.appendleft(job)
                        if not w.jobs:
                            w.stop(kill=True)
                            pool[i] = _Worker(ctx, engine, as_lines)
                        continue
                    w.jobs.append(job)
            while emit_index in done:
                res = done.pop(emit_index)
                held -= res.size
                emit_index += 1
                yield res
            if exhausted and emit_index == next_index:
                return
            busy = [w for w in pool if w.jobs]
            if not busy:
                # Results just yielded freed room in the window: dispatch again rather than
                # wait on no worker (an empty wait with no timeout never returns).
                continue
            ready_conns = waiter.wait([w.conn for w in busy] + [w.proc.sentinel for w in busy],
                                      timeout=0.25 if hard_limit else None)
            for i, w in enumerate(pool):
                if not w.jobs:
                    continue
                key, task, sources = w.jobs[0]
                path = task.path
                if w.conn in ready_conns:
                    try:
                        _, got = w.conn.recv()
                    except (EOFError, OSError):
                        pass  # died while sending; the sentinel check below reports it
                    else:
                        w.jobs.popleft()
                        if isinstance(got, FileResult):
                            finish(key, path, got)
                        else:  # the Sources of a many-document file, in packed parts: share them out
                            chunks = got
                            parts[key[0]] = (len(chunks), {})
                            shell = Task(path)
                            parts_queue.extend(((key[0], k), shell, c) for k, c in enumerate(chunks))
                        continue
                started = w.shared_clock.value
                overdue = hard_limit and started and time.monotonic() - started > hard_limit
                if overdue or w.proc.sentinel in ready_conns or not w.proc.is_alive():
                    if overdue:
                        err: ExtractorError = Timeout(
                            f"document took longer than the time limit ({limit:g} s); "
                            "its worker was stopped", path)
                    else:
                        # The sentinel can fire before the process is reaped: wait for it so
                        # the exit status (the signal that killed it) is known.
                        w.proc.join(timeout=5)
                        code = w.proc.exitcode
                        how = f"signal {-code}" if code is not None and code < 0 else f"status {code}"
                        err = InternalError(f"the worker process died ({how}) on this input", path)
                    w.stop(kill=True)
                    w.jobs.popleft()
                    retry.extendleft(reversed(w.jobs))  # not started: they run again elsewhere
                    pool[i] = _Worker(ctx, engine, as_lines)
                    # A lost part still gives one line per document it held.
                    lost = ([error_record(err, path, getattr(src, "record", None)) for src in pickle.loads(sources)]
                            if sources is not None else [error_record(err, path)])
                    finish(key, path, summarize(path, lost, as_lines))
    finally:
        for w in pool:
            w.stop(kill=bool(w.jobs))


class _Waiter:
    """`multiprocessing.connection.wait` with one poll object, kept while the objects waited on
    stay the same (the same workers busy): wait() makes a selector and registers every object
    on each call, which cost the parent more than unpickling the results of many small files."""

    def __init__(self):
        self.objects: list = []
        self.selector: selectors.BaseSelector | None = None

    def wait(self, objects: list, timeout: float | None) -> list:
        if self.selector is None or len(objects) != len(self.objects) or any(
                a is not b for a, b in zip(objects, self.objects)):
            # a new selector rather than unregistering: a replaced worker's pipe is closed
            self.selector = selectors.PollSelector() if hasattr(selectors, "PollSelector") \
                else selectors.SelectSelector()
            for obj in objects:
                self.selector.register(obj, selectors.EVENT_READ)
            self.objects = objects
        return [key.fileobj for key, _ in self.selector.select(timeout)]


def ready(engine) -> Any:
    """`engine` with everything loaded that its first document would load (`warm_up`, where
    the engine has one), so that workers forked from this process start ready."""
    warm_up = getattr(engine, "warm_up", None)
    if warm_up is not None:
        warm_up()
    return engine


def run(engine, tasks: Iterable[Task], workers: int = 1, as_lines: bool = False) -> Iterator[FileResult]:
    """FileResults in task order; one worker runs in this process."""
    if workers <= 1:
        return run_in_process(engine, tasks, as_lines)
    return run_in_pool(engine, tasks, workers, as_lines)
