"""The NLP stage: criterion texts in, constraints/negation/exceptions/entities out.

Public entry point (used by the engine in extractor/api.py):

    analyzer = Analyzer()                      # builds spacy.blank("en") + our components once
    results = analyzer.analyze(text, items)    # items: list of (start, end) criterion spans

`results[i]` is a dict for criterion `items[i]`, every span absolute in `text`:
    {"constraints": [contract constraint dicts, each with "rules": [rule ids]],
     "constraints_logic": "all" | "any",
     "negated": bool, "negation": {"text", "span", "rule"} | None,
     "exceptions": [{"text", "span"}], "entities": [{"text", "span", "label"}],
     "warnings": [{"text", "span", "message", "rule"}]}    # text an export damaged, per criterion
"""
from .analyzer import Analyzer  # noqa: F401
