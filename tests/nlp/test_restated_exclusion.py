"""A trigger that leaves people out ("will be excluded", "is not permitted"; models/assertion.json
'restates_exclusion') negates its entities everywhere, but the criterion only in an inclusion
criterion: in an exclusion criterion it restates the exclusion, and the criterion names whom it
leaves out. The exports read kind and `negated` together, so a negated exclusion criterion would
become a requirement of what it excludes."""
from __future__ import annotations

import pytest

from extractor.export.records import excluded_at_top
from extractor.nlp.assertion import restates_exclusion


def _criteria(engine, inclusion: list[str], exclusion: list[str]) -> dict[str, dict]:
    text = "Inclusion Criteria:\n" + "".join(f"- {t}\n" for t in inclusion) \
        + "Exclusion Criteria:\n" + "".join(f"- {t}\n" for t in exclusion)
    return {c["text"]: c for c in engine.extract_text(text).to_dict()["criteria"]}


@pytest.mark.parametrize("text, negated, cue", [
    # the exclusion restated: no absence is required, what is named is left out
    ("Impaired renal function will be excluded.", False, None),
    ("Pregnant women are excluded from this study.", False, None),
    ("Concurrent use of strong CYP3A4 inhibitors is not permitted.", False, None),
    ("Use of cannabidiol is prohibited during the study.", False, None),
    ("Subjects with active hepatitis B are not eligible.", False, None),
    ("Patients that should not be included in the study at the judgment of the research team.", False, None),
    ("Individuals included in another treatment program will not be included in the study.", False, None),
    ("Any reason why, in the opinion of the investigators, the patient should not participate.", False, None),
    ("Subjects will not be enrolled in this trial if they have active hepatitis B.", False, None),
    ("Patients already intubated at screening will not be eligible.", False, None),
    ("A patient with active hepatitis B is not eligible.", False, None),
    ("Patients with active hepatitis B will not be randomised.", False, None),
    ("Exclusion from study entry: Patients will not be randomized if any of the study drugs are contra-indicated.", False, None),
    # another cue still makes the criterion require an absence: those without heart failure
    # are left out
    ("Patients with no heart failure are excluded.", True, "no"),
    # criteria with no such trigger are as before
    ("No prior chemotherapy.", True, "No"),
    ("Active hepatitis B infection.", False, None),
])
def test_an_exclusion_criterion_does_not_take_a_cue_that_restates_it(engine, text, negated, cue):
    crit = _criteria(engine, ["Age 18 years or older."], [text])[text]
    assert crit["kind"] == "exclusion"
    assert crit["negated"] is negated
    assert (crit.get("negation") or {}).get("text") == cue
    # what the exports make of it: the named people are left out unless an absence is named
    assert excluded_at_top(crit) is not negated


@pytest.mark.parametrize("text, cue", [
    ("Pregnant women are not eligible.", "are not eligible"),
    ("Patients with HIV infection are excluded.", "excluded"),
    ("Patients with HIV infection will not be included.", "not be included"),
    ("Patients with HIV infection will not be eligible.", "not be eligible"),
    ("Any patient requiring oxygen before the illness is not eligible.", "is not eligible"),
    ("Patients with HIV infection will not be randomised.", "not be randomised"),
])
def test_in_an_inclusion_criterion_the_same_cue_requires_an_absence(engine, text, cue):
    crit = _criteria(engine, [text], ["Active infection."])[text]
    assert crit["kind"] == "inclusion" and crit["negated"] is True
    assert crit["negation"]["text"] == cue
    assert excluded_at_top(crit) is True


def test_the_entities_stay_negated_by_the_restating_cue(engine):
    text = "Patients with HIV infection are excluded."
    excl = _criteria(engine, ["Age 18 years or older."], [text])[text]
    incl = _criteria(engine, [text], ["Active infection."])[text]
    # the entity-level reading (ConText, as the corpora annotate it) does not depend on the kind
    assert [(e["text"], e["negated"]) for e in excl["entities"]] == \
        [(e["text"], e["negated"]) for e in incl["entities"]]
    assert any(e["negated"] for e in excl["entities"])


@pytest.mark.parametrize("cue, restates", [
    ("excluded", True), ("Excluded", True), ("are not eligible", True), ("is  not allowed", True),
    ("not permitted", True), ("are prohibited", True), ("not be included", True), ("not  be enrolled", True),
    ("should not participate", True), ("not participate", False), ("not be", False),
    ("not", False), ("no", False), ("unable to", False), ("prohibit", False), ("naive", False),
])
def test_which_triggers_restate_an_exclusion(cue, restates):
    assert restates_exclusion(cue) is restates


@pytest.mark.parametrize("kind, text, negated", [
    # a judgement that the study is no place for the patient names no absence ("unsuitable for")
    ("exclusion", "Subjects deemed not suitable for study at the discretion of the investigator.", False),
    ("exclusion", "Patients judged not eligible for enrolment in the study by the investigator.", False),
    ("exclusion", "Other situations that are not suitable for the experiment.", False),
    # ... also in other wordings ("to" for "for"), and where its "not" opens the criterion
    # (the opening cue of models/negation.json is read by the trigger over its words)
    ("exclusion", "Believed to be not suitable to participate in clinical trials by investigator.", False),
    ("exclusion", "The researchers judged that it was not suitable to participate in this clinical trial.", False),
    ("exclusion", "Patients not suitable for the study in the opinion of the investigator.", False),
    ("exclusion", "Subjects who are not appropriate for the study, as the investigator's opinion.", False),
    ("exclusion", "Participants are not eligible for the study if they have active hepatitis B.", False),
    ("inclusion", "Patients not suitable for the study in the opinion of the investigator.", False),
    # ... but through what it names it still negates: ineligible for a treatment is a state
    ("inclusion", "Patients not eligible for surgery.", True),
    ("exclusion", "Patients are not suitable for immunoglobulin therapy.", True),
    ("exclusion", "Who is not eligible to swallow oral medications.", True),
    # an opening "not" that no such trigger holds still negates
    ("exclusion", "Patients not vaccinated against influenza.", True),
    # a negative result for a named condition is its absence; a negative test is a result
    ("inclusion", "Test negative for SARS-CoV-2 infection by RT-PCR at screening.", True),
    ("inclusion", "Negative pregnancy test at screening.", False),
])
def test_judgements_and_results(engine, kind, text, negated):
    other = "Age 18 years or older." if kind == "exclusion" else "Active infection."
    crits = _criteria(engine, [text] if kind == "inclusion" else [other], [text] if kind == "exclusion" else [other])
    assert crits[text]["kind"] == kind and crits[text]["negated"] is negated


@pytest.mark.parametrize("text, negated", [
    # an allowance says what the criterion does not exclude: the criterion still names what it
    # excludes (a negated exclusion would be exported as a requirement of it)
    ("Active or metastatic cancer (note: superficial basal carcinoma of the skin is not an exclusion).", False),
    ("Documented central nervous system involvement (history of CNS involvement is not an exclusion criterion)", False),
    ("Requiring vasopressor support (use of fluid support is not exclusionary)", False),
    ("Current TB chemotherapy (TB treatment completed in the preceding 30 days will not be an exclusion)", False),
    ("Ongoing antiviral treatment (previous antiviral treatment is NOT an exclusion criteria)", False),
    # another negation in the same criterion still counts
    ("No prior chemotherapy (prior hormone therapy is not exclusionary).", True),
])
def test_an_allowance_is_no_negation(engine, text, negated):
    crit = _criteria(engine, ["Age 18 years or older."], [text])[text]
    assert crit["kind"] == "exclusion" and crit["negated"] is negated
    assert excluded_at_top(crit) is not negated
