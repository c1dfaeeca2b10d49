"""Batch runs: walk inputs lazily in a stable order and yield one record per document found.

The pieces: `iter_tasks` (the walk), `pool.run` (documents -> records, in order, one process or
many), `resume.Checkpoint` (finishing an interrupted run), `progress.Progress` (standard error).
"""
from __future__ import annotations

import os
import sys
import time
from typing import Iterable, Iterator

from . import pool
from .pool import Task


def iter_tasks(inputs: Iterable[str]) -> Iterator[Task]:
    """(path, found-by-walking) for every file named by `inputs`, folders walked recursively
    in sorted order, one folder listing in memory at a time.

    Hidden files and folders (names starting with ".") inside a folder are skipped: they are
    editor and system furniture, not documents. A path given explicitly is always read.
    """
    for item in inputs:
        if item == "-" or not os.path.isdir(item):
            yield item, False
            continue
        seen: set[tuple[int, int]] = set()
        yield from _walk(item, seen)


def iter_files(inputs: Iterable[str]) -> Iterator[str]:
    for path, _ in iter_tasks(inputs):
        yield path


def _walk(folder: str, seen: set[tuple[int, int]]) -> Iterator[Task]:
    try:
        st = os.stat(folder)
    except OSError:
        yield folder, True
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:  # a symbolic-link loop: each real folder is walked once
        return
    seen.add(key)
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        yield folder, True  # unreadable folder: reported as an error record by the reader
        return
    for name in names:
        if name.startswith("."):
            continue
        path = os.path.join(folder, name)
        if os.path.isdir(path):
            yield from _walk(path, seen)
        else:
            yield path, True


def run_records(inputs: Iterable[str], options, workers: int = 1, engine=None) -> Iterator[dict]:
    """Records (dicts) for every document of `inputs`, in input order (`engine`: see pool.run)."""
    for res in pool.run(iter_tasks(inputs), options, workers=workers, engine=engine):
        yield from res.items


def default_workers() -> int:
    return os.cpu_count() or 1


def run_cli(inputs: list[str], output: str | None, options, workers: int | None = None,
            quiet: bool = False, resume: bool = False) -> int:
    """The `extract` command: records as JSON Lines, progress and a summary on standard error,
    and the exit status (1 when any record is an error record)."""
    from .progress import Progress
    from .resume import Checkpoint, ResumeMismatch

    started = time.monotonic()
    workers = workers or default_workers()
    tasks: Iterator[Task] = iter_tasks(inputs)
    checkpoint = None
    if output:
        try:
            checkpoint = Checkpoint.open(output, inputs, options, resume=resume)
        except ResumeMismatch as exc:
            print(f"extractor: cannot resume: {exc}", file=sys.stderr)
            return 2
        tasks = checkpoint.skip_done(tasks)
        out = checkpoint.out
    else:
        out = sys.stdout.buffer
    progress = Progress(inputs, quiet=quiet, already=checkpoint.done if checkpoint else None)
    ok = False
    try:
        for res in pool.run(tasks, options, workers=workers, as_lines=True):
            out.writelines(res.items)
            # Each file's records reach the file before the checkpoint says so: a kill leaves
            # at worst lines the checkpoint does not count, which a resume cuts off and redoes.
            out.flush()
            if checkpoint is not None:
                checkpoint.file_done(res)
            progress.update(res)
        ok = True
    except KeyboardInterrupt:
        progress.close()
        print("extractor: interrupted" + (" (run again with --resume to finish)" if output else ""),
              file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of standard output went away (`| head`): stop quietly.
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 1
    finally:
        if checkpoint is not None:
            checkpoint.close(complete=ok)
    progress.close()
    totals = progress.totals
    progress.summary(time.monotonic() - started)
    return 1 if totals.errors else 0
