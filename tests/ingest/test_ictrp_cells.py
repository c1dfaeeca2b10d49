"""The conditions and interventions cells of an ICTRP export as the registries feeding it write
them (extractor/ingest/ictrp_cells.py): each item's value and the offsets of its words."""
from __future__ import annotations

from extractor.ingest import ictrp_cells

EU_PRODUCTS = ("Product Name: Almitrine Bimesylate<br>Pharmaceutical Form: Capsule<br>"
               "INN or Proposed INN: Almitrine Bismesylate<br>CAS Number: 29608-49-9<br>"
               "Concentration unit: mg milligram(s)<br>Concentration number: 50-<br>"
               "Trade Name: Solu-Cortef<br>Product Name: Solu-Cortef 100 mg<br>"
               "Pharmaceutical Form: Powder for solution for injection<br>"
               "Pharmaceutical form of the placebo: Capsule, hard<br>"
               "Route of administration of the placebo: Oral use<br>"
               "Trade Name: Natriumklorid<br>Product Name: Sodium Chloride<br>"
               "Pharmaceutical Form: Solution for injection<br>INN or Proposed INN: SODIUM CHLORIDE<br>"
               "Pharmaceutical Form: Solution for infusion")  # a second form: a product with no name


def _check_offsets(raw, items, value=lambda v: v):
    for v, s, e in items:
        words = raw[s:e]
        assert words == words.strip() and words
        if value(v) != "Placebo":
            assert " ".join(words.split()) == value(v)


def test_eu_ctr_product_forms_are_one_intervention_each():
    items = ictrp_cells.interventions(EU_PRODUCTS)
    assert [(v["name"], v["type"]) for v, _, _ in items] == [
        ("Almitrine Bimesylate", "DRUG"), ("Solu-Cortef 100 mg", "DRUG"), ("Placebo", "DRUG"), ("Sodium Chloride", "DRUG")]
    _check_offsets(EU_PRODUCTS, items, lambda v: v["name"])
    # the placebo points at its first field
    placebo = next((s, e) for v, s, e in items if v["name"] == "Placebo")
    assert EU_PRODUCTS[placebo[0]:placebo[1]] == "Pharmaceutical form of the placebo: Capsule, hard"


def test_a_product_named_by_its_code_when_it_has_no_name():
    raw = "Product Code: TD-0903<br>Pharmaceutical Form: Inhalation powder"
    assert [v["name"] for v, _, _ in ictrp_cells.interventions(raw)] == ["TD-0903"]


def test_ctri_interventions_lose_their_label_and_not_applicable_controls():
    raw = ("Intervention1: Ayush-64, a polyherbal formulation.<br>"
           "Control Intervention1: Not applicable: Not applicable<br>Control Intervention2: Standard care")
    items = ictrp_cells.interventions(raw)
    assert [v["name"] for v, _, _ in items] == ["Ayush-64, a polyherbal formulation.", "Standard care"]
    _check_offsets(raw, items, lambda v: v["name"])


def test_irct_interventions_in_one_item_are_one_each():
    raw = ("Intervention 1: Intervention group: Deferoxamine 500 mg by nebulizer for 7 days. "
           "Intervention 2: Control group: The standard treatment.")
    items = ictrp_cells.interventions(raw)
    assert [v["name"] for v, _, _ in items] == ["Intervention group: Deferoxamine 500 mg by nebulizer for 7 days.",
                                                "Control group: The standard treatment."]
    _check_offsets(raw, items, lambda v: v["name"])
    # a label inside a sentence is text ("as Intervention 2: see above" is no item)
    assert len(ictrp_cells.interventions("Intervention 1: A drug given as in Intervention 2: see above")) == 1


def test_other_interventions_are_read_as_before():
    raw = "Drug: Favipiravir;Other: Standard care"
    assert [v for v, _, _ in ictrp_cells.interventions(raw)] == [
        {"name": "Favipiravir", "type": "DRUG"}, {"name": "Standard care", "type": "OTHER"}]


def test_conditions_of_eu_ctr_and_ctri_rows():
    raw = ("Covid-19<br>MedDRA version: 21.1 Level: PT Classification code 10001053 Term: Acute respiratory "
           "failure System Organ Class: 10038738 - Respiratory, thoracic and mediastinal disorders<br>"
           "Therapeutic area: Diseases [C] - Respiratory Tract Diseases [C08]<br>"
           "Health Condition 1: B972- Coronavirus as the cause of diseases classified elsewhere")
    items = ictrp_cells.conditions(raw)
    assert [v for v, _, _ in items] == ["Covid-19", "Acute respiratory failure",
                                        "Coronavirus as the cause of diseases classified elsewhere"]
    _check_offsets(raw, items)


def test_a_label_with_nothing_after_it_stays_as_written():
    assert [v for v, _, _ in ictrp_cells.conditions("Health Condition 1:")] == ["Health Condition 1:"]
    assert ictrp_cells.interventions("Intervention1:") == []
