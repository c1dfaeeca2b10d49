"""Packaged data (rule files under models/, schemas under schemas/), loaded once and validated.

Data is reached through importlib.resources so that a non-editable install works from any folder.
An installed package holds the folders as `extractor._models` and `extractor._schemas`; a source
checkout imported in place (the tests, run from the repository) has them beside the package.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from .errors import RuleFileError


@lru_cache(maxsize=None)
def data_folder(package: str, folder: str):
    """The checkout's `folder` when the imported package sits in a source checkout, else the
    Traversable of packaged data `package` (installed)."""
    # A checkout imported in place wins over an editable install of another checkout: its
    # package name would map `package` to that other checkout's folder, and the code of one
    # tree would run with the rule files of another.
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / folder).is_dir():
        return checkout / folder
    try:
        return resources.files(package)
    except ModuleNotFoundError:
        # The package was imported from a source checkout, where setuptools' folder mapping
        # (models/ -> extractor/_models) has not been applied: the folder sits beside it.
        return resources.files("extractor").joinpath("..", folder)


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    """A JSON Schema from the `schemas` package, e.g. "record.schema.json" or "rules/units.schema.json"."""
    return json.loads(data_folder("extractor._schemas", "schemas").joinpath(*name.split("/")).read_text(encoding="utf-8"))


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
    data = json.loads(data_folder("extractor._models", "models").joinpath(name).read_text(encoding="utf-8"))
    check_rules(data, schema, f"models/{name}")
    return data
