"""The LCT scorer's counts on a hand-made BRAT document with hand-made predictions."""
from __future__ import annotations

import pytest

from extractor.eval.brat import parse_ann
from extractor.eval.lct import LctScore, gold_comparisons, gold_criterion_negations
from extractor.eval.runner import run_eval

from .lct_fixture import ANN, RECORD, TEXT


def counts(row):
    return row["tp"], row["fp"], row["fn"]


def test_gold_items_read_from_events():
    gold = gold_comparisons(parse_ann(ANN))
    assert [g.text for g in gold] == [">= 18 years", "between 9 and 12 g/dL", "0 or 1",
                                      "within 4 weeks", "> 1.5 x ULN"]
    assert gold[1].comparators == {"between"} and sorted(gold[1].numbers) == [9, 12]
    assert gold[1].unit_pieces == ["g", "dL"]
    assert gold[2].comparators == set()
    assert [g.temporal for g in gold] == [True, False, False, True, False]


def test_scorer_counts_exactly():
    score = LctScore()
    score.score("doc", TEXT, parse_ann(ANN), RECORD)
    result = score.result()
    # 5 gold, 6 predictions, 4 pairs (P6 loses G1 to P1; P5 has no partner; G5 unpredicted)
    assert counts(result["comparison.detection"]) == (4, 2, 1)
    # exact: 4 gold with an operator; hits G1, G2; G3's pair is neither hit nor false alarm
    assert counts(result["comparison.exact"]) == (2, 3, 2)
    # unit: 4 gold with a unit; G1, G4 agree; G2 disagrees (fp and fn); G5 unpaired
    assert counts(result["comparison.unit"]) == (2, 1, 2)
    assert result["comparison.unit"]["accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    # temporal: G1, G4 paired; P6 is a time constraint not paired with temporal gold
    assert counts(result["comparison.temporal"]) == (2, 1, 0)
    assert counts(result["negation.cue"]) == (1, 0, 0)
    # c4, wrongly negated, holds no annotation: out of the field (see the test below)
    assert counts(result["negation.criterion"]) == (1, 0, 0)
    assert counts(result["exception"]) == (1, 0, 0)
    assert result["comparison.detection"]["precision"] == pytest.approx(4 / 6, abs=1e-4)


def test_wrong_comparator_is_not_exact():
    broken = {**RECORD, "criteria": [dict(c) for c in RECORD["criteria"]]}
    first = broken["criteria"][0]
    first["constraints"] = [dict(first["constraints"][0], comparator=">"),
                            first["constraints"][1]]
    score = LctScore()
    score.score("doc", TEXT, parse_ann(ANN), broken)
    assert counts(score.result()["comparison.exact"]) == (1, 4, 3)
    assert counts(score.result()["comparison.detection"]) == (4, 2, 1)


def test_gold_offsets_follow_a_normalised_text():
    # the extractor may rewrite spaces at ingest; gold spans must still meet the predictions
    canonical = TEXT.replace("Inclusion Criteria:\n", "Inclusion  Criteria:\n")
    shifted = {"document": {"text": canonical}, "criteria": []}
    for c in RECORD["criteria"]:
        c = dict(c, span=[c["span"][0] + 1, c["span"][1] + 1])
        c["constraints"] = [dict(k, span=[k["span"][0] + 1, k["span"][1] + 1])
                            for k in c["constraints"]]
        c.pop("negation", None)
        c["exceptions"] = []
        shifted["criteria"].append(c)
    score = LctScore()
    score.score("doc", TEXT, parse_ann(ANN), shifted)
    assert counts(score.result()["comparison.detection"]) == (4, 2, 1)


def test_errors_listed_on_dev_only(tmp_path, monkeypatch):
    for batch in ("batch1", "batch11"):
        folder = tmp_path / "corpora" / "lct" / "leaf_clinical_trials" / batch
        folder.mkdir(parents=True)
        (folder / "NCT1.txt").write_text(TEXT, encoding="utf-8")
        (folder / "NCT1.ann").write_text(ANN, encoding="utf-8")
    monkeypatch.setenv("EXTRACTOR_SHARED", str(tmp_path))
    dev = run_eval("lct", "dev", True, lambda text: RECORD)
    assert dev["documents"] == 1
    assert counts(dev["fields"]["comparison.detection"]) == (4, 2, 1)
    kinds = sorted((e["field"], e["error"]) for e in dev["errors"])
    assert ("comparison", "miss") in kinds and ("comparison", "false-alarm") in kinds
    assert ("comparison", "comparator") in kinds and ("comparison", "unit") in kinds
    test = run_eval("lct", "test", True, lambda text: RECORD)
    assert test["errors"] is None and any("refused" in n for n in test["notes"])
    assert counts(test["fields"]["comparison.exact"]) == (2, 3, 2)


def test_failing_document_counts_as_no_predictions(tmp_path, monkeypatch):
    folder = tmp_path / "corpora" / "lct" / "leaf_clinical_trials" / "batch2"
    folder.mkdir(parents=True)
    (folder / "NCT1.txt").write_text(TEXT, encoding="utf-8")
    (folder / "NCT1.ann").write_text(ANN, encoding="utf-8")
    monkeypatch.setenv("EXTRACTOR_SHARED", str(tmp_path))

    def boom(text):
        raise ValueError("broken")

    result = run_eval("lct", "dev", False, boom)
    assert result["failed_documents"] == 1
    assert counts(result["fields"]["comparison.detection"]) == (0, 0, 5)


def test_absent_corpus_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setenv("EXTRACTOR_SHARED", str(tmp_path / "nowhere"))
    result = run_eval("lct", "test", False, lambda text: RECORD)
    assert "skipped" in result


def test_scale_words_are_not_units_and_lists_can_state_ranges():
    text = "ECOG grade 3 or 4"
    ann = parse_ann("T1\tEq-Comparison 5 17\tgrade 3 or 4\nT2\tEq-Unit 5 10\tgrade\n"
                    "T3\tEq-Value 11 12\t3\nT4\tEq-Value 16 17\t4\nT5\tEq-Operator 13 15\tor\n"
                    "E1\tEq-Comparison:T1 Unit:T2 Value:T3 Value2:T4 Operator:T5\n"
                    "A1\tEq-Operator-Value T5 BETWEEN\n")
    (gold,) = gold_comparisons(ann)
    assert gold.unit_pieces == []
    record = {"document": {"text": text}, "criteria": [{"id": "c1", "span": [0, 17],
              "constraints": [{"type": "value", "comparator": "in", "values": [3, 4],
                               "span": [11, 17], "text": "3 or 4", "unit": None}]}]}
    score = LctScore()
    score.score("d", text, ann, record)
    assert counts(score.result()["comparison.exact"]) == (1, 0, 0)
    assert counts(score.result()["comparison.unit"]) == (0, 0, 0)
    record["criteria"][0]["constraints"][0]["values"] = [3, 5]
    score = LctScore()
    score.score("d", text, ann, record)
    assert counts(score.result()["comparison.exact"]) == (0, 1, 1)


def test_second_number_of_a_pair_is_neither_hit_nor_false_alarm():
    from extractor.eval.lct import GoldComparison, _pair_parts
    from extractor.eval.predictions import PredConstraint

    def pred(span, value):
        return PredConstraint(span=span, text="", type="value", comparator=">", numbers=[value],
                              unit=None, reference=None, criterion="c1", raw={})

    pair = GoldComparison("E1", (0, 13), "> 150/90 mmHg", [150.0, 90.0], {">"}, ["mmHg"], False)
    preds = [pred((0, 13), 150.0), pred((6, 13), 90.0)]
    assert _pair_parts([pair], preds, {0: 0}, {0: 0}) == {1}
    # a range is one constraint in both: its parts are not excused
    rng = GoldComparison("E2", (0, 5), "2 - 6", [2.0, 6.0], {"between"}, [], False)
    assert _pair_parts([rng], [pred((0, 1), 2.0), pred((4, 5), 6.0)], {0: 0}, {0: 0}) == set()


def test_a_negated_qualifier_does_not_negate_the_criterion():
    """LCT's "non" of "non-carious lesions" negates a Modifier: the criterion requires lesions.
    The cue still counts among the cues."""
    text = "Inclusion Criteria:\n- Non-carious cervical lesions\n- No diabetes\n"
    non, no = text.index("Non"), text.index("No diabetes")
    ann = parse_ann("\n".join([
        f"T1\tNegation {non} {non + 3}\tNon", f"T2\tModifier {non + 4} {non + 11}\tcarious",
        f"T3\tCondition {non + 12} {non + 29}\tcervical lesions",
        "E1\tNegation:T1 Negates:T2",
        f"T4\tNegation {no} {no + 2}\tNo", f"T5\tCondition {no + 3} {no + 11}\tdiabetes",
        "E2\tCondition:T5", "E3\tNegation:T4 Negates:E2"]))
    lines = [(non, non + 29), (no, no + 11)]

    def crit(i, negated, cue):
        c = {"id": f"c{i}", "kind": "inclusion", "text": text[slice(*lines[i])],
             "span": list(lines[i]), "negated": negated}
        if cue is not None:
            c["negation"] = {"text": text[cue:cue + 2], "span": [cue, cue + 2]}
        return c

    record = {"document": {"text": text}, "criteria": [crit(0, False, None), crit(1, True, no)]}
    score = LctScore()
    score.score("doc", text, ann, record)
    result = score.result()
    assert counts(result["negation.criterion"]) == (1, 0, 0)
    assert counts(result["negation.cue"]) == (1, 0, 1)
    record["criteria"][0] = crit(0, True, non)
    score = LctScore()
    score.score("doc", text, ann, record)
    assert counts(score.result()["negation.criterion"]) == (1, 1, 0)


def test_a_negation_that_qualifies_a_named_thing_does_not_negate_the_criterion():
    """The scorer reads a gold cue as the pipeline reads a trigger (assertion.qualifies): one
    that qualifies a named thing or a value right before it ("Seizures not controlled",
    "Hemoglobin >= 9 g/dL without transfusion") is no criterion negation, and still a cue. One
    after a person or an age, on the next line, or that is no qualifier ("no"), still is."""
    lines = ["Seizures not controlled", "Hemoglobin >= 9 g/dL without transfusion",
             "Patients without metastases", "Age 21-85 without prior surgery",
             "Hypertension\nnot treated", "Anemia no transfusion"]
    text = "Inclusion Criteria:\n" + "".join(f"- {line}\n" for line in lines)
    starts = [text.index(line) for line in lines]
    rows, n = [], 0

    def add(kind, start, words):
        nonlocal n
        n += 1
        at = text.index(words, start)
        rows.append(f"T{n}\t{kind} {at} {at + len(words)}\t{words}")
        return f"T{n}"

    def negation(start, cue, target_kind, target):
        trigger, negated = add("Negation", start, cue), add(target_kind, start, target)
        rows.append(f"E{n}\tNegation:{trigger} Negates:{negated}")

    negation(starts[0], "not", "Condition", "controlled")
    add("Condition", starts[0], "Seizures")
    add("Observation", starts[1], "Hemoglobin")
    comparison, value = add("Eq-Comparison", starts[1], ">= 9 g/dL"), add("Eq-Value", starts[1], "9")
    rows.append(f"E900\tEq-Comparison:{comparison} Value:{value}")
    negation(starts[1], "without", "Procedure", "transfusion")
    add("Life-Stage-And-Gender", starts[2], "Patients")
    negation(starts[2], "without", "Condition", "metastases")
    comparison, value = add("Eq-Comparison", starts[3], "21-85"), add("Eq-Value", starts[3], "21")
    rows.append(f"E901\tEq-Comparison:{comparison} Value:{value}")
    rows.append(f"E902\tAge:{add('Age', starts[3], 'Age')} Numeric-Filter:E901")
    negation(starts[3], "without", "Procedure", "surgery")
    add("Condition", starts[4], "Hypertension")
    negation(starts[4], "not", "Procedure", "treated")
    add("Condition", starts[5], "Anemia")
    negation(starts[5], "no", "Procedure", "transfusion")
    ann = parse_ann("\n".join(rows))
    gold = [text[s:e] for s, e in gold_criterion_negations(ann, text)]
    assert gold == ["without", "without", "not", "no"]   # lines 3 to 6
    assert len(gold_criterion_negations(ann)) == 6       # without the text: every cue

    record = {"document": {"text": text}, "criteria": [
        {"id": f"c{i}", "kind": "inclusion", "text": line, "span": [s, s + len(line)],
         "negated": i >= 2, **({"negation": {"text": "x", "span": [s, s + 1]}} if i >= 2 else {})}
        for i, (line, s) in enumerate(zip(lines, starts))]}
    score = LctScore()
    score.score("doc", text, ann, record)
    assert counts(score.result()["negation.criterion"]) == (4, 0, 0)


def test_a_criterion_lct_left_unannotated_is_out_of_the_negation_fields():
    """LCT marks a Negation only on an entity it annotated: a criterion holding no annotation of
    any kind ("No consent") has no gold either way, so neither its negation nor its cue is
    scored. An annotated criterion negated without a gold cue is still a false alarm."""
    text = "Exclusion Criteria:\n- No consent\n- Smokers\n- No diabetes\n"
    consent, smokers, no = text.index("No consent"), text.index("Smokers"), text.index("No diabetes")
    ann = parse_ann("\n".join([
        f"T1\tCondition {smokers} {smokers + 7}\tSmokers",
        f"T4\tNegation {no} {no + 2}\tNo", f"T5\tCondition {no + 3} {no + 11}\tdiabetes",
        "E2\tCondition:T5", "E3\tNegation:T4 Negates:E2"]))
    lines = [(consent, consent + 10), (smokers, smokers + 7), (no, no + 11)]

    def crit(i, cue):
        c = {"id": f"c{i}", "kind": "exclusion", "text": text[slice(*lines[i])],
             "span": list(lines[i]), "negated": True,
             "negation": {"text": text[cue:cue + 2], "span": [cue, cue + 2]}}
        return c

    record = {"document": {"text": text},
              "criteria": [crit(0, consent), crit(1, smokers), crit(2, no)]}
    score = LctScore()
    score.score("doc", text, ann, record)
    result = score.result()
    assert counts(result["negation.criterion"]) == (1, 1, 0)
    assert counts(result["negation.cue"]) == (1, 1, 0)


def test_a_gold_cue_is_read_by_the_trigger_that_holds_it():
    """LCT marks the "not" of "would not permit" and of "are not eligible": read by the words of
    the rules' trigger that holds it (assertion.rule_words), the first says what a named thing
    keeps from happening and the second restates an exclusion, so neither makes the criterion
    require an absence; a "not" that no such trigger holds still does. Every cue still counts."""
    lines = ["Condition that would not permit the patient to complete the study", "Twins are not eligible",
             "Patients not vaccinated"]
    text = "Exclusion Criteria:\n" + "".join(f"- {line}\n" for line in lines)
    starts = [text.index(line) for line in lines]
    rows = []
    for i, (line, target) in enumerate(zip(lines, ["complete", "Twins", "vaccinated"])):
        cue, at = starts[i] + line.index("not"), starts[i] + line.index(target)
        rows += [f"T{2 * i + 1}\tNegation {cue} {cue + 3}\tnot",
                 f"T{2 * i + 2}\tCondition {at} {at + len(target)}\t{target}",
                 f"E{2 * i + 1}\tCondition:T{2 * i + 2}", f"E{2 * i + 2}\tNegation:T{2 * i + 1} Negates:E{2 * i + 1}"]
    ann = parse_ann("\n".join(rows))
    cue = starts[2] + lines[2].index("not")
    record = {"document": {"text": text}, "criteria": [
        {"id": f"c{i}", "kind": "exclusion", "text": line, "span": [s, s + len(line)], "negated": i == 2,
         **({"negation": {"text": "not", "span": [cue, cue + 3]}} if i == 2 else {})}
        for i, (line, s) in enumerate(zip(lines, starts))]}
    score = LctScore()
    score.score("doc", text, ann, record)
    assert counts(score.result()["negation.criterion"]) == (1, 0, 0)
    assert counts(score.result()["negation.cue"]) == (1, 0, 2)
    record["criteria"][2]["negated"] = False
    del record["criteria"][2]["negation"]
    score = LctScore()
    score.score("doc", text, ann, record)
    assert counts(score.result()["negation.criterion"]) == (0, 0, 1)


def test_a_number_marked_inside_its_operator_is_read():
    """LCT marks some glued numbers inside the operator ("≥18 years": Eq-Operator "≥18", no
    Eq-Value); the item is still gold, with that number. An operator alone ("≥") states none."""
    ann = parse_ann(
        "T1\tEq-Comparison 0 9\t≥18 years\n"
        "T2\tEq-Operator 0 3\t≥18\n"
        "T3\tEq-Temporal-Unit 4 9\tyears\n"
        "E1\tEq-Comparison:T1 Operator:T2 Temporal-Unit:T3\n"
        "A1\tEq-Operator-Value T2 GTEQ\n"
        "T4\tEq-Comparison 20 21\t≥\n"
        "T5\tEq-Operator 20 21\t≥\n"
        "E2\tEq-Comparison:T4 Operator:T5\n"
        "A2\tEq-Operator-Value T5 GTEQ\n")
    gold = gold_comparisons(ann)
    assert [(g.text, g.numbers, g.comparators) for g in gold] == [("≥18 years", [18.0], {">="})]


@pytest.mark.parametrize("text, units, dated", [
    ("between January 2015 and December 2018", [], True),
    ("between 2 January 2005 and 31 December 2017", [], True),
    ("1st of january 2011 to 31 december 2016", [], True),
    ("between 4/1/2019 and 12/31/2020", [], True),
    ("2008 to 2015", [], True),
    ("before 2019", [], True),
    ("Since November 2017", [], True),
    ("> 2000", [], False),                       # a sign before a bare 4-digit number: no year
    ("2008 to 2015", ["mg"], False),             # a unit: a quantity
    ("platelets 2000 to 5000", [], False),
    ("stages III or IV", [], False),             # no digit at all: not a date either
    ("two or more", [], False),
    ("within 4 weeks", [], False),
])
def test_calendar_dates_are_recognised(text, units, dated):
    from extractor.eval.lct import GoldComparison, calendar_only
    assert calendar_only(GoldComparison("T1", (0, len(text)), text, [1.0], set(), units, False)) is dated


def test_a_calendar_period_is_neither_found_nor_missed():
    from .lct_fixture import ANN as BASE
    text = TEXT + "- Diagnosed between January 2015 and December 2018\n"
    start = text.index("between January")
    end = start + len("between January 2015 and December 2018")
    ann = BASE.rstrip("\n") + "\n" + (f"T90\tEq-Comparison {start} {end}\tbetween January 2015 and December 2018\n"
                  f"T91\tEq-Value {start + 16} {start + 20}\t2015\n"
                  f"E90\tEq-Comparison:T90 Value:T91\n")
    plain, dated = LctScore(), LctScore()
    plain.score("doc", TEXT, parse_ann(BASE), RECORD)
    dated.score("doc", text, parse_ann(ann), {**RECORD, "document": {**RECORD["document"], "text": text}})
    from extractor.eval.lct import gold_comparisons as read_gold
    assert "between January 2015 and December 2018" in [g.text for g in read_gold(parse_ann(ann))]
    assert dated.result()["comparison.detection"] == plain.result()["comparison.detection"]


@pytest.mark.parametrize("text, numbers, expected", [
    # weeks and days as LCT marks them, read as the CONTRACT writes one pregnancy age
    ("13 weeks 6 days", [13.0, 6.0], [97.0]),
    ("between 24 + 0 weeks", [24.0, 0.0], [24.0]),         # whole weeks stay weeks
    ("36 + 6 weeks", [36.0, 6.0], [258.0]),
    ("between 14 weeks and 23 weeks 6 days", [14.0, 23.0, 6.0], [98.0, 167.0]),
    ("16 0/7 to 22 0/7 weeks", [16.0, 0.0, 22.0, 0.0], [16.0, 22.0]),
    ("23 0/7 - 27 6/7 weeks", [23.0, 0.0, 27.0, 6.0], [161.0, 195.0]),
    # no weeks-and-days form: untouched
    ("between 14 and 23 weeks", [14.0, 23.0], [14.0, 23.0]),
    ("for 2 weeks + 3 cycles", [2.0, 3.0], [2.0, 3.0]),
])
def test_weeks_and_days_read_as_one_age(text, numbers, expected):
    from extractor.eval.lct import GoldComparison, weeks_and_days
    gold = GoldComparison("E1", (0, len(text)), text, list(numbers), set(), ["wk"], True)
    weeks_and_days(gold, text)
    assert gold.numbers == expected


def test_the_other_bound_of_a_range_written_as_two_comparisons_is_neither_hit_nor_miss():
    from extractor.eval.lct import GoldComparison, _range_parts
    from extractor.eval.predictions import PredConstraint

    text = "between 16 weeks 0 days and 23 weeks 6 days"
    rng = PredConstraint(span=(0, len(text)), text=text, type="value", comparator="between",
                         numbers=[112.0, 167.0, 16.0, 0.0, 23.0, 6.0], unit={"ucum": "d"}, reference=None,
                         criterion="c1", raw={"low": 112, "high": 167})
    low = GoldComparison("E1", (0, 23), "between 16 weeks 0 days", [16.0], {"between"}, ["wk", "d"], True)
    high = GoldComparison("E2", (28, len(text)), "23 weeks 6 days", [167.0], set(), ["wk", "d"], True)
    assert _range_parts([low, high], [rng], {1: 0}, {0: 1}) == {0}
    # a gold item inside a prediction of one bound, or sharing no number, stays a miss
    bound = PredConstraint(span=(0, len(text)), text=text, type="value", comparator="<=", numbers=[167.0],
                           unit={"ucum": "d"}, reference=None, criterion="c1", raw={"value": 167})
    assert _range_parts([low, high], [bound], {1: 0}, {0: 1}) == set()
    other = GoldComparison("E3", (0, 23), "between 16 weeks 0 days", [15.0], {"between"}, [], True)
    assert _range_parts([other, high], [rng], {1: 0}, {0: 1}) == set()


def test_weeks_and_days_are_scored_with_the_numbers_written_too():
    from extractor.eval.predictions import numeric_constraints
    record = {"criteria": [{"id": "c1", "constraints": [
        {"type": "value", "comparator": "<", "value": 230, "text": "< 32 weeks 6 days", "span": [0, 17],
         "unit": {"ucum": "d"}, "rules": ["num.digits", "unit.weeks_days"]},
        {"type": "value", "comparator": "<", "value": 32, "text": "< 32 weeks", "span": [20, 30],
         "unit": {"ucum": "wk"}, "rules": ["num.digits"]}]}]}
    first, second = numeric_constraints(record)
    assert first.numbers == [230.0, 32.0, 6.0]
    assert second.numbers == [32.0]


def test_whole_weeks_written_apart_meet_a_range_in_days_as_days():
    from extractor.eval.lct import GoldComparison, comparator_agrees, weeks_and_days, _shares_number
    from extractor.eval.predictions import PredConstraint

    text = "between 24 + 0 weeks and 36 + 6 weeks"
    rng = PredConstraint(span=(0, len(text)), text=text, type="value", comparator="between",
                         numbers=[168.0, 258.0], unit={"ucum": "d"}, reference=None, criterion="c1",
                         raw={"low": 168, "high": 258})
    low = GoldComparison("E1", (0, 20), "between 24 + 0 weeks", [24.0, 0.0], {"between"}, ["wk"], True)
    weeks_and_days(low, low.text)
    assert low.numbers == [24.0] and low.in_weeks
    assert _shares_number(low, rng) and comparator_agrees(low, rng)
    # a prediction in weeks is compared in weeks, and days written are never scaled
    in_weeks = PredConstraint(span=(0, 20), text="24 + 0 weeks", type="value", comparator="=", numbers=[24.0],
                              unit={"ucum": "wk"}, reference=None, criterion="c1", raw={"value": 24})
    assert _shares_number(low, in_weeks)
    high = GoldComparison("E2", (25, len(text)), "36 + 6 weeks", [36.0, 6.0], set(), ["wk"], True)
    weeks_and_days(high, high.text)
    assert high.numbers == [258.0] and not high.in_weeks and _shares_number(high, rng)


def _side(span, text, value, direction, event_span=(30, 40), rules=("num.digits", "time.both_sides"), criterion="c1"):
    from extractor.eval.predictions import PredConstraint
    raw = {"type": "time", "comparator": "<=", "value": value, "direction": direction,
           "event": {"text": "transplant", "span": list(event_span)}, "rules": list(rules)}
    return PredConstraint(span=span, text=text, type="time", comparator="<=", numbers=[float(value)],
                          unit={"ucum": "d"}, reference=None, criterion=criterion, raw=raw)


def test_a_window_on_both_sides_of_one_anchor_is_scored_as_one_between():
    from extractor.eval.lct import GoldComparison, both_sides_windows, comparator_agrees
    merged = both_sides_windows([_side((0, 12), "day -10 pre-", 10, "before"), _side((16, 23), "day +30", 30, "after")])
    assert len(merged) == 1
    one = merged[0]
    assert one.span == (0, 23) and one.comparator == "between" and one.numbers == [-10.0, 30.0]
    gold = GoldComparison("E1", (0, 23), "day -10 pre- to day +30", [-10.0, 30.0], {"between"}, ["d", "d"], True)
    assert comparator_agrees(gold, one)
    # spans written without a sign keep their numbers ("between 7 days before and 30 days after")
    merged = both_sides_windows([_side((0, 14), "between 7 days", 7, "before"), _side((26, 33), "30 days", 30, "after")])
    assert merged[0].numbers == [7.0, 30.0]


def test_constraints_that_are_no_window_on_both_sides_stay_apart():
    from extractor.eval.lct import both_sides_windows
    plain = ("num.digits", "rel.before")
    cases = [
        [_side((0, 7), "7 days", 7, "before", rules=plain), _side((10, 17), "30 days", 30, "after", rules=plain)],
        [_side((0, 7), "7 days", 7, "before"), _side((10, 17), "30 days", 30, "after", event_span=(50, 60))],
        [_side((0, 7), "7 days", 7, "before"), _side((10, 17), "30 days", 30, "after", criterion="c2")],
        [_side((0, 7), "7 days", 7, "after"), _side((10, 17), "30 days", 30, "before")],
    ]
    for preds in cases:
        assert both_sides_windows(preds) == preds
