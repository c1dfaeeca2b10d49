"""Quick scorer for thresholds on the LCT corpus (until the official `extractor eval lct` exists).

Gold: Eq-Comparison events with a numeric Value (parsed like the extractor parses numbers:
digits, number words, roman numerals); operator from the Eq-Operator's Eq-Operator-Value
(GT/GTEQ/LT/LTEQ/EQ/BETWEEN; missing = unknown). A prediction matches a gold comparison when
their spans overlap and one predicted number equals one gold value; each side matches once.
Exact also needs the same comparator (a missing gold operator counts as matching any; the
strict figure counts it as "=" or "in"). Precision counts every predicted numeric constraint.

    python tools/dev_score_lct.py --split dev [--errors 40]
    python tools/dev_score_lct.py --split test          # aggregate figures only
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.nlp import Analyzer  # noqa: E402
from extractor.normalize.numbers import parse_number  # noqa: E402

LCT = ROOT.parent / "shared" / "corpora" / "lct" / "leaf_clinical_trials"
SPLITS = {"dev": ["training"] + [f"batch{i}" for i in range(1, 11)],
          "test": [f"batch{i}" for i in range(11, 21)]}
OPS = {"GT": ">", "GTEQ": ">=", "LT": "<", "LTEQ": "<=", "EQ": "=", "BETWEEN": "between"}
_ITEM = re.compile(r"[^\n]+")
_HEADING = re.compile(r"^\s*(?:inclusion|exclusion)\s+criteria\s*:?\s*$", re.IGNORECASE)
_MARKER = re.compile(r"^\s*(?:[-•*·]|\(?\d{1,3}[.)]|\(?[a-z][.)](?=\s))?\s*", re.IGNORECASE)


def read_gold(ann: Path) -> list[dict]:
    spans, events, attrs = {}, {}, {}
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            head = parts[1].split(" ")
            if ";" in parts[1]:
                continue
            spans[parts[0]] = (head[0], int(head[1]), int(head[-1]), parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            events[parts[0]] = parts[1].split()
        elif line.startswith("A") and len(parts) >= 2:
            a = parts[1].split()
            if len(a) == 3:
                attrs[a[1]] = a[2]
    gold = []
    for args in events.values():
        kind, tid = args[0].split(":")
        if kind != "Eq-Comparison" or tid not in spans:
            continue
        roles: dict[str, list[str]] = {}
        for arg in args[1:]:
            role, ref = arg.split(":")
            roles.setdefault(re.sub(r"\d+$", "", role), []).append(ref)
        values = []
        for ref in roles.get("Value", []):
            if ref in spans:
                v = parse_number(spans[ref][3], roman=True)
                if v is not None:
                    values.append(v)
        if not values:
            continue
        op = None
        for ref in roles.get("Operator", []):
            op = attrs.get(ref, op)
        units = [spans[r][1:3] for r in roles.get("Unit", []) + roles.get("Temporal-Unit", []) if r in spans]
        gold.append({"span": spans[tid][1:3], "text": spans[tid][3], "values": values, "op": op,
                     "time": bool(roles.get("Temporal-Unit")), "units": units})
    return gold


def items_of(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _ITEM.finditer(text):
        if _HEADING.match(m.group()):
            continue
        start = m.start() + _MARKER.match(m.group()).end()
        end = m.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def numbers(c: dict) -> list[float]:
    vals = [c[k] for k in ("value", "low", "high") if isinstance(c.get(k), (int, float))]
    return vals + [v for v in c.get("values") or [] if isinstance(v, (int, float))]


def overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(split: str, errors: int = 0) -> dict:
    analyzer = Analyzer()
    tp = fp = fn = 0
    exact = strict = 0
    time_total = time_hit = 0
    unit_total = unit_ok = 0
    shown = 0
    for folder in SPLITS[split]:
        for txt in sorted((LCT / folder).glob("*.txt")):
            text = txt.read_text(encoding="utf-8")
            gold = read_gold(txt.with_suffix(".ann"))
            preds = [c for r in analyzer.analyze(text, items_of(text)) for c in r["constraints"] if numbers(c)]
            used = set()
            for g in gold:
                time_total += g["time"]
                hit = None
                for i, p in enumerate(preds):
                    if i in used or not overlaps(p["span"], g["span"]):
                        continue
                    if any(abs(x - y) < 1e-9 for x in numbers(p) for y in g["values"]):
                        hit = i
                        break
                if hit is None:
                    fn += 1
                    if errors and split == "dev" and shown < errors:
                        shown += 1
                        print(f"MISS {txt.stem} {g['text']!r} {g['op']} | {text[max(0, g['span'][0]-40):g['span'][1]+25]!r}")
                    continue
                used.add(hit)
                tp += 1
                p = preds[hit]
                time_hit += g["time"]
                want = OPS.get(g["op"])
                exact += want is None or p["comparator"] == want
                strict += (p["comparator"] == want) if want else p["comparator"] in ("=", "in")
                if g["units"]:
                    unit_total += 1
                    unit_ok += bool(p.get("unit") and any(overlaps(p["unit"]["span"], u) for u in g["units"]))
                if errors and split == "dev" and shown < errors and p["comparator"] != (want or p["comparator"]):
                    shown += 1
                    print(f"CMP  {txt.stem} gold {g['op']} {g['text']!r} pred {p['comparator']} {p['text']!r}")
            for i, p in enumerate(preds):
                if i not in used:
                    fp += 1
                    if errors and split == "dev" and shown < errors:
                        shown += 1
                        print(f"FP   {txt.stem} {p['text']!r} | {text[max(0, p['span'][0]-40):p['span'][1]+25]!r}")

    def f1(hits):
        p = hits / (hits + fp + (tp - hits)) if tp + fp else 0.0
        p = hits / (tp + fp) if tp + fp else 0.0
        r = hits / (tp + fn) if tp + fn else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}

    return {
        "split": split, "gold": tp + fn, "predicted": tp + fp, "matched": tp,
        "detection": f1(tp), "exact": f1(exact), "exact_strict": f1(strict),
        "time_window_recall": round(time_hit / time_total, 4) if time_total else None,
        "time_windows_gold": time_total,
        "unit_accuracy": round(unit_ok / unit_total, 4) if unit_total else None,
        "unit_pairs": unit_total,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=sorted(SPLITS), default="dev")
    ap.add_argument("--errors", type=int, default=0, help="print up to N errors (dev split only)")
    args = ap.parse_args()
    if args.errors and args.split != "dev":
        ap.error("errors are shown for the dev split only")
    if not LCT.is_dir():
        print(f"skipped: {LCT} not found", file=sys.stderr)
        sys.exit(0)
    print(json.dumps(score(args.split, args.errors), indent=2))


if __name__ == "__main__":
    main()
