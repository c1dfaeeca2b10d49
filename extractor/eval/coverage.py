"""`extractor eval coverage FOLDER... [--json] [--top K]`: where the numbers of the criteria go.

Every number written in a criterion (as `extractor.nlp.accounting.numbers` counts them) is
in a constraint, `ignored` (by reason) or `unparsed`. This reports the shares per corpus folder
and per registry, and the most frequent unparsed shapes (the item's text with digits as N:
"N-N mg") with examples. It needs no annotation: it runs over any folder of registry records.

The registry of a record is its first identifier's system (EudraCT as EUCTR); for a WHO ICTRP
CSV row, or an identifier of system "other", the letters its id starts with (NCT, CTRI, IRCT,
ChiCTR, EUCTR, ACTRN, JPRN, RBR, ISRCTN...); "unknown" without any.

Targets (see the contract's "Unparsed numbers"): at most 3% of numbers unparsed in
ClinicalTrials.gov criteria (registry NCT), at most 6% in the other registries' criteria
(records that name no registry count for neither).
"""
from __future__ import annotations

import re
import time
from bisect import bisect_right
from collections import Counter, defaultdict
from typing import Any, Callable, Iterable

from ..nlp.accounting import numbers, shape

TARGETS = {"NCT": 0.03, "other": 0.06}
_ID_PREFIX = re.compile(r"[A-Za-z]+")
_SYSTEMS = {"EudraCT": "EUCTR"}
EXAMPLES = 3


def registry(record: dict) -> str:
    ids = (record.get("study") or {}).get("identifiers") or []
    doc = record.get("document") or {}
    # an ICTRP row of the EU CTR has a bare EudraCT number as identifier: no letters to read
    if ids and ids[0].get("system") in _SYSTEMS:
        return _SYSTEMS[ids[0]["system"]]
    if (doc.get("source") or {}).get("format") == "ictrp-csv" or (ids and ids[0].get("system") == "other"):
        m = _ID_PREFIX.match(ids[0]["value"] if ids else doc.get("id", ""))
        prefix = m.group() if m else ""
        return "ChiCTR" if prefix.lower() == "chictr" else prefix.upper() or "unknown"
    if not ids:
        return "unknown"
    return _SYSTEMS.get(ids[0]["system"], ids[0]["system"])


class Tally:
    """Numbers counted by where they went."""

    def __init__(self):
        self.documents = 0
        self.criteria = 0
        self.numbers = 0
        self.constraint = 0
        self.unparsed = 0
        self.unaccounted = 0
        self.ignored: Counter = Counter()

    def to_dict(self) -> dict[str, Any]:
        n = self.numbers or 1
        ignored = sum(self.ignored.values())
        return {"documents": self.documents, "criteria": self.criteria, "numbers": self.numbers,
                "constraint": self.constraint, "ignored": ignored, "unparsed": self.unparsed,
                "unaccounted": self.unaccounted,
                "share": {"constraint": round(self.constraint / n, 4), "ignored": round(ignored / n, 4),
                          "unparsed": round(self.unparsed / n, 4)},
                "ignored_by_reason": dict(sorted(self.ignored.items(), key=lambda kv: (-kv[1], kv[0])))}


def _where(criterion: dict) -> tuple[list[tuple[int, int, str]], list[int]]:
    """(start, end, label) of the criterion's constraints, ignored and unparsed items, sorted."""
    spans = []
    for c in criterion.get("constraints") or ():
        spans.append((c["span"][0], c["span"][1], "constraint"))
        if c.get("event"):
            spans.append((c["event"]["span"][0], c["event"]["span"][1], "constraint"))
    for item in criterion.get("ignored") or ():
        spans.append((item["span"][0], item["span"][1], "ignored:" + item["reason"]))
    for item in criterion.get("unparsed") or ():
        spans.append((item["span"][0], item["span"][1], "unparsed"))
    spans.sort()
    return spans, [s for s, _, _ in spans]


def classify(criterion: dict) -> list[tuple[str, str]]:
    """(number text, label) for every number of a criterion: "constraint", "ignored:REASON",
    "unparsed" or "unaccounted" (which the contract forbids)."""
    text, base = criterion["text"], criterion["span"][0]
    spans, starts = _where(criterion)
    out = []
    for start, end, _ in numbers(text):
        at = base + start
        label = "unaccounted"
        i = bisect_right(starts, at) - 1
        while i >= 0:
            s, e, what = spans[i]
            if s <= at < e:
                # a constraint wins over an item that merely surrounds it
                if label == "unaccounted" or what == "constraint":
                    label = what
            i -= 1
        out.append((text[start:end], label))
    return out


class Coverage:
    def __init__(self, top: int = 10):
        self.top = top
        self.by_corpus: dict[str, Tally] = defaultdict(Tally)
        self.by_registry: dict[str, Tally] = defaultdict(Tally)
        self.by_target: dict[str, Tally] = defaultdict(Tally)
        self.shapes: Counter = Counter()
        self.examples: dict[str, list] = defaultdict(list)
        self.errors = 0

    def add(self, corpus: str, record: dict) -> None:
        if "criteria" not in record:
            self.errors += 1
            return
        reg = registry(record)
        tallies = [self.by_corpus[corpus], self.by_registry[reg]]
        if reg != "unknown":  # a file that names no registry (a README) counts for no target
            tallies.append(self.by_target["NCT" if reg == "NCT" else "other"])
        for t in tallies:
            t.documents += 1
        for crit in record["criteria"]:
            labels = classify(crit)
            for t in tallies:
                t.criteria += 1
                for _, label in labels:
                    t.numbers += 1
                    if label == "constraint":
                        t.constraint += 1
                    elif label == "unparsed":
                        t.unparsed += 1
                    elif label == "unaccounted":
                        t.unaccounted += 1
                    else:
                        t.ignored[label.split(":", 1)[1]] += 1
            for item in crit.get("unparsed") or ():
                key = shape(item["text"])
                self.shapes[key] += 1
                if len(self.examples[key]) < EXAMPLES:
                    s = item["span"][0] - crit["span"][0]
                    e = item["span"][1] - crit["span"][0]
                    self.examples[key].append({
                        "document": record["document"]["id"], "criterion": crit["id"],
                        "text": item["text"], "reason": item["reason"],
                        "context": " ".join(crit["text"][max(0, s - 50):e + 30].split())})

    def to_dict(self) -> dict[str, Any]:
        return {
            "corpora": {k: v.to_dict() for k, v in self.by_corpus.items()},
            "registries": {k: v.to_dict() for k, v in sorted(self.by_registry.items())},
            "targets": {k: {**self.by_target[k].to_dict(), "target_unparsed": TARGETS[k],
                            "met": self.by_target[k].unparsed <= TARGETS[k] * self.by_target[k].numbers}
                        for k in TARGETS if k in self.by_target},
            "unparsed_shapes": [{"shape": s, "count": n, "examples": self.examples[s]}
                                for s, n in self.shapes.most_common(self.top)],
            "error_records": self.errors,
        }


def run_coverage(folders: Iterable[str], top: int = 10, workers: int = 2,
                 extract_many: Callable[[list[str]], Iterable[dict]] | None = None) -> dict[str, Any]:
    """Coverage of the records of each folder. `extract_many(paths)` gives records in order
    (default: one engine, `workers` processes)."""
    if extract_many is None:
        from .. import Extractor
        engine = Extractor()
        extract_many = lambda paths: engine.extract_many(paths, workers=workers)  # noqa: E731
    cov = Coverage(top)
    t0 = time.perf_counter()
    for folder in folders:
        for record in extract_many([folder]):
            cov.add(folder, record)
    out = cov.to_dict()
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out


def _row(name: str, t: dict) -> str:
    s = t["share"]
    return (f"  {name:<48} {t['numbers']:>7} {s['constraint']:>7.1%} {s['ignored']:>7.1%} "
            f"{s['unparsed']:>7.1%}" + (f"  unaccounted {t['unaccounted']}" if t["unaccounted"] else ""))


def lines(result: dict) -> list[str]:
    head = f"  {'':<48} {'numbers':>7} {'constr.':>7} {'ignored':>7} {'unparsed':>7}"
    out = ["by corpus folder:", head]
    out += [_row(k, v) for k, v in result["corpora"].items()]
    out += ["by registry:", head]
    out += [_row(k, v) for k, v in result["registries"].items()]
    out += ["against the targets:", head]
    for k, v in result["targets"].items():
        out.append(_row(k, v) + f"  target <= {v['target_unparsed']:.0%}: "
                   + ("met" if v["met"] else "NOT met"))
    reasons: Counter = Counter()
    for v in result["registries"].values():
        reasons.update(v["ignored_by_reason"])
    out.append("ignored, by reason: " + ", ".join(f"{k} {n}" for k, n in reasons.most_common()))
    out.append(f"most frequent unparsed shapes (top {len(result['unparsed_shapes'])}):")
    for s in result["unparsed_shapes"]:
        out.append(f"  {s['count']:>6}  {s['shape']!r}")
        for ex in s["examples"]:
            out.append(f"          {ex['document']} {ex['criterion']}: ...{ex['context']}...")
    out.append(f"{result['error_records']} error records; {result.get('seconds', 0)} s")
    return out
