"""The LCT scorer's counts on a hand-made BRAT document with hand-made predictions."""
from __future__ import annotations

import pytest

from extractor.eval.brat import parse_ann
from extractor.eval.lct import LctScore, gold_comparisons
from extractor.eval.runner import run_eval

TEXT = (
    "Inclusion Criteria:\n"
    "- Age >= 18 years\n"
    "- Hemoglobin between 9 and 12 g/dL\n"
    "- ECOG performance status 0 or 1\n"
    "- Protocol version 2 consent\n"
    "Exclusion Criteria:\n"
    "- No chemotherapy within 4 weeks prior to registration\n"
    "- Creatinine > 1.5 x ULN\n"
    "- Other malignancy, except basal cell carcinoma\n"
)


def at(needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    return start, start + len(needle)


def t(ident: str, type_: str, needle: str) -> str:
    s, e = at(needle)
    return f"{ident}\t{type_} {s} {e}\t{needle}"


ANN = "\n".join([
    # G1: ">= 18 years", GTEQ, temporal unit year
    t("T1", "Eq-Comparison", ">= 18 years"), t("T2", "Eq-Operator", ">="),
    t("T3", "Eq-Value", "18"), t("T4", "Eq-Temporal-Unit", "years"),
    "E1\tEq-Comparison:T1 Operator:T2 Value:T3 Temporal-Unit:T4",
    "A1\tEq-Operator-Value T2 GTEQ", "A2\tEq-Temporal-Unit-Value T4 year",
    # G2: BETWEEN 9 and 12, unit g per dL (Value2 written before Value, as LCT sometimes does)
    t("T5", "Eq-Comparison", "between 9 and 12 g/dL"), t("T6", "Eq-Operator", "between"),
    t("T7", "Eq-Value", "9"), t("T8", "Eq-Value", "12"), t("T9", "Eq-Unit", "g"),
    f"T10\tEq-Unit {at('dL')[0]} {at('dL')[1]}\tdL",
    "E2\tEq-Comparison:T5 Value2:T7 Operator:T6 Value:T8 Unit:T9 Per:T10",
    "A3\tEq-Operator-Value T6 BETWEEN",
    # G3: "0 or 1" with no operator
    t("T11", "Eq-Comparison", "0 or 1"), t("T12", "Eq-Value", "0 "),
    f"T13\tEq-Value {at('0 or 1')[1] - 1} {at('0 or 1')[1]}\t1",
    "E3\tEq-Comparison:T11 Value:T12 Value2:T13",
    # G4: "within 4 weeks", LTEQ, temporal unit week
    t("T14", "Eq-Comparison", "within 4 weeks"), t("T15", "Eq-Operator", "within"),
    t("T16", "Eq-Value", "4"), t("T17", "Eq-Temporal-Unit", "weeks"),
    "E4\tEq-Comparison:T14 Operator:T15 Value:T16 Temporal-Unit:T17",
    "A4\tEq-Operator-Value T15 LTEQ", "A5\tEq-Temporal-Unit-Value T17 week",
    # G5: "> 1.5 x ULN", GT, unit ULN - nothing predicts it
    t("T18", "Eq-Comparison", "> 1.5 x ULN"), t("T19", "Eq-Operator", "> "),
    t("T20", "Eq-Value", "1.5"), t("T21", "Eq-Unit", "ULN"),
    "E5\tEq-Comparison:T18 Operator:T19 Value:T20 Unit:T21",
    "A6\tEq-Operator-Value T19 GT",
    # a comparison with only a period: not numeric, never scored
    t("T22", "Eq-Comparison", "prior"), t("T23", "Eq-Temporal-Period", "prior"),
    "E6\tEq-Comparison:T22 Temporal-Period:T23",
    # negation cue and an exception with its excepted condition
    t("T24", "Negation", "No"),
    t("T25", "Exception", "except"), t("T26", "Condition", "basal cell carcinoma"),
    t("T27", "Condition", "Other malignancy"),
    "E7\tCondition:T26", "E8\tCondition:T27", "E9\tException:T25 From:E8 Except:E7",
])


def constraint(needle, comparator, type_="value", unit=None, nth=0, **numbers):
    s, e = at(needle, nth)
    return {"type": type_, "comparator": comparator, "text": needle, "span": [s, e],
            "unit": unit, "reference": None, **numbers}


def criterion(ident, line, constraints=(), negation=None, exceptions=()):
    s, e = at(line)
    out = {"id": ident, "kind": "unspecified", "parent": None, "text": line, "span": [s, e],
           "negated": negation is not None, "constraints": list(constraints),
           "exceptions": [{"text": x, "span": list(at(x))} for x in exceptions]}
    if negation:
        out["negation"] = {"text": negation, "span": list(at(negation))}
    return out


RECORD = {
    "document": {"text": TEXT},
    "criteria": [
        criterion("c1", "Age >= 18 years", [
            # P1: right comparator, value, unit
            constraint(">= 18 years", ">=", unit={"text": "years", "ucum": "a"}, value=18),
            # P6: a second prediction on the same gold item must not pair with it too
            constraint("18", "=", type_="time", value=18),
        ]),
        criterion("c2", "Hemoglobin between 9 and 12 g/dL", [
            # P2: right range, wrong unit ("g" must not agree with "mg")
            constraint("between 9 and 12 g/dL", "between", unit={"text": "mg/dL",
                                                                 "ucum": "mg/dL"}, low=9, high=12),
        ]),
        criterion("c3", "ECOG performance status 0 or 1", [
            # P3: pairs with the operator-less gold item: detection only
            constraint("0 or 1", "in", values=[0, 1]),
        ]),
        # P5: a number nobody annotated; the criterion is wrongly marked negated too
        {**criterion("c4", "Protocol version 2 consent", [
            constraint("version 2", "=", value=2)]), "negated": True},
        criterion("c5", "No chemotherapy within 4 weeks prior to registration", [
            # P4: paired, but '<' where gold says LTEQ
            constraint("within 4 weeks", "<", type_="time",
                       unit={"text": "weeks", "ucum": "wk"}, value=4),
        ], negation="No"),
        criterion("c6", "Creatinine > 1.5 x ULN"),
        criterion("c7", "Other malignancy, except basal cell carcinoma",
                  exceptions=["basal cell carcinoma"]),
    ],
}


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
    assert counts(result["negation.criterion"]) == (1, 1, 0)
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
