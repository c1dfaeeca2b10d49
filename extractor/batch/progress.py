"""What a batch run says on standard error: a progress bar on a terminal, a warning per error
record, and a one-line summary at the end. `--quiet` silences all of it."""
from __future__ import annotations

import sys
import threading

from .results import Totals
from .walk import iter_tasks


class Progress:
    """The bar counts input files, whose number is known in advance once a background thread
    has walked the inputs (until then it shows the rate without an ETA); documents and errors
    appear beside it, since one file may hold many documents."""

    def __init__(self, inputs: list[str], quiet: bool = False, already: Totals | None = None,
                 stream=None, skip: list[str] | None = None):
        self.skip = skip or []
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.totals = Totals()
        self.resumed = already or Totals()
        if self.resumed.files:
            self.totals.add_counts(self.resumed.files, self.resumed.documents, self.resumed.errors,
                                   self.resumed.criteria, self.resumed.constraints)
        self.bar = None
        self.counter: threading.Thread | None = None
        if not quiet and _isatty(self.stream):
            from tqdm import tqdm

            self.bar = tqdm(total=None, initial=self.resumed.files, unit="file", file=self.stream,
                            dynamic_ncols=True, smoothing=0.1)
            self.counter = threading.Thread(target=self._count, args=(list(inputs),), daemon=True)
            self.counter.start()

    def _count(self, inputs: list[str]) -> None:
        # A second, cheap walk (names only) so the bar can show an ETA.
        n = sum(1 for _ in iter_tasks(inputs, skip=self.skip))
        bar = self.bar
        if bar is not None:
            bar.total = n

    def update(self, res) -> None:
        self.totals.add(res)
        if self.quiet:
            return
        for w in res.warnings:
            self.warn(f"extractor: {w}")
        if self.bar is not None:
            t = self.totals
            elapsed = self.bar.format_dict.get("elapsed") or 0.0
            new_docs = t.documents - self.resumed.documents
            docs_rate = f"{new_docs / elapsed:.0f}/s" if elapsed > 0 else "?/s"
            self.bar.set_postfix_str(f"{t.documents} docs ({docs_rate}), {t.errors} errors",
                                     refresh=False)
            self.bar.update(1)

    def warn(self, message: str) -> None:
        if self.bar is not None:
            self.bar.write(message, file=self.stream)
        else:
            print(message, file=self.stream)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def summary(self, seconds: float) -> None:
        if self.quiet:
            return
        t = self.totals
        resumed = f" ({self.resumed.files} files from the interrupted run)" if self.resumed.files else ""
        print(f"extractor: {t.files} files{resumed}: {t.documents} documents, {t.errors} errors, "
              f"{t.criteria} criteria, {t.constraints} constraints in {seconds:.1f} s",
              file=self.stream)


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
