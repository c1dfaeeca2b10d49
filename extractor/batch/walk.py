"""The walk: every file named by the inputs, folders walked in sorted order, lazily."""
from __future__ import annotations

import os
from typing import Iterable, Iterator, NamedTuple


class Task(NamedTuple):
    """One input for the engine: a path (or "-"), whether a folder walk found it, and, for
    inputs that are not files, the bytes and whether to read them as plain text."""

    path: str
    walked: bool = False
    data: bytes | None = None
    as_text: bool = False


def iter_tasks(inputs: Iterable[str]) -> Iterator[Task]:
    """A Task for every file named by `inputs`, folders walked recursively in sorted order,
    one folder listing in memory at a time.

    Hidden files and folders (names starting with ".") inside a folder are skipped: they are
    editor and system furniture, not documents. A path given explicitly is always read.
    """
    for item in inputs:
        if item == "-" or not os.path.isdir(item):
            yield Task(item)
            continue
        seen: set[tuple[int, int]] = set()
        yield from _walk(item, seen)


def iter_files(inputs: Iterable[str]) -> Iterator[str]:
    for task in iter_tasks(inputs):
        yield task.path


def _walk(folder: str, seen: set[tuple[int, int]]) -> Iterator[Task]:
    try:
        st = os.stat(folder)
    except OSError:
        yield Task(folder, True)
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:  # a symbolic-link loop: each real folder is walked once
        return
    seen.add(key)
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        yield Task(folder, True)  # unreadable folder: reported as an error record by the reader
        return
    for name in names:
        if name.startswith("."):
            continue
        path = os.path.join(folder, name)
        if os.path.isdir(path):
            yield from _walk(path, seen)
        else:
            yield Task(path, True)
