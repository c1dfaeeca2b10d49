"""Counts, precision/recall/F1, and one-to-one matching of predicted to gold spans."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence, TypeVar

G = TypeVar("G")
P = TypeVar("P")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float | None:
        # None, not 0 or 1, when there is nothing to divide: the report shows "-"
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "precision": _round(self.precision), "recall": _round(self.recall),
            "f1": _round(self.f1), "tp": self.tp, "fp": self.fp, "fn": self.fn,
        }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters shared by two half-open spans (0 when they only touch)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def greedy_match(
    gold: Sequence[G],
    pred: Sequence[P],
    score: Callable[[G, P], float],
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index), best `score` first; score <= 0 never pairs.

    Greedy by score (overlap length) rather than optimal assignment: spans in one criterion
    rarely compete, and greedy keeps the result easy to explain in an error listing. Ties break
    by position so the outcome is deterministic.
    """
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            s = score(g, p)
            if s > 0:
                candidates.append((-s, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)
