"""heading_key trims with string methods; it must give what the regular-expression form gives."""
from __future__ import annotations

import random
import re
from pathlib import Path

from extractor.lines import MARKER_RE, heading_key

_TRIM = re.compile(r"^[\s#*_>]+|[\s#*_:.]+$")
_SPACES = re.compile(r"\s+")
LCT = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "lct" / "leaf_clinical_trials"


def regex_key(line: str) -> str:
    stripped = line.strip()
    m = MARKER_RE.match(stripped)
    if m and m.start() == 0:
        stripped = stripped[m.end():]
    return _SPACES.sub(" ", _TRIM.sub("", stripped)).replace("’", "'")


def test_written_cases():
    for line in ["", "  ", "#", "#:", ">.", "_x_", ":", "1.", "1. ", "  ## Inclusion Criteria: ##  ",
                 "•\tExclusion\u00a0\u2003criteria :", "a) Note:", "** Key  inclusion **", "Patient’s age",
                 "\u2028Inclusion\u3000criteria\u2029", "- see 5 more", "(continued)", "> quoted >", "x:.:.:"]:
        assert heading_key(line) == regex_key(line), repr(line)


def test_generated_lines():
    rng = random.Random(16)
    alphabet = list("ab AB:.#*_>-•()1i\t\n\u00a0\u2003\u2028’xyz") + [" "] * 4
    for _ in range(20000):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert heading_key(line) == regex_key(line), repr(line)


def test_corpus_lines():
    if not LCT.is_dir():
        import pytest
        pytest.skip(f"{LCT} not found")
    for path in sorted(LCT.glob("batch1/*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert heading_key(line) == regex_key(line), repr(line)
