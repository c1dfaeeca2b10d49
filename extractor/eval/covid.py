"""Scoring against the COVID-19 corpus (covid19-structured-trials, `700_annotated_trials_new`):
the eligibility text of ClinicalTrials.gov COVID-19 trials, annotated in Chia's schema by another
team, which no rule or threshold of the extractor was tuned on.

Each trial is one `.txt` (its criteria as the registry writes them, "Inclusion Criteria:" and
"Exclusion Criteria:" headings included) and one `.ann`. The text goes in as it is; the fields
and their reading are Chia's (extractor/eval/chia.py): constraint detection against the numeric
`Value`, `Multiplier` and `Temporal` spans, value and temporal recall, negation per cue and per
criterion, exceptions, and entities over Chia's labels mapped to the contract's. The corpus's
README calls its annotations noisy, and about a quarter of the lines that hold text carry no
annotation at all (7,095 lines of the first 400 trials, 1,859 bare, in 238 trials: "participants
≥ 12 and < 18 years of age" among them), so a line with no annotation is out of every field, as
Chia's lines marked with an error class only are: what is found there is neither found nor false.
Its figures measure agreement with another team's reading of the same text, next to the
registries gold that follows this project's conventions.
Split: `hash_split` of the trial id, as for Chia.
"""
from __future__ import annotations

from .chia import evaluate_brat
from .corpora import corpus_dir, hash_split, in_split

FOLDER = ("covid19-structured-trials", "700_annotated_trials_new")


def check_available() -> None:
    corpus_dir(*FOLDER)


def documents(split: str):
    """(trial id, text path, .ann path) of each annotated trial in `split`, in id order."""
    for txt in sorted(corpus_dir(*FOLDER).glob("*.txt")):
        ann = txt.with_suffix(".ann")
        if ann.exists() and in_split(hash_split(txt.stem), split):
            yield txt.stem, txt, ann


def evaluate(split: str, errors: bool, predictor) -> dict:
    return evaluate_brat(list(documents(split)), errors, predictor, bare_lines_out=True)
