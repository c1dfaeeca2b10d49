"""Running documents: one file -> its records, under a time limit, in-process or in a worker pool.

The pool is small and hand-made rather than `multiprocessing.Pool` because a batch must survive
a worker that hangs in C code or dies (a crash in a parser, the out-of-memory killer): the
parent watches every worker, kills one whose document overruns the hard time limit, reports
that file as an error record and starts a fresh worker. `multiprocessing.Pool` loses the task of
a dead worker and waits for it forever.

Results come back in input order through a bounded reorder window, so the output is the same
bytes whatever the number of workers, and memory does not grow with the number of files.
"""
from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import os
import signal
import stat
import sys
import threading
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from .errors import ExtractorError, InternalError, Timeout, TooLarge, UnreadableInput
from .records import error_record


def default_engine(options) -> Any:
    """Build the engine a worker (or the in-process run) uses; the pipeline loads here once."""
    from .api import Extractor

    return Extractor(options)


# Tests and embedders swap this to run the batch machinery with another engine (for example one
# whose analyzer is a stand-in). Workers are forked, so they see whatever is set here.
engine_factory: Callable[[Any], Any] = default_engine


@dataclass
class FileResult:
    """What one input file gave: its records (dicts, or encoded JSON lines) and counts."""

    path: str
    items: list = field(default_factory=list)
    documents: int = 0
    errors: int = 0
    criteria: int = 0
    constraints: int = 0
    words: int = 0              # of the documents' canonical text, for throughput figures
    size: int = 0               # bytes the result holds (about, for dicts): bounds the window
    warnings: list[str] = field(default_factory=list)

    @property
    def lines(self) -> int:
        return self.documents + self.errors


def encode(record: dict[str, Any]) -> bytes:
    """One JSONL line. A file name that is not valid UTF-8 holds lone surrogates; they are
    written as JSON \\u escapes (valid JSON naming the same string) instead of failing."""
    from .cli import dumps

    return (dumps(record) + "\n").encode("utf-8", "backslashreplace")


def summarize(path: str, records: list[dict[str, Any]], as_lines: bool) -> FileResult:
    res = FileResult(path)
    for rec in records:
        if "error" in rec:
            res.errors += 1
            e = rec["error"]
            where = e["path"] + (f" {e['record']}" if e.get("record") else "")
            res.warnings.append(f"{where}: {e['code']}: {e['message']}")
        else:
            res.documents += 1
            res.words += len(rec["document"]["text"].split())
            res.criteria += len(rec["criteria"])
            res.constraints += sum(len(c["constraints"]) for c in rec["criteria"])
    if as_lines:
        res.items = [encode(r) for r in records]
        res.size = sum(map(len, res.items))
    else:
        res.items = records
        res.size = sum(2 * len(r["document"]["text"]) if "document" in r else 200 for r in records)
    return res


# -- time limits -------------------------------------------------------------------------------

def _on_alarm(signum, frame):
    raise Timeout("document took longer than the time limit")


@contextmanager
def deadline(seconds: float):
    """Raise Timeout inside the block after `seconds` of wall time (0 = no limit).

    SIGALRM reaches Python code and regular-expression matching; code stuck inside another C
    extension is left to the pool's watchdog. Signals only work in the main thread: elsewhere
    (a library caller's thread) the block runs without a limit.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# -- one file ----------------------------------------------------------------------------------

class _Clock:
    """Where a worker tells the parent's watchdog when its current document started."""

    def __init__(self, shared=None):
        self.shared = shared

    def start(self) -> None:
        if self.shared is not None:
            self.shared.value = time.monotonic()

    def stop(self) -> None:
        if self.shared is not None:
            self.shared.value = 0.0


def _read(path: str, walked: bool, max_bytes: int) -> bytes:
    from .api import read_input

    if path != "-":
        try:
            st = os.stat(path)
        except OSError as exc:
            raise UnreadableInput(f"cannot read: {exc.strerror or exc}", path) from None
        if stat.S_ISDIR(st.st_mode):
            raise UnreadableInput("cannot read: is a folder that could not be listed", path)
        # A FIFO, socket or device found while walking a folder is not a document, and opening a
        # FIFO would block until someone writes to it. Named explicitly, it is read as asked.
        if walked and not stat.S_ISREG(st.st_mode):
            raise UnreadableInput("not a regular file", path)
        # Refuse before reading: a huge file must not be pulled into memory to be measured.
        if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
            raise TooLarge(f"{st.st_size} bytes exceeds the limit of {max_bytes}", path)
    return read_input(path)


def read_file(engine, path: str, walked: bool = False, clock: _Clock | None = None,
              data: bytes | None = None) -> tuple[list, list[dict[str, Any]]]:
    """(the Sources of one input file, []) or ([], [its error record]); never raises.
    `data`, when given, is the file's content already read (standard input, read by the
    parent: a worker process has no standard input)."""
    from .ingest import read_source

    options = engine.options
    clock = clock or _Clock()
    clock.start()
    try:
        with deadline(float(options.time_limit or 0)):
            if data is None:
                data = _read(path, walked, options.limits.max_bytes)
            return read_source(data, path, options.limits), []
    except ExtractorError as err:
        return [], [error_record(err, path)]
    except RecursionError:
        return [], [error_record(InternalError("input nested too deeply to read", path), path)]
    except Exception as exc:  # a reader bug must not stop the run
        return [], [error_record(InternalError(f"{type(exc).__name__}: {exc}", path), path)]
    finally:
        clock.stop()


def extract_sources(engine, sources: list, clock: _Clock | None = None) -> list[dict[str, Any]]:
    """One record per Source, each under the time limit; never raises."""
    limit = float(engine.options.time_limit or 0)
    clock = clock or _Clock()
    out = []
    for src in sources:
        clock.start()
        try:
            with deadline(limit):
                out.append(engine.extract_source(src))
        except ExtractorError as err:
            out.append(error_record(err, src.path, src.record))
        except RecursionError:
            out.append(error_record(InternalError("input nested too deeply", src.path, src.record)))
        except Exception as exc:
            out.append(error_record(InternalError(f"{type(exc).__name__}: {exc}", src.path, src.record)))
        finally:
            clock.stop()
    return out


def records_for_file(engine, path: str, walked: bool = False, clock: _Clock | None = None
                     ) -> list[dict[str, Any]]:
    """Every record of one input file; never raises. The time limit applies to reading the file
    and to each document, so a file holding a thousand records is not cut short."""
    sources, errors = read_file(engine, path, walked, clock)
    return errors or extract_sources(engine, sources, clock)


# -- running many files ------------------------------------------------------------------------

Task = tuple[str, bool]  # (path, found by walking a folder)

# A file with more documents than this (a registry export, an API search page) is sent back to
# the parent after reading and its documents shared out in parts of this size, so one big file
# does not leave the other workers idle at the end of a run.
PART = 16


def run_in_process(tasks: Iterable[Task], options, as_lines: bool, engine=None) -> Iterator[FileResult]:
    if engine is None:
        engine = engine_factory(options)
    # As in a worker (see _worker_main): the collector leaves what is alive now alone for the
    # run, and takes it back at the end, so a library caller's process is left as it was.
    gc.freeze()
    try:
        for path, walked in tasks:
            yield summarize(path, records_for_file(engine, path, walked), as_lines)
    finally:
        gc.unfreeze()


def merge(path: str, parts: list[FileResult]) -> FileResult:
    res = FileResult(path)
    for p in parts:
        res.items.extend(p.items)
        res.warnings.extend(p.warnings)
        for name in ("documents", "errors", "criteria", "constraints", "words", "size"):
            setattr(res, name, getattr(res, name) + getattr(p, name))
    return res


def _worker_main(conn, options, as_lines: bool, shared_clock, factory, engine=None) -> None:
    # The parent handles Ctrl-C and stops the workers; a worker must not die of it mid-write.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if engine is None:
        engine = factory(options)
    # Everything alive now (the pipeline, its lexicons, the modules) lives as long as the worker:
    # the collector need not walk it again, and not touching it keeps the pages a forked worker
    # shares with its parent shared.
    gc.freeze()
    clock = _Clock(shared_clock)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        key, path, walked, sources, data = task
        if sources is None:  # a whole file
            sources, errors = read_file(engine, path, walked, clock, data)
            del data
            if errors:
                conn.send((key, summarize(path, errors, as_lines)))
                continue
            if len(sources) > PART:
                conn.send((key, sources))  # to be shared out in parts
                continue
        conn.send((key, summarize(path, extract_sources(engine, sources, clock), as_lines)))


class _Worker:
    def __init__(self, ctx, options, as_lines: bool, engine=None):
        self.shared_clock = ctx.RawValue("d", 0.0)
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, daemon=True,
                                args=(child, options, as_lines, self.shared_clock, engine_factory, engine))
        self.proc.start()
        child.close()
        self.task: tuple | None = None  # (key, path, walked, sources or None, data or None)

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


def _stdin_bytes(path: str) -> bytes | None:
    if path != "-":
        return None
    try:
        return sys.stdin.buffer.read()
    except (OSError, ValueError, AttributeError):
        return b""


def _context():
    # fork: workers start in milliseconds and share the parent's loaded modules; elsewhere
    # (macOS, Windows) fall back to the platform default.
    if "fork" in multiprocessing.get_all_start_methods() and sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


# How far the pool may run ahead of the oldest unfinished file. One slow file (a registry export
# of a thousand records) must not idle the other workers, so the window is wide in files; the
# finished results it holds are capped in bytes, which is what bounds memory.
WINDOW_FILES = 2048
WINDOW_BYTES = 256 * 1024 * 1024


def run_in_pool(tasks: Iterable[Task], options, workers: int, as_lines: bool,
                window: int = WINDOW_FILES, window_bytes: int = WINDOW_BYTES, engine=None
                ) -> Iterator[FileResult]:
    """FileResults in task order, computed by `workers` processes.

    Files are dispatched at most `window` ahead of the oldest unfinished one and only while the
    finished-but-waiting results hold less than `window_bytes`, which bounds the reorder buffer
    whatever the input size. Parts of a many-document file go out before new files. A document
    that runs past the hard limit (the time limit plus a grace period for the worker's own alarm
    to fire) costs its worker.
    """
    ctx = _context()
    limit = float(options.time_limit or 0)
    hard_limit = limit + max(2.0, limit * 0.25) if limit > 0 else 0.0
    # With fork, the pipeline is loaded once, here, and every worker (a replacement too) starts
    # with it already loaded, sharing its pages; other start methods pickle the arguments, so
    # there each worker builds its own.
    if ctx.get_start_method() == "fork":
        engine = ready_engine(options, engine)
    else:
        engine = None
    pool = [_Worker(ctx, options, as_lines, engine) for _ in range(workers)]
    pending = iter(tasks)
    parts_queue: deque = deque()    # (key, path, walked, sources) of shared-out files
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

    try:
        while True:
            for w in pool:
                if w.task is not None:
                    continue
                if parts_queue:
                    w.task = parts_queue.popleft()
                elif not exhausted and next_index - emit_index < window and held < window_bytes:
                    try:
                        path, walked = next(pending)
                    except StopIteration:
                        exhausted = True
                        continue
                    w.task = ((next_index, None), path, walked, None, _stdin_bytes(path))
                    next_index += 1
                else:
                    continue
                w.conn.send(w.task)
            while emit_index in done:
                res = done.pop(emit_index)
                held -= res.size
                emit_index += 1
                yield res
            if exhausted and emit_index == next_index:
                return
            busy = [w for w in pool if w.task is not None]
            if not busy:
                # Results just yielded freed room in the window: dispatch again rather than
                # wait on no worker (an empty wait with no timeout never returns).
                continue
            ready = multiprocessing.connection.wait(
                [w.conn for w in busy] + [w.proc.sentinel for w in busy],
                timeout=0.25 if hard_limit else None)
            for i, w in enumerate(pool):
                if w.task is None:
                    continue
                key, path, walked, sources, _ = w.task
                if w.conn in ready:
                    try:
                        _, got = w.conn.recv()
                    except (EOFError, OSError):
                        pass  # died while sending; the sentinel check below reports it
                    else:
                        w.task = None
                        if isinstance(got, FileResult):
                            finish(key, path, got)
                        else:  # the Sources of a many-document file: share them out
                            chunks = [got[k:k + PART] for k in range(0, len(got), PART)]
                            parts[key[0]] = (len(chunks), {})
                            parts_queue.extend(((key[0], k), path, False, c, None)
                                               for k, c in enumerate(chunks))
                        continue
                started = w.shared_clock.value
                overdue = hard_limit and started and time.monotonic() - started > hard_limit
                if overdue or w.proc.sentinel in ready or not w.proc.is_alive():
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
                    pool[i] = _Worker(ctx, options, as_lines, engine)
                    # A lost part still gives one line per document it held.
                    lost = ([error_record(err, path, src.record) for src in sources]
                            if sources is not None else [error_record(err, path)])
                    finish(key, path, summarize(path, lost, as_lines))
    finally:
        for w in pool:
            w.stop(kill=w.task is not None)


def ready_engine(options, engine=None) -> Any:
    """`engine` (or a new one from `engine_factory`) with everything loaded (see
    Extractor.warm_up)."""
    if engine is None:
        engine = engine_factory(options)
    warm_up = getattr(engine, "warm_up", None)
    if warm_up is not None:
        warm_up()
    return engine


def run(tasks: Iterable[Task], options, workers: int = 1, as_lines: bool = False, engine=None
        ) -> Iterator[FileResult]:
    """FileResults in task order; one worker runs in this process. `engine` (optional) is a
    loaded engine to use (in this process, or forked into the workers)."""
    if workers <= 1:
        return run_in_process(tasks, options, as_lines, engine)
    return run_in_pool(tasks, options, workers, as_lines, engine=engine)
