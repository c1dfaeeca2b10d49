"""Scoring against Chia (chia_with_scope): numeric Value and Temporal spans, and negation.

Feeding: a Chia file is one criterion per line with no heading (its name says the side, `_inc`
/ `_exc`). The file text goes in as it is, and the library predictor runs with
`assume_eligibility` (bare criteria are one list), so no synthetic heading shifts offsets and
nothing about the side is given; criterion kind is not scored here.

Gold: Chia `Value` spans hold comparator + number + unit together ("< 2 years"), `Multiplier`
spans hold doses and frequencies ("80 mg/day"; scored with the values: the CONTRACT calls a
dose a value), `Temporal` spans hold windows ("for 30 days prior to study entry"). Only those holding a number are
targets - the extractor emits numeric constraints, and "proven" or "prior to study entry" have
nothing it could state. Overlapping spans of one kind sharing a number are one target (see
`_merge`). Annotations whose text differs from the file at their offsets (Chia's
known offset drift) are dropped and counted in `notes`.

Fields: constraint.detection (gold Value+Temporal with numbers vs every predicted numeric
constraint: overlap and one equal number, one-to-one; a Snellen acuity also states the numbers
its fractions write), value and temporal (recall over each
gold kind; false alarm = a predicted `value` / `time` or `duration` constraint not paired with that kind),
negation.cue and negation.criterion as for LCT, read as Chia annotates:

- Chia's `Negation` also marks the words that carve an exception or an allowance out of a
  criterion ("other than", "except", "unless", "is allowed"). The CONTRACT keeps those in a
  criterion's `exceptions`, not in `negated`/`negation` ("History of cancer other than basal cell
  carcinoma" requires a cancer). A gold Negation whose words are one of `EXCEPTION_CUES` is
  therefore scored in the `exception` field, not as a negation: found when an
  `exceptions[*].span` (what is excepted) overlaps the cue or starts right after it.
- A line Chia's annotators marked with an error class only (`UNANNOTATED_CLASSES`: "Informed
  consent", "Non-query-able", "Post-eligibility"...) and nothing else was left unannotated by
  design: its negations are not marked. Its criteria and the cues inside it are out of the
  negation and exception fields (neither found nor missed), as optional items are elsewhere.
"""
from __future__ import annotations

import re

from .align import OffsetMap
from .brat import Annotation, Entity, read_ann, read_text
from .entities import EntityScore, negation_cues, predicted_entities
from .entity_gold import gold_entities
from .corpora import corpus_dir, hash_split, in_split
from .metrics import Counts, greedy_match, overlap
from .numbers import numbers_in, same_number
from .predictions import TEMPORAL_TYPES, criteria, document_text, numeric_constraints

SIDES = ("inc", "exc")
FIELDS = ("constraint.detection", "value", "temporal", "negation.cue", "negation.criterion",
          "exception")
# Chia Negation cues that state an exception or an allowance (lower case, spaces collapsed):
# the words as Chia marks them ("other" of "other than" is marked alone in some files; "not
# excluded" and "does not apply" allow what they name, as "allowed" does).
EXCEPTION_CUES = frozenset({
    "other than", "other", "except", "except for", "excepting", "with the exception of",
    "exception", "excluding", "with the exclusion of", "unless", "besides", "aside from",
    "apart from", "apart", "in addition to", "allowed", "is allowed", "are allowed",
    "permitted", "is permitted", "are permitted", "acceptable", "is acceptable",
    "are acceptable", "allowable", "is allowable", "not excluded", "is not excluded",
    "are not excluded", "not be excluded", "will not be excluded", "does not apply", "do not apply"})
# Chia's error classes (annotation.conf !ERROR and the others the corpus uses): a line holding
# only these was not annotated further.
UNANNOTATED_CLASSES = frozenset({
    "Non-query-able", "Post-eligibility", "Pregnancy_considerations", "Competing_trial",
    "Informed_consent", "Intoxication_considerations", "Non-representable", "Parsing_Error",
    "Undefined_semantics", "Subjective_judgement", "Context_Error", "Grammar_Error",
    "Not_a_criteria"})


def check_available() -> None:
    corpus_dir("chia", "chia_with_scope")


def documents(split: str):
    root = corpus_dir("chia", "chia_with_scope")
    for txt in sorted(root.glob("*.txt")):
        trial, _, side = txt.stem.rpartition("_")
        if side not in SIDES or not in_split(hash_split(trial), split):
            continue
        ann = txt.with_suffix(".ann")
        if ann.exists():
            yield txt.stem, side, txt, ann


def _faithful(ent: Entity, text: str) -> bool:
    return " ".join(text[s:e] for s, e in ent.fragments) == ent.text


def is_exception_cue(text: str) -> bool:
    return " ".join(text.lower().split()) in EXCEPTION_CUES


def unannotated_lines(ann: Annotation, raw: str, bare: bool = False) -> list[tuple[int, int]]:
    """Spans (into `raw`) of the lines whose only annotations are error classes; with `bare`,
    also those of the lines that hold no annotation at all (a corpus that annotated only some
    lines of a document)."""
    out = []
    pos = 0
    for line in raw.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        types = {ent.type for ent in ann.entities.values() if s <= ent.start and ent.end <= e}
        if types and types <= UNANNOTATED_CLASSES or bare and not types and line.strip():
            out.append((s, e))
    return out


def _opens(cue, exception, text: str) -> int:
    """How well a gold exception cue meets a predicted exception: the record's span holds what is
    excepted ("unless [these metastases have been treated]"), the cue stands right before it."""
    if overlap(cue, exception):
        return overlap(cue, exception)
    return 1 if cue[1] <= exception[0] and _GAP.fullmatch(text, cue[1], exception[0]) else 0


_GAP = re.compile(r"[\s(\[:,-]*")


def _inside(span, regions) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in regions)


class ChiaScore:
    def __init__(self, bare_lines_out: bool = False):
        self.fields = {f: Counts() for f in FIELDS}
        self.drifted = 0
        self.errors: list[dict] = []
        # a line with no annotation at all is out of every field (the COVID-19 corpus annotated
        # only some lines of its documents; every Chia line was read)
        self.bare_lines_out = bare_lines_out

    def score(self, doc_id: str, raw: str, ann: Annotation, record: dict,
              keep_errors: bool = False) -> list[tuple[int, int]]:
        """Add one document's counts; returns the spans (into the record's text) left out of
        the fields, for the entities to leave out too."""
        canonical = document_text(record)
        shift = OffsetMap(raw, canonical if canonical is not None else raw)

        def to_canonical(ent: Entity) -> tuple[int, int]:
            return shift.span(ent.start, ent.end)

        gold = []  # (span, numbers, label)
        negations, exceptions = [], []
        for ent in ann.entities.values():
            if ent.type not in ("Value", "Multiplier", "Temporal", "Negation"):
                continue
            if not _faithful(ent, raw):
                self.drifted += 1
                continue
            if ent.type == "Negation":
                (exceptions if is_exception_cue(ent.text) else negations).append(to_canonical(ent))
                continue
            numbers = numbers_in(ent.text)
            if numbers:
                label = "Temporal" if ent.type == "Temporal" else "Value"
                gold.append((to_canonical(ent), numbers, label, ent.text))
        gold = _merge(gold)
        skip = [shift.span(s, e) for s, e in unannotated_lines(ann, raw, self.bare_lines_out)]
        preds = numeric_constraints(record, written_acuity=True)
        if self.bare_lines_out:
            preds = [p for p in preds if not _inside(p.span, skip)]

        def pair_score(g, p):
            shares = any(same_number(a, b) for a in g[1] for b in p.numbers)
            return overlap(g[0], p.span) if shares else 0

        pairs = greedy_match(gold, preds, pair_score)
        self.fields["constraint.detection"].add(
            Counts(len(pairs), len(preds) - len(pairs), len(gold) - len(pairs)))
        paired_p = {pi: gi for gi, pi in pairs}
        for field, label, ptypes in (("value", "Value", ("value",)), ("temporal", "Temporal", TEMPORAL_TYPES)):
            of_kind = [gi for gi, g in enumerate(gold) if g[2] == label]
            hit = sum(1 for gi, _ in pairs if gold[gi][2] == label)
            fp = sum(1 for pi, p in enumerate(preds) if p.type in ptypes
                     and not (pi in paired_p and gold[paired_p[pi]][2] == label))
            self.fields[field].add(Counts(hit, fp, len(of_kind) - hit))
        crits = [c for c in criteria(record) if not _inside(c.span, skip)]
        cues = [s for s in negation_cues(record, [c.negation_span for c in crits if c.negation_span])
                if not _inside(s, skip)]
        negations = [s for s in negations if not _inside(s, skip)]
        neg_pairs = greedy_match(sorted(negations), cues, overlap)
        self.fields["negation.cue"].add(Counts(len(neg_pairs), len(cues) - len(neg_pairs),
                                               len(negations) - len(neg_pairs)))
        self._criterion_negation(negations, crits)
        exceptions = sorted(s for s in exceptions if not _inside(s, skip))
        pred_exc = sorted({s for c in crits for s in c.exceptions})
        exc_pairs = greedy_match(exceptions, pred_exc, lambda g, p: _opens(g, p, canonical or raw))
        self.fields["exception"].add(Counts(len(exc_pairs), len(pred_exc) - len(exc_pairs),
                                            len(exceptions) - len(exc_pairs)))
        if keep_errors:
            hit_g = {gi for gi, _ in pairs}
            for gi, g in enumerate(gold):
                if gi not in hit_g:
                    self.errors.append({"doc": doc_id, "field": g[2].lower(), "error": "miss",
                                        "span": list(g[0]), "gold": g[3]})
            for pi, p in enumerate(preds):
                if pi not in paired_p:
                    self.errors.append({"doc": doc_id, "field": "constraint",
                                        "error": "false-alarm", "span": list(p.span),
                                        "pred": p.text})
        return skip

    def _criterion_negation(self, negations, crits) -> None:
        parents = {c.parent for c in crits if c.parent}
        counts = Counts()
        for c in crits:
            if c.id in parents:
                continue
            gold = any(c.span[0] <= s and e <= c.span[1] for s, e in negations)
            counts.tp += gold and c.negated
            counts.fp += (not gold) and c.negated
            counts.fn += gold and not c.negated
        self.fields["negation.criterion"].add(counts)


def _merge(gold: list[tuple]) -> list[tuple]:
    """Join overlapping gold spans of one kind that state the same number.

    Chia writes "greater than or equal to 6 months" as two Values ("greater than ... 6 months"
    and "equal to 6 months"); that is one constraint, and one prediction should meet it once.
    """
    out: list[tuple] = []
    for g in sorted(gold, key=lambda g: g[0]):
        last = out[-1] if out else None
        if (last and last[2] == g[2] and overlap(last[0], g[0])
                and any(same_number(a, b) for a in last[1] for b in g[1])):
            span = (last[0][0], max(last[0][1], g[0][1]))
            out[-1] = (span, last[1] + [x for x in g[1] if x not in last[1]], last[2], last[3])
        else:
            out.append(g)
    return out


def evaluate(split: str, errors: bool, predictor) -> dict:
    return evaluate_brat([(doc_id, txt, ann) for doc_id, _, txt, ann in documents(split)], errors, predictor)


def evaluate_brat(docs: list, errors: bool, predictor, bare_lines_out: bool = False) -> dict:
    """Score (doc_id, text path, .ann path) documents in Chia's schema: Chia's own files and any
    other corpus annotated with it (extractor/eval/covid.py). `bare_lines_out`: see ChiaScore."""
    raws = [read_text(txt) for _, txt, _ in docs]
    score = ChiaScore(bare_lines_out)
    entity_score = EntityScore()
    failed = 0
    for (doc_id, _, ann_path), raw, record in zip(docs, raws, predictor.texts(raws)):
        if "error" in record:
            failed += 1
            record = {"criteria": [], "document": {"text": raw}}
        ann = read_ann(ann_path)
        skip = score.score(doc_id, raw, ann, record, errors)
        shift = OffsetMap(raw, document_text(record) or raw)
        gold = [(*shift.span(s, e), label) for s, e, label in gold_entities(ann, "chia", raw)]
        found = predicted_entities(record)
        if bare_lines_out:  # the lines the fields left out (Chia's own entities keep every line)
            found = [f for f in found if not _inside(f[:2], skip)]
        entity_score.score(gold, found)
    return {"documents": len(docs), "failed_documents": failed,
            "fields": {**{k: v.as_dict() for k, v in score.fields.items()}, **entity_score.result()},
            "errors": score.errors if errors else None,
            "notes": [f"{score.drifted} gold annotations dropped: text differs at their offsets"]}
