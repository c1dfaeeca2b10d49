"""WHO ICTRP XML export ("Export results to XML"): root `<Trials_downloaded_from_ICTRP>`, one
`<Trial>` per trial whose children are single text fields named like the CSV export's columns
(`TrialID`, `Public_title`, `Inclusion_Criteria`, `Inclusion_agemin`, `Recruitment_Status`,
`Condition`, `Intervention`, `Secondary_ID`, `web_address`...). The criteria keep ICTRP's `<br>`
line breaks as text (written `&lt;br&gt;` in the file), so each trial reads exactly as the same
trial's CSV row does. Format "ictrp-xml"; `Source.record` is the trial's XPath; segment
locators are {"xpath": ".../Trial[N]/Inclusion_Criteria"} with offsets into that element's text.
A file whose root is a single `<Trial>` is read as one trial.
"""
from __future__ import annotations

from ..errors import UnsupportedShape
from .builder import isolated
from .ictrp_csv import build, header_map
from .limits import DEFAULT_LIMITS, Limits
from .source import Source
from .xmlutil import text_of

ROOT = "Trials_downloaded_from_ICTRP"


def is_ictrp(root) -> bool:
    return root.tag in (ROOT, "Trial")


def read_root(root, path: str, digest: str, limits: Limits = DEFAULT_LIMITS) -> list[Source]:
    if root.tag == "Trial":
        return [isolated(path, None, lambda: _trial(root, "/Trial", None, path, digest))]
    if root.tag != ROOT:
        raise UnsupportedShape(f"XML root <{root.tag}> is not an ICTRP export", path)
    trials = [t for t in root if t.tag == "Trial"]
    limits.check_records(len(trials), path)
    out = []
    for n, trial in enumerate(trials, start=1):
        xpath = f"/{ROOT}/Trial[{n}]"
        out.append(isolated(path, xpath, lambda t=trial, x=xpath: _trial(t, x, x, path, digest)))
    return out


def _trial(trial, xpath: str, record: str | None, path: str, digest: str) -> Source:
    fields: dict[str, str] = {}
    # Where each element's text starts in its field's value (1-based position among its tag).
    pieces: dict[str, list[int]] = {}
    for child in trial:
        # A repeated element (several <Secondary_ID> or <Condition>) is one list, as the CSV's `;`.
        if isinstance(child.tag, str) and child.tag in fields:
            fields[child.tag] += ";"
            pieces[child.tag].append(len(fields[child.tag]))
            fields[child.tag] += text_of(child)
        elif isinstance(child.tag, str):
            fields[child.tag] = text_of(child)
            pieces[child.tag] = [0]
    cols = header_map(list(fields))
    if "id" not in cols:
        raise UnsupportedShape("ICTRP <Trial> without a <TrialID>", path, record)

    def raw(field: str) -> str:
        return fields.get(cols.get(field, ""), "")

    def locate_item(field: str, start: int, end: int) -> dict:
        """Words of a field's value: in which of its repeated elements, at which offsets."""
        tag = cols[field]
        starts = pieces[tag]
        k = max(i for i, s in enumerate(starts) if s <= start)
        step = f"{tag}[{k + 1}]" if len(starts) > 1 else tag
        return {"xpath": f"{xpath}/{step}", "start": start - starts[k], "end": end - starts[k]}

    return build(lambda f: raw(f).strip(), lambda f: {"xpath": f"{xpath}/{cols[f]}"}, raw,
                 fmt="ictrp-xml", path=path, digest=digest, record=record, encoding=None, locate_item=locate_item)
