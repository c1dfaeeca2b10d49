"""Where the evaluation corpora live and how each is split into dev and test.

Corpora are read in place from the shared folder next to the repository (or
$EXTRACTOR_SHARED), never copied into it.

Splits. LCT: dev = training/ + batch1..batch10, test = batch11..batch20 (the published
discipline). LCT logical forms follow the LCT batch of their trial, so no trial is dev in one
corpus and test in the other; trials absent from LCT, and corpora without a published split
(Chia, NCI CTS), use a stable hash of the document id: about half dev, half test.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..errors import CorpusMissing

__all__ = ["CorpusMissing", "SPLITS", "corpus_dir", "hash_split", "in_split"]

SPLITS = ("dev", "test", "all")


def repo_root() -> Path | None:
    """The checkout being evaluated: the nearest folder up from the working directory holding
    `baselines/` or `pyproject.toml`, else the one this package sits in (editable installs).

    The working directory comes first because CI installs the package into a fresh virtual
    environment, where this file lives in site-packages, far from the checkout.
    """
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "baselines").is_dir() or (folder / "pyproject.toml").is_file():
            return folder
    package_repo = Path(__file__).resolve().parents[2]
    return package_repo if (package_repo / "pyproject.toml").is_file() else None


def shared_root() -> Path:
    """$EXTRACTOR_SHARED, else `shared/` next to the repository."""
    env = os.environ.get("EXTRACTOR_SHARED")
    if env:
        return Path(env)
    repo = repo_root() or Path.cwd()
    return repo.parent / "shared"


def corpora_root() -> Path:
    return shared_root() / "corpora"


def corpus_dir(*parts: str) -> Path:
    path = corpora_root().joinpath(*parts)
    if not path.is_dir():
        raise CorpusMissing(f"{path} absent")
    return path


def lct_batch_split(batch: str) -> str:
    if batch == "training":
        return "dev"
    number = int(batch.removeprefix("batch"))
    return "dev" if number <= 10 else "test"


def hash_split(doc_id: str) -> str:
    return "dev" if hashlib.sha1(doc_id.encode()).digest()[0] % 2 == 0 else "test"


def in_split(doc_split: str, wanted: str) -> bool:
    return wanted == "all" or doc_split == wanted


def lct_trial_splits() -> dict[str, str]:
    """NCT id -> LCT split, for corpora that should follow LCT's split."""
    out = {}
    try:
        root = corpus_dir("lct", "leaf_clinical_trials")
    except CorpusMissing:
        return out
    for batch in sorted(p for p in root.iterdir() if p.is_dir()):
        split = lct_batch_split(batch.name)
        for txt in batch.glob("*.txt"):
            out[txt.stem] = split
    return out
