"""Entity scores: per label, exact span and overlap, and a micro average over the five labels
criteria are mostly about (condition, drug, procedure, measurement, observation).

Gold: the corpus's mapped, non-overlapping entities (entity_gold.py). Predicted: every entity of
every criterion, once per (span, label). Exact: same span and label. Overlap: same label and at
least one shared character, one-to-one (greedy, largest overlap first).
"""
from __future__ import annotations

from .entity_gold import labels
from .metrics import Counts, greedy_match, overlap

MICRO = ("condition", "drug", "procedure", "measurement", "observation")
# the micro averages every entity-scoring corpus reports (the gate pins floors on them)
MICRO_FIELDS = ("entities.exact.micro5", "entities.overlap.micro5")


def predicted_entities(record: dict) -> list[tuple[int, int, str]]:
    found = set()
    for c in record.get("criteria") or []:
        for ent in c.get("entities") or []:
            span = ent.get("span")
            if span and len(span) == 2 and ent.get("label"):
                found.add((span[0], span[1], ent["label"]))
    return sorted(found)


def micro_counts(table: dict, labels) -> Counts:
    """The counts of `table` (label -> Counts) summed over `labels`: their micro average."""
    total = Counts()
    for label in labels:
        total.add(table[label])
    return total


class EntityScore:
    def __init__(self):
        self.exact = {label: Counts() for label in labels()}
        self.overlap = {label: Counts() for label in labels()}

    def score(self, gold: list[tuple[int, int, str]], pred: list[tuple[int, int, str]]) -> None:
        for label in self.exact:
            g = [(s, e) for s, e, lab in gold if lab == label]
            p = [(s, e) for s, e, lab in pred if lab == label]
            hits = len(set(g) & set(p))
            self.exact[label].add(Counts(hits, len(p) - hits, len(g) - hits))
            pairs = greedy_match(g, p, overlap)
            self.overlap[label].add(Counts(len(pairs), len(p) - len(pairs), len(g) - len(pairs)))

    def result(self) -> dict:
        out = {}
        for kind, table, micro_field in zip(("exact", "overlap"), (self.exact, self.overlap), MICRO_FIELDS):
            out[micro_field] = micro_counts(table, MICRO).as_dict()
            for label, counts in table.items():
                if counts.tp + counts.fp + counts.fn:
                    out[f"entities.{kind}.{label}"] = counts.as_dict()
        return out


def negation_cues(record: dict, criterion_cues: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every negation cue of the record, once: the criteria's and those that negate an entity.
    Overlapping cues are one ("no history of" from the criterion rule, "no" from an entity's)."""
    found = set(criterion_cues)
    for c in record.get("criteria") or []:
        for ent in c.get("entities") or []:
            span = (ent.get("negation") or {}).get("span")
            if span and len(span) == 2:
                found.add((span[0], span[1]))
    merged: list[tuple[int, int]] = []
    for s, e in sorted(found):
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def span_errors(doc_id: str, text: str, gold: list[tuple[int, int, str]],
                pred: list[tuple[int, int, str]]) -> list[dict]:
    """Each gold span not predicted exactly and each false prediction, by kind: `miss` (no
    predicted span of the label overlaps the gold one), `boundary` (same label, overlapping,
    another span), `label` (same span, another label) or `false` (no gold span overlaps it, of
    its label or on its span). Each with the words around it (`context`)."""
    out = []
    gold_set, pred_set = set(gold), set(pred)

    def context(s: int, e: int) -> str:
        return text[max(0, s - 40):e + 40].replace("\n", " ")

    for s, e, lab in gold:
        if (s, e, lab) in pred_set:
            continue
        same = [p for p in pred if p[2] == lab and p[0] < e and s < p[1]]
        other = [p for p in pred if p[0] == s and p[1] == e]
        kind = "boundary" if same else "label" if other else "miss"
        out.append({"doc": doc_id, "kind": kind, "label": lab, "gold": text[s:e],
                    "pred": [f"{text[p[0]:p[1]]}|{p[2]}" for p in same or other],
                    "context": context(s, e)})
    for s, e, lab in pred:
        if (s, e, lab) in gold_set or any(g[2] == lab and g[0] < e and s < g[1] for g in gold) \
                or any(g[0] == s and g[1] == e for g in gold):
            continue
        out.append({"doc": doc_id, "kind": "false", "label": lab, "pred": [text[s:e]],
                    "context": context(s, e)})
    return out


def score_texts(labelled, predictor, errors: bool = False) -> tuple[EntityScore, list[dict], int]:
    """Run `predictor` over the texts of `labelled` ((doc id, text, gold spans)) and score each
    record's entities against its spans, moved onto the record's text (a record that is an
    error predicts nothing). Returns the score, the errors of the five labels (span_errors;
    only with `errors`) and how many records were errors."""
    from .align import OffsetMap
    from .predictions import document_text

    score, found, failed = EntityScore(), [], 0
    for (doc_id, raw, spans), record in zip(labelled, predictor.texts([raw for _, raw, _ in labelled])):
        if "error" in record:
            failed += 1
            record = {"criteria": [], "document": {"text": raw}}
        text = document_text(record) or raw
        shift = OffsetMap(raw, text)
        gold = [(*shift.span(s, e), label) for s, e, label in spans]
        pred = predicted_entities(record)
        score.score(gold, pred)
        if errors:
            found.extend(span_errors(doc_id, text, [g for g in gold if g[2] in MICRO],
                                     [p for p in pred if p[2] in MICRO]))
    return score, found, failed
