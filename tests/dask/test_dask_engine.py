"""The Dask engine: a local cluster of two worker processes gives, byte for byte, the JSON Lines
of a local run over a corpus slice of more than 400 files (a multi-record file with a bad record
and files that give error records among them)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

from extractor import cli  # noqa: E402
from extractor.api import Extractor, Options  # noqa: E402

from ..conftest import SHARED  # noqa: E402

CORPORA = SHARED / "corpora"
SLICE = ["ctgov-legacy-xml-2023/NCT0046xxxx", "ctrdata-demo-records", "ctgov-legacy-xml-trec2017"]
GOOD = {"protocolSection": {
    "identificationModule": {"nctId": "NCT01234567", "briefTitle": "A trial"},
    "eligibilityModule": {"eligibilityCriteria": "Inclusion Criteria:\n\n* Age ≥ 18 years"}}}
BAD = {"protocolSection": {"identificationModule": {"nctId": "NCT07654321", "briefTitle": ["x"]},
                           "eligibilityModule": {"eligibilityCriteria": {"not": "text"}}}}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    if not all((CORPORA / s).is_dir() for s in SLICE):
        pytest.skip(f"corpora absent at {CORPORA}")
    extra = tmp_path_factory.mktemp("extra")
    (extra / "studies.json").write_text(json.dumps([GOOD, BAD, GOOD] * 10), encoding="utf-8")
    (extra / "empty.txt").write_bytes(b"")
    return [str(CORPORA / s) for s in SLICE] + [str(extra)]


@pytest.fixture(scope="module")
def client():
    from extractor.dask import client_for

    c = client_for("local", workers=2)
    yield c
    c.close()
    c.cluster.close()


def test_a_local_cluster_writes_the_bytes_of_a_local_run(inputs, client, tmp_path):
    from extractor.batch import dask_runner, walk
    from extractor.batch.command import extract_command

    assert sum(1 for _ in walk.iter_tasks(inputs)) >= 400
    # without the entity model (20 times slower); the bag test below runs with it
    engine = Extractor(Options(entities=False))
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert extract_command(engine, inputs, str(local), workers=1, quiet=True) == 1
    assert extract_command(engine, inputs, str(remote), workers=0, quiet=True,
                           runner=lambda eng, tasks: dask_runner.run(eng, tasks, client)) == 1
    assert remote.read_bytes() == local.read_bytes()
    lines = local.read_bytes().splitlines()
    codes = [json.loads(x)["error"]["code"] for x in lines if b'"error"' in x[:40]]
    assert "unsupported-shape" in codes and "empty-input" in codes and len(lines) > 400
    # Each worker process loaded the pipeline once, however many parts it ran.
    loaded = client.run(lambda: len(__import__("extractor.batch.dask_runner", fromlist=["x"])._ENGINES))
    assert sorted(loaded.values()) == [1, 1]


def test_the_bag_holds_the_records_of_extract_many(inputs, client):
    from extractor.dask import records_bag

    small = [inputs[1], inputs[-1]]
    expected = list(Extractor(Options()).extract_many(small))
    assert records_bag(small, files_per_partition=4).compute() == expected


@pytest.mark.parametrize("flags, why", [(["--time-limit", "5"], "cannot be enforced"),
                                        (["--workers", "2", "--dask", "tcp://127.0.0.1:1"], "--workers sets")])
def test_flags_dask_cannot_honour_are_refused(tmp_path, capsys, flags, why):
    args = ["extract", str(tmp_path), "-o", str(tmp_path / "o.jsonl")] + flags
    if "--dask" not in flags:
        args += ["--dask", "local"]
    assert cli.main(args) == 2
    assert why in capsys.readouterr().err
