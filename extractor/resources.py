"""Packaged data (rule files under models/, schemas under schemas/), loaded once and validated.

Data is reached through importlib.resources so that a non-editable install works from any folder.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import jsonschema

from .errors import RuleFileError


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    """A JSON Schema from the `schemas` package, e.g. "record.schema.json" or "rules/units.schema.json"."""
    return json.loads(resources.files("extractor._schemas").joinpath(*name.split("/")).read_text(encoding="utf-8"))


def check_rules(data: Any, schema: str, label: str) -> None:
    """Raise RuleFileError naming `label` and the place at fault when `data` breaks `schema`."""
    validator = jsonschema.Draft202012Validator(load_schema(schema))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path)
        raise RuleFileError(f"{label}: /{where}: {errors[0].message}")


@lru_cache(maxsize=None)
def load_rules(name: str, schema: str) -> Any:
    """A rule file from the `models` package, validated against `schema` (rejecting unknown keys)."""
    data = json.loads(resources.files("extractor._models").joinpath(name).read_text(encoding="utf-8"))
    check_rules(data, schema, f"models/{name}")
    return data
