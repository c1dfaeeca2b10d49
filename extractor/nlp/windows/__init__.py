"""Time windows and durations (CONTRACT "Time"): where a number with a time unit places the
criterion's subject, against which anchor, and what that subject is.

- A window places the subject relative to an anchor: `event` is the anchor, None for the present;
  `direction` the side of the anchor the subject lies on (None when the text allows either side).
- "since X" and "ago" put the subject before the present: X is the subject, never the anchor.
- A bare "within N" lies before the present unless a future cue precedes it in the clause
  ("to be performed within 3 months", "transfer expected within 72 hours").
- The subject of a window or a duration is the text that the window bounds: the clause before
  the number ("Myocardial infarction within 6 months"), else the one after it.
- A span followed by "between X and Y" or "from X to Y" bounds the time from X (the subject) to Y
  (the anchor): "≤ 120 hours from first symptom onset to randomization".
- A clause that names nothing but a study step, timed from an event the patient has had, has the
  step as its anchor: "Enrollment within 72 hours of hospital admission" places the admission
  (the subject) at most 72 hours before enrollment (`step_anchor`).
- A span that a survival or life expectancy written before it expects is a value of that
  prognosis, not a duration ("would limit survival to < 3 months"); so is a span written right
  before survival words ("180 day survival"), unless it names a measure written elsewhere
  ("5-year survival rate of at least 50%").

Plain text in, plain dicts out; offsets relative to the text.

The modules, each reading on the ones before it: `common` (shared patterns and cues), `subject`
(what a window bounds), `anchors` (the relation and its event), `history` (past or future of the
anchor), `spans` (between two events, a prognosis, seconds), `fields` (`time_fields`, which runs
them), `implicit` (windows with no number), `sharing` (passes over a criterion's constraints) and
`both_sides` (a window on both sides of one anchor: two bounds that combine as "any"); `step_anchor`
(a study step written as the subject is the anchor) reads on `anchors` and `history` and runs
after them.
"""
from __future__ import annotations

from .subject import after_last, duration_subject, subject_before
from .anchors import relation_event, washout_window
from .history import history_since, in_span_direction
from .spans import (between_events, interval_window, measure_in_seconds, prognosis_before, prognosis_subject,
                    survival_horizon)
from .fields import time_fields
from .implicit import AND_A_HALF, IMPLICIT_WORDS, bounded_lasting_windows, implicit_windows
from .both_sides import both_sides
from .sharing import (BOUNDS, DAYS_IN, afterwards_anchor, share_anchor, share_anchor_ahead, share_anchor_back,
                      share_anchor_bounds, share_anchor_list, share_bounds, study_period, subject_past_other_span,
                      windows_before_colon)

__all__ = ["after_last", "afterwards_anchor", "both_sides", "duration_subject", "subject_before", "relation_event", "washout_window",
           "history_since", "in_span_direction", "between_events", "interval_window",
           "measure_in_seconds", "prognosis_before", "prognosis_subject", "survival_horizon", "time_fields",
           "AND_A_HALF", "IMPLICIT_WORDS",
           "bounded_lasting_windows", "implicit_windows", "BOUNDS", "DAYS_IN", "share_anchor",
           "share_anchor_ahead", "share_anchor_back", "share_anchor_bounds", "share_anchor_list", "share_bounds", "subject_past_other_span", "windows_before_colon",
           "study_period"]
