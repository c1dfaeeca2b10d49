"""Extraction on a Dask cluster, for inputs that outgrow one machine.

    from extractor.dask import client_for, records_bag
    client = client_for("local")                 # or "tcp://scheduler:8786"
    bag = records_bag(["folder/"], files_per_partition=16)
    bag.take(2)                                  # record dicts, in input order

The folder walk runs on the client; each partition is a few files whose records a worker
computes with a pipeline it loads once per process (never pickled). `extractor extract --dask
ADDRESS|local` writes the same JSON Lines as a local run, byte for byte. Needs the `dask` extra.
"""
from __future__ import annotations

import os
import pickle
from typing import Any, Iterable

from .api import Extractor, Options, input_paths
from .batch.dask_runner import FILES_PER_PART, _part
from .batch.walk import iter_tasks


def client_for(address: str, workers: int | None = None):
    """A distributed.Client: "local" starts a cluster of `workers` single-threaded processes on
    this machine (default: one per core); anything else is a scheduler address."""
    from distributed import Client, LocalCluster

    if address == "local":
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        return Client(cluster)
    return Client(address)


def records_bag(inputs: Iterable[str], options: Options | None = None,
                files_per_partition: int = FILES_PER_PART, engine: Extractor | None = None):
    """A dask.bag of record dicts (document and error records) for every document of `inputs`,
    in input order."""
    import dask.bag as db

    engine = engine or Extractor(options)
    tasks = list(iter_tasks(input_paths(inputs)))
    state = pickle.dumps(engine)
    bag = db.from_sequence(tasks, partition_size=files_per_partition)
    return bag.map_partitions(_records, state)


def _records(tasks: list, state: bytes) -> list[dict[str, Any]]:
    return [rec for res in _part(state, list(tasks), False) for rec in res.items]
