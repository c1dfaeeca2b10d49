"""The engine: one object that loads the pipeline once, orders the stages and turns one input
into its records without ever raising for bad input.

    bytes -> ingest (Source) -> sections -> criteria tree -> analysis (nlp) -> schedules -> record dict

Each stage decides its own policy (how sections are searched, which criteria are analysed);
the engine only orders them and guards each document. Many documents are run by `batch`, which
is handed an engine and calls `read` and `records_of` (or `records`).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, TypeVar

from . import analysis, batch
from . import criteria as criteria_stage
from . import schedules as schedules_stage
from . import sections as sections_stage
from .deadline import deadline
from .errors import ExtractorError, InternalError, UnreadableInput
from .ingest import DEFAULT_LIMITS, Limits, Source, read_source, read_text
from .ingest.files import FIFO_WAIT, read_input
from .records import build_record, error_record

T = TypeVar("T")


@dataclass(frozen=True)
class Options:
    """Everything a run can be told; the CLI maps its flags onto this same object."""

    # Treat a text with no eligibility heading as one list of criteria of unknown side
    # (for inputs that are bare criteria, such as one criterion per line).
    assume_eligibility: bool = False
    limits: Limits = field(default_factory=lambda: DEFAULT_LIMITS)
    # Seconds one document may take (reading a file, then each of its documents); 0 = no limit.
    time_limit: float = 0.0
    # A criterion longer than this is not a sentence a person wrote (a table dump, a run of
    # digits): it keeps its place in the tree but is not analysed, and the record says so.
    max_criterion_chars: int = 20_000
    # Run the trained entity model (models/entities/); off, a criterion's entities are the
    # lexicon's variables and the constraints' subjects only, at several times the speed.
    entities: bool = True


class Document:
    """One extracted document. `to_dict()` is exactly the JSON record of the contract."""

    def __init__(self, record: dict[str, Any]):
        self._record = record

    def to_dict(self) -> dict[str, Any]:
        return self._record

    @property
    def id(self) -> str:
        return self._record["document"]["id"]

    @property
    def text(self) -> str:
        return self._record["document"]["text"]

    @property
    def criteria(self) -> list[dict[str, Any]]:
        return self._record["criteria"]

    @property
    def sections(self) -> list[dict[str, Any]]:
        return self._record["sections"]

    @property
    def study(self) -> dict[str, Any]:
        return self._record["study"]

    def __repr__(self) -> str:
        return f"<Document {self.id}: {len(self.criteria)} criteria>"


class _Unwatched:
    """What `watch` defaults to: nobody is timing the documents from outside."""

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass


_UNWATCHED = _Unwatched()


class Extractor:
    """Runs documents through the stages. Build it once; it is cheap to call many times.

    `analyzer` replaces the NLP stage (anything with `analyze(text, spans)`); by default the
    spaCy pipeline is loaded on first use. An Extractor pickles without its loaded pipeline
    (a process that receives one loads its own)."""

    def __init__(self, options: Options | None = None, analyzer: Any = None):
        self.options = options or Options()
        self._analyzer = analyzer
        self._own_analyzer = analyzer is None

    def __getstate__(self) -> dict[str, Any]:
        return {"options": self.options, "analyzer": None if self._own_analyzer else self._analyzer}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["options"], state["analyzer"])

    @property
    def analyzer(self):
        if self._analyzer is None:
            from .nlp import Analyzer  # spaCy loads here, once, and only when needed
            self._analyzer = Analyzer(entities=self.options.entities)
        return self._analyzer

    def warm_up(self) -> None:
        """Load now what the first document would load (the pipeline, its compiled rules, the
        unit registry), so that the time to the first record is paid here: before workers
        are forked from this process, for instance, which then start ready and share it."""
        self.extract_text("Inclusion Criteria:\n- Absolute neutrophil count (ANC) >= 1,500/mm3 "
                          "within 4 weeks prior to registration\n")

    # -- the stages, for one Source ---------------------------------------------------------
    def extract_source(self, src: Source) -> dict[str, Any]:
        """The record of one ingested document. Raises what a stage raises (see `records_of`)."""
        text = src.text
        secs = sections_stage.for_source(src, self.options.assume_eligibility)
        items = criteria_stage.build_tree(text, sections_stage.list_ranges(text, secs))
        analyses, warnings = analysis.analyze(self.analyzer, text, items,
                                              self.options.max_criterion_chars)
        schedules = schedules_stage.find_schedules(text, secs, src.study.get("interventions"))
        record = build_record(src, secs, items, analyses, schedules)
        if warnings:
            record.setdefault("warnings", []).extend(warnings)
        if lead := sections_stage.unread_lead(src, secs, self.options.assume_eligibility):
            record.setdefault("warnings", []).append(lead)
        return record

    # -- the guard: one input to records, never raising --------------------------------------
    def _guarded(self, work: Callable[[], T], path: str, record: str | None, watch, what: str
                 ) -> T | ExtractorError:
        """`work()` under the time limit, or the ExtractorError that stands for its failure.
        `watch.start()`/`stop()` bracket it (a pool's watchdog times documents from outside)."""
        watch.start()
        try:
            with deadline(float(self.options.time_limit or 0)):
                return work()
        except ExtractorError as err:
            err.path = err.path if err.path is not None else path
            err.record = err.record if err.record is not None else record
            return err
        except RecursionError:
            return InternalError(f"input nested too deeply{what}", path, record)
        except Exception as exc:  # a bug in a stage must not stop a run: report it as a record
            return InternalError(f"{type(exc).__name__}: {exc}", path, record)
        finally:
            watch.stop()

    def read(self, path: str, walked: bool = False, data: bytes | None = None,
             as_text: bool = False, watch=_UNWATCHED) -> list[Source | ExtractorError]:
        """The documents of one input, each a Source or, where it could not be read, the
        ExtractorError in its place. Never raises for bad input.

        `path`: a file ("-": standard input); `data`: its bytes when already read (standard
        input, read by the process that owns it); `walked`: found by walking a folder (a FIFO
        or device is then refused); `as_text`: read the bytes as plain text whatever they
        look like."""
        def work() -> list[Source | ExtractorError]:
            # A FIFO waits for its writer half the time limit at most (so the record says why).
            limit = float(self.options.time_limit or 0)
            raw = data if data is not None else read_input(
                path, self.options.limits.max_bytes, walked, wait=min(limit / 2, FIFO_WAIT) if limit else FIFO_WAIT)
            reader = read_text if as_text else read_source
            return reader(raw, path, self.options.limits)

        got = self._guarded(work, path, None, watch, " to read")
        return [got] if isinstance(got, ExtractorError) else got

    def records_of(self, items: Iterable[Source | ExtractorError], watch=_UNWATCHED) -> list[dict[str, Any]]:
        """One record per item of `read`: a document record, or an error record. Never raises;
        each document has the time limit to itself."""
        out = []
        for item in items:
            if not isinstance(item, ExtractorError):
                item = self._guarded(lambda src=item: self.extract_source(src), item.path, item.record,
                                     watch, "")
            out.append(error_record(item) if isinstance(item, ExtractorError) else item)
        return out

    def records(self, path: str, walked: bool = False, data: bytes | None = None,
                as_text: bool = False, watch=_UNWATCHED) -> list[dict[str, Any]]:
        """Every record of one input, in order. Never raises for bad input."""
        return self.records_of(self.read(path, walked, data, as_text, watch), watch)

    # -- the library calls ------------------------------------------------------------------
    def extract(self, path: str) -> Document:
        """The first document of `path`; raises the ExtractorError that stands in its place
        when it could not be read or extracted."""
        return self._first_document(self.read(path), path)

    def extract_text(self, text: str, path: str = "<text>") -> Document:
        """`text` exactly as if it were a plain-text file: same reader, same id and facts."""
        if not isinstance(text, str):
            raise TypeError(f"extract_text takes a str, not {type(text).__name__}"
                            + (": decode the bytes, or pass a file to extract()"
                               if isinstance(text, (bytes, bytearray)) else ""))
        return self._first_document(self.read(path, data=_text_bytes(text), as_text=True), path)

    def _first_document(self, items: list[Source | ExtractorError], path: str) -> Document:
        """The first item of `read` as a Document, or the ExtractorError that stands for it raised."""
        if not items:
            raise UnreadableInput("the input holds no document", path)
        first = items[0]
        if not isinstance(first, ExtractorError):
            first = self._guarded(lambda: self.extract_source(items[0]), first.path, first.record,
                                  _UNWATCHED, "")
        if isinstance(first, ExtractorError):
            raise first
        return Document(first)

    def extract_many(self, inputs: Iterable[str], workers: int = 1) -> Iterator[dict[str, Any]]:
        """Records (dicts) of every document of `inputs` (paths; one path alone is one input),
        in input order; this engine runs them, in this process or in workers forked from it."""
        return batch.run_records(self, input_paths(inputs), workers=workers)

    def extract_texts(self, texts: Iterable[str], workers: int = 1) -> Iterator[dict[str, Any]]:
        """One record per text (each read as by `extract_text`; an error record where that
        would raise), in order."""
        tasks = (batch.Task("<text>", data=_text_bytes(t), as_text=True) for t in texts)
        return batch.run_tasks(self, tasks, workers=workers)


def input_paths(inputs) -> list[str]:
    """Inputs as a list of path strings; one path alone (str, bytes or PathLike) is one input."""
    if isinstance(inputs, (str, bytes, os.PathLike)):
        inputs = [inputs]  # a path, not a sequence of one-character paths
    return [os.fsdecode(p) for p in inputs]


def _text_bytes(text: str) -> bytes:
    """A str as the bytes of a UTF-8 text file. A str may hold lone surrogates, which no UTF-8
    file can: they become "?", one character for one, so every offset still points where it did."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace")


_default: Extractor | None = None


def default_extractor() -> Extractor:
    global _default
    if _default is None:
        _default = Extractor()
    return _default


def extract(path: str | os.PathLike, options: Options | None = None) -> Document:
    ex = Extractor(options) if options else default_extractor()
    return ex.extract(os.fspath(path))


def extract_text(text: str, options: Options | None = None) -> Document:
    ex = Extractor(options) if options else default_extractor()
    return ex.extract_text(text)


def extract_many(inputs: Iterable[str | os.PathLike], workers: int = 1,
                 options: Options | None = None) -> Iterator[dict[str, Any]]:
    ex = Extractor(options) if options else default_extractor()
    return ex.extract_many(inputs, workers=workers)
