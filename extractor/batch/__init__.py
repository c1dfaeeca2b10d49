"""Batch runs: many inputs through an engine that the caller hands in.

    walk (Tasks, lazily, in a stable order) -> pool (the engine's records per task, in order,
    in this process or in forked workers) -> results (counts) -> command (JSON Lines out,
    checkpoint, progress, exit status)

Nothing here builds an engine or knows the CLI: an engine is anything with `options`,
`read(path, walked, data, as_text, watch)`, `records_of(items, watch)` and `records(...)` (and
optionally `warm_up()`), which is what `extractor.Extractor` offers.
"""
from __future__ import annotations

import os
from typing import Any, Iterable, Iterator

from . import pool
from .walk import Task, iter_files, iter_tasks

__all__ = ["Task", "iter_files", "iter_tasks", "run_records", "run_tasks", "default_workers"]


def run_tasks(engine, tasks: Iterable[Task], workers: int = 1) -> Iterator[dict[str, Any]]:
    """Records (dicts) for every document of `tasks`, in task order."""
    for res in pool.run(engine, tasks, workers=workers):
        yield from res.items


def run_records(engine, inputs: Iterable[str], workers: int = 1) -> Iterator[dict[str, Any]]:
    """Records (dicts) for every document of `inputs` (files, folders, "-"), in input order."""
    return run_tasks(engine, iter_tasks(inputs), workers)


def default_workers() -> int:
    return os.cpu_count() or 1
