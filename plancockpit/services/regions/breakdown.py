"""Targets broken down to sub-regions (区 → 镇/街道 → 村/社区), with coverage and sum checks.

A breakdown file (CSV, UTF-8, header row; lines starting with # are comments) lists one part
per sub-region:

    region,value
    城厢街道,1.2
    330109002,0.8

`region` is a sub-region's name or code (also 地区), `value` the part in the target's unit (also
数值). The parts become child targets (`parent_target_id`, `region_id`) with the whole target's
indicator, basis, comparator, unit, years, attribute and lead units. Loading replaces earlier
parts of the same target and is all or nothing: an unknown region, a region named twice, a
value that is not a number refuses the whole file with its line number.

Checks: the parts cover the whole when every sub-region of the target's region has one (the
missing ones are named); for an `increase` target, and a level total of an additive indicator,
the parts add up when their sum is at least the whole within a tolerance (a share of the whole,
default 0.5%); the difference is reported either way.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from plancockpit.db.models import Indicator, Region, Target
from plancockpit.errors import Invalid, NotFound
from plancockpit.link.units import additive
from plancockpit.services.access import target_audit
from plancockpit.services.regions.hierarchy import children

TOLERANCE = 0.005
HEADERS = {"region": "region", "地区": "region", "value": "value", "数值": "value"}


class BreakdownError(Invalid):
    """A breakdown that cannot be stored; nothing was written."""


@dataclass
class BreakdownCheck:
    """Whether a target's parts cover its region's sub-regions and (when additive) add up."""

    target_id: int
    parts: int
    missing: list[str] = field(default_factory=list)
    whole: float | None = None
    total: float | None = None
    difference: float | None = None  # Σ parts − whole
    adds_up: bool | None = None  # None: the indicator's values do not add across regions
    tolerance: float = TOLERANCE

    @property
    def covered(self) -> bool:
        return not self.missing

    @property
    def ok(self) -> bool:
        return self.covered and self.adds_up is not False

    def to_json(self) -> dict[str, Any]:
        return {
            "target_id": self.target_id,
            "parts": self.parts,
            "missing": self.missing,
            "covered": self.covered,
            "whole": self.whole,
            "total": self.total,
            "difference": self.difference,
            "adds_up": self.adds_up,
            "tolerance": self.tolerance,
            "ok": self.ok,
        }


def _target(session: Session, target_id: int) -> Target:
    parent = session.get(Target, target_id)
    if parent is None:
        raise NotFound(f"target {target_id} not found / 未找到目标")
    return parent


def check_breakdown(
    session: Session, target_id: int, tolerance: float = TOLERANCE
) -> BreakdownCheck:
    """Check the targets broken down from `target_id` (their `parent_target_id`)."""
    parent = _target(session, target_id)
    parts = list(session.scalars(select(Target).where(Target.parent_target_id == target_id)))
    have = {p.region_id for p in parts}
    subs = children(session, parent.region_id)
    check = BreakdownCheck(
        target_id,
        len(parts),
        tolerance=tolerance,
        whole=parent.value,
        missing=[r.name for r in subs if r.id not in have],
    )
    ind = session.get(Indicator, parent.indicator_id)
    summable = (
        ind is not None
        and parent.basis in ("increase", "level")
        and additive(ind.name, parent.unit or ind.unit)
    )
    if summable and parts:
        check.total = sum(p.value for p in parts)
        check.difference = check.total - parent.value
        check.adds_up = check.difference >= -tolerance * max(abs(parent.value), 1e-9)
    return check


def parse_parts(text: str) -> list[tuple[int, str, float]]:
    """(line, region, value) rows of a breakdown file."""
    lines = [ln for ln in text.lstrip("\ufeff").splitlines() if not ln.lstrip().startswith("#")]
    reader = csv.reader(io.StringIO("\n".join(lines)))
    header = [HEADERS.get(h.strip().lower(), HEADERS.get(h.strip(), "")) for h in next(reader, [])]
    if "region" not in header or "value" not in header:
        raise BreakdownError("the header row needs region and value (地区, 数值)")
    at_region, at_value = header.index("region"), header.index("value")
    rows = []
    for n, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        region = cells[at_region].strip() if at_region < len(cells) else ""
        raw = cells[at_value].strip().replace(",", "") if at_value < len(cells) else ""
        try:
            value = float(raw)
            if not math.isfinite(value):
                raise ValueError(raw)
        except ValueError:
            raise BreakdownError(f"row {n}: value {raw!r} is not a number / 数值无效") from None
        if not region:
            raise BreakdownError(f"row {n}: no region / 缺少地区")
        rows.append((n, region, value))
    if not rows:
        raise BreakdownError("no parts in the file / 文件中没有分解数据")
    return rows


def break_down(
    session: Session, target_id: int, parts: dict[str, float], tolerance: float = TOLERANCE
) -> BreakdownCheck:
    """Store the parts of a target (sub-region name or code → value), replacing earlier ones."""
    parent = _target(session, target_id)
    subs = children(session, parent.region_id)
    if not subs:
        raise BreakdownError(
            "the target's region has no sub-regions; load them first "
            "(plancockpit regions load) / 该地区没有下级地区"
        )
    by_key: dict[str, Region] = {r.name: r for r in subs} | {r.code: r for r in subs}
    unknown = sorted(set(parts) - set(by_key))
    if unknown:
        raise BreakdownError(
            f"not sub-regions of the target's region: {', '.join(unknown)} / "
            "不是该目标地区的下级地区"
        )
    seen: set[int] = set()
    for key in parts:
        if by_key[key].id in seen:
            raise BreakdownError(f"{by_key[key].name} is named twice / 地区重复")
        seen.add(by_key[key].id)
    # Earlier parts are replaced, not edited: logged as removed, the new ones as created (one
    # call each, as SQLite may give a new part a removed part's id).
    hand_made = (Target.parent_target_id == parent.id) & Target.record_id.is_(None)
    target_audit.audit_target_changes(session, target_audit.snapshot_where(session, hand_made), {})
    session.execute(delete(Target).where(hand_made))
    for key, value in parts.items():
        session.add(
            Target(
                indicator_id=parent.indicator_id,
                region_id=by_key[key].id,
                parent_target_id=parent.id,
                comparator=parent.comparator,
                value=value,
                unit=parent.unit,
                basis=parent.basis,
                baseline_year=parent.baseline_year,
                start_year=parent.start_year,
                deadline_year=parent.deadline_year,
                attribute=parent.attribute,
                lead_units=list(parent.lead_units or []),
                link_reason=f"broken down from target {parent.id} / 由目标{parent.id}分解",
            )
        )
    target_audit.audit_target_changes(session, {}, target_audit.snapshot_where(session, hand_made))
    return check_breakdown(session, target_id, tolerance)


def load_breakdown(
    session: Session, target_id: int, path: Path, tolerance: float = TOLERANCE
) -> BreakdownCheck:
    """`break_down` from a breakdown file (see the module docstring)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BreakdownError(f"cannot read {path.name}: {exc}") from None
    parts: dict[str, float] = {}
    for n, region, value in parse_parts(text):
        if region in parts:
            raise BreakdownError(f"row {n}: {region} is named twice / 地区重复")
        parts[region] = value
    return break_down(session, target_id, parts, tolerance)
