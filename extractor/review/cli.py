"""`extractor review OUT.jsonl [-o review.html]`: the review page of a JSON Lines file.

Wire into the main CLI with `add_review_parser(subparsers)`; the parser's default `func` is
`handle_review(args) -> exit status`. `main_review(argv)` runs it standalone.
"""
from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

from .page import ReviewSummary, review_file, write_review
from .payload import read_jsonl

EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE = 0, 1, 2


def _configure(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("input", metavar="OUT.jsonl", help="records written by `extractor extract` (- for standard input)")
    parser.add_argument("-o", "--output", metavar="review.html",
                        help="write the page here (default: standard output)")
    parser.set_defaults(func=handle_review)
    return parser


def add_review_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "review", help="build one offline HTML page to review the records of a JSON Lines file",
        description="Build one self-contained, offline HTML page showing each document's text "
                    "with its criteria, constraints, entities and unparsed numbers highlighted.")
    return _configure(parser)


def _write(args: argparse.Namespace) -> ReviewSummary:
    items = read_jsonl(sys.stdin.buffer if args.input == "-" else args.input)
    if not args.output or args.output == "-":
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        try:
            return write_review(items, out)
        finally:
            out.flush()
            out.detach()  # standard output stays open for whoever holds it
    return review_file(items, args.output)


def handle_review(args: argparse.Namespace) -> int:
    if args.input != "-" and not os.path.isfile(args.input):
        print(f"extractor review: {args.input}: no such file", file=sys.stderr)
        return EXIT_USAGE
    if args.output and args.output != "-" and not Path(args.output).parent.is_dir():
        print(f"extractor review: {args.output}: its folder does not exist", file=sys.stderr)
        return EXIT_USAGE
    try:
        summary = _write(args)
    except OSError as exc:
        print(f"extractor review: {exc}", file=sys.stderr)
        return EXIT_USAGE
    where = f" -> {args.output}" if args.output and args.output != "-" else ""
    note = f", {summary.unreadable} unreadable lines (listed in the page)" if summary.unreadable else ""
    print(f"review: {summary.documents} documents, {summary.errors} error records{note}{where}",
          file=sys.stderr)
    return EXIT_UNREADABLE if summary.unreadable else EXIT_OK


def main_review(argv: list[str] | None = None) -> int:
    parser = _configure(argparse.ArgumentParser(prog="extractor review"))
    return handle_review(parser.parse_args(argv))
