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


def iter_tasks(inputs: Iterable[str], skip: Iterable[str] = ()) -> Iterator[Task]:
    """A Task for every file named by `inputs`, folders walked in sorted order, depth first,
    one folder listing per level in memory at a time (no recursion: a folder nested thousands
    deep is walked like any other).

    Hidden files and folders (names starting with ".") inside a folder are skipped: they are
    editor and system furniture, not documents; so are the files in `skip` (the run's own
    output and checkpoint, when they sit inside an input folder). A path given explicitly is
    always read.
    """
    skipped = {_identity(p) for p in skip} - {None}
    for item in inputs:
        if item == "-" or not os.path.isdir(item):
            yield Task(item)
            continue
        yield from _walk(item, skipped)


def iter_files(inputs: Iterable[str]) -> Iterator[str]:
    for task in iter_tasks(inputs):
        yield task.path


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _walk(top: str, skipped: set) -> Iterator[Task]:
    seen: set[tuple[int, int]] = set()
    # A stack of iterators over sorted folder listings: the next name of the deepest open folder
    # comes next, which is the order a recursive walk would give.
    stack = [iter([top])]
    while stack:
        path = next(stack[-1], None)
        if path is None:
            stack.pop()
            continue
        if len(stack) > 1 and not os.path.isdir(path):
            if not skipped or _identity(path) not in skipped:
                yield Task(path, True)
            continue
        key = _identity(path)
        if key is None:
            yield Task(path, True)
            continue
        if key in seen:  # a symbolic-link loop: each real folder is walked once
            continue
        seen.add(key)
        try:
            names = sorted(os.listdir(path))
        except OSError:
            yield Task(path, True)  # unreadable folder: reported as an error record by the reader
            continue
        stack.append(iter([os.path.join(path, name) for name in names if not name.startswith(".")]))
