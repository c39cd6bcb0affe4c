"""What the public view blanks: the internal notes of rows an anonymous visitor may see.

A row keeps its shape (every key, so an API client reads the same fields whoever asks); an
internal value is replaced by a blank of its type. Internal are: a document's path on the
server; a record's review (state, reviewer, time), the rule that found it and the extractor's
own values; how linking tied a target to its indicator; why an indicator's direction is what it
is and a planner's override; the user who entered a value (shown as `ENTERED`).
"""

from __future__ import annotations

from typing import Any

ENTERED = "人工填报 / entered by hand"

INTERNAL: dict[str, dict[str, Any]] = {
    "document": {"path": ""},
    "record": {
        "review_state": "",
        "reviewed_by": None,
        "reviewed_at": None,
        "rule": "",
        "extracted": {},
    },
    "target": {"link_reason": "", "link_confidence": None},
    "indicator": {"direction_reason": "", "direction_override": None},
    "direction": {"reason": "", "reason_zh": "", "reason_en": "", "override": None},
}


def shown(kind: str, row: dict[str, Any], public: bool) -> dict[str, Any]:
    """`row` as the public view shows it (unchanged when not `public`).

    >>> shown("target", {"id": 1, "link_reason": "same name"}, True)
    {'id': 1, 'link_reason': ''}
    >>> shown("observation", {"entered_by": "li"}, True)["entered_by"] == ENTERED
    True
    """
    if not public:
        return row
    if kind == "observation":
        return {**row, "entered_by": ENTERED if row.get("entered_by") else None}
    return {**row, **{k: v for k, v in INTERNAL[kind].items() if k in row}}
