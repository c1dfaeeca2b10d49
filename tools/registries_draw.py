#!/usr/bin/env python3
"""Redo the draw of a registries gold file (corpora/registries/README.md, "How records were
chosen"): list, per (registry, format, folder) group, the first N candidate records in salted
hash order, so that anyone can check that the labelled records are the ones the rule gives.

A candidate is a document of the raw corpora read without error, with a registry id that no
earlier label file holds and that is not an LCT text, whose eligibility text (first section
start to last section end; reader and sections only, no NLP) is within the length limits and
holds a threshold cue. Order: sha256(salt + id) hex ascending, ties by path then record.

labels-e (salt "labels-e/") takes its own N per group (N_LABELS_E) and keeps only candidates with
at least three cue matches (MIN_CUES), so that the draw leans to records with many numbers;
labels-f (salt "labels-f/") repeats that rule with more records where labels-e's groups ran dry
(N_LABELS_F); labels-g (salt "labels-g/") repeats it over the groups that still have candidates
(N_LABELS_G); labels-h, labels-j to labels-m, labels-o to labels-x, labels-z, labels-za and
labels-zc to labels-zq, labels-zs, labels-zt, labels-zv to labels-zz, labels-zza to labels-zzz, labels-zzza to labels-zzzz, labels-zzzza to labels-zzzzz and labels-zzzzza to labels-zzzzzzzzzzzzj (each under its own salt, "labels-h/" ...) take labels-g's N again (G_AGAIN), labels-i moves the record of a
group run dry (N_LABELS_I), and labels-n (salt "labels-n/") goes back to one cue (MIN_CUES) in the
groups of the registries with the fewest labelled records (N_LABELS_N); labels-y (salt "labels-y/")
takes those groups and the EU CTR rows again with two cues or more (N_LABELS_Y), and labels-zb
(salt "labels-zb/"), labels-zr and labels-zu (salts "labels-zr/", "labels-zu/") take labels-y's
rule again (Y_AGAIN); labels-zzzzzzzzzzzzk to labels-zzzzzzzzzzzzzzr (V2_DRAWS) take one record of
each API v2 JSON collection (N_LABELS_V2), three cues or more, and labels-zzzzzzzzzzzzzzs to
labels-zzzzzzzzzzzzzzzl (V2_LOW) the same with two cues or more; after them G_LATE (labels-g's N
again: two legacy XML records a draw) and V2_LATE (V2_LOW's rule again), in the ranges named below;
then labels-zzzzzzzzzzzzzzzzzzx and labels-zzzzzzzzzzzzzzzzzzy (MIX_LATE: one record of each other
CT.gov group, two cues or more), labels-zzzzzzzzzzzzzzzzzzz (V2_ONE: V2_DRAWS's groups, one cue) and
labels-zzzzzzzzzzzzzzzzzzza to labels-zzzzzzzzzzzzzzzzzzzg (MIX_LATE again), then G_LATE and MIX_LATE
again (labels-zzzzzzzzzzzzzzzzzzzh to labels-zzzzzzzzzzzzzzzzzzzm), V2_ONE and MIX_LATE again
(labels-zzzzzzzzzzzzzzzzzzzn to labels-zzzzzzzzzzzzzzzzzzzq), G_LATE again (labels-zzzzzzzzzzzzzzzzzzzr
to labels-zzzzzzzzzzzzzzzzzzzy), then G_LATE, V2_ONE and MIX_LATE again (labels-zzzzzzzzzzzzzzzzzzzz to labels-zzzzzzzzzzzzzzzzzzzze),
G_LATE again (labels-zzzzzzzzzzzzzzzzzzzzf to labels-zzzzzzzzzzzzzzzzzzzzs), V2_ONE (labels-zzzzzzzzzzzzzzzzzzzzt) and MIX_LATE
(labels-zzzzzzzzzzzzzzzzzzzzu) again, G_LATE again (labels-zzzzzzzzzzzzzzzzzzzzv to labels-zzzzzzzzzzzzzzzzzzzzzc),
then G_LATE, V2_ONE and MIX_LATE again (labels-zzzzzzzzzzzzzzzzzzzzzd to labels-zzzzzzzzzzzzzzzzzzzzzi,
labels-zzzzzzzzzzzzzzzzzzzzzj to labels-zzzzzzzzzzzzzzzzzzzzzo, labels-zzzzzzzzzzzzzzzzzzzzzp to labels-zzzzzzzzzzzzzzzzzzzzzu and
labels-zzzzzzzzzzzzzzzzzzzzzv to labels-zzzzzzzzzzzzzzzzzzzzzza, then labels-zzzzzzzzzzzzzzzzzzzzzzb to labels-zzzzzzzzzzzzzzzzzzzzzzg and labels-zzzzzzzzzzzzzzzzzzzzzzh to
labels-zzzzzzzzzzzzzzzzzzzzzzm, then labels-zzzzzzzzzzzzzzzzzzzzzzn to labels-zzzzzzzzzzzzzzzzzzzzzzs and
labels-zzzzzzzzzzzzzzzzzzzzzzt to labels-zzzzzzzzzzzzzzzzzzzzzzy, then labels-zzzzzzzzzzzzzzzzzzzzzzz to
labels-zzzzzzzzzzzzzzzzzzzzzzze, labels-zzzzzzzzzzzzzzzzzzzzzzzf to labels-zzzzzzzzzzzzzzzzzzzzzzzk and
labels-zzzzzzzzzzzzzzzzzzzzzzzl to labels-zzzzzzzzzzzzzzzzzzzzzzzq, then labels-zzzzzzzzzzzzzzzzzzzzzzzr to labels-zzzzzzzzzzzzzzzzzzzzzzzw and
labels-zzzzzzzzzzzzzzzzzzzzzzzx to labels-zzzzzzzzzzzzzzzzzzzzzzzzc, then labels-zzzzzzzzzzzzzzzzzzzzzzzzd to labels-zzzzzzzzzzzzzzzzzzzzzzzzh; then labels-zzzzzzzzzzzzzzzzzzzzzzzzi and labels-zzzzzzzzzzzzzzzzzzzzzzzzj (MIX_ONE: one record of each
group but the legacy XML 2023 folder, one cue) and labels-zzzzzzzzzzzzzzzzzzzzzzzzk and labels-zzzzzzzzzzzzzzzzzzzzzzzzl (G_LATE), then
labels-zzzzzzzzzzzzzzzzzzzzzzzzm to labels-zzzzzzzzzzzzzzzzzzzzzzzzo (MIX_ONE) and labels-zzzzzzzzzzzzzzzzzzzzzzzzp (G_LATE), then labels-zzzzzzzzzzzzzzzzzzzzzzzzq to
labels-zzzzzzzzzzzzzzzzzzzzzzzzs (MIX_ONE) and labels-zzzzzzzzzzzzzzzzzzzzzzzzt (G_LATE), then labels-zzzzzzzzzzzzzzzzzzzzzzzzu to labels-zzzzzzzzzzzzzzzzzzzzzzzzx (G_LATE) and
labels-zzzzzzzzzzzzzzzzzzzzzzzzy to labels-zzzzzzzzzzzzzzzzzzzzzzzzza (MIX_ONE), then labels-zzzzzzzzzzzzzzzzzzzzzzzzzb to labels-zzzzzzzzzzzzzzzzzzzzzzzzze (G_LATE) and
labels-zzzzzzzzzzzzzzzzzzzzzzzzzf to labels-zzzzzzzzzzzzzzzzzzzzzzzzzh (MIX_ONE), then labels-zzzzzzzzzzzzzzzzzzzzzzzzzi to labels-zzzzzzzzzzzzzzzzzzzzzzzzzl (G_LATE) and
labels-zzzzzzzzzzzzzzzzzzzzzzzzzm to labels-zzzzzzzzzzzzzzzzzzzzzzzzzo (MIX_ONE), then labels-zzzzzzzzzzzzzzzzzzzzzzzzzp to labels-zzzzzzzzzzzzzzzzzzzzzzzzzs (G_LATE) and
labels-zzzzzzzzzzzzzzzzzzzzzzzzzt to labels-zzzzzzzzzzzzzzzzzzzzzzzzzv (MIX_ONE), then labels-zzzzzzzzzzzzzzzzzzzzzzzzzw to labels-zzzzzzzzzzzzzzzzzzzzzzzzzza (G_LATE) and labels-zzzzzzzzzzzzzzzzzzzzzzzzzzb
and labels-zzzzzzzzzzzzzzzzzzzzzzzzzzc (MIX_ONE), then labels-zzzzzzzzzzzzzzzzzzzzzzzzzzd to labels-zzzzzzzzzzzzzzzzzzzzzzzzzzh (G_LATE) and labels-zzzzzzzzzzzzzzzzzzzzzzzzzzi and
labels-zzzzzzzzzzzzzzzzzzzzzzzzzzj (MIX_ONE), then labels-zzzzzzzzzzzzzzzzzzzzzzzzzzk to labels-zzzzzzzzzzzzzzzzzzzzzzzzzzo (G_LATE) and labels-zzzzzzzzzzzzzzzzzzzzzzzzzzp and labels-zzzzzzzzzzzzzzzzzzzzzzzzzzq
(MIX_ONE), then labels-zzzzzzzzzzzzzzzzzzzzzzzzzzr to labels-zzzzzzzzzzzzzzzzzzzzzzzzzzw (G_LATE) and labels-zzzzzzzzzzzzzzzzzzzzzzzzzzx and labels-zzzzzzzzzzzzzzzzzzzzzzzzzzy (MIX_ONE);
then labels-zzzzzzzzzzzzzzzzzzzzzzzzzzz to labels-zzzzzzzzzzzzzzzzzzzzzzzzzzzb (LONG_ONE: a record of each of eight groups longer than the limits, up to
LONG_HIGH) and labels-zzzzzzzzzzzzzzzzzzzzzzzzzzzc (LONG_MORE: the same over the other groups holding such records), then
labels-zzzzzzzzzzzzzzzzzzzzzzzzzzzd, -f, -h, -j, -l, -n, -p, -r, -t, -v, -x and -z, labels-zzzzzzzzzzzzzzzzzzzzzzzzzzzza, -c, -d, -f, -g, -h, -j, -k, -l,
-n, -o, -p, -r, -s, -t, -v, -w, -x, -y and -z, labels-zzzzzzzzzzzzzzzzzzzzzzzzzzzzza (LONG_ONE), labels-zzzzzzzzzzzzzzzzzzzzzzzzzzze, -g, -i, -k, -m, -o, -q, -s, -u, -w and -y, labels-zzzzzzzzzzzzzzzzzzzzzzzzzzzzb, -e,
-i, -m, -q and -u (LONG_MORE); then G_LATE and LONG_ONE again, four draws of
each in turn, from labels-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzb to labels-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzu (the last LONG_ONE turn two draws, its last records), G_LATE alone on to
labels-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzd (its last records), then G_TWO (G_LATE's group, two records a draw with two cues or more)
from labels-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzze to labels-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzd, with MIX_ONE again at labels-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzg to labels-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzk and
LONG_LAST (LONG_ONE's lengths over the two API v2 collections no long rule named, one record of each a
draw) at labels-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzl to labels-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzn; then LONG_OVER (the long records over LONG_HIGH and the one ChiCTR
page, one record of each group) at labels-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzze and G_TWO again from labels-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzf to labels-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzw; then G_ONE (G_TWO's group once its
records with two cues ran dry, two records a draw with one cue or more: the last records of the raw folders that
hold a cue; its last draw one record, the last the rule gives) from labels-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzx to labels-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzs. The salts of each rule are the tuples G_LATE, LONG_ONE,
G_TWO, MIX_ONE, LONG_LAST, LONG_OVER and G_ONE below.

usage: python tools/registries_draw.py [CORPORA_DIR] [--salt labels-d/|labels-e/|labels-f/|labels-g/|labels-h/|labels-i/|labels-j/|labels-k/|labels-l/|labels-m/|labels-n/|labels-o/|labels-p/|labels-q/|labels-r/|labels-s/|labels-t/|labels-u/|labels-v/|labels-w/|labels-x/|labels-y/|labels-z/|labels-za/|labels-zb/|labels-zc/|labels-zd/|labels-ze/|labels-zf/|labels-zg/|labels-zh/|labels-zi/|labels-zj/|labels-zk/|labels-zl/|labels-zm/|labels-zn/|labels-zo/|labels-zp/|labels-zq/|labels-zr/|labels-zs/|labels-zt/|labels-zu/|labels-zv/|labels-zw/|labels-zx/|labels-zy/|labels-zz/|labels-zza/|labels-zzb/|...|labels-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzs/]
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FOLDERS = ("aact-fixtures", "ctgov-api-v2-json", "ctgov-legacy-xml-2023",
           "ctgov-legacy-xml-trec2017", "ctrdata-demo-records", "euctr-text-download",
           "nci-cts-api-v2", "opentrials-registry-cassettes", "registry-pages-misc",
           "ictrp-covid-export")
CUE = re.compile(r"[<>≤≥]|\b(at least|more than|less than|greater than|within|no more than|up to"
                 r"|over|under|above|below|older than|aged?)\b\s*\d|\d+\s*(years?|months?|weeks?"
                 r"|days?|hours?|%|mg|kg|g/dl|mmol|x\s*uln|uln)\b", re.I)
BR = re.compile(r"<br\s*/?\s*>", re.I)
# id prefix -> registry, first match wins (EU CTR ids are bare EudraCT numbers outside ICTRP)
REGISTRIES = (("NCT", r"NCT\d"), ("CTRI", r"CTRI"), ("IRCT", r"IRCT"), ("ChiCTR", r"ChiCTR"),
              ("EUCTR", r"EUCTR|\d{4}-\d{6}-\d{2}"), ("ANZCTR", r"ACTRN"), ("jRCT", r"JPRN|jRCT"),
              ("ReBEC", r"RBR"), ("ISRCTN", r"ISRCTN"), ("DRKS", r"DRKS"), ("PACTR", r"PACTR"),
              ("RPCEC", r"RPCEC"), ("NTR", r"NL|NTR"), ("REPEC", r"PER-"), ("TCTR", r"TCTR"),
              ("LBCTR", r"LBCTR"))
# labels-d: N per group; a key of two parts is (registry, format) for every folder
N_LABELS_D = {("ANZCTR", "ictrp-csv"): 2, ("CTRI", "ictrp-csv"): 2, ("ChiCTR", "ictrp-csv"): 2,
              ("IRCT", "ictrp-csv"): 2, ("ISRCTN", "ictrp-csv"): 2, ("NTR", "ictrp-csv"): 2,
              ("PACTR", "ictrp-csv"): 2, ("RPCEC", "ictrp-csv"): 2, ("ReBEC", "ictrp-csv"): 2,
              ("jRCT", "ictrp-csv"): 2, ("ISRCTN", "isrctn-json"): 2, ("EUCTR", "euctr-json"): 2,
              ("CTIS", "ctis-json"): 1, ("REPEC", "ictrp-csv"): 1, ("EUCTR", "ictrp-csv"): 1,
              ("NCT", "ictrp-csv"): 1, ("EUCTR", "html"): 1, ("NCT", "html"): 1,
              ("NCT", "ctgov-v1-json"): 1, ("NCT", "ctgov-xml-json"): 1, ("NCT", "nci-cts-json"): 1,
              ("NCT", "ctgov-xml", "ctgov-legacy-xml-2023"): 1,
              ("NCT", "ctgov-xml", "ctgov-legacy-xml-trec2017"): 1}

# labels-e: favours the registries and formats with the fewest labelled records; groups with
# nothing left (CTIS, DRKS, REPEC, TCTR, LBCTR, EU CTR text and pages, NCI CTS) are not listed
N_LABELS_E = {("ANZCTR", "ictrp-csv"): 3, ("PACTR", "ictrp-csv"): 3, ("jRCT", "ictrp-csv"): 3,
              ("IRCT", "ictrp-csv"): 3, ("ChiCTR", "ictrp-csv"): 3, ("CTRI", "ictrp-csv"): 3,
              ("NTR", "ictrp-csv"): 2, ("RPCEC", "ictrp-csv"): 2, ("ReBEC", "ictrp-csv"): 2,
              ("ISRCTN", "ictrp-csv"): 2, ("ISRCTN", "isrctn-json"): 2, ("EUCTR", "ictrp-csv"): 2,
              ("NCT", "ictrp-csv"): 1, ("NCT", "html"): 1, ("NCT", "ctgov-v1-json"): 1,
              ("NCT", "ctgov-xml-json"): 1, ("NCT", "ctgov-v2-json", "ctrdata-demo-records"): 1,
              ("NCT", "ctgov-xml", "ctgov-legacy-xml-2023"): 1,
              ("NCT", "ctgov-xml", "ctgov-legacy-xml-trec2017"): 1}
# labels-f: labels-e's N, except where labels-e's groups had no record left (ANZCTR, NTR, RPCEC
# rows; ReBEC, jRCT and PACTR rows give fewer than asked): the registries next fewest in the gold
# (CTRI, ChiCTR, IRCT rows), the ISRCTN and EUCTR rows and two NCT groups take the difference,
# so that the draw keeps its size (about 36 records)
N_LABELS_F = {**N_LABELS_E, ("CTRI", "ictrp-csv"): 5, ("ChiCTR", "ictrp-csv"): 5,
              ("IRCT", "ictrp-csv"): 5, ("ISRCTN", "ictrp-csv"): 4, ("EUCTR", "ictrp-csv"): 3,
              ("NCT", "ictrp-csv"): 2, ("NCT", "ctgov-xml", "ctgov-legacy-xml-2023"): 2}
# labels-g: only the CTRI, ChiCTR, IRCT and EUCTR rows and the CT.gov formats have candidates
# with three cues left; the formats with the fewest records (API v1 JSON, the NCT and EUCTR rows)
# and the three ICTRP registries left take the most, aact-fixtures (last drawn in labels-c) one
# record per format, the seven ctgov-api-v2-json folders none (drawn in labels-d)
N_LABELS_G = {("CTRI", "ictrp-csv"): 7, ("ChiCTR", "ictrp-csv"): 7, ("IRCT", "ictrp-csv"): 7,
              ("EUCTR", "ictrp-csv"): 7, ("NCT", "ictrp-csv"): 3, ("NCT", "ctgov-v1-json"): 3,
              ("NCT", "ctgov-xml", "ctgov-legacy-xml-2023"): 2,
              ("NCT", "ctgov-xml", "ctgov-legacy-xml-trec2017"): 1,
              ("NCT", "ctgov-v2-json", "ctrdata-demo-records"): 1,
              ("NCT", "ctgov-v2-json", "aact-fixtures"): 1, ("NCT", "ctgov-xml", "aact-fixtures"): 1}
# labels-i: the same groups again (still the only ones with candidates with three cues), but the
# ctrdata API v2 JSON has run dry: its record goes to the next fewest group of that format, the
# aact-fixtures API v2 JSON (3 records in the gold, as the aact-fixtures XML)
N_LABELS_I = {**N_LABELS_G, ("NCT", "ctgov-v2-json", "ctrdata-demo-records"): 0,
              ("NCT", "ctgov-v2-json", "aact-fixtures"): 2}


def next_salt(name: str) -> str:
    """The name after `name` in the draws' order: the last letter moves on, and after "y" come
    all "z"s ("zzzzy", "zzzzz"), then one "a" more ("zzzzza"), so that each name sorts after the
    ones before it."""
    if name.endswith("y"):
        return "z" * len(name)
    if set(name) == {"z"}:
        return name + "a"
    return name[:-1] + chr(ord(name[-1]) + 1)


def salts_between(first: str, last: str) -> tuple[str, ...]:
    """Every name from `first` to `last` in the draws' order (next_salt)."""
    out = [first]
    while out[-1] != last:
        out.append(next_salt(out[-1]))
    return tuple(out)


# labels-h, labels-j to labels-m, labels-o to labels-x, labels-z, labels-za and labels-zc to
# labels-zg (the letters ran out: a later name sorts after the ones before it): labels-g's N again. The same groups are
# still the only ones with candidates with three cues (every other registry's rows, ISRCTN JSON,
# NCI CTS, CTIS and the pages have none; the raw folders not listed in FOLDERS hold CT.gov texts,
# plain text with no registry record, so no group is added); a group run dry gives fewer records.
G_AGAIN = tuple("hjklmopqrstuvwxz") + ("za", "zc", "zd", "ze", "zf", "zg", "zh", "zi", "zj", "zk", "zl", "zm",
                                         "zn", "zo", "zp", "zq", "zs", "zt") + salts_between("zv", "zzzzzzzzzzzzj")
# labels-n: the groups with three cues have run dry but for the EU CTR and CT.gov ones; records with
# one cue or more (labels-d's rule) of the ICTRP registries that have the fewest labelled records
N_LABELS_N = {("CTRI", "ictrp-csv"): 3, ("ChiCTR", "ictrp-csv"): 3, ("IRCT", "ictrp-csv"): 3,
              ("ANZCTR", "ictrp-csv"): 3, ("PACTR", "ictrp-csv"): 3, ("jRCT", "ictrp-csv"): 3,
              ("ReBEC", "ictrp-csv"): 3, ("ISRCTN", "ictrp-csv"): 3, ("NTR", "ictrp-csv"): 3,
              ("RPCEC", "ictrp-csv"): 3, ("REPEC", "ictrp-csv"): 3, ("TCTR", "ictrp-csv"): 3,
              ("LBCTR", "ictrp-csv"): 3, ("DRKS", "ictrp-csv"): 3, ("ISRCTN", "isrctn-json"): 2,
              ("CTIS", "ctis-json"): 2, ("NCT", "nci-cts-json"): 2}
# labels-y: labels-n's groups and the EU CTR rows, with two cues or more (labels-e's rule with
# a lower bar): the groups with three cues have run dry but for the CT.gov ones
N_LABELS_Y = {**N_LABELS_N, ("EUCTR", "ictrp-csv"): 3}
# labels-zb, labels-zr, labels-zu: labels-y's rule again, each under its own salt
Y_AGAIN = ("zb", "zr", "zu")
# labels-zzzzzzzzzzzzk to labels-zzzzzzzzzzzzzzr: one record of each API v2 JSON collection of the
# ctgov-api-v2-json folder (registered 2020-2025, written unlike the legacy XML of the draws before)
# (from labels-zzzzzzzzzzzzzm on, six: dgg32+clinical-trials-public has no record left with three cues;
# from labels-zzzzzzzzzzzzzy on, five: nor has koy570+herniated_disc; from labels-zzzzzzzzzzzzzze on,
# four: nor has vrinda2019+NSCLCBench; from labels-zzzzzzzzzzzzzzg on, three: nor has
# scampbe3+my-website; from labels-zzzzzzzzzzzzzzo on, two: nor has dgg32+graph_bigquery; from
# labels-zzzzzzzzzzzzzzr on, one: nor has unl-stat351+screencast-public-data-jesusrod44)
V2_COLLECTIONS = ("UserZetsu+dtx-analysis", "dgg32+clinical-trials-public", "dgg32+graph_bigquery",
                  "koy570+herniated_disc", "scampbe3+my-website", "unl-stat351+screencast-public-data-jesusrod44",
                  "vrinda2019+NSCLCBench")
N_LABELS_V2 = {("NCT", "ctgov-v2-json", f"ctgov-api-v2-json/{c}"): 1 for c in V2_COLLECTIONS}
V2_DRAWS = salts_between("zzzzzzzzzzzzk", "zzzzzzzzzzzzzzr")
# labels-zzzzzzzzzzzzzzs to labels-zzzzzzzzzzzzzzzl: V2_DRAWS's rule with two cues or more, the
# collections having run dry at three (V2_LOW; from labels-zzzzzzzzzzzzzzw on, five: vrinda2019+NSCLCBench and
# dgg32+clinical-trials-public have none left with two cues; from labels-zzzzzzzzzzzzzzzb on, four: nor has
# scampbe3+my-website; from labels-zzzzzzzzzzzzzzzd on, three: nor has dgg32+graph_bigquery)
V2_LOW = salts_between("zzzzzzzzzzzzzzs", "zzzzzzzzzzzzzzzl")
# G_LATE (the draws below, a range a round): labels-g's N again (G_AGAIN's rule, three cues); of its
# groups only the legacy XML 2023 folder has such candidates left, two records a draw
G_LATE = (salts_between("zzzzzzzzzzzzzzzm", "zzzzzzzzzzzzzzzzh") + salts_between("zzzzzzzzzzzzzzzzm", "zzzzzzzzzzzzzzzzr")
          + salts_between("zzzzzzzzzzzzzzzzw", "zzzzzzzzzzzzzzzzzb") + salts_between("zzzzzzzzzzzzzzzzzg", "zzzzzzzzzzzzzzzzzl")
          + salts_between("zzzzzzzzzzzzzzzzzq", "zzzzzzzzzzzzzzzzzv") + salts_between("zzzzzzzzzzzzzzzzzz", "zzzzzzzzzzzzzzzzzzw")
          + salts_between("zzzzzzzzzzzzzzzzzzzh", "zzzzzzzzzzzzzzzzzzzk") + salts_between("zzzzzzzzzzzzzzzzzzzr", "zzzzzzzzzzzzzzzzzzzy")
          + salts_between("zzzzzzzzzzzzzzzzzzzz", "zzzzzzzzzzzzzzzzzzzzc")
          + salts_between("zzzzzzzzzzzzzzzzzzzzf", "zzzzzzzzzzzzzzzzzzzzm") + salts_between("zzzzzzzzzzzzzzzzzzzzn", "zzzzzzzzzzzzzzzzzzzzs")
          + salts_between("zzzzzzzzzzzzzzzzzzzzv", "zzzzzzzzzzzzzzzzzzzzzc") + salts_between("zzzzzzzzzzzzzzzzzzzzzd", "zzzzzzzzzzzzzzzzzzzzzg")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzj", "zzzzzzzzzzzzzzzzzzzzzm")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzp", "zzzzzzzzzzzzzzzzzzzzzs")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzv", "zzzzzzzzzzzzzzzzzzzzzy")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzb", "zzzzzzzzzzzzzzzzzzzzzze")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzh", "zzzzzzzzzzzzzzzzzzzzzzk")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzn", "zzzzzzzzzzzzzzzzzzzzzzq")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzt", "zzzzzzzzzzzzzzzzzzzzzzw")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzz", "zzzzzzzzzzzzzzzzzzzzzzzc")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzf", "zzzzzzzzzzzzzzzzzzzzzzzi")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzl", "zzzzzzzzzzzzzzzzzzzzzzzo")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzr", "zzzzzzzzzzzzzzzzzzzzzzzu")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzx", "zzzzzzzzzzzzzzzzzzzzzzzza")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzd", "zzzzzzzzzzzzzzzzzzzzzzzzg")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzk", "zzzzzzzzzzzzzzzzzzzzzzzzl") + ("zzzzzzzzzzzzzzzzzzzzzzzzp", "zzzzzzzzzzzzzzzzzzzzzzzzt")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzu", "zzzzzzzzzzzzzzzzzzzzzzzzx")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzb", "zzzzzzzzzzzzzzzzzzzzzzzzze")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzi", "zzzzzzzzzzzzzzzzzzzzzzzzzl")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzp", "zzzzzzzzzzzzzzzzzzzzzzzzzs")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzw", "zzzzzzzzzzzzzzzzzzzzzzzzzza")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzd", "zzzzzzzzzzzzzzzzzzzzzzzzzzh")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzk", "zzzzzzzzzzzzzzzzzzzzzzzzzzo")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzr", "zzzzzzzzzzzzzzzzzzzzzzzzzzw")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzb", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzze") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzj", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzm")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzr", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzu") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzc")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzh", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzk") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzp", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzs")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzx", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzza") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzf", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzi")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzn", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzq") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzv", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzy")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzd", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzg") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzl", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzo")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzt", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzw") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzb", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzze")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzj", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzm") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzr", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzu")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzc")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzh", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzk") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzp", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzs")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzv", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzza")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzb", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzg") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzh", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzm")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzn", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzs") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzt", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzy")
          + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzd"))
# V2_LATE (the draws below): V2_LOW's rule again after G_LATE's draws, one record of each API v2
# JSON collection with two cues or more: UserZetsu+dtx-analysis (its last three records with two
# cues in the last range), and unl-stat351+screencast-public-data-jesusrod44 until its last two are drawn
V2_LATE = (salts_between("zzzzzzzzzzzzzzzzi", "zzzzzzzzzzzzzzzzl") + salts_between("zzzzzzzzzzzzzzzzs", "zzzzzzzzzzzzzzzzv")
           + salts_between("zzzzzzzzzzzzzzzzzc", "zzzzzzzzzzzzzzzzzf") + salts_between("zzzzzzzzzzzzzzzzzm", "zzzzzzzzzzzzzzzzzp")
           + salts_between("zzzzzzzzzzzzzzzzzw", "zzzzzzzzzzzzzzzzzy"))
# MIX_LATE (the draws below; AACT's XML fixtures ran dry after labels-zzzzzzzzzzzzzzzzzzzq,
# IRCT's rows ran dry after labels-zzzzzzzzzzzzzzzzzzzc, the TREC 2017 XML after
# labels-zzzzzzzzzzzzzzzzzzzzzz): one record with two cues or
# more of each CT.gov group that the three-cue draws left with candidates but the legacy XML 2023
# folder: AACT's JSON and XML fixtures, the TREC 2017 XML, the ICTRP export's CT.gov and IRCT rows
# (other readers, older and newer records: the draws before took nearly all from one folder)
N_MIX_LATE = {("NCT", "ctgov-v1-json", "aact-fixtures"): 1, ("NCT", "ctgov-xml", "aact-fixtures"): 1,
              ("NCT", "ctgov-xml", "ctgov-legacy-xml-trec2017"): 1, ("NCT", "ictrp-csv", "ictrp-covid-export"): 1,
              ("IRCT", "ictrp-csv", "ictrp-covid-export"): 1}
MIX_LATE = (("zzzzzzzzzzzzzzzzzzx", "zzzzzzzzzzzzzzzzzzy") + salts_between("zzzzzzzzzzzzzzzzzzza", "zzzzzzzzzzzzzzzzzzzg")
            + salts_between("zzzzzzzzzzzzzzzzzzzl", "zzzzzzzzzzzzzzzzzzzm")
            + salts_between("zzzzzzzzzzzzzzzzzzzp", "zzzzzzzzzzzzzzzzzzzq") + ("zzzzzzzzzzzzzzzzzzzze", "zzzzzzzzzzzzzzzzzzzzu", "zzzzzzzzzzzzzzzzzzzzzi", "zzzzzzzzzzzzzzzzzzzzzo", "zzzzzzzzzzzzzzzzzzzzzt", "zzzzzzzzzzzzzzzzzzzzzz", "zzzzzzzzzzzzzzzzzzzzzzf", "zzzzzzzzzzzzzzzzzzzzzzl", "zzzzzzzzzzzzzzzzzzzzzzr", "zzzzzzzzzzzzzzzzzzzzzzx", "zzzzzzzzzzzzzzzzzzzzzzzd", "zzzzzzzzzzzzzzzzzzzzzzzj", "zzzzzzzzzzzzzzzzzzzzzzzp", "zzzzzzzzzzzzzzzzzzzzzzzv", "zzzzzzzzzzzzzzzzzzzzzzzzb", "zzzzzzzzzzzzzzzzzzzzzzzzh"))
# V2_ONE (the draws below): V2_DRAWS's groups with one cue or more (the collections ran dry
# at two): one record of each API v2 JSON collection, registered 2020-2025, the format scoring lowest
# (UserZetsu+dtx-analysis and scampbe3+my-website ran dry after labels-zzzzzzzzzzzzzzzzzzzzzzy,
# unl-stat351+screencast-public-data-jesusrod44 after labels-zzzzzzzzzzzzzzzzzzzzzzze, the last,
# koy570+herniated_disc, after labels-zzzzzzzzzzzzzzzzzzzzzzzzc: no API v2 record with a cue is left)
V2_ONE = ("zzzzzzzzzzzzzzzzzzz", "zzzzzzzzzzzzzzzzzzzn", "zzzzzzzzzzzzzzzzzzzo", "zzzzzzzzzzzzzzzzzzzzd", "zzzzzzzzzzzzzzzzzzzzt", "zzzzzzzzzzzzzzzzzzzzzh", "zzzzzzzzzzzzzzzzzzzzzn", "zzzzzzzzzzzzzzzzzzzzzu", "zzzzzzzzzzzzzzzzzzzzzza", "zzzzzzzzzzzzzzzzzzzzzzg", "zzzzzzzzzzzzzzzzzzzzzzm", "zzzzzzzzzzzzzzzzzzzzzzs", "zzzzzzzzzzzzzzzzzzzzzzy", "zzzzzzzzzzzzzzzzzzzzzzze", "zzzzzzzzzzzzzzzzzzzzzzzk", "zzzzzzzzzzzzzzzzzzzzzzzq", "zzzzzzzzzzzzzzzzzzzzzzzw", "zzzzzzzzzzzzzzzzzzzzzzzzc")
# MIX_ONE (the draws below): MIX_LATE's groups with one cue or more (at two, IRCT's rows ran dry
# long before and the others are near it), with every other group holding a record with a cue: the
# ICTRP export's CTRI and ChiCTR rows, AACT's API v2 JSON fixtures and the sponsor pages; one record
# of each (the registries and readers other than the legacy XML 2023 folder, which G_LATE draws)
N_MIX_ONE = {**N_MIX_LATE, ("CTRI", "ictrp-csv", "ictrp-covid-export"): 1,
             ("ChiCTR", "ictrp-csv", "ictrp-covid-export"): 1, ("NCT", "ctgov-v2-json", "aact-fixtures"): 1,
             ("NCT", "html", "sponsor-pages"): 1}
MIX_ONE = (("zzzzzzzzzzzzzzzzzzzzzzzzi", "zzzzzzzzzzzzzzzzzzzzzzzzj", "zzzzzzzzzzzzzzzzzzzzzzzzm", "zzzzzzzzzzzzzzzzzzzzzzzzn",
           "zzzzzzzzzzzzzzzzzzzzzzzzo", "zzzzzzzzzzzzzzzzzzzzzzzzq", "zzzzzzzzzzzzzzzzzzzzzzzzr", "zzzzzzzzzzzzzzzzzzzzzzzzs",
           "zzzzzzzzzzzzzzzzzzzzzzzzy", "zzzzzzzzzzzzzzzzzzzzzzzzz", "zzzzzzzzzzzzzzzzzzzzzzzzza")
           + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzf", "zzzzzzzzzzzzzzzzzzzzzzzzzh")
           + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzm", "zzzzzzzzzzzzzzzzzzzzzzzzzo")
           + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzt", "zzzzzzzzzzzzzzzzzzzzzzzzzv")
           + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzb", "zzzzzzzzzzzzzzzzzzzzzzzzzzc")
           + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzi", "zzzzzzzzzzzzzzzzzzzzzzzzzzj")
           + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzp", "zzzzzzzzzzzzzzzzzzzzzzzzzzq")
           + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzx", "zzzzzzzzzzzzzzzzzzzzzzzzzzy")
           + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzg", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzk"))
# LONG_ONE (the draws below): records whose eligibility text is longer than every draw before could
# take (in_limits: over 4000 characters, pages over 6000, up to LONG_HIGH), a third of the candidates
# with a cue, today's API v2 and ICTRP records most of them; one record with a cue of each of eight
# groups that span the registries and readers holding such records: the ICTRP export's EU CTR, CT.gov
# and ChiCTR rows, the EU CTR text download, the API v2 collection with the most, the legacy XML 2023
# folder, NCI CTS and AACT's API v1 fixtures
LONG_HIGH = 12000
N_LONG_ONE = {("EUCTR", "ictrp-csv", "ictrp-covid-export"): 1, ("NCT", "ictrp-csv", "ictrp-covid-export"): 1,
              ("ChiCTR", "ictrp-csv", "ictrp-covid-export"): 1, ("EUCTR", "euctr-text", "euctr-text-download"): 1,
              ("NCT", "ctgov-v2-json", "ctgov-api-v2-json/vrinda2019+NSCLCBench"): 1,
              ("NCT", "ctgov-xml", "ctgov-legacy-xml-2023"): 1, ("NCT", "nci-cts-json", "nci-cts-api-v2"): 1,
              ("NCT", "ctgov-v1-json", "aact-fixtures"): 1}
LONG_ONE = (("zzzzzzzzzzzzzzzzzzzzzzzzzzz", "zzzzzzzzzzzzzzzzzzzzzzzzzzza", "zzzzzzzzzzzzzzzzzzzzzzzzzzzb", "zzzzzzzzzzzzzzzzzzzzzzzzzzzd",
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzf", "zzzzzzzzzzzzzzzzzzzzzzzzzzzh", "zzzzzzzzzzzzzzzzzzzzzzzzzzzj",
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzl", "zzzzzzzzzzzzzzzzzzzzzzzzzzzn", "zzzzzzzzzzzzzzzzzzzzzzzzzzzp", "zzzzzzzzzzzzzzzzzzzzzzzzzzzr",
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzt", "zzzzzzzzzzzzzzzzzzzzzzzzzzzv", "zzzzzzzzzzzzzzzzzzzzzzzzzzzx", "zzzzzzzzzzzzzzzzzzzzzzzzzzzz",
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzza", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzc",
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzzd", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzf", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzg",
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzzh", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzj", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzk",
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzzl", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzn", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzo",
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzzp", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzr", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzs",
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzzt", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzv", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzw")
            + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzx", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzza") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzf", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzi") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzn", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzq")
            + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzv", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzy") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzd", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzg") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzl", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzo")
            + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzt", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzw") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzb", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzze")
            + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzj", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzm") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzr", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzu")
            + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzc") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzh", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzk")
            + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzp", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzs") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzx", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzza")
            + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzf", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzi") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzn", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzq")
            + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzv", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzy") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzd", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzg")
            + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzl", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzo") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzt", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzu"))
# LONG_MORE (the draws below): LONG_ONE's lengths over the other groups holding long records with a
# cue: the ICTRP export's ANZCTR and CTRI rows, AACT's XML fixtures, the TREC 2017 XML and four more
# API v2 collections, one record of each
N_LONG_MORE = {("ANZCTR", "ictrp-csv", "ictrp-covid-export"): 1, ("CTRI", "ictrp-csv", "ictrp-covid-export"): 1,
               ("NCT", "ctgov-xml", "aact-fixtures"): 1, ("NCT", "ctgov-xml", "ctgov-legacy-xml-trec2017"): 1,
               ("NCT", "ctgov-v2-json", "ctgov-api-v2-json/dgg32+graph_bigquery"): 1,
               ("NCT", "ctgov-v2-json", "ctgov-api-v2-json/dgg32+clinical-trials-public"): 1,
               ("NCT", "ctgov-v2-json", "ctgov-api-v2-json/scampbe3+my-website"): 1,
               ("NCT", "ctgov-v2-json", "ctgov-api-v2-json/unl-stat351+screencast-public-data-jesusrod44"): 1}
LONG_MORE = ("zzzzzzzzzzzzzzzzzzzzzzzzzzzc", "zzzzzzzzzzzzzzzzzzzzzzzzzzze", "zzzzzzzzzzzzzzzzzzzzzzzzzzzg", "zzzzzzzzzzzzzzzzzzzzzzzzzzzi",
             "zzzzzzzzzzzzzzzzzzzzzzzzzzzk", "zzzzzzzzzzzzzzzzzzzzzzzzzzzm", "zzzzzzzzzzzzzzzzzzzzzzzzzzzo", "zzzzzzzzzzzzzzzzzzzzzzzzzzzq",
             "zzzzzzzzzzzzzzzzzzzzzzzzzzzs", "zzzzzzzzzzzzzzzzzzzzzzzzzzzu", "zzzzzzzzzzzzzzzzzzzzzzzzzzzw", "zzzzzzzzzzzzzzzzzzzzzzzzzzzy", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzb",
             "zzzzzzzzzzzzzzzzzzzzzzzzzzzze", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzi", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzm", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzq", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzu")
# G_TWO (the draws below): G_LATE's group once its records with three cues ran dry, two records a
# draw with two cues or more
N_G_TWO = {("NCT", "ctgov-xml", "ctgov-legacy-xml-2023"): 2}
G_TWO = (salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzze", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzj") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzk", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzp") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzq", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzx")
         + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzy", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzf") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzo", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzv")
         + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzw", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzd")
         + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzf", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzi") + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzj", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzq")
         + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzr", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzy")
         + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzg")
         + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzh", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzo")
         + salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzp", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzw"))
MIN_CUES = {"labels-d/": 1, "labels-n/": 1, "labels-y/": 2, **{f"labels-{k}/": 2 for k in Y_AGAIN + V2_LOW + V2_LATE + MIX_LATE + G_TWO},
            **{f"labels-{k}/": 1 for k in V2_ONE + MIX_ONE + LONG_ONE + LONG_MORE},
            **{f"labels-{k}/": 3 for k in tuple("efgi") + G_AGAIN + V2_DRAWS + G_LATE}}


def registry_of(doc_id: str, fmt: str) -> str:
    if fmt == "ctis-json":
        return "CTIS"
    for name, pattern in REGISTRIES:
        if re.match(pattern, doc_id or ""):
            return name
    return "other"


def folder_of(rel: str, fmt: str) -> str:
    """The group's folder: API v2 downloads are one group per collection (different years);
    Takeda and GSK pages are one group of sponsor pages."""
    parts = rel.split("/")
    if parts[0] == "ctgov-api-v2-json":
        return "/".join(parts[:2])
    if parts[0] == "opentrials-registry-cassettes" and fmt == "html" and \
            ("gsk" in parts[-1] or "takeda" in parts[-1]):
        return "sponsor-pages"
    return parts[0]


def n_labels_d(group: tuple[str, str, str]) -> int:
    registry, fmt, folder = group
    if fmt == "ctgov-v2-json" and folder.startswith("ctgov-api-v2-json/"):
        return 1
    return N_LABELS_D.get(group, N_LABELS_D.get((registry, fmt), 0))


def n_labels_e(group: tuple[str, str, str]) -> int:
    registry, fmt, folder = group
    if fmt == "ctgov-v2-json" and folder.startswith("ctgov-api-v2-json/"):
        return 0   # seven folders drawn in labels-d; their records are one format
    return N_LABELS_E.get(group, N_LABELS_E.get((registry, fmt), 0))


def cue_count(text: str) -> int:
    """Cue matches outside line-break markup: the "<br/ >" of ICTRP cells is not a "<"."""
    return len(CUE.findall(BR.sub(" ", text)))


def in_limits(cand: dict, min_cues: int = 1, long: bool = False, cap: float | None = None) -> bool:
    """`cue`: the text holds a cue (labels-c, labels-d); from two cues on, `cues` (the count of
    cue matches outside line-break markup) must reach `min_cues`. `long` (LONG_ONE, LONG_MORE): the
    text is longer than the limits, up to `cap` (LONG_HIGH unless given: LONG_OVER has none)."""
    high = 6000 if cand["format"] == "html" else 4000   # page sections run into the footer
    enough = cand["cue"] if min_cues <= 1 else cand.get("cues", 0) >= min_cues
    cap = LONG_HIGH if cap is None else cap
    fits = high < cand["length"] <= cap if long else 200 <= cand["length"] <= high
    return fits and bool(enough)


def draw(cands: list[dict], salt: str, n_of=None) -> list[dict]:
    """The first N in-limit candidates of each group in salted order, an id only once."""
    groups: dict[tuple, list[dict]] = {}
    for c in cands:
        groups.setdefault((c["registry"], c["format"], c["folder"]), []).append(c)
    taken, out = set(), []
    min_cues, long = MIN_CUES.get(salt, 1), salt in LONG_SALTS
    cap = float("inf") if salt in OPEN_SALTS else LONG_HIGH
    for group in sorted(groups):
        order = sorted(groups[group], key=lambda c: (
            hashlib.sha256((salt + c["id"]).encode("utf-8")).hexdigest(), c["path"], c["record"] or ""))
        n = (n_of or N_OF.get(salt, n_labels_d))(group)
        for c in order:
            if n <= 0:
                break
            if in_limits(c, min_cues, long, cap) and c["id"] not in taken:
                taken.add(c["id"])
                out.append(c)
                n -= 1
    return out


def n_labels_f(group: tuple[str, str, str]) -> int:
    registry, fmt, folder = group
    if fmt == "ctgov-v2-json" and folder.startswith("ctgov-api-v2-json/"):
        return 0
    return N_LABELS_F.get(group, N_LABELS_F.get((registry, fmt), 0))


def by_table(table: dict):
    """N per group read from `table`: a key of three parts (registry, format, folder) first, then
    (registry, format); CT.gov XML and API v2 JSON are keyed by folder, so a folder not listed
    gives none."""
    def n_of(group: tuple[str, str, str]) -> int:
        registry, fmt, _folder = group
        return table.get(group, table.get((registry, fmt), 0))
    return n_of


N_OF = {"labels-d/": n_labels_d, "labels-e/": n_labels_e, "labels-f/": n_labels_f,
        "labels-g/": by_table(N_LABELS_G), "labels-i/": by_table(N_LABELS_I),
        "labels-n/": by_table(N_LABELS_N), "labels-y/": by_table(N_LABELS_Y),
        **{f"labels-{k}/": by_table(N_LABELS_Y) for k in Y_AGAIN},
        **{f"labels-{k}/": by_table(N_LABELS_G) for k in G_AGAIN + G_LATE},
        **{f"labels-{k}/": by_table(N_LABELS_V2) for k in V2_DRAWS + V2_LOW + V2_LATE + V2_ONE},
        **{f"labels-{k}/": by_table(N_MIX_LATE) for k in MIX_LATE},
        **{f"labels-{k}/": by_table(N_MIX_ONE) for k in MIX_ONE},
        **{f"labels-{k}/": by_table(N_LONG_ONE) for k in LONG_ONE},
        **{f"labels-{k}/": by_table(N_LONG_MORE) for k in LONG_MORE},
        **{f"labels-{k}/": by_table(N_G_TWO) for k in G_TWO}}
# LONG_LAST (the draws below): LONG_ONE's lengths over the two API v2 collections that hold such records
# and neither LONG_ONE nor LONG_MORE names, one record of each a draw
N_LONG_LAST = {("NCT", "ctgov-v2-json", "ctgov-api-v2-json/UserZetsu+dtx-analysis"): 1,
               ("NCT", "ctgov-v2-json", "ctgov-api-v2-json/koy570+herniated_disc"): 1}
LONG_LAST = salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzl", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzn")
N_OF.update({f"labels-{k}/": by_table(N_LONG_LAST) for k in LONG_LAST})
MIN_CUES.update({f"labels-{k}/": 1 for k in LONG_LAST})
# LONG_OVER (the draws below): the long records no long rule could take, those over LONG_HIGH (no upper
# bound: two API v2 collections hold one each, and AACT's XML fixtures and NCI CTS the same trial, taken
# once; the longest texts users send) and the one registry page of ChiCTR (a group no rule named), one
# record of each group a draw
N_LONG_OVER = {("ChiCTR", "html", "registry-pages-misc"): 1, ("NCT", "ctgov-xml", "aact-fixtures"): 1,
               ("NCT", "nci-cts-json", "nci-cts-api-v2"): 1,
               ("NCT", "ctgov-v2-json", "ctgov-api-v2-json/dgg32+clinical-trials-public"): 1,
               ("NCT", "ctgov-v2-json", "ctgov-api-v2-json/vrinda2019+NSCLCBench"): 1}
LONG_OVER = ("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzze",)
N_OF.update({f"labels-{k}/": by_table(N_LONG_OVER) for k in LONG_OVER})
MIN_CUES.update({f"labels-{k}/": 1 for k in LONG_OVER})
LONG_SALTS = frozenset(f"labels-{k}/" for k in LONG_ONE + LONG_MORE + LONG_LAST + LONG_OVER)
OPEN_SALTS = frozenset(f"labels-{k}/" for k in LONG_OVER)
# G_ONE (the draws below): G_TWO's group once its records with two cues ran dry (one was left), two
# records a draw with one cue or more: the last records of the raw folders that hold a cue
N_G_ONE = {("NCT", "ctgov-xml", "ctgov-legacy-xml-2023"): 2}
G_ONE = salts_between("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzx", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzs")
N_OF.update({f"labels-{k}/": by_table(N_G_ONE) for k in G_ONE})
MIN_CUES.update({f"labels-{k}/": 1 for k in G_ONE})


def candidates(root: Path, known: set[str]) -> list[dict]:
    from extractor import sections
    from extractor.analysis import NoAnalysis
    from extractor.api import Extractor
    from extractor.errors import ExtractorError
    ex = Extractor(analyzer=NoAnalysis())
    lct = {p.stem for p in (root / "lct" / "leaf_clinical_trials").rglob("*.txt")}
    out = []
    for folder in FOLDERS:
        for dirpath, dirs, files in os.walk(root / folder):
            dirs.sort()
            for name in sorted(files):
                if not re.search(r"\.(xml|json|csv|html?|txt)$", name) or name == "meta_meta-info.json":
                    continue
                path = Path(dirpath) / name
                rel = path.relative_to(root).as_posix()
                for src in ex.read(str(path)):
                    if isinstance(src, ExtractorError) or src.format == "text":
                        continue
                    if not src.doc_id or src.doc_id in known or src.doc_id in lct:
                        continue
                    secs = sections.for_source(src)
                    if not secs:
                        continue
                    start, end = secs[0].to_dict()["span"][0], secs[-1].to_dict()["span"][1]
                    out.append({"id": src.doc_id, "path": rel, "record": src.record,
                                "format": src.format, "folder": folder_of(rel, src.format),
                                "registry": registry_of(src.doc_id, src.format),
                                "length": end - start,
                                "cue": bool(CUE.search(src.text[start:end])),
                                "cues": cue_count(src.text[start:end])})
    return out


def main(argv: list[str]) -> int:
    salt = "labels-d/"
    if "--salt" in argv:
        i = argv.index("--salt")
        salt = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    root = Path(argv[0]) if argv else Path(__file__).resolve().parents[2] / "shared" / "corpora"
    labels = Path(__file__).resolve().parents[1] / "corpora" / "registries"
    stem = salt.rstrip("/")
    known = {json.loads(line)["id"] for p in sorted(labels.glob("labels-*.jsonl")) if p.stem < stem
             for line in p.read_text(encoding="utf-8").splitlines() if line.strip()}
    for c in draw(candidates(root, known), salt):
        print(c["registry"], c["format"], c["folder"], c["id"], c["path"], c["record"], c["length"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
