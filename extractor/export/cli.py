"""`extractor export fhir|circe RECORDS.jsonl -o OUT` and `extractor table RECORDS.jsonl -o OUT`.

Wire into the main CLI with `add_export_parser(subparsers)` and `add_table_parser(subparsers)`;
each parser's `func` takes the parsed arguments and returns the exit status: 0 done, 1 the
output failed validation, 2 nothing usable was written (bad arguments, unreadable input, a
missing extra).
"""
from __future__ import annotations

import argparse
import sys

from .files import Report, export_circe, export_fhir, write_table

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXTRAS = {"fhir": "fhir.resources", "parquet": "pyarrow"}


def add_export_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "export", help="export records as FHIR resources or OHDSI Circe cohort definitions",
        description="Export document records (the JSON Lines `extractor extract` writes).")
    targets = parser.add_subparsers(dest="target", metavar="TARGET", required=True)

    fhir = targets.add_parser(
        "fhir", help="FHIR R5 ResearchStudy + EvidenceVariable per document (or the R4 Group form)",
        description="FHIR R5 ResearchStudy and EvidenceVariable per document; with "
                    "--fhir-version r4 the lossy R4 Group form, listing what it drops.")
    fhir.add_argument("records", metavar="RECORDS.jsonl", help="records to export ('-' for standard input)")
    fhir.add_argument("-o", "--output", required=True, metavar="DIR|BUNDLE.json",
                      help="a folder (one file per document) or a .json file (one Bundle)")
    fhir.add_argument("--fhir-version", choices=["r5", "r4"], default="r5")
    fhir.add_argument("--validate", action="store_true",
                      help="also validate every resource with fhir.resources (the `fhir` extra)")
    fhir.set_defaults(func=handle_fhir)

    circe = targets.add_parser(
        "circe", help="one OHDSI Circe cohort expression (ATLAS JSON) per document",
        description="One OHDSI Circe cohort expression per document, <id>.json in DIR.")
    circe.add_argument("records", metavar="RECORDS.jsonl", help="records to export ('-' for standard input)")
    circe.add_argument("-o", "--output", required=True, metavar="DIR")
    circe.set_defaults(func=handle_circe)
    return parser


def add_table_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "table", help="one row per constraint (and per criterion without one), as CSV or Parquet",
        description="Flatten records into rows: one per constraint and one per criterion that "
                    "has none. The output's suffix chooses the format.")
    parser.add_argument("records", metavar="RECORDS.jsonl", help="records to flatten ('-' for standard input)")
    parser.add_argument("-o", "--output", required=True, metavar="ROWS.csv|ROWS.parquet")
    parser.set_defaults(func=handle_table)
    return parser


def handle_fhir(args: argparse.Namespace) -> int:
    return _run(lambda: export_fhir(args.records, args.output, args.fhir_version, args.validate),
                "fhir", dropped=args.fhir_version == "r4")


def handle_circe(args: argparse.Namespace) -> int:
    return _run(lambda: export_circe(args.records, args.output), None, dropped=False)


def handle_table(args: argparse.Namespace) -> int:
    return _run(lambda: write_table(args.records, args.output), "parquet", dropped=False)


def _run(work, extra: str | None, dropped: bool) -> int:
    try:
        report: Report = work()
    except ImportError as exc:
        hint = f": pip install 'extractor[{extra}]'" if extra else ""
        print(f"error: {exc.name or EXTRAS.get(extra or '', 'a module')} is not installed{hint}", file=sys.stderr)
        return EXIT_USAGE
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for line in report.warnings:
        print(f"warning: {'dropped: ' if dropped else ''}{line}", file=sys.stderr)
    for line in report.problems:
        print(f"invalid: {line}", file=sys.stderr)
    print(f"{report.documents} documents, {report.written} written, {report.skipped_errors} error "
          f"records skipped, {len(report.warnings)} warnings, {len(report.problems)} problems",
          file=sys.stderr)
    return EXIT_INVALID if report.problems else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run the commands without the main CLI: `python -m extractor.export export fhir ...`."""
    parser = argparse.ArgumentParser(prog="python -m extractor.export")
    sub = parser.add_subparsers(dest="command", required=True)
    add_export_parser(sub)
    add_table_parser(sub)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_OK if exc.code in (0, None) else EXIT_USAGE
    return args.func(args)
