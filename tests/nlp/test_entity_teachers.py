"""Training from teachers (nlp/entity_training.py): the spans most teachers agree on label the
unlabelled texts, overlapping spans are settled by votes then length, and the same data give
the same silver and the same model."""
from __future__ import annotations

from extractor.nlp import entity_training as et

GOLD = [("Diabetes mellitus type 2", [(0, 17, "condition")]),
        ("No prior chemotherapy", [(9, 21, "procedure")]),
        ("Hemoglobin > 9 g/dL", [(0, 10, "measurement")]),
        ("History of stroke", [(11, 17, "condition")])] * 6
HELD = GOLD[:4]
UNLABELLED = ["Type 1 diabetes mellitus", "prior radiotherapy", "Hemoglobin < 8 g/dL", "stroke"]


def _quiet(_line):
    pass


def test_a_span_needs_the_votes():
    a, b, c = (0, 5, "drug"), (10, 15, "condition"), (20, 25, "procedure")
    assert et.vote([[a, b], [a], [a, c]], 2) == [a]
    assert et.vote([[a, b], [a], [a, c]], 1) == [a, b, c]
    assert et.vote([[a, b], [a], [a, c]], 3) == [a]
    assert et.vote([[], [], []], 2) == []


def test_a_span_listed_twice_by_one_teacher_is_one_vote():
    a = (0, 5, "drug")
    assert et.vote([[a, a], []], 2) == []


def test_overlaps_go_to_more_votes_then_the_longer_span():
    short, long_, other = (0, 8, "condition"), (0, 17, "condition"), (0, 17, "drug")
    # more votes win over length
    assert et.vote([[short], [short], [long_]], 1) == [short]
    # equal votes: the longer span
    assert et.vote([[short], [long_]], 1) == [long_]
    # same span, two labels, equal votes: one of them, the same every time
    assert et.vote([[long_], [other]], 1) == et.vote([[other], [long_]], 1)
    assert len(et.vote([[long_], [other]], 1)) == 1
    # spans that do not overlap both stay
    assert et.vote([[(0, 3, "drug")], [(3, 6, "drug")]], 1) == [(0, 3, "drug"), (3, 6, "drug")]


def test_silver_is_the_teachers_majority_and_reproducible():
    items, stats = et.silver(UNLABELLED, None, GOLD, None, HELD, 3, log=_quiet, max_epochs=2,
                             patience=1)
    assert [text for text, _ in items] == UNLABELLED
    assert [s["seed"] for s in stats] == [et.SEED + 1, et.SEED + 2, et.SEED + 3]
    for text, spans in items:
        for start, end, label in spans:
            assert 0 <= start < end <= len(text) and label in et.labels()
    again, _ = et.silver(UNLABELLED, None, GOLD, None, HELD, 3, log=_quiet, max_epochs=2, patience=1)
    assert again == items


def test_training_with_teachers_writes_a_model_and_says_so(tmp_path):
    stats = et.train(tmp_path / "model", GOLD, HELD, None, log=_quiet, max_epochs=2, patience=1,
                     silver_texts=UNLABELLED, teachers=2, keep_teachers=tmp_path / "teachers")
    assert stats["silver_lines"] == len(UNLABELLED)
    assert [t["seed"] for t in stats["teachers"]] == [et.SEED + 1, et.SEED + 2]
    assert (tmp_path / "model" / "ner" / "model").is_file()
    assert sorted(p.name for p in (tmp_path / "teachers").iterdir()) == [
        f"teacher-{et.SEED + 1}", f"teacher-{et.SEED + 1}.labels.json.gz",
        f"teacher-{et.SEED + 2}", f"teacher-{et.SEED + 2}.labels.json.gz"]
    plain = et.train(tmp_path / "plain", GOLD, HELD, None, log=_quiet, max_epochs=2, patience=1)
    assert plain["silver_lines"] == 0 and plain["teachers"] == []


def test_the_command_refuses_a_negative_number_of_teachers(capsys):
    from extractor.cli import main

    assert main(["train", "--teachers", "-1", "-o", "unused"]) == 2
    assert "--teachers" in capsys.readouterr().err


def test_kept_teachers_are_read_back_and_give_the_same_silver(tmp_path):
    lines = []
    first, stats = et.silver(UNLABELLED, None, GOLD, None, HELD, 2, log=lines.append, max_epochs=2,
                             patience=1, keep=tmp_path)
    assert not any("read back" in line for line in lines)
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert kept == [f"teacher-{et.SEED + 1}", f"teacher-{et.SEED + 1}.labels.json.gz",
                    f"teacher-{et.SEED + 2}", f"teacher-{et.SEED + 2}.labels.json.gz"]
    labels_bytes = (tmp_path / kept[1]).read_bytes()
    # a run stopped after the first teacher: the second is trained again, the first read back
    (tmp_path / kept[3]).unlink()
    lines.clear()
    again, stats_again = et.silver(UNLABELLED, None, GOLD, None, HELD, 2, log=lines.append,
                                   max_epochs=2, patience=1, keep=tmp_path)
    assert any(f"teachers [{et.SEED + 1}] read back" in line for line in lines)
    assert again == first and stats_again == stats
    assert (tmp_path / kept[1]).read_bytes() == labels_bytes
    assert (tmp_path / kept[3]).is_file()


def test_a_kept_teacher_of_other_data_is_trained_again(tmp_path):
    et.silver(UNLABELLED, None, GOLD, None, HELD, 1, log=_quiet, max_epochs=2, patience=1,
              keep=tmp_path)
    lines = []
    et.silver(UNLABELLED, None, GOLD, None, HELD[:3], 1, log=lines.append, max_epochs=2,
              patience=1, keep=tmp_path)
    assert not any("read back" in line for line in lines)
    # a labels file that is not whole is no teacher either
    path = tmp_path / f"teacher-{et.SEED + 1}.labels.json.gz"
    path.write_bytes(path.read_bytes()[:20])
    lines.clear()
    et.silver(UNLABELLED, None, GOLD, None, HELD[:3], 1, log=lines.append, max_epochs=2,
              patience=1, keep=tmp_path)
    assert not any("read back" in line for line in lines)
