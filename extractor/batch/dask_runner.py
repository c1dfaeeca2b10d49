"""A batch on a Dask cluster: the walk stays on the client, the documents run on the workers,
and the results come back in input order, so the client writes exactly the bytes (and the
checkpoint) a local run writes.

The engine travels to the workers pickled without its pipeline (see `Extractor.__getstate__`);
each worker process builds the pipeline once, on its first part, and keeps it for every part
after (`_ENGINES`). Parts are a few files each; at most `ahead` parts are in flight, so the
client's memory is bounded whatever the number of inputs.

What a local run does that this one does not: the per-document time limit (Dask runs tasks in
worker threads, where no alarm signal reaches), and the watchdog that replaces a stuck worker.
"""
from __future__ import annotations

import itertools
import pickle
from collections import deque
from typing import Any, Iterable, Iterator

from ..ingest.files import read_stdin
from .results import FileResult, summarize
from .walk import Task

FILES_PER_PART = 16

# Worker side: engines already loaded in this process, by their pickled state.
_ENGINES: dict[bytes, Any] = {}


def _part(state: bytes, tasks: list[Task], as_lines: bool) -> list[FileResult]:
    engine = _ENGINES.get(state)
    if engine is None:
        engine = _ENGINES[state] = pickle.loads(state)
    return [summarize(t.path, engine.records(*t), as_lines) for t in tasks]


def run(engine, tasks: Iterable[Task], client, as_lines: bool = True,
        files_per_part: int = FILES_PER_PART, ahead: int | None = None) -> Iterator[FileResult]:
    """FileResults in task order, computed on the workers of `client` (a distributed.Client)."""
    state = pickle.dumps(engine)
    if ahead is None:
        ahead = 4 * max(1, len(client.scheduler_info().get("workers", {})) or 1)
    limit = engine.options.limits.max_bytes

    def parts() -> Iterator[list[Task]]:
        it = iter(tasks)
        while True:
            chunk = list(itertools.islice(it, files_per_part))
            if not chunk:
                return
            # Standard input belongs to the client's process: read here, sent as bytes.
            yield [t._replace(data=read_stdin(limit)) if t.path == "-" and t.data is None else t
                   for t in chunk]

    pending: deque = deque()
    source = parts()
    for chunk in itertools.islice(source, ahead):
        pending.append(client.submit(_part, state, chunk, as_lines, pure=False))
    while pending:
        future = pending.popleft()
        results = future.result()
        future.release()
        nxt = next(source, None)
        if nxt is not None:
            pending.append(client.submit(_part, state, nxt, as_lines, pure=False))
        yield from results
