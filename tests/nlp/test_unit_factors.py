"""models/unit_factors.json: pint's conversion factors shipped as data, so a run needs no pint."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.normalize import units
from extractor.normalize.unit_factors import UNRELATED, build, pint_factor, pint_names

ROOT = Path(__file__).resolve().parents[2]


def test_shipped_table_is_what_pint_gives_for_the_current_units():
    # Fails when units.json gained a pint name or pint changed: rebuild with
    # `python -m extractor.normalize.unit_factors`.
    shipped = json.loads((ROOT / "models" / "unit_factors.json").read_text(encoding="utf-8"))
    assert sorted(set(pint_names())) == sorted({e["pint"] for e in units._by_ucum().values()})
    fresh = json.loads(json.dumps(build(pint_names())))
    assert shipped["units"] == fresh["units"]
    assert shipped["per_value"] == fresh["per_value"]
    assert shipped["factors"] == fresh["factors"]


def test_a_run_converts_without_loading_pint():
    code = ("import sys\n"
            "from extractor.normalize.units import convert\n"
            "print(convert(180, 'mg/dL', 'g/L'), convert(1.5, 'mg/dL', 'umol/L'), convert(2, 'mg/dL', 'h'))\n"
            "print('pint' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT).stdout.split("\n")
    assert out[0].split()[0] == "1.8" and out[0].split()[2] == "None"
    assert out[1] == "False"


def test_offset_units_are_still_converted_value_by_value():
    assert units.convert(100.4, "[degF]", "Cel") == 38
    assert units.convert(38, "Cel", "[degF]") == 100.4
    assert units._factor("degF", "degC") is None


def test_unrelated_units_give_none():
    assert {"mg/dL", "hour", "mmHg"} <= units._table()[0]
    assert units._factor("mg/dL", "hour") is UNRELATED
    assert units.convert(5, "mg/dL", "mm[Hg]") is None
    assert units.convert(5, "mg/dL", "h") is None


def test_a_name_outside_the_table_is_asked_of_pint(monkeypatch):
    units._factor.cache_clear()
    names, factors, per_value = units._table()
    monkeypatch.setattr(units, "_table", lambda: (names - {"g/L"}, factors, per_value))
    try:
        assert units._factor("g/L", "g/dL") == pytest.approx(0.1)
        assert units._factor("mg/dL", "g/L") == pytest.approx(pint_factor(units.registry(), "mg/dL", "g/L"))
    finally:
        units._factor.cache_clear()
