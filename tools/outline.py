"""A compact outline of a record's structure (sections and criteria tree), used by golden tests."""
from __future__ import annotations

from typing import Any

PREFIX = 60


def outline(record: dict[str, Any]) -> dict[str, Any]:
    by_id = {c["id"]: c for c in record["criteria"]}

    def depth(c: dict[str, Any]) -> int:
        d, p = 0, c["parent"]
        while p:
            d, p = d + 1, by_id[p]["parent"]
        return d

    return {
        "sections": [[s.get("role"), s["kind"], s["heading"]] for s in record["sections"]],
        "criteria": [
            {"depth": depth(c), "kind": c["kind"], "logic": c["logic"],
             **({"min_children": c["min_children"]} if "min_children" in c else {}),
             **({"notes": len(c["notes"])} if c.get("notes") else {}),
             **({"connector": c["connector"]} if c.get("connector") else {}),
             "text": " ".join(c["text"].split())[:PREFIX]}
            for c in record["criteria"]
        ],
    }
