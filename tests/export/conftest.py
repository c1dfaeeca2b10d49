"""Records to export: the bundled samples and the seed documents, and a slice of the shared
corpora (legacy ClinicalTrials.gov XML and the registry JSON records of CTIS, EU CTR, ISRCTN),
all run through the engine now, so the exporters meet today's records (the corpus slice is
skipped where the shared corpora are absent)."""
from __future__ import annotations

import pytest

from ..conftest import SAMPLES, SEEDS, SHARED

CORPUS_SLICE = [SHARED / "corpora" / "ctgov-legacy-xml-2023" / "NCT0046xxxx",
                SHARED / "corpora" / "ctrdata-demo-records" / "records"]


@pytest.fixture(scope="session")
def seed_records(engine) -> list[dict]:
    inputs = [str(SAMPLES)] + ([str(SEEDS)] if SEEDS.is_dir() else [])
    records = [r for r in engine.extract_many(inputs) if "document" in r]
    assert records
    return records


@pytest.fixture(scope="session")
def corpus_records(engine) -> list[dict]:
    missing = [str(p) for p in CORPUS_SLICE if not p.is_dir()]
    if missing:
        pytest.skip(f"shared corpora absent: {', '.join(missing)}")
    records = [r for r in engine.extract_many([str(p) for p in CORPUS_SLICE], workers=2) if "document" in r]
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
