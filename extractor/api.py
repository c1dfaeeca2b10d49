"""The engine: one object that loads the pipeline once and runs the stages in order.

    bytes -> ingest (Source) -> sections -> criteria tree -> nlp -> record dict
"""
from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from . import criteria as criteria_stage
from . import sections as sections_stage
from .errors import ExtractorError, InternalError, UnreadableInput
from .ingest import DEFAULT_LIMITS, Limits, Source, read_source
from .ingest.text import normalize_newlines
from .records import build_record, error_record

# Formats whose canonical text is "title, blank line, the registry's eligibility field(s)": with
# no structural hints, everything after the title is eligibility text even without a heading.
_FREE_TEXT_FORMATS = {"text", "html"}


@dataclass(frozen=True)
class Options:
    """Everything a run can be told; the CLI maps its flags onto this same object."""

    # Treat a text with no eligibility heading as one list of criteria of unknown side
    # (for inputs that are bare criteria, such as one criterion per line).
    assume_eligibility: bool = False
    limits: Limits = field(default_factory=lambda: DEFAULT_LIMITS)
    # Seconds one document may take; enforced by the batch runner (0 = no limit).
    time_limit: float = 0.0
    # A criterion longer than this is not a sentence a person wrote (a table dump, a run of
    # digits): it keeps its place in the tree but is not analysed, and the record says so.
    max_criterion_chars: int = 20_000


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


class NoAnalysis:
    """An analyzer that finds nothing: for runs that need only sections and the criteria tree."""

    def analyze(self, text: str, items: list[tuple[int, int]]) -> list[dict[str, Any]]:
        return [{} for _ in items]


class Extractor:
    """Runs documents through the stages. Build it once; it is cheap to call many times."""

    def __init__(self, options: Options | None = None, analyzer: Any = None):
        self.options = options or Options()
        self._analyzer = analyzer

    @property
    def analyzer(self):
        if self._analyzer is None:
            from .nlp import Analyzer  # spaCy loads here, once, and only when needed
            self._analyzer = Analyzer()
        return self._analyzer

    def warm_up(self) -> None:
        """Load now what the first document would load (the pipeline, its compiled rules, the
        unit registry), so that the time to the first record is paid here: before workers
        are forked from this process, for instance, which then start ready and share it."""
        self.extract_text("Inclusion Criteria:\n- Absolute neutrophil count (ANC) >= 1,500/mm3 "
                          "within 4 weeks prior to registration\n")

    # -- one Source -------------------------------------------------------------------------
    def extract_source(self, src: Source) -> dict[str, Any]:
        text = src.text
        if src.sections_hint:
            secs = sections_stage.find_sections(text, src.sections_hint)
        elif src.format not in _FREE_TEXT_FORMATS:
            title_end = text.find("\n\n")
            secs = sections_stage.find_sections(text, region=(title_end + 2 if title_end >= 0 else 0, len(text)))
        else:
            secs = sections_stage.find_sections(text)
            if not secs and self.options.assume_eligibility:
                # Bare criteria: with no heading of its own, all of the text is one list.
                secs = sections_stage.find_sections(text, region=(0, len(text)))
        ranges = sections_stage.list_ranges(text, secs)
        items = criteria_stage.build_tree(text, ranges)
        limit = self.options.max_criterion_chars
        todo = [i for i, it in enumerate(items) if it.end - it.start <= limit]
        found = self.analyzer.analyze(text, [(items[i].start, items[i].end) for i in todo]) if todo else []
        analyses: list[dict[str, Any]] = [{} for _ in items]
        for i, an in zip(todo, found):
            analyses[i] = an
        record = build_record(src, secs, items, analyses)
        skipped = [f"c{i + 1}" for i in range(len(items)) if items[i].end - items[i].start > limit]
        if skipped:
            record.setdefault("warnings", []).append(
                f"criteria longer than {limit} characters were not analysed: {', '.join(skipped)}")
        return record

    # -- inputs -----------------------------------------------------------------------------
    def records_for_bytes(self, data: bytes, path: str) -> list[dict[str, Any]]:
        """Document and error records for one input file's bytes. Never raises for bad input."""
        try:
            sources = read_source(data, path, self.options.limits)
        except ExtractorError as err:
            return [error_record(err, path)]
        except RecursionError:
            return [error_record(InternalError("input nested too deeply to read", path), path)]
        except Exception as exc:  # a reader bug must not stop a run: report it as a record
            return [error_record(InternalError(f"{type(exc).__name__}: {exc}", path), path)]
        # A multi-record file may hold a bad record: the reader gives its error in its place.
        return [error_record(s) if isinstance(s, ExtractorError) else self._safe_extract(s)
                for s in sources]

    def _safe_extract(self, src: Source) -> dict[str, Any]:
        try:
            return self.extract_source(src)
        except ExtractorError as err:
            return error_record(err, src.path, src.record)
        except Exception as exc:
            return error_record(InternalError(f"{type(exc).__name__}: {exc}", src.path, src.record))

    def records_for_path(self, path: str) -> list[dict[str, Any]]:
        """Records for one input path ("-" reads standard input)."""
        try:
            data = read_input(path)
        except ExtractorError as err:
            return [error_record(err, path)]
        return self.records_for_bytes(data, path)

    def extract(self, path: str) -> Document:
        """The first document of `path`; raises the input's ExtractorError when it has none."""
        data = read_input(path)
        sources = read_source(data, path, self.options.limits)
        if not sources:
            raise UnreadableInput("the input holds no document", path)
        if isinstance(sources[0], ExtractorError):
            raise sources[0]
        return Document(self.extract_source(sources[0]))

    def extract_text(self, text: str, path: str = "<text>") -> Document:
        canonical, offsets = normalize_newlines(text)
        from .ingest.source import Segment
        src = Source(text=canonical, format="text", path=path,
                     sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
                     segments=[Segment(0, len(canonical), {}, 0, offsets)])
        return Document(self.extract_source(src))

    def extract_many(self, inputs: Iterable[str], workers: int = 1) -> Iterator[dict[str, Any]]:
        from .batch import run_records
        # This engine runs the documents: in this process, or forked into the workers.
        return run_records(list(inputs), self.options, workers=workers, engine=self)


def read_input(path: str) -> bytes:
    try:
        if path == "-":
            return sys.stdin.buffer.read()
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise UnreadableInput(f"cannot read: {exc.strerror or exc}", path) from None


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
    return ex.extract_many([os.fspath(p) for p in inputs], workers=workers)
