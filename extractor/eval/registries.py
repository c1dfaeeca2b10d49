"""Scoring against the hand-labelled registries gold: thresholds and time windows across
registries (corpora/registries/, format and conventions in its README).

Each label line names a file under the shared corpora (`corpus_path`) and a document inside it
(`record`, the `document.source.record` locator, e.g. "row 289" of a CSV export). Each file is
read once; the pipeline runs only on the labelled documents. A document whose canonical text
no longer hashes to the label's `text_sha256` (or that is missing or failed) is a failed
document: its offsets cannot be trusted, so its gold items all count as misses and a note
names it.

Matching, per document, one-to-one (greedy, strict agreement first, then overlap length):
- detection: a gold item and a predicted constraint whose spans overlap and that share a number;
- strict: a detected pair that also agrees on the comparator (for `between`, the bounds'
  inclusiveness too), all numbers (value, low+high, or the set of values), the unit (UCUM code;
  null = null), the reference and, for a gold `time` item, the direction. Fields listed in an
  item's `unscored` (a comparator lost in the source) are not compared.
Every predicted constraint of the document counts: one outside the labelled eligibility text,
or paired with no gold item, is a false alarm. `optional` gold items are neither found nor
missed: a prediction overlapping one (and paired with no other item) is left out of the counts.
So is an unpaired prediction that counts listed items ("at least one of the following", "2 or
more of the following symptoms"): the gold leaves such counts of criterion logic unlabelled
(README), while the contract lets a count be a `value` and the LCT gold labels them.
Per-field rows give agreement among detected pairs (direction: pairs whose gold item is
`time`). Per-registry strict rows are shown on dev and all only: a test registry is often one or
two documents, close to an individual error. Split: stable hash of the document id (all
versions of one trial fall on one side).
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from pathlib import Path

from ..records import criterion_constraints
from .corpora import CorpusMissing, corpora_root, hash_split, in_split, repo_root
from .metrics import Counts, overlap
from .numbers import predicted_numbers, same_number

FIELDS = ("comparator", "value", "unit", "reference", "type", "direction")


def labels_dir() -> Path:
    return (repo_root() or Path.cwd()) / "corpora" / "registries"


def load_labels(folder: Path | None = None, only: set[str] | None = None) -> list[dict]:
    """Every label line of labels-*.jsonl, in file order; with `only` ({"j"}, ...), those of
    the named files alone (a new draw's carry-over is read on its own records)."""
    out = []
    for path in sorted((folder or labels_dir()).glob("labels-*.jsonl")):
        if only is not None and path.stem[len("labels-"):] not in only:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line))
    return out


def check_available() -> None:
    root = corpora_root()
    if not root.is_dir():
        raise CorpusMissing(f"{root} absent")
    if not list(labels_dir().glob("labels-*.jsonl")):
        raise CorpusMissing(f"{labels_dir()}/labels-*.jsonl absent")
    # a shared folder holding none of the labelled files (a test's, a partial copy) is absent;
    # one missing file among present ones is a failed document instead
    if not any((root / lab["corpus_path"]).is_file() for lab in load_labels()):
        raise CorpusMissing(f"no labelled registry file under {root}")


def split_of(label: dict) -> str:
    return hash_split(label["id"])


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# -- comparing one gold item with one predicted constraint ---------------------------------

def _num(x) -> float | None:
    return float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else None


def _same(a, b) -> bool:
    a, b = _num(a), _num(b)
    return a is not None and b is not None and same_number(a, b)


# a label item carries value / low, high / values as a record's constraint does
gold_numbers = predicted_numbers


def pred_unit(pred: dict) -> str | None:
    unit = pred.get("unit")
    return unit.get("ucum") if isinstance(unit, dict) else unit


def numbers_agree(gold: dict, pred: dict) -> bool:
    comparator = gold.get("comparator")
    if comparator == "between":
        return _same(gold.get("low"), pred.get("low")) and _same(gold.get("high"), pred.get("high"))
    if comparator == "in":
        return _same_set(gold_numbers(gold), predicted_numbers(pred))
    return _same(gold.get("value"), pred.get("value"))


def comparator_agrees(gold: dict, pred: dict) -> bool:
    if gold.get("comparator") != pred.get("comparator"):
        return False
    if gold.get("comparator") == "between":
        return all((gold.get(k, True) is not False) == (pred.get(k, True) is not False)
                   for k in ("low_inclusive", "high_inclusive"))
    return True


def field_agreement(gold: dict, pred: dict) -> dict[str, bool | None]:
    """Each field: agrees, disagrees, or None where it is not compared."""
    unscored = set(gold.get("unscored") or ())
    out: dict[str, bool | None] = {
        "comparator": comparator_agrees(gold, pred),
        # the numbers as the gold comparator reads them; when the comparators differ, the sets
        "value": numbers_agree(gold, pred) if gold.get("comparator") == pred.get("comparator")
        else _same_set(gold_numbers(gold), predicted_numbers(pred)),
        "unit": gold.get("unit") == pred_unit(pred),
        "reference": (gold.get("reference") or None) == (pred.get("reference") or None),
        "type": gold.get("type") == pred.get("type"),
        "direction": (gold.get("direction") == pred.get("direction"))
        if gold.get("type") == "time" else None,
    }
    for name in unscored:
        out[name] = None
    return out


def _same_set(a: list[float], b: list[float]) -> bool:
    a, b = sorted(a), sorted(b)
    return len(a) == len(b) and all(same_number(x, y) for x, y in zip(a, b))


def strict_agrees(agreement: dict[str, bool | None]) -> bool:
    # type is reported per field but not required: a window read as a duration with the
    # same numbers, unit and (for time items) direction states the same bound
    return all(agreement[f] is not False for f in ("comparator", "value", "unit", "reference",
                                                  "direction"))


def _span(item: dict) -> tuple[int, int]:
    span = item.get("span")
    if span:
        return int(span[0]), int(span[1])
    return int(item["start"]), int(item["end"])


def detected(gold: dict, pred: dict) -> bool:
    if overlap(_span(gold), _span(pred)) <= 0:
        return False
    return any(same_number(g, p) for g in gold_numbers(gold) for p in predicted_numbers(pred))


def predicted_constraints(record: dict) -> list[dict]:
    return [c for crit in record.get("criteria") or [] for c in criterion_constraints(crit)
            if c.get("span")]


# What follows a count of listed items: "... of the following", "... of these", "... of the
# criteria below", "... following symptoms", or "of" and a colon that opens the list ("one or
# more of: ..."); the counted noun may stand between ("at least three classes of the
# following").
_OF_LISTED = re.compile(r"\s*(?:(?:of\s+)?(?:the\s+|these\s+)?(?:following|listed|below|above|these)\b|of\s*:"
                        r"|[a-z]+\s+of\s+(?:the\s+|these\s+)?(?:following|listed|below|above)\b)", re.I)


def logic_counts(record: dict, preds: list[dict]) -> set[int]:
    """Indices of the predictions that count listed items (criterion logic, not labelled)."""
    text = (record.get("document") or {}).get("text") or ""
    return {i for i, p in enumerate(preds)
            if p.get("type") == "value" and not p.get("unit") and _OF_LISTED.match(text, _span(p)[1])}


# -- one document ------------------------------------------------------------------------

def score_document(gold: list[dict], preds: list[dict], errors: list | None = None,
                   doc_id: str = "", registry: str = "", counts: set[int] = frozenset()) -> dict[str, object]:
    """Strict and detection counts and per-field agreement for one document; `counts`: the
    predictions that count listed items (left out when unpaired, as for optional items)."""
    required = [g for g in gold if not g.get("optional")]
    optional = [g for g in gold if g.get("optional")]
    candidates = []
    for gi, g in enumerate(required):
        for pi, p in enumerate(preds):
            if detected(g, p):
                agreement = field_agreement(g, p)
                strict = strict_agrees(agreement)
                candidates.append((-int(strict), -overlap(_span(g), _span(p)),
                                   _span(p), gi, pi, agreement, strict))
    candidates.sort(key=lambda c: c[:5])
    used_g, used_p, pairs = set(), set(), []
    for _, _, _, gi, pi, agreement, strict in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi, agreement, strict))
    left_out = {pi for pi, p in enumerate(preds) if pi not in used_p
                and (pi in counts or any(overlap(_span(o), _span(p)) > 0 for o in optional))}
    counted_preds = len(preds) - len(left_out)
    strict_tp = sum(1 for *_, s in pairs if s)
    strict = Counts(strict_tp, counted_preds - strict_tp, len(required) - strict_tp)
    detection = Counts(len(pairs), counted_preds - len(pairs), len(required) - len(pairs))
    fields = {f: [0, 0] for f in FIELDS}   # agree, compared
    for _, _, agreement, _ in pairs:
        for f, ok in agreement.items():
            if ok is not None:
                fields[f][1] += 1
                fields[f][0] += int(ok)
    if errors is not None:
        _list_errors(errors, required, preds, pairs, used_g, used_p, left_out, doc_id, registry)
    return {"strict": strict, "detection": detection, "fields": fields}


def describe(c: dict) -> str:
    """A constraint or gold item in one line: type, comparator, numbers, unit, reference, direction."""
    if c.get("comparator") == "between":
        nums = f"{c.get('low')}..{c.get('high')}"
    elif c.get("comparator") == "in":
        nums = str(c.get("values"))
    else:
        nums = str(c.get("value"))
    unit = pred_unit(c)
    extra = f" ref={c['reference']}" if c.get("reference") else ""
    extra += f" dir={c['direction']}" if c.get("type") == "time" else ""
    return f"{c.get('type')} {c.get('comparator')} {nums} {unit}{extra}"


def _list_errors(errors, required, preds, pairs, used_g, used_p, left_out, doc_id, registry):
    for gi, pi, agreement, strict in pairs:
        if not strict:
            g, p = required[gi], preds[pi]
            errors.append({"doc": doc_id, "field": "constraint", "error": "mismatch",
                           "registry": registry,
                           "fields": ",".join(f for f, ok in agreement.items() if ok is False),
                           "gold": f"{g['text']!r} {describe(g)}",
                           "pred": f"{p.get('text')!r} {describe(p)}"})
    for gi, g in enumerate(required):
        if gi not in used_g:
            errors.append({"doc": doc_id, "field": "constraint", "error": "miss",
                           "registry": registry, "gold": f"{g['text']!r} {describe(g)}"})
    for pi, p in enumerate(preds):
        if pi not in used_p and pi not in left_out:
            errors.append({"doc": doc_id, "field": "constraint", "error": "false-alarm",
                           "registry": registry, "pred": f"{p.get('text')!r} {describe(p)}"})


# -- the corpus --------------------------------------------------------------------------

def documents(split: str, labels: list[dict] | None = None) -> list[dict]:
    return [lab for lab in (load_labels() if labels is None else labels)
            if in_split(split_of(lab), split)]


def _find(records: list[dict], locator) -> dict | None:
    for record in records:
        source = (record.get("document") or {}).get("source") or {}
        if "error" not in record and source.get("record") == locator:
            return record
    for record in records:   # an error record standing for the wanted document
        if "error" in record and (record["error"].get("record") == locator):
            return record
    return None


def evaluate(split: str, errors: bool, predictor, labels: list[dict] | None = None,
             root: Path | None = None) -> dict:
    docs = documents(split, labels)
    root = root or corpora_root()
    by_path: dict[str, list[dict]] = defaultdict(list)
    for lab in docs:
        by_path[lab["corpus_path"]].append(lab)
    strict, detection = Counts(), Counts()
    per_registry: dict[str, Counts] = defaultdict(Counts)
    fields = {f: [0, 0] for f in FIELDS}
    error_list: list[dict] | None = [] if errors else None
    failed, notes = 0, []
    for corpus_path in sorted(by_path):
        labs = by_path[corpus_path]
        records = predictor.records(str(root / corpus_path), [lab["record"] for lab in labs])
        if records is None:
            return {"documents": 0, "failed_documents": 0, "fields": {},
                    "notes": ["skipped: no file reader (Predictor.records) available"]}
        for lab in labs:
            record = _find(records, lab["record"])
            problem = None
            if record is None:
                problem = "document not found"
            elif "error" in record:
                problem = f"error {record['error'].get('code')}"
            elif text_sha256(record["document"]["text"]) != lab["text_sha256"]:
                problem = "text_sha256 mismatch (the canonical text changed)"
            if problem:
                failed += 1
                notes.append(f"{lab['id']} ({corpus_path} {lab['record']}): {problem}")
                record = {"criteria": []}
            preds = predicted_constraints(record)
            result = score_document(lab["constraints"], preds, error_list, lab["id"], lab["registry"],
                                    logic_counts(record, preds))
            strict.add(result["strict"])
            detection.add(result["detection"])
            per_registry[lab["registry"]].add(result["strict"])
            for f, (agree, compared) in result["fields"].items():
                fields[f][0] += agree
                fields[f][1] += compared
    out_fields = {"constraint.strict": strict.as_dict(),
                  "constraint.detection": detection.as_dict()}
    for f, (agree, compared) in fields.items():
        out_fields[f"agreement.{f}"] = {
            "accuracy": round(agree / compared, 4) if compared else None,
            "agree": agree, "pairs": compared}
    if split != "test":
        for registry in sorted(per_registry):
            out_fields[f"registry.{registry}.strict"] = per_registry[registry].as_dict()
    return {"documents": len(docs), "failed_documents": failed, "fields": out_fields,
            "errors": error_list, "notes": notes}
