"""JSON loading with coded errors, and JSON Pointer helpers."""
from __future__ import annotations

import json
import re
from typing import Any

from ..errors import MalformedJSON
from .limits import Limits
from .text import decode_bytes


def load(data: bytes, path: str, limits: Limits) -> Any:
    limits.check_bytes(data, path)
    text, _ = decode_bytes(data, path)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedJSON(f"line {exc.lineno} column {exc.colno}: {exc.msg}", path) from None
    except RecursionError:
        raise MalformedJSON("nesting too deep", path) from None
    return _without_lone_surrogates(doc) if _SURROGATE_ESCAPE.search(text) else doc


# JSON may escape half of a UTF-16 pair alone ("\ud800"), which no text can hold: such halves
# become U+FFFD, one character for one, so offsets into the value are unchanged.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE = re.compile("[\ud800-\udfff]")


def _clean(value: str) -> str:
    return _LONE.sub("\ufffd", value)


def _without_lone_surrogates(doc: Any) -> Any:
    if isinstance(doc, str):
        return _clean(doc)
    stack = [doc]
    while stack:   # no recursion: the document may nest as deep as the parser allowed
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in list(items):
            if isinstance(value, str):
                node[key] = _clean(value)
            elif isinstance(value, (dict, list)):
                stack.append(value)
            if isinstance(node, dict) and isinstance(key, str) and _LONE.search(key):
                node[_clean(key)] = node.pop(key)
    return doc


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
