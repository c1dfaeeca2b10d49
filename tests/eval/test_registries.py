"""The registries scorer on a hand-made fixture, and every label line against its document."""
from __future__ import annotations

import hashlib
import numbers
from collections import Counter
from functools import lru_cache

import pytest

from extractor.eval import registries
from extractor.eval.corpora import corpora_root
from extractor.eval.predict import Predictor
from extractor.eval.runner import run_eval

TEXT = ("Inclusion Criteria:\n"
        "- Age >= 18 years\n"
        "- ECOG 0-1\n"
        "- Protocol version 2 signed\n"
        "- No chemotherapy within 4 weeks prior to registration\n"
        "- NYHA class III or IV\n"
        "- Creatinine < 1.5 x ULN\n"
        "- Prednisone = 5 mg\n")


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def at(phrase: str, **fields) -> dict:
    start = TEXT.index(phrase)
    return {"start": start, "end": start + len(phrase), "text": phrase, "reference": None,
            "unit": None, **fields}


def pred(phrase: str, **fields) -> dict:
    start = TEXT.index(phrase)
    unit = fields.pop("unit", None)
    return {"span": [start, start + len(phrase)], "text": phrase, "reference": None,
            "unit": {"text": unit, "ucum": unit} if unit else None, **fields}


GOLD = [
    at(">= 18 years", type="value", comparator=">=", value=18, unit="a"),            # strict hit
    at("0-1", type="value", comparator="between", low=0, high=1),                    # comparator off
    at("within 4 weeks prior to registration", type="time", comparator="<=", value=4,
       unit="wk", direction="before", event="registration"),                          # direction off
    at("III or IV", type="value", comparator="in", values=[3, 4], optional=True),
    at("< 1.5 x ULN", type="value", comparator="<", value=1.5, reference="ULN"),     # missed
    at("= 5 mg", type="value", comparator="=", value=5, unit="mg",
       unscored=["comparator"]),                                                      # hit: comparator not compared
]
PREDS = [
    pred(">= 18 years", type="value", comparator=">=", value=18, unit="a"),
    pred("0-1", type="value", comparator="in", values=[0, 1]),
    pred("within 4 weeks", type="time", comparator="<=", value=4, unit="wk", direction="after"),
    pred("III or IV", type="value", comparator="in", values=[3, 4]),                  # left out
    pred("version 2", type="value", comparator="=", value=2),                         # false alarm
    pred("5 mg", type="value", comparator=">=", value=5, unit="mg"),
]


def label(record: str, constraints: list[dict], text: str = TEXT) -> dict:
    return {"corpus_path": "fixture/export.csv", "record": record, "id": f"X-{record}",
            "registry": "X" if record != "row 2" else "Y", "format": "text",
            "text_sha256": sha(text), "constraints": constraints}


LABELS = [
    label("row 1", GOLD),
    # the labelled text differs from what the reader gives now: a failed document
    label("row 2", [at(">= 18 years", type="value", comparator=">=", value=18, unit="a")],
          text=TEXT + "changed"),
    # the file no longer holds this document
    label("row 3", [at("0-1", type="value", comparator="between", low=0, high=1)]),
]


def fixture_predictor(calls: list) -> Predictor:
    def records(path, wanted):
        calls.append((path, sorted(wanted)))
        criteria = [{"constraints": PREDS}]
        return [{"document": {"text": TEXT, "source": {"record": r}}, "criteria": criteria}
                for r in ("row 1", "row 2")]
    return Predictor(lambda text: {}, records_predict=records)


def test_fixture_counts(tmp_path):
    calls: list = []
    result = registries.evaluate("all", True, fixture_predictor(calls), LABELS, tmp_path)
    assert calls == [(str(tmp_path / "fixture/export.csv"), ["row 1", "row 2", "row 3"])]
    fields = result["fields"]
    strict, detection = fields["constraint.strict"], fields["constraint.detection"]
    # row 1: 5 required items; 6 predictions of which 1 overlaps the optional item
    # strict: hits ">= 18" and "= 5 mg"; the row-2 and row-3 items count as misses
    assert (strict["tp"], strict["fp"], strict["fn"]) == (2, 3, 5)
    assert (detection["tp"], detection["fp"], detection["fn"]) == (4, 1, 3)
    assert result["documents"] == 3 and result["failed_documents"] == 2
    assert any("text_sha256 mismatch" in n for n in result["notes"])
    assert any("X-row 3" in n and "not found" in n for n in result["notes"])
    assert fields["agreement.comparator"] == {"accuracy": 0.6667, "agree": 2, "pairs": 3}
    assert fields["agreement.direction"] == {"accuracy": 0.0, "agree": 0, "pairs": 1}
    assert fields["agreement.value"]["pairs"] == 4
    assert fields["registry.X.strict"]["fn"] == 4 and fields["registry.Y.strict"]["fn"] == 1
    kinds = Counter(e["error"] for e in result["errors"])
    assert kinds == {"mismatch": 2, "miss": 3, "false-alarm": 1}


def test_per_registry_rows_not_on_test(tmp_path):
    assert registries.split_of(LABELS[1]) == "test"     # "X-row 2" hashes to test
    result = registries.evaluate("test", False, fixture_predictor([]), LABELS, tmp_path)
    assert result["documents"] == 1 and result["fields"]["constraint.strict"]["fn"] == 1
    assert not any(name.startswith("registry.") for name in result["fields"])


def test_matching_prefers_the_strict_pair():
    # two predictions overlap one gold item: the agreeing one is paired, the other is a false alarm
    gold = [at(">= 18 years", type="value", comparator=">=", value=18, unit="a")]
    preds = [pred("Age >= 18 years", type="value", comparator="=", value=18, unit="a"),
             pred("18 years", type="value", comparator=">=", value=18, unit="a")]
    result = registries.score_document(gold, preds)
    assert (result["strict"].tp, result["strict"].fp, result["strict"].fn) == (1, 1, 0)


def test_errors_refused_on_test_split(monkeypatch, tmp_path):
    monkeypatch.setattr(registries, "check_available", lambda: None)
    monkeypatch.setattr(registries, "load_labels", lambda folder=None: LABELS)
    monkeypatch.setattr(registries, "corpora_root", lambda: tmp_path)
    result = run_eval("registries", "test", True, fixture_predictor([]))
    assert result["errors"] is None and "refused" in result["notes"][0]


# -- the label files themselves ------------------------------------------------------------

REQUIRED = {"corpus_path", "record", "id", "registry", "format", "text_sha256", "constraints"}
ITEM_REQUIRED = {"start", "end", "text", "type", "comparator", "unit", "reference"}
ITEM_KEYS = ITEM_REQUIRED | {"value", "low", "high", "values", "low_inclusive",
                             "high_inclusive", "direction", "event", "subject", "optional",
                             "unscored", "note"}


def is_number(x) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def check_item(item: dict) -> None:
    assert ITEM_REQUIRED <= set(item) and set(item) <= ITEM_KEYS, item
    assert item["type"] in ("value", "time", "duration")
    assert isinstance(item["start"], int) and isinstance(item["end"], int)
    assert item["start"] < item["end"]
    comparator = item["comparator"]
    if comparator == "between":
        assert is_number(item["low"]) and is_number(item["high"]), item
    elif comparator == "in":
        assert item["values"] and all(is_number(v) for v in item["values"]), item
    else:
        assert comparator in (">", ">=", "<", "<=", "="), item
        assert is_number(item["value"]), item
    assert item["unit"] is None or isinstance(item["unit"], str)
    assert item["reference"] in (None, "ULN", "LLN", "baseline", "normal")
    if item["type"] == "duration":
        assert item.get("direction") is None and item.get("event") is None, item
    if item["type"] == "time":
        assert item.get("direction") in ("before", "after", None), item
    assert set(item.get("unscored") or ()) <= {"comparator", "value", "unit", "reference",
                                                "direction"}
    assert item.get("optional", False) in (True, False)


def test_label_lines_are_well_formed():
    labels = registries.load_labels()
    assert len(labels) >= 165   # labels-a to labels-e
    keys = Counter((lab["id"], lab["record"], lab["corpus_path"]) for lab in labels)
    assert max(keys.values()) == 1
    for lab in labels:
        assert REQUIRED <= set(lab), lab.get("id")
        for item in lab["constraints"]:
            check_item(item)


@lru_cache(maxsize=None)
def _texts(path: str) -> dict:
    import extractor
    return {getattr(s, "record", None): s.text for s in extractor.Extractor().read(path)
            if hasattr(s, "text")}


def test_label_spans_equal_the_document_text():
    root = corpora_root()
    labels = registries.load_labels()
    if not any((root / lab["corpus_path"]).is_file() for lab in labels):
        pytest.skip("shared corpora absent")
    for lab in labels:
        texts = _texts(str(root / lab["corpus_path"]))
        assert lab["record"] in texts, (lab["id"], lab["record"])
        text = texts[lab["record"]]
        assert sha(text) == lab["text_sha256"], lab["id"]
        for item in lab["constraints"]:
            assert text[item["start"]:item["end"]] == item["text"], (lab["id"], item["text"])


def test_a_count_of_listed_items_is_left_out_unless_labelled():
    text = "At least one of the following: fever, cough. At least 2 cycles of therapy. Hb >= 9 g/dL"
    record = {"document": {"text": text}}

    def count(phrase, **fields):
        start = text.index(phrase)
        return {"span": [start, start + len(phrase)], "text": phrase, "type": "value",
                "comparator": ">=", "reference": None, "unit": None, **fields}

    preds = [count("At least one", value=1), count("At least 2", value=2),
             count(">= 9 g/dL", value=9, unit={"text": "g/dL", "ucum": "g/dL"})]
    # only the count followed by "of the following" is criterion logic
    assert registries.logic_counts(record, preds) == {0}
    result = registries.score_document([], preds, counts=registries.logic_counts(record, preds))
    assert (result["strict"].fp, result["detection"].fp) == (2, 2)
    # labelled anyway, it is scored like any item
    gold = [{"start": 0, "end": 12, "text": "At least one", "type": "value", "comparator": ">=",
             "value": 1, "reference": None, "unit": None}]
    result = registries.score_document(gold, preds, counts={0})
    assert (result["strict"].tp, result["strict"].fp) == (1, 2)


def test_a_count_before_of_and_a_colon_counts_listed_items():
    text = "Requiring organ support with one or more of: ventilation, vasopressors. One or more of the patient's relatives"
    record = {"document": {"text": text}}
    first, second = text.index("one or more"), text.index("One or more")
    preds = [{"span": [s, s + 11], "text": text[s:s + 11], "type": "value", "comparator": ">=", "value": 1,
              "reference": None, "unit": None} for s in (first, second)]
    # "of:" opens a list; "of the patient's relatives" names what is counted
    assert registries.logic_counts(record, preds) == {0}


def test_a_count_with_its_noun_before_of_the_following_counts_listed_items():
    text = "Tried agents of at least three classes of the following: 1. Verapamil. At least 2 cycles following surgery"
    record = {"document": {"text": text}}
    first, second = text.index("at least three"), text.index("At least 2")
    preds = [{"span": [first, first + 14], "text": "at least three", "type": "value", "comparator": ">=", "value": 3,
              "reference": None, "unit": None},
             {"span": [second, second + 10], "text": "At least 2", "type": "value", "comparator": ">=", "value": 2,
              "reference": None, "unit": None}]
    # the counted noun before "of the following"; a noun before a bare "following" counts no list
    assert registries.logic_counts(record, preds) == {0}


def test_only_the_named_label_files_are_read(tmp_path):
    for letter, ident in (("a", "X1"), ("j", "X2")):
        (tmp_path / f"labels-{letter}.jsonl").write_text(
            '{"id": "%s", "constraints": []}\n' % ident, encoding="utf-8")
    assert [lab["id"] for lab in registries.load_labels(tmp_path)] == ["X1", "X2"]
    assert [lab["id"] for lab in registries.load_labels(tmp_path, only={"j"})] == ["X2"]
    assert registries.load_labels(tmp_path, only={"k"}) == []
    with pytest.raises(ValueError):
        run_eval("lct", "dev", False, lambda text: {}, labels={"j"})
