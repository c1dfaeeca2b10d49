"""Load the rule and lexicon files under `models/`, each checked against its schema in `schemas/rules/`.

Files are read through importlib.resources so an installed (non-editable) package finds them.
A file that breaks its schema fails loudly at load: a silently ignored rule is worse than none.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

import jsonschema


class RuleFileError(ValueError):
    """A rule or lexicon file that does not follow its schema."""

    code = "invalid-rule-file"


def _read_json(package: str, *parts: str) -> Any:
    resource = files(package)
    for part in parts:
        resource = resource / part
    return json.loads(resource.read_text(encoding="utf-8"))


def validate(name: str, data: Any) -> None:
    """Check `data` against schemas/rules/<name>.schema.json; raise RuleFileError if it fails."""
    schema = _read_json("schemas", "rules", f"{name}.schema.json")
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path)
        raise RuleFileError(f"models/{name}.json at /{where}: {exc.message}") from None


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """The parsed, validated content of models/<name>.json (cached: files are read once)."""
    data = _read_json("models", f"{name}.json")
    validate(name, data)
    return data
