"""`extractor train`: rebuild the entity model (models/entities/) from the shared corpora.

What it reads, all from ../shared/corpora (or $EXTRACTOR_SHARED/corpora):
- labelled lines: LCT training/ + batch1..batch10 and Chia's hash-split dev half, their types
  mapped by models/entity_labels.json (eval/entity_gold.py); LCT batch10 is held out to pick
  the best checkpoint. No test document (LCT batch11..batch20, Chia's test half) is read.
- unlabelled criteria for the word vectors, for the teachers to label (--teachers) and, with
  --pretrain, for the tok2vec: the criteria
  this tool extracts from the raw registry corpora (legacy XML, API v2 JSON, the ICTRP
  export), as pinned (unlabelled_pin.py: read back by offsets, so that a change to how criteria
  are split does not change the model; --repin pins them anew), the lines of the COVID-19
  corpus's criteria texts, and the labelled lines above read as plain text, minus every trial
  of LCT's or Chia's test split.
- with --registry-labels, the project's entity labels of pinned registry criteria
  (corpora/entities/, registry_entities.py; their "train" part), added to the model's labelled
  lines but not to the teachers' (measured and left out of the shipped model: README).

The spaCy side (vectors, model, training loop) is nlp/entity_training.py; this module gathers
the data, which needs the engine. Seeded and single-threaded: the same corpora give the same
model.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

from .api import Extractor, Options
from .batch.walk import iter_files
from .eval import chia as chia_corpus
from .eval import lct as lct_corpus
from .eval.brat import read_ann, read_text
from .errors import RuleFileError
from .eval.corpora import CorpusMissing, corpora_root, lct_trial_splits
from .eval.entity_gold import gold_entities
from . import registry_entities, unlabelled_pin

HELD_OUT = "batch10"     # LCT batch scoring checkpoints during training (a dev batch)
UNLABELLED = ("ctgov-legacy-xml-2023", "ctgov-legacy-xml-trec2017", "ctgov-api-v2-json",
              "ictrp-covid-export")
# plain-text criteria, one file per trial named by its NCT id (their annotations are not read)
UNLABELLED_TEXT = ("covid19-structured-trials/700_annotated_trials_new",)
_NCT = re.compile(r"NCT\d{8}")
TEACHERS = 5             # models whose majority labels the unlabelled criteria (0: none)


def lines_of(text: str, spans):
    """(line text, [(start, end, label)] relative to the line) for each non-blank line."""
    at = 0
    for line in text.split("\n"):
        end = at + len(line)
        if line.strip():
            yield line, [(s - at, e - at, lab) for s, e, lab in spans if at <= s and e <= end]
        at = end + 1


def labelled(chia: bool = True) -> tuple[list, list, list]:
    """(LCT train, Chia train, held-out) lists of (line text, spans) from the corpora's
    development parts."""
    train, chia_train, held = [], [], []
    for doc_id, txt, ann in lct_corpus.documents("dev"):
        text = read_text(txt)
        target = held if doc_id.startswith(HELD_OUT + "/") else train
        target.extend(lines_of(text, gold_entities(read_ann(ann), "lct", text)))
    for _, _, txt, ann in (chia_corpus.documents("dev") if chia else ()):
        text = read_text(txt)
        chia_train.extend(lines_of(text, gold_entities(read_ann(ann), "chia", text)))
    return train, chia_train, held


def test_trials() -> set[str]:
    """NCT ids of the trials in LCT's or Chia's test split: their text is never trained on."""
    out = {nct for nct, split in lct_trial_splits().items() if split == "test"}
    try:
        for _, _, txt, _ in chia_corpus.documents("test"):
            out.add(txt.stem.rpartition("_")[0])
    except CorpusMissing:
        pass
    return out


def extracted(log=print) -> list[tuple[str, int, int, int, str]]:
    """The leaf criteria this version extracts from the raw registry corpora, as (file path
    relative to the corpora folder, document index, start, end, text with white space made
    single spaces), each text once, in a fixed order, every test-split trial left out."""
    excluded = test_trials()
    engine = Extractor(Options(entities=False))
    root = corpora_root()
    seen, out, skipped = set(), [], 0
    for folder in UNLABELLED:
        path = root / folder
        if not path.is_dir():
            log(f"{path} absent: skipped")
            continue
        for file in iter_files([str(path)]):
            for index, record in enumerate(engine.records(file)):
                if "error" in record:
                    continue
                ids = {i.get("value") for i in (record.get("study") or {}).get("identifiers") or []}
                ids |= set(_NCT.findall(str(record["document"].get("id") or "")))
                if ids & excluded:
                    skipped += 1
                    continue
                crits = record.get("criteria") or []
                parents = {c.get("parent") for c in crits}
                for c in crits:
                    text = unlabelled_pin.normalized(c["text"])
                    if c["id"] not in parents and text and text not in seen:
                        seen.add(text)
                        out.append((str(Path(file).relative_to(root)), index, *c["span"], text))
    log(f"{len(out)} leaf criteria extracted ({skipped} test-split records left out)")
    return out


def repin(log=print) -> dict:
    """Rewrite the pin (unlabelled_pin.py) from the criteria this version extracts."""
    pin = unlabelled_pin.build(extracted(log), UNLABELLED,
                               "the leaf criteria extracted from the folders by `extractor train "
                               "--repin`")
    unlabelled_pin.write(pin)
    log(f"{unlabelled_pin.PIN}: {pin['count']} criteria from {len(pin['files'])} files, md5 {pin['md5']}")
    return pin


def unlabelled(log=print, extra: list[str] = ()) -> list[str]:
    """The pinned leaf criteria of the raw registry corpora (unlabelled_pin.py), then the lines
    of the plain-text criteria corpora, then `extra` (the labelled lines), in a fixed order, with
    every test-split trial left out and each text once."""
    excluded = test_trials()
    engine = Extractor(Options(entities=False))
    out = unlabelled_pin.read_back(unlabelled_pin.load(), corpora_root(), engine.read, excluded, log)
    seen, skipped = set(out), 0
    lines = []
    for folder in UNLABELLED_TEXT:
        path = corpora_root() / folder
        if not path.is_dir():
            log(f"{path} absent: skipped")
            continue
        for file in sorted(path.glob("*.txt")):
            if file.stem in excluded:
                skipped += 1
                continue
            lines.extend(read_text(file).split("\n"))
    for line in [*lines, *extra]:
        text = unlabelled_pin.normalized(line)
        if text and text not in seen:
            seen.add(text)
            out.append(text)
    log(f"{len(out)} unlabelled criteria, {sum(len(t.split()) for t in out)} words "
        f"({skipped} test-split texts left out)")
    return out


def train(out: Path, log=print, vectors: bool = True, chia: bool = True,
          pretrain: bool = False, teachers: int = TEACHERS, keep_teachers: Path | None = None,
          registry: bool = False) -> dict:
    from .nlp import entity_training

    started = time.monotonic()
    lct_items, chia_items, held_items = labelled(chia)
    gold_lines = [line for line, _ in lct_items + chia_items + held_items]
    # the labelled lines are in-domain text for the vectors too (none is from a test split)
    texts = unlabelled(log, gold_lines) if vectors or teachers or registry else None
    # the teachers label the unlabelled criteria only: a labelled line keeps its gold
    gold = {" ".join(line.split()) for line in gold_lines}
    silver_texts = [t for t in texts if t not in gold] if texts and teachers else None
    # the project's labels of pinned registry criteria (texts begin with the pin, in its order):
    # the model's data, not the teachers' (kept teachers stay valid; their silver is replaced)
    extra = registry_entities.items(texts, "train") if registry else []
    if extra:
        log(f"{len(extra)} labelled registry criteria ({sum(len(s) for _, s in extra)} spans)")
    # both corpora first, then LCT alone: Chia teaches more words, LCT's conventions are the
    # ones the model is held to (its Observation, its span boundaries)
    stats = entity_training.train(Path(out), lct_items + chia_items, held_items,
                                  texts if vectors else None, log=log,
                                  finetune_items=lct_items if chia_items else None,
                                  pretrained=pretrain, silver_texts=silver_texts,
                                  teachers=teachers, keep_teachers=keep_teachers,
                                  extra_items=extra)
    stats["seconds"] = round(time.monotonic() - started)
    return stats


def add_train_parser(subparsers):
    parser = subparsers.add_parser(
        "train", help="rebuild the entity model (models/entities/) from the shared corpora",
        description="Rebuild the entity model from ../shared/corpora (dev splits only), seeded.")
    parser.add_argument("-o", "--output", default=None, metavar="FOLDER",
                        help="where to write the model (default: models/entities of this checkout)")
    parser.add_argument("--no-vectors", action="store_true",
                        help="train without the floret word vectors (smaller, faster, less accurate)")
    parser.add_argument("--pretrain", action="store_true",
                        help="start the NER's tok2vec from weights pretrained on the unlabelled "
                             "criteria (an experiment: it scored lower on the held-out batch; "
                             "needs the vectors' text, so not with --no-vectors)")
    parser.add_argument("--teachers", type=int, default=TEACHERS, metavar="N",
                        help=f"train N models first and add the unlabelled criteria, labelled by "
                             f"their majority, to the training data (default {TEACHERS}; 0: none)")
    parser.add_argument("--keep-teachers", default=None, metavar="FOLDER",
                        help="also write the teachers' models and labels under FOLDER; a teacher "
                             "kept there from the same data is read back, not trained again "
                             "(a stopped run resumes)")
    parser.add_argument("--registry-labels", action="store_true",
                        help="add the project's entity labels of registry criteria (the 'train' "
                             "part of corpora/entities/) to the model's labelled lines (an "
                             "experiment: the shipped model is built without them)")
    parser.add_argument("--repin", action="store_true",
                        help="rewrite the pinned list of unlabelled criteria "
                             "(corpora/unlabelled/criteria.json.gz) from what this version "
                             "extracts, and stop; a model trained on it differs from the shipped one")
    parser.set_defaults(func=handle_train)
    return parser


def handle_train(args) -> int:
    import json
    import sys

    from .eval.corpora import repo_root

    if args.teachers < 0:
        print("extractor train: --teachers needs 0 or more", file=sys.stderr)
        return 2
    if args.repin:  # re-extracts the criteria only: no training, so no floret needed
        try:
            repin(log=lambda line: print(line, file=sys.stderr))
        except CorpusMissing as exc:
            print(f"extractor train: {exc}", file=sys.stderr)
            return 2
        return 0
    try:
        import floret  # noqa: F401
    except ImportError:
        if not args.no_vectors:
            print("extractor train: the vectors need floret: pip install 'extractor[train]' "
                  "(or --no-vectors)", file=sys.stderr)
            return 2
    if args.pretrain and args.no_vectors:
        print("extractor train: --pretrain reads the vectors' text: not with --no-vectors",
              file=sys.stderr)
        return 2
    out = Path(args.output) if args.output else (repo_root() or Path.cwd()) / "models" / "entities"
    try:
        stats = train(out, log=lambda line: print(line, file=sys.stderr),
                      vectors=not args.no_vectors, pretrain=args.pretrain,
                      teachers=args.teachers,
                      keep_teachers=Path(args.keep_teachers) if args.keep_teachers else None,
                      registry=args.registry_labels)
    except (CorpusMissing, unlabelled_pin.PinMismatch, RuleFileError) as exc:
        print(f"extractor train: {exc}", file=sys.stderr)
        return 2
    stats["size_bytes"] = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    print(json.dumps(stats))
    return 0
