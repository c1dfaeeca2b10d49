"""MD5 of `extractor extract --no-entities` output over the LCT texts and each raw corpus folder:
the check that a speed change leaves every output byte as it was.

    python benchmarks/output_md5.py [--workers 1] [--repo PATH] [--sets lct raw...] [-o MD5S] [--check MD5S]

Each set runs as its own `extractor extract --no-entities --quiet --workers N` in a fresh
process, with `--repo` (default: this checkout) first on PYTHONPATH, so two checkouts can be
compared in one sitting. The LCT set is the `*/*.txt` files of the LCT corpus in sorted order
(the texts bench_nlp and the LCT evaluation read, without the annotation files); the raw sets are
the ten native-format folders of the corpora README (bench_batch's list). Prints `md5  set` lines
(`-o` also writes them to a file); `--check FILE` compares with such a file and exits 1 on any
difference. Output files are written to a temporary folder and removed.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"
LCT = CORPORA / "lct" / "leaf_clinical_trials"
# The raw sets (native formats, no labels) listed in the corpora README, as in bench_batch.
RAW = ["ctgov-legacy-xml-2023", "ctgov-legacy-xml-trec2017", "aact-fixtures", "ctgov-api-v2-json",
       "nci-cts-api-v2", "ctrdata-demo-records", "euctr-text-download",
       "opentrials-registry-cassettes/extracted_bodies", "registry-pages-misc", "ictrp-covid-export"]
RUN = "import sys; from extractor.cli import main; sys.exit(main(sys.argv[1:]))"


def inputs_of(name: str, corpora: Path) -> list[str]:
    if name == "lct":
        return [str(p) for p in sorted((corpora / "lct" / "leaf_clinical_trials").glob("*/*.txt"))]
    return [str(corpora / name)]


def md5_of_run(repo: Path, inputs: list[str], workers: int, tmp: Path) -> str:
    out = tmp / "out.jsonl"
    env = dict(os.environ, PYTHONPATH=str(repo))
    cmd = [sys.executable, "-c", RUN, "extract", "--no-entities", "--quiet", "--workers", str(workers),
           "-o", str(out), *inputs]
    # Exit 1 only means some input gave an error record, which is part of the output compared.
    proc = subprocess.run(cmd, env=env, cwd=tmp, stderr=subprocess.PIPE, text=True)
    # ... but a crash exits 1 too: a traceback, or no line at all, is a failed run, never a digest
    data = out.read_bytes() if out.exists() else b""
    if proc.returncode not in (0, 1) or "Traceback (most recent call last)" in proc.stderr or not data:
        raise SystemExit(f"extract failed ({proc.returncode}, {len(data)} bytes written): {proc.stderr[-2000:]}")
    digest = hashlib.md5(data).hexdigest()
    out.unlink()
    for extra in tmp.iterdir():  # the run's checkpoint, if any
        extra.unlink()
    return digest


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--repo", default=str(REPO), help="checkout whose extractor package runs")
    ap.add_argument("--corpora", default=str(CORPORA))
    ap.add_argument("--sets", nargs="+", default=["lct", *RAW])
    ap.add_argument("-o", "--output", help="also write the md5 lines here")
    ap.add_argument("--check", help="compare with md5 lines written before; exit 1 on a difference")
    args = ap.parse_args(argv)
    corpora = Path(args.corpora)
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.sets:
            inputs = inputs_of(name, corpora)
            if not inputs or not Path(inputs[0]).exists():
                print(f"skipped {name}: not found", file=sys.stderr)
                continue
            line = f"{md5_of_run(Path(args.repo), inputs, args.workers, Path(tmp))}  {name}"
            print(line, flush=True)
            lines.append(line)
    if args.output:
        Path(args.output).write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.check:
        want = dict(reversed(l.split(None, 1)) for l in Path(args.check).read_text().splitlines() if l.strip())
        bad = [l for l in lines if want.get(l.split(None, 1)[1]) != l.split(None, 1)[0]]
        for l in bad:
            print(f"DIFFERS: {l} (was {want.get(l.split(None, 1)[1])})", file=sys.stderr)
        print("identical" if not bad else f"{len(bad)} set(s) differ", file=sys.stderr)
        return 1 if bad else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
