"""Negation scope per entity (models/assertion.json): triggers and their direction, scope
terminators, pseudo-triggers, and the rule file's validation."""
from __future__ import annotations

import copy
import re

import pytest

from extractor.errors import RuleFileError
from extractor.nlp.assertion import is_result_word, negating_cue, triggers
from extractor.normalize.resources import load, validate


def _negated(text: str, *words: str) -> dict[str, bool]:
    """word -> negated, for the first occurrence of each word taken as an entity."""
    found = triggers(text)
    out = {}
    for w in words:
        m = re.search(re.escape(w), text)
        assert m, w
        out[w] = negating_cue(m.span(), found) is not None
    return out


@pytest.mark.parametrize("text, words, expected", [
    ("No history of diabetes or hypertension", ("diabetes", "hypertension"), (True, True)),
    ("No diabetes, hypertension or stroke", ("diabetes", "hypertension", "stroke"), (True, True, True)),
    ("Without brain metastases", ("brain metastases",), (True,)),
    ("Unable to swallow tablets", ("swallow",), (True,)),
    # a coordination goes on the list, as "and" and "or" do
    ("No diabetes and/or hypertension", ("diabetes", "hypertension"), (True, True)),
    ("Inability to understand and/or read Danish", ("Danish",), (True,)),
    ("Non-smoker", ("Non-smoker",), (True,)),                              # trigger inside the entity
    ("Patients with HIV infection are excluded", ("HIV infection",), (True,)),  # backward
    ("Treatment-naive hepatitis C", ("Treatment",), (True,)),               # backward, "naive"
    ("I have not been diagnosed or treated for another cancer within the last 3 years",
     ("cancer",), (True,)),
    # "can not" is "cannot"; a denial is a refusal; freedom from a thing is its absence
    ("Patients who can not swallow tablets", ("swallow",), (True,)),
    ("Denial of blood transfusion", ("blood transfusion",), (True,)),
    ("Seizure freedom for one year", ("Seizure",), (True,)),
    ("Freedom from angina at rest", ("angina",), (True,)),
    # what is chosen instead is absent; what is chosen is there
    ("Spinal rather than general anaesthesia", ("Spinal", "general anaesthesia"), (False, True)),
    ("Oral morphine instead of intravenous morphine", ("Oral morphine", "intravenous morphine"), (False, True)),
    ("Sedation led by a physician as opposed to a nurse", ("physician", "nurse"), (False, True)),
])
def test_triggers_negate_the_entities_in_their_scope(text, words, expected):
    assert tuple(_negated(text, *words).values()) == expected


@pytest.mark.parametrize("text, words, expected", [
    # pseudo-triggers hide the negation word inside them
    ("Not only diabetes but also hypertension", ("diabetes", "hypertension"), (False, False)),
    ("Non-small cell lung cancer", ("lung cancer",), (False,)),
    ("Creatinine no more than 1.5 mg/dL", ("Creatinine",), (False,)),
    ("ALT not to exceed 3 x ULN", ("ALT",), (False,)),
    ("Chemotherapy with or without radiotherapy", ("radiotherapy",), (False,)),
    # terminators end the scope: a turning conjunction, a clause mark, a bracket
    ("No diabetes, but hypertension is allowed", ("diabetes", "hypertension"), (True, False)),
    ("No active infection; prior chemotherapy allowed", ("infection", "chemotherapy"), (True, False)),
    ("No steroids (prednisone allowed)", ("steroids", "prednisone"), (True, False)),
    ("No infection except hepatitis B", ("infection", "hepatitis B"), (True, False)),
    # a bracket holding one word names again what precedes it: the scope runs on
    ("No history of myocardial infarction (MI) or stroke", ("stroke",), (True,)),
    ("Cannabidiol (CBD) is prohibited", ("Cannabidiol",), (True,)),
    ("No steroids (see appendix) or insulin", ("steroids", "insulin"), (True, False)),
    # a forward trigger does not reach back; a backward one does not reach on
    ("Diabetes without complications", ("Diabetes", "complications"), (False, True)),
    ("HIV is excluded, hepatitis allowed", ("HIV", "hepatitis"), (True, False)),
    # a reason or a judge is not what is negated
    ("Unable to give consent because of a language barrier", ("consent", "language barrier"), (True, False)),
    ("Unable to comply in the opinion of the investigator", ("comply", "investigator"), (True, False)),
    # "not due to" negates the cause it names
    ("Cholecystitis that is not due to PKD", ("PKD",), (True,)),
    # "non-" reaches its own word only: the surgery is required, the emergency is not
    ("Non-emergent cardiac surgery", ("emergent", "cardiac surgery"), (True, False)),
    ("Non smoker for five years", ("smoker", "years"), (True, False)),
    # ... and an entity running past that word is a kind of what follows, which is there
    ("Severe non-verbal cognitive deficits", ("non-verbal cognitive deficits", "verbal cognitive deficits", "verbal"),
     (False, False, True)),
    ("History of non-CNS malignancy", ("non-CNS malignancy", "CNS malignancy", "CNS"), (False, False, True)),
    ("Use of an approved or non-approved product", ("approved or non-approved product",), (False,)),
    ("Patients who are non-smokers", ("non-smokers", "smokers"), (True, True)),
    ("Planned major non cardiac surgery", ("cardiac surgery", "cardiac"), (False, True)),
    # "freedom" looks back one word only: the seizures are absent, the epilepsy is there
    ("Epilepsy with seizure freedom", ("Epilepsy", "seizure"), (False, True)),
    ("Freedom to choose the study arm", ("study arm",), (False,)),
])
def test_scope_ends_where_it_should(text, words, expected):
    assert tuple(_negated(text, *words).values()) == expected


def test_scope_is_bounded_in_words():
    many = " ".join(f"w{i}" for i in range(30))
    text = f"No {many} diabetes"
    assert _negated(text, "w1", "diabetes") == {"w1": True, "diabetes": False}


def test_a_required_result_is_not_a_negation():
    assert is_result_word("Negative") and is_result_word("positive")
    assert not is_result_word("negative for")   # "negative for HIV": absence of HIV
    assert not any(t["text"].lower() == "negative" for t in triggers("Negative pregnancy test"))


def test_the_rule_file_is_validated():
    good = load("assertion")
    validate("assertion", good)
    bad = copy.deepcopy(good)
    bad["triggers"][0]["direction"] = "sideways"
    with pytest.raises(RuleFileError, match="direction"):
        validate("assertion", bad)
    bad = copy.deepcopy(good)
    bad["pseudo"][0]["id"] = "neg.not_pseudo"
    with pytest.raises(RuleFileError):
        validate("assertion", bad)
    # a qualifier stands after what it qualifies: a backward trigger cannot be one
    bad = copy.deepcopy(good)
    naive = next(t for t in bad["triggers"] if t["direction"] == "backward")
    naive["qualifies"] = True
    with pytest.raises(RuleFileError):
        validate("assertion", bad)
    naive["qualifies"] = False
    validate("assertion", bad)


def _criterion_negated(text: str) -> bool:
    """The criterion's `negated` from the rules alone (no entities): the opening cue
    (models/negation.json), else a trigger whose scope holds words."""
    from extractor.nlp.context import negation
    from extractor.nlp.entities import criterion_negation

    return criterion_negation(text, negation(text), [], triggers(text)) is not None


# Each rule with a case it must catch and one it must leave alone.
@pytest.mark.parametrize("text, negated", [
    # comparators written with a negation are bounds
    ("Patients 11 to no older than 17 years of age", False),
    ("Subject is at least 18 and not older than 75 years old", False),
    ("No older patients with dementia", True),
    # the absence of a limit or of a requirement
    ("Adults as well as children (no age limit)", False),
    ("No age restriction.", False),
    ("Biopsy is not required for recurrent disease", False),
    ("(Not applicable to patients with bilateral oophorectomy)", False),
    ("No prior chemotherapy is required", True),
    # either way
    ("Fractures of the femur, associated or not with other fractures", False),
    ("Any prior cancer diagnosis, without or with any treatment", False),
    ("Fractures not associated with trauma", True),
    # double negation: allowed
    ("Persons living in assisted housing will not be excluded", False),
    ("Women for whom the possibility of pregnancy was not ruled out", False),
    ("Women with HIV infection are excluded", True),
    # double negation: a refusal or an objection denied is an agreement
    ("No refusal of the person", False),
    ("PCP does not object to the patient's participation", False),
    ("Parents not opposed to the study procedures", False),
    ("No objection to blood transfusion", False),
    ("No history of objective response", True),
    ("Patients not vaccinated against influenza", True),
    # the name of an order
    ("Do Not Resuscitate (DNR) status", False),
    ("Do not have a smart phone", True),
    ("Do-not-intubate (DNI) order", False),
    ("Patients who do not tolerate intubation", True),
    # a test result, as "negative"
    ("Hepatitis B virus DNA not detectable", False),
    ("Non-reactive NST", False),
    ("Hepatitis B virus DNA not tested", True),
    # an intention to stop
    ("Desire to quit smoking", False),
    ("Intention to quit smoking in the next 30 days", False),
    ("Quit smoking within the last 15 years", True),
    # "free" looks back only as a suffix
    ("Patient that has given his/her free and informed consent", False),
    ("Fibula free flap for mandibular reconstruction", False),
    ("Cancer-free for at least 5 years", True),
    # a value outside a reference range is a result; a place outside a hospital is a place
    ("ICD readings outside reference range", False),
    ("GFR outside the normal reference range", False),
    ("Liver enzymes outside the range of 0.5 to 2 x ULN", False),
    ("Transfer from outside hospital with more than 24 hours of ventilation", False),
    ("Lives outside NYC", True),
    # continuity, not absence
    ("Continuous mechanical ventilation for 48 hours (without interruption)", False),
    ("Continuous mechanical ventilation without sedation", True),
    ("Able to walk 2 blocks without stopping", False),
    ("Walks 400 m without a break", False),
    ("Bevacizumab every 2 weeks without rest period", False),
    ("Able to walk 2 blocks without assistance", True),
    # a criterion that points at the others
    ("Does not meet the above criteria", False),
    ("Does not meet criteria for sepsis", True),
    ("Patients who do not meet the above-mentioned exclusion criteria", False),
    ("Even if they do not fulfil the criteria below", False),
    ("Patients who do not fulfill the inclusion criteria", False),
    ("Does not fulfil the duties of a caregiver", True),
    # ... in more of its wordings (a criterion that "does not meet the above" names the criteria)
    ("those who do not meet the above inclusion criteria;", False),
    ("Patients with mild illness (not satisfying inclusion criteria)", False),
    ("Hospitalized for other reasons may be included if they fulfil all inclusion and none of the exclusion criteria", False),
    ("Does not meet the national diagnostic criteria for close contacts", True),
    ("None of the following conditions", True),
    # names of drugs and tests
    ("Use of Non-steroid anti-inflammatory drugs", False),
    ("Reactive non-stress test", False),
    ("Non-English speaking", True),
    ("Non Hodgkin lymphoma in remission", False),
    # "not restricted to" lists, as "not limited to" does; "with or not" goes either way
    ("Common procedures include but are not restricted to tonsillectomy", False),
    ("Surgery within or not of an intensified recovery program", False),
    ("Surgery not restricted by the protocol", True),
    # a state names what it negates through an entity, or a language
    ("Unable to speak English", True),
    ("Inability to read or write Danish", True),
    ("The patients who cannot speak Japanese", True),
    ("Inadequate knowledge of the German language", True),
    ("Poor command of English", True),
    ("Insufficient knowledge of the study procedures", False),
    ("Unable to give informed consent", False),
    ("English-speaking adults unable to give informed consent", False),
    ("Unable to comply with the protocol (e.g. language barrier)", False),
    # contractions are negations as their full forms are
    ("Patients who don't speak English", True),
    ("Didn't receive prior chemotherapy", True),
    ("Hasn't had a stroke in the last year", True),
    ("Patients who can speak English", False),
    ("Patients who can not speak English", True),
    ("Patients who can not give consent", False),
    ("Denial of consent", False),
    # "freedom" names the absence of what it follows
    ("Seizure freedom", True),
    # an alternative set aside makes a kind of what is chosen, which is required
    ("Oral morphine instead of intravenous morphine", False),
    ("Selected for neuraxial rather than general anesthesia", False),
    ("Freedom to choose the study arm", False),
    # a failure names a state, as "unable to" does; a treatment that failed was given
    ("Failure to comply with the protocol", False),
    ("Patients who did not respond to prior chemotherapy", False),
    ("Failed to respond to conservative treatment", False),
    ("Failure to thrive in the first year of life", False),
    ("Patients who did not receive prior chemotherapy", True),
    # "non-" opens the criterion after a subject phrase in any tense
    ("Patients who were non-ambulant for more than 24 hours", True),
    ("Patients who were later found non-ambulant", False),
])
def test_golden_criterion_negation(text, negated):
    assert _criterion_negated(text) is negated


def _with_entities(text: str, *named: tuple[str, str]) -> bool:
    """The criterion's `negated` given entities (text, label), negated as the pipeline does."""
    from extractor.nlp.context import negation
    from extractor.nlp.entities import criterion_negation

    found = triggers(text)
    ents = []
    for words, label in named:
        s = text.index(words)
        cue = negating_cue((s, s + len(words)), found)
        ent = {"text": words, "span": [s, s + len(words)], "label": label, "negated": cue is not None}
        if cue is not None:
            ent["negation"] = {"text": cue["text"], "span": cue["span"], "rule": cue["rule"]}
        ents.append(ent)
    return criterion_negation(text, negation(text), ents, found) is not None


@pytest.mark.parametrize("text, named, negated", [
    # "non-" makes a kind of what follows: the criterion requires it ...
    ("Patient undergoing non-emergent cardiac surgery", [("cardiac surgery", "procedure")], False),
    ("Use of any prescription or non-prescription medication", [("non-prescription medication", "drug")], False),
    ("Non-traumatic LBP", [("LBP", "condition")], False),
    ("Non balanced epilepsy", [("epilepsy", "condition")], False),
    # ... unless it is the thing itself, opening the criterion
    ("Non-smoker", [("smoker", "observation")], True),
    ("Non-English speaking", [], True),
    ("Patients who are non-smokers", [("smokers", "observation")], True),
    # a trigger right after a named thing qualifies that thing, which the criterion requires,
    # whether or not it negates an entity (that entity stays negated) ...
    ("Testicular cancer without germ cell component", [("Testicular cancer", "condition")], False),
    ("Epileptic seizures not controlled", [("Epileptic seizures", "condition")], False),
    ("Testicular cancer without germ cell component",
     [("Testicular cancer", "condition"), ("germ cell component", "condition")], False),
    ("Testicular cancer without metastases", [("Testicular cancer", "condition"), ("metastases", "condition")], False),
    ("Psychotic state not controlled by treatment", [("Psychotic state", "condition"), ("treatment", "procedure")], False),
    ("Lesion outside of the CNS", [("Lesion", "condition"), ("CNS", "condition")], False),
    ("Psychiatric disorder precluding informed consent", [("Psychiatric disorder", "condition"), ("informed consent", "other")], False),
    # ... not so when it follows no named thing (a person is none), is not next to it, is on
    # the next line, or is not a qualifier ("no", "freedom from", "negative for", a
    # contraction: models/assertion.json marks which are)
    ("Patients without a fixed address", [("Patients", "demographic")], True),
    ("Patients without brain metastases", [("Patients", "demographic"), ("brain metastases", "condition")], True),
    ("Women of childbearing age who are not pregnant", [("Women", "demographic"), ("pregnant", "condition")], True),
    ("Other infectious diseases are not suspected", [("infectious diseases", "condition")], True),
    ("Hypertension\nnot controlled by treatment", [("Hypertension", "condition"), ("treatment", "procedure")], True),
    ("Hypertension no prior treatment", [("Hypertension", "condition"), ("treatment", "procedure")], True),
    ("Headache freedom from migraine", [("Headache", "condition"), ("migraine", "condition")], True),
    ("Hairy cell leukemia wasn't treated", [("Hairy cell leukemia", "condition")], True),
    ("Tested negative for COVID-19", [("Tested", "procedure"), ("COVID-19", "condition")], True),
    ("Tested negative for COVID-19", [("Tested", "procedure")], True),
    # a state ("unsuitable for", "not eligible for") negates the criterion through what it
    # names, also after a named thing (golden neg-031)
    ("Multiple septal defects unsuitable for percutaneous closure",
     [("septal defects", "condition"), ("percutaneous closure", "procedure")], True),
    ("Hypertension\nnot controlled", [("Hypertension", "condition")], True),
    ("Hypertension no intercourse", [("Hypertension", "condition")], True),
    # a state tagged whole with its trigger names the state, which is present; what a state
    # trigger reaches is negated
    ("Inability to walk 2 blocks", [("Inability to walk", "condition")], False),
    ("Unable to comply with protocol", [("Unable to comply with", "condition")], False),
    ("Lack of mental capacity to consent", [("Lack of mental capacity", "condition")], False),
    ("Inability to walk 2 blocks", [("walk", "observation")], True),
    ("Unable to insert the NG-tube", [("NG-tube", "device")], True),
    # ("not able to" names a state too, as "unable to" does; "not" alone does not)
    ("Patients who are not able to walk", [("not able to walk", "condition")], False),
    ("Patients who are not ambulatory", [("not ambulatory", "condition")], True),
    # a failure negates the criterion through what it names; a treatment that failed was given
    ("Who fail to participate in the intervention sessions", [("intervention", "procedure")], True),
    ("Failure to comply with the study visits", [("study visits", "other")], True),
    ("Failed to respond to conservative treatment", [("conservative treatment", "procedure")], False),
    ("Refractory myeloma that failed to respond to prior therapy", [("myeloma", "condition"), ("therapy", "procedure")], False),
])
def test_a_negation_that_qualifies_a_named_thing_leaves_the_criterion_unnegated(text, named, negated):
    assert _with_entities(text, *named) is negated


def _with_constraints(text: str, named, values) -> bool:
    """_with_entities, the criterion's constraints given too: (words, type, subject words)."""
    from extractor.nlp.context import negation
    from extractor.nlp.entities import criterion_negation

    found = triggers(text)
    ents = []
    for words, label in named:
        s = text.index(words)
        cue = negating_cue((s, s + len(words)), found)
        ent = {"text": words, "span": [s, s + len(words)], "label": label, "negated": cue is not None}
        if cue is not None:
            ent["negation"] = {"text": cue["text"], "span": cue["span"], "rule": cue["rule"]}
        ents.append(ent)
    constraints = []
    for words, kind, subject in values:
        s = text.index(words)
        c = {"text": words, "span": [s, s + len(words)], "type": kind}
        if subject:
            c["subject"] = {"text": subject, "span": [text.index(subject), text.index(subject) + len(subject)]}
        constraints.append(c)
    return criterion_negation(text, negation(text), ents, found, constraints=constraints) is not None


@pytest.mark.parametrize("text, named, values, negated", [
    # a value right before the trigger is the thing it qualifies: the level, the distance are
    # required, and what the trigger reaches stays negated
    ("Hemoglobin >= 9 g/dL without transfusion", [("Hemoglobin", "measurement"), ("transfusion", "procedure")],
     [(">= 9 g/dL", "value", "Hemoglobin")], False),
    ("ANC >= 1500/uL without growth factor support within 7 days",
     [("ANC", "measurement"), ("growth factor support", "observation")],
     [(">= 1500/uL", "value", "ANC"), ("within 7 days", "time", None)], False),
    ("Able to walk 100 meters without assistance", [("Able to walk", "condition")],
     [("100 meters", "value", None)], False),
    # ... the same texts without the value: nothing named stands before the trigger
    ("Hemoglobin >= 9 g/dL without transfusion", [("Hemoglobin", "measurement"), ("transfusion", "procedure")],
     [], True),
    ("Able to walk 100 meters without assistance", [("Able to walk", "condition")], [], True),
    # an age says who, as a person does; a duration without something is its absence
    ("Males and females age 21-85 without a history of spine surgery",
     [("Males", "demographic"), ("age", "demographic"), ("spine surgery", "procedure")],
     [("21-85", "value", "age")], True),
    ("At least 12 months without menstruation", [("menstruation", "condition")],
     [("At least 12 months", "duration", "menstruation")], True),
])
def test_a_negation_that_qualifies_a_value_leaves_the_criterion_unnegated(text, named, values, negated):
    assert _with_constraints(text, named, values) is negated


def _cue_of(text: str, words: str) -> str | None:
    s = text.index(words)
    cue = negating_cue((s, s + len(words)), triggers(text))
    return None if cue is None else text[cue["span"][0]:cue["span"][1]]


@pytest.mark.parametrize("text, words, cue", [
    # two triggers reach an entity: the nearest governs it ...
    ("No pregnancy and no active breastfeeding", "breastfeeding", "no"),
    ("Hospitalized patients who have never used or are unwilling to try cannabis", "cannabis", "unwilling to"),
    ("Cannot perform the tests or is unable to fill out the questionnaires", "questionnaires", "unable to"),
    ("HIV infection and hepatitis without treatment are excluded", "treatment", "without"),
    # ... and the first still negates what only it reaches
    ("No pregnancy and no active breastfeeding", "pregnancy", "No"),
    ("Cannot perform the tests or is unable to fill out the questionnaires", "tests", "Cannot"),
    # a trigger inside the entity is its own cue, however near another one is
    ("No non-smokers", "non-smokers", "non-"),
])
def test_the_nearest_trigger_is_the_cue(text, words, cue):
    assert _cue_of(text, words) == cue


@pytest.mark.parametrize("text, named, cue", [
    # the criterion's cue is the first trigger that reaches its first negated entity, also when
    # a nearer one is that entity's own cue
    ("Hospitalized patients who have never used or are unwilling to try cannabis", [("cannabis", "drug")], "never"),
    ("Unable or unwilling to undergo MRI", [("MRI", "procedure")], "Unable or unwilling to"),
    ("Agrees to avoid pregnancy", [("pregnancy", "condition")], "avoid"),
    # a required result is never the criterion's cue, nor a prefix that makes a kind
    ("Negative pregnancy test", [("pregnancy test", "procedure")], None),
])
def test_the_criterion_cue_is_the_first_trigger_reaching_its_entity(text, named, cue):
    from extractor.nlp.context import negation
    from extractor.nlp.entities import criterion_entities, criterion_negation

    ents = criterion_entities(text, [(text.index(w), text.index(w) + len(w), label) for w, label in named],
                              [], [], {})
    got = criterion_negation(text, negation(text), ents, triggers(text))
    assert (None if got is None else got["text"]) == cue


@pytest.mark.parametrize("text, named, negated", [
    # what a named thing keeps from happening, or what it is for, is negated; the criterion
    # names the thing ('criterion': 'never' in models/assertion.json) ...
    ("Severe acute kidney injury that would preclude administration of valsartan",
     [("acute kidney injury", "condition"), ("valsartan", "drug")], False),
    ("Conditions that prevent wearing a prosthetic socket", [("prosthetic socket", "device")], False),
    ("Receipt of medications intended to prevent COVID-19", [("medications", "drug"), ("COVID-19", "condition")], False),
    ("Any illness which, in the opinion of the PI, prohibits the patient from entering the study", [], False),
    ("Clinical status precluding infusion of blood products", [("infusion of blood products", "procedure")], False),
    ("Participation in another clinical trial that prohibits the use of TPE", [("TPE", "procedure")], False),
    # "not allow", "not permit" say the same
    ("Presence of any condition that would not allow the protocol to be followed safely",
     [("condition", "condition"), ("protocol", "other")], False),
    ("Patients in other clinical studies which do not allow use of corticosteroids", [("corticosteroids", "drug")], False),
    ("Psychological condition which would not permit the patient to complete the study", [], False),
    # ... while another trigger still names an absence, and other words that stop something
    # still do
    ("No condition that would preclude surgery", [("condition", "condition"), ("surgery", "procedure")], True),
    ("No contraindication to surgery", [("surgery", "procedure")], True),
    ("Agreement to refrain from blood donation", [("blood donation", "procedure")], True),
    ("Agrees to avoid pregnancy", [("pregnancy", "condition")], True),
])
def test_what_a_named_thing_keeps_from_happening_is_no_absence(text, named, negated):
    assert _with_entities(text, *named) is negated


@pytest.mark.parametrize("cue, never", [
    ("preclude", True), ("Precludes", True), ("precluding", True), ("prevent", True), ("prevents", True),
    ("preventing", True), ("prohibit", True), ("prohibits", True), ("prohibiting", True),
    ("not allow", True), ("not  permit", True),
    ("not", False), ("avoid", False), ("refrain from", False), ("is prohibited", False), ("excluded", False),
    ("not allowed", False), ("not permitted", False),
])
def test_which_triggers_never_negate_a_criterion(cue, never):
    from extractor.nlp.assertion import negates_criterion, never_negates_criterion

    assert never_negates_criterion(cue) is never
    if never:
        assert not negates_criterion(cue)


@pytest.mark.parametrize("text, cue", [
    # the opening cue's words read by the trigger of models/assertion.json that holds them ...
    ("Patients not suitable for the study", None),
    ("Patients are not suitable to participate", None),
    ("Participants are not eligible for the study if any of the following criteria are met:", "are not eligible"),
    ("Not eligible for surgery", "Not eligible for"),
    # ... and as before where the trigger is the cue's own words, or none holds them
    ("Patients not pregnant", "not"),
    ("Cannot swallow", None),
    ("Patients who do not speak English", "do not"),
])
def test_the_opening_cue_is_read_by_the_trigger_over_its_words(text, cue):
    from extractor.nlp.context import negation
    from extractor.nlp.entities import criterion_negation

    named = [("surgery", "procedure")] if "surgery" in text else []
    found = triggers(text)
    ents = []
    for words, label in named:
        s = text.index(words)
        got = negating_cue((s, s + len(words)), found)
        ents.append({"text": words, "span": [s, s + len(words)], "label": label, "negated": got is not None,
                     **({"negation": {"text": got["text"], "span": got["span"], "rule": got["rule"]}} if got else {})})
    result = criterion_negation(text, negation(text), ents, found)
    assert (None if result is None else result["text"]) == cue


@pytest.mark.parametrize("text, cue, words", [
    # a cue is read by the words of the trigger that holds it ...
    ("Conditions that would not permit the patient to complete the study", "not", "not permit"),
    ("Disability that does not allow participation", "not", "not allow"),
    ("Twins are not eligible.", "not", "are not eligible"),
    ("Use of THC is prohibited during the study", "prohibited", "is prohibited"),
    ("Disability that would preclude exercise", "preclude", "preclude"),
    # ... else by its own
    ("Patients not pregnant", "not", "not"),
    ("Smokers are excluded", "Smokers", "Smokers"),
])
def test_a_cue_is_read_by_the_trigger_that_holds_it(text, cue, words):
    from extractor.nlp.assertion import rule_words

    s = text.index(cue)
    assert rule_words(text, s, s + len(cue)) == words


@pytest.mark.parametrize("text, negated", [
    # a judgement that the study is against the patient's interest names no absence (as "not
    # suitable for the study"), in its common wordings ...
    ("Physician decision that involvement in the study is not in the patient's best interest", False),
    ("Physician decision that involvement in the study is not in the patient´s best interest", False),
    ("Participation in this study will not be in the best interest of the subject", False),
    ("Not in the best interests of the patient, per the investigator", False),
    ("The study not in patients' best interests judged by the physician", False),
    # (an apostrophe come through as mojibake, as some registries export it)
    ("Physician decision that involvement in the study is not in the patientÂ´s best interest", False),
    ("Physicianâ??s decision that participation is not in patientsâ?? best interest", False),
    ("Participation in the study is not in accordance with the rights and interests of the patient", False),
    # ... while "not" elsewhere, or before other words, still negates
    ("Patients who are not in the best physical condition", True),
    ("Not receiving treatment in the best interest of the patient", True),
    ("Participation is in the best interest of the patient, and no prior chemotherapy", True),
    ("Dosing not in accordance with the label", True),
])
def test_a_best_interest_judgement_is_no_absence(text, negated):
    assert _criterion_negated(text) is negated


@pytest.mark.parametrize("text, negated", [
    # a note after what the criterion states explains or allows: its negations are not the
    # criterion's ...
    ("QTcF >470 msec on the screening ECG. Note that participants with implanted pacemakers may enter "
     "study without meeting QTc criteria", False),
    ("Known history of hepatitis B or C (Note: No HBV or HCV testing is required unless mandated locally)", False),
    ("Allergy to any drug compound, note that participants with allergies which can be managed without "
     "treatment can be included", False),
    ("Active malignancy. N.B. patients without evidence of disease for 5 years are not excluded", False),
    # a case that opens a sentence after the statement says what is done in it
    ("The onset of symptoms is mainly based on fever. If there is no fever, cough or other related symptoms "
     "may be used.", False),
    ("Capable of giving written informed consent. If participants are not capable of giving consent, "
     "alternative consent procedures will be followed.", False),
    ("Pneumonia documented on chest CT; if no CT is available, on X-ray", False),
    ("Consent by the substitute decision maker. In the event of absence, the patient can be included by the "
     "investigator alone.", False),
    # ... while the criterion's own negation, before the note, still counts, a note that opens
    # the criterion is the criterion, and a note named ("see note above") opens none
    ("No prior chemotherapy. Note: prior hormone therapy is allowed", True),
    ("Note: patients without a caregiver cannot be enrolled", True),
    ("Hospitalized (see note above), virus-positive, no oxygen therapy", True),
    ("Notes of the visit without signature", True),
    # ... and a case that opens the criterion, or stands inside its sentence, is a condition of
    # what it states
    ("If female, not pregnant or breastfeeding", True),
    ("Male volunteers, if not surgically sterilised, must agree not to donate sperm", True),
    ("No prior chemotherapy, if not given as adjuvant therapy", True),
    ("Not pregnant. If of childbearing potential, using contraception", True),
])
def test_a_note_after_the_criterion_states_no_absence(text, negated):
    assert _criterion_negated(text) is negated


def test_a_note_leaves_its_entities_negated():
    text = "QTcF >470 msec. Note that participants with pacemakers may enter study without meeting QTc criteria"
    assert _with_entities(text, ("QTcF", "measurement"), ("QTc criteria", "observation")) is False
    s = text.index("QTc criteria")
    assert negating_cue((s, s + len("QTc criteria")), triggers(text))["text"] == "without"


@pytest.mark.parametrize("text, negated", [
    # a bound written with a negation, in both rule files ...
    ("SARS-CoV-2 infection confirmed by PCR not longer than 7 days before", False),
    ("Not longer than 72 hours since the onset of symptoms", False),
    ("Symptoms not shorter than 48 hours", False),
    ("Randomised no shorter than 2 weeks after surgery", False),
    ("Not sooner than 4 weeks after the last dose", False),
    # (also "not be above" or "below" a range or cut-offs written elsewhere, as "not above")
    ("Both CD4 count and CD4% must not be below the laboratory range for normals", False),
    ("Liver function tests must not be above the following cut-offs:", False),
    # ... and a limit that is not set
    ("No gender restriction", False),
    ("Adults, no sex restrictions", False),
    # a negation beside such words still negates
    ("Not hospitalized for longer than 7 days", True),
    ("No gender-affirming hormone therapy", True),
    ("Must not be below the poverty line and not pregnant", True),
])
def test_bounds_and_absent_limits_are_no_absence(text, negated):
    assert _criterion_negated(text) is negated


@pytest.mark.parametrize("text, negated", [
    # "No." before a number abbreviates "number" (models/assertion.json 'number_signs'), also
    # where it would open the criterion ...
    ("Pneumonia diagnosed per the treatment plan of the National Health Office [2020] No.103.", False),
    ("Diagnosed according to Document No. 7 of the health commission", False),
    ("No.3 hospital inpatients", False),
    # ... not before a word, on the next line or after a sentence's end
    ("No. Patients with pneumonia", True),
    ("Patients with no.\n3 children or more", True),
    ("No pneumonia on imaging", True),
    ("Evidence of pneumonia: no. 2 or more lobes involved", False),
])
def test_a_number_sign_is_no_negation(text, negated):
    assert _criterion_negated(text) is negated


def test_number_signs_are_validated():
    bad = copy.deepcopy(load("assertion"))
    bad["number_signs"] = ["no."]
    with pytest.raises(RuleFileError):
        validate("assertion", bad)
    bad = copy.deepcopy(load("assertion"))
    bad["cases"] = ["if", ""]
    with pytest.raises(RuleFileError):
        validate("assertion", bad)


@pytest.mark.parametrize("text, named, negated", [
    # a state right before stopping something is a double negation: what would be stopped goes
    # on, and neither trigger negates it or the criterion ...
    ("Unable or unwilling to discontinue antidepressant medication", [("antidepressant medication", "drug")], False),
    ("Who were unable to abstain from alcohol during the trial period", [("alcohol", "drug")], False),
    ("Lactating and unable to stop breastfeeding", [("breastfeeding", "observation")], False),
    ("Unable or unwilling to forego breastfeeding through Day 28", [("breastfeeding", "observation")], False),
    ("Unwilling to\n     cease intake of fish oil supplements", [("fish oil supplements", "drug")], False),
    # ... while stopping alone, a state alone, or a state farther from it still negate
    ("Agrees to abstain from alcohol during the study", [("alcohol", "drug")], True),
    ("Willing to forgo breastfeeding", [("breastfeeding", "observation")], True),
    ("Unable to swallow tablets", [("tablets", "drug")], True),
    ("Unable to comply and stop smoking", [("smoking", "observation")], True),
])
def test_a_state_before_stopping_is_a_double_negation(text, named, negated):
    assert _with_entities(text, *named) is negated
    for words, _ in named:
        s = text.index(words)
        assert (negating_cue((s, s + len(words)), triggers(text)) is not None) is negated


@pytest.mark.parametrize("text, named, negated", [
    # "not able to" names an inability, as "unable to" does, and a bare "not suitable" or "not
    # appropriate" the judgement that the study is no place for the patient, as "not suitable
    # for the study" does: the criterion is negated only through a thing they reach
    ("Patients who in the opinion of the investigator are not suitable", [], False),
    ("Patients who would not be appropriate, as judged by the investigator", [], False),
    ("Subjects who are not able to follow the plan to complete the study", [], False),
    ("Shock accompanied by multiorgan failure considered not able to be reversed", [("Shock", "condition")], False),
    ("The clinical team would not be able to set up the study nebuliser", [], False),
    ("Patients not able to take medications by mouth", [("medications", "drug")], True),
    # ... "is not eligible" for or to something names a state too ...
    ("Who is not eligible to swallow oral medications", [("oral medications", "drug")], True),
    ("Patient is not eligible for surgery", [("surgery", "procedure")], True),
    # ... while "not" before other words still negates
    ("Patients not pregnant", [("pregnant", "condition")], True),
    ("Not suitably housed", [], True),
])
def test_a_state_written_with_not_negates_only_through_what_it_names(text, named, negated):
    assert _with_entities(text, *named) is negated


@pytest.mark.parametrize("text, named, negated", [
    # "in the absence of" states the condition under which what the criterion names holds, or
    # what is done then: it negates what it reaches, never the criterion
    ("Serum total bilirubin <= 1.8 mg/dL, in the absence of Gilbert's syndrome or hemolysis",
     [("Serum total bilirubin", "measurement"), ("Gilbert's syndrome", "condition")], False),
    ("at least 5 years post-menopausal (i.e., persistent amenorrhea 5 years in the absence of an alternative "
     "medical cause) or surgically sterile", [("amenorrhea", "condition"), ("medical cause", "condition")], False),
    ("IL-6 in serum >= 25 ng/mL (in the absence of a previous dose of prednisone)", [("prednisone", "drug")], False),
    ("Progressive renal insufficiency (doubling of serum creatinine in absence of other renal disease)",
     [("renal insufficiency", "condition"), ("renal disease", "condition")], False),
    ("Patients who, in the absence of Covid-19, would be unable to give informed consent",
     [("Covid-19", "condition")], False),
    # ... while "absence of" without it, or another trigger, still names an absence
    ("Absence of fever, cough or shortness of breath", [("fever", "condition"), ("cough", "condition")], True),
    ("No fever in the absence of antipyretics", [("fever", "condition"), ("antipyretics", "drug")], True),
])
def test_a_condition_in_the_absence_of_something_is_no_absence(text, named, negated):
    assert _with_entities(text, *named) is negated


def test_in_the_absence_of_leaves_what_it_reaches_negated():
    text = "Bilirubin normal in the absence of hemolysis"
    s = text.index("hemolysis")
    cue = negating_cue((s, s + len("hemolysis")), triggers(text))
    assert cue is not None and cue["text"] == "in the absence of"


@pytest.mark.parametrize("text, named, negated", [
    # a state names what the person cannot or will not do in its own clause: after a comma a
    # list goes on with other things, which the state does not reach ...
    ("Who are not willing to participate, with co-morbidities, pregnant and lactating women",
     [("co-morbidities", "condition"), ("pregnant", "condition")], False),
    ("Mental state unable to cooperate, suffering from mental illness, unable to control",
     [("mental illness", "condition")], False),
    ("Unable or unwilling to provide informed consent, cognitive impairment", [("cognitive impairment", "condition")], False),
    ("Patient is unable to consent -intubated, on mechanical ventilation", [("mechanical ventilation", "procedure")], False),
    # ... unless a series of its own words goes on: "to", or one word before "or", "and" or
    # another comma
    ("Unable to swallow, absorb or tolerate oral medication", [("oral medication", "drug")], True),
    ("Unable to take tablets, capsules or liquids", [("liquids", "drug")], True),
    ("Inability to understand, to read or to write the French language", [], True),
    ("Unable to read, write, or speak English", [], True),
    # ... and the comma ends no other trigger's scope
    ("No fever, cough or dyspnea", [("dyspnea", "condition")], True),
    ("Patients not pregnant, lactating or planning a pregnancy", [("lactating", "condition")], True),
])
def test_a_state_ends_at_a_comma_unless_its_series_goes_on(text, named, negated):
    assert _with_entities(text, *named) is negated


@pytest.mark.parametrize("text, named, negated", [
    # "not willing to" names a refusal, as "unwilling to" does: the criterion is negated only
    # through a thing it reaches ...
    ("Patient not willing to give consent.", [], False),
    ("Patients not willing to be randomized", [], False),
    ("Those who are not willing to continue participating in the study.", [], False),
    ("Male subjects not willing to use contraceptive methods", [("contraceptive methods", "procedure")], True),
    ("Not willing to have blood samples stored for future research", [("blood samples", "measurement")], True),
    # ... and before stopping something, the two cancel, also the "not" that opens them (the
    # opening cue of models/negation.json), as with "not able to"
    ("Women not willing to avoid unprotected sexual intercourse", [("sexual intercourse", "observation")], False),
    ("Patients not able to abstain from alcohol", [("alcohol", "drug")], False),
    ("Not able to stop smoking and not pregnant", [("smoking", "observation"), ("pregnant", "condition")], True),
    # "willing to" without "not" is no trigger
    ("Willing to use contraceptive methods", [("contraceptive methods", "procedure")], False),
])
def test_not_willing_to_names_a_refusal(text, named, negated):
    assert _with_entities(text, *named) is negated


def test_state_terminators_are_validated():
    bad = copy.deepcopy(load("assertion"))
    bad["state_terminators"] = [""]
    with pytest.raises(RuleFileError):
        validate("assertion", bad)
    bad = copy.deepcopy(load("assertion"))
    bad["state_series_words"] = "or"
    with pytest.raises(RuleFileError):
        validate("assertion", bad)
