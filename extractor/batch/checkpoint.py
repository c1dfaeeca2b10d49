"""Finishing an interrupted run: a checkpoint file next to the output.

`OUT.jsonl.progress` holds a header line (the inputs and options of the run) and then one line
per input file whose records are fully written to OUT.jsonl, in input order, with the byte
offset where that file's records end. The records themselves carry nothing extra, so a resumed
output is byte-identical to an uninterrupted one.

On resume the output is cut back to the last offset the checkpoint vouches for (this removes a
half-written line and any records of a file that was not finished), the inputs are walked again
in the same order, the files the checkpoint lists are skipped, and the run goes on appending.
The checkpoint is removed when a run completes.
"""
from __future__ import annotations

import fcntl
import itertools
import json
import os
import sys
from typing import Iterator

from ..errors import OutputUnusable, ResumeMismatch
from .results import FileResult, Totals
from .walk import Task, iter_tasks

def _header(inputs: list[str], options) -> dict:
    # repr() of the frozen Options dataclass covers every field that can change the records.
    return {"checkpoint": 1, "inputs": list(inputs), "options": repr(options)}


class Checkpoint:
    def __init__(self, out, log, path: str, done: Totals, skip: int):
        self.out = out          # the output file, positioned at its end
        self._log = log         # the checkpoint file, open for appending
        self.path = path
        self.done = done        # totals of the files already in the output
        self._skip = skip
        self._index = skip

    @classmethod
    def open(cls, output: str, inputs: list[str], options, resume: bool = False) -> "Checkpoint":
        """The output, locked for this run, and its checkpoint. Raises OutputUnusable (nothing
        truncated) when either cannot be written or another run holds the output."""
        path = output + ".progress"
        header = _header(inputs, options)
        out = _lock(output)
        try:
            if resume and os.path.exists(path):
                return cls._reopen(out, output, path, header, inputs)
            if resume and os.path.getsize(output) > 0:
                print(f"extractor: no checkpoint {path}: {output} is complete or not from this "
                      "command; writing it again", file=sys.stderr)
            try:
                log = open(path, "w", encoding="utf-8", newline="\n")
            except OSError as exc:
                raise OutputUnusable(f"cannot write the checkpoint {path}: {exc.strerror or exc}",
                                     path) from None
            log.write(json.dumps(header) + "\n")
            log.flush()
        except BaseException:
            out.close()
            raise
        out.truncate(0)  # only now: the checkpoint is there, and the file is this run's
        out.seek(0)
        return cls(out, log, path, Totals(), 0)

    @classmethod
    def _reopen(cls, out, output: str, path: str, header: dict, inputs: list[str]) -> "Checkpoint":
        out_size = os.path.getsize(output)
        done = Totals()
        valid_end = 0       # bytes of the checkpoint file that are complete and consistent
        offset = 0          # bytes of the output those entries vouch for
        skip = 0
        with open(path, "rb") as fh:
            first = fh.readline()
            try:
                found = json.loads(first)
            except ValueError:
                found = None
            if found != header:
                raise ResumeMismatch(f"{path} was written for other inputs or options")
            valid_end = len(first)
            walk = iter_tasks(inputs, skip=skipped(output))
            for raw in fh:
                if not raw.endswith(b"\n"):
                    break  # the entry being written when the run stopped
                try:
                    index, file_path, lines, docs, errors, crits, cons, end = json.loads(raw)
                except ValueError:
                    break
                if index != skip or end > out_size or end < offset:
                    break
                task = next(walk, None)
                if task is None or task[0] != file_path:
                    raise ResumeMismatch(
                        f"the inputs changed since the interrupted run (file {skip + 1} was "
                        f"{file_path!r}, now {task[0] if task else 'nothing'!r})")
                done.add_counts(1, docs, errors, crits, cons)
                skip += 1
                offset = end
                valid_end += len(raw)
        out.truncate(offset)
        out.seek(offset)
        log = open(path, "r+b")
        log.truncate(valid_end)
        log.close()
        log = open(path, "a", encoding="utf-8", newline="\n")
        return cls(out, log, path, done, skip)

    def skip_done(self, tasks: Iterator[Task]) -> Iterator[Task]:
        """The tasks still to run: `tasks` (the same walk as the interrupted run) minus those
        already written."""
        return itertools.islice(tasks, self._skip, None)

    def file_done(self, res: FileResult) -> None:
        entry = [self._index, res.path, res.lines, res.documents, res.errors, res.criteria,
                 res.constraints, self.out.tell()]
        self._log.write(json.dumps(entry) + "\n")
        self._log.flush()
        self._index += 1

    def close(self, complete: bool) -> None:
        self.out.close()
        self._log.close()
        if complete:
            os.unlink(self.path)


def skipped(output: str) -> list[str]:
    """The run's own files, which a walk of an input folder holding them must not read back."""
    return [output, output + ".progress"]


def _lock(output: str):
    """`output` opened for appending (nothing truncated yet) and locked against another run.

    A POSIX record lock (lockf), not flock: it belongs to this process alone, so forked workers
    do not inherit it, and it goes when this process ends, however it ends."""
    try:
        out = open(output, "ab")
    except OSError as exc:
        raise OutputUnusable(f"cannot write the output {output}: {exc.strerror or exc}", output) from None
    try:
        fcntl.lockf(out, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        out.close()
        raise OutputUnusable(f"another run is writing {output}; it is left as it is", output) from None
    return out
