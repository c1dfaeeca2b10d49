import copy
import importlib
import re

import pytest

from extractor.normalize.resources import RuleFileError, load, validate

RULE_FILES = ["comparators", "units", "time_events", "negation", "variables", "numbers", "periods"]


@pytest.mark.parametrize("name", RULE_FILES)
def test_rule_files_follow_their_schema(name):
    validate(name, load(name))


@pytest.mark.parametrize("name", RULE_FILES)
def test_schema_rejects_unknown_keys(name):
    data = copy.deepcopy(load(name))
    data["surprise"] = 1
    with pytest.raises(RuleFileError):
        validate(name, data)


def test_schema_rejects_unknown_keys_inside_entries():
    data = copy.deepcopy(load("comparators"))
    data["cues"][0]["weight"] = 2
    with pytest.raises(RuleFileError):
        validate("comparators", data)


def test_variables_lexicon():
    variables = load("variables")["variables"]
    assert len(variables) >= 150
    names = [v["name"] for v in variables]
    assert len(names) == len(set(names))
    for v in variables:
        if v["loinc"]:
            assert re.fullmatch(r"\d{1,7}-\d", v["loinc"])
        if v["range"]:
            assert v["range"][0] <= v["range"][1]
    wanted = {"absolute neutrophil count", "platelet count", "hemoglobin", "m-protein", "free light chain ratio",
              "bone marrow plasma cells", "ecog performance status", "karnofsky performance status", "nyha class",
              "child-pugh score", "gleason score", "age", "body mass index", "body weight", "qtc interval",
              "left ventricular ejection fraction", "life expectancy", "systolic blood pressure"}
    assert wanted <= set(names)


def test_rule_ids_are_unique():
    ids = [c["id"] for c in load("comparators")["cues"]]
    ids += [c["id"] for c in load("time_events")["windows"] + load("time_events")["relations"]]
    neg = load("negation")
    ids += [c["id"] for key in ("negation", "pseudo", "exception", "condition") for c in neg[key]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("key, bad, module, loader, message", [
    ("course_steps", "last dosage", "history", "_steps", "course_steps names no event: last dosage"),
    ("from_steps", "screenings", "anchors", "_from_steps", "from_steps names no study milestone: screenings"),
])
def test_time_event_step_lists_name_known_events(monkeypatch, key, bad, module, loader, message):
    """study_steps, course_steps and from_steps name events (from_steps study milestones): a
    name that is none fails at load."""
    windows = importlib.import_module(f"extractor.nlp.windows.{module}")

    data = copy.deepcopy(load("time_events"))
    data[key].append(bad)
    monkeypatch.setattr(windows, "load", lambda name: data)
    getattr(windows, loader).cache_clear()
    try:
        with pytest.raises(ValueError, match=message):
            getattr(windows, loader)()
    finally:
        monkeypatch.undo()
        getattr(windows, loader).cache_clear()


def test_time_event_step_lists_as_shipped():
    from extractor.nlp.windows import anchors, history

    study, course = history._steps()
    assert "randomization" in study and "last dose" in course
    assert "screening" in anchors._from_steps() and "randomization" not in anchors._from_steps()


def _with_time_events(monkeypatch, module, cached, change):
    """`cached()` of `module` compiled from a changed copy of models/time_events.json."""
    data = copy.deepcopy(load("time_events"))
    change(data)
    validate("time_events", data)
    monkeypatch.setattr(module, "load", lambda name: data)
    cached.cache_clear()
    try:
        return cached()
    finally:
        monkeypatch.undo()
        cached.cache_clear()


def test_anchor_word_lists_drive_their_patterns(monkeypatch):
    """The anchor word lists are read from the data file: a word added there is matched."""
    from extractor.nlp.windows import anchors

    words = anchors._anchor_words()
    assert words.span_noun.match(" time  frame prior") and words.span_noun.match(" timeframe prior")
    assert not words.span_noun.match(" stretch prior")
    assert words.no_anchor.match("each other") and not words.no_anchor.match("ageing")
    assert words.qualifier.match("the date of the informed consent").end() == len("the date of the ")
    changed = _with_time_events(monkeypatch, anchors, anchors._anchor_words,
                                lambda d: (d["span_nouns"].append("stretch"), d["step_qualifiers"].append("first")))
    assert changed.span_noun.match(" stretch prior") and changed.qualifier.match("first randomization")
    assert not anchors._anchor_words().qualifier.match("first randomization")


def test_time_word_lists_are_lower_case_words():
    data = copy.deepcopy(load("time_events"))
    data["span_nouns"].append("Period")
    with pytest.raises(RuleFileError):
        validate("time_events", data)


def test_history_word_lists_drive_their_patterns(monkeypatch):
    from extractor.nlp.windows import history

    words = history._history_words()
    assert words.action.search("patients hospitalised within") and words.action.search("patients managed with")
    assert not words.action.search("patients sequenced within")
    assert words.course.search("symptom duration") and words.course.search("The course of the disease is")
    assert words.head.match("Diagnosis of COVID-19 is").group(1) == "Diagnosis"
    assert words.head.match("Onset of symptoms").group(1) == "Onset of symptoms"
    assert words.since_gap.fullmatch(": must be ") and not words.since_gap.fullmatch(" lasting ")
    changed = _with_time_events(monkeypatch, history, history._history_words,
                                lambda d: (d["action_words"].append("sequenced"), d["linking_verbs"].append("lasting")))
    assert changed.action.search("patients sequenced within") and changed.since_gap.fullmatch(" lasting ")


def test_prognosis_words_drive_their_pattern(monkeypatch):
    from extractor.nlp import windows
    from extractor.nlp.windows import spans

    text = "would limit life-expectancy to "
    assert windows.prognosis_before(text, len(text))
    assert not windows.prognosis_before("disease-free survival for ", 26)
    assert not windows.prognosis_before("outlook of ", 11)
    changed = _with_time_events(monkeypatch, spans, spans._prognosis_before,
                                lambda d: d["prognosis_words"].append("outlook"))
    assert changed.search("outlook of ")


def test_horizon_words_drive_their_patterns(monkeypatch):
    from extractor.nlp import windows
    from extractor.nlp.windows import spans

    def horizon(text):
        at = text.index("-month") + len("-month")
        return windows.survival_horizon(text, text.index("3"), at)

    assert horizon("making 3-month survival unlikely") == {"subject": {"text": "survival", "span": [15, 23]}}
    assert horizon("a 3-month survival rate") == {"name": True}           # 'horizon_name_words'
    assert horizon("a 3-month survival above 40%") == {"name": True}      # a share written after it
    assert horizon("less than 40% 3-month survival") == {"name": True}   # ... or before it
    assert horizon("to compare 3-month survival") == {"name": True}      # 'horizon_outcome_cues'
    assert horizon("a 3-month survival unlikely, KPS > 70%")["subject"]["text"] == "survival"
    assert horizon("a 3-month follow-up") is None and horizon("a 3-month outlook") is None
    assert horizon("a 3-month survival after surgery") is None                # 'horizon_denials'
    assert horizon("a 3-month survival rate after surgery") == {"name": True}
    stems, after, outcome = _with_time_events(monkeypatch, spans, spans._horizon, lambda d: (
        d["horizon_words"].append("outlook"), d["horizon_name_words"].append("score"),
        d["horizon_outcome_cues"].append("contrast"), d["horizon_denials"].append("beside")))
    assert "outlo" in stems and after.match(" outlook score").group("name")
    assert outcome.search("to contrast ")
    assert after.match(" outlook") and not after.match(" outlook beside it")


def test_prognosis_subject_leads_drive_their_pattern(monkeypatch):
    from extractor.nlp import windows
    from extractor.nlp.windows import spans

    text = "not expected to survive "
    assert windows.prognosis_subject(text, len(text)) == {"text": "expected to survive", "span": [4, 23]}
    text = "would limit survival to "
    assert windows.prognosis_subject(text, len(text))["text"] == "survival"
    assert windows.prognosis_subject("ECOG 0 to ", 10) is None
    changed = _with_time_events(monkeypatch, spans, spans._prognosis_lead,
                                lambda d: d["prognosis_subject_leads"].append("hoped to"))
    assert changed.search("hoped to ")


def test_quantity_cue_words_drive_their_patterns(monkeypatch):
    from extractor.nlp.quantities import ages, spans

    age, young = ages._age_cues()
    assert age.search("Aged ") and young.search("Minors (under ") and not young.search("Toddlers (under ")
    assert ages._duration_cue().search("lasting ") and not ages._duration_cue().search("of age and ")
    assert spans._recent_before().search("Recent trauma (") and not spans._recent_before().search("Old trauma (")
    _, changed = _with_time_events(monkeypatch, ages, ages._age_cues,
                                   lambda d: d["young_words"].append("toddlers"))
    assert changed.search("Toddlers (under ")
    changed = _with_time_events(monkeypatch, spans, spans._recent_before,
                                lambda d: d["recent_words"].append("new"))
    assert changed.search("New trauma (")


def test_clause_word_lists_drive_their_patterns(monkeypatch):
    from extractor.nlp.windows import anchors

    words = anchors._clause_words()
    assert words.back_end.match(" and") and not words.back_end.match(" pain")
    assert words.earlier_end.match(", ") and not words.earlier_end.match(" treated")
    assert words.conjunct_end.search("treatment or must be ") and not words.conjunct_end.search("treatment or surgery ")
    assert words.no_subject.fullmatch("- Must be ") and not words.no_subject.fullmatch("Surgery ")
    changed = _with_time_events(monkeypatch, anchors, anchors._clause_words,
                                lambda d: (d["back_end_words"].append("pain"), d["subjectless_words"].append("surgery")))
    assert changed.back_end.match(" pain") and changed.no_subject.fullmatch("Surgery ")


def test_bound_words_drive_their_patterns(monkeypatch):
    from extractor.nlp.windows import common

    quantity, bound = common._other_bounds()
    assert quantity.search("agent within 5") and not bound.search("agent within 5")
    assert bound.search("at least 3") and not bound.search("at  least 3") and not bound.search("fewer than 3")
    _, changed = _with_time_events(monkeypatch, common, common._other_bounds,
                                   lambda d: d["bound_words"].append("fewer than"))
    assert changed.search("fewer than 3")
    data = copy.deepcopy(load("time_events"))
    data["bound_words"].append("at  most")
    with pytest.raises(RuleFileError):
        validate("time_events", data)


def test_a_range_written_by_magnitude_is_never_a_span_of_time():
    """Negative bounds written by their size form one range ("T-score between -1.0 and -2.5"),
    but no span of time is negative: days before a study day are a schedule, not a range."""
    from extractor.nlp import quantities

    found = quantities.find("T-score between -1.0 and -2.5")[0]
    assert [(c["comparator"], c["low"], c["high"]) for c in found] == [("between", -2.5, -1)]
    for text in ("between -1 and -7 days", "between -2 and -6 months"):
        assert not [c for c in quantities.find(text)[0] if c["comparator"] == "between"], text


def test_window_same_as_reads_as_that_window(monkeypatch):
    """A window with 'same_as' is read with that window's id; naming no window fails at load."""
    from extractor.nlp import patterns

    assert patterns.grammar().window_info["with-in"]["id"] == "win.within"
    data = copy.deepcopy(load("time_events"))
    data["windows"].append({"id": "win.wihtin", "same_as": "win.whitin", "pattern": "wihtin",
                            "comparator": "<=", "direction": "before"})
    monkeypatch.setattr(patterns, "load", lambda name: data if name == "time_events" else load(name))
    patterns.grammar.cache_clear()
    try:
        with pytest.raises(ValueError, match="same_as names no window: win.whitin"):
            patterns.grammar()
    finally:
        monkeypatch.undo()
        patterns.grammar.cache_clear()
    assert patterns.grammar().window_info["within"]["id"] == "win.within"


def test_an_adjacent_window_is_none_across_a_comparator():
    """'the following' ('adjacent' in time_events.json) is a window only right before its number:
    before a comparator it opens a list, and the bound keeps its own span."""
    from extractor.nlp import quantities

    found = quantities.find("Planning to become pregnant within the following 3 years")[0]
    assert [(c["text"], c["direction"], c["rules"][-1]) for c in found] == [
        ("within the following 3 years", "after", "win.within_the_following")]
    found = quantities.find("Pregnancy during the study period or the following 6 months")[0]
    assert [(c["text"], c["direction"]) for c in found] == [("the following 6 months", "after")]
    text = "Adequate organ function as demonstrated by the following ≤ 14 days prior to starting study drug:"
    found = quantities.find(text)[0]
    assert [(c["text"], c["direction"]) for c in found] == [("≤ 14 days", "before")]
    assert not any(r.startswith("win.") for r in found[0]["rules"])




def test_period_nouns_drive_their_pattern(monkeypatch):
    """The period nouns are read from models/periods.json: a noun added there names a period, a
    point noun added there ends one."""
    from extractor.nlp.quantities import periods

    text = "a 2-week sojourn"
    words = set(text.split()) | {"sojourn", "run"}
    assert periods.lasting_period(text, words, 2, (4, 8), "wk") is None
    data = copy.deepcopy(load("periods"))
    data["period_nouns"].append("sojourn")
    validate("periods", data)
    monkeypatch.setattr(periods, "load", lambda name: data)
    periods._lexicon.cache_clear()
    try:
        assert periods.lasting_period(text, words, 2, (4, 8), "wk") == {"text": "sojourn", "span": [9, 16]}
        assert periods.lasting_period(text + " ticket", words, 2, (4, 8), "wk") is not None
        data["point_nouns"].append("ticket")
        periods._lexicon.cache_clear()
        assert periods.lasting_period(text + " ticket", words, 2, (4, 8), "wk") is None
    finally:
        monkeypatch.undo()
        periods._lexicon.cache_clear()


def test_period_word_lists_are_lower_case_words():
    data = copy.deepcopy(load("periods"))
    data["period_nouns"].append("Stay")
    with pytest.raises(RuleFileError):
        validate("periods", data)
