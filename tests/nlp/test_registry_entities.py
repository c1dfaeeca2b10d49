"""The project's entity labels of registry criteria (registry_entities.py, corpora/entities/):
well-formed or refused at load, tied to the pinned texts by digest, and joined to the model's
training in place of the teachers' silver without changing what the teachers are trained on."""
from __future__ import annotations

import json

import pytest

from extractor import registry_entities as re_
from extractor import unlabelled_pin as up
from extractor.errors import RuleFileError
from extractor.nlp import entity_training as et

TEXT = "Prior chemotherapy for breast cancer"


def _row(**changes):
    row = {"pin": 0, "md5": up.digest(TEXT), "part": "train",
           "entities": [[6, 18, "procedure"], [23, 36, "condition"]]}
    row.update(changes)
    return row


def _write(tmp_path, rows):
    path = tmp_path / "registry.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_well_formed_file_gives_the_spans_of_its_part(tmp_path):
    rows = re_.load(_write(tmp_path, [_row(), _row(pin=1, md5=up.digest("HIV"), part="test",
                                                    entities=[[0, 3, "condition"]])]))
    assert re_.items([TEXT, "HIV"], "train", rows) == [
        (TEXT, [(6, 18, "procedure"), (23, 36, "condition")])]
    assert re_.items([TEXT, "HIV"], "test", rows) == [("HIV", [(0, 3, "condition")])]


@pytest.mark.parametrize("row, message", [
    (_row(entities=[[6, 18, "procedure"], [10, 20, "condition"]]), "overlapping"),
    (_row(entities=[[23, 36, "condition"], [6, 18, "procedure"]]), "out of order"),
    (_row(entities=[[6, 6, "procedure"]]), "empty"),
    (_row(entities=[[6, 18, "medicine"]]), "entities/0/2"),
    (_row(part="dev"), "/part"),
    (_row(md5="xyz"), "/md5"),
])
def test_a_malformed_line_is_refused_at_load(tmp_path, row, message):
    with pytest.raises(RuleFileError, match=message):
        re_.load(_write(tmp_path, [row]))


def test_a_criterion_labelled_twice_is_refused(tmp_path):
    with pytest.raises(RuleFileError, match="labelled twice"):
        re_.load(_write(tmp_path, [_row(), _row()]))


def test_a_text_that_is_not_the_one_labelled_is_refused(tmp_path):
    rows = re_.load(_write(tmp_path, [_row()]))
    with pytest.raises(RuleFileError, match="not the text labelled"):
        re_.items(["Prior radiotherapy for breast cancer"], "train", rows)
    with pytest.raises(RuleFileError, match="not the text labelled"):
        re_.items([], "train", rows)


def test_the_shipped_labels_are_the_pinned_texts_they_name():
    """Every labelled criterion is read back from the corpora (its file only) and is the text
    labelled; both parts are there and every span is on the text."""
    from extractor.eval import registry_entities as ev
    from extractor.eval.corpora import CorpusMissing

    rows = re_.load()
    assert {r["part"] for r in rows} == {"train", "test"}
    try:
        ev.check_available()
        docs = ev.documents("all")
    except CorpusMissing as exc:
        pytest.skip(str(exc))
    assert len(docs) == len(rows) and sum(r["part"] == "test" for r in rows) >= 1600
    for _, text, spans in docs:
        assert all(text[s:e] == text[s:e].strip() and e <= len(text) for s, e, _ in spans)


GOLD = [("Diabetes mellitus type 2", [(0, 17, "condition")]),
        ("No prior chemotherapy", [(9, 21, "procedure")])] * 6
HELD = GOLD[:2]


def test_extra_lines_replace_their_silver_and_join_both_phases(tmp_path, monkeypatch):
    seen = {}

    def phases(nlp, train_items, finetune_items, patience):
        seen["train"], seen["finetune"] = list(train_items), list(finetune_items or [])
        return [("all", et._examples(nlp, train_items)[0], patience)], 0

    monkeypatch.setattr(et, "_phases", phases)
    extra = [("stroke", [(0, 6, "condition")])]
    et.train(tmp_path / "m", GOLD, HELD, None, log=lambda _: None, max_epochs=1, patience=1,
             finetune_items=GOLD[:2], silver_texts=["stroke", "prior radiotherapy"], teachers=1,
             extra_items=extra)
    texts = [t for t, _ in seen["train"]]
    assert texts.count("stroke") == 1 and ("stroke", [(0, 6, "condition")]) in seen["train"]
    assert "prior radiotherapy" in texts
    assert extra[0] in seen["finetune"]


def test_eval_scores_the_test_part_against_what_is_predicted():
    """`extractor eval registry-entities`: a predictor that returns the labels scores 1, one
    that finds nothing scores no hit and misses every span; the test and dev parts are apart."""
    from extractor.eval import registry_entities as ev
    from extractor.eval.corpora import CorpusMissing
    from extractor.eval.runner import run_eval

    try:
        ev.check_available()
        docs = ev.documents("test")
    except CorpusMissing as exc:
        pytest.skip(str(exc))
    gold = {text: spans for _, text, spans in docs}
    assert len(docs) == 1600 and not {d for d, _, _ in docs} & {d for d, _, _ in ev.documents("dev")}

    def perfect(text):
        ents = [{"span": [s, e], "label": lab, "text": text[s:e]} for s, e, lab in gold[text]]
        return {"document": {"text": text}, "criteria": [{"entities": ents}]}

    result = run_eval("registry-entities", "test", predict=perfect)
    assert result["documents"] == 1600
    assert result["fields"]["entities.exact.micro5"]["f1"] == 1.0
    nothing = run_eval("registry-entities", "test",
                       predict=lambda text: {"document": {"text": text}, "criteria": []})
    micro = nothing["fields"]["entities.exact.micro5"]
    assert micro["tp"] == 0 and micro["fn"] == sum(
        1 for spans in gold.values() for _, _, lab in spans
        if lab in ("condition", "drug", "procedure", "measurement", "observation"))


def test_the_command_passes_the_flag_and_stops_on_labels_that_do_not_match(monkeypatch, capsys):
    from extractor import training
    from extractor.cli import main

    seen = []

    def fake(out, log, vectors, pretrain, teachers, keep_teachers, registry):
        seen.append(registry)
        if registry:
            raise RuleFileError("registry.jsonl: pinned criterion 7 is not the text labelled")
        return {}

    monkeypatch.setattr(training, "train", fake)
    assert main(["train", "--no-vectors", "--teachers", "0", "-o", "unused"]) == 0
    assert main(["train", "--no-vectors", "--teachers", "0", "--registry-labels", "-o", "unused"]) == 2
    assert seen == [False, True] and "not the text labelled" in capsys.readouterr().err
