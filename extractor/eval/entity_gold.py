"""Gold entities of the annotated corpora, in the record's labels (models/entity_labels.json).

One reader serves the entity model's training (extractor/nlp/entity_training.py) and its
scoring (eval/entities.py), so both see the same spans. A corpus type maps to a label, or to a
label chosen by an attribute of the annotation's event (LCT's Observation-Type: a lab value,
vital sign or score is a `measurement`, a habit or questionnaire an `observation`).
Discontinuous annotations are skipped (a record's entity is one span); where mapped spans
overlap, the longest is kept (then the earliest): the model tags non-overlapping spans.
"""
from __future__ import annotations

from functools import lru_cache

from ..resources import load_rules
from .brat import Annotation

Span = tuple[int, int, str]


def mapping() -> dict:
    return load_rules("entity_labels.json", "rules/entity_labels.schema.json")


@lru_cache(maxsize=1)
def lexicon_names() -> frozenset[str]:
    """Every name and synonym of models/variables.json, lower-cased."""
    data = load_rules("variables.json", "rules/variables.schema.json")
    return frozenset(_key(f) for v in data["variables"] for f in [v["name"], *v["synonyms"]])


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def labels() -> list[str]:
    return list(mapping()["labels"])


def gold_entities(ann: Annotation, corpus: str, text: str | None = None) -> list[Span]:
    """(start, end, label) of `ann`'s mapped entities, non-overlapping, sorted.

    With `text`, an annotation whose text differs from `text` at its offsets (Chia's offset
    drift) is dropped, and surrounding whitespace is trimmed from each span."""
    rules = mapping()["corpora"][corpus]
    trigger_event = {ev.trigger: ev.id for ev in ann.events.values()}
    found = []
    for ent in ann.entities.values():
        rule = rules.get(ent.type)
        if rule is None or len(ent.fragments) != 1:
            continue
        if isinstance(rule, dict):
            value = ann.attribute(rule["attribute"], trigger_event.get(ent.id, ent.id))
            if value is None:
                value = ann.attribute(rule["attribute"], ent.id)
            if isinstance(value, str):
                label = rule["values"].get(value, rule["default"])
            elif "lexicon" in rule and _key(ent.text) in lexicon_names():
                label = rule["lexicon"]   # untyped, but it names a known lab value or score
            else:
                label = rule["default"]
        else:
            label = rule
        start, end = ent.start, ent.end
        if text is not None:
            if text[start:end] != ent.text:
                continue
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
        if end > start:
            found.append((start, end, label))
    return non_overlapping(found)


def non_overlapping(spans: list[Span]) -> list[Span]:
    """Longest first (then earliest, then label order), dropping any span that overlaps a kept one."""
    kept: list[Span] = []
    for s in sorted(set(spans), key=lambda x: (-(x[1] - x[0]), x[0], x[2])):
        if all(s[1] <= k[0] or k[1] <= s[0] for k in kept):
            kept.append(s)
    return sorted(kept)
