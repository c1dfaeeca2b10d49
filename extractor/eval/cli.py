"""`extractor eval CORPUS [--split dev|test|all] [--errors] [--json]`.

Wire into the main CLI with `add_eval_parser(subparsers)`; the parser's default `func` is
`handle_eval(args) -> exit status`. `main_eval(argv)` runs it standalone
(`python -m extractor.eval`).
"""
from __future__ import annotations

import argparse
import json
import sys

from .corpora import SPLITS
from .report import error_lines, table
from .runner import CORPORA, run_eval


def _configure(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("corpus", choices=[*CORPORA, "all"],
                        help="evaluation corpus (read from ../shared/corpora or "
                             "$EXTRACTOR_SHARED/corpora)")
    parser.add_argument("--split", choices=SPLITS, default="dev",
                        help="dev (tune here), test (report only aggregates) or all")
    parser.add_argument("--errors", action="store_true",
                        help="list individual misses and false alarms (dev split only)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.set_defaults(func=handle_eval)
    return parser


def add_eval_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "eval", help="score the extractor on an annotated corpus",
        description="Score the extractor on an annotated corpus.")
    return _configure(parser)


def handle_eval(args: argparse.Namespace) -> int:
    corpora = list(CORPORA) if args.corpus == "all" else [args.corpus]
    if args.errors and args.split != "dev":
        print("note: --errors is only honoured for --split dev; listing nothing", file=sys.stderr)
    results = []
    for corpus in corpora:
        try:
            results.append(run_eval(corpus, args.split, args.errors))
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


def main_eval(argv: list[str] | None = None) -> int:
    parser = _configure(argparse.ArgumentParser(prog="extractor eval"))
    return handle_eval(parser.parse_args(argv))
