"""The spaCy side of `extractor train` (data gathering: extractor/training.py): word vectors
from unlabelled criteria, then the entity model, written to models/entities/.

- Vectors: floret (fastText with hashed subwords, as spaCy reads them) trained on the
  unlabelled criteria, tokenized by the project's tokenizer; `BUCKETS` x `DIM` floats bound the
  table whatever the vocabulary, and a misspelt or unseen word still gets a vector from its
  character n-grams. One thread and a fixed seed: the same text gives the same table.
- Pretraining (`extractor train --pretrain`, off by default: it scored lower on the held-out
  batch, see README): the NER's tok2vec first learns, on the same unlabelled criteria, to
  predict the first and last `PRETRAIN["characters"]` characters of each word from its context
  (spaCy's "characters" objective, as `spacy pretrain` runs it); the NER then starts from those
  weights (spaCy's init_tok2vec) instead of random ones. Seeded, fixed epochs, one thread.
- Model: one spaCy NER (transition-based) with its own hash-embedding CNN tok2vec reading
  NORM, PREFIX, SUFFIX, SHAPE and the vectors, on spacy.blank("en") with the project's
  tokenizer. Each text line is one example (the pipeline runs the model on one criterion at a
  time). The checkpoint best on the held-out lines is kept.
- Teachers (`extractor train --teachers N`, 5 by default): N models are first trained the same
  way with other seeds, two processes at a time; the unlabelled criteria, labelled with the
  spans most of them agree on, join the labelled lines of the first phase. The teachers'
  majority is more accurate than any one of them (one seed's errors are not another's), and
  the one shipped model learns from it what a single model gets wrong, at one model's size
  and speed. With `--keep-teachers FOLDER` each teacher is written there with its labels and a
  digest of its inputs; a later run given the same folder reads back every teacher whose
  inputs are the same instead of training it again, so a stopped run resumes.
"""
from __future__ import annotations

import json
import random
import shutil
import sys
import time
from pathlib import Path

import spacy
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from ..eval.entity_gold import labels
from .tokenizer import customize

SEED = 13
BUCKETS = 40_000         # vector table rows: 40,000 x 100 floats = 16 MB
DIM = 100
# spaCy's pretraining defaults (default_config_pretraining.cfg) but a fixed number of epochs:
# the unlabelled text is small (about 1 M words), so a few passes, not spaCy's 1,000
PRETRAIN = {"epochs": 3, "batch_words": 3000, "dropout": 0.2, "learn_rate": 0.001,
            "hidden": 300, "maxout": 3, "characters": 4, "min_words": 5, "max_words": 500}
FINETUNE_PATIENCE = 5    # epochs without a better held-out score before the LCT-only phase stops

# Narrow on purpose: width 128 and 4,000-row hash tables (2,000 for the affixes and shape) keep
# the model small and fast (10,000 rows and a 128-wide hidden layer scored no better on the
# held-out batch); depth 4 with window 1 sees 4 tokens either side, enough for the noun
# phrases criteria name.
NER_CONFIG = {
    "model": {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": 64,
        "maxout_pieces": 2,
        "use_upper": True,
        "nO": None,
        "tok2vec": {
            "@architectures": "spacy.HashEmbedCNN.v2",
            "pretrained_vectors": None,     # True when the vectors are trained
            "width": 128,
            "depth": 4,
            "embed_size": 4000,
            "window_size": 1,
            "maxout_pieces": 3,
            "subword_features": True,
        },
    },
}


def _examples(nlp, items) -> tuple[list[Example], int]:
    out, dropped = [], 0
    for text, spans in items:
        pred = nlp.make_doc(text)
        ref = nlp.make_doc(text)
        ents = []
        for s, e, label in spans:
            span = ref.char_span(s, e, label=label, alignment_mode="contract")
            if span is None or len(span) == 0:
                dropped += 1
                continue
            ents.append(span)
        ref.set_ents(spacy.util.filter_spans(ents))
        out.append(Example(pred, ref))
    return out, dropped


def build_nlp(vectors: Path | None = None):
    nlp = customize(spacy.blank("en"))
    config = json.loads(json.dumps(NER_CONFIG))
    if vectors is not None:
        from spacy.training.initialize import convert_vectors

        convert_vectors(nlp, vectors, truncate=0, prune=-1, mode="floret")
        config["model"]["tok2vec"]["pretrained_vectors"] = True
    ner = nlp.add_pipe("ner", config=config)
    for label in labels():
        ner.add_label(label)
    return nlp


def train_vectors(texts: list[str], folder: Path, log=print) -> Path:
    """floret vectors of `texts` (tokenized as the pipeline does), written under `folder`."""
    import floret

    tokenizer = customize(spacy.blank("en")).tokenizer
    corpus = folder / "unlabelled.txt"
    with open(corpus, "w", encoding="utf-8") as fh:
        for text in texts:
            fh.write(" ".join(t.text for t in tokenizer(text) if not t.is_space) + "\n")
    model = floret.train_unsupervised(str(corpus), model="cbow", mode="floret", hashCount=2,
                                      bucket=BUCKETS, minn=4, maxn=5, dim=DIM, epoch=10,
                                      minCount=2, thread=1, verbose=0)  # one thread: deterministic (its seed is fixed)
    out = folder / "vectors.floret"
    model.save_floret_vectors(str(out))
    log(f"vectors: {BUCKETS} x {DIM} from {len(texts)} texts")
    return out


def _tok2vec(nlp):
    """The NER's hash-embedding CNN (the parser model's "tok2vec" reference chains it with a
    projection to the hidden width, which is the NER's own and not pretrained)."""
    return nlp.get_pipe("ner").model.get_ref("tok2vec").layers[0]


def pretrain(nlp, texts: list[str], log=print) -> bytes:
    """Pretrain the NER's tok2vec on `texts` with the "characters" objective; return its
    weights (the optimizer's averages, as `spacy pretrain` saves them)."""
    from spacy.ml.models.multi_task import create_pretrain_characters
    from spacy.training.pretrain import make_update
    from thinc.api import Adam, set_dropout_rate

    P = PRETRAIN
    started = time.monotonic()
    fix_random_seed(SEED)
    tok2vec = _tok2vec(nlp)
    sample = [nlp.make_doc("Give it a doc to infer shapes")]
    tok2vec.initialize(X=sample)
    objective_model = create_pretrain_characters(P["maxout"], P["hidden"], P["characters"])
    model = objective_model(nlp.vocab, tok2vec)
    model.initialize(X=sample)
    set_dropout_rate(model, P["dropout"])
    optimizer = Adam(P["learn_rate"], L2=0.01, grad_clip=1.0, use_averages=True)
    objective = model.attrs["loss"]
    docs = [doc for doc in (nlp.make_doc(t) for t in texts)
            if P["min_words"] <= len(doc) <= P["max_words"]]
    rng = random.Random(SEED)
    for epoch in range(P["epochs"]):
        order = list(docs)
        rng.shuffle(order)
        loss, batch, words = 0.0, [], 0
        for doc in order:
            batch.append(doc)
            words += len(doc)
            if words >= P["batch_words"]:
                loss += make_update(model, batch, optimizer, objective)
                batch, words = [], 0
        if batch:
            loss += make_update(model, batch, optimizer, objective)
        log(f"pretrain epoch {epoch + 1}: {len(docs)} texts, loss {loss:.0f} "
            f"({time.monotonic() - started:.0f} s)")
    with model.use_params(optimizer.averages):
        return tok2vec.to_bytes()


def _fit(nlp, phases, held_ex, seed: int, log, started: float, name: str,
         max_epochs: int, weights: bytes | None = None) -> dict:
    """Train `nlp`'s NER through `phases` ((phase, examples, patience)), each going on from the
    previous one's best checkpoint on `held_ex`; leave the best weights in the NER."""
    fix_random_seed(seed)
    optimizer = nlp.initialize(lambda: phases[0][1])
    if weights is not None:   # initialize drew random weights: the pretrained ones replace them
        _tok2vec(nlp).from_bytes(weights)
    rng = random.Random(seed)
    state = {"best": -1.0, "bytes": None, "epochs": 0}
    sizes = spacy.util.compounding(8.0, 64.0, 1.001)   # lines per batch, growing over the run
    for phase, examples, wait in phases:
        best_epoch = 0
        for epoch in range(max_epochs):
            order = list(examples)
            rng.shuffle(order)
            losses: dict = {}
            for batch in minibatch(order, size=sizes):
                nlp.update(batch, drop=0.15, sgd=optimizer, losses=losses)
            state["epochs"] += 1
            with nlp.use_params(optimizer.averages or {}):
                f = nlp.evaluate(held_ex)["ents_f"] or 0.0
                if f > state["best"]:
                    state["best"], best_epoch = f, epoch
                    state["bytes"] = nlp.get_pipe("ner").to_bytes()
            log(f"{name}{phase} epoch {epoch + 1}: loss {losses.get('ner', 0):.1f}, "
                f"held-out F1 {f:.4f} ({time.monotonic() - started:.0f} s)")
            if epoch - best_epoch >= wait:
                break
        nlp.get_pipe("ner").from_bytes(state["bytes"])  # the next phase starts from the best
    return {"held_out_f1": round(state["best"], 4), "epochs": state["epochs"]}


def _phases(nlp, train_items, finetune_items, patience: int) -> tuple[list, int]:
    """The training phases (both corpora, then LCT alone) and how many gold spans of the first
    do not fall on token boundaries (dropped)."""
    examples, dropped = _examples(nlp, train_items)
    phases = [("all", examples, patience)]
    if finetune_items:
        phases.append(("finetune", _examples(nlp, finetune_items)[0], FINETUNE_PATIENCE))
    return phases, dropped


def _teacher(job: dict) -> dict:
    """One teacher (run in its own process): trained as the model is, with its own seed, then
    its entities on the silver texts."""
    started = time.monotonic()
    seed = job["seed"]
    nlp = build_nlp(job["vectors"])
    held_ex, _ = _examples(nlp, job["held"])
    # the parent's log callable does not cross the process boundary: its lines go to stderr
    log = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    phases, _ = _phases(nlp, job["train"], job["finetune"], job["patience"])
    stats = _fit(nlp, phases, held_ex, seed, log, started, f"teacher {seed} ", job["max_epochs"],
                 job["weights"])
    stats["seed"] = seed
    stats["spans"] = [[(e.start_char, e.end_char, e.label_) for e in doc.ents]
                      for doc in nlp.pipe(job["silver"], batch_size=256)]
    if job["keep"] is not None:
        save(nlp, Path(job["keep"]) / f"teacher-{seed}")
        _write_labels(Path(job["keep"]) / f"teacher-{seed}.labels.json.gz", job["digest"], stats)
    return stats


# A kept teacher's labels, read back instead of training it again when its inputs are the same:
# a run stopped part-way (the teachers take most of an hour, more on a busy machine) resumes
# where it stopped, and gives the same silver as an unbroken run (the teachers are seeded).
def teacher_digest(job: dict) -> str:
    """What a teacher's result depends on: its seed, data, recipe, vectors and the library."""
    import hashlib

    h = hashlib.sha256()
    fixed = {k: job[k] for k in ("seed", "train", "finetune", "held", "silver", "max_epochs",
                                 "patience")}
    h.update(json.dumps([fixed, NER_CONFIG, spacy.__version__], sort_keys=True,
                        ensure_ascii=False).encode("utf-8"))
    for blob in (Path(job["vectors"]).read_bytes() if job["vectors"] else b"", job["weights"] or b""):
        h.update(hashlib.sha256(blob).digest())
    return h.hexdigest()


def _write_labels(path: Path, digest: str, stats: dict) -> None:
    import gzip

    tmp = path.with_name(path.name + ".part")
    # mtime 0 in the gzip header: the same labels give the same bytes
    tmp.write_bytes(gzip.compress(json.dumps({"digest": digest, **stats}).encode("utf-8"), mtime=0))
    tmp.replace(path)   # whole or absent: a run killed while writing leaves no half file


def _read_labels(path: Path, digest: str) -> dict | None:
    """A kept teacher's stats and labels if `path` holds them for `digest`, else None."""
    import gzip

    try:
        kept = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, EOFError, ValueError):   # absent, cut short or not ours: train it
        return None
    if kept.get("digest") != digest:
        return None
    kept.pop("digest")
    kept["spans"] = [[tuple(span) for span in spans] for spans in kept["spans"]]
    return kept


def vote(predictions: list[list], votes: int) -> list[tuple]:
    """The spans (start, end, label) that at least `votes` of the teachers' lists hold; where
    such spans overlap, the one with more votes wins, then the longer, then the earlier."""
    from collections import Counter

    counts = Counter(span for spans in predictions for span in set(spans))
    chosen: list[tuple] = []
    for span in sorted((s for s, n in counts.items() if n >= votes),
                       key=lambda s: (-counts[s], s[0] - s[1], s[0], s[2])):
        if all(span[1] <= o[0] or o[1] <= span[0] for o in chosen):
            chosen.append(span)
    return sorted(chosen)


def silver(texts: list[str], vectors, train_items, finetune_items, held_items, teachers: int,
           log=print, weights: bytes | None = None, keep: Path | None = None,
           max_epochs: int = 30, patience: int = 5, workers: int = 2) -> tuple[list, list]:
    """Train `teachers` models (seeds SEED + 1, SEED + 2, ...), `workers` at a time, and label
    `texts` with the spans most of them find. Return ((text, spans) items, teachers' stats)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    jobs = [{"seed": SEED + 1 + i, "vectors": vectors, "train": train_items,
             "finetune": finetune_items, "held": held_items, "silver": texts, "weights": weights,
             "keep": str(keep) if keep else None, "max_epochs": max_epochs,
             "patience": patience} for i in range(teachers)]
    done: dict[int, dict] = {}
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for job in jobs:
            job["digest"] = teacher_digest(job)
            kept = _read_labels(Path(keep) / f"teacher-{job['seed']}.labels.json.gz", job["digest"])
            if kept is not None and (Path(keep) / f"teacher-{job['seed']}").is_dir():
                done[job["seed"]] = kept
        if done:
            log(f"teachers {sorted(done)} read back from {keep} (same data and recipe)")
    todo = [job for job in jobs if job["seed"] not in done]
    # fork: the children inherit the loaded libraries; each trains single-threaded and seeded
    with ProcessPoolExecutor(max_workers=workers,
                             mp_context=multiprocessing.get_context("fork")) as pool:
        trained = {r["seed"]: r for r in pool.map(_teacher, todo)}
    results = [done.get(job["seed"]) or trained[job["seed"]] for job in jobs]
    votes = teachers // 2 + 1
    items = [(text, vote([r["spans"][i] for r in results], votes)) for i, text in enumerate(texts)]
    stats = [{k: r[k] for k in ("seed", "held_out_f1", "epochs")} for r in results]
    log(f"silver: {len(items)} texts, {sum(len(s) for _, s in items)} spans that "
        f"{votes} of {teachers} teachers agree on; teachers {stats}")
    return items, stats


def train(out: Path, train_items, held_items, texts: list[str] | None = None, log=print,
          max_epochs: int = 30, patience: int = 5, finetune_items=None,
          pretrained: bool = False, silver_texts: list[str] | None = None, teachers: int = 0,
          keep_teachers: Path | None = None, extra_items=()) -> dict:
    """Train on `train_items` ((line, [(start, end, label)])), keep the checkpoint best on
    `held_items`, write it to `out`; with `texts`, train vectors on them first and (if
    `pretrained`) pretrain the tok2vec on them; with `finetune_items`, go on from the best
    checkpoint on those alone. With `teachers` and `silver_texts`, first train that many
    teachers the same way and add `silver_texts` labelled by their majority to the first phase
    (the model learns from the teachers' agreement what one seed's model gets wrong).
    `extra_items`: labelled lines the teachers are not trained on (so that kept teachers stay
    valid), added to both phases in place of their silver. Return stats."""
    import tempfile

    started = time.monotonic()
    fix_random_seed(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        vectors = train_vectors(texts, Path(tmp), log) if texts else None
        nlp = build_nlp(vectors)
        weights = pretrain(nlp, texts, log) if texts and pretrained else None
        silver_items, teacher_stats = [], []
        if teachers and silver_texts:
            silver_items, teacher_stats = silver(
                silver_texts, vectors, train_items, finetune_items, held_items, teachers, log,
                weights, keep_teachers, max_epochs, patience)
    held_ex, _ = _examples(nlp, held_items)
    extra_items = list(extra_items)
    if extra_items:
        labelled = {text for text, _ in extra_items}
        silver_items = [item for item in silver_items if item[0] not in labelled]
        if finetune_items:   # labelled in LCT's style: held to in the LCT-only phase too
            finetune_items = list(finetune_items) + extra_items
    phases, dropped = _phases(nlp, train_items + extra_items + silver_items, finetune_items, patience)
    log(f"{len(phases[0][1])} training lines ({len(silver_items)} of them silver), "
        f"{len(held_ex)} held-out lines, {dropped} gold spans not on token boundaries dropped")
    stats = _fit(nlp, phases, held_ex, SEED, log, started, "", max_epochs, weights)
    save(nlp, out)
    return {"seed": SEED, **stats, "train_lines": len(train_items), "extra_lines": len(extra_items),
            "silver_lines": len(silver_items), "teachers": teacher_stats,
            "vectors": vectors is not None, "pretrained": weights is not None}


def save(nlp, out: Path) -> None:
    """Write the pipeline without its tokenizer: the tokenizer is code (tokenizer.py), rebuilt
    at load."""
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out, exclude=["tokenizer"])
