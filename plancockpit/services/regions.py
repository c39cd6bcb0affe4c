"""Regions 区 → 镇/街道 → 村/社区: loading a CSV, breaking targets down, rolling values up.

CSV layout (UTF-8, header row required; lines starting with # are comments):

    code,name,level,parent_code
    330109,萧山区,district,
    330109001,城厢街道,town,330109

`level` is district | town | village (also 区/县/市, 镇/街道/乡, 村/社区); `parent_code` is empty
for the top region and otherwise names a region in the file or already stored. Loading is all
or nothing: any bad row refuses the whole file with its line number.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from plancockpit.db.models import Indicator, Observation, Region, Target
from plancockpit.link.units import family

LEVELS = {"district": "district", "区": "district", "县": "district", "市": "district",
          "town": "town", "镇": "town", "街道": "town", "乡": "town",
          "village": "village", "村": "village", "社区": "village"}
ORDER = {"district": 0, "town": 1, "village": 2}
COLUMNS = ("code", "name", "level", "parent_code")


class RegionFileError(ValueError):
    """A region file that cannot be loaded; nothing was written."""


@dataclass(frozen=True)
class RegionRow:
    line: int
    code: str
    name: str
    level: str
    parent_code: str


def parse_regions(text: str) -> list[RegionRow]:
    """Rows of a region CSV, validated (columns, levels, unique codes)."""
    lines = [ln for ln in text.lstrip("\ufeff").splitlines() if not ln.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    missing = set(COLUMNS) - set(reader.fieldnames or [])
    if missing:
        raise RegionFileError(f"missing column(s): {', '.join(sorted(missing))}; "
                              f"expected {','.join(COLUMNS)}")
    rows, seen = [], set()
    for n, raw in enumerate(reader, start=2):
        code, name = (raw["code"] or "").strip(), (raw["name"] or "").strip()
        level = LEVELS.get((raw["level"] or "").strip())
        if not code or not name:
            raise RegionFileError(f"row {n}: code and name are required")
        if level is None:
            raise RegionFileError(f"row {n}: level {raw['level']!r} is not one of "
                                  "district, town, village")
        if code in seen:
            raise RegionFileError(f"row {n}: code {code} appears twice")
        seen.add(code)
        rows.append(RegionRow(n, code, name, level, (raw["parent_code"] or "").strip()))
    return rows


def load_regions(session: Session, path: Path) -> dict[str, int]:
    """Insert or update the regions of a CSV file; returns counts {created, updated}."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RegionFileError(f"cannot read {path.name}: {exc}") from None
    rows = parse_regions(text)
    stored = {r.code: r for r in session.scalars(select(Region))}
    levels = {c: r.level for c, r in stored.items()} | {r.code: r.level for r in rows}
    for r in rows:
        if r.parent_code:
            if r.parent_code not in levels:
                raise RegionFileError(f"row {r.line}: parent {r.parent_code} is unknown")
            if ORDER[levels[r.parent_code]] >= ORDER[r.level]:
                raise RegionFileError(f"row {r.line}: a {r.level} cannot sit under a "
                                      f"{levels[r.parent_code]}")
    counts = {"created": 0, "updated": 0}
    for r in rows:  # parents first: the file order may not be
        region = stored.get(r.code)
        if region is None:
            region = Region(code=r.code, name=r.name, level=r.level)
            session.add(region)
            stored[r.code] = region
            counts["created"] += 1
        else:
            region.name, region.level = r.name, r.level
            counts["updated"] += 1
    session.flush()
    for r in rows:
        stored[r.code].parent_id = stored[r.parent_code].id if r.parent_code else None
    session.flush()
    return counts


def children(session: Session, region_id: int | None) -> list[Region]:
    """Sub-regions of a region; of the top region(s) when `region_id` is None."""
    if region_id is None:
        tops = session.scalars(select(Region.id).where(Region.parent_id.is_(None))).all()
        return list(session.scalars(select(Region).where(Region.parent_id.in_(tops))))
    return list(session.scalars(select(Region).where(Region.parent_id == region_id)))


@dataclass
class BreakdownCheck:
    """Whether a target's parts cover its region's sub-regions and (for increases) add up."""

    target_id: int
    parts: int
    missing: list[str] = field(default_factory=list)
    total: float | None = None
    adds_up: bool | None = None

    @property
    def covered(self) -> bool:
        return not self.missing


def check_breakdown(session: Session, target_id: int) -> BreakdownCheck:
    """Check the targets broken down from `target_id` (their `parent_target_id`)."""
    parent = session.get(Target, target_id)
    if parent is None:
        raise LookupError(f"target {target_id} not found")
    parts = list(session.scalars(select(Target).where(Target.parent_target_id == target_id)))
    subs = children(session, parent.region_id)
    have = {p.region_id for p in parts}
    check = BreakdownCheck(target_id, len(parts),
                           missing=[r.name for r in subs if r.id not in have])
    if parent.basis == "increase" and parts:
        check.total = sum(p.value for p in parts)
        check.adds_up = check.total >= parent.value - 1e-9 * max(abs(parent.value), 1.0)
    return check


def break_down(session: Session, target_id: int, parts: dict[str, float]) -> BreakdownCheck:
    """Create the parts of a target for sub-regions named in `parts` (name → value)."""
    parent = session.get(Target, target_id)
    if parent is None:
        raise LookupError(f"target {target_id} not found")
    by_name = {r.name: r for r in children(session, parent.region_id)}
    unknown = set(parts) - set(by_name)
    if unknown:
        raise ValueError(f"not sub-regions of the target's region: {', '.join(sorted(unknown))}")
    for name, value in parts.items():
        session.add(Target(
            indicator_id=parent.indicator_id, region_id=by_name[name].id,
            parent_target_id=parent.id, comparator=parent.comparator, value=value,
            unit=parent.unit, basis=parent.basis, baseline_year=parent.baseline_year,
            start_year=parent.start_year, deadline_year=parent.deadline_year,
            attribute=parent.attribute, lead_units=list(parent.lead_units or []),
            link_reason=f"broken down from target {parent.id}"))
    session.flush()
    return check_breakdown(session, target_id)


def rolled_up(session: Session, indicator_id: int, region_id: int | None, year: int,
              basis: str = "level") -> float | None:
    """The sum of the sub-regions' values for a year, when every sub-region has one and the
    indicator is additive (not a share, ratio or index)."""
    ind = session.get(Indicator, indicator_id)
    if ind is None or family(ind.unit) in ("share", "") and basis != "increase":
        return None
    subs = children(session, region_id)
    if not subs:
        return None
    values = {}
    for o in session.scalars(select(Observation).where(
            Observation.indicator_id == indicator_id, Observation.year == year,
            Observation.basis == basis, Observation.month.is_(None),
            Observation.region_id.in_([r.id for r in subs]))):
        values[o.region_id] = o.value
    if len(values) < len(subs):
        return None
    return sum(values.values())
