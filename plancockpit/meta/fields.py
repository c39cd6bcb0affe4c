"""What we know about a document as a whole."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

DocKind = Literal["plan", "annual_report", "meeting", "interview", "news", "other"]


@dataclass(frozen=True)
class DocumentMeta:
    """Inferred (and editable) metadata; `evidence` maps a field name to the text it came from."""

    title: str = ""
    kind: DocKind = "other"
    region: str = ""
    date: date | None = None
    period_start: int | None = None  # a plan's first year (2021 for a 2021–2025 plan)
    period_end: int | None = None  # a plan's last year; an annual report's year
    base_year: int | None = None  # a plan's base year (2020)
    evidence: dict[str, str] = field(default_factory=dict)

    def with_overrides(self, **values: Any) -> DocumentMeta:
        """A copy with the given non-None fields replaced; evidence says they were set by hand."""
        given = {k: v for k, v in values.items() if v is not None}
        evidence = dict(self.evidence) | {k: "set by user" for k in given}
        return replace(self, **given, evidence=evidence)
