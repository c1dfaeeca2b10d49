"""The schedules stage: how the drugs of a study are given, read from the document's text.

    find_schedules(text, sections, interventions) -> [schedule, ...]

One schedule per dosing instruction ("lenalidomide 10 mg by mouth daily on days 1-21 of a
28-day cycle"): the drug (and the study's intervention it names), dose, route, frequency, days
of a cycle, cycle length, number of cycles, duration, months and weeks, and the condition that
selects the branch ("Stable disease: ..."), each with its span. Instructions are read anywhere
in the text; inside the eligibility criteria only where a sentence plainly says what patients
will be given, never a dose that is a threshold ("prednisone > 10 mg/day").

    lexicon.py  models/schedules.json compiled into patterns
    text.py     blocks, labels and sentences
    find.py     parts and drugs put together into instructions
    parse.py    pure functions: a part's text -> its normalised fields
"""
from __future__ import annotations

from typing import Any, Iterable

from .find import find_schedules as _find

__all__ = ["find_schedules"]


def find_schedules(text: str, sections: Iterable[Any] = (),
                   interventions: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The schedules of one document. `sections` are the sections stage's (anything with
    `start` and `end`): instructions inside them must read as instructions, not thresholds."""
    eligibility = [(s.start, s.end) for s in sections]
    return _find(text, eligibility, interventions)
