"""The NLP stage: criterion texts in, constraints/negation/exceptions/entities out.

Public entry point (used by the engine in extractor/api.py):

    analyzer = Analyzer()                      # builds spacy.blank("en") + our components once
    analyzer = Analyzer(entities=False)        # ... without the trained entity model
    results = analyzer.analyze(text, items)    # items: list of (start, end) criterion spans

`results[i]` is a dict for criterion `items[i]`, every span absolute in `text`:
    {"constraints": [contract constraint dicts, each with "rules": [rule ids]],
     "constraints_logic": "all" | "any",
     "negated": bool, "negation": {"text", "span", "rule"} | None,
     "exceptions": [{"text", "span"}],
     "entities": [{"text", "span", "label", "concept"?, "negated", "negation"?}],   # entities.py
     "unparsed": [{"text", "span", "reason"}], "ignored": [{"text", "span", "reason"}],
     "warnings": [{"text", "span", "message", "rule"}]}    # text an export damaged, per criterion

`accounting` (every number of a criterion accounted for) is plain Python: importing it, or this
package for it, does not load spaCy; `Analyzer` is imported on first use.
"""
from __future__ import annotations


def __getattr__(name: str):
    if name == "Analyzer":
        from .analyzer import Analyzer
        return Analyzer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Analyzer"]
