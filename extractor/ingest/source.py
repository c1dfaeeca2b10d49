"""The ingest stage's output: one `Source` per document found in an input file.

Every reader (plain text, ClinicalTrials.gov XML/JSON, HTML, registry exports...) returns
`Source` objects. Everything after ingest works only on `Source.text`; the `segments` let the
record builder point each criterion back to the exact place in the original file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Segment:
    """A stretch of the canonical text copied from one place of the original file.

    `start`/`end` are offsets into `Source.text`. `locator` says where that stretch lives in the
    original file, e.g. {"xpath": "/clinical_study/eligibility/criteria/textblock"},
    {"pointer": "/protocolSection/eligibilityModule/eligibilityCriteria"},
    {"pointer": "/inclusion_criteria", "row": 12} or {} for a whole text file.
    `source_offsets` maps every canonical offset of the segment (plus one past its end) to a
    character offset in the decoded original (file for text/HTML, the field's value for
    structured records): len == end - start + 1. None means the identity shifted by
    `source_start`.
    """

    start: int
    end: int
    locator: dict[str, Any] = field(default_factory=dict)
    source_start: int = 0
    source_offsets: tuple[int, ...] | None = None

    def source_offset(self, pos: int) -> int:
        """Offset in the original that corresponds to canonical offset `pos` (start<=pos<=end)."""
        if self.source_offsets is not None:
            return self.source_offsets[pos - self.start]
        return self.source_start + (pos - self.start)


@dataclass
class Source:
    """A document read from an input: canonical text plus what the format told us."""

    text: str
    format: str                      # e.g. "text", "html", "ctgov-xml", "ctgov-v2-json"
    path: str                        # the input path as given ("-" for stdin)
    sha256: str                      # of the raw bytes of the input file
    record: str | None = None        # where in a multi-record file: JSON Pointer or "row N"
    encoding: str | None = None      # detected text encoding where bytes were decoded
    doc_id: str | None = None        # registry id when known (NCT..., EudraCT...)
    site: str | None = None          # e.g. "clinicaltrials.gov", "mayoclinic.org"
    study: dict[str, Any] = field(default_factory=dict)   # CONTRACT "study" fields found
    segments: list[Segment] = field(default_factory=list)
    # Eligibility stretches the format marks structurally (e.g. separate inclusion/exclusion
    # fields): list of (start, end, kind) in canonical text; empty = find sections from text.
    sections_hint: list[tuple[int, int, str]] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)    # other languages seen and not kept
    # Where the document's own text starts: after a page's <title>, which a reader puts first
    # and which is not eligibility text even when it reads "Inclusion Criteria: ...".
    body_start: int = 0
    warnings: list[str] = field(default_factory=list)

    def locate(self, start: int, end: int) -> dict[str, Any] | None:
        """Where canonical [start, end) came from in the original file, or None if generated."""
        for seg in self.segments:
            if seg.start <= start and end <= seg.end:
                loc = dict(seg.locator)
                loc["start"] = seg.source_offset(start)
                loc["end"] = seg.source_offset(end)
                return loc
        return None
