"""Evaluation on annotated corpora and the quality gate.

    from extractor.eval import run_eval
    result = run_eval("lct", split="dev", errors=False, predict=None)  # None: the library

`predict` may be any `text -> CONTRACT record dict` callable. See cli.py for the command line
and gate.py for the floors check.
"""
from .cli import add_eval_parser, handle_eval, main_eval
from .runner import CORPORA, run_eval

__all__ = ["run_eval", "main_eval", "add_eval_parser", "handle_eval", "CORPORA"]
