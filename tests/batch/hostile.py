"""Hostile inputs, generated on the fly (never committed): name -> how to make it."""
from __future__ import annotations

import os
from pathlib import Path

SECRET = "SECRET-6f1c2a-MUST-NOT-LEAK"

# One line of about 1 MB: numbers and comparators with spaces (many small matches) and glued
# together (one enormous token).
SPACED_LINE = ("12 <= 3 >= 4.5 < 6 > 7, 8 = 9 ≥ 10 ≤ 11 x ULN " * 25000)[:1_000_000]
GLUED_LINE = ("12<=3>=4.5<6>7,8=9≥10≤" * 50000)[:1_000_000]


def _bomb() -> str:
    entities = '<!ENTITY e0 "lol">' + "".join(
        f'<!ENTITY e{i} "{("&e%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    return (f'<?xml version="1.0"?><!DOCTYPE clinical_study [{entities}]>'
            "<clinical_study><brief_title>&e9;</brief_title><eligibility><criteria><textblock>"
            "Inclusion Criteria: &e9;</textblock></criteria></eligibility></clinical_study>")


def _xxe(secret_path: Path) -> str:
    return (f'<?xml version="1.0"?><!DOCTYPE clinical_study [<!ENTITY x SYSTEM "file://{secret_path}">]>'
            "<clinical_study><id_info><nct_id>NCT09999999</nct_id></id_info><brief_title>&x;</brief_title>"
            "<eligibility><criteria><textblock>Inclusion Criteria:\n - Age &gt;= 18 &x;"
            "</textblock></criteria></eligibility></clinical_study>")


def _big_html(size: int) -> bytes:
    para = b"<p>Inclusion criteria: age over 18 years and hemoglobin &gt; 9 g/dL</p>\n"
    return b"<html><body>" + para * (size // len(para)) + b"</body></html>"


def make(folder: Path, secret_path: Path) -> dict[str, Path]:
    """Write every hostile input into `folder`; returns name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    secret_path.write_text(SECRET + "\n")
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "binary.bin": bytes(range(256)) * 64,
        "invalid_utf8.txt": b"Inclusion Criteria:\n- Age \xff\xfe 18 years \x81\x8d\n",
        "utf16_bom.txt": "\ufeffInclusion Criteria:\n- Age ≥ 18 years\n".encode("utf-16-le"),
        "truncated.xml": b'<?xml version="1.0"?><clinical_study><eligibility><criteria><textblock>'
                         b"Inclusion Criteria: age &gt; 18",
        "entity_bomb.xml": _bomb().encode(),
        "xxe.xml": _xxe(secret_path).encode(),
        "big.html": _big_html(50_000_000),
        "nested.html": ("<html><body>" + "<div>" * 100_000 + "Inclusion criteria: age 18 or older"
                        + "</div>" * 100_000 + "</body></html>").encode(),
        "line_spaced.txt": ("Inclusion Criteria:\n- " + SPACED_LINE + "\n").encode(),
        "line_glued.txt": ("Inclusion Criteria:\n- " + GLUED_LINE + "\n").encode(),
        "wrong_shape.json": b'{"studies": {"not": ["a", "list"]}, "count": 3}',
        "unreadable.txt": b"Inclusion Criteria:\n- Age >= 18 years\n",
    }
    out = {}
    for name, data in files.items():
        (folder / name).write_bytes(data)
        out[name] = folder / name
    os.chmod(folder / "unreadable.txt", 0)
    # Entries that are not files: a dangling symbolic link, a FIFO (opening it would block) and a
    # folder link pointing back up (a loop).
    os.symlink(folder / "no-such-target", folder / "dangling.txt")
    out["dangling.txt"] = folder / "dangling.txt"
    os.mkfifo(folder / "fifo.txt")
    out["fifo.txt"] = folder / "fifo.txt"
    sub = folder / "sub"
    sub.mkdir()
    (sub / "ok.txt").write_text("Inclusion Criteria:\n- Age >= 18 years\n")
    os.symlink("..", sub / "loop")
    out["sub/ok.txt"] = sub / "ok.txt"
    return out
