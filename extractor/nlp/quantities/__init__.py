"""Find thresholds and time windows in one criterion's text (no spaCy here: plain text in,
plain dicts out, offsets relative to the text).

A number becomes a constraint only when something marks it as a threshold or a quantity: a
comparator cue, a unit, a reference (ULN...), a scale word before it ("ECOG 0", "class III"),
a range or a time window. Bare numbers (list numbering, dates, versions, "type 2", "CD38")
never do.

The modules, each reading on the ones before it: `common` (shared patterns, the Atom record,
letter_words), `cues` (comparator, window and reference cues around a number), `units` (what the
words after a number say it counts), `candidates` (where numbers start), `atoms` (each number
read with its unit and cues), `scales`, `ages`, `spans` (windows and durations), `ranges` (atoms
paired into ranges and constraints), `passes` (over the built constraints) and `finder`
(`find`, which runs them).
"""
from .common import letter_words
from .finder import find

__all__ = ["find", "letter_words"]
