"""The pinned unlabelled criteria of the entity model's training (unlabelled_pin.py): written the
same way every time, read back exactly or refused, and the shipped pin read back from the
corpora as it was written."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from extractor import unlabelled_pin as up
from extractor.errors import RuleFileError
from extractor.ingest.source import Source

DOCS = {"a/one.txt": ["Inclusion:\n- Age 18   or older\n- ECOG 0-1", "Exclusion:\n- Pregnancy"],
        "b/two.txt": ["- Prior  chemotherapy\n- HIV"]}


def _entries():
    """(path, document, start, end, text) of some criteria of DOCS, in training order."""
    out = []
    for path, docs in DOCS.items():
        for index, text in enumerate(docs):
            at = 0
            for line in text.split("\n"):
                if line.startswith("- "):
                    out.append((path, index, at + 2, at + len(line), up.normalized(line[2:])))
                at += len(line) + 1
    return out


def _read(root: Path, excluded_doc: tuple[str, int] | None = None):
    """A stand-in for Extractor.read over DOCS written under `root`."""
    def read(path: str):
        rel = Path(path).relative_to(root).as_posix()
        return [Source(text=t, format="text", path=path, sha256="0",
                       doc_id="NCT00000001" if (rel, i) == excluded_doc else None)
                for i, t in enumerate(DOCS[rel])]
    return read


@pytest.fixture
def corpus(tmp_path):
    for path, docs in DOCS.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("\n\n".join(docs), encoding="utf-8")
    return tmp_path


def test_written_pin_loads_and_reads_back_in_order(corpus, tmp_path):
    pin = up.build(_entries(), ["a", "b"], "test")
    out = tmp_path / "pin" / "criteria.json.gz"
    up.write(pin, out)
    assert up.load(out) == pin
    texts = up.read_back(up.load(out), corpus, _read(corpus), set(), log=lambda _: None)
    assert texts == ["Age 18 or older", "ECOG 0-1", "Pregnancy", "Prior chemotherapy", "HIV"]
    assert pin["files"] == ["a/one.txt", "b/two.txt"]
    assert pin["criteria"][2][:4] == [0, 1, 13, 22]


def test_the_same_pin_gives_the_same_bytes(tmp_path):
    pin = up.build(_entries(), ["a", "b"], "test")
    up.write(pin, tmp_path / "1.json.gz")
    up.write(json.loads(json.dumps(pin)), tmp_path / "2.json.gz")
    assert (tmp_path / "1.json.gz").read_bytes() == (tmp_path / "2.json.gz").read_bytes()


def test_a_changed_text_is_refused(corpus):
    pin = up.build(_entries(), ["a", "b"], "test")
    pin["criteria"][1][3] -= 1          # "ECOG 0-" in place of "ECOG 0-1"
    with pytest.raises(up.PinMismatch, match="1 of 5 pinned .* the text differs"):
        up.read_back(pin, corpus, _read(corpus), set(), log=lambda _: None)


def test_a_missing_file_or_document_is_refused(corpus):
    pin = up.build(_entries(), ["a", "b"], "test")
    (corpus / "b" / "two.txt").unlink()
    with pytest.raises(up.PinMismatch, match="b/two.txt: absent"):
        up.read_back(pin, corpus, _read(corpus), set(), log=lambda _: None)
    pin = up.build(_entries(), ["a", "b"], "test")
    pin["criteria"][0][1] = 5
    with pytest.raises(up.PinMismatch, match="document 5: not read"):
        up.read_back(pin, corpus, _read(corpus), set(), log=lambda _: None)


def test_a_test_split_trial_is_never_read_back(corpus):
    pin = up.build(_entries(), ["a", "b"], "test")
    with pytest.raises(up.PinMismatch, match="a test-split trial"):
        up.read_back(pin, corpus, _read(corpus, ("a/one.txt", 1)), {"NCT00000001"},
                     log=lambda _: None)


def test_a_wrong_md5_is_refused(corpus):
    pin = up.build(_entries(), ["a", "b"], "test")
    pin["md5"] = "0" * 32
    with pytest.raises(up.PinMismatch, match="another MD5"):
        up.read_back(pin, corpus, _read(corpus), set(), log=lambda _: None)


def test_a_malformed_pin_fails_at_load(tmp_path):
    pin = up.build(_entries(), ["a", "b"], "test")
    pin["criteria"][0] = [0, 0, 2, 5]    # no digest
    path = tmp_path / "bad.json.gz"
    path.write_bytes(gzip.compress(json.dumps(pin).encode("utf-8")))
    with pytest.raises(RuleFileError, match="criteria/0"):
        up.load(path)
    pin = up.build(_entries(), ["a", "b"], "test")
    pin["count"] = 4
    up.write(pin, path)
    with pytest.raises(up.PinMismatch, match="count says 4"):
        up.load(path)


def test_no_pin_says_how_to_make_one(tmp_path):
    with pytest.raises(up.PinMismatch, match="--repin"):
        up.load(tmp_path / "absent.json.gz")


def test_the_shipped_pin_reads_back_from_the_corpora():
    """Every 25th file of the shipped pin and each folder's first (about 90 files): each pinned span is
    still the text it was pinned with, read by today's readers (the whole list is read back by
    `extractor train`, which checks its MD5 too)."""
    from extractor.api import Extractor, Options
    from extractor.eval.corpora import CorpusMissing, corpora_root
    from extractor.training import test_trials

    try:
        root, excluded = corpora_root(), test_trials()
    except CorpusMissing as exc:
        pytest.skip(str(exc))
    pin = up.load()
    if not (root / pin["folders"][0]).is_dir():
        pytest.skip("raw registry corpora absent")
    firsts = {}
    for i, path in enumerate(pin["files"]):
        firsts.setdefault(path.split("/")[0], i)
    keep = set(range(0, len(pin["files"]), 25)) | set(firsts.values())
    part = {**pin, "criteria": [row for row in pin["criteria"] if row[0] in keep]}
    part["count"] = len(part["criteria"])
    got = up.read_back(part, root, Extractor(Options(entities=False)).read, excluded,
                       log=lambda _: None, check_md5=False)
    assert len(got) == part["count"] > 500
    assert {pin["files"][i].split("/")[0] for i in keep} == set(pin["folders"])


def test_the_command_repins_or_stops_on_a_mismatch(monkeypatch, capsys):
    from extractor import training
    from extractor.cli import main

    called = []
    monkeypatch.setattr(training, "repin", lambda log: called.append(True))
    assert main(["train", "--repin"]) == 0 and called == [True]

    def mismatched(*args, **kwargs):
        raise up.PinMismatch("3 of 9 pinned unlabelled criteria no longer match the corpora")
    monkeypatch.setattr(training, "train", mismatched)
    assert main(["train", "--no-vectors", "--teachers", "0", "-o", "unused"]) == 2
    assert "no longer match" in capsys.readouterr().err
