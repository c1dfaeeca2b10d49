"""Sections and criteria over every raw ClinicalTrials.gov record of the shared corpora."""
from __future__ import annotations

import pytest

from tools.structure_survey import CTGOV_FOLDERS, survey

from ..conftest import SHARED


def test_ctgov_records_yield_criteria_of_both_kinds():
    root = SHARED / "corpora"
    if not root.is_dir():
        pytest.skip(f"corpora absent at {root}")
    c = survey(root, folders=CTGOV_FOLDERS)
    assert c["with_text"] > 2000
    assert c["with_criteria"] / c["with_text"] >= 0.99
    # a side heading over an empty list ("-", "None") rightly yields no criterion of its side:
    # the share counts the records with a list under each heading, and those empty lists stay few
    assert c["empty_list"] / c["both_headings"] <= 0.02
    assert c["both_kinds_filled"] / (c["both_headings"] - c["empty_list"]) >= 0.995
