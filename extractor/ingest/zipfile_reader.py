"""ZIP archives (e.g. ClinicalTrials.gov search downloads): every member is read as an input of its
own. `Source.record` = the member name (plus the member's own record, if any). Limits guard
against archive bombs: each member's size and the total uncompressed size are checked first."""
from __future__ import annotations

import io
import zipfile
import zlib
from typing import Callable

from ..errors import BinaryInput, EmptyInput, ExtractorError, TooLarge, UnreadableInput, UnsupportedShape
from .limits import Limits
from .source import Source


def read(data: bytes, path: str, limits: Limits, read_member: Callable[..., list]) -> list[Source]:
    """`read_member(bytes, path, limits)` reads one member (the ingest dispatcher).

    Each member is inflated through a stream capped at what is left of `limits.max_bytes`,
    whatever sizes the archive's headers declare. A member that cannot be read (too large,
    broken, encrypted, itself an archive) is an error record of its own in its place."""
    limits.check_bytes(data, path)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise BinaryInput(f"broken ZIP archive: {exc}", path) from None
    members = sorted((i for i in zf.infolist() if not i.is_dir()), key=lambda i: i.filename)
    limits.check_records(len(members), path)
    if not members:
        raise EmptyInput("the ZIP archive holds no file", path)
    declared = sum(i.file_size for i in members)
    if declared > limits.max_bytes:
        raise TooLarge(f"archive expands to {declared} bytes, over the limit of {limits.max_bytes}", path)
    out: list[Source | ExtractorError] = []
    budget = limits.max_bytes
    for info in members:
        try:
            member = _inflate(zf, info, budget, path)
            budget -= len(member)
            sources = read_member(member, f"{path}!{info.filename}", limits)
        except ExtractorError as err:  # one bad member is its own error record, not the archive's
            sources = [err]
        for s in sources:  # Sources and errors both carry path and record
            s.path = path
            s.record = info.filename + (s.record if s.record and s.record.startswith("/") else
                                        (" " + s.record if s.record else ""))
            out.append(s)
    return out


def _inflate(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, path: str) -> bytes:
    if info.filename.lower().endswith(".zip"):
        raise UnsupportedShape("a ZIP archive inside a ZIP archive is not read", path)
    try:
        with zf.open(info) as fh:
            member = fh.read(budget + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise BinaryInput(f"broken ZIP member: {exc}", path) from None
    except (NotImplementedError, RuntimeError) as exc:  # an unknown method, an encrypted member
        raise UnreadableInput(f"ZIP member cannot be read: {exc}", path) from None
    if len(member) > budget:
        raise TooLarge(f"the archive's content exceeds the limit of {budget + 0} bytes left", path)
    if member[:4] == b"PK\x03\x04":
        raise UnsupportedShape("a ZIP archive inside a ZIP archive is not read", path)
    return member
