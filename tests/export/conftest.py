"""Records to export: the bundled samples and the seed documents run through the engine now
(so the exporters meet today's records), and a slice of the corpus records in
$EXTRACTOR_BASE/raw.jsonl (default ../base/raw.jsonl; skipped when absent)."""
from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from extractor.export.records import read_records

from ..conftest import REPO, SAMPLES, SEEDS

BASE = Path(os.environ.get("EXTRACTOR_BASE", REPO.parent / "base"))
CORPUS_RECORDS = 300


@pytest.fixture(scope="session")
def seed_records(engine) -> list[dict]:
    inputs = [str(SAMPLES)] + ([str(SEEDS)] if SEEDS.is_dir() else [])
    records = [r for r in engine.extract_many(inputs) if "document" in r]
    assert records
    return records


@pytest.fixture(scope="session")
def corpus_records() -> list[dict]:
    path = BASE / "raw.jsonl"
    if not path.is_file():
        pytest.skip(f"corpus records not found at {path}")
    records = [r for _, r in itertools.islice(read_records(path), CORPUS_RECORDS)]
    assert len(records) >= 200
    return records


def by_document(records: list[dict], doc_id: str) -> dict:
    found = [r for r in records if r["document"]["id"] == doc_id]
    if not found:
        pytest.skip(f"{doc_id} is not among the records")
    return found[0]


def record(*criteria: dict, doc_id: str = "T1", study: dict | None = None) -> dict:
    """A hand-made record: criteria given as dicts with the contract's fields (defaults filled)."""
    out = []
    for c in criteria:
        full = {"kind": "inclusion", "parent": None, "logic": None, "negated": False,
                "entities": [], "constraints": [], "constraints_logic": "all", "children": [],
                "span": [0, len(c.get("text", ""))], **c}
        out.append(full)
    return {"schema_version": "1", "document": {"id": doc_id, "text": ""}, "study": study or {},
            "sections": [], "criteria": out}


def value(comparator: str, subject: dict | None = None, unit: dict | None = None, **numbers) -> dict:
    return {"type": "value", "subject": subject, "comparator": comparator, "unit": unit,
            "reference": None, "text": f"{comparator} {numbers}", "span": [0, 1], "rules": [], **numbers}
