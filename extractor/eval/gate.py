"""The quality gate: corpus figures on the test split must not drop below pinned floors.

    python -m extractor.eval.gate                    # check; exit 1 when a figure is below
    python -m extractor.eval.gate --write-floors     # pin measured - margin where it raises
    python -m extractor.eval.gate --write-floors --allow-lower "reason"

Floors live in `baselines/eval_baseline.json` as {"floors": {corpus: {"field.metric": x}}}.
Raising a floor is an ordinary commit; lowering one needs `--allow-lower REASON`, and the
reason is kept in the file's `history` and belongs in the commit message too. Where the shared
corpora are absent the gate says so and exits 0: a machine without data cannot judge quality.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

from .corpora import corpora_root, repo_root
from .runner import run_eval

EXIT_OK, EXIT_BELOW, EXIT_BROKEN = 0, 1, 2


def default_baseline() -> Path:
    return (repo_root() or Path.cwd()) / "baselines" / "eval_baseline.json"


def figure(result: dict, key: str) -> float | None:
    """`comparison.detection.f1` -> result["fields"]["comparison.detection"]["f1"]."""
    field, _, metric = key.rpartition(".")
    value = (result.get("fields") or {}).get(field, {}).get(metric)
    return value if isinstance(value, (int, float)) else None


def check(baseline: dict, results: dict[str, dict]) -> tuple[list[str], bool]:
    """Lines to print and whether every floor holds."""
    lines, ok = [], True
    for corpus, floors in baseline["floors"].items():
        result = results.get(corpus)
        if result is None or "skipped" in result:
            lines.append(f"skip {corpus}: {result.get('skipped') if result else 'not run'}")
            continue
        for key, floor in floors.items():
            value = figure(result, key)
            if value is None:
                ok = False
                lines.append(f"FAIL {corpus} {key}: no figure (floor {floor:.3f})")
            elif value + 1e-9 < floor:
                ok = False
                lines.append(f"FAIL {corpus} {key}: {value:.4f} < floor {floor:.3f}")
            else:
                lines.append(f"ok   {corpus} {key}: {value:.4f} >= floor {floor:.3f}")
    return lines, ok


def proposed_floors(baseline: dict, results: dict[str, dict]) -> dict[str, dict[str, float]]:
    """Measured figure minus the margin, rounded down to 3 decimals, for every pinned key."""
    margin = float(baseline.get("margin", 0.01))
    out: dict[str, dict[str, float]] = {}
    for corpus, floors in baseline["floors"].items():
        result = results.get(corpus)
        if result is None or "skipped" in result:
            continue
        out[corpus] = {}
        for key in floors:
            value = figure(result, key)
            if value is not None:
                out[corpus][key] = max(0.0, math.floor((value - margin) * 1000) / 1000)
    return out


def write_floors(path: Path, baseline: dict, results: dict, allow_lower: str | None) -> list[str]:
    """Pin measured - margin where that raises a floor; lower one only with a reason.

    Returns one line per floor changed or kept.
    """
    proposed = proposed_floors(baseline, results)
    changes, lines, lowered = [], [], False
    for corpus, floors in proposed.items():
        for key, new in floors.items():
            old = baseline["floors"][corpus][key]
            if new < old and not allow_lower:
                lines.append(f"kept {corpus} {key}: {old:.3f} (measured - margin = {new:.3f}; "
                             f"lowering needs --allow-lower REASON)")
                continue
            if new != old:
                lowered |= new < old
                changes.append(f"{corpus} {key}: {old:.3f} -> {new:.3f}")
                baseline["floors"][corpus][key] = new
    if changes:
        baseline["provisional"] = False
        baseline.setdefault("history", []).append(
            {"changes": changes, **({"lowered_because": allow_lower} if lowered else {})})
        path.write_text(json.dumps(baseline, indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    return [f"set  {c}" for c in changes] + lines


def main(argv: list[str] | None = None, predict=None) -> int:
    """Run the gate; `predict` (a text -> record callable) replaces the library in tests."""
    ap = argparse.ArgumentParser(prog="python -m extractor.eval.gate", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", type=Path, default=None, help="floors file")
    ap.add_argument("--corpus", action="append", help="check only this corpus (repeatable)")
    ap.add_argument("--write-floors", action="store_true",
                    help="pin measured figures minus the margin (raises only)")
    ap.add_argument("--allow-lower", metavar="REASON", help="permit lowering, with a reason")
    args = ap.parse_args(argv)

    if not corpora_root().is_dir():
        print(f"skipped: ../shared/corpora absent ({corpora_root()})")
        return EXIT_OK
    path = args.baseline or default_baseline()
    try:
        baseline = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"error: cannot read floors from {path}: {exc}", file=sys.stderr)
        return EXIT_BROKEN
    # --corpus narrows what is run and checked; writing still keeps the other corpora's floors
    selected = [c for c in baseline["floors"] if not args.corpus or c in args.corpus]

    started = time.perf_counter()
    results = {}
    try:
        from .predict import as_predictor
        predictor = as_predictor(predict)
        for corpus in selected:
            results[corpus] = run_eval(corpus, baseline.get("split", "test"), False, predictor)
            r = results[corpus]
            print(f"ran  {corpus}: {r.get('documents', 0)} documents in "
                  f"{r.get('seconds', 0):.1f} s" if "skipped" not in r else
                  f"skip {corpus}: {r['skipped']}", flush=True)
    except RuntimeError as exc:
        print(f"FAIL {exc}")
        return EXIT_BELOW
    if all("skipped" in r for r in results.values()):
        print("skipped: ../shared/corpora absent (no evaluation corpus found)")
        return EXIT_OK
    if args.write_floors:
        for line in write_floors(path, baseline, results, args.allow_lower) or ["no change"]:
            print(line)
        return EXIT_OK
    lines, ok = check({**baseline, "floors": {c: baseline["floors"][c] for c in selected}}, results)
    print("\n".join(lines))
    note = " (floors are provisional)" if baseline.get("provisional") else ""
    print(f"gate {'passed' if ok else 'FAILED'} in {time.perf_counter() - started:.1f} s{note}")
    return EXIT_OK if ok else EXIT_BELOW


if __name__ == "__main__":
    sys.exit(main())
