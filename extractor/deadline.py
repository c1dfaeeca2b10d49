"""A wall-clock limit on a block of code, for the engine's per-document guard."""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

from .errors import Timeout


def _on_alarm(signum, frame):
    raise Timeout("document took longer than the time limit")


@contextmanager
def deadline(seconds: float):
    """Raise Timeout inside the block after `seconds` of wall time (0 = no limit).

    SIGALRM reaches Python code and regular-expression matching; code stuck inside another C
    extension is left to the batch pool's watchdog. Signals only work in the main thread:
    elsewhere (a library caller's thread) the block runs without a limit.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
