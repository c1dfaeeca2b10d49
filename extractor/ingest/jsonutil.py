"""JSON loading with coded errors, and JSON Pointer helpers."""
from __future__ import annotations

import json
from typing import Any

from ..errors import MalformedJSON
from .limits import Limits
from .text import decode_bytes


def load(data: bytes, path: str, limits: Limits) -> Any:
    limits.check_bytes(data, path)
    text, _ = decode_bytes(data, path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedJSON(f"line {exc.lineno} column {exc.colno}: {exc.msg}", path) from None
    except RecursionError:
        raise MalformedJSON("nesting too deep", path) from None


def escape(token: Any) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer(*tokens: Any) -> str:
    return "".join("/" + escape(t) for t in tokens)


def resolve(doc: Any, ptr: str) -> Any:
    """Evaluate a JSON Pointer (RFC 6901)."""
    if ptr == "":
        return doc
    cur = doc
    for raw in ptr.split("/")[1:]:
        tok = raw.replace("~1", "/").replace("~0", "~")
        cur = cur[int(tok)] if isinstance(cur, list) else cur[tok]
    return cur


def dig(doc: Any, *keys: Any) -> Any:
    """Nested get that returns None on any missing step."""
    cur = doc
    for k in keys:
        if isinstance(cur, dict):
            cur = cur.get(k)
        elif isinstance(cur, list) and isinstance(k, int) and -len(cur) <= k < len(cur):
            cur = cur[k]
        else:
            return None
    return cur
