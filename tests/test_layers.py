"""The layers of the package, checked from its source: imports are parsed with `ast`
(function-level ones included, which hide a cycle from a plain import) and the allowed
directions asserted.

    EXTRACTOR_LAYER_ROOT=/other/checkout/extractor pytest tests/test_layers.py

checks another tree (an older layout, say) with the same rules.
"""
from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("EXTRACTOR_LAYER_ROOT") or Path(__file__).resolve().parents[1] / "extractor")
PACKAGE = "extractor"
# The stages: they take a document one step further and know nothing of how they are run.
STAGES = ("ingest", "sections", "criteria", "criteria_items", "criteria_passes", "criteria_continuation",
          "lines", "analysis", "nlp", "normalize", "records", "resources", "errors", "deadline", "schedules")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Every module `name` imports, at any level of the file."""
    is_package = path.name == "__init__.py"
    here = name.split(".") if is_package else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[:len(here) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                # "from . import x" names a submodule when there is one, else a name in `target`
                found.add(sub if sub in modules else target)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


GRAPH = _graph()


def _ours(target: str) -> bool:
    return target == PACKAGE or target.startswith(PACKAGE + ".")


def _in(name: str, *parts: str) -> bool:
    return any(name == f"{PACKAGE}.{p}" or name.startswith(f"{PACKAGE}.{p}.") for p in parts)


def _violations(rule) -> list[str]:
    return sorted(f"{src} imports {dst}" for src, dsts in GRAPH.items() for dst in dsts if rule(src, dst))


def test_the_tree_was_found():
    assert len(GRAPH) > 30, f"no package at {ROOT}"


def test_nothing_imports_the_cli():
    assert not _violations(lambda s, d: _in(d, "cli") and s != f"{PACKAGE}.__main__")


def test_batch_never_imports_the_engine_or_the_cli():
    assert not _violations(lambda s, d: _in(s, "batch") and _in(d, "api", "cli")
                           or _in(s, "batch") and d == PACKAGE)


def test_stages_never_import_the_engine_batch_or_cli():
    assert not _violations(lambda s, d: _in(s, *STAGES) and (_in(d, "api", "batch", "cli") or d == PACKAGE))


def test_only_nlp_imports_spacy():
    assert not _violations(lambda s, d: not _in(s, "nlp")
                           and (d.split(".")[0] in ("spacy", "scispacy", "thinc")))


def test_no_import_cycles():
    graph = {s: {d for d in ds if d in GRAPH} for s, ds in GRAPH.items()}
    cycles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join(stack[stack.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert not cycles, "\n".join(cycles)


@pytest.mark.parametrize("module", ["structure_survey", "outline", "pool", "progress", "resume"])
def test_no_tooling_or_run_layer_module_at_the_top(module):
    """Corpus surveys and golden outlines are project tools (tools/), and the run layer lives in
    batch/, not beside the engine."""
    assert f"{PACKAGE}.{module}" not in GRAPH


def test_the_review_page_reads_records_only():
    """The review page is a pure function of records: it never runs the pipeline."""
    assert not _violations(lambda s, d: _in(s, "review") and (
        d == PACKAGE or (_ours(d) and not _in(d, "review"))))
