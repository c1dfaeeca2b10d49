"""Hostile containers and texts: each gives its record or an error record with a stable code,
one line per document found, and the inputs beside it still come out."""
from __future__ import annotations

import gzip
import io
import json
import resource
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import HERE, REPO, extract_cli, read_lines

RUNNER = HERE / "run_cli.py"
DOC = b"Inclusion Criteria:\n- Age >= 18 years\n- Hemoglobin > 9 g/dL\n"
HEADER = "TrialID,Public_title,Inclusion_Criteria,Exclusion_Criteria"


def _zip(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", compression=method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return b.getvalue()


def _forged_zip(real_size: int, declared: int) -> bytes:
    """A ZIP whose one member declares `declared` bytes but inflates to `real_size`."""
    data = bytearray(_zip({"big.txt": b"A" * real_size}))
    struct.pack_into("<I", data, 22, declared)                      # local header
    central = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, declared)             # central directory
    return bytes(data)


# name -> (content, what each of its lines must be: "doc" or an error code)
CASES = {
    "nested_only.zip": (_zip({"inner.zip": _zip({"a.txt": DOC})}), ["unsupported-shape"]),
    "empty.zip": (_zip({}), ["empty-input"]),
    "doc_and_nested.zip": (_zip({"a.txt": DOC, "b.zip": _zip({"c.txt": DOC})}), ["doc", "unsupported-shape"]),
    "forged.zip": (_forged_zip(20 * 1024 * 1024, 100), None),      # any stable error code
    "multi_member.txt.gz": (gzip.compress(DOC[:25], mtime=0) + gzip.compress(DOC[25:], mtime=0), ["doc"]),
    "truncated.txt.gz": (gzip.compress(DOC * 40, mtime=0)[:-12], ["doc"]),
    "surrogate.json": (json.dumps({"protocolSection": {
        "identificationModule": {"nctId": "NCT01234567", "briefTitle": "T"},
        "eligibilityModule": {"eligibilityCriteria": "Inclusion Criteria:\n\n* Age \u2265 18 years"}}})
        .replace("years", "years \\ud800").encode(), ["doc"]),
    "stray_byte.txt": ("Inclusion Criteria:\n- Hemoglobin ≥ 9 g/dL\n- caf".encode() + b"\xe9\n", ["doc"]),
    "lone_cr.csv": ((HEADER + '\rX-1,First,"Age >= 18 years",Pregnancy\rX-2,Second,"Age >= 21",None\r').encode(),
                    ["doc", "doc"]),
    "long_field.csv": ((HEADER + '\nX-1,A,"Age >= 18",None\nX-2,B,"' + "x" * 300_000 + '",None\n'
                        'X-3,C,"Age >= 30",None\n').encode(), ["doc", "doc", "doc"]),
    "title.html": (b"<html><head><title>Inclusion Criteria: adults with asthma</title></head><body>"
                   b"<p>Exclusion Criteria:</p><ul><li>Pregnancy</li></ul></body></html>", ["doc"]),
}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile_inputs")
    folder = root / "in"
    folder.mkdir()
    for name, (content, _) in CASES.items():
        (folder / name).write_bytes(content)
        (folder / (name + ".neighbour.txt")).write_bytes(DOC)
    out = root / "out.jsonl"
    status = extract_cli(str(folder), "-o", str(out), "--workers", "2")
    by_path: dict[str, list[dict]] = {}
    for rec in read_lines(out):
        where = rec["error"]["path"] if "error" in rec else rec["document"]["source"]["path"]
        by_path.setdefault(Path(where).name, []).append(rec)
    return status, by_path


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_hostile_input_gives_its_lines_and_its_neighbour_comes_out(run, name):
    status, by_path = run
    assert status == 1
    want = CASES[name][1]
    got = [r["error"]["code"] if "error" in r else "doc" for r in by_path[name]]
    if want is None:
        assert len(got) == 1 and got[0] in {"too-large", "binary-input", "unreadable-input"}
    else:
        assert got == want
    assert [("error" in r) for r in by_path[name + ".neighbour.txt"]] == [False]


def test_what_was_repaired_is_said(run):
    _, by_path = run
    truncated = by_path["truncated.txt.gz"][0]
    assert "truncated" in " ".join(truncated["warnings"])
    stray = by_path["stray_byte.txt"][0]
    assert stray["document"]["source"]["encoding"] == "utf-8+cp1252" and stray["warnings"]
    assert "≥ 9" in stray["document"]["text"] and "café" in stray["document"]["text"]
    assert "\ufffd" in by_path["surrogate.json"][0]["document"]["text"]
    multi = by_path["multi_member.txt.gz"][0]
    assert multi["document"]["text"] == DOC.decode()


def test_a_page_title_is_not_a_criterion(run):
    _, by_path = run
    page = by_path["title.html"][0]
    assert [(c["kind"], c["text"]) for c in page["criteria"]] == [("exclusion", "Pregnancy")]


def _limited_run(args: list[str], memory: int) -> subprocess.CompletedProcess:
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    return subprocess.run([sys.executable, str(RUNNER), "null", "extract", "--quiet", "--workers", "1", *args],
                          capture_output=True, cwd=REPO, timeout=300, preexec_fn=limit)


@pytest.mark.parametrize("make", ["forged_zip", "gzip_bomb", "big_file"])
def test_under_a_2_gb_address_space_large_inputs_give_error_records(tmp_path, make):
    path = tmp_path / {"forged_zip": "f.zip", "gzip_bomb": "b.gz", "big_file": "big.txt"}[make]
    if make == "forged_zip":
        path.write_bytes(_forged_zip(1024 ** 3, 100))
    elif make == "gzip_bomb":
        with gzip.open(path, "wb", compresslevel=9) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(1024):
                fh.write(chunk)
    else:
        with open(path, "wb") as fh:
            fh.truncate(200 * 1024 * 1024)
    proc = _limited_run([str(path)], 2 * 1024 ** 3)
    assert b"Traceback" not in proc.stderr and b"MemoryError" not in proc.stdout + proc.stderr
    rec = json.loads(proc.stdout)
    assert proc.returncode == 1
    assert rec["error"]["code"] in {"too-large", "binary-input"} and rec["error"]["code"] != "internal-error"
