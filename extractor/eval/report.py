"""Plain-text rendering of `run_eval` results: one table per corpus, one row per field."""
from __future__ import annotations


def _fmt(x) -> str:
    return "-" if x is None else f"{x:.3f}"


def table(result: dict) -> str:
    head = f"{result['corpus']} ({result['split']})"
    if "skipped" in result:
        return f"{head}: skipped: {result['skipped']}"
    lines = [f"{head}: {result['documents']} documents, "
             f"{result.get('failed_documents', 0)} failed, {result.get('seconds', 0):.1f} s"]
    lines.append(f"  {'field':<24} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}"
                 f"  other")
    for name, row in result["fields"].items():
        extra = " ".join(f"{k}={_fmt(v) if isinstance(v, float) or v is None else v}"
                         for k, v in row.items()
                         if k not in ("precision", "recall", "f1", "tp", "fp", "fn"))
        if "tp" not in row:  # a row that is not a precision/recall figure (e.g. kind)
            lines.append(f"  {name:<24} {'':>41}  {extra}")
            continue
        lines.append(f"  {name:<24} {_fmt(row['precision']):>6} {_fmt(row['recall']):>6} "
                     f"{_fmt(row['f1']):>6} {row['tp']:>6} {row['fp']:>6} {row['fn']:>6}"
                     f"  {extra}".rstrip())
    for note in result.get("notes") or []:
        lines.append(f"  note: {note}")
    return "\n".join(lines)


def error_lines(result: dict) -> list[str]:
    """One line per individual error, for dev-split listings."""
    out = []
    for e in result.get("errors") or []:
        what = {k: v for k, v in e.items() if k not in ("doc", "field", "error")}
        out.append(f"{e['doc']}\t{e['field']}\t{e['error']}\t"
                   + " ".join(f"{k}={v!r}" for k, v in what.items()))
    return out
