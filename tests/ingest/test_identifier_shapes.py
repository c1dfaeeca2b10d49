"""A study identifier's registry system told from its shape (models/registry_ids.json)."""
from __future__ import annotations

import copy

import pytest

from extractor.errors import RuleFileError
from extractor.ingest import facts
from extractor.normalize.resources import load, validate


@pytest.mark.parametrize("value, system", [
    ("NCT01234567", "NCT"), ("2020-001262-11", "EudraCT"), ("2022-500244-37-00", "CTIS"),
    ("isrctn12345678", "ISRCTN"), ("ChiCTR2000031453", "ChiCTR"), ("DRKS00012345", "DRKS"),
    ("CDR0000123456", "PDQ"),
    # the WHO network's registries, as the ICTRP export writes their ids
    ("CTRI/2020/05/025335", "CTRI"), ("IRCT20200506047323N4", "IRCT"), ("IRCT138903011960N3", "IRCT"),
    ("ACTRN12620001048976", "ANZCTR"), ("PACTR202006760881890", "PACTR"), ("RBR-949z6v", "ReBEC"),
    ("RPCEC00000321", "RPCEC"), ("JPRN-jRCTs041200025", "jRCT"), ("jRCT2071200041", "jRCT"),
    ("JPRN-UMIN000040407", "UMIN"), ("JapicCTI-R100126", "JapicCTI"), ("NL8578", "NTR"), ("NTR1234", "NTR"),
    ("TCTR20200404004", "TCTR"), ("LBCTR2020043495", "LBCTR"), ("KCT0005131", "KCT"),
    ("SLCTR/2020/012", "SLCTR"), ("PER-054-20", "REPEC"), ("U1111-1114-2071", "UTN"),
    (" CTRI/2020/05/025335 ", "CTRI"),  # trimmed first
    # shapes of no registry stay "other": a sponsor's code, a Dutch ethics number, a cut id
    ("AX-12", "other"), ("NL71234.078.19", "other"), ("08-524", "other"), ("COG-ACCL0431", "other"),
    ("CTRI/2020/05", "other"), ("ACTRN1262000104897", "other"), ("IRCT2020050604", "other"),
])
def test_the_system_of_an_identifier(value, system):
    assert facts.identifier(value) == {"system": system, "value": value.strip()}


def test_the_rule_file_is_validated():
    data = copy.deepcopy(load("registry_ids"))
    validate("registry_ids", data)
    data["systems"].append({"system": "other", "pattern": "X\\d+$"})  # "other" is what no shape gives
    with pytest.raises(RuleFileError):
        validate("registry_ids", data)
    with pytest.raises(RuleFileError):
        validate("registry_ids", {"systems": [{"system": "NCT"}]})  # a pattern is required
