"""Scoring against LCT logical forms: one criterion per file, numbers and comparators.

A file holds 'INC'|'EXC', the criterion text, an inline-tagged copy, then a logical form whose
`eq(...)` terms carry `op(GT)` and `val("30")`. Gold offsets are not given.

Feeding: the criterion text alone. Putting it under an "Inclusion Criteria:" heading chosen
from the gold INC/EXC would hand the answer to the kind check, so the text goes in bare (the
library predictor treats heading-less text as one list) and the extractor rightly calls most
criteria `unspecified`.

Fields:
- numbers: the multiset of gold `val` numbers vs the numbers of every predicted constraint.
- comparison.exact: each gold `eq` term with an operator vs predicted constraints, one-to-one by
  a shared number; hit when the comparator agrees (same table as LCT). Terms without an
  operator are left out, as in LCT.
- kind: only where the extractor decides (a criterion that names its side itself, e.g.
  "Exclusion: ..."): `decided`, `agree`, `accuracy`; undecided criteria are counted, not scored.

Duplicates (double-annotated criteria appear under several annotators) are read once, from the
first path in sorted order. Split: the LCT split of the criterion's trial (hash when absent).
"""
from __future__ import annotations

import re

from .corpora import corpus_dir, hash_split, in_split, lct_trial_splits
from .metrics import Counts, greedy_match
from .numbers import numbers_in, same_number
from .predictions import numeric_constraints

OPERATORS = {"GT": ">", "GTEQ": ">=", "LT": "<", "LTEQ": "<=", "EQ": "=", "BETWEEN": "between"}
_VAL = re.compile(r'val\("((?:[^"\\]|\\.)*)"\)')
_OP = re.compile(r"op\((\w+)\)")


def check_available() -> None:
    corpus_dir("lct", "leaf_logical_forms")


def _unquote(line: str) -> str:
    line = line.strip()
    if len(line) >= 2 and line[0] == line[-1] and line[0] in "'\"":
        line = line[1:-1]
    return re.sub(r"\\(.)", r"\1", line)


def _eq_terms(form: str) -> list[str]:
    """The bodies of every `eq(...)` term, matching parentheses outside quoted strings."""
    terms = []
    for m in re.finditer(r"\beq\(", form):
        depth, i, quoted = 1, m.end(), False
        while i < len(form) and depth:
            ch = form[i]
            if ch == '"' and form[i - 1] != "\\":
                quoted = not quoted
            elif not quoted:
                depth += (ch == "(") - (ch == ")")
            i += 1
        terms.append(form[m.end():i - 1])
    return terms


def parse(content: str) -> dict | None:
    lines = [ln for ln in content.splitlines() if ln.strip()]
    if len(lines) < 3:
        return None
    side = _unquote(lines[0]).upper()
    form = "\n".join(lines[3:])
    terms = []
    for body in _eq_terms(form):
        inner = _eq_terms(body)  # nested eq terms are read on their own
        for sub in inner:
            body = body.replace(sub, "")
        numbers = [n for v in _VAL.findall(body) for n in numbers_in(v)]
        if not numbers:
            continue
        comparators = {OPERATORS[o] for o in _OP.findall(body) if o in OPERATORS}
        terms.append({"numbers": numbers, "comparators": comparators})
    return {"kind": {"INC": "inclusion", "EXC": "exclusion"}.get(side),
            "text": _unquote(lines[1]), "terms": terms,
            "numbers": [n for t in terms for n in t["numbers"]]}


def documents(split: str):
    root = corpus_dir("lct", "leaf_logical_forms")
    trial_split = lct_trial_splits()
    seen = set()
    for path in sorted(root.rglob("*.js")):
        if path.name in seen:
            continue
        seen.add(path.name)
        trial = path.stem.split("_")[0]
        if not in_split(trial_split.get(trial) or hash_split(trial), split):
            continue
        item = parse(path.read_text(encoding="utf-8"))
        if item and item["text"].strip():
            yield str(path.relative_to(root)), item


def _agrees(term: dict, pred) -> bool:
    c = pred.comparator
    if c == "between":
        bounds = [pred.raw.get("low"), pred.raw.get("high")]
        return "between" in term["comparators"] and all(
            any(isinstance(b, (int, float)) and same_number(g, b) for b in bounds)
            for g in term["numbers"][:2])
    if c in term["comparators"]:
        return True
    return c == "in" and "=" in term["comparators"] and any(
        same_number(g, p) for g in term["numbers"] for p in pred.numbers)


def evaluate(split: str, errors: bool, predictor) -> dict:
    docs = list(documents(split))
    numbers, exact = Counts(), Counts()
    decided = agree = undecided = failed = 0
    error_list: list[dict] = []
    for (doc_id, item), record in zip(docs, predictor.texts([d[1]["text"] for d in docs])):
        if "error" in record:
            failed += 1
            record = {"criteria": []}
        preds = numeric_constraints(record)
        pred_numbers = [n for p in preds for n in p.numbers]
        pairs = greedy_match(item["numbers"], pred_numbers, lambda g, p: float(same_number(g, p)))
        numbers.add(Counts(len(pairs), len(pred_numbers) - len(pairs),
                           len(item["numbers"]) - len(pairs)))
        terms = [t for t in item["terms"] if t["comparators"]]
        term_pairs = greedy_match(terms, preds, lambda t, p: float(any(
            same_number(g, n) for g in t["numbers"] for n in p.numbers)))
        hits = sum(1 for ti, pi in term_pairs if _agrees(terms[ti], preds[pi]))
        # predictions paired with operator-less terms are neither hits nor false alarms
        no_op = greedy_match([t for t in item["terms"] if not t["comparators"]], preds,
                             lambda t, p: float(any(same_number(g, n) for g in t["numbers"]
                                                    for n in p.numbers)))
        exact.add(Counts(hits, max(0, len(preds) - hits - len(no_op)), len(terms) - hits))
        kinds = {c.get("kind") for c in record.get("criteria") or []} - {"unspecified", None}
        if len(kinds) == 1:
            decided += 1
            agree += kinds == {item["kind"]}
        else:
            undecided += 1
        if errors and (len(pairs) < len(item["numbers"]) or len(pairs) < len(pred_numbers)):
            error_list.append({"doc": doc_id, "field": "numbers", "error": "mismatch",
                               "text": item["text"], "gold": item["numbers"],
                               "pred": pred_numbers})
    kind = {"decided": decided, "agree": agree, "undecided": undecided,
            "accuracy": round(agree / decided, 4) if decided else None}
    return {"documents": len(docs), "failed_documents": failed,
            "fields": {"numbers": numbers.as_dict(), "comparison.exact": exact.as_dict(),
                       "kind": kind},
            "errors": error_list if errors else None}
