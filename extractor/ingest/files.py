"""Reading one input from disk (or standard input) into bytes, with the policy every caller shares:
what is not a document is refused before it is opened, what is too large before it is read."""
from __future__ import annotations

import os
import select
import stat
import sys
import time

from ..errors import TooLarge, UnreadableInput


# How long a FIFO named as an input may wait for a writer (or, with a time limit, that limit).
FIFO_WAIT = 30.0


def read_input(path: str, max_bytes: int, walked: bool = False, wait: float = FIFO_WAIT) -> bytes:
    """The bytes of `path` ("-": standard input). `walked`: the path was found by walking a
    folder rather than named by the caller. A FIFO named as an input is read if a writer comes
    within `wait` seconds, never waited on for ever."""
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
        if stat.S_ISFIFO(st.st_mode):
            return _read_fifo(path, max_bytes, wait)
    try:
        if path == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            with open(path, "rb") as fh:
                # A device or pipe has no size to check first: read one byte past the limit at most.
                data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise UnreadableInput(f"cannot read: {exc.strerror or exc}", path) from None
    if len(data) > max_bytes:
        raise TooLarge(f"more than the limit of {max_bytes} bytes", path)
    return data


def read_stdin(max_bytes: int) -> bytes:
    """Standard input, read by the process that owns it (a worker process has none), one byte
    past `max_bytes` at most (the reader then says it is too large)."""
    try:
        return sys.stdin.buffer.read(max_bytes + 1)
    except (OSError, ValueError, AttributeError):
        return b""


def _read_fifo(path: str, max_bytes: int, wait: float) -> bytes:
    """A FIFO opened without blocking: with no writer a read gives end-of-file at once, so poll
    until one has written and closed, or `wait` has passed with nothing written."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise UnreadableInput(f"cannot read: {exc.strerror or exc}", path) from None
    chunks: list[bytes] = []
    size = 0
    deadline = time.monotonic() + wait
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 and not chunks:
                raise UnreadableInput(f"nothing was written to the FIFO within {wait:g} s", path)
            ready, _, _ = select.select([fd], [], [], max(0.0, min(left, 1.0)) if not chunks else 1.0)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                continue
            if chunk:
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    raise TooLarge(f"more than the limit of {max_bytes} bytes", path)
            elif chunks:
                return b"".join(chunks)   # the writer closed: the end
            else:
                time.sleep(0.02)          # no writer yet
    finally:
        os.close(fd)
