"""Command line: a thin front that maps flags onto Options and calls the engine."""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from dataclasses import replace
from typing import Callable, TextIO

from . import __version__
from .api import Extractor, Options
from .batch import default_workers
from .batch.command import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, extract_command
from .explain import render
from .ingest import DEFAULT_LIMITS

EngineFactory = Callable[[Options], Extractor]


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="extractor", description=__doc__)
    ap.add_argument("--version", action="version", version=f"extractor {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="extract records from files, folders or - (stdin) as JSON Lines")
    ex.add_argument("inputs", nargs="+", metavar="INPUT")
    ex.add_argument("-o", "--output", metavar="OUT.jsonl", help="write here instead of standard output")
    ex.add_argument("--workers", type=int, default=None, help="processes (default: number of cores)")
    ex.add_argument("--assume-eligibility", action="store_true",
                    help="treat text with no eligibility heading as one list of criteria")
    ex.add_argument("--quiet", action="store_true", help="no progress or summary on standard error")
    ex.add_argument("--resume", action="store_true",
                    help="finish an interrupted run into the same -o file instead of starting over")
    ex.add_argument("--time-limit", type=float, default=None, metavar="SECONDS",
                    help="seconds one document may take before it gives a timeout error record "
                         "(default: 60; 0: no limit; not available with --dask)")
    ex.add_argument("--dask", metavar="SCHEDULER", default=None,
                    help="run the documents on a Dask cluster: a scheduler address, or 'local' for "
                         "a cluster of --workers processes on this machine (needs the dask extra)")
    ex.add_argument("--no-entities", action="store_true",
                    help="skip the trained entity model (faster; entities are then the lexicon's and the subjects')")
    ex.add_argument("--max-bytes", type=int, default=None, metavar="N",
                    help="largest input file read; larger ones give a too-large error record "
                         "(default: 64 MiB)")

    va = sub.add_parser("validate", help="check a JSON Lines file against the record schema and spans")
    va.add_argument("path", metavar="OUT.jsonl")

    xp = sub.add_parser("explain", help="show a document's sections, criteria tree and constraints")
    xp.add_argument("path", metavar="FILE")
    xp.add_argument("--assume-eligibility", action="store_true")
    from .eval.cli import add_eval_parser
    from .export.cli import add_export_parser, add_table_parser
    from .review.cli import add_review_parser
    add_eval_parser(sub)
    add_export_parser(sub)
    add_table_parser(sub)
    add_review_parser(sub)
    from .training import add_train_parser
    add_train_parser(sub)
    return ap


def main(argv: list[str] | None = None, make_engine: EngineFactory = Extractor) -> int:
    """The command line. `make_engine(options)` builds the engine the commands run (tests and
    embedders hand in another, for instance one with a stand-in analyzer)."""
    ap = _parser()
    try:
        args = ap.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code in (0, None) else EXIT_USAGE
    if args.command == "extract":
        return _extract(args, make_engine)
    if args.command == "validate":
        return _validate(args.path)
    if args.command == "explain":
        return _explain(args, make_engine)
    return args.func(args)


def _extract(args, make_engine: EngineFactory) -> int:
    if args.workers is not None and args.workers < 1:
        print("extractor: --workers must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    if args.dask is not None:
        refused = _dask_refusal(args)
        if refused:
            print(f"extractor: {refused}", file=sys.stderr)
            return EXIT_USAGE
        args.time_limit = 0.0
    elif args.time_limit is None:
        args.time_limit = 60.0
    if args.time_limit < 0 or (args.max_bytes is not None and args.max_bytes < 0):
        print("extractor: --time-limit and --max-bytes must not be negative", file=sys.stderr)
        return EXIT_USAGE
    if args.resume and not args.output:
        print("extractor: --resume needs -o OUT.jsonl", file=sys.stderr)
        return EXIT_USAGE
    limits = DEFAULT_LIMITS if args.max_bytes is None else replace(DEFAULT_LIMITS, max_bytes=args.max_bytes)
    options = Options(assume_eligibility=args.assume_eligibility, limits=limits,
                      time_limit=args.time_limit, entities=not args.no_entities)
    engine = make_engine(options)
    if args.dask is None:
        return extract_command(engine, args.inputs, args.output, workers=args.workers or default_workers(),
                               quiet=args.quiet, resume=args.resume)
    from .batch import dask_runner
    from .dask import client_for

    try:
        client = client_for(args.dask, args.workers)
    except (OSError, TimeoutError, ValueError) as exc:
        print(f"extractor: cannot reach the Dask scheduler {args.dask}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    with client:
        return extract_command(engine, args.inputs, args.output, workers=0, quiet=args.quiet,
                               resume=args.resume,
                               runner=lambda eng, tasks: dask_runner.run(eng, tasks, client))


def _dask_refusal(args) -> str | None:
    """Why these flags cannot run on Dask, or None."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        return "--dask needs the dask extra: pip install 'extractor[dask]'"
    if args.time_limit not in (None, 0):
        return ("--time-limit cannot be enforced on Dask workers (their tasks run in threads, "
                "which no alarm reaches); leave it out or give 0")
    if args.workers is not None and args.dask != "local":
        return "--workers sets the size of a local cluster; a remote cluster has its own workers"
    return None


def _validate(path: str, out: TextIO | None = None) -> int:
    from .validate import problems

    out = out or sys.stdout
    bad = n = 0
    try:
        # OUT.jsonl.gz: the compressed output of `extract -o OUT.jsonl.gz`
        fh = (gzip.open(path, "rt", encoding="utf-8") if path.endswith(".gz")
              else open(path, encoding="utf-8"))
    except OSError as exc:
        print(f"extractor: cannot read {path}: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    with fh:
        for n, line in enumerate(fh, 1):
            try:
                rec = json.loads(line)
            except ValueError as exc:
                print(f"line {n}: not JSON: {exc}", file=out)
                bad += 1
                continue
            found = problems(rec)
            for p in found:
                print(f"line {n}: {p}", file=out)
            bad += bool(found)
    print(f"{n} records, {bad} invalid", file=out)
    return EXIT_ERRORS if bad else EXIT_OK


def _explain(args, make_engine: EngineFactory) -> int:
    records = make_engine(Options(assume_eligibility=args.assume_eligibility)).records(args.path)
    for rec in records:
        sys.stdout.write(render(rec))
    return EXIT_ERRORS if any("error" in r for r in records) else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
