"""The cells of one sheet of an Excel workbook (.xlsx), as strings: enough to read a gold
corpus published as a spreadsheet without a spreadsheet library.

An .xlsx file is a zip of XML parts: `xl/sharedStrings.xml` holds the text of string cells
once each, and each `xl/worksheets/sheetN.xml` lists its rows, each cell with its reference
("C12"), a type (`s`: an index into the shared strings, `inlineStr`: the text in the cell,
otherwise a number or formula result written as text) and its value. Formatting, formulas and
dates are not interpreted: a cell gives the text its value holds.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_COLUMN = re.compile(r"[A-Z]+")


def rows(path: Path, sheet: int = 1) -> list[dict[str, str]]:
    """Each row of sheet `sheet` as {column letters: cell text}, empty cells left out; rows in
    the sheet's order (a row with no cell is an empty dict)."""
    with zipfile.ZipFile(path) as book:
        names = set(book.namelist())
        shared = []
        if "xl/sharedStrings.xml" in names:
            root = etree.fromstring(book.read("xl/sharedStrings.xml"))
            shared = ["".join(_texts(si)) for si in root.iter(_NS + "si")]
        part = f"xl/worksheets/sheet{sheet}.xml"
        if part not in names:
            raise ValueError(f"{path}: no sheet {sheet} ({part} is not in the workbook)")
        root = etree.fromstring(book.read(part))
    out = []
    for row in root.iter(_NS + "row"):
        cells = {}
        for cell in row.iter(_NS + "c"):
            column = _COLUMN.match(cell.get("r", ""))
            if column is None:
                raise ValueError(f"{path}: a cell without a reference in row {row.get('r')}")
            value = _value(cell, shared)
            if value is not None and value != "":
                cells[column.group()] = value
        out.append(cells)
    return out


def _value(cell, shared: list[str]) -> str | None:
    kind = cell.get("t")
    if kind == "inlineStr":
        inline = cell.find(_NS + "is")
        return "".join(_texts(inline)) if inline is not None else None
    v = cell.find(_NS + "v")
    if v is None or v.text is None:
        return None
    return shared[int(v.text)] if kind == "s" else v.text


def _texts(element) -> list[str]:
    """The text runs of a string item (`t` elements), phonetic guides (`rPh`) left out."""
    return [t.text or "" for t in element.iter(_NS + "t")
            if not any(a.tag == _NS + "rPh" for a in t.iterancestors())]
