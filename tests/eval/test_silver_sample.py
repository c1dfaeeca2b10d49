"""The silver-review draw (tools/silver_sample.py), on made-up records."""
import json

from tools.silver_sample import draw, candidates, order_key, show


def _cand(doc_id, text, registry="IRCT", fmt="ictrp-csv", folder="ictrp-covid-export"):
    return {"key": [doc_id, text], "registry": registry, "format": fmt, "folder": folder,
            "path": f"{folder}/x", "record": None,
            "criterion": {"id": "c1", "text": text, "constraints": [], "ignored": [], "unparsed": []}}


def test_seeded_order_and_shares():
    cands = [_cand(f"IRCT{i}", f"Age > {i} years") for i in range(20)]
    cands += [_cand(f"NCT{i}", f"ANC > {i}", registry="NCT", fmt="ctgov-xml", folder="x") for i in range(20)]
    got = draw(cands, "s1", 10)
    assert sum(c["registry"] == "NCT" for c in got) == 3            # NCT_SHARE of the draw
    irct = [c for c in got if c["registry"] == "IRCT"]
    assert irct == sorted(irct, key=lambda c: order_key("s1", c))
    assert irct == sorted([c for c in cands if c["registry"] == "IRCT"], key=lambda c: order_key("s1", c))[:7]
    assert draw(cands, "s1", 10) == got and draw(cands, "s2", 10) != got


def test_at_most_two_criteria_of_a_document_where_there_are_many_documents():
    cands = [_cand(f"IRCT{i % 6}", f"Weight > {i} kg") for i in range(30)]
    got = draw(cands, "s", 10)
    per_doc = {}
    for c in got:
        per_doc[c["key"][0]] = per_doc.get(c["key"][0], 0) + 1
    assert max(per_doc.values()) == 2 and len(got) == 7   # 6 documents x 2 < the 7 asked
    few = [_cand("EUCTR1", f"Weight > {i} kg", registry="EUCTR", fmt="euctr-text") for i in range(9)]
    assert len(draw(few, "s", 10)) == 7   # a stratum of one document gives more of it


def test_candidates_skip_excluded_documents_repeats_and_criteria_without_numbers(tmp_path):
    def rec(doc_id, texts):
        return {"document": {"id": doc_id, "source": {"format": "ictrp-csv", "path": "corpora/ictrp-covid-export/a.csv"}},
                "study": {"identifiers": [{"system": "other", "value": doc_id}]},
                "criteria": [{"id": f"c{i}", "text": t} for i, t in enumerate(texts)]}
    path = tmp_path / "r.jsonl"
    lines = [rec("IRCT1", ["Age > 18 years", "No pregnancy", "Age > 18 years"]),
             rec("IRCT2", ["ANC > 1500"]), rec("IRCT1", ["Age > 18 years"])]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    got = list(candidates(path, exclude={"IRCT2"}))
    assert [c["key"] for c in got] == [["IRCT1", "Age > 18 years"]]
    assert got[0]["registry"] == "IRCT" and got[0]["folder"] == "ictrp-covid-export"


def test_show_lists_constraints_ignored_and_unparsed():
    c = _cand("IRCT1", "Age > 18 years; 27")
    c["criterion"]["constraints"] = [{"type": "value", "comparator": ">", "value": 18, "unit": {"ucum": "a"},
                                      "reference": None, "text": "> 18 years"}]
    c["criterion"]["unparsed"] = [{"text": "27", "reason": "number"}]
    out = show(c)
    assert "+ value > 18 a" in out and "? unparsed number: <27>" in out


def test_a_share_of_none_draws_only_other_registries():
    cands = [_cand(f"IRCT{i}", f"Age > {i} years") for i in range(20)]
    cands += [_cand(f"NCT{i}", f"ANC > {i}", registry="NCT", fmt="ctgov-xml", folder="x") for i in range(20)]
    got = draw(cands, "s1", 10, nct_share=0.0)
    assert len(got) == 10 and not any(c["registry"] == "NCT" for c in got)
    # the other registries' order is the same seeded order as in a mixed draw
    assert got[:7] == [c for c in draw(cands, "s1", 10) if c["registry"] != "NCT"]


def test_a_larger_share_draws_more_of_clinicaltrials_gov():
    cands = [_cand(f"IRCT{i}", f"Age > {i} years") for i in range(20)]
    cands += [_cand(f"NCT{i}", f"ANC > {i}", registry="NCT", fmt="ctgov-xml", folder="x") for i in range(20)]
    assert sum(c["registry"] == "NCT" for c in draw(cands, "s1", 10, 0.7)) == 7


def test_nct_folders_keep_the_other_registries_and_the_named_clinicaltrials_gov_folders():
    from tools.silver_sample import nct_folders_only
    cands = [_cand("IRCT1", "Age > 18 years"),
             _cand("NCT1", "ANC > 1", registry="NCT", fmt="ctgov-xml", folder="aact-fixtures"),
             _cand("NCT2", "ANC > 2", registry="NCT", fmt="ctgov-json", folder="ctgov-api-v2-json/pages"),
             _cand("NCT3", "ANC > 3", registry="NCT", fmt="ctgov-xml", folder="ctgov-legacy-xml-2023")]
    got = nct_folders_only(cands, ["aact-fixtures", "ctgov-api-v2-json"])
    assert [c["key"][0] for c in got] == ["IRCT1", "NCT1", "NCT2"]
