"""Damaged copies of real registry records (bytes changed, cut, repeated, inserted; a fixed seed):
each gives a valid document record or an error record with a reader's code, never an internal
error, and the same damaged input gives the same record twice. The records are read from
../shared/corpora (skipped where absent) and damaged in memory; nothing is written there."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from extractor.api import Options
from extractor.batch import run_tasks
from extractor.batch.walk import Task
from extractor.eval.corpora import corpora_root
from extractor.validate import problems

from .engine import real_or_null_engine

# one or two records of each raw format
SAMPLES = ["ctgov-legacy-xml-2023/**/*.xml", "ctgov-api-v2-json/**/*.json", "aact-fixtures/**/*.json",
           "aact-fixtures/**/*.xml", "registry-pages-misc/**/*.html", "opentrials-registry-cassettes/extracted_bodies/*",
           "ctrdata-demo-records/**/*.json", "nci-cts-api-v2/**/*.json", "euctr-text-download/**/*.txt",
           "ctgov-legacy-xml-trec2017/**/*.xml", "ictrp-covid-export/**/covid_all.csv"]
READER_CODES = {"empty-input", "binary-input", "undecodable-text", "too-large", "timeout", "malformed-xml",
                "malformed-json", "malformed-csv", "unsupported-shape", "unsafe-input"}
INSERTS = [b"<", b">", b"&", b"\x00", b"\xff\xfe", b"{", b"}", b'"', b"\n- ", b"Exclusion Criteria:", b"\r",
           b"\xe2\x89", b"]]>", b"<!--", b"<li>", b"\\u00", b";" * 300, b"!" * 300]


def _samples() -> list[Path]:
    root = corpora_root()
    files = []
    for pattern in SAMPLES:
        found = sorted(p for p in root.glob(pattern) if p.is_file())
        files += found[:2]
    if not files:
        pytest.skip(f"no raw records under {root}")
    return files


def _damaged(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.choice([1, 3, 10, 40])):
        if not b:
            break
        i, op = rng.randrange(len(b)), rng.random()
        if op < 0.3:
            b[i] = rng.randrange(256)
        elif op < 0.45:
            del b[i:i + rng.randint(1, 200)]
        elif op < 0.6:
            j = rng.randrange(len(b))
            b[i:i] = b[j:j + rng.randint(1, 500)]
        elif op < 0.7:
            del b[i:]
        elif op < 0.85:
            b[i:i] = rng.choice(INSERTS)
        else:
            b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 30)))
    return bytes(b)


def test_damaged_records_give_valid_records_or_reader_errors():
    rng = random.Random(58)
    # (a large export, the ICTRP CSV, is cut to its first 400 KB before it is damaged)
    tasks = [Task(f"{path}#damaged{k}", data=_damaged(path.read_bytes()[:400_000], rng))
             for path in _samples() for k in range(3)]
    engine = real_or_null_engine(Options(entities=False, time_limit=30))
    first = [json.dumps(r, sort_keys=True) for r in run_tasks(engine, tasks, workers=1)]
    again = [json.dumps(r, sort_keys=True) for r in run_tasks(engine, tasks, workers=1)]
    assert first == again
    codes = set()
    for line in first:
        rec = json.loads(line)
        assert not problems(rec), (problems(rec)[:3], line[:300])
        if "error" in rec:
            codes.add(rec["error"]["code"])
            assert rec["error"]["code"] in READER_CODES, rec["error"]
    assert codes and len(first) >= len(tasks)
