"""One base error; each subclass carries a stable code that appears in error records."""
from __future__ import annotations


class ExtractorError(Exception):
    """Base of every error the extractor reports for an input. Picklable (args only)."""

    code = "error"

    def __init__(self, message: str, path: str | None = None, record: str | None = None):
        super().__init__(message, path, record)
        self.message = message
        self.path = path
        self.record = record

    def __str__(self) -> str:
        return self.message


class EmptyInput(ExtractorError):
    code = "empty-input"


class BinaryInput(ExtractorError):
    code = "binary-input"


class UndecodableText(ExtractorError):
    code = "undecodable-text"


class UnreadableInput(ExtractorError):
    code = "unreadable-input"


class TooLarge(ExtractorError):
    code = "too-large"


class Timeout(ExtractorError):
    code = "timeout"


class MalformedXML(ExtractorError):
    code = "malformed-xml"


class MalformedJSON(ExtractorError):
    code = "malformed-json"


class MalformedCSV(ExtractorError):
    code = "malformed-csv"


class UnsupportedShape(ExtractorError):
    """Well-formed input whose structure is not one the extractor knows (a JSON of the wrong shape)."""

    code = "unsupported-shape"


class UnsafeInput(ExtractorError):
    """Input that tries something dangerous (entity expansion, external entities)."""

    code = "unsafe-input"


class InternalError(ExtractorError):
    """A bug: a stage raised something unexpected. The run goes on; the record says so."""

    code = "internal-error"


class RuleFileError(ExtractorError, ValueError):
    """A packaged rule file does not satisfy its schema: a bug in the data, reported with its path."""

    code = "invalid-rule-file"


class ResumeMismatch(ExtractorError):
    """A run's checkpoint does not describe this run (other inputs or options, or files changed)."""

    code = "resume-mismatch"


class CorpusMissing(ExtractorError):
    """An evaluation corpus is not on this machine."""

    code = "corpus-missing"


class OutputUnusable(ExtractorError):
    """The run's output cannot be written (missing or read-only folder, another run writing it):
    the run does not start, and nothing is truncated."""

    code = "unusable-output"
