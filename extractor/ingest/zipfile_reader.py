"""ZIP archives (e.g. ClinicalTrials.gov search downloads): every member is read as an input of its
own. `Source.record` = the member name (plus the member's own record, if any). Limits guard
against archive bombs: each member's size and the total uncompressed size are checked first."""
from __future__ import annotations

import io
import zipfile
from typing import Callable

from ..errors import BinaryInput, ExtractorError, TooLarge
from .limits import Limits
from .source import Source


def read(data: bytes, path: str, limits: Limits, read_member: Callable[..., list]) -> list[Source]:
    """`read_member(bytes, path, limits)` reads one member (the ingest dispatcher)."""
    limits.check_bytes(data, path)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise BinaryInput(f"broken ZIP archive: {exc}", path) from None
    members = sorted((i for i in zf.infolist() if not i.is_dir()), key=lambda i: i.filename)
    limits.check_records(len(members), path)
    total = sum(i.file_size for i in members)
    if total > limits.max_bytes:
        raise TooLarge(f"archive expands to {total} bytes, over the limit of {limits.max_bytes}", path)
    out: list[Source] = []
    for info in members:
        if info.filename.lower().endswith(".zip"):
            continue                                   # no nested archives
        member = zf.read(info)
        try:
            sources = read_member(member, f"{path}!{info.filename}", limits)
        except ExtractorError as err:  # one bad member is its own error record, not the archive's
            sources = [err]
        for s in sources:  # Sources and errors both carry path and record
            s.path = path
            s.record = info.filename + (s.record if s.record and s.record.startswith("/") else
                                        (" " + s.record if s.record else ""))
            out.append(s)
    return out
