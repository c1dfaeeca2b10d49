"""Pure functions that resolve what the NLP stage found: numbers, units, durations.

Nothing here knows about spaCy; every function takes and returns plain values so the same
resolution serves the pipeline, the evaluation tools and the tests.
"""
from .numbers import parse_number  # noqa: F401
from .durations import iso_duration  # noqa: F401
