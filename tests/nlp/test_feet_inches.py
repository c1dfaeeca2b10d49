"""A length in feet and inches is one quantity in inches; a height's or weight's range in two units
is two bounds (extractor/nlp/quantities/units.py `_feet_and_inches`, ranges.py
`_mixed_measure_bounds`)."""
import pytest

from extractor.api import extract_text
from extractor.nlp.quantities.units import _feet_and_inches
from extractor.records import criterion_constraints


@pytest.mark.parametrize("written, value, unit_text", [
    (" feet 4 inches", 76, "feet 4 inches"), ("' 3\"", 75, "' 3\""), (" ft, 2 in.", 74, "ft, 2 in."),
    (" feet and 2 inches", 74, "feet and 2 inches"), ("′11″", 83, "′11″"), (" ft 2.5 in", 74.5, "ft 2.5 in")])
def test_feet_and_inches_make_one_quantity(written, value, unit_text):
    text = "6" + written
    unit, got = _feet_and_inches(text, 1, 6)
    assert got == value and unit[1]["text"] == unit_text and unit[1]["ucum"] == "[in_i]"
    assert text[slice(*unit[1]["span"])] == unit_text and unit[0] == len(text)


@pytest.mark.parametrize("text", ["6 feet 14 inches", "6 feet 2 in the corridor", "6 feet apart", "6 ft, 2 weeks"])
def test_not_feet_and_inches(text):
    assert _feet_and_inches(text, 1, 6) is None
    assert _feet_and_inches("6.5 feet 2 inches", 3, 6.5) is None   # feet written with a fraction: no compound


def _bounds(text):
    record = extract_text("Inclusion Criteria:\n- " + text).to_dict()
    return [(k["comparator"], k.get("value"), k["unit"]["ucum"]) for c in record["criteria"]
            for k in criterion_constraints(c)]


def test_a_range_in_two_units_of_one_kind_is_two_bounds():
    assert _bounds("Height 150 cm - 6 feet") == [(">=", 150, "cm"), ("<=", 6, "[ft_i]")]
    assert _bounds("Height 5.0 feet - 6feet 4 inches") == [(">=", 5, "[ft_i]"), ("<=", 76, "[in_i]")]
    # not a range of two kinds, nor one unit: a range as before
    assert _bounds("Weight 100-300 pounds") == [("between", None, "[lb_av]")]
    assert _bounds("height 150 cm, weight 45 kg") == [("=", 150, "cm"), ("=", 45, "kg")]
