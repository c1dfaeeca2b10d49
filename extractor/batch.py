"""Batch runs: walk inputs in a stable order and yield one record per document found."""
from __future__ import annotations

import os
from typing import Iterable, Iterator


def iter_files(inputs: Iterable[str]) -> Iterator[str]:
    """Every file named by `inputs`, folders walked recursively in sorted order.

    Hidden files and folders (names starting with ".") inside a folder are skipped: they are
    editor and system furniture, not documents. A path given explicitly is always read.
    """
    for item in inputs:
        if item == "-" or not os.path.isdir(item):
            yield item
            continue
        seen: set[tuple[int, int]] = set()
        yield from _walk(item, seen)


def _walk(folder: str, seen: set[tuple[int, int]]) -> Iterator[str]:
    try:
        st = os.stat(folder)
    except OSError:
        yield folder
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:  # a symbolic-link loop: each real folder is walked once
        return
    seen.add(key)
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        yield folder  # unreadable folder: reported as an error record by the reader
        return
    for name in names:
        if name.startswith("."):
            continue
        path = os.path.join(folder, name)
        if os.path.isdir(path):
            yield from _walk(path, seen)
        else:
            yield path


def run_records(inputs: list[str], options, workers: int = 1) -> Iterator[dict]:
    """Records for every document of `inputs`, in input order."""
    from .api import Extractor

    ex = Extractor(options)
    for path in iter_files(inputs):
        yield from ex.records_for_path(path)


def run_cli(inputs: list[str], output: str | None, options, workers: int | None = None,
            quiet: bool = False) -> int:
    """The `extract` command: records as JSON Lines, a summary on standard error, the exit status."""
    import sys
    import time

    from .cli import dumps

    started = time.monotonic()
    docs = errors = crits = cons = 0
    out = open(output, "w", encoding="utf-8", newline="\n") if output else sys.stdout
    try:
        for rec in run_records(inputs, options, workers=workers or 1):
            out.write(dumps(rec) + "\n")
            if "error" in rec:
                errors += 1
                if not quiet:
                    e = rec["error"]
                    print(f"extractor: {e['path']}: {e['code']}: {e['message']}", file=sys.stderr)
            else:
                docs += 1
                crits += len(rec["criteria"])
                cons += sum(len(c["constraints"]) for c in rec["criteria"])
    finally:
        if output:
            out.close()
    if not quiet:
        print(f"extractor: {docs + errors} records: {docs} documents, {errors} errors, {crits} criteria, "
              f"{cons} constraints in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 1 if errors else 0
