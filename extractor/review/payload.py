"""Records as the page carries them: JSON that is safe inside <script type="application/json">,
and one small index entry per record (the only part the page parses when it opens)."""
from __future__ import annotations

import gzip
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterator, Union

# Inside a script element the HTML parser ends the element at "</script" and changes state at
# "<!--" whatever the JSON means; "&" and ">" are escaped too so no sequence of the markup
# language survives, and lone UTF-16 halves (a valid Python string may hold them) become
# escapes instead of bytes no encoder accepts. All of these occur only inside JSON strings,
# where a \uXXXX escape reads back as the same character.
_UNSAFE = re.compile("[<>&\u2028\u2029\ud800-\udfff]")

# One character per criterion in an index entry: bits 1 inclusion, 2 exclusion (neither:
# unspecified), 4 negated, 8 no constraint, 16 unparsed numbers. review.js reads the same bits.
_DIGITS = "0123456789abcdefghijklmnopqrstuv"


@dataclass(frozen=True)
class UnreadableLine:
    """A line of a JSON Lines file that holds no JSON object: the page lists it, with its text."""
    line: int
    text: str
    message: str


Item = Union[dict, UnreadableLine]


def embed(value: Any) -> str:
    """`value` as JSON that can stand between <script type="application/json"> and </script>."""
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError:  # NaN or Infinity somewhere: not JSON, and the page's parser refuses them
        text = json.dumps(_finite(value), ensure_ascii=False, separators=(",", ":"))
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def read_jsonl(source: str | Path | IO[bytes]) -> Iterator[Item]:
    """The records of a JSON Lines file (a path, or a binary stream such as standard input), one
    at a time; a line that is not a JSON object is an UnreadableLine in its place."""
    if isinstance(source, (str, Path)):
        # a name ending in .gz: the compressed output of `extract -o OUT.jsonl.gz`
        with (gzip.open(source, "rb") if str(source).endswith(".gz") else open(source, "rb")) as stream:
            yield from read_jsonl(stream)
        return
    for number, raw in enumerate(source, 1):
        line = raw.decode("utf-8", errors="replace")
        if not line.strip():
            continue
        try:
            # NaN and Infinity are not JSON; the page's parser would refuse the whole record.
            value = json.loads(line, parse_constant=lambda _name: None)
        except ValueError as exc:
            yield UnreadableLine(number, line.rstrip("\r\n"), f"not JSON: {exc}")
            continue
        if isinstance(value, dict):
            yield value
        else:
            yield UnreadableLine(number, line.rstrip("\r\n"), f"a JSON {type(value).__name__}, not a record")


def criterion_flag(criterion: Any) -> str:
    if not isinstance(criterion, dict):
        return _DIGITS[8]
    kind = criterion.get("kind")
    mask = 1 if kind == "inclusion" else 2 if kind == "exclusion" else 0
    if criterion.get("negated") is True:
        mask |= 4
    if not _with_notes(criterion, "constraints"):
        mask |= 8
    if _with_notes(criterion, "unparsed"):
        mask |= 16
    return _DIGITS[mask]


def _with_notes(criterion: dict, key: str) -> list:
    """A criterion's list under `key` and its notes' (as the page joins them)."""
    return [*_list(criterion.get(key)), *(x for n in _list(criterion.get("notes")) for x in _list(_dict(n).get(key)))]


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def index_entry(item: Item) -> dict[str, Any]:
    """What the document index shows and filters on, without the document's text."""
    if isinstance(item, UnreadableLine):
        return {"e": "unreadable-line", "m": f"line {item.line}: {item.message}"}
    if "error" in item:
        error = _dict(item["error"])
        path = _str(error.get("path"))
        return {"i": path.rsplit("/", 1)[-1], "p": path, "e": _str(error.get("code")) or "error",
                "m": _str(error.get("message"))}
    if "document" not in item:
        return {"e": "not-a-record", "m": "a JSON object with neither document nor error"}
    document = _dict(item["document"])
    criteria = _list(item.get("criteria"))
    return {
        "i": _str(document.get("id")),
        "t": _str(_dict(item.get("study")).get("title")),
        "p": _str(_dict(document.get("source")).get("path")),
        "f": "".join(criterion_flag(c) for c in criteria),
        "k": sum(len(_with_notes(_dict(c), "constraints")) for c in criteria),
    }


def payload(item: Item) -> Any:
    """What the page parses when the document is opened: the record itself, whole."""
    if isinstance(item, UnreadableLine):
        return {"unreadable": {"line": item.line, "message": item.message, "text": item.text}}
    return item
