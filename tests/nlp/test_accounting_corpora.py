"""Every number of every criterion of every raw corpus is accounted for: in a constraint, in
`ignored` or in `unparsed`, and in exactly one of them (the contract's "Unparsed numbers").

The entity model is off: the accounting reads only the constraints and the variables lexicon,
and the model would make this the slowest test by far."""
import re

import pytest

from extractor.eval.coverage import classify
from extractor.nlp.accounting import numbers
from extractor.api import Options
from tests.conftest import SHARED, CheckedExtractor

# The raw sets (native formats, no labels) listed in the corpora README.
RAW = ["ctgov-legacy-xml-2023", "ctgov-legacy-xml-trec2017", "aact-fixtures", "ctgov-api-v2-json",
       "nci-cts-api-v2", "ctrdata-demo-records", "euctr-text-download",
       "opentrials-registry-cassettes/extracted_bodies", "registry-pages-misc", "ictrp-covid-export"]
_DIGIT_RUN = re.compile(r"[0-9]+")


@pytest.fixture(scope="module")
def engine():
    return CheckedExtractor(Options(entities=False))  # every record is also checked against the schema and its spans


def _places(crit, pos):
    """Where the character at `pos` is: constraint spans (with their events), items."""
    covered = any(c["span"][0] <= pos < c["span"][1] or
                  (c.get("event") and c["event"]["span"][0] <= pos < c["event"]["span"][1])
                  for c in crit["constraints"])
    items = [it for it in crit["unparsed"] + crit.get("ignored", []) if it["span"][0] <= pos < it["span"][1]]
    return covered, items


@pytest.mark.parametrize("folder", RAW)
def test_every_number_accounted_for(engine, folder):
    path = SHARED / "corpora" / folder
    if not path.exists():
        pytest.skip(f"{path} not found")
    problems = []
    criteria = 0
    for record in engine.extract_many([str(path)], workers=2):
        if "criteria" not in record:
            continue
        text = record["document"]["text"]
        for crit in record["criteria"]:
            criteria += 1
            base = crit["span"][0]
            where = f"{record['document']['id']} {crit['id']}"
            assert "unparsed" in crit, where
            assert crit.get("ignored", None) != [], where
            for item in crit["unparsed"] + crit.get("ignored", []):
                s, e = item["span"]
                if not (crit["span"][0] <= s < e <= crit["span"][1]) or text[s:e] != item["text"]:
                    problems.append(f"{where}: item {item} out of its criterion or not its slice")
                elif not _DIGIT_RUN.search(item["text"]) and \
                        not any(s <= base + n0 < e for n0, _, _ in numbers(crit["text"])):
                    problems.append(f"{where}: item {item} holds no number")
            # the module's own count of numbers: each in one place
            for number, label in classify(crit):
                if label == "unaccounted":
                    problems.append(f"{where}: {number!r} unaccounted in {crit['text'][:80]!r}")
            # an independent count: every run of digits, in exactly one place
            for m in _DIGIT_RUN.finditer(crit["text"]):
                covered, items = _places(crit, base + m.start())
                if covered and items or not covered and len(items) != 1:
                    problems.append(f"{where}: {m.group()!r} at {m.start()} covered={covered} "
                                    f"items={[i['text'] for i in items]} in {crit['text'][:80]!r}")
    assert criteria
    assert not problems, f"{len(problems)} problems, first: " + "\n".join(problems[:10])
