"""A criterion's entities: the trained model's spans (models/entities/), the variables lexicon's
mentions, and every constraint's subject, each with `negated` (assertion.py).

- The model (entity_training.py) tags condition, drug, procedure, measurement, observation,
  demographic, device and other. It is sourced into the analyzer's pipeline once, from the
  package data; nothing is downloaded. A span it cuts at a hyphen or a bracket is moved to the
  edge of the words it cuts (entity_spans.py).
- A lexicon mention (models/variables.json) gives its concept (LOINC) to the model entity it
  overlaps; a mention the model missed is an entity of its own (measurement, or demographic
  for age and the like).
- A constraint's subject is one of the criterion's entities with the same span: a subject no
  entity has is added, labelled by its concept (measurement or demographic), else `other`.
  A time window or duration without a subject takes the nearest entity before it in its clause.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..resources import data_folder
from .entity_spans import repaired
from .subjects import LOINC
from .assertion import (covering_cues, is_result_word, negates_criterion, negating_cue, never_negates_criterion,
                        double_negations, note_start, opening_only, qualifies, restates_exclusion, triggers)

MODEL_FOLDER = "entities"
COMPONENT = "extractor_entity_model"
# Variable categories (models/variables.json) that are demographic facts rather than measurements.
_DEMOGRAPHIC = frozenset({"demographic"})
# Labels a time window's subject may take: what happens or is given, not who the patient is.
_EVENTFUL = frozenset({"condition", "drug", "procedure", "observation", "measurement", "device", "other"})
_CLAUSE_BREAK = re.compile(r"[;:\n]|\.\s")


def model_path() -> Path:
    return Path(str(data_folder("extractor._models", "models").joinpath(MODEL_FOLDER)))


def _trained(folder: Path | None = None):
    import spacy

    return spacy.load(folder or model_path(), exclude=["tokenizer"])


def add_model(nlp, folder: Path | None = None) -> None:
    """Source the trained recogniser (the shipped one, or the model written to `folder`) into
    `nlp` (after the rule components), with the vectors it reads (the rule components read
    none). Each pipeline loads its own copy: the vectors look words up in the string store of
    the pipeline they are given to, so one table cannot serve two pipelines."""
    trained = _trained(folder)
    nlp.vocab.vectors = trained.vocab.vectors
    nlp.add_pipe("ner", name=COMPONENT, source=trained)


def _label_of_variable(variables: dict, name: str) -> str:
    var = variables.get(name) or {}
    return "demographic" if var.get("category") in _DEMOGRAPHIC else "measurement"


def _concept(variables: dict, name: str) -> dict:
    return {"name": name, "system": LOINC, "code": variables[name]["loinc"]}


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def trigger_keys() -> frozenset:
    """One word of every negation trigger: its longest run of letters, or "n't" for a
    contraction. A criterion holding none of them holds no trigger (see trigger_screen.py)."""
    from .assertion import trigger_patterns

    keys = set()
    for pattern in trigger_patterns():
        words = re.findall(r"[^\W\d_]+", pattern.lower())
        keys.add("n't" if "n't" in pattern.lower() else max(words, key=len))
    return frozenset(keys)


def criterion_entities(text: str, ents, mentions, constraints, variables: dict, cues=None) -> list[dict]:
    """Entities of one criterion (spans relative to `text`), sorted; fills in missing window
    subjects of `constraints` in place. `ents`: (start, end, label) from the model;
    `mentions`: the lexicon's {"span", "name"} mentions; `cues`: the text's triggers when
    already known."""
    if not ents and not mentions and not constraints:
        return []  # nothing to take an entity from: most criteria without the model
    found: dict[tuple[int, int], dict] = {}
    for s, e, label in repaired(text, ents):   # (a span cut at a hyphen or a bracket: entity_spans.py)
        found[(s, e)] = {"text": text[s:e], "span": [s, e], "label": label}
    for m in mentions:
        ms, me = m["span"]
        hits = [ent for key, ent in found.items() if _overlaps(key, (ms, me))]
        concept = _concept(variables, m["name"])
        for ent in hits:
            if ent["label"] in ("measurement", "demographic") and "concept" not in ent:
                ent["concept"] = concept
        if not hits:  # the model missed it: the lexicon's own (an overlapping one is a subject's if a constraint names it)
            found[(ms, me)] = {"text": text[ms:me], "span": [ms, me],
                               "label": _label_of_variable(variables, m["name"]), "concept": concept}
    _window_subjects(text, constraints, found)
    for c in constraints:
        subject = c.get("subject")
        if not subject:
            continue
        key = tuple(subject["span"])
        if key in found:
            if subject.get("concept") and "concept" not in found[key]:
                found[key]["concept"] = subject["concept"]
            continue
        # labelled by its concept (a lab value, an age), else `other`: a phrase the model did not
        # tag whole ("prior chemotherapy", "diagnosed or treated for another cancer") holds the
        # entities the model tagged ("chemotherapy", a procedure) and is not one more of them
        # (labelled as the entity covering 60% of it, such phrases were false entities of that
        # label in both held-out corpora: docs/entity-experiments.md)
        if subject.get("concept") and subject["concept"].get("name") in variables:
            label = _label_of_variable(variables, subject["concept"]["name"])
        else:
            label = "other"
        ent = {"text": subject["text"], "span": list(key), "label": label}
        if subject.get("concept"):
            ent["concept"] = subject["concept"]
        found[key] = ent
    out = sorted(found.values(), key=lambda ent: (ent["span"][0], ent["span"][1]))
    if cues is None:
        cues = triggers(text) if out else ()
    for ent in out:
        cue = negating_cue(ent["span"], cues) if cues else None
        ent["negated"] = cue is not None
        if cue is not None:
            ent["negation"] = _cue(cue)   # the evidence, as the criterion's `negation`
    return out


_OF_GAP = re.compile(r"\s+of\s", re.IGNORECASE)


def _window_subjects(text: str, constraints, found) -> None:
    """A window or duration the rules left without a subject: the nearest entity before it in
    its clause (else the first one after it), when one is there."""
    for c in constraints:
        if c.get("type") not in ("time", "duration") or c.get("subject"):
            continue
        s, e = c["span"]
        event = c.get("event") or {}
        if event.get("span"):
            e = max(e, event["span"][1])  # nothing in the anchor's own words
        best = None
        for (fs, fe), ent in sorted(found.items()):
            if ent["label"] not in _EVENTFUL:
                continue
            if fe <= s and not _CLAUSE_BREAK.search(text, fe, s):
                best = ent
            elif fs >= e and best is None and not _CLAUSE_BREAK.search(text, e, fs) \
                    and not (event.get("span") and _OF_GAP.match(text, e)):
                # (not "prior to day 1 of protocol therapy": "of" goes on naming the anchor)
                best = ent
                break
        if best is not None:
            c["subject"] = {"text": best["text"], "span": list(best["span"])}
            if best.get("concept"):
                c["subject"]["concept"] = best["concept"]
            c.setdefault("rules", []).append("subject.entity")


def criterion_negation(text: str, rule_cue: dict | None, entities: list[dict], cues=None,
                       exclusion: bool = False, constraints=()) -> dict | None:
    """The criterion's negation cue: the rules' opening cue (models/negation.json), else the
    first trigger that reaches its first negated entity, else the first trigger whose scope holds words
    the model did not tag ("no intercourse"). Never a trigger that qualifies a named thing right
    before it (assertion.qualifies: "Seizures not controlled", "Hemoglobin >= 9 g/dL without
    transfusion" require the seizures and the level; the entity it reaches stays negated). Never
    a cue that states a required result ("negative pregnancy test"); a trigger that names a
    state or a lack ("unable to", "lack of", "none") only through an entity it negates (see
    models/assertion.json). With `exclusion` (the
    criterion is an exclusion one), never a trigger that restates the exclusion ("will be
    excluded", "is not permitted"): the criterion names whom it leaves out, not an absence. Never
    a trigger inside a note that follows the criterion's statement ("Note that participants with
    pacemakers may enter study without meeting QTc criteria": assertion.note_start). Never a cue
    that shares words with a constraint, the words of its bound ("May not be younger than 18
    years": >= 18 a).
    `constraints`: the criterion's, in `text`'s offsets (a value is a named thing a trigger can
    qualify)."""
    note = -1   # where a note after the criterion's statement opens (None: there is none)

    def counts(cue: dict) -> bool:
        nonlocal note
        if exclusion and restates_exclusion(cue["text"]):
            return False
        if any(c["span"][0] < cue["span"][1] and cue["span"][0] < c["span"][1] for c in constraints):
            return False  # a bound's own words: "must not be greater than 60 days" is <= 60 d
        if note == -1:
            note = note_start(text)
        return note is None or cue["span"][0] < note

    found = triggers(text) if cues is None else cues
    if rule_cue is not None:
        rule_cue = _opening_cue(text, rule_cue, found)
    if rule_cue is not None and negates_criterion(rule_cue["text"]) and counts(rule_cue) and not (
            opening_only(rule_cue["text"]) and _makes_a_kind(text, rule_cue["span"][1], entities)):
        return rule_cue
    ends = None   # where the named things end, found when a trigger is looked at

    def absence(cue: dict) -> bool:
        nonlocal ends
        if ends is None:
            ends = named_ends(entities, constraints)
        return not qualifies(text, cue["span"][0], ends)

    for ent in entities:
        if ent.get("negation") is None:
            continue
        # the first trigger that reaches the entity and names an absence: an entity's own cue is
        # the nearest one ("unwilling to discontinue X": "discontinue"), the criterion's the one
        # it opens with; a qualifier reaching it ("Hemoglobin >= 9 g/dL without transfusion")
        # leaves it to the others
        first = next((t for t in covering_cues(ent["span"], found)
                      if _names_absence(t) and counts(t) and absence(t)), None)
        if first is not None:
            return _cue(first)
    for cue in found:
        a, b = cue["scope"]
        if cue["criterion"] and counts(cue) and _WORD.search(text, a, b) and absence(cue):
            return _cue(cue)
    return None


def _opening_cue(text: str, rule_cue: dict, found) -> dict | None:
    """The opening cue (models/negation.json), or the trigger of models/assertion.json over its
    words where that trigger reads them otherwise: a state ("Patients not suitable for the
    study", as "unsuitable for"), what a thing keeps from happening ("Conditions that do not
    allow ...") or an exclusion restated ("Participants are not eligible for the study if ...").
    The opening "not" of such words is theirs, and the criterion is read by their rule; inside a
    state and a stopping word that cancel ("Patients not able to abstain from alcohol", "not
    willing to avoid unprotected intercourse") it negates nothing (None)."""
    s, e = rule_cue["span"]
    if any(ds < e and s < de for ds, de in double_negations(text)):
        return None
    for t in found:
        ts, te = t["span"]
        if ts < e and s < te and (not negates_criterion(t["text"]) or restates_exclusion(t["text"])):
            return _cue(t)
    return rule_cue


def named_ends(entities: list[dict], constraints=()) -> set[int]:
    """Where the things a trigger can qualify end: named entities (`NAMED`) and value
    constraints ("Hemoglobin >= 9 g/dL", "100 meters") other than an age or another demographic
    fact ("Males and females age 21-85 without a history of spine surgery" requires the absence
    of the surgery). A time window or a duration is not one: "At least 12 months without
    menstruation" requires the absence of menstruation."""
    ends = {ent["span"][1] for ent in entities if ent["label"] in NAMED}
    demographic = {tuple(ent["span"]) for ent in entities if ent["label"] == "demographic"}
    for c in constraints:
        subject = c.get("subject")
        if c.get("type") == "value" and not (subject and tuple(subject["span"]) in demographic):
            ends.add(c["span"][1])
    return ends


def _names_absence(cue: dict) -> bool:
    # not a required result, a kind ("non-") or what a named thing keeps from happening ("preclude")
    return not is_result_word(cue["text"]) and not opening_only(cue["text"]) and not never_negates_criterion(cue["text"])


_WORD = re.compile(r"[A-Za-z]{2}")
_ATTACHED = re.compile(r"\s*([\w'-]+)")
_KIND_GAP = re.compile(r"[\s\w'/-]{0,30}")   # a few words, no clause mark
# labels of what a criterion names (a prefix before one of them makes a kind of it)
NAMED = frozenset({"condition", "drug", "procedure", "measurement", "observation", "device"})


def _makes_a_kind(text: str, at: int, entities: list[dict]) -> bool:
    """Whether the prefix ending at `at` ("Non-") qualifies a named thing that follows its word
    ("Non-traumatic LBP", "Non balanced epilepsy": the criterion requires the LBP, the epilepsy)
    rather than being that thing itself ("Non-smoker")."""
    m = _ATTACHED.match(text, at)
    if not m:
        return False
    word = m.span(1)
    if any(ent["span"][0] <= word[0] < ent["span"][1] for ent in entities):
        return False
    return any(ent["label"] in NAMED and ent["span"][0] >= word[1]
               and _KIND_GAP.fullmatch(text, word[1], ent["span"][0]) for ent in entities)


def _cue(trigger: dict) -> dict:
    return {"text": trigger["text"], "span": list(trigger["span"]), "rule": trigger["rule"]}
