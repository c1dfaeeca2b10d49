"""Finishing an interrupted run: a checkpoint file next to the output.

`OUT.jsonl.progress` holds a header line (the inputs and options of the run) and then one line
per input file whose records are fully written to OUT.jsonl, in input order: its counts, the
byte offset where its records end, the digest of those bytes, and the input's size and
modification time when it was taken up. The records themselves carry nothing extra, so a
resumed output is byte-identical to an uninterrupted one.

On resume every entry is checked before it is trusted: the same input at the same place of the
walk (another path refuses the resume), the input unchanged since (else that input and all after
it are done again), and the output's bytes up to the entry's offset exactly those the run wrote,
ending a line (else the output is cut back to the last entry that holds). The output is then
cut back to the last offset vouched for (this removes a half-written line and the records of an
unfinished file), the finished files are skipped, and the run goes on appending. A checkpoint
whose header was never completely written is no checkpoint: the run starts over. The checkpoint
is removed when a run completes.

An output whose name ends in ".gz" is gzip: each input file's lines are one gzip member of
their own (level 6, no name, no time stamp), appended as the file is done. Concatenated members
are one gzip file to every reader, and an entry's offset and digest are then those of the
compressed bytes, so a resume cuts the file at a member's end and goes on appending members: the
resumed file is byte-identical to an uninterrupted run's, compressed as well as decompressed.
"""
from __future__ import annotations

import fcntl
import gzip
import hashlib
import itertools
import json
import os
import stat
import sys
from collections import deque
from typing import Iterator

from ..errors import OutputUnusable, ResumeMismatch
from .results import FileResult, Totals
from .walk import Task, iter_tasks

VERSION = 2


def _header(inputs: list[str], options) -> dict:
    # repr() of the frozen Options dataclass covers every field that can change the records.
    return {"checkpoint": VERSION, "inputs": list(inputs), "options": repr(options)}


def stamp(path: str) -> list[int] | None:
    """What tells that an input changed: [size, modification time in ns] of a regular file
    (None for standard input, a device, or what cannot be read)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return [st.st_size, st.st_mtime_ns] if stat.S_ISREG(st.st_mode) else None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def compressed(output: str) -> bool:
    """Whether `output` is written as gzip (its name ends in .gz)."""
    return output.endswith(".gz")


def encode(lines: list[bytes], compress: bool) -> bytes:
    """The bytes one input file's lines take in the output: the lines, or one gzip member of
    them (the same bytes for the same lines: no time stamp, a fixed level)."""
    data = b"".join(lines)
    return gzip.compress(data, compresslevel=6, mtime=0) if compress and data else data


class Checkpoint:
    def __init__(self, out, log, path: str, done: Totals, skip: int):
        self.out = out          # the output file, positioned at its end
        self._log = log         # the checkpoint file, open for appending
        self.path = path
        self.done = done        # totals of the files already in the output
        self._skip = skip
        self._index = skip
        self._stamps: deque = deque()  # stamps of the tasks handed out and not yet written
        self.compress = compressed(path[:-len(".progress")])

    @classmethod
    def open(cls, output: str, inputs: list[str], options, resume: bool = False) -> "Checkpoint":
        """The output, locked for this run, and its checkpoint. Raises OutputUnusable (nothing
        truncated) when either cannot be written or another run holds the output, and
        ResumeMismatch when the checkpoint is another run's."""
        path = output + ".progress"
        header = _header(inputs, options)
        out = _lock(output)
        try:
            if resume and os.path.exists(path):
                reopened = cls._reopen(out, output, path, header, inputs)
                if reopened is not None:
                    return reopened
                print(f"extractor: {path} was left before its first line was written; "
                      "starting over", file=sys.stderr)
            elif resume and os.path.getsize(output) > 0:
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
    def _reopen(cls, out, output: str, path: str, header: dict, inputs: list[str]) -> "Checkpoint | None":
        done = Totals()
        valid_end = 0       # bytes of the checkpoint file that are complete and consistent
        offset = 0          # bytes of the output those entries vouch for
        skip = 0
        with open(path, "rb") as fh, open(output, "rb") as written:
            first = fh.readline()
            if not first.endswith(b"\n"):
                return None
            try:
                found = json.loads(first)
            except ValueError:
                found = None
            if found != header:
                raise ResumeMismatch(f"{path} was written for other inputs or options")
            valid_end = len(first)
            walk = iter_tasks(inputs, skip=skipped(output))
            for raw in fh:
                entry = _entry(raw, skip)
                if entry is None:
                    break  # the entry being written when the run stopped, or a damaged one
                file_path, counts, end, digest, taken = entry
                task = next(walk, None)
                if task is None or task.path != file_path:
                    raise ResumeMismatch(
                        f"the inputs changed since the interrupted run (file {skip + 1} was "
                        f"{file_path!r}, now {task.path if task else 'nothing'!r})")
                if stamp(file_path) != taken or taken is None:
                    print(f"extractor: {file_path} changed since the interrupted run (or cannot "
                          "be checked); doing it and the files after it again", file=sys.stderr)
                    break
                if end < offset or not _holds(written, offset, end, digest, compressed(output)):
                    print(f"extractor: {output} does not hold what the checkpoint says after "
                          f"byte {offset}; going on from there", file=sys.stderr)
                    break
                done.add_counts(1, *counts)
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
        already written, each stamped as it is handed out (before any worker reads it)."""
        for task in itertools.islice(tasks, self._skip, None):
            self._stamps.append(stamp(task.path) if task.path != "-" else None)
            yield task

    def encode(self, res: FileResult) -> bytes:
        """What `res` writes to this output (see `encode`)."""
        return encode(res.items, self.compress)

    def file_done(self, res: FileResult, data: bytes) -> None:
        """Record that `data` (`self.encode(res)`) is written and flushed."""
        taken = self._stamps.popleft() if self._stamps else None
        entry = [self._index, res.path, res.lines, res.documents, res.errors, res.criteria,
                 res.constraints, self.out.tell(), _digest(data), taken]
        self._log.write(json.dumps(entry) + "\n")
        self._log.flush()
        self._index += 1

    def close(self, complete: bool) -> None:
        self.out.close()
        self._log.close()
        if complete:
            os.unlink(self.path)


def _entry(raw: bytes, index: int):
    """(path, counts, end, digest, stamp) of a complete checkpoint line for file `index`, or None."""
    if not raw.endswith(b"\n"):
        return None
    try:
        at, file_path, lines, docs, errors, crits, cons, end, digest, taken = json.loads(raw)
    except (ValueError, TypeError):
        return None
    if at != index or not isinstance(end, int):
        return None
    return file_path, (docs, errors, crits, cons), end, digest, taken


def _holds(written, start: int, end: int, digest: str, compress: bool = False) -> bool:
    """Whether the output's bytes [start, end) are those the run wrote for one file: the same
    digest, and the last of them ends a line (a gzip member: the digest alone)."""
    written.seek(start)
    data = written.read(end - start)
    return len(data) == end - start and (compress or not data or data.endswith(b"\n")) \
        and _digest(data) == digest


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
