"""Golden structure tests: sections and criteria trees of the seeds and the bundled samples.

Goldens live in corpora/trees/*.json (reviewed outlines; tools/tree_outline.py prints one)."""
from __future__ import annotations

import json

import pytest

from tools.outline import outline

from ..conftest import REPO, SAMPLES, SEEDS

GOLDENS = sorted((REPO / "corpora" / "trees").glob("*.json"))


def _input(name: str):
    kind, _, file = name.partition("/")
    base = SEEDS if kind == "seeds" else SAMPLES
    path = base / file
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path


@pytest.mark.parametrize("golden", GOLDENS, ids=[g.stem for g in GOLDENS])
def test_tree_matches_golden(engine, golden):
    want = json.loads(golden.read_text(encoding="utf-8"))
    record = engine.records(str(_input(want["input"])))[0]
    got = outline(record)
    assert got["sections"] == want["sections"]
    assert got["criteria"] == want["criteria"]


def _tree(engine, prefix):
    from ..conftest import seed
    return engine.records(str(seed(prefix)))[0]


def _children(rec, cid):
    return [c for c in rec["criteria"] if c["parent"] == cid]


def test_mayo_seed_logic_groups(engine):
    rec = _tree(engine, "000_")
    crits = rec["criteria"]
    one_of = next(c for c in crits if "one of the following" in c["text"])
    assert one_of["logic"] == "any"
    assert [c["text"] for c in _children(rec, one_of["id"])] == [
        "Smoldering multiple myeloma (SMM)", "Indolent multiple myeloma (IMM)",
        "Newly diagnosed multiple myeloma (MM)"]
    assert one_of["notes"][0]["text"].startswith("Note: patients with lytic disease")
    all_of = next(c for c in crits if "all of the following" in c["text"])
    assert all_of["logic"] == "all"
    assert len(_children(rec, all_of["id"])) == 3
    any_of = next(c for c in crits if c["text"] == "Any of the following:")
    assert any_of["kind"] == "exclusion" and any_of["logic"] == "any"
    assert len(_children(rec, any_of["id"])) == 3
    parents = {one_of["id"], all_of["id"], any_of["id"]}
    for c in crits:
        assert c["parent"] is None or c["parent"] in parents
        assert c["kind"] in ("inclusion", "exclusion")
    assert sum(c["parent"] is None for c in crits) == 15 + 6


def test_veeva_seed_groups_and_mixed_list(engine):
    rec = _tree(engine, "001_")
    groups = [s for s in rec["sections"] if s["role"] == "group"]
    assert [g["heading"] for g in groups] == ["DISEASE CHARACTERISTICS:", "PATIENT CHARACTERISTICS:",
                                              "PRIOR CONCURRENT THERAPY:"]
    assert all(c["kind"] == "unspecified" for c in rec["criteria"])
    by_group = {}
    for c in rec["criteria"]:
        by_group.setdefault(rec["sections"][c["section"]]["heading"], []).append(c["text"])
    assert by_group["PRIOR CONCURRENT THERAPY:"] == [
        "More than 30 days since prior treatment with dehydroepiandrosterone (DHEA), clarithromycin, "
        "pamidronate, steroids, or any other agent that may affect M-protein"]
    assert len(by_group["PATIENT CHARACTERISTICS:"]) == 13
    # Criteria end before "Trial design": nothing after the eligibility part is a criterion.
    assert not any("Treatment" == c["text"] for c in rec["criteria"])


@pytest.mark.parametrize("prefix", ["003_", "004_"])
def test_seeds_without_criteria(engine, prefix):
    rec = _tree(engine, prefix)
    assert rec["criteria"] == [] and rec["sections"] == []
