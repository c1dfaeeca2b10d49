from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from extractor import cli

from .engine import null_engine

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CORPORA = REPO.parent / "shared" / "corpora"


def extract_cli(*args: str, make_engine=null_engine) -> int:
    """`extractor extract --quiet ARGS` with an engine from `make_engine` (default: the
    stand-in analyzer)."""
    return cli.main(["extract", "--quiet", *args], make_engine=make_engine)


def write_docs(folder: Path, n: int) -> list[Path]:
    """n small criteria documents, some in nested folders, plus one that gives an error record."""
    out = []
    for i in range(n):
        sub = folder / f"g{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        p = sub / f"doc{i:03d}.txt"
        p.write_text(f"Trial {i}\n\nInclusion Criteria:\n- Age >= {18 + i} years\n"
                     f"- Hemoglobin > {i % 10 + 8} g/dL\n\nExclusion Criteria:\n"
                     f"- Pregnancy\n- Creatinine > {i % 4 + 1}.5 x ULN\n")
        out.append(p)
    (folder / "g1" / "empty.txt").write_bytes(b"")
    return out


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# -- runs in a process of their own, for tests that kill them ----------------------------------

def start_run(folder: Path, out: Path, workers: int, *flags: str) -> subprocess.Popen:
    """`extractor extract FOLDER -o OUT` with the slow stand-in engine, in a session of its own
    (its workers share it, so they can be found and killed together)."""
    return subprocess.Popen([sys.executable, str(HERE / "run_cli.py"), "slow", "extract", str(folder),
                             "-o", str(out), "--workers", str(workers), "--quiet", *flags],
                            cwd=REPO, start_new_session=True)


def wait_for_lines(out: Path, proc: subprocess.Popen, lines: int) -> None:
    """Until `out` holds `lines` lines; fails if the run ends (or stalls) before."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= lines:
            return
        time.sleep(0.005)
    raise AssertionError(f"the run ended or stalled before {lines} lines")


def session_processes(sid: int) -> list[int]:
    """The live (not zombie) processes of session `sid`, read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def left_in_session(sid: int, seconds: float = 15.0) -> list[int]:
    """The processes of session `sid` still alive after up to `seconds` (a killed process's
    children take a moment to die)."""
    deadline = time.monotonic() + seconds
    while session_processes(sid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return session_processes(sid)
