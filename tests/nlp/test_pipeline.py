import re
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.nlp import factories
from extractor.nlp.tokenizer import blank, customize

LCT = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "lct" / "leaf_clinical_trials"


@pytest.mark.parametrize("text,tokens", [
    ("Hb>9", ["Hb", ">", "9"]),
    ("CrCl>=60", ["CrCl", ">=", "60"]),
    ("≥100,000/mm^3", ["≥", "100,000", "/mm^3"]),
    ("≤2.5xULN", ["≤", "2.5", "x", "ULN"]),
    ("5 mg/dL", ["5", "mg/dL"]),
    ("30 mL/min", ["30", "mL/min"]),
    ("0~2", ["0", "~", "2"]),
])
def test_tokenizer_splits_glued_comparators(text, tokens):
    nlp = customize(spacy.blank("en"))
    assert [t.text for t in nlp.make_doc(text)] == tokens


def test_blank_builds_the_same_tokenizer_as_customize():
    # blank() builds the criteria tokenizer in place of spaCy's default one (start-up); every
    # token must be the one customize(spacy.blank("en")) gives, special cases included.
    texts = ["Hb>9 g/dL; don't, can't (e.g. ANC ≥1.5x10^9/L) U.S.A. 3-4 wks  :)  http://x.org/a",
             "Patients aged >= 18 years.\n  - ECOG 0-1, Cr<=1.5×ULN, no MI w/in 6 mos (i.e., prior)"]
    if LCT.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(LCT.glob("*/*.txt"))[:40]]
    fresh, customized = blank(), customize(spacy.blank("en"))
    assert fresh.tokenizer.rules == customized.tokenizer.rules
    for text in texts:
        assert [(t.idx, t.text) for t in fresh.make_doc(text)] == \
            [(t.idx, t.text) for t in customized.make_doc(text)]


def test_factories_build_a_pipeline_by_name():
    nlp = customize(spacy.blank("en"))
    for name in (factories.ABBREVIATIONS, factories.SUBJECTS, factories.THRESHOLDS,
                 factories.CONTEXT, factories.CONSTRAINT_SPANS):
        nlp.add_pipe(name)
    doc = nlp("Absolute neutrophil count (ANC) ≥ 1500/mm3")
    assert doc._.constraints[0]["subject"]["concept"]["code"] == "751-8"
    assert [s.text for s in doc.spans["constraints"]] == ["≥ 1500/mm3"]
    assert any(a.text == "ANC" for a in doc._.abbreviations)


def test_abbreviation_links_unknown_short_form(analyzer):
    text = "Absolute neutrophil count (AN-C) ≥ 1500/mm3; AN-C measured twice"
    result = analyzer.analyze(text, [(0, len(text))])[0]
    assert result["constraints"][0]["subject"]["concept"]["name"] == "absolute neutrophil count"


@pytest.mark.parametrize("text, concept", [
    ("Pulmonary vascular resistance > 3 Wood units", "pulmonary vascular resistance"),
    ("post-void residual (PVR) < 100 mL", None),   # "PVR" names other measures too: no synonym
])
def test_pulmonary_vascular_resistance_by_its_name_only(analyzer, text, concept):
    result = analyzer.analyze(text, [(0, len(text))])[0]
    found = (result["constraints"][0].get("subject") or {}).get("concept")
    assert (found or {}).get("name") == concept
    if concept:  # Wood units to the measure's canonical dyn.s/cm5 (1 WU = 80)
        assert abs(result["constraints"][0]["normalized"]["value"] - 240) < 0.1


@pytest.mark.parametrize("text, name", [
    ("Urine osmolality > 300 mOsm/kg", "urine osmolality"),
    ("Plasma Osmolarity <290 mOsmol/kg H2O", "serum osmolality"),
    ("Serum osmolality < 275 mOsm/kg", "serum osmolality"),
])
def test_an_osmolality_names_its_fluid(analyzer, text, name):
    # the urine's is a measure of its own (LOINC 2695-5): the bare synonym "osmolality" of the
    # serum's must not take it
    result = analyzer.analyze(text, [(0, len(text))])[0]
    assert result["constraints"][0]["subject"]["concept"]["name"] == name
    assert result["constraints"][0]["unit"]["ucum"] == "mosm/kg"


def _check_spans(text, item, result):
    s0, e0 = item
    objects = list(result["constraints"]) + list(result["exceptions"]) + list(result["entities"])
    objects += [result["negation"]] if result["negation"] else []
    for c in result["constraints"]:
        for key in ("subject", "event", "condition", "unit"):
            if c.get(key) and "span" in c[key]:
                objects.append(c[key])
        assert s0 <= c["span"][0] <= c["span"][1] <= e0
    for e in result["entities"]:
        assert s0 <= e["span"][0] <= e["span"][1] <= e0
    for obj in objects:
        s, e = obj["span"]
        assert text[s:e] == obj["text"]


@pytest.mark.skipif(not LCT.is_dir(), reason="shared LCT corpus not present")
def test_every_span_equals_its_slice_on_lct(analyzer):
    checked = 0
    for path in sorted(LCT.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8")
        items = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
        for item, result in zip(items, analyzer.analyze(text, items)):
            _check_spans(text, item, result)
            checked += len(result["constraints"])
    assert checked > 2000


PIECES = list("0123456789 .,-~<>=≥≤x×/%^³ABCNULmgdLkwyears()") + [
    " within ", " weeks ", " prior to ", " No ", " except ", " ULN", " or ", " mm^3", " between ", " and ",
    " at least ", " years of age", " ECOG ", " class ", " if ", " registration", " III "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_no_input_raises_and_spans_hold(analyzer, pieces):
    text = "• " + "".join(pieces)
    item = (2, len(text))
    result = analyzer.analyze(text, [item])[0]
    _check_spans(text, item, result)
