"""The draw rule of the registries gold (tools/registries_draw.py), on made-up candidates."""
import hashlib

from tools.registries_draw import (CUE, MIN_CUES, N_OF, cue_count, draw, folder_of, in_limits, n_labels_d, n_labels_e,
                                  n_labels_f, next_salt, registry_of, salts_between)

n_labels_g, n_labels_h, n_labels_i, n_labels_j = (N_OF[f"labels-{k}/"] for k in "ghij")


def cand(doc_id, registry="IRCT", fmt="ictrp-csv", folder="ictrp-covid-export", length=1000,
         cue=True, path="a.csv", record=None, cues=5):
    return {"id": doc_id, "registry": registry, "format": fmt, "folder": folder,
            "length": length, "cue": cue, "path": path, "record": record, "cues": cues}


def salted(salt, doc_id):
    return hashlib.sha256((salt + doc_id).encode()).hexdigest()


def _first_in_order(ids, salt: str, n: int, left_out=frozenset()) -> list[str]:
    """The first `n` of `ids` in `salt`'s order, those in `left_out` (too few cues) skipped."""
    return [i for i in sorted(ids, key=lambda i: salted(salt, i)) if i not in left_out][:n]


def test_first_n_in_salted_order():
    ids = [f"IRCT{i}" for i in range(10)]
    got = [c["id"] for c in draw([cand(i) for i in ids], "labels-d/")]
    assert got == sorted(ids, key=lambda i: salted("labels-d/", i))[:2]   # N = 2 for IRCT rows
    other = [c["id"] for c in draw([cand(i) for i in ids], "salt-without-a-table/")]
    assert other == sorted(ids, key=lambda i: salted("salt-without-a-table/", i))[:2]


def test_limits_cue_and_one_id_per_draw():
    short, no_cue, long_page = cand("IRCT1", length=150), cand("IRCT2", cue=False), \
        cand("NCT1", registry="NCT", fmt="html", folder="sponsor-pages", length=5500)
    assert not in_limits(short) and not in_limits(no_cue) and in_limits(long_page)
    assert not in_limits(cand("NCT2", registry="NCT", fmt="ctgov-xml", length=5500))
    twice = [cand("NCT9", registry="NCT", fmt="ctgov-v1-json", folder="aact-fixtures"),
             cand("NCT9", registry="NCT", fmt="ictrp-csv")]
    assert [c["id"] for c in draw(twice, "labels-d/")] == ["NCT9"]
    assert draw([short, no_cue], "labels-d/") == []


def test_groups_and_counts():
    assert n_labels_d(("NCT", "ctgov-v2-json", "ctgov-api-v2-json/some+collection")) == 1
    assert n_labels_d(("NCT", "ctgov-v2-json", "aact-fixtures")) == 0
    assert n_labels_d(("NCT", "ctgov-xml", "ctgov-legacy-xml-2023")) == 1
    assert n_labels_d(("NCT", "ctgov-xml", "aact-fixtures")) == 0
    assert folder_of("ctgov-api-v2-json/a+b/data/ctg-studies.json", "ctgov-v2-json") == \
        "ctgov-api-v2-json/a+b"
    assert folder_of("opentrials-registry-cassettes/extracted_bodies/www.takedaclinicaltrials"
                     ".com_x.html", "html") == "sponsor-pages"
    assert folder_of("opentrials-registry-cassettes/extracted_bodies/www.clinicaltrialsregister"
                     ".eu_x.html", "html") == "opentrials-registry-cassettes"


def test_registry_of_ids():
    cases = {"ACTRN12620000676910": "ANZCTR", "JPRN-jRCTs031200196": "jRCT", "NL8547": "NTR",
             "PER-060-20": "REPEC", "EUCTR2020-001953-36-ES": "EUCTR", "2019-002663-10": "EUCTR",
             "RBR-4vm3yy": "ReBEC", "NCT00001582": "NCT", "CTRI/2020/06/025798": "CTRI"}
    for doc_id, registry in cases.items():
        assert registry_of(doc_id, "ictrp-csv") == registry, doc_id
    assert registry_of("2024-510663-34-00", "ctis-json") == "CTIS"


def test_cue_pattern():
    assert CUE.search("Age 18 years or older") and CUE.search("ANC ≥ 1500")
    assert CUE.search("within 4 weeks") and CUE.search("ALT 3 x ULN")
    assert not CUE.search("Pregnant or breastfeeding women") and not CUE.search("COVID-19 positive")


def test_labels_e_counts_and_min_cues():
    ids = [f"IRCT{i}" for i in range(10)]
    few = {"IRCT3", "IRCT7"}   # two cue matches: kept by labels-d's rule, not by labels-e's
    cands = [cand(i, cues=2 if i in few else 4) for i in ids]
    got = [c["id"] for c in draw(cands, "labels-e/")]
    assert got == _first_in_order(ids, "labels-e/", 3, left_out=few)
    assert [c["id"] for c in draw(cands, "labels-d/")] == sorted(ids, key=lambda i: salted("labels-d/", i))[:2]
    assert n_labels_e(("NTR", "ictrp-csv", "ictrp-covid-export")) == 2
    assert n_labels_e(("NCT", "ctgov-v2-json", "ctgov-api-v2-json/some+collection")) == 0
    assert n_labels_e(("NCT", "ctgov-v2-json", "ctrdata-demo-records")) == 1
    assert n_labels_e(("NCT", "ctgov-v2-json", "aact-fixtures")) == 0
    assert n_labels_e(("CTIS", "ctis-json", "ctrdata-demo-records")) == 0


def test_cue_count_ignores_line_break_markup():
    assert cue_count("Mild cases. <br/ >\nSevere cases. <br/ >\nConsent. <BR>") == 0
    assert cue_count("Age > 18 <br/ > HbA1c < 9% <br/ > within 4 weeks") == 3
    assert in_limits(cand("IRCT1", cues=3), 3) and not in_limits(cand("IRCT1", cues=2), 3)
    assert in_limits(cand("IRCT1", cues=0), 1)   # labels-d's rule reads `cue` only


def test_labels_f_repeats_labels_e_rule_under_its_own_salt():
    ids = [f"IRCT{i}" for i in range(10)]
    few = {"IRCT1", "IRCT4"}
    cands = [cand(i, cues=2 if i in few else 3) for i in ids]
    got = [c["id"] for c in draw(cands, "labels-f/")]
    assert got == _first_in_order(ids, "labels-f/", 5, left_out=few)
    assert n_labels_f(("ReBEC", "ictrp-csv", "ictrp-covid-export")) == 2   # as labels-e
    assert n_labels_f(("NCT", "ctgov-xml", "ctgov-legacy-xml-2023")) == 2
    assert n_labels_f(("NCT", "ctgov-xml", "ctgov-legacy-xml-trec2017")) == 1
    assert n_labels_f(("NCT", "ctgov-v2-json", "ctgov-api-v2-json/some+collection")) == 0


def test_labels_g_takes_its_n_per_group_and_three_cues():
    ids = [f"CTRI{i}" for i in range(12)]
    few = {"CTRI2", "CTRI7"}
    cands = [cand(i, registry="CTRI", cues=2 if i in few else 3) for i in ids]
    got = [c["id"] for c in draw(cands, "labels-g/")]
    assert got == _first_in_order(ids, "labels-g/", 7, left_out=few)
    assert n_labels_g(("NCT", "ctgov-v1-json", "aact-fixtures")) == 3
    assert n_labels_g(("NCT", "ctgov-xml", "ctgov-legacy-xml-2023")) == 2
    assert n_labels_g(("NCT", "ctgov-xml", "aact-fixtures")) == 1
    assert n_labels_g(("NCT", "ctgov-v2-json", "aact-fixtures")) == 1
    # a folder not listed for a format keyed by folder gives none
    assert n_labels_g(("NCT", "ctgov-v2-json", "ctgov-api-v2-json/some+collection")) == 0
    assert n_labels_g(("NCT", "ctgov-xml", "some-other-folder")) == 0
    assert n_labels_g(("ANZCTR", "ictrp-csv", "ictrp-covid-export")) == 0


def _check_own_salt(registry: str, few_index: int, salt: str, other_salt: str) -> None:
    """Seven candidates with three cues or more, in `salt`'s order, which differs from `other_salt`'s."""
    ids = [f"{registry}{i}" for i in range(12)]
    few = {f"{registry}{few_index}"}
    cands = [cand(i, registry=registry, cues=2 if i in few else 3) for i in ids]
    got = [c["id"] for c in draw(cands, salt)]
    assert got == _first_in_order(ids, salt, 7, left_out=few)
    assert got != [c["id"] for c in draw(cands, other_salt)]   # the salt reorders


def test_labels_h_repeats_labels_g_n_under_its_own_salt():
    _check_own_salt("ChiCTR", 3, "labels-h/", "labels-g/")
    for group in [("EUCTR", "ictrp-csv", "ictrp-covid-export"), ("NCT", "ictrp-csv", "ictrp-covid-export"),
                  ("NCT", "ctgov-xml", "ctgov-legacy-xml-2023"), ("ANZCTR", "ictrp-csv", "ictrp-covid-export"),
                  ("NCT", "ctgov-v2-json", "ctgov-api-v2-json/some+collection")]:
        assert n_labels_h(group) == n_labels_g(group)


def test_labels_i_gives_the_dry_ctrdata_record_to_aact_fixtures_api_v2():
    _check_own_salt("IRCT", 5, "labels-i/", "labels-h/")
    assert n_labels_i(("NCT", "ctgov-v2-json", "ctrdata-demo-records")) == 0
    assert n_labels_i(("NCT", "ctgov-v2-json", "aact-fixtures")) == 2
    for group in [("EUCTR", "ictrp-csv", "ictrp-covid-export"), ("NCT", "ctgov-v1-json", "aact-fixtures"),
                  ("NCT", "ctgov-xml", "aact-fixtures"), ("ANZCTR", "ictrp-csv", "ictrp-covid-export"),
                  ("NCT", "ctgov-v2-json", "ctgov-api-v2-json/some+collection")]:
        assert n_labels_i(group) == n_labels_g(group)


def test_labels_j_takes_labels_g_n_under_its_own_salt():
    _check_own_salt("CTRI", 4, "labels-j/", "labels-i/")
    for group in [("EUCTR", "ictrp-csv", "ictrp-covid-export"), ("NCT", "ctgov-v1-json", "aact-fixtures"),
                  ("NCT", "ctgov-v2-json", "ctrdata-demo-records"), ("NCT", "ctgov-v2-json", "aact-fixtures"),
                  ("ANZCTR", "ictrp-csv", "ictrp-covid-export"),
                  ("NCT", "ctgov-v2-json", "ctgov-api-v2-json/some+collection")]:
        assert n_labels_j(group) == n_labels_g(group)


def test_labels_k_to_m_and_o_take_labels_g_n_under_their_own_salts():
    for salt, other, registry in (("labels-k/", "labels-j/", "EUCTR"), ("labels-l/", "labels-k/", "IRCT"),
                                  ("labels-m/", "labels-l/", "ChiCTR"), ("labels-o/", "labels-m/", "CTRI")):
        _check_own_salt(registry, 2, salt, other)
        for group in [("NCT", "ctgov-v1-json", "aact-fixtures"), ("NCT", "ctgov-xml", "ctgov-legacy-xml-2023"),
                      ("ANZCTR", "ictrp-csv", "ictrp-covid-export"),
                      ("NCT", "ctgov-v2-json", "ctgov-api-v2-json/some+collection")]:
            assert N_OF[salt](group) == n_labels_g(group)


def test_labels_n_goes_back_to_one_cue_in_the_sparse_registries():
    ids = [f"RPCEC{i}" for i in range(6)]
    cands = [cand(i, registry="RPCEC", cues=1) for i in ids]
    got = [c["id"] for c in draw(cands, "labels-n/")]
    assert got == sorted(ids, key=lambda i: salted("labels-n/", i))[:3]   # one cue is enough
    assert draw([cand("RPCEC9", registry="RPCEC", cue=False, cues=0)], "labels-n/") == []
    assert N_OF["labels-n/"](("EUCTR", "ictrp-csv", "ictrp-covid-export")) == 0
    assert N_OF["labels-n/"](("ISRCTN", "isrctn-json", "ctrdata-demo-records")) == 2


def test_labels_y_takes_labels_n_groups_with_two_cues():
    ids = [f"IRCT{i}" for i in range(8)]
    one = {"IRCT2", "IRCT5"}   # one cue match: kept by labels-n's rule, not by labels-y's
    cands = [cand(i, cues=1 if i in one else 2) for i in ids]
    got = [c["id"] for c in draw(cands, "labels-y/")]
    assert got == _first_in_order(ids, "labels-y/", 3, left_out=one)
    again = [c["id"] for c in draw(cands, "labels-zb/")]   # labels-zb: the same rule, its own salt
    assert again == _first_in_order(ids, "labels-zb/", 3, left_out=one) and again != got
    assert N_OF["labels-zb/"](("NCT", "ctgov-v1-json", "aact-fixtures")) == 0
    later = [c["id"] for c in draw(cands, "labels-zr/")]   # labels-zr: again, its own salt
    assert later == _first_in_order(ids, "labels-zr/", 3, left_out=one) and later != got
    assert N_OF["labels-zr/"](("EUCTR", "ictrp-csv", "ictrp-covid-export")) == 3
    last = [c["id"] for c in draw(cands, "labels-zu/")]   # labels-zu: again, its own salt
    assert last == _first_in_order(ids, "labels-zu/", 3, left_out=one) and last not in (got, later)
    assert N_OF["labels-y/"](("EUCTR", "ictrp-csv", "ictrp-covid-export")) == 3
    assert N_OF["labels-y/"](("RPCEC", "ictrp-csv", "ictrp-covid-export")) == 3
    assert N_OF["labels-y/"](("NCT", "ctgov-v1-json", "aact-fixtures")) == 0


def _salt_run(after: str, last: str) -> tuple:
    """(salt, the salt before it, registry) for the salts drawn one after the other after
    labels-`after`/ up to labels-`last`/ (next_salt), each taking the next registry of CTRI, EUCTR,
    IRCT, ChiCTR in turn."""
    registries = ("CTRI", "EUCTR", "IRCT", "ChiCTR")
    names = salts_between(next_salt(after), last)
    return tuple((f"labels-{name}/", f"labels-{before}/", registries[k % 4])
                 for k, (name, before) in enumerate(zip(names, (after,) + names[:-1])))


def test_labels_x_z_and_za_to_zq_zs_zt_zv_to_zz_zza_to_zzzz_zzzza_to_zzzzz_and_zzzzza_to_zzzzzzzzr_take_labels_g_n_under_their_own_salts():
    for salt, other, registry in (("labels-x/", "labels-w/", "CTRI"), ("labels-z/", "labels-x/", "IRCT"),
                                  ("labels-za/", "labels-z/", "ChiCTR"), ("labels-zc/", "labels-za/", "CTRI"),
                                  ("labels-zd/", "labels-zc/", "EUCTR"), ("labels-ze/", "labels-zd/", "IRCT"),
                                  ("labels-zf/", "labels-ze/", "ChiCTR"), ("labels-zg/", "labels-zf/", "CTRI"),
                                  ("labels-zh/", "labels-zg/", "EUCTR"), ("labels-zi/", "labels-zh/", "IRCT"),
                                  ("labels-zj/", "labels-zi/", "ChiCTR"), ("labels-zk/", "labels-zj/", "CTRI"),
                                  ("labels-zl/", "labels-zk/", "EUCTR"), ("labels-zm/", "labels-zl/", "IRCT"),
                                  ("labels-zn/", "labels-zm/", "ChiCTR"), ("labels-zo/", "labels-zn/", "CTRI"),
                                  ("labels-zp/", "labels-zo/", "EUCTR"), ("labels-zq/", "labels-zp/", "IRCT"),
                                  ("labels-zs/", "labels-zr/", "ChiCTR"), ("labels-zt/", "labels-zs/", "CTRI"),
                                  ("labels-zv/", "labels-zu/", "EUCTR"), ("labels-zw/", "labels-zv/", "IRCT"),
                                  ("labels-zx/", "labels-zw/", "ChiCTR"), ("labels-zy/", "labels-zx/", "CTRI"),
                                  ("labels-zz/", "labels-zy/", "EUCTR"),
                                  ("labels-zza/", "labels-zz/", "IRCT"), ("labels-zzb/", "labels-zza/", "ChiCTR"),
                                  ("labels-zzc/", "labels-zzb/", "CTRI"), ("labels-zzd/", "labels-zzc/", "EUCTR"),
                                  ("labels-zze/", "labels-zzd/", "IRCT"), ("labels-zzf/", "labels-zze/", "ChiCTR"),
                                  ("labels-zzg/", "labels-zzf/", "CTRI"), ("labels-zzh/", "labels-zzg/", "EUCTR"),
                                  ("labels-zzi/", "labels-zzh/", "IRCT"), ("labels-zzj/", "labels-zzi/", "ChiCTR"),
                                  ("labels-zzk/", "labels-zzj/", "CTRI"), ("labels-zzl/", "labels-zzk/", "EUCTR"),
                                  ("labels-zzm/", "labels-zzl/", "IRCT"), ("labels-zzn/", "labels-zzm/", "ChiCTR"),
                                  ("labels-zzo/", "labels-zzn/", "CTRI"), ("labels-zzp/", "labels-zzo/", "EUCTR"),
                                  ("labels-zzq/", "labels-zzp/", "IRCT"), ("labels-zzr/", "labels-zzq/", "ChiCTR"),
                                  ("labels-zzs/", "labels-zzr/", "CTRI"), ("labels-zzt/", "labels-zzs/", "EUCTR"),
                                  ("labels-zzu/", "labels-zzt/", "IRCT"), ("labels-zzv/", "labels-zzu/", "ChiCTR"),
                                  ("labels-zzw/", "labels-zzv/", "CTRI"), ("labels-zzx/", "labels-zzw/", "EUCTR"),
                                  ("labels-zzy/", "labels-zzx/", "IRCT"), ("labels-zzz/", "labels-zzy/", "ChiCTR"),
                                  ("labels-zzza/", "labels-zzz/", "CTRI"), ("labels-zzzb/", "labels-zzza/", "EUCTR"),
                                  ("labels-zzzc/", "labels-zzzb/", "IRCT"), ("labels-zzzd/", "labels-zzzc/", "ChiCTR"),
                                  ("labels-zzze/", "labels-zzzd/", "CTRI"), ("labels-zzzf/", "labels-zzze/", "EUCTR"),
                                  ("labels-zzzg/", "labels-zzzf/", "IRCT"), ("labels-zzzh/", "labels-zzzg/", "ChiCTR"),
                                  ("labels-zzzi/", "labels-zzzh/", "CTRI"), ("labels-zzzj/", "labels-zzzi/", "EUCTR"),
                                  ("labels-zzzk/", "labels-zzzj/", "IRCT"), ("labels-zzzl/", "labels-zzzk/", "ChiCTR"),
                                  ("labels-zzzm/", "labels-zzzl/", "CTRI"), ("labels-zzzn/", "labels-zzzm/", "EUCTR"),
                                  ("labels-zzzo/", "labels-zzzn/", "IRCT"), ("labels-zzzp/", "labels-zzzo/", "ChiCTR"),
                                  ("labels-zzzq/", "labels-zzzp/", "CTRI"), ("labels-zzzr/", "labels-zzzq/", "EUCTR"),
                                  ("labels-zzzs/", "labels-zzzr/", "IRCT"), ("labels-zzzt/", "labels-zzzs/", "ChiCTR"),
                                  ("labels-zzzu/", "labels-zzzt/", "CTRI"), ("labels-zzzv/", "labels-zzzu/", "EUCTR"),
                                  ("labels-zzzw/", "labels-zzzv/", "IRCT"), ("labels-zzzx/", "labels-zzzw/", "ChiCTR"),
                                  ("labels-zzzy/", "labels-zzzx/", "CTRI"), ("labels-zzzz/", "labels-zzzy/", "EUCTR"),
                                  ("labels-zzzza/", "labels-zzzz/", "IRCT"), ("labels-zzzzb/", "labels-zzzza/", "ChiCTR"),
                                  ("labels-zzzzc/", "labels-zzzzb/", "CTRI"), ("labels-zzzzd/", "labels-zzzzc/", "EUCTR"),
                                  ("labels-zzzze/", "labels-zzzzd/", "IRCT"), ("labels-zzzzf/", "labels-zzzze/", "ChiCTR"),
                                  ("labels-zzzzg/", "labels-zzzzf/", "CTRI"), ("labels-zzzzh/", "labels-zzzzg/", "EUCTR"),
                                  ("labels-zzzzi/", "labels-zzzzh/", "IRCT"), ("labels-zzzzj/", "labels-zzzzi/", "ChiCTR"),
                                  ("labels-zzzzk/", "labels-zzzzj/", "CTRI"), ("labels-zzzzl/", "labels-zzzzk/", "EUCTR"),
                                  ("labels-zzzzm/", "labels-zzzzl/", "IRCT"), ("labels-zzzzn/", "labels-zzzzm/", "ChiCTR"),
                                  ("labels-zzzzo/", "labels-zzzzn/", "CTRI"), ("labels-zzzzp/", "labels-zzzzo/", "EUCTR"),
                                  ("labels-zzzzq/", "labels-zzzzp/", "IRCT"), ("labels-zzzzr/", "labels-zzzzq/", "ChiCTR"),
                                  ("labels-zzzzs/", "labels-zzzzr/", "CTRI"), ("labels-zzzzt/", "labels-zzzzs/", "EUCTR"),
                                  ("labels-zzzzu/", "labels-zzzzt/", "IRCT"), ("labels-zzzzv/", "labels-zzzzu/", "ChiCTR"),
                                  ("labels-zzzzw/", "labels-zzzzv/", "CTRI"), ("labels-zzzzx/", "labels-zzzzw/", "EUCTR"),
                                  ("labels-zzzzy/", "labels-zzzzx/", "IRCT"), ("labels-zzzzz/", "labels-zzzzy/", "ChiCTR")) + _salt_run("zzzzz", "zzzzzzzzzzzd"):
        _check_own_salt(registry, 2, salt, other)
        for group in [("NCT", "ctgov-v1-json", "aact-fixtures"), ("NCT", "ctgov-xml", "ctgov-legacy-xml-2023")]:
            assert N_OF[salt](group) == n_labels_g(group)
        assert MIN_CUES[salt] == 3



def test_long_one_takes_one_record_longer_than_the_limits_of_each_of_its_groups():
    from tools.registries_draw import LONG_HIGH, LONG_ONE, N_LONG_ONE
    salt = f"labels-{LONG_ONE[0]}/"
    euctr = dict(registry="EUCTR", fmt="ictrp-csv", folder="ictrp-covid-export")
    legacy = dict(registry="NCT", fmt="ctgov-xml", folder="ctgov-legacy-xml-2023", path="x.xml")
    cands = [cand("EUCTR2020-000001-01", length=3000, **euctr), cand("EUCTR2020-000002-02", length=LONG_HIGH + 1, **euctr),
             cand("NCT00000001", length=5000, **legacy), cand("NCT00000002", length=4000, **legacy),
             # a group no LONG_ONE draw takes from
             cand("IRCT1", length=5000)]
    got = {c["id"] for c in draw(cands, salt)}
    assert got == {"NCT00000001"}   # too short, too long, no draw's group: left
    assert in_limits(cand("EUCTR1", length=4001, cues=1, **euctr), 1, long=True)
    assert not in_limits(cand("EUCTR1", length=4001, cue=False, **euctr), 1, long=True)
    # a page's limit is 6000, so a long page is one above it
    page = dict(registry="NCT", fmt="html", folder="sponsor-pages")
    assert not in_limits(cand("NCT3", length=5500, **page), 1, long=True)
    assert in_limits(cand("NCT3", length=6500, **page), 1, long=True)
    assert MIN_CUES[salt] == 1 and all(n == 1 for n in N_LONG_ONE.values()) and len(N_LONG_ONE) == 8
    assert N_OF[salt](("EUCTR", "ictrp-csv", "ictrp-covid-export")) == 1
    assert N_OF[salt](("IRCT", "ictrp-csv", "ictrp-covid-export")) == 0


def test_long_more_takes_the_long_records_of_the_other_groups():
    from tools.registries_draw import LONG_MORE, N_LONG_MORE, N_LONG_ONE
    salt = f"labels-{LONG_MORE[0]}/"
    anzctr = dict(registry="ANZCTR", fmt="ictrp-csv", folder="ictrp-covid-export")
    euctr = dict(registry="EUCTR", fmt="ictrp-csv", folder="ictrp-covid-export")
    cands = [cand("ACTRN1", length=3500, **anzctr), cand("ACTRN2", length=5000, **anzctr),
             cand("EUCTR2020-000003-03", length=5000, **euctr)]   # LONG_ONE's group, not LONG_MORE's
    assert {c["id"] for c in draw(cands, salt)} == {"ACTRN2"}
    assert not set(N_LONG_MORE) & set(N_LONG_ONE) and MIN_CUES[salt] == 1


def test_g_one_takes_two_legacy_records_a_draw_with_one_cue():
    from tools.registries_draw import G_ONE, G_TWO
    legacy = dict(registry="NCT", fmt="ctgov-xml", folder="ctgov-legacy-xml-2023", path="x.xml")
    ids = [f"NCT0000000{i}" for i in range(6)]
    cands = [cand(i, cues=1, **legacy) for i in ids] + [cand("NCT00000009", cue=False, cues=0, **legacy),
                                                        cand("IRCT1", cues=1)]   # no cue; not the group
    for salt in (f"labels-{G_ONE[0]}/", f"labels-{G_ONE[-1]}/"):
        assert [c["id"] for c in draw(cands, salt)] == _first_in_order(ids, salt, 2)
        assert MIN_CUES[salt] == 1
    # G_TWO, the rule before, would take none of them: one cue is too few there
    assert draw(cands, f"labels-{G_TWO[-1]}/") == []
    assert G_ONE[0] == next_salt(G_TWO[-1]) and len(G_ONE) == len(set(G_ONE))
