"""The structure review's draw (tools/structure_review.py) on made-up dump rows: ClinicalTrials.gov
formats and the ICTRP export's NCT rows are candidates only with --with-ctgov, and an earlier
draw left out by --not-in is rebuilt as it was taken, without them."""
from tools.structure_review import draw, left_out


def _row(i, registry, fmt, folder):
    return {"id": f"{registry}-{fmt}-{i}", "registry": registry, "format": fmt, "folder": folder,
            "criteria": [["inclusion", 0, "Adults"]], "sections": [], "text": "Adults"}


ROWS = ([_row(i, "IRCT", "ictrp-csv", "ictrp") for i in range(5)]
        + [_row(i, "NCT", "ctgov-xml", "legacy") for i in range(5)]
        + [_row(i, "NCT", "ictrp-csv", "ictrp") for i in range(5)])


def test_ctgov_records_are_candidates_only_when_asked():
    assert {r["registry"] for r in draw(ROWS, "s/", 10, set())} == {"IRCT"}
    with_ctgov = draw(ROWS, "s/", 9, set(), with_ctgov=True)
    assert {(r["format"], r["folder"]) for r in with_ctgov} == {
        ("ictrp-csv", "ictrp"), ("ctgov-xml", "legacy")}
    assert len([r for r in with_ctgov if r["registry"] == "NCT" and r["format"] == "ictrp-csv"]) == 3


def test_an_earlier_draw_is_left_out_as_it_was_taken():
    earlier = {r["id"] for r in draw(ROWS, "old/", 3, set())}
    new = draw(ROWS, "new/", 12, set(earlier), with_ctgov=True)
    assert not earlier & {r["id"] for r in new}
    assert len(new) == 12


def test_an_earlier_draw_taken_with_ctgov_is_left_out_as_taken():
    # "SALT:N:ctgov" rebuilds a draw that was taken --with-ctgov with ClinicalTrials.gov rows;
    # rebuilt without them, its NCT records would be read again
    earlier = {r["id"] for r in draw(ROWS, "old/", 6, set(), with_ctgov=True)}
    assert any(i.startswith("NCT") for i in earlier)
    assert left_out(ROWS, ["old/:6:ctgov"], set()) == earlier
    assert left_out(ROWS, ["old/:6"], set()) != earlier
    new = draw(ROWS, "new/", 9, left_out(ROWS, ["old/:6:ctgov"], set()), with_ctgov=True)
    assert not earlier & {r["id"] for r in new}
