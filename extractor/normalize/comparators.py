"""Comparator helpers: the contract's comparator set and how comparators combine."""
from __future__ import annotations

CONTRACT = (">", ">=", "<", "<=", "=", "between", "in")
_FLIP = {">": "<", ">=": "<=", "<": ">", "<=": ">=", "=": "=", "between": "between", "in": "in"}
# Symbols whose meaning is fixed, used when a cue is read outside the rule files (evaluation).
SYMBOLS = {"≥": ">=", "≧": ">=", "⩾": ">=", ">=": ">=", "=>": ">=", "≤": "<=", "≦": "<=",
           "⩽": "<=", "<=": "<=", "=<": "<=", ">": ">", "<": "<", "=": "="}


def flip(comparator: str) -> str:
    """The comparator seen from the other side ("x > 3" is "3 < x")."""
    return _FLIP[comparator]


def contract_comparator(symbol: str) -> str | None:
    """A written comparator symbol as a contract comparator, or None when it is not one."""
    symbol = symbol.strip()
    if symbol in CONTRACT:
        return symbol
    return SYMBOLS.get(symbol)
