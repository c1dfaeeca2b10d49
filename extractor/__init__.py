"""extractor: clinical-trial eligibility criteria to structured JSON with provenance spans."""
from __future__ import annotations

from .api import Document, Extractor, Options, extract, extract_many, extract_text
from .errors import ExtractorError

__version__ = "0.1.0"

__all__ = ["Document", "Extractor", "ExtractorError", "Options", "extract", "extract_many",
           "extract_text", "__version__"]
