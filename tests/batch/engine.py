"""Engines for batch tests that do not depend on the NLP stage being present.

The batch machinery is about files, order, processes and limits; the NLP stage's own tests cover
the analysis. The batch layer is handed its engine, so these tests hand it one with a stand-in
analyzer. When the real analyzer imports, `real_or_null_engine` uses it, so the hostile inputs
also reach the NLP stage's patterns.
"""
from __future__ import annotations

import time

from extractor.analysis import NoAnalysis
from extractor.api import Extractor, Options


class SlowAnalyzer(NoAnalysis):
    def analyze(self, text, items):
        time.sleep(0.02)
        return super().analyze(text, items)


def slow_engine(options: Options | None = None) -> Extractor:
    return Extractor(options, analyzer=SlowAnalyzer())


def null_engine(options: Options | None = None) -> Extractor:
    return Extractor(options, analyzer=NoAnalysis())


def real_analyzer_available() -> bool:
    try:
        from extractor.nlp import Analyzer  # noqa: F401
    except Exception:
        return False
    return True


def real_or_null_engine(options: Options | None = None) -> Extractor:
    return Extractor(options) if real_analyzer_available() else null_engine(options)
