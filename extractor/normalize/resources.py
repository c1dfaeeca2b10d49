"""The NLP stage's rule and lexicon files: models/<name>.json checked against schemas/rules/<name>.schema.json.

A file that breaks its schema fails loudly at load: a silently ignored rule is worse than none.
Loading and validation are the package-wide ones in extractor.resources.
"""
from __future__ import annotations

from typing import Any

from ..resources import RuleFileError, check_rules, load_rules

__all__ = ["RuleFileError", "load", "validate"]


def validate(name: str, data: Any) -> None:
    """Check `data` against schemas/rules/<name>.schema.json; raise RuleFileError if it fails."""
    check_rules(data, f"rules/{name}.schema.json", f"models/{name}.json")


def load(name: str) -> Any:
    """The parsed, validated content of models/<name>.json (cached: files are read once)."""
    return load_rules(f"{name}.json", f"rules/{name}.schema.json")
