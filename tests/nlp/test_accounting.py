"""The accounting of numbers (extractor/nlp/accounting.py): what counts as a number and where
each one goes. Texts are written by hand; constraints are given as spans."""
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.nlp.accounting import NOT_ANALYSED, account, not_analysed, numbers, quiet_words, shape
from extractor.nlp.quantities import letter_words

SHARED = Path(os.environ.get("EXTRACTOR_SHARED", Path(__file__).resolve().parents[3] / "shared"))
LCT = SHARED / "corpora" / "lct" / "leaf_clinical_trials"


def _span(text, part):
    at = text.index(part)
    return [at, at + len(part)]


def _run(text, covered=(), masked=()):
    constraints = [{"span": _span(text, c)} for c in covered]
    return account(text, constraints, [tuple(_span(text, m)) for m in masked])


def _items(result):
    unparsed, ignored = result
    return ([(u["text"], u["reason"]) for u in unparsed], [(i["text"], i["reason"]) for i in ignored])


def _texts(text):
    return [text[s:e] for s, e, _ in numbers(text)]


# -- what counts as a number --------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("ANC >= 1,500/mm3 and platelets 0.5", ["1,500", "3", "0.5"]),
    ("section 5.2.1 of the protocol", ["5.2.1"]),
    ("half a tablet or ½ tablet", ["½"]),
    ("at least two prior regimens (two) and Three cycles", ["two", "two", "Three"]),
    ("NYHA class III or IV heart failure", ["III", "IV"]),
    ("Phase I/II studies", ["I", "II"]),
])
def test_numbers_counted(text, expected):
    assert _texts(text) == expected


@pytest.mark.parametrize("text", [
    "a two-year history; twenty-five patients",    # number words inside hyphenated compounds
    "Factor VIII deficiency; I have read it",       # roman numerals outside a context word
    "someone, hormone, often",                      # number words inside other words
    "10⁹ cells",                                    # superscripts are exponents (10 counts)
])
def test_numbers_not_counted(text):
    assert not [t for t in _texts(text) if t not in ("10",)]


def test_quiet_agrees_with_numbers():
    text = "No prior therapy\nANC >= 1500\nOne of the following\nstage IV disease\nnone\n"
    items = [(0, 16), (17, 28), (29, 49), (50, 66), (67, 71)]
    for s, e in items:
        line = text[s:e]
        assert quiet_words(line, letter_words(line.lower())) == (not numbers(line)), line


QUIET_PIECES = ["one", "One", "ONE", "(one)", "one,", "twenty-one", "twice", "stage", "Stage", "IV", "iv",
                "stages", "grade", "II", "class", "phase", "type", "NYHA", "level", "part", "someone", "oneself",
                "stageIV", "1", "½", "no", " ", "  ", "\n", ",", ".", "(", ")", ":", ";", "-", "é", "ſ"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(QUIET_PIECES), min_size=1, max_size=10).map("".join))
def test_quiet_words_never_hides_a_number(text):
    # quiet only where numbers() finds nothing (it may be False where numbers() is empty too)
    if quiet_words(text, letter_words(text.lower())):
        assert not numbers(text), text


def test_quiet_words_on_lct_texts():
    if not LCT.is_dir():
        pytest.skip(f"{LCT} not found")
    lines = [line for path in sorted(LCT.glob("*/*.txt"))[:300]
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    told = [quiet_words(line, letter_words(line.lower())) for line in lines]
    assert all(not numbers(line) for line, q in zip(lines, told) if q)
    assert sum(told) > len(lines) / 2  # most criteria hold no number


# -- covered ------------------------------------------------------------------------------

def test_covered_numbers_are_listed_nowhere():
    assert _run("ANC >= 1,500/mm3", covered=[">= 1,500/mm3"]) == ([], [])


def test_event_span_covers_its_numbers():
    text = "within 14 days prior to Cycle 1 Day 1"
    constraints = [{"span": _span(text, "within 14 days"), "event": {"span": _span(text, "Cycle 1 Day 1")}}]
    assert account(text, constraints) == ([], [])


def test_a_span_ending_inside_a_number_cuts_it():
    unparsed, ignored = _run("values 1,2", covered=["values 1"])
    assert [u["text"] for u in unparsed] == ["2"]


# -- ignored: positives ---------------------------------------------------------------------

@pytest.mark.parametrize("text, masked, expected", [
    ("Confirmed COVID-19 infection", (), ("COVID-19", "name")),
    ("SARS-CoV-2 positive", (), ("SARS-CoV-2", "name")),
    ("prior GLP-1 agonist", (), ("GLP-1", "name")),
    ("HER2 positive tumour", (), ("HER2", "name")),
    ("del(17p) or t(4;14)", (), ("del(17p)", "name")),
    ("normal 1p and 11q", (), ("11q", "name")),
    ("type 2 diabetes", (), ("type 2", "name")),
    ("CD4 count below normal", ("CD4 count",), ("CD4 count", "name")),
    ("prior 5-FU", (), ("5-FU", "name")),
    ("in a Phase II trial", (), ("Phase II", "trial phase")),
    ("meets RECIST 1.1", (), ("RECIST 1.1", "version")),
    ("Stage IIIA or IIIB disease per AJCC 8.", (), ("AJCC 8", "version")),
    ("Anti-HCV (Abbott HCV EIA 2.0, Abbott Diagnostic)", (), ("EIA 2.0", "version")),
    ("as defined in section 5.2", (), ("section 5.2", "section reference")),
    ("F.1.2 Adults", (), ("F.1.2", "section reference")),
    ("enrolled in NCT01234567", (), ("NCT01234567", "identifier")),
    ("EudraCT 2020-001234-56", (), ("2020-001234-56", "identifier")),
    ("per amendment 11/12/96", (), ("11/12/96", "date")),
    ("after Jun 27, 2005", (), ("Jun 27, 2005", "date")),
    ("diagnosed since 2019", (), ("2019", "date")),
    ("on Day 1 of treatment", (), ("Day 1", "schedule")),
    ("1. Patients aged over", (), ("1.", "list marker")),
    ("one of the following", (), ("one of the following", "list logic")),
    ("second-line after 2nd relapse", (), ("2nd", "ordinal")),
    ("platelets in cells/mm3", (), ("3", "unit")),
    ("(n = 20) volunteers", (), ("20", "sample size")),
    ("a 24-hour urine collection", (), ("24-hour urine", "name")),
    # a length hyphenated to its unit opening the text is a name's, never a list marker ("6- Age")
    ("24-hour urine protein", (), ("24-hour urine", "name")),
    ("2-hour post-load glucose", (), ("2-hour post-load", "name")),
    ("5-minute Apgar score", (), ("5-minute Apgar", "name")),
    ("12-month follow-up required", (), ("12-month follow-up", "name")),
    ("3- Patients with diabetes", (), ("3", "list marker")),
    ("2-Patients with diabetes", (), ("2", "list marker")),
    ("pain on a 0-10 numeric rating scale", (), ("0-10", "scale definition")),
    ("on a 5-point Likert scale", (), ("5-point Likert scale", "scale definition")),
    ("allergy to one of the study drugs", (), ("one of", "not a quantity")),
    ("in CR #1 or #2", (), ("1 or #2", "label")),
    ("per (RECIST) 1.1", (), ("RECIST) 1.1", "version")),
    ("as in the Jackman criteria (28).", (), ("28", "citation")),
    ("diagnosis of 3.1.1 episodic headache", (), ("3.1.1", "section reference")),
    ("CTCAE version [v]4 grade", (), ("v]4", "version")),
    ("per RECIST v1.1", (), ("v1.1", "version")),
    ("BRAF V600E mutation", (), ("V600E", "name")),
    ("mutations V106A or V179D", (), ("V106A", "name")),
    ("HIV-1 or -2 infection", (), ("HIV-1 or -2", "name")),
    ("confirmed 24-hour urinary protein", (), ("24-hour urinary", "name")),
    ("low risk (5-year survival of most)", (), ("5-year survival", "name")),
    ("MUGA or 2-D echo", (), ("2-D", "name")),
    ("neuropathy in one or both eyes", (), ("one", "not a quantity")),
    ("Stage IIIB or IV non-small cell", (), ("Stage IIIB or IV", "stage label")),
    ("Stage IIIA/B disease", (), ("Stage IIIA/B", "stage label")),
    ("good cytogenetics t(8,21), t(15,17)", (), ("t(8,21)", "name")),
    ("alterations (t[8;14], t[2;8])", (), ("t[8;14]", "name")),
    ("fulfilled the 1990 ACR criteria (1) and had", (), ("1", "citation")),
    ("leukemia in complete remission 1 (CR1) or", (), ("remission 1 (CR1)", "name")),
    ("anti-programmed cell death ligand 1 (PD-L1)", (), ("ligand 1", "name")),
    ("proteinuria in mg/day/1.73 m2 or", (), ("1.73 m2", "unit")),
    ("(mL/min/1.73 m^2) by MDRD", (), ("1.73 m^2", "unit")),
    ("Protocol L18006 Page 8 of 52", (), ("Page 8 of 52", "page number")),
    ("(see 4 below)", (), ("4", "section reference")),
    ("(see comment 2 below).", (), ("comment 2", "section reference")),
    ("graded (0=not present, 1=mild, 2=moderate)", (), ("1=", "scale definition")),
    ("One unit is equivalent to half a pint", (), ("One unit is equivalent", "definition")),
    ("or 12 ounces of beer or", (), ("12 ounces of beer", "definition")),
    ("or 1 glass of wine", (), ("1 glass of wine", "definition")),
    ("1.5 oz (45 ml) of 80 proof spirits", (), ("1.5 oz (45 ml) of 80 proof spirits", "definition")),
    ("liquor of 100 proof", (), ("100 proof", "definition")),
    ("75 patients will be divided into the groups", (), ("75 patients", "sample size")),
    ("Required for 920 of the 1200 patients", (), ("920 of the 1200 patients", "sample size")),
    ("by the 4 variable MDRD equation", (), ("4 variable MDRD", "name")),
    ("for Season 2 only", (), ("Season 2", "schedule")),
    ("Cohorts 1 and 2: prior therapy", (), ("Cohorts 1 and 2", "schedule")),
    ("comparability between the 2 MRIs", (), ("2", "set size")),
    ("have all four grandparents born", (), ("four", "set size")),
    ("stay on these two drugs", (), ("two", "set size")),
    ("taking lamivudine+abacavir twice daily as part", (), ("twice daily", "schedule")),
    ("on stable HD regimen of thrice weekly sessions", (), ("thrice weekly", "schedule")),
    ("aerosolized pentamidine every 4 weeks", (), ("4 weeks", "schedule")),
    ("once every two weeks (Q2W)", (), ("two weeks", "schedule")),
    ("breakthrough doses per 24 hours", (), ("24 hours", "schedule")),
    ("has an email account or is willing to create one", (), ("one", "not a quantity")),
    ("(one with gadoquatrane and one with a comparator)", (), ("one", "not a quantity")),
    ("One half of the study sample will be recruited", (), ("One half of the study sample", "sample size")),
    ("Currently enrolled in MTN 004.", (), ("004", "identifier")),
    ("I01: Informed consent", (), ("I01:", "list marker")),
    ("approval on or after January 01, 2005, as", (), ("January 01, 2005", "date")),
    ("Pa02 ratio", (), ("Pa02", "name")),
    ("Entry on CALGB 8461 is encouraged", (), ("CALGB 8461", "identifier")),
    ("No prior therapy with 131 I-MIBG", (), ("131 I-MIBG", "name")),
    ("prior positive iodine I 131 scan", (), ("I 131", "name")),
    ("drugs that target EGFR 20 exon insertions", (), ("20 exon", "name")),
    ("with translocations 9;22 or 4;11, or", (), ("4;11", "name")),
    ("antihypertensive drugs* 2, and", (), ("2", "footnote marker")),
    ("(Arthritis Rheum 1988;31:315-24)", (), ("31:315-24", "citation")),
    ("closed to accrual effective 08/1998) or", (), ("08/1998", "date")),
    ("Modic 2 changes", (), ("Modic 2", "name")),
    ("potent CYP 2D6 inhibitors", (), ("CYP 2D6", "name")),
    ("the activity of CYP450 3A, 2C9, or 2D6 activity", (), ("CYP450 3A, 2C9, or 2D6", "name")),
    ("inducers of cytochrome P450 3A4/5 (a", (), ("P450 3A4/5", "name")),
    ("therapeutics with CYP3A/4 interactions", (), ("CYP3A/4", "name")),
    ("Unable to collect 24 hours urine", (), ("24 hours urine", "name")),
    ("Severe aplastic anemia with 2 of the following criteria:", (), ("2 of the following", "list logic")),
    ("Any lesion measurable in 2 dimensions", (), ("2", "not a quantity")),
    ("Cytogenetics with -5, -7, +8, 11q23 abnormalities", (), ("7", "name")),
    ("11q23 anomalies, -5/5q-anomalies, +8, complex", (), ("5/5q", "name")),
    ("the Baseline Period (Days -3, -2, -1) before", (), ("Days -3, -2, -1", "schedule")),
    ("Signs of severe pneumonia (3 of the followings)", (), ("3 of the followings", "list logic")),
    ("features (2 of the following 5)", (), ("5", "set size")),
    ("as well as two of the following three symptoms:", (), ("three", "set size")),
    ("If 9 or more of the above 17 items are met", (), ("17", "set size")),
    ("with a low survival rate at 1 year (end stage)", (), ("1 year", "name")),
    ("a low chance of progression free survival at 3 years", (), ("3 years", "name")),
    ("with a high 30-day mortality", (), ("30-day mortality", "name")),
    ("an estimated 6 month mortality", (), ("6 month mortality", "name")),
    ("a 1-year overall survival probability", (), ("1-year overall survival", "name")),
    ("the 90 day all-cause mortality", (), ("90 day all-cause mortality", "name")),
    ("proteinuria in a 24 hour urinalysis", (), ("24 hour urinalysis", "name")),
    ("prior 5-folate analogue", (), ("5", "name")),   # only the word 'fold' itself is a multiplier
    # an equals sign is no comparator before a name: it also equates names
    ("t(4;11)/MLL-AF4 = 11q23/MLL rearrangement", (), ("11q23", "name")),
    # a name's number that its acronym repeats, the acronym before or after it
    ("NEWS2 on admission (National Early Warning Score 2)", (), ("National Early Warning Score 2", "name")),
    ("Whose National Early Warning Score 2 (NEWS2) is high", (), ("National Early Warning Score 2", "name")),
])
def test_ignored(text, masked, expected):
    unparsed, ignored = _items(_run(text, masked=masked))
    assert expected in ignored, (unparsed, ignored)
    assert not unparsed


def test_a_capitalised_name_ending_in_a_number_no_acronym_repeats_stays_unparsed():
    unparsed, _ = _items(_run("Early Warning Score 2 on admission"))
    assert unparsed == [("2", "number")]


def test_restated_number_in_parentheses():
    unparsed, ignored = _items(_run("within three (3) months", covered=["within three"]))
    assert ignored == [("3", "restated")] and not unparsed


def test_a_quantity_restated_in_other_units():
    text = "temperature of 37 ºC (98.6 ºF) or more"
    unparsed, ignored = _items(_run(text, covered=["37 ºC"]))
    assert ignored == [("98.6", "restated")] and not unparsed
    # a bare number in parentheses after a quantity is not its restatement
    unparsed, ignored = _items(_run("creatinine > 3 mg% (265) or", covered=["> 3 mg%"]))
    assert unparsed == [("265", "number")]


def test_a_lettered_substage_after_a_stage_read_as_a_value():
    unparsed, ignored = _items(_run("stage I or IIA invasive breast cancer", covered=["I"]))
    assert ignored == [("IIA", "stage label")] and not unparsed
    unparsed, ignored = _items(_run("stage II, IIIA, or IIIB", covered=["II"]))
    assert ignored == [("IIIA, or IIIB", "stage label")] and not unparsed


def test_a_temperature_restated_after_a_slash():
    text = "Fever (oral = 38.0°C/100.4°F, axillary = 37.5 C/ 99.5 F)"
    unparsed, ignored = _items(_run(text, covered=["= 38.0°C", "= 37.5 C"]))
    assert ignored == [("100.4", "restated"), ("99.5", "restated")] and not unparsed
    # the same scale twice is no restatement, and a rate is no temperature
    unparsed, ignored = _items(_run("38.0°C/38.5°C", covered=["38.0°C"]))
    assert unparsed == [("38.5°C", "quantity")]
    unparsed, ignored = _items(_run("500 mg/24 hours", covered=["500 mg"]))
    assert unparsed == [("24 hours", "quantity")]


def test_counts_of_patients_inside_names_are_names():
    for text, name in [("COVID-19 patients", "COVID-19"), ("HIV-1 infected subjects", "HIV-1"),
                       ("Type 2 diabetes patients", "Type 2")]:
        unparsed, ignored = _items(_run(text))
        assert ignored == [(name, "name")] and not unparsed, text


def test_inline_list_markers_need_their_neighbours():
    unparsed, ignored = _items(_run("infection 2. Pregnancy 3. Allergy"))
    assert ("2.", "list marker") in ignored and ("3.", "list marker") in ignored
    unparsed, ignored = _items(_run("dose of 40. Allergy"))
    assert unparsed == [("40", "number")]


def test_a_bare_number_opening_the_criterion_before_a_capitalised_word_is_a_list_marker():
    for text in ("27 Patient participated in trials for COVID-19", "6\tParticipation in another trial",
                 "2 Woman of childbearing potential"):
        unparsed, ignored = _items(_run(text))
        assert ignored[0] == (text.split()[0], "list marker") and not unparsed, text
    # a count before a lower-case noun, a quantity, a number later in the text: not markers
    assert _items(_run("3 tender or swollen joints")) == ([("3", "number")], [])
    assert _items(_run("4 Weeks of stable therapy")) == ([("4 Weeks", "quantity")], [])
    assert _items(_run("Aged 18 Years or more")) == ([("18 Years", "quantity")], [])
    assert _items(_run("ECOG 2 Zubrod scale")) == ([("2", "number")], [])
    assert _items(_run("100 Million units daily"))[0] == [("100", "number")]


# -- unparsed: real thresholds stay in view ------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Maximum age for males is 39", ("39", "number")),
    ("blood pressure 150/90 mmHg", ("150/90 mmHg", "quantity")),
    ("between doses of 5-10 mg", ("5-10 mg", "quantity")),
    ("must use two kinds of contraception", ("two", "number")),
    ("ECOG 0, 1 or 2 at entry", ("0, 1 or 2", "range")),
    ("after a 3-month washout", ("3", "number")),
    ("must have one positive culture", ("one", "number")),
    ("platelets > 2000 cells", ("> 2000 cells", "quantity")),
    ("stage III or IV disease", ("III or IV", "range")),
    ("vision of 20/80 or worse", ("20/80", "range")),
    # near misses of the stage, unit, definition, scale and sample rules
    ("stage III or IV disease", ("III or IV", "range")),
    ("BSA of 1.73 or more", ("1.73", "number")),
    ("drinks 12 ounces a day", ("12", "number")),
    ("graded 0=none, then 3=severe", ("0", "number")),
    ("at least 20 patients enrolled", ("20", "number")),
    ("treated in 2 patients", ("2", "number")),
    ("within the 2 following weeks", ("2", "number")),
    ("The 5-year exclusion rule", ("5", "number")),
    ("on the 2 or 3 drugs", ("2 or 3", "range")),
    ("or twice the duration of the effect", ("twice", "number")),
    ("failure after one course of chemotherapy", ("one course", "quantity")),   # a count of {cycles}
    ("one dose of cytarabine", ("one dose", "quantity")),   # a count of {episodes}, as "3 doses" is
    ("platelets 0.5 and", ("0.5", "number")),
    ("10/100 fields", ("10/100", "range")),
    ("Age F 18 to 40", ("18 to 40", "range")),
    ("ANC 1500 at entry", ("1500", "number")),
    # near misses of the name and citation rules
    ("in complete remission 2 years or more", ("2 years", "quantity")),
    ("meets criteria (2 of 3) below", ("2", "number")),
    ("had to stop 2 of these drugs", ("2", "number")),
    ("a score of -1, 0 or 1", ("1, 0 or 1", "range")),
    ("t 8 weeks after surgery", ("8 weeks", "quantity")),
    ("relapse at 2 years of age", ("2 years", "quantity")),   # an age, no rate's time point
    ("no response at 3 months", ("3 months", "quantity")),
    # a hyphenated multiplier is no name: "2.5-fold" stays a number for a person to look at
    ("samples diluted 10-fold before", ("10", "number")),
    ("ALT 2.5-fold of", ("2.5", "number")),
    # a comparator sign before a number with letters glued on that are no unit: a bound, no name
    ("PaO2 / FiO2 <=300nnhg at entry", ("<=300", "quantity")),
    ("Recent (<6m) cardiac surgery", ("<6", "quantity")),
    # (a capital K is thousands in a bound, units.json 'bound_only_forms': "WBC >15K" is 15 10*3/uL)
    ("WBC >15k at entry", (">15", "quantity")),
    # an ordinal week of gestation bounds a gestational age no constraint reads: not an ordinal
    ("a fetus at or beyond the 10th week of gestation", ("10", "number")),
    ("birth before the 34th week of pregnancy", ("34", "number")),
])
def test_unparsed(text, expected):
    unparsed, ignored = _items(_run(text))
    assert expected in unparsed, (unparsed, ignored)


def test_every_number_is_in_exactly_one_item():
    text = "1. COVID-19 within 14 days, ANC 1500, type 2 diabetes, 3 (three) doses on Day 8"
    constraints = [{"span": _span(text, "within 14 days")}]
    unparsed, ignored = account(text, constraints)
    for s, e, _ in numbers(text):
        places = [it for it in unparsed + ignored if it["span"][0] <= s < it["span"][1]]
        covered = constraints[0]["span"][0] <= s < constraints[0]["span"][1]
        assert len(places) + covered == 1, text[s:e]
    for it in unparsed + ignored:
        assert text[it["span"][0]:it["span"][1]] == it["text"]


def test_not_analysed_groups_runs_of_numbers():
    items = not_analysed("1 2 3 4 then 5,6 and x7")
    assert [(i["text"], i["reason"]) for i in items] == [
        ("1 2 3 4", NOT_ANALYSED), ("5,6", NOT_ANALYSED), ("7", NOT_ANALYSED)]


def test_shape():
    assert shape("5-10  MG") == "N-N mg"
    assert shape("≥ 1,500/mm3") == "≥ N/mmN"


# -- a registry form's fields (models/numbers.json 'form_fields') ---------------------------

@pytest.mark.parametrize("text", [
    "Are the trial subjects under 18? no",
    "F.1.2 Adults (18-64 years) yes",
    "F.1.3.1 Number of subjects for this age range 20",
])
def test_form_field_numbers_are_ignored_as_form_fields(text):
    assert _items(_run(text)) == ([], [(text, "form field")])


def test_age_band_without_a_form_answer_is_no_form_field():
    assert _items(_run("Adults (18-64 years) only")) == ([("18-64 years", "quantity")], [])


def test_form_field_and_threshold_in_one_criterion():
    text = "Elderly (>=65 years): Yes; creatinine < 2 mg/dl"
    unparsed, ignored = _items(_run(text, covered=["< 2 mg/dl"]))
    assert unparsed == [] and ignored == [("Elderly (>=65 years): Yes", "form field")]
