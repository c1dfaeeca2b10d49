import pytest

from extractor.normalize.durations import iso_duration
from extractor.normalize.numbers import parse_number
from extractor.normalize.units import convert, resolve


@pytest.mark.parametrize("text,value", [
    ("1,700", 1700), ("100,000", 100000), ("1.5", 1.5), ("-2.5", -2.5), ("−1", -1), (".5", 0.5),
    ("1,5", 1.5), ("1.5 x 10^9", 1.5e9), ("1.5×10⁹", 1.5e9), ("10⁹", 1e9), ("10e9", 1e9),
    ("2.5e3", 2500), ("½", 0.5), ("1½", 1.5), ("3/4", 0.75), ("one", 1), ("twenty", 20),
    ("a single", 1), ("Ⅲ", 3), ("ten", 10), ("seventy-two", 72), ("Thirty eight", 38), ("twenty - one", 21),
])
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "HER2", "v5.0", "a", "0e310", "10^400", "10e999",
                                  "twenty-twenty", "ten-one", "seventy-ten"])
def test_parse_number_rejects(text):
    assert parse_number(text) is None


def test_roman_only_when_asked():
    assert parse_number("III") is None
    assert parse_number("III", roman=True) == 3
    assert parse_number("iv", roman=True) == 4


@pytest.mark.parametrize("text,ucum", [
    ("/mm^3", "/mm3"), ("/mm³", "/mm3"), ("/mm^³", "/mm3"), ("/cu mm", "/mm3"), ("cells/µL", "/uL"),
    ("x 10^9/L", "10*9/L"), ("×10⁹/L", "10*9/L"), ("G/L", "10*9/L"), ("g/L", "g/L"), ("g/dL", "g/dL"),
    ("mg/dL", "mg/dL"), ("µmol/L", "umol/L"), ("μmol/L", "umol/L"), ("mL/min/1.73 m²", "mL/min/{1.73_m2}"),
    ("mL/min", "mL/min"), ("mmHg", "mm[Hg]"), ("IU/mL", "[iU]/mL"), ("mEq/L", "meq/L"), ("kg/m²", "kg/m2"),
    ("%", "%"), ("mM", "mmol/L"), ("mm", "mm"),
])
def test_resolve_unit(text, ucum):
    assert resolve(text) == ucum


@pytest.mark.parametrize("value,src,dst,expected", [
    (1700, "/mm3", "10*9/L", 1.7), (100000, "/mm3", "10*9/L", 100), (8, "g/dL", "g/L", 80),
    (1.5, "10*9/L", "/uL", 1500), (2, "wk", "d", 14),
])
def test_convert(value, src, dst, expected):
    assert convert(value, src, dst) == pytest.approx(expected)


def test_convert_incompatible():
    assert convert(1, "mg/dL", "mL/min") is None
    assert convert(1, "unknown", "g/L") is None


@pytest.mark.parametrize("value,ucum,iso", [(4, "wk", "P4W"), (24, "h", "PT24H"), (6, "mo", "P6M"),
                                            (5, "a", "P5Y"), (30, "min", "PT30M"), (1.5, "a", "P1.5Y")])
def test_iso_duration(value, ucum, iso):
    assert iso_duration(value, ucum) == iso
    assert iso_duration(value, "mg") is None
