"""The negation silver-review draw (tools/negation_silver_sample.py), on made-up records."""
import json

from tools.negation_silver_sample import draw


def _record(doc_id, texts, fmt="euctr-text"):
    return {"document": {"id": doc_id, "source": {"format": fmt}},
            "criteria": [{"id": f"c{i}", "text": t, "negated": t.startswith("No "), "kind": "exclusion"}
                         for i, t in enumerate(texts)]}


def test_a_criterion_repeated_in_records_of_one_trial_is_drawn_once(tmp_path):
    path = tmp_path / "raw.jsonl"
    texts = ["No prior chemotherapy at all", "Active hepatitis B infection", "Patients not pregnant now"]
    records = [_record("2021-002179-21", texts) for _ in range(5)]          # one trial, five states
    records += [_record("2020-001111-11", ["No prior chemotherapy at all"])]  # the same text, another trial
    records += [_record("NCT01234567", ["No active infection here"], fmt="ctgov-xml")]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    got = draw([str(path)], "s/", {"negated": 10, "worded": 10, "other": 10})
    keys = [(doc, crit["id"], name) for name, doc, crit in got]
    assert sorted(keys) == sorted([("2021-002179-21", "c0", "negated"), ("2020-001111-11", "c0", "negated"),
                                   ("2021-002179-21", "c2", "worded"), ("2021-002179-21", "c1", "other")])
    assert draw([str(path)], "s/", {"negated": 10, "worded": 10, "other": 10}) == got


def test_an_id_that_records_of_one_trial_give_to_several_texts_is_drawn_once(tmp_path):
    path = tmp_path / "raw.jsonl"
    records = [_record("2021-002179-21", ["Active hepatitis B infection"]),
               _record("2021-002179-21", ["Lymphocytes below 1.0 x 10^9/L"])]   # another state's list
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    got = draw([str(path)], "s/", {"negated": 10, "worded": 10, "other": 10})
    assert [(doc, crit["id"], crit["text"]) for _, doc, crit in got] == [
        ("2021-002179-21", "c0", "Active hepatitis B infection")]


def test_leave_out_takes_the_earlier_draw_out_and_fills_the_strata_from_the_rest(tmp_path):
    path = tmp_path / "raw.jsonl"
    texts = [f"No prior treatment number {i}" for i in range(8)] + [f"Active infection number {i}" for i in range(8)]
    path.write_text(json.dumps(_record("2020-001111-11", texts)) + "\n", encoding="utf-8")
    sizes = {"negated": 3, "worded": 0, "other": 3}
    earlier = {(doc, crit["id"]) for _, doc, crit in draw([str(path)], "old/", sizes)}
    got = draw([str(path)], "new/", sizes, leave_out=("old/",))
    assert len(earlier) == 6 and len(got) == 6
    assert not earlier & {(doc, crit["id"]) for _, doc, crit in got}
    assert [name for name, _, _ in got] == ["negated"] * 3 + ["other"] * 3
    # the rest in the new salt's order: its whole ranking without the earlier draw
    ranking = draw([str(path)], "new/", {"negated": 8, "worded": 0, "other": 8})
    rest = [(name, doc, crit["id"]) for name, doc, crit in ranking if (doc, crit["id"]) not in earlier]
    assert [(name, doc, crit["id"]) for name, doc, crit in got] == \
        [x for x in rest if x[0] == "negated"][:3] + [x for x in rest if x[0] == "other"][:3]
