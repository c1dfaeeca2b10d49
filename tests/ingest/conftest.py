"""Shared corpora for ingest tests: ../shared/corpora next to the repository, or
$EXTRACTOR_SHARED/corpora; tests that need them skip with a reason when absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def corpora_root() -> Path:
    env = os.environ.get("EXTRACTOR_SHARED")
    return Path(env) / "corpora" if env else REPO.parent / "shared" / "corpora"


@pytest.fixture(scope="session")
def corpora() -> Path:
    root = corpora_root()
    if not root.is_dir():
        pytest.skip(f"shared corpora not found at {root}")
    return root


def need(root: Path, rel: str) -> Path:
    p = root / rel
    if not p.exists():
        pytest.skip(f"corpus folder {rel} not found under {root}")
    return p
