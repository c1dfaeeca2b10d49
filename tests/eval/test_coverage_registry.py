"""The registry a coverage row is counted under."""
from extractor.eval.coverage import registry


def _rec(fmt, ids, doc_id):
    return {"document": {"id": doc_id, "source": {"format": fmt}}, "study": {"identifiers": ids}}


def test_ictrp_row_with_eudract_number_is_euctr():
    rec = _rec("ictrp-csv", [{"system": "EudraCT", "value": "2020-003368-24"}], "EUCTR2020-003368-24-GB")
    assert registry(rec) == "EUCTR"


def test_ictrp_rows_of_other_registries_keep_their_prefix():
    assert registry(_rec("ictrp-csv", [{"system": "other", "value": "CTRI/2020/05/025"}], "x")) == "CTRI"
    assert registry(_rec("ictrp-csv", [{"system": "other", "value": "ChiCTR2000029"}], "x")) == "ChiCTR"
    assert registry(_rec("ictrp-csv", [{"system": "NCT", "value": "NCT04280705"}], "x")) == "NCT"


def test_record_without_identifiers_is_unknown():
    assert registry(_rec("text", [], "")) == "unknown"
