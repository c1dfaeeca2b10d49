"""`extractor eval CORPUS [--split dev|test|all] [--errors] [--labels LETTERS] [--json]`, and
`extractor eval coverage FOLDER... [--top K] [--json]` (where the numbers of the criteria go:
constraints, ignored, unparsed; see coverage.py).

Wire into the main CLI with `add_eval_parser(subparsers)`; the parser's default `func` is
`handle_eval(args) -> exit status`. `main_eval(argv)` runs it standalone
(`python -m extractor.eval`).
"""
from __future__ import annotations

import argparse
import json
import sys

from . import coverage
from .corpora import SPLITS
from .report import error_lines, table
from .runner import CORPORA, run_eval


def _configure(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("corpus", choices=[*CORPORA, "all", "coverage"],
                        help="evaluation corpus (read from ../shared/corpora or "
                             "$EXTRACTOR_SHARED/corpora), or 'coverage' followed by folders")
    parser.add_argument("folders", nargs="*", metavar="FOLDER",
                        help="with 'coverage': folders (or files) of registry records")
    parser.add_argument("--top", type=int, default=10, metavar="K",
                        help="with 'coverage': how many unparsed shapes to list")
    parser.add_argument("--split", choices=SPLITS, default="dev",
                        help="dev (tune here), test (report only aggregates) or all")
    parser.add_argument("--errors", action="store_true",
                        help="list individual misses and false alarms (dev split only)")
    parser.add_argument("--labels", metavar="LETTERS",
                        help="with 'registries': score only these label files, e.g. 'j' or "
                             "'i,j' (labels-j.jsonl ...)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.set_defaults(func=handle_eval)
    return parser


def add_eval_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "eval", help="score the extractor on an annotated corpus",
        description="Score the extractor on an annotated corpus.")
    return _configure(parser)


def handle_eval(args: argparse.Namespace) -> int:
    if args.corpus == "coverage":
        return _handle_coverage(args)
    if args.folders:
        print(f"error: folders are only read by 'coverage', not by {args.corpus!r}", file=sys.stderr)
        return 2
    labels = None
    if args.labels:
        if args.corpus != "registries":
            print("error: --labels only applies to 'registries'", file=sys.stderr)
            return 2
        labels = {x.strip() for x in args.labels.split(",") if x.strip()}
    corpora = list(CORPORA) if args.corpus == "all" else [args.corpus]
    if args.errors and args.split != "dev":
        print("note: --errors is only honoured for --split dev; listing nothing", file=sys.stderr)
    results = []
    for corpus in corpora:
        try:
            results.append(run_eval(corpus, args.split, args.errors, labels=labels))
        except RuntimeError as exc:  # the pipeline could not be loaded
            print(f"error: {exc}", file=sys.stderr)
            return 1
    if args.json:
        payload = results[0] if len(results) == 1 else results
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return 0
    for result in results:
        print(table(result))
        for line in error_lines(result):
            print(line)
    return 0


def _handle_coverage(args: argparse.Namespace) -> int:
    if not args.folders:
        print("error: 'coverage' needs at least one FOLDER", file=sys.stderr)
        return 2
    result = coverage.run_coverage(args.folders, top=args.top)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print("\n".join(coverage.lines(result)))
    return 0


def main_eval(argv: list[str] | None = None) -> int:
    parser = _configure(argparse.ArgumentParser(prog="extractor eval"))
    return handle_eval(parser.parse_args(argv))
