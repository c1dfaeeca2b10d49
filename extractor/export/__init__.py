"""Exporters: pure functions of document records (dicts of the contract) into other shapes.

One line per module (each only calls the lines below it):

    cli.py          `extractor export fhir|circe` and `extractor table`: add_export_parser,
                    add_table_parser (argparse wiring, exit status, warnings on stderr)
    files.py        the library calls: export_fhir, export_circe, write_table (records file
                    in, streamed; files out)
    fhir_r5.py      a record -> FHIR R5 ResearchStudy + EvidenceVariable
    fhir_r4.py      a record -> the lossy FHIR R4 Group, with what it dropped
    fhir_check.py   validation: fhir.resources (the `fhir` extra) and our own checker
    circe.py        a record -> an OHDSI Circe cohort expression
    table.py        a record -> flat rows (one per constraint, one per criterion without one);
                    CSV and Parquet (the `parquet` extra) writers
    bounds.py       a constraint's comparator and numbers as quantity / range / any / all
    records.py      streaming JSON Lines input, criterion trees, ids safe for files and FHIR
    jsonout.py      the one JSON encoding (same input -> same bytes)

Nothing here imports the engine, the batch layer, the NLP stage or the main CLI: an exporter
reads records, whoever produced them.
"""
from __future__ import annotations

from .circe import cohort_expression
from .fhir_r4 import r4_group
from .fhir_r5 import r5_resources
from .files import Report, export_circe, export_fhir, write_table
from .records import read_records
from .table import COLUMNS, rows

__all__ = ["COLUMNS", "Report", "cohort_expression", "export_circe", "export_fhir", "r4_group",
           "r5_resources", "read_records", "rows", "write_table"]
