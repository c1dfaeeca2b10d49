"""A hand-made LCT-style document: text, BRAT annotation and a predicted record.

Gold comparisons: G1 ">= 18 years" (GTEQ, years), G2 "between 9 and 12 g/dL" (BETWEEN, g per
dL), G3 "0 or 1" (no operator), G4 "within 4 weeks" (LTEQ, weeks), G5 "> 1.5 x ULN" (GT, ULN),
plus a period-only comparison, a negation cue and an exception.
"""
from __future__ import annotations

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
