"""Hand-made records for the review page's tests, built from a text and the substrings each
span covers, so every span is right by construction (code points, as the contract says)."""
from __future__ import annotations

from typing import Any


def span(text: str, part: str, after: int = 0) -> list[int]:
    start = text.index(part, after)
    return [start, start + len(part)]


def piece(text: str, part: str, after: int = 0, **extra: Any) -> dict[str, Any]:
    return {"text": part, "span": span(text, part, after), **extra}


def record(doc_id: str, text: str, criteria: list[dict], title: str = "", sections=()) -> dict:
    return {
        "schema_version": "1",
        "document": {"id": doc_id, "source": {"path": f"in/{doc_id}.txt", "format": "text",
                                              "sha256": "0" * 64, "record": None},
                     "site": None, "text": text},
        "study": {"title": title} if title else {},
        "sections": list(sections),
        "criteria": criteria,
    }


def criterion(text: str, cid: str, line: str, kind: str, after: int = 0, negated: bool = False,
              constraints=(), entities=(), **extra: Any) -> dict:
    c = {"id": cid, "kind": kind, "parent": None, "logic": None, **piece(text, line, after),
         "negated": negated, "entities": list(entities), "constraints": list(constraints),
         "constraints_logic": "all", "children": []}
    c.update(extra)
    return c


def value(text: str, part: str, subject: str, comparator: str, number, after: int = 0,
          rules=("num.digits", "cmp.sym"), **extra: Any) -> dict:
    return {"type": "value", "subject": piece(text, subject, after), "comparator": comparator,
            "value": number, "unit": None, "reference": None, **piece(text, part, after),
            "rules": list(rules), **extra}


# Characters outside the Basic Multilingual Plane before the constraints (a JavaScript string
# counts them twice), CRLF line ends, an entity crossing two constraints, every filter's case.
SPANS_TEXT = (
    "Inclusion Criteria:\r\n"
    "- 😀 Age ≥ 18 years\r\n"
    "- Platelets 𝟏 ≥ 100,000/mm³ and ANC ≥ 1500/mm³\r\n"
    "- FLC ratio < 0.26 or > 1.65\r\n"
    "Exclusion Criteria:\n"
    "- No active infection within 4 weeks of registration\n"
    "- Prior therapy for 2 cycles at 3 mg\n"
    "Other:\n"
    "- Willing to comply 24/7\n"
)


def spans_record() -> dict:
    t = SPANS_TEXT
    line2 = t.index("- Platelets")
    c = [
        criterion(t, "c1", "😀 Age ≥ 18 years", "inclusion",
                  constraints=[value(t, "≥ 18 years", "Age", ">=", 18, unit={"text": "years", "ucum": "a"},
                                     rules=("num.digits", "cmp.sym.ge", "subject.age_pattern"))],
                  entities=[piece(t, "Age", label="variable", concept="age")]),
        criterion(t, "c2", "Platelets 𝟏 ≥ 100,000/mm³ and ANC ≥ 1500/mm³", "inclusion",
                  constraints=[value(t, "≥ 100,000/mm³", "Platelets", ">=", 100000, line2),
                               value(t, "≥ 1500/mm³", "ANC", ">=", 1500, line2)],
                  entities=[piece(t, "100,000/mm³ and ANC", line2, label="other")]),
        criterion(t, "c3", "FLC ratio < 0.26 or > 1.65", "inclusion",
                  constraints=[value(t, "< 0.26", "FLC ratio", "<", 0.26),
                               value(t, "> 1.65", "FLC ratio", ">", 1.65)],
                  constraints_logic="any"),
        criterion(t, "c4", "No active infection within 4 weeks of registration", "exclusion",
                  negated=True, negation=piece(t, "No", rule="neg.no"),
                  constraints=[{"type": "time", "subject": None, "comparator": "<=", "value": 4,
                                "unit": {"text": "weeks", "ucum": "wk"}, "reference": None,
                                "direction": "before",
                                "event": piece(t, "registration", name="registration"),
                                **piece(t, "within 4 weeks"), "rules": ["win.within"]}]),
        criterion(t, "c5", "Prior therapy for 2 cycles at 3 mg", "exclusion",
                  unparsed=[piece(t, "2 cycles", reason="no comparator"),
                            piece(t, "3 mg", reason="dose without subject")]),
        criterion(t, "c6", "Willing to comply 24/7", "unspecified",
                  unparsed=[piece(t, "24/7", reason="not a quantity")]),
    ]
    sections = [{"kind": "inclusion", "heading": "Inclusion Criteria:", "heading_span": span(t, "Inclusion Criteria:"),
                 "span": [0, t.index("Exclusion")]}]
    return record("SPANS-1", t, c, title="Spans, filters and characters beyond the BMP", sections=sections)


# Each filter setting, the criteria it leaves in the side list for spans_record(), and whether
# hostile_record() (one inclusion criterion with a constraint and an unparsed number) matches.
FILTER_CASES = [
    ({}, ["c1", "c2", "c3", "c4", "c5", "c6"], True),
    ({"f-inclusion": False}, ["c4", "c5", "c6"], False),
    ({"f-exclusion": False, "f-unspecified": False}, ["c1", "c2", "c3"], True),
    ({"f-negated": True}, ["c4"], False),
    ({"f-noconstraint": True}, ["c5", "c6"], False),
    ({"f-unparsed": True}, ["c5", "c6"], True),
    ({"f-unparsed": True, "f-inclusion": False, "f-unspecified": False}, ["c5"], False),
]

# Markup in every field a record can carry to the page; each would set window.__pwned if any
# of it ever ran.
HOSTILE = [
    "<script>window.__pwned=1</script>",
    "</script><script>window.__pwned=2</script>",
    '<img src=x onerror="window.__pwned=3">',
    "<!--<script>window.__pwned=4</script>-->",
    "<svg onload=window.__pwned=5>",
    "&lt;script&gt; \u2028 \u2029 ]]>",
]


def hostile_record() -> dict:
    t = "Inclusion Criteria:\n- Hb " + HOSTILE[0] + " < 5 g/dL\n" + "\n".join(HOSTILE[1:]) + "\n"
    line = t[t.index("Hb "):t.index("g/dL") + 4]
    c = criterion(t, HOSTILE[2], line, "inclusion",
                  constraints=[value(t, "< 5 g/dL", "Hb " + HOSTILE[0], "<", 5, rules=[HOSTILE[1]],
                                     unit={"text": "g/dL", "ucum": HOSTILE[4]})],
                  unparsed=[piece(t, "window.__pwned=1", reason=HOSTILE[3])],
                  logic_rule=HOSTILE[5])
    rec = record(HOSTILE[0], t, [c], title=HOSTILE[2])
    rec["document"]["source"]["path"] = HOSTILE[1]
    rec["warnings"] = [HOSTILE[3]]
    return rec


def hostile_error() -> dict:
    return {"schema_version": "1", "error": {"path": "in/" + HOSTILE[1], "record": None,
                                             "code": HOSTILE[0], "message": HOSTILE[2]}}


NOTES_TEXT = (
    "Exclusion Criteria:\n"
    "- Prior chemotherapy\n"
    "  Note: allowed if completed at least 4 weeks before registration; creatinine < 2 mg/dL\n"
    "- Hb < 9 g/dL\n"
    "  Note: transfusion to 10 g/dL is fine; see 3.2\n"
)


def notes_record() -> dict:
    """Criteria whose "Note:" lines state constraints and numbers of their own: c1 has no
    constraint but its note has two, c2 one of its own and one in its note, and an unparsed
    number in the note only."""
    t = NOTES_TEXT
    note1 = t[t.index("Note: allowed"):t.index("mg/dL") + 5]
    second = t.index("- Hb")
    note2 = t[t.index("Note: transfusion"):t.index("3.2") + 3]
    window = {"type": "time", "subject": None, "comparator": ">=", "value": 4,
              "unit": {"text": "weeks", "ucum": "wk"}, "reference": None, "direction": "before",
              "event": piece(t, "registration", name="registration"),
              **piece(t, "at least 4 weeks before"), "rules": ["win.at_least"]}
    c1 = criterion(t, "c1", "Prior chemotherapy", "exclusion",
                   notes=[{**piece(t, note1), "constraints": [
                       window, value(t, "< 2 mg/dL", "creatinine", "<", 2)]}])
    c2 = criterion(t, "c2", "Hb < 9 g/dL", "exclusion",
                   constraints=[value(t, "< 9 g/dL", "Hb", "<", 9, second)],
                   notes=[{**piece(t, note2), "constraints": [value(t, "10 g/dL", "transfusion", "=", 10)],
                           "unparsed": [piece(t, "3.2", reason="section reference?")]}])
    return record("NOTES-1", t, [c1, c2], title="Notes with their own constraints")
