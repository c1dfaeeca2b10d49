"""Size limits for ingest. Inputs beyond them give a TooLarge error instead of exhausting memory."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import TooLarge


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 64 * 1024 * 1024        # one input file (or one archive member)
    max_records: int = 100_000               # documents in one multi-record file
    max_field_chars: int = 2_000_000         # one text field copied into the canonical text

    def check_bytes(self, data: bytes, path: str) -> None:
        if len(data) > self.max_bytes:
            raise TooLarge(f"{len(data)} bytes exceeds the limit of {self.max_bytes}", path)

    def check_records(self, count: int, path: str) -> None:
        if count > self.max_records:
            raise TooLarge(f"{count} records exceed the limit of {self.max_records}", path)


DEFAULT_LIMITS = Limits()
