"""Where one process spends its time: every stage of `extract_source`, and inside the NLP stage
every spaCy component, the accounting of numbers and the result building, on the same documents.

    python benchmarks/profile_stages.py [--corpus lct|raw] [--repeat 3] [--cprofile N] [--no-entities]

Each document is read once (ingest, with its study facts, timed on its own), then the stages
run over all documents `--repeat` times and the fastest pass of each stage counts. Shares are
of the summed stage times; MB/s is UTF-8 bytes of document text over that sum. `--cprofile N`
also prints the N functions with the most own time over one pass of the whole pipeline.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor import criteria, records, schedules, sections  # noqa: E402
from extractor.analysis import analyze as analysis_stage  # noqa: E402
from extractor.api import Extractor, Options  # noqa: E402
from extractor.errors import ExtractorError  # noqa: E402
from extractor.nlp import accounting  # noqa: E402
from extractor.nlp import analyzer as analyzer_module  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
RAW = ["ctgov-legacy-xml-2023", "ctgov-legacy-xml-trec2017", "aact-fixtures", "ctgov-api-v2-json",
       "nci-cts-api-v2", "ctrdata-demo-records", "euctr-text-download",
       "opentrials-registry-cassettes/extracted_bodies", "registry-pages-misc", "ictrp-covid-export"]


def corpus_paths(name: str) -> list[Path]:
    if name == "lct":
        return sorted((CORPORA / "lct" / "leaf_clinical_trials").glob("*/*.txt"))
    from extractor.batch.walk import iter_tasks
    return [Path(t.path) for t in iter_tasks([str(CORPORA / r) for r in RAW if (CORPORA / r).exists()])]


class Timers:
    def __init__(self):
        self.total: dict[str, float] = defaultdict(float)

    def add(self, name: str, seconds: float) -> None:
        self.total[name] += seconds


def one_pass(engine: Extractor, sources: list, t: Timers) -> None:
    """extract_source for every source, stage by stage (the same calls, timed apart)."""
    an = engine.analyzer
    make_doc = an.make_doc
    procs = [(name, proc) for name, proc in an.nlp.pipeline]
    pc = time.perf_counter
    real_account = accounting.account
    acc = [0.0]

    def timed_account(*a, **k):
        t0 = pc()
        try:
            return real_account(*a, **k)
        finally:
            acc[0] += pc() - t0

    analyzer_module.account = timed_account

    class Stepwise:
        """Analyzer.analyze with a timer around every step."""

        def analyze(self, text, items):
            items = list(items)
            results = []
            for at in range(0, len(items), an.batch_size):
                batch = items[at:at + an.batch_size]
                t0 = pc()
                docs = [make_doc(text[s:e]) for s, e in batch]
                t.add("nlp: tokenizer", pc() - t0)
                for name, proc in procs:
                    t0 = pc()
                    docs = [proc(doc) for doc in docs]
                    t.add(f"nlp: {name}", pc() - t0)
                t0 = pc()
                results.extend(an._result(doc, s) for doc, (s, _) in zip(docs, batch))
                t.add("nlp: results (+accounting)", pc() - t0)
            return results

    stepwise = Stepwise()
    try:
        for src in sources:
            text = src.text
            t0 = pc()
            secs = sections.for_source(src, engine.options.assume_eligibility)
            t1 = pc()
            items = criteria.build_tree(text, sections.list_ranges(text, secs))
            t2 = pc()
            analyses, warnings = analysis_stage(stepwise, text, items, engine.options.max_criterion_chars)
            t3 = pc()
            sched = schedules.find_schedules(text, secs, src.study.get("interventions"))
            t4 = pc()
            record = records.build_record(src, secs, items, analyses, sched)
            if warnings:
                record.setdefault("warnings", []).extend(warnings)
            t5 = pc()
            records.to_line(record)
            t6 = pc()
            t.add("sections", t1 - t0)
            t.add("criteria tree", t2 - t1)
            t.add("schedules", t4 - t3)
            t.add("build record", t5 - t4)
            t.add("JSON line", t6 - t5)
    finally:
        analyzer_module.account = real_account
    t.add("nlp: accounting (in results)", acc[0])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", choices=["lct", "raw"], default="lct")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cprofile", type=int, default=0, metavar="N")
    ap.add_argument("--no-entities", action="store_true", help="leave the trained entity model out")
    args = ap.parse_args(argv)
    paths = corpus_paths(args.corpus)
    if not paths:
        print("skipped: corpus not found")
        return 0
    engine = Extractor(Options(entities=not args.no_entities))
    engine.warm_up()
    t0 = time.perf_counter()
    sources = [s for p in paths for s in engine.read(str(p)) if not isinstance(s, ExtractorError)]
    ingest = time.perf_counter() - t0
    size = sum(len(s.text.encode("utf-8")) for s in sources)
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        t = Timers()
        one_pass(engine, sources, t)
        for k, v in t.total.items():
            best[k] = min(best.get(k, float("inf")), v)
    inside = {"nlp: accounting (in results)"}
    total = sum(v for k, v in best.items() if k not in inside)
    print(f"{args.corpus}: {len(sources)} documents, {size / 1e6:.2f} MB of text; ingest (read, "
          f"decode, facts; not in the total) {ingest:.2f} s")
    for k, v in sorted(best.items(), key=lambda kv: -kv[1]):
        print(f"  {k:32s} {v:7.3f} s {100 * v / total:5.1f}%")
    print(f"  {'total':32s} {total:7.3f} s  -> {size / total / 1e6:.2f} MB/s")
    if args.cprofile:
        prof = cProfile.Profile()
        prof.enable()
        for src in sources:
            engine.extract_source(src)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.cprofile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
