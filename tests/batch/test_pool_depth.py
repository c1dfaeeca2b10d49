"""Workers hold a second job while they run one: big results and big jobs (the documents of a
shared-out many-record file) must never leave the parent and a worker each waiting on the other."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import HERE, REPO, write_docs

V2 = REPO.parent / "shared" / "corpora" / "ctgov-api-v2-json"


@pytest.mark.skipif(not V2.is_dir(), reason=f"{V2} not found")
def test_many_record_files_among_small_ones_finish_and_match_one_worker(tmp_path):
    small = tmp_path / "small"
    write_docs(small, 40)
    outs = []
    for workers in (1, 2):
        out = tmp_path / f"out{workers}.jsonl"
        # (this mix stalled for ever when a shared-out file's parts went to busy workers)
        proc = subprocess.run([sys.executable, str(HERE / "run_cli.py"), "null", "extract", str(V2),
                               str(small), "-o", str(out), "--workers", str(workers), "--quiet"],
                              cwd=REPO, timeout=300)
        assert proc.returncode in (0, 1)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert outs[0].count(b"\n") > 700
