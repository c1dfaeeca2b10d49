"""A footnote ("* In case there is a lack of laboratory tests ...", "**At the time of
recruitment ...") explains a term its stars mark in a criterion above ("... a positive
laboratory test for SARS-CoV-2*"): it is a note of that criterion, not a criterion. Where "*" is
the list's bullet, or no criterion above holds the stars, a line opening with them is an item."""
from __future__ import annotations


def _criteria(structure, text):
    rec = structure.extract_text(text).to_dict()
    return [(c["kind"], c["text"], [n["text"] for n in c.get("notes", [])]) for c in rec["criteria"]]


def test_a_footnote_is_a_note_of_the_criterion_holding_its_stars(structure):
    text = ("Inclusion criteria:\n• Adults\n• Confirmed COVID-19* who require respiratory support**\n"
            "• Consent\n\n*A confident diagnosis is made on swab positivity.\n"
            "**At the time of recruitment, patients are on oxygen therapy.\n"
            "Exclusion criteria:\n• Pregnancy\n• Mechanical ventilation or high-flow-Oxygen*\n"
            "* High-flow oxygen is defined as a flow of 16 L/min\n")
    assert _criteria(structure, text) == [
        ("inclusion", "Adults", []),
        ("inclusion", "Confirmed COVID-19* who require respiratory support**",
         ["*A confident diagnosis is made on swab positivity.",
          "**At the time of recruitment, patients are on oxygen therapy."]),
        ("inclusion", "Consent", []), ("exclusion", "Pregnancy", []),
        ("exclusion", "Mechanical ventilation or high-flow-Oxygen*", ["High-flow oxygen is defined as a flow of 16 L/min"])]


def test_star_bullets_and_stars_no_criterion_holds_stay_items(structure):
    text = ("Inclusion criteria:\n* Adults with diabetes*\n* Consent\n"
            "Exclusion criteria:\n1. Pregnancy\n*Prior chemotherapy within 4 weeks\n")
    assert [t for _, t, _ in _criteria(structure, text)] == [
        "Adults with diabetes*", "Consent", "Pregnancy", "*Prior chemotherapy within 4 weeks"]
