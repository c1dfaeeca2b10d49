"""extractor: clinical-trial eligibility criteria to structured JSON with provenance spans.

The flow, one line per module (each line only calls the lines below it):

    cli.py          the command line: flags -> Options, an engine, a command; exit status
    batch/          many inputs through an engine it is handed: walk, pool, results, checkpoint,
                    progress, the extract command (never imports api or cli)
    api.py          the engine: Options, Extractor (one input -> records, never raising), Document
    deadline.py     the per-document time limit
    ingest/         bytes -> Source (canonical text, offset map, study facts): sniff, one reader
                    per format, files.py (reading a path)
    sections.py     where the eligibility lists are, inclusion or exclusion
    criteria.py     the tree of criteria inside each list; criteria_items.py (what a marker says),
                    criteria_passes.py (passes over a list's lines first), criteria_continuation.py
                    (whether a line goes on with the criterion before it)
    lines.py        lines, list markers and the section cues both structure stages read
    analysis.py     which criteria the NLP stage reads
    nlp/            spaCy components: thresholds, windows, subjects, negation (only nlp/ imports spaCy)
    normalize/      pure functions: numbers, units (pint/UCUM), durations
    schedules/      dosing instructions (drug, dose, route, frequency, days, cycles, branch) from the text
    records.py      Source + sections + tree + analyses -> the contract's record; its JSONL line
    validate.py     schema and span checks of records; explain.py renders one for a person
    errors.py       ExtractorError and its coded subclasses
    resources.py    packaged rule files (extractor._models) and schemas (extractor._schemas)
    eval/           scorers for the gold corpora and the quality gate
    export/         exporters, pure functions of records: FHIR R5/R4, OHDSI Circe, a flat table
    review/         records -> one offline HTML page to review them (reads records only)
"""
from __future__ import annotations

from .api import Document, Extractor, Options, extract, extract_many, extract_text
from .errors import ExtractorError

__version__ = "0.1.0"

__all__ = ["Document", "Extractor", "ExtractorError", "Options", "extract", "extract_many",
           "extract_text", "__version__"]
