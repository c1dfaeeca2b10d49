"""Shared fixtures. Every record built through the `engine` fixture is validated (schema and
spans) as it is produced, so every test that extracts anything also checks its spans."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from extractor.api import Extractor, Options
from extractor.validate import problems

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EXTRACTOR_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"
SAMPLES = REPO / "corpora" / "samples"


class CheckedExtractor(Extractor):
    """An Extractor that refuses to return a record that breaks the schema or a span."""

    def extract_source(self, src):
        record = super().extract_source(src)
        found = problems(record)
        assert not found, f"{src.path}: {found[:5]}"
        return record


_ENGINES: dict = {}


def checked_engine(options: Options | None = None) -> CheckedExtractor:
    key = options or Options()
    if key not in _ENGINES:
        # engines whose options load the same pipeline share it (loading the model is slow)
        base = next((e for o, e in _ENGINES.items() if o.entities == key.entities), None)
        analyzer = base._analyzer if base is not None else None
        _ENGINES[key] = CheckedExtractor(key, analyzer=analyzer)
    return _ENGINES[key]


@pytest.fixture(scope="session")
def engine() -> CheckedExtractor:
    return checked_engine()


@pytest.fixture(scope="session")
def structure() -> Extractor:
    """An Extractor without the NLP stage: sections and criteria only."""
    from extractor.analysis import NoAnalysis

    return Extractor(analyzer=NoAnalysis())


def kinds_and_texts(structure: Extractor, text: str) -> list[tuple[str, str]]:
    """(kind, text) of each criterion `structure` finds in plain `text`."""
    return [(c["kind"], c["text"]) for c in structure.extract_text(text).to_dict()["criteria"]]


def flat_texts(structure: Extractor, text: str) -> list[str]:
    """The text of each criterion `structure` finds in plain `text`, its runs of whitespace one
    space (a wrapped line's break and indentation as the words' gap)."""
    return [" ".join(t.split()) for _, t in kinds_and_texts(structure, text)]


def texts_and_parents(structure: Extractor, text: str) -> list[tuple[str, str | None]]:
    """(text, its parent's text or None) of each criterion `structure` finds in plain `text`."""
    crits = structure.extract_text(text).to_dict()["criteria"]
    by_id = {c["id"]: c for c in crits}
    return [(c["text"], by_id[c["parent"]]["text"] if c["parent"] else None) for c in crits]


def depths_and_texts(structure: Extractor, text: str, notes: bool = False) -> list[tuple]:
    """(depth, text) of each criterion `structure` finds in plain `text` (0: a list's top level),
    and with `notes` the texts of its notes too."""
    crits = structure.extract_text(text).to_dict()["criteria"]
    by_id = {c["id"]: c for c in crits}

    def depth(c):
        d, p = 0, c["parent"]
        while p:
            d, p = d + 1, by_id[p]["parent"]
        return d
    if notes:
        return [(depth(c), c["text"], [n["text"] for n in c.get("notes", [])]) for c in crits]
    return [(depth(c), c["text"]) for c in crits]


def seed(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not found at {SEEDS}")
    found = sorted(SEEDS.glob(prefix + "*"))
    if not found:
        pytest.skip(f"seed {prefix} not found in {SEEDS}")
    return found[0]
