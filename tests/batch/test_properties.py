"""Property tests: any text gives a valid record (or, like a text file holding it, a coded
error when it is empty or binary), and every span equals its slice."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extractor
from extractor.errors import BinaryInput, EmptyInput
from extractor.validate import problems, span_problems

# Pieces that make the criteria, section and quantity rules fire, mixed with arbitrary text.
PIECES = ["Inclusion Criteria:", "Exclusion Criteria:", "\n", "\r\n", "\r", "- ", "* ", "1. ",
          "  ", "\t", "Age", ">=", "≥", "<", "≤", "=", ">/=", "18", "1,700", "2.5", "x", "ULN",
          "mg/dL", "/mm^3", "years", "days", "within", "prior to", "registration", "no", "not",
          "or", "and", "one of the following:", "except", "(", ")", "•", "\u00a0", "\u200b",
          "\ufeff", "é", "𝔸", "\x0c", "ECOG 0, 1 or 2", "between 18 and 75"]

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=60).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_gives_a_valid_record(text):
    try:
        record = extractor.extract_text(text).to_dict()
    except (EmptyInput, BinaryInput):
        # What a text file holding `text` gives: nothing but whitespace, NULs and BOMs, a NUL in
        # its first 8 KiB or more than 1% control characters is no document (ingest/text.py).
        assert (not "".join(text.split()).strip("\x00\ufeff") or "\x00" in text[:8192]
                or sum(ch < " " and ch not in "\t\n\r\x0c\x1b" for ch in text) * 100 > len(text))
        return
    assert record["document"]["text"] is not None
    assert not span_problems(record)
    assert not problems(record)
