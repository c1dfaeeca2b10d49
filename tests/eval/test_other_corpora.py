"""Chia, LCT logical forms and NCI CTS scoring on hand-made documents, and the command line."""
from __future__ import annotations

import json

from extractor.eval import main_eval
from extractor.eval.brat import parse_ann
from extractor.eval.chia import ChiaScore
from extractor.eval.lct_logical import parse
from extractor.eval.nci_cts import gold_units, score_record
from extractor.eval.predict import Predictor
from extractor.eval.runner import run_eval

from .lct_fixture import ANN, RECORD, TEXT

CHIA_TEXT = ("Age greater than or equal to 18 years \n"
             "No prior chemotherapy within 6 months \n"
             "Biopsy proven cancer \n")


def span(needle: str) -> tuple[int, int]:
    s = CHIA_TEXT.index(needle)
    return s, s + len(needle)


def chia_ann() -> str:
    rows = []
    for i, (type_, needle) in enumerate([
            ("Value", "equal to 18 years"), ("Temporal", "within 6 months"),
            ("Value", "proven"), ("Negation", "No")], 1):
        s, e = span(needle)
        rows.append(f"T{i}\t{type_} {s} {e}\t{needle}")
    # Chia's split comparator: "greater than ... 18 years" over the same number
    a, b = span("greater than")[0], span("or equal")[0] - 1
    c, d = span("18 years")
    rows.append(f"T5\tValue {a} {b};{c} {d}\tgreater than 18 years")
    rows.append("T6\tTemporal 0 3\tXYZ")  # offset drift: text differs from the file
    return "\n".join(rows)


def chia_record(negated_line: bool = True) -> dict:
    def k(needle, type_, value):
        s, e = span(needle)
        return {"type": type_, "comparator": ">=", "value": value, "text": needle,
                "span": [s, e], "unit": None}

    lines = CHIA_TEXT.split("\n")
    first, second = span(lines[0]), span(lines[1])
    return {"document": {"text": CHIA_TEXT}, "criteria": [
        {"id": "c1", "text": lines[0], "span": list(first), "negated": False,
         "constraints": [k("greater than or equal to 18 years", "value", 18)]},
        {"id": "c2", "text": lines[1], "span": list(second), "negated": negated_line,
         "negation": {"text": "No", "span": list(span("No"))},
         "constraints": [k("6 months", "time", 6), k("No prior", "value", 1)]},
    ]}


def test_chia_counts():
    score = ChiaScore()
    score.score("x_inc", CHIA_TEXT, parse_ann(chia_ann()), chia_record())
    f = {k: (v.tp, v.fp, v.fn) for k, v in score.fields.items()}
    # the two overlapping 18-year Values are one target; "proven" has no number; the drifted
    # annotation is dropped; "No prior" = 1 writes no number (an implicit value, like "within
    # the past month"), so it is not scored
    assert f["constraint.detection"] == (2, 0, 0)
    assert f["value"] == (1, 0, 0) and f["temporal"] == (1, 0, 0)
    assert f["negation.cue"] == (1, 0, 0) and f["negation.criterion"] == (1, 0, 0)
    assert score.drifted == 1


def test_logical_form_parse():
    item = parse("'EXC'\n\n'-  BMI 25 - 35 kg / m 2 and age > 18'\n\n'tagged'\n\n"
                 'vital("BMI").num_filter(eq(val("25"), op(BETWEEN), val("35"), unit("kg")))'
                 '.and(age().num_filter(eq(op(GT), val("18"))))\n'
                 'cond("x").temporality(eq(val("six"), temporal_unit(MONTH)))')
    assert item["kind"] == "exclusion" and item["text"].startswith("-  BMI 25")
    assert [t["comparators"] for t in item["terms"]] == [{"between"}, {">"}, set()]
    assert item["numbers"] == [25, 35, 18, 6]


def test_logical_forms_end_to_end(tmp_path, monkeypatch):
    folder = tmp_path / "corpora" / "lct" / "leaf_logical_forms" / "annotator_1" / "batch1"
    folder.mkdir(parents=True)
    (folder / "NCT9_1.js").write_text(
        "'INC'\n\n'Age > 18 and BMI < 30'\n\n'x'\n\n"
        'age().num_filter(eq(op(GT), val("18"))).and(eq(op(LT), val("30")))\n')
    monkeypatch.setenv("EXTRACTOR_SHARED", str(tmp_path))

    def predict(text):
        return {"criteria": [{"id": "c1", "kind": "unspecified", "constraints": [
            {"type": "value", "comparator": ">", "value": 18, "span": [4, 8]},
            {"type": "value", "comparator": "<=", "value": 30, "span": [17, 21]},
            {"type": "value", "comparator": "=", "value": 7, "span": [0, 1]}]}]}

    result = run_eval("lct-logical", "all", False, predict)
    fields = result["fields"]
    assert (fields["numbers"]["tp"], fields["numbers"]["fp"], fields["numbers"]["fn"]) == (2, 1, 0)
    exact = fields["comparison.exact"]
    assert (exact["tp"], exact["fp"], exact["fn"]) == (1, 2, 1)
    assert fields["kind"]["undecided"] == 1 and fields["kind"]["accuracy"] is None


def test_nci_units_and_scores():
    desc = "HIV positive, by any of:\r\n* viral load\r\n* antibody test\r\n  confirmed twice"
    assert gold_units(desc) == ["hiv positive, by any of", "viral load",
                                "antibody test confirmed twice"]
    assert gold_units("Any of:\n** Pregnant\n* Nursing women\nThis study is risky.") == [
        "any of", "pregnant", "nursing women", "this study is risky"]
    gold = [{"kind": "inclusion", "text": desc},
            {"kind": "exclusion", "text": "Pregnant or nursing"}]
    record = {"criteria": [
        {"kind": "inclusion", "text": "HIV positive, by any of:"},
        {"kind": "inclusion", "text": "viral load"},
        {"kind": "inclusion", "text": "antibody test"},
        {"kind": "inclusion", "text": "confirmed twice"},
        {"kind": "inclusion", "text": "Pregnant or nursing."},
    ]}
    seg, kind = score_record(gold, record)
    assert (seg.tp, seg.fp, seg.fn) == (3, 2, 1)
    assert (kind.tp, kind.fp, kind.fn) == (1, 1, 1)


def test_nci_a_list_written_on_its_criterion_s_line_is_one_unit():
    # NCI's unit is the item's line: a criterion with the children it wrote on that line ("... of:
    # (a) locally advanced disease; or (b) metastatic disease") counts as one unit with them
    text = "Progression of: (a) locally advanced disease; or (b) metastatic disease\nPregnant"
    gold = [{"kind": "inclusion", "text": text.split("\n")[0]}, {"kind": "inclusion", "text": "Pregnant"}]
    record = {"document": {"text": text}, "criteria": [
        {"id": "c1", "kind": "inclusion", "text": "Progression of:", "span": [0, 15], "children": ["c2", "c3"]},
        {"id": "c2", "kind": "inclusion", "text": "locally advanced disease;", "span": [20, 45], "children": []},
        {"id": "c3", "kind": "inclusion", "text": "metastatic disease", "span": [53, 71], "children": []},
        {"id": "c4", "kind": "inclusion", "text": "Pregnant", "span": [72, 80], "children": []},
    ]}
    seg, _ = score_record(gold, record)
    assert (seg.tp, seg.fp, seg.fn) == (2, 0, 0)
    # children on lines of their own are units of their own, as NCI's sub-bullets are
    gold = [{"kind": "inclusion", "text": "Progression of:\n* locally advanced disease;\n* metastatic disease"}]
    seg, _ = score_record(gold, {"document": {"text": text}, "criteria": record["criteria"][:3]})
    assert (seg.tp, seg.fp, seg.fn) == (3, 0, 0)


def test_cli_json_and_test_split_refusal(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "corpora" / "lct" / "leaf_clinical_trials" / "batch15"
    folder.mkdir(parents=True)
    (folder / "NCT1.txt").write_text(TEXT, encoding="utf-8")
    (folder / "NCT1.ann").write_text(ANN, encoding="utf-8")
    monkeypatch.setenv("EXTRACTOR_SHARED", str(tmp_path))
    # the command line always uses the library; stand a fixed record in for it
    monkeypatch.setattr("extractor.eval.runner.as_predictor",
                        lambda predict: Predictor(lambda text: RECORD))
    assert main_eval(["lct", "--split", "test", "--errors", "--json"]) == 0
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert result["split"] == "test" and result["errors"] is None
    assert result["fields"]["comparison.detection"]["tp"] == 4
    assert "only honoured for --split dev" in captured.err
    assert main_eval(["lct", "--split", "test"]) == 0
    assert "comparison.exact" in capsys.readouterr().out


def test_chia_doses_count_as_values():
    text = "fluoxetine 80 mg/day \n"
    ann = parse_ann("T1\tMultiplier 11 20\t80 mg/day\nT2\tDrug 0 10\tfluoxetine\n")
    record = {"document": {"text": text}, "criteria": [
        {"id": "c1", "text": text.strip(), "span": [0, 20], "negated": False, "constraints": [
            {"type": "value", "comparator": "=", "value": 80, "span": [11, 20],
             "text": "80 mg/day"}]}]}
    score = ChiaScore()
    score.score("d", text, ann, record)
    assert (score.fields["value"].tp, score.fields["value"].fp) == (1, 0)


def test_chia_exception_cues_and_unannotated_lines():
    """Chia's Negation on "other than" is an exception (the record's `exceptions`), and a line
    marked only with an error class ("Informed consent") was not annotated: out of the scores."""
    text = ("History of cancer other than basal cell carcinoma \n"
            "No informed consent \n"
            "No active infection \n")
    at = text.index
    cue, consent, no = at("other than"), at("No informed consent"), at("No active")
    ann = parse_ann(
        f"T1\tNegation {cue} {cue + 10}\tother than\n"
        f"T2\tInformed_consent {consent} {consent + 19}\tNo informed consent\n"
        f"T3\tNegation {no} {no + 2}\tNo\n"
        f"T4\tCondition {no + 3} {no + 19}\tactive infection\n")
    lines = [(0, 49), (consent, consent + 19), (no, no + 19)]
    excepted = at("basal")

    def crit(i, negated, cue_at=None, exceptions=()):
        c = {"id": f"c{i}", "text": text[lines[i][0]:lines[i][1]], "span": list(lines[i]),
             "negated": negated, "exceptions": [{"span": list(s)} for s in exceptions]}
        if cue_at is not None:
            c["negation"] = {"text": "No", "span": [cue_at, cue_at + 2]}
        return c

    record = {"document": {"text": text}, "criteria": [
        crit(0, False, exceptions=[(excepted, 49)]), crit(1, True, consent), crit(2, True, no)]}
    score = ChiaScore()
    score.score("x_exc", text, ann, record)
    f = {k: (v.tp, v.fp, v.fn) for k, v in score.fields.items()}
    assert f["negation.criterion"] == (1, 0, 0) and f["negation.cue"] == (1, 0, 0)
    assert f["exception"] == (1, 0, 0)
    # the same criterion read as a negation is a false alarm, and a missed exception a miss
    record["criteria"][0].update(negated=True, negation={"text": "other than", "span": [cue, cue + 10]},
                                 exceptions=[])
    score = ChiaScore()
    score.score("x_exc", text, ann, record)
    f = {k: (v.tp, v.fp, v.fn) for k, v in score.fields.items()}
    assert f["negation.criterion"] == (1, 1, 0) and f["exception"] == (0, 0, 1)


def test_bare_lines_are_out_where_a_corpus_annotated_only_some_lines():
    """The COVID-19 corpus (extractor/eval/covid.py) left about a quarter of its lines without any
    annotation: with `bare_lines_out` a constraint found on such a line is neither found nor false;
    Chia's own scoring keeps it a false alarm."""
    text = "Age 18 years or older \nPlatelets > 100,000/mm3 \n"
    at = text.index
    age = at("18 years or older")
    ann = parse_ann(f"T1\tValue {age} {age + 17}\t18 years or older\n"
                    f"T2\tPerson {at('Age')} {at('Age') + 3}\tAge\n")

    def k(needle, value):
        s = at(needle)
        return {"type": "value", "comparator": ">=", "value": value, "text": needle,
                "span": [s, s + len(needle)], "unit": None}

    record = {"document": {"text": text}, "criteria": [
        {"id": "c1", "text": text[:21], "span": [0, 21], "negated": False,
         "constraints": [k("18 years or older", 18)]},
        {"id": "c2", "text": text[23:47], "span": [23, 47], "negated": False,
         "constraints": [k("> 100,000/mm3", 100000)]}]}
    for bare_out, expected in ((False, (1, 1, 0)), (True, (1, 0, 0))):
        score = ChiaScore(bare_out)
        score.score("x", text, ann, record)
        assert (lambda c: (c.tp, c.fp, c.fn))(score.fields["constraint.detection"]) == expected
