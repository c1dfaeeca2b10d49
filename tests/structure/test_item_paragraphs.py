"""Registries export a numbered criterion's further paragraphs one a line, with no marker
("7. Written informed consent. ..." / "When circumstances so allow, participants should sign the
consent form."): a whole sentence at the number's column right under a numbered item of the
list's top level is more of that item. A line of a sub-list, a bullet's, one after a gap, one
with no full stop, one after an item ending in a colon and a note stay as they were."""
from __future__ import annotations

from tests.conftest import flat_texts, texts_and_parents

CONSENT = "Written informed consent. In case of inability of the patient, a representative will sign."
MORE = "When circumstances so allow, participants should sign the consent form."


def _tree(structure, text):
    return [(" ".join(t.split()), parent) for t, parent in texts_and_parents(structure, text)]


def test_sentences_under_a_numbered_item_are_its_text(structure):
    text = (f"Inclusion criteria:\n1. Age 18 years or older\n2. {CONSENT}\n{MORE}\n"
            "The confirmation of the verbal consent will be documented in the record.\n3. Hospitalized\n")
    assert flat_texts(structure, text) == [
        "Age 18 years or older",
        f"{CONSENT} {MORE} The confirmation of the verbal consent will be documented in the record.",
        "Hospitalized"]


def test_a_sentence_after_an_item_with_no_full_stop(structure):
    text = ("Inclusion criteria:\n1. Willing and able to provide written informed consent\n"
            "In the U.K., proxy consent as per local site procedures may also be acceptable.\n"
            "2. Age 18 to 80 years old\n")
    assert flat_texts(structure, text) == [
        "Willing and able to provide written informed consent In the U.K., proxy consent as per local site "
        "procedures may also be acceptable.", "Age 18 to 80 years old"]


def test_bullets_sub_items_gaps_and_short_lines_stay_criteria(structure):
    bullets = f"Exclusion criteria:\n- Pregnant women\n- Nursing women\n{MORE}\n"
    assert flat_texts(structure, bullets) == ["Pregnant women", "Nursing women", MORE]
    gap = f"Exclusion criteria:\n1. Pregnant women\n2. Nursing women\n\n{MORE}\n"
    assert flat_texts(structure, gap) == ["Pregnant women", "Nursing women", MORE]
    no_stop = "Exclusion criteria:\n1. Pregnant women\n2. Nursing women\nPrior treatment with any interferon\n"
    assert flat_texts(structure, no_stop) == ["Pregnant women", "Nursing women", "Prior treatment with any interferon"]
    short = "Exclusion criteria:\n1. Pregnant women\n2. Nursing women\nDementia.\n"
    assert flat_texts(structure, short) == ["Pregnant women", "Nursing women", "Dementia."]
    sub = ("Exclusion criteria:\n1. Any of the following:\n  a. Pregnant women\n  b. Nursing women\n"
           f"  {MORE}\n")
    assert flat_texts(structure, sub)[-1] == MORE


def test_an_item_ending_in_a_colon_and_a_note_keep_their_lines(structure):
    colon = ("Inclusion criteria:\n1. Must agree to use contraception as detailed below:\n"
             "Agree to use a male condom plus an additional contraceptive method.\n")
    assert [t for t, _ in _tree(structure, colon)] == [
        "Must agree to use contraception as detailed below:",
        "Agree to use a male condom plus an additional contraceptive method."]
    note = "Inclusion criteria:\n1. Age 18 years or older\nNote: the age is the age at the screening visit.\n"
    rec = structure.extract_text(note).to_dict()
    assert [c["text"] for c in rec["criteria"]] == ["Age 18 years or older"]
    assert rec["criteria"][0]["notes"]
