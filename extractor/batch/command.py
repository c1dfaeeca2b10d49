"""The `extract` command over an engine it is handed: records as JSON Lines (standard output or
a file with a checkpoint beside it), progress and a summary on standard error, an exit status."""
from __future__ import annotations

import os
import sys
import time
from typing import Iterator

from ..errors import OutputUnusable, ResumeMismatch
from . import pool
from .checkpoint import Checkpoint, skipped
from .progress import Progress
from .walk import Task, iter_tasks

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def extract_command(engine, inputs: list[str], output: str | None, workers: int,
                    quiet: bool = False, resume: bool = False, runner=None) -> int:
    """Run `inputs` through `engine` into `output` (None: standard output). Returns the exit
    status: 1 when any record is an error record, 2 when the run cannot start.

    `runner(engine, tasks)` yields the FileResults (JSON lines) in task order; default: the
    local pool with `workers` processes (the Dask runner is the other)."""
    if runner is None:
        def runner(engine, tasks):
            return pool.run(engine, tasks, workers=workers, as_lines=True)
    started = time.monotonic()
    own = skipped(output) if output else []
    tasks: Iterator[Task] = iter_tasks(inputs, skip=own)
    checkpoint = None
    if output:
        try:
            checkpoint = Checkpoint.open(output, inputs, engine.options, resume=resume)
        except ResumeMismatch as exc:
            print(f"extractor: cannot resume: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except OutputUnusable as exc:
            print(f"extractor: {exc}", file=sys.stderr)
            return EXIT_USAGE
        tasks = checkpoint.skip_done(tasks)
        out = checkpoint.out
    else:
        out = sys.stdout.buffer
    progress = Progress(inputs, quiet=quiet, already=checkpoint.done if checkpoint else None, skip=own)
    ok = False
    try:
        for res in runner(engine, tasks):
            if checkpoint is None:
                out.writelines(res.items)
            else:
                data = checkpoint.encode(res)  # the lines, or gzip for OUT.jsonl.gz
                out.write(data)
            # Each file's records reach the file before the checkpoint says so: a kill leaves
            # at worst lines the checkpoint does not count, which a resume cuts off and redoes.
            out.flush()
            if checkpoint is not None:
                checkpoint.file_done(res, data)
            progress.update(res)
        ok = True
    except KeyboardInterrupt:
        progress.close()
        print("extractor: interrupted" + (" (run again with --resume to finish)" if output else ""),
              file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        if checkpoint is not None:
            raise  # not standard output's reader: a real failure, never a quiet stop
        # The reader of standard output went away (`| head`): stop quietly.
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_ERRORS
    finally:
        if checkpoint is not None:
            checkpoint.close(complete=ok)
    progress.close()
    progress.summary(time.monotonic() - started)
    return EXIT_ERRORS if progress.totals.errors else EXIT_OK
