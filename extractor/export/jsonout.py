"""The one JSON encoding of exported objects: key order as built, UTF-8 kept, two-space indent,
a final newline. Same objects -> same bytes."""
from __future__ import annotations

import json
from typing import Any


def dumps(obj: Any, indent: int | None = 2) -> str:
    text = json.dumps(obj, ensure_ascii=False, indent=indent, allow_nan=False)
    return text + "\n" if indent is not None else text


def indented(obj: Any, prefix: str) -> str:
    """`obj` as indented JSON whose every line after the first starts with `prefix` (to stream
    it as a member of an enclosing array)."""
    return json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False).replace("\n", "\n" + prefix)
