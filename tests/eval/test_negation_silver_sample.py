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
