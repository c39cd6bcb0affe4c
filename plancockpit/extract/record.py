"""A quantity record: one number that sizes an indicator (spec: shared/spec/targets.md)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from plancockpit.vocabulary import Basis, Comparator
from plancockpit.vocabulary import RecordKind as Kind

__all__ = ["Basis", "Comparator", "Kind", "QuantityRecord"]


@dataclass
class QuantityRecord:
    """One extracted quantity with its provenance.

    The first fields are the spec's; the rest say where it came from and how sure we are.
    `start`/`end` are offsets of the number as written in the original text.
    """

    doc: str
    start: int
    end: int
    metric: str
    kind: Kind
    value: float
    value_max: float | None
    unit: str
    comparator: Comparator
    basis: Basis
    year: int | None
    lead_units: list[str] = field(default_factory=list)
    # provenance and extras
    number: str = ""  # the number as written
    section: list[str] = field(default_factory=list)  # titles from the chapter down
    sentence_start: int = 0
    sentence_end: int = 0
    cell: tuple[int, int] | None = None  # (row, column) in the table body
    attribute: str | None = None  # "预期性" | "约束性"
    aspiration: bool = False  # 力争
    domain: str | None = None  # the table's 一级指标, where it has one
    rule: str = ""
    confidence: float = 1.0
    # The items a joint metric names, each an indicator of its own (城乡居民人均可支配收入分别
    # 增长7.5%: 城镇居民…, 农村居民…); empty for a metric that names one thing.
    parts: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The record as a JSON-ready dict (what `plancockpit extract --format jsonl` prints)."""
        data = asdict(self)
        data["cell"] = list(self.cell) if self.cell else None
        return data
