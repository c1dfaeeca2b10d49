"""A document that names only its exclusion side ("Eligibility criteria:" or no heading over a
list, then "Exclusion criteria:") lists its inclusion criteria first: the criteria of no side
before the first exclusion criterion are inclusion criteria (6 raw records, 56 criteria). A
document with an inclusion side, or with no exclusion side, keeps its criteria of no side."""
from __future__ import annotations

from tests.conftest import kinds_and_texts


def test_the_list_before_the_only_named_side_is_inclusion(structure):
    text = ("Eligibility criteria:\n\n* Aged 18 or over\n* Written informed consent\n\n"
            "Exclusion criteria:\n\n* Pregnancy\n")
    assert [k for k, _ in kinds_and_texts(structure, text)] == ["inclusion", "inclusion", "exclusion"]


def test_lists_of_no_side_stay_so_elsewhere(structure):
    both = ("Eligibility criteria:\n\n* Registered at the clinic\n\nInclusion criteria:\n\n* Aged 18 or over\n\n"
            "Exclusion criteria:\n\n* Pregnancy\n")
    assert [k for k, _ in kinds_and_texts(structure, both)] == ["unspecified", "inclusion", "exclusion"]
    none = "Eligibility criteria:\n\n* Aged 18 or over\n* Written informed consent\n"
    assert [k for k, _ in kinds_and_texts(structure, none)] == ["unspecified", "unspecified"]


def test_an_unbulleted_preamble_before_exclusion_lists_alone_holds_criteria(structure):
    # the COVID-19 corpus's texts lost their bullets: one criterion a line under the umbrella
    text = ("Eligibility Criteria\n\nParticipants will be 16 years or older.\nAdmitted to the hospital.\n\n"
            "Exclusion criteria:\n\nPrevious reaction to transfusion.\n")
    assert kinds_and_texts(structure, text) == [
        ("inclusion", "Participants will be 16 years or older."), ("inclusion", "Admitted to the hospital."),
        ("exclusion", "Previous reaction to transfusion.")]
    # with an inclusion list after it, the umbrella's unbulleted preamble stays prose
    prose = ("Eligibility Criteria\n\nPatients must meet all of the following.\n\nInclusion criteria:\n\n"
             "Aged 18 or over\n\nExclusion criteria:\n\nPregnancy\n")
    assert [t for _, t in kinds_and_texts(structure, prose)] == ["Aged 18 or over", "Pregnancy"]


def test_with_assume_eligibility_the_lines_before_the_first_heading_are_criteria():
    from extractor.analysis import NoAnalysis
    from extractor.api import Extractor, Options

    text = ("Male or female subjects 18 years of age and up\nDiagnosis of COVID-19 by RT-PCR\n\n"
            "Exclusion Criteria\n\nRefusal to provide informed consent\n")
    assumed = Extractor(Options(assume_eligibility=True), analyzer=NoAnalysis()).extract_text(text).to_dict()
    assert [(c["kind"], c["text"]) for c in assumed["criteria"]] == [
        ("inclusion", "Male or female subjects 18 years of age and up"),
        ("inclusion", "Diagnosis of COVID-19 by RT-PCR"), ("exclusion", "Refusal to provide informed consent")]
    assert [s["kind"] for s in assumed["sections"]] == ["unspecified", "exclusion"]
    # not assumed: free text before its first heading may be a page's preamble, and stays out
    plain = Extractor(analyzer=NoAnalysis()).extract_text(text).to_dict()
    assert [c["text"] for c in plain["criteria"]] == ["Refusal to provide informed consent"]
    # ... and the record says so, naming the way to read them
    assert [w for w in plain["warnings"] if "--assume-eligibility" in w] == [
        "the text before its first eligibility heading ('Exclusion Criteria', an exclusion list; characters 0 to "
        f"{text.index('Exclusion')}) is not read as criteria: if it lists the inclusion criteria, extract with "
        "--assume-eligibility"]
    assert "warnings" not in assumed
    # no warning where an inclusion heading comes first, or nothing stands before the exclusion list
    for other in ("Inclusion Criteria:\nAged 18 or over\n\nExclusion Criteria:\nPregnancy\n",
                  "Exclusion Criteria:\nPregnancy\n"):
        assert "warnings" not in Extractor(analyzer=NoAnalysis()).extract_text(other).to_dict()
