"""Regions 区 → 镇/街道 → 村/社区: loading a CSV and the hierarchy in memory.

Targets broken down to sub-regions: `services.regions.breakdown`; values rolled up: `evaluate.regional`.

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

from plancockpit.db.models import Region
from plancockpit.errors import Invalid

LEVELS = {
    "district": "district",
    "区": "district",
    "县": "district",
    "市": "district",
    "town": "town",
    "镇": "town",
    "街道": "town",
    "乡": "town",
    "village": "village",
    "村": "village",
    "社区": "village",
}
ORDER = {"district": 0, "town": 1, "village": 2}
COLUMNS = ("code", "name", "level", "parent_code")


class RegionFileError(Invalid):
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
        raise RegionFileError(
            f"missing column(s): {', '.join(sorted(missing))}; expected {','.join(COLUMNS)}"
        )
    rows, seen = [], set()
    for n, raw in enumerate(reader, start=2):
        code, name = (raw["code"] or "").strip(), (raw["name"] or "").strip()
        level = LEVELS.get((raw["level"] or "").strip())
        if not code or not name:
            raise RegionFileError(f"row {n}: code and name are required")
        if level is None:
            raise RegionFileError(
                f"row {n}: level {raw['level']!r} is not one of district, town, village"
            )
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
    for r in rows:  # a region linking created from a document's name (its code is the name)
        auto = stored.get(r.name)
        if r.code not in stored and auto is not None and auto.name == r.name:
            auto.code = r.code
            stored[r.code] = stored.pop(r.name)
    levels = {c: r.level for c, r in stored.items()} | {r.code: r.level for r in rows}
    for r in rows:
        if r.parent_code:
            if r.parent_code not in levels:
                raise RegionFileError(f"row {r.line}: parent {r.parent_code} is unknown")
            if ORDER[levels[r.parent_code]] >= ORDER[r.level]:
                raise RegionFileError(
                    f"row {r.line}: a {r.level} cannot sit under a {levels[r.parent_code]}"
                )
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


def region_rows(session: Session) -> list[dict[str, object]]:
    """Every region by code with its parent's name (the `regions list` table)."""
    regions = list(session.scalars(select(Region).order_by(Region.code)))
    names = {r.id: r.name for r in regions}
    return [
        {
            "id": r.id,
            "code": r.code,
            "name": r.name,
            "level": r.level,
            "parent": names.get(r.parent_id or -1, ""),
        }
        for r in regions
    ]


def children(session: Session, region_id: int | None) -> list[Region]:
    """Sub-regions of a region; of the top region(s) when `region_id` is None."""
    if region_id is None:
        tops = session.scalars(select(Region.id).where(Region.parent_id.is_(None))).all()
        return list(session.scalars(select(Region).where(Region.parent_id.in_(tops))))
    return list(session.scalars(select(Region).where(Region.parent_id == region_id)))


@dataclass(frozen=True)
class RegionTree:
    """The loaded hierarchy in memory. `None` stands for the whole area (the top region: a
    target or an indicator without a region), so the top region's children hang under None."""

    names: dict[int, str] = field(default_factory=dict)
    parents: dict[int, int | None] = field(default_factory=dict)
    children: dict[int | None, list[int | None]] = field(default_factory=dict)
    top_name: str = ""

    def has_children(self, region_id: int | None) -> bool:
        return bool(self.children.get(region_id))

    def below(self, region_id: int | None) -> list[int | None]:
        """The region and every region under it."""
        out, todo = [], [region_id]
        while todo:
            r = todo.pop()
            if r in out:
                continue
            out.append(r)
            todo.extend(self.children.get(r, []))
        return out

    def path(self, region_id: int | None) -> tuple[str, ...]:
        """Names from the top region down to this one (empty without a loaded hierarchy)."""
        names: list[str] = []
        r: int | None = region_id
        while r is not None and r in self.names and len(names) < 10:
            names.append(self.names[r])
            r = self.parents.get(r)
        if self.top_name and (not names or names[-1] != self.top_name):
            names.append(self.top_name)
        return tuple(reversed(names))


def region_tree(session: Session) -> RegionTree:
    """The hierarchy as loaded; with one top region, None (the whole area) is that region."""
    regions = list(session.scalars(select(Region)))
    tops = [r for r in regions if r.parent_id is None]
    top_ids = {r.id for r in tops}
    parents: dict[int, int | None] = {}
    kids: dict[int | None, list[int | None]] = {}
    for r in regions:
        parent = None if r.parent_id in top_ids and len(tops) == 1 else r.parent_id
        if r.id in top_ids:
            continue
        parents[r.id] = parent
        kids.setdefault(parent, []).append(r.id)
    for t in tops:  # a value stored against the top region itself has the same sub-regions
        kids[t.id] = (
            list(kids.get(None, []))
            if len(tops) == 1
            else [r.id for r in regions if r.parent_id == t.id]
        )
    return RegionTree(
        names={r.id: r.name for r in regions},
        parents=parents,
        children=kids,
        top_name=tops[0].name if len(tops) == 1 else "",
    )
