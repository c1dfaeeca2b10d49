"""Survival horizons (models/time_events.json 'horizon_words'): a span right before survival
words is a value of that survival, unless it names a measure whose value is written elsewhere,
where its number is ignored as part of a name. The constraints themselves are golden cases
(time_phrasings.json, thresholds.json); here: where each number goes."""
import pytest

PREFIX = "Inclusion: "


def _analyze(analyzer, text):
    full = PREFIX + text
    result = analyzer.analyze(full, [(len(PREFIX), len(full))])[0]
    shift = len(PREFIX)
    spans = [full[c["span"][0]:c["span"][1]] for c in result["constraints"]]
    ignored = [(i["text"], i["reason"]) for i in result["ignored"]]
    unparsed = [u["text"] for u in result["unparsed"]]
    assert all(c["span"][0] >= shift for c in result["constraints"])
    return result["constraints"], spans, ignored, unparsed


def _only_constraint(analyzer, text: str, span: str, subject: str) -> dict:
    """The criterion's one constraint, at `span`, its subject `subject` (whose span holds its
    words), with no number left ignored or unparsed."""
    constraints, spans, ignored, unparsed = _analyze(analyzer, text)
    assert spans == [span] and not unparsed and not ignored
    c = constraints[0]
    assert c["subject"]["text"] == subject
    s, e = c["subject"]["span"]
    assert (PREFIX + text)[s:e] == subject
    return c


@pytest.mark.parametrize("text, span, subject", [
    ("Known disease making 180 day survival unlikely", "180 day", "survival"),
    ("an anticipated 3-month survival", "3-month", "survival"),
    ("at least a 3-month survival", "at least a 3-month", "survival"),
    ("not expected to survive 48 hours", "48 hours", "expected to survive"),
])
def test_horizon_is_a_value_of_the_survival(analyzer, text, span, subject):
    assert _only_constraint(analyzer, text, span, subject)["type"] == "value"


@pytest.mark.parametrize("text, name", [
    ("Condition for which 30-day mortality is estimated to be > 20%", "30-day mortality"),
    ("Other cancer with 5-year survival rate of at least 50%", "5-year survival"),
    ("a 1-year overall survival probability below 20%", "1-year overall survival"),
    ("Estimated 2-year survival greater than 50%", "2-year survival"),
    ("The primary endpoint of the study is 1-year survival", "1-year survival"),
    ("expected 1 year survival > 50%", "1 year survival"),     # one unit: no qualifier, still a name
    ("3 months survival rate below 40%", "3 months survival"),  # plural: no qualifier, still a name
])
def test_horizon_of_a_named_measure_is_ignored_as_a_name(analyzer, text, name):
    constraints, spans, ignored, unparsed = _analyze(analyzer, text)
    assert (name, "name") in ignored and not unparsed
    assert all(c["unit"] is None or c["unit"]["ucum"] == "%" for c in constraints)


@pytest.mark.parametrize("text, name", [
    ("a 24 hour urine collection", "24 hour urine"),
    ("Received a 28-day cycle of chemotherapy", "28-day cycle"),
    ("Attended the 12-week study visit", "12-week study"),
])
def test_other_units_glued_to_a_noun_stay_names(analyzer, text, name):
    constraints, spans, ignored, unparsed = _analyze(analyzer, text)
    assert not constraints and (name, "name") in ignored


@pytest.mark.parametrize("text, span, subject", [
    ("Must complete a 2-week run-in", "2-week", "run-in"),
    ("at least a 6-month follow-up", "at least a 6-month", "follow-up"),
])
def test_unit_glued_to_a_period_noun_is_its_duration(analyzer, text, span, subject):
    """models/periods.json: a span written as a modifier of a period noun is how long it lasts."""
    c = _only_constraint(analyzer, text, span, subject)
    assert c["type"] == "duration" and c["event"] is None
