"""One input, the same records whichever way it is run: the `extract` command (one worker and
two), `extract_many` (one worker and two) and `extract` (its first document, or the error that
stands in its place). One file of every input format in the corpora, plus containers made from
them and multi-record files holding a bad record."""
from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path

import pytest

from extractor import cli
from extractor.api import Extractor, Options
from extractor.errors import ExtractorError

from ..conftest import SHARED

CORPORA = SHARED / "corpora"
# One file per format (as `document.source.format` names it), and files that give error records.
FILES = {
    "ctgov-xml": "ctgov-legacy-xml-2023/NCT0000xxxx/NCT00000102.xml",
    "ctgov-v1-json": "aact-fixtures/spec/support/json_data/NCT00023673.json",
    "ctgov-v2-json": "aact-fixtures/spec/support/json_data/NCT00465816.json",
    "ctgov-xml-json": "ctrdata-demo-records/records/CTGOV_NCT03325556.json",
    "nci-cts-json": "nci-cts-api-v2/support/mock-data/clinical-trial/NCI-2020-08118.json",
    "ctis-json": "ctrdata-demo-records/records/CTIS_2022-500244-37-00.json",
    "euctr-json": "ctrdata-demo-records/records/EUCTR_2013-000615-24-BE.json",
    "isrctn-json": "ctrdata-demo-records/records/ISRCTN_12949496.json",
    "drks-json": "registry-pages-misc/IMISE+DRKS2FHIR/DrksToFhir/DrksToFhir.Client/DRKS_trial-DRKS00038775.json",
    "euctr-text": "euctr-text-download/inst/tinytest/test_error_trials_euctr.txt",
    "html": "aact-fixtures/spec/support/xml_data/Invalid-nct-id.html",
    "text": "ctgov-legacy-xml-2023/SOURCE.md",
    "unsupported-shape": "aact-fixtures/spec/support/xml_data/covid_search.xml",
    "binary-input": "ctrdata-demo-records/demo.sqlite",
}
GOOD = {"protocolSection": {
    "identificationModule": {"nctId": "NCT01234567", "briefTitle": "A trial"},
    "eligibilityModule": {"eligibilityCriteria": "Inclusion Criteria:\n\n* Age ≥ 18 years\n\n"
                                                 "Exclusion Criteria:\n\n* Creatinine > 1.5 x ULN"}}}
BAD = {"protocolSection": {"identificationModule": {"nctId": "NCT07654321", "briefTitle": ["x"]},
                           "eligibilityModule": {"eligibilityCriteria": {"not": "text"}}}}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    if not CORPORA.is_dir():
        pytest.skip(f"corpora absent at {CORPORA}")
    made = tmp_path_factory.mktemp("same")
    paths = [str(CORPORA / rel) for rel in FILES.values() if (CORPORA / rel).exists()]
    assert len(paths) == len(FILES), "a listed corpus file is missing"
    # A multi-record file with a bad record in the middle, in two formats.
    (made / "studies.json").write_text(json.dumps([GOOD, BAD, GOOD]), encoding="utf-8")
    (made / "export.csv").write_text(
        "TrialID,Public_title,Inclusion_Criteria,Exclusion_Criteria\n"
        'X-1,First,"Age >= 18 years",Pregnancy\n"X-2,broken\n', encoding="utf-8")
    # Containers of corpus files.
    with zipfile.ZipFile(made / "two.zip", "w") as zf:
        for key in ("ctgov-xml", "isrctn-json"):
            zf.write(CORPORA / FILES[key], Path(FILES[key]).name)
    (made / "one.xml.gz").write_bytes(gzip.compress((CORPORA / FILES["ctgov-xml"]).read_bytes(), mtime=0))
    return paths + [str(made / n) for n in ("studies.json", "export.csv", "two.zip", "one.xml.gz")]


@pytest.fixture(scope="module")
def engine() -> Extractor:
    return Extractor(Options())


def _cli_records(engine, inputs, tmp_path, workers: int) -> list[dict]:
    out = tmp_path / f"cli{workers}.jsonl"
    # The command maps its flags onto Options; this engine shares the loaded pipeline.
    status = cli.main(["extract", "--quiet", *inputs, "-o", str(out), "--workers", str(workers)],
                      make_engine=lambda options: Extractor(options, analyzer=engine.analyzer))
    assert status == 1  # the bad records and the binary file are error records
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_cli_extract_many_and_extract_agree(engine, inputs, tmp_path):
    reference = list(engine.extract_many(inputs, workers=1))
    assert list(engine.extract_many(inputs, workers=2)) == reference
    assert _cli_records(engine, inputs, tmp_path, 1) == reference
    assert _cli_records(engine, inputs, tmp_path, 2) == reference

    by_path: dict[str, list[dict]] = {}
    for rec in reference:
        where = rec["error"]["path"] if "error" in rec else rec["document"]["source"]["path"]
        by_path.setdefault(where, []).append(rec)
    assert set(by_path) == set(inputs)
    for path in inputs:
        first = by_path[path][0]
        try:
            got = engine.extract(path).to_dict()
        except ExtractorError as err:
            assert "error" in first, f"{path}: extract raised {err.code}, the batch gave a document"
            assert (err.code, err.message, err.record) == (
                first["error"]["code"], first["error"]["message"], first["error"]["record"])
        else:
            assert got == first, path

    formats = {r["document"]["source"]["format"] for r in reference if "document" in r}
    assert {k for k in FILES if "-" in k and k not in ("unsupported-shape", "binary-input")} | {"html", "text"} <= formats
    multi = [("error" in r and r["error"]["code"]) or "doc" for r in by_path[inputs[-4]]]
    assert multi == ["doc", "unsupported-shape", "doc"]
