"""Legacy ClinicalTrials.gov XML writes a textblock's first line at the block's own indentation,
so a list with no heading above it loses its first item's indentation ("-  Previous participant
..." at column 0, "  -  Generally healthy ..." below it): the items after it were read as its
children (14 records of the raw folders). The first item stands at its siblings' column where
every other item of its marker stands deeper and it introduces nothing."""
from __future__ import annotations

from tests.conftest import depths_and_texts

_XML = """<?xml version="1.0" encoding="UTF-8"?>
<clinical_study><id_info><nct_id>NCT00000002</nct_id></id_info><brief_title>Study of a vaccine</brief_title>
<eligibility><criteria><textblock>
        -  Previous participant of study 500 and received the vaccine

          -  Generally healthy male or female adults 65 years of age or older

          -  Available for the duration of the trial

               -  MMSE score less than or equal to 21 was an exclusion criterion.
</textblock></criteria></eligibility></clinical_study>
"""


def test_the_first_item_of_a_textblock_stands_with_its_siblings(structure, tmp_path):
    path = tmp_path / "NCT00000002.xml"
    path.write_text(_XML, encoding="utf-8")
    crits = structure.extract(str(path)).to_dict()["criteria"]
    by_id = {c["id"]: c for c in crits}
    parents = [by_id[c["parent"]]["text"] if c["parent"] else None for c in crits]
    assert parents == [None, None, None, "Available for the duration of the trial"]


def test_a_numbered_first_item_and_its_wrapped_line(structure):
    text = ("Inclusion Criteria:\n\n1. Clinical stage I non-small cell lung carcinoma T1 or T2\n     primary N1 or N2 lymph nodes\n\n"
            "  2. At least 18 years of age\n\n  3. No history of previous lung cancer\n")
    assert depths_and_texts(structure, text) == [
        (0, "Clinical stage I non-small cell lung carcinoma T1 or T2\n     primary N1 or N2 lymph nodes"),
        (0, "At least 18 years of age"), (0, "No history of previous lung cancer")]


def test_an_intro_or_a_label_spaced_apart_keeps_its_children(structure):
    # a colon or "the following" introduces the items below; "- Recipient" spaced unlike its
    # items ("  -  ...") is a label over them
    for first in ("- Adults with:", "-  Patients treated for the following indications in 2020",
                  "- Recipient"):
        got = depths_and_texts(structure, "Inclusion Criteria:\n\n" + first + "\n\n  -  Asthma\n\n  -  Eczema\n")
        assert [d for d, _ in got] == [0, 1, 1], first
