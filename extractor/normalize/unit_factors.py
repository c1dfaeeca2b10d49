"""The conversion factors between the units of models/units.json, computed with pint once and
shipped as data (models/unit_factors.json), so that a run converts values without loading pint.

pint costs about half a second to import and build its registry, in every process that starts
(the CLI, each worker, each Dask worker) and for every small run; the unit pairs a run can meet
are the pairs of models/units.json's pint names, a closed set. The table holds, for each pair:

- `factors[src][dst]`: the factor pint gives for 1 `src` in `dst` (a plain multiplication);
- `per_value[src]`: the `dst` names pint must convert value by value (offset or logarithmic
  units: temperatures);
- neither: pint cannot relate the two (other dimensions).

`units` lists the names the table was computed for: a pair with a name outside it (units.json
edited without rebuilding the table) is asked of pint, as before. Rebuild with
`python -m extractor.normalize.unit_factors` after editing units.json; a test checks that the
shipped table is what pint gives for the current units.
"""
from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

UNRELATED = object()  # what pint_factor gives for units pint cannot relate (other dimensions)


def pint_factor(reg, src: str, dst: str):
    """pint's factor from `src` to `dst`; None when the conversion is not a plain multiplication
    (offset or logarithmic units), UNRELATED when there is none."""
    try:
        if reg.Quantity(0, src).to(dst).magnitude != 0:
            return None  # offset (temperatures) or logarithmic units
        return reg.Quantity(1, src).to(dst).magnitude
    except Exception:  # pint raises several unrelated types for incompatible units
        pass
    try:
        reg.Quantity(1, src).to(dst)  # a logarithmic unit may refuse 0 alone: pint converts each value
        return None
    except Exception:
        return UNRELATED


def build(names: list[str]) -> dict:
    """The table's content for pint names `names` (computed with pint)."""
    import pint

    reg = pint.UnitRegistry()
    names = sorted(set(names))
    factors: dict[str, dict[str, float]] = {}
    per_value: dict[str, list[str]] = {}
    for src in names:
        for dst in names:
            with warnings.catch_warnings():  # log(0) of a logarithmic unit, asked about 0
                warnings.simplefilter("ignore", RuntimeWarning)
                got = pint_factor(reg, src, dst)
            if got is None:
                per_value.setdefault(src, []).append(dst)
            elif got is not UNRELATED:
                factors.setdefault(src, {})[dst] = got
    return {
        "about": "Conversion factors between the pint names of models/units.json, computed with "
                 "pint (extractor/normalize/unit_factors.py says how to rebuild them).",
        "pint": pint.__version__,
        "units": names,
        "factors": factors,
        "per_value": per_value,
    }


def pint_names() -> list[str]:
    """The pint names of models/units.json's units and time units (what units.convert meets)."""
    from .resources import load

    data = load("units")
    return [e["pint"] for e in data["units"] + data["time_units"]]


def main() -> int:
    target = Path(__file__).resolve().parents[2] / "models" / "unit_factors.json"
    table = build(pint_names())
    target.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{target}: {len(table['units'])} units, "
          f"{sum(len(v) for v in table['factors'].values())} factors, "
          f"{sum(len(v) for v in table['per_value'].values())} pairs converted per value")
    return 0


if __name__ == "__main__":
    sys.exit(main())
