"""The pinned list of unlabelled criteria the entity model is trained on (`extractor train`).

The unlabelled criteria are the leaf criteria this tool extracts from the raw registry corpora.
Read afresh, they would change with every change to how documents are split into criteria, and
so would the vectors, the teachers' labels and the model: a rebuild would not be the shipped
model. The pin fixes the list: for each criterion, the file it came from (relative to
../shared/corpora), the index of its document among those the file's reader gives, the
criterion's span in that document's text and a digest of its text. `extractor train` reads the
texts back through the readers alone (no criteria are split), in the pinned order, and stops
with a clear error if one no longer matches; `extractor train --repin` rewrites the pin from what
this version extracts, deliberately. Only offsets and digests are kept here, never the texts.

File format (corpora/unlabelled/criteria.json.gz, gzip of one JSON object; checked against
schemas/unlabelled.schema.json at load):
- "format": 1; "description": where the list came from;
- "folders": the corpus folders walked, in order;
- "count": the number of criteria; "md5": MD5 of their texts joined by newlines (UTF-8);
- "files": paths relative to the corpora folder;
- "criteria": [file index, document index, start, end, first 8 hex digits of the MD5 of the
  text], in training order. A criterion's text is its span with runs of white space made one
  space; each text is listed once (its first occurrence).
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from .errors import ExtractorError
from .resources import check_rules

PIN = Path(__file__).resolve().parents[1] / "corpora" / "unlabelled" / "criteria.json.gz"


class PinMismatch(Exception):
    """The corpora no longer give the pinned criteria."""


def normalized(text: str) -> str:
    return " ".join(text.split())


def digest(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()[:8]


def texts_md5(texts: list[str]) -> str:
    return hashlib.md5("\n".join(texts).encode("utf-8")).hexdigest()


def build(entries, folders, description: str) -> dict:
    """The pin of `entries`, (relative file path, document index, start, end, text) in training
    order, each text already normalized and listed once."""
    files: list[str] = []
    index: dict[str, int] = {}
    rows, texts = [], []
    for path, doc, start, end, text in entries:
        if path not in index:
            index[path] = len(files)
            files.append(path)
        rows.append([index[path], doc, start, end, digest(text)])
        texts.append(text)
    return {"format": 1, "description": description, "folders": list(folders),
            "count": len(rows), "md5": texts_md5(texts), "files": files, "criteria": rows}


def write(pin: dict, path: Path = PIN) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(pin, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    # mtime 0: the same pin gives the same bytes
    with open(path, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
        gz.write(data)


def load(path: Path = PIN) -> dict:
    if not path.is_file():
        raise PinMismatch(f"no pinned unlabelled criteria at {path}: `extractor train --repin` "
                          "pins what this version extracts")
    with gzip.open(path, "rb") as fh:
        pin = json.loads(fh.read().decode("utf-8"))
    check_rules(pin, "unlabelled.schema.json", str(path))
    if len(pin["criteria"]) != pin["count"]:
        raise PinMismatch(f"{path}: {len(pin['criteria'])} criteria listed, count says {pin['count']}")
    return pin


def read_back(pin: dict, root: Path, read, excluded: set[str], log=print,
              check_md5: bool = True) -> list[str]:
    """The pinned texts, read from the files under `root` with `read(path)` (Extractor.read: the
    documents of a file, no criteria split), in the pinned order. Raises PinMismatch if a file
    is absent, a document or span is not there, a text's digest differs, a document belongs to
    a test-split trial (`excluded` ids) or (`check_md5`) the whole list's MD5 differs."""
    texts: list[str] = []
    bad: list[str] = []
    current, docs, tested = None, [], set()
    for file_index, doc, start, end, want in pin["criteria"]:
        if file_index != current:
            current, tested = file_index, set()
            path = root / pin["files"][file_index]
            docs = list(read(str(path))) if path.is_file() else []
            if not docs:
                bad.append(f"{pin['files'][file_index]}: absent or unreadable")
        if doc >= len(docs) or isinstance(docs[doc], ExtractorError):
            bad.append(f"{pin['files'][file_index]} document {doc}: not read")
            continue
        src = docs[doc]
        if doc not in tested:  # a document's trial is told once, not once per criterion
            ids = {i.get("value") for i in src.study.get("identifiers") or []} | {src.doc_id}
            if ids & excluded:
                bad.append(f"{pin['files'][file_index]} document {doc}: a test-split trial")
                continue
            tested.add(doc)
        text = normalized(src.text[start:end])
        if end > len(src.text) or digest(text) != want:
            bad.append(f"{pin['files'][file_index]} document {doc} [{start}, {end}): the text differs")
            continue
        texts.append(text)
    if bad:
        raise PinMismatch(f"{len(bad)} of {pin['count']} pinned unlabelled criteria no longer match "
                          f"the corpora (first: {'; '.join(dict.fromkeys(bad[:3]))}); "
                          "`extractor train --repin` pins what this version extracts (the model "
                          "trained on it will differ from the shipped one)")
    if check_md5 and texts_md5(texts) != pin["md5"]:
        raise PinMismatch("the pinned unlabelled criteria read back with another MD5")
    log(f"{len(texts)} pinned unlabelled criteria read back from {len(pin['files'])} files")
    return texts
