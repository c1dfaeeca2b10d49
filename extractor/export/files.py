"""Files in, files out: the library calls behind the commands. Each reads a JSON Lines file of
records as a stream and writes as it goes, so the input may be larger than memory.

    export_fhir(records, out, version="r5", validate=False) -> Report
    export_circe(records, out_dir) -> Report
    write_table(records, out) -> Report        # .csv or .parquet
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import fhir_check
from .circe import cohort_expression
from .fhir_r4 import r4_group
from .fhir_r5 import full_url, r5_resources
from .jsonout import dumps, indented
from .records import Skipped, UniqueIds, read_records
from .table import rows, write_csv, write_parquet


@dataclass
class Report:
    documents: int = 0          # document records exported
    written: int = 0            # files, resources or rows written
    skipped_errors: int = 0     # error records in the input (nothing to export)
    warnings: list[str] = field(default_factory=list)   # what the target form could not say
    problems: list[str] = field(default_factory=list)   # validation failures


def _readable(source) -> None:
    """Fail before any output is opened when the records file is missing."""
    if isinstance(source, (str, os.PathLike)) and str(source) != "-" and not Path(source).is_file():
        raise FileNotFoundError(f"{source}: no such records file")


def _documents(source, report: Report) -> Iterator[tuple[int, dict[str, Any]]]:
    skipped = Skipped()
    for item in read_records(source, skipped):
        report.documents += 1
        yield item
    report.skipped_errors = skipped.errors


@contextmanager
def _record_at(line: int):
    """A record that breaks the contract stops the export with its line number (`extractor
    validate` names the field)."""
    try:
        yield
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"line {line}: not a record of the contract ({type(exc).__name__}: {exc})") from exc


def export_fhir(source, out: str | os.PathLike, version: str = "r5", validate: bool = False) -> Report:
    """FHIR resources for every document of `source`: into `out` as one Bundle when it ends in
    `.json`, else into the folder `out`, one file per document (an R5 Bundle of the
    ResearchStudy and its EvidenceVariable; an R4 Group). Our checker always runs;
    `validate=True` adds the `fhir.resources` models (the `fhir` extra). R4 warnings list what
    the Group form dropped."""
    if version not in ("r5", "r4"):
        raise ValueError(f"unknown FHIR version {version!r} (r5 or r4)")
    _readable(source)
    report = Report()
    ids = UniqueIds()
    out = Path(out)
    bundle = out.suffix.lower() == ".json"
    if not bundle:
        out.mkdir(parents=True, exist_ok=True)
    sink = _BundleWriter(out) if bundle else None
    try:
        for line, record in _documents(source, report):
            rid = ids(str(record["document"].get("id")))
            with _record_at(line):
                if version == "r5":
                    resources = list(r5_resources(record, rid))
                else:
                    group, dropped = r4_group(record, rid)
                    report.warnings.extend(dropped)
                    resources = [group]
            for res in resources:
                report.problems.extend(fhir_check.check(res))
                if validate:
                    report.problems.extend(fhir_check.model_problems(res, version))
            entries = [{"fullUrl": full_url(r["resourceType"], r["id"]), "resource": r} for r in resources]
            if sink is not None:
                for entry in entries:
                    sink.add(entry)
            else:
                body = resources[0] if version == "r4" else {"resourceType": "Bundle", "type": "collection",
                                                             "entry": entries}
                (out / f"{rid}.json").write_text(dumps(body), encoding="utf-8")
            report.written += len(resources)
    finally:
        if sink is not None:
            sink.close()
    return report


class _BundleWriter:
    """A collection Bundle written entry by entry (no entry list when there is no entry: FHIR
    allows no empty arrays)."""

    def __init__(self, path: Path):
        self.fh = open(path, "w", encoding="utf-8")
        self.fh.write('{\n  "resourceType": "Bundle",\n  "type": "collection"')
        self.count = 0

    def add(self, entry: dict[str, Any]) -> None:
        self.fh.write(',\n  "entry": [\n    ' if self.count == 0 else ",\n    ")
        self.fh.write(indented(entry, "    "))
        self.count += 1

    def close(self) -> None:
        self.fh.write("\n  ]\n}\n" if self.count else "\n}\n")
        self.fh.close()


def export_circe(source, out_dir: str | os.PathLike) -> Report:
    """One Circe cohort expression per document, `<id>.json` in `out_dir`; the warnings list
    what Circe could not say."""
    _readable(source)
    report = Report()
    ids = UniqueIds()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for line, record in _documents(source, report):
        rid = ids(str(record["document"].get("id")))
        with _record_at(line):
            expression, warnings = cohort_expression(record)
        report.warnings.extend(warnings)
        (out / f"{rid}.json").write_text(dumps(expression), encoding="utf-8")
        report.written += 1
    return report


def write_table(source, out: str | os.PathLike) -> Report:
    """The rows of every document into `out`: CSV for `.csv`, Parquet for `.parquet`."""
    report = Report()
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise ValueError(f"{out}: the table is written as .csv or .parquet")
    _readable(source)
    def all_rows() -> Iterator[dict[str, Any]]:
        for line, record in _documents(source, report):
            with _record_at(line):
                found = list(rows(record, line))
            yield from found
    if suffix == ".csv":
        with open(out, "w", encoding="utf-8", newline="") as fh:
            report.written = write_csv(all_rows(), fh)
    else:
        report.written = write_parquet(all_rows(), str(out))
    return report
