"""Old ClinicalTrials.gov AIDS trials label groups of labelled lists ("Prior Medication:" /
"Allowed:" / "  - Prior AZT" / "Excluded:" / "  - Any prior ddC"): the group label heads the
labelled lists after it (models/sections.json "label_groups"), and a bare "NOTE:" label's items
are notes of the criterion before it, not criteria."""
from __future__ import annotations

TEXT = """Inclusion Criteria

Patients must have:

  -  HIV-1 seropositivity.

NOTE:

  -  There is no requirement that patients have a prior AIDS diagnosis.

Prior Medication:

Allowed:

  -  Prior AZT (no more than 6 months total).

Exclusion Criteria

Co-existing Condition:

Patients with the following symptoms or conditions are excluded:

  -  Active tuberculosis.

Patients with the following prior conditions are excluded:

  -  History of pancreatitis.

Prior Medication:

Excluded:

  -  Any prior ddC.

Active substance abuse.
"""


def _tree(structure):
    crits = structure.extract_text(TEXT).to_dict()["criteria"]
    by_id = {c["id"]: c for c in crits}
    return crits, [(by_id[c["parent"]]["text"] if c["parent"] else "", c["text"]) for c in crits]


def test_a_group_label_heads_the_labelled_lists_after_it(structure):
    _, pairs = _tree(structure)
    assert ("Prior Medication:", "Allowed:") in pairs and ("Allowed:", "Prior AZT (no more than 6 months total).") in pairs
    assert ("Co-existing Condition:", "Patients with the following symptoms or conditions are excluded:") in pairs
    assert ("Co-existing Condition:", "Patients with the following prior conditions are excluded:") in pairs
    assert ("Prior Medication:", "Excluded:") in pairs
    assert ("", "Active substance abuse.") in pairs   # a line that is no label ends the group


def test_a_bare_note_label_makes_notes_of_its_items(structure):
    crits, pairs = _tree(structure)
    assert not any("no requirement" in text or text == "NOTE:" for _, text in pairs)
    host = next(c for c in crits if c["text"] == "Patients must have:")
    assert [n["text"] for n in host["notes"]] == ["There is no requirement that patients have a prior AIDS diagnosis."]
