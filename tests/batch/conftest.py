from __future__ import annotations

import json
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
