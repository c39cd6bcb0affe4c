"""A planner's edits of indicators: merge several into one, split mentions off into a new one,
set the direction. Each edit relinks the lineage of what it touched; kept apart from linking
(`services.linking.link`) and review, which both of these edits call."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from plancockpit.db.models import Indicator, Observation, Record, Target
from plancockpit.errors import Invalid, NotFound
from plancockpit.link.names import canonical
from plancockpit.services.access import target_audit
from plancockpit.services.actuals.observations import flag_conflicts
from plancockpit.services.indicators.directions import refresh_directions
from plancockpit.services.linking.lineage import relink_lineage
from plancockpit.services.linking.link import link_document
from plancockpit.services.linking.rows import ensure_units
from plancockpit.services.records.review import edit_record
from plancockpit.vocabulary import DIRECTIONS


def merge_indicators(session: Session, keep_id: int, other_ids: Iterable[int]) -> Indicator:
    """Merge indicators into `keep_id`: their targets and observations move over, their names
    become aliases (so relinking keeps them together), and they point at the survivor."""
    keep = session.get(Indicator, keep_id)
    if keep is None:
        raise NotFound(f"indicator {keep_id} not found")
    others = [session.get(Indicator, i) for i in other_ids if i != keep_id]
    if any(o is None for o in others):
        raise NotFound("an indicator to merge does not exist")
    aliases = list(keep.aliases or [])
    moved = target_audit.snapshot(session, indicator_ids=[o.id for o in others if o is not None])
    for other in others:
        assert other is not None
        aliases += [other.name, other.key, *(other.aliases or [])]
        session.execute(
            update(Target).where(Target.indicator_id == other.id).values(indicator_id=keep.id)
        )
        session.execute(
            update(Observation)
            .where(Observation.indicator_id == other.id)
            .values(indicator_id=keep.id)
        )
        other.merged_into_id = keep.id
    keep.aliases = list(dict.fromkeys(a for a in aliases if a and a != keep.key))
    target_audit.audit_target_changes(session, moved, target_audit.snapshot(session, ids=moved))
    relink_lineage(session, {keep.id})
    flag_conflicts(session, {keep.id})
    return keep


def split_indicator(
    session: Session, indicator_id: int, record_ids: Iterable[int], new_name: str, by: str
) -> Indicator:
    """Move the mentions `record_ids` to a new indicator named `new_name`.

    The records' metric is edited to the new name (review state `edited`), so the split holds
    when the documents are relinked or re-extracted.
    """
    name = new_name.strip()
    if not name:
        raise Invalid("a split needs the new indicator's name")
    ids = list(record_ids)
    rows = session.scalars(select(Record).where(Record.id.in_(ids))).all()
    if len(rows) != len(set(ids)):
        raise NotFound("a record to split off does not exist")
    linked = set(
        session.scalars(
            select(Target.record_id).where(
                Target.indicator_id == indicator_id, Target.record_id.in_(ids)
            )
        )
    )
    linked |= set(
        session.scalars(
            select(Observation.record_id).where(
                Observation.indicator_id == indicator_id, Observation.record_id.in_(ids)
            )
        )
    )
    if linked != set(ids):
        raise Invalid(
            f"records {sorted(set(ids) - linked)} are not linked to indicator {indicator_id}"
        )
    key = canonical(name)
    keep = session.get(Indicator, indicator_id)
    assert keep is not None
    if key == keep.key:
        raise Invalid(f"{name} names indicator {indicator_id} itself; choose another name")
    # The survivor must stop answering to the split-off name (merged aliases included).
    keep.aliases = [a for a in keep.aliases or [] if canonical(str(a)) != key]
    for merged in session.scalars(
        select(Indicator).where(Indicator.merged_into_id == keep.id, Indicator.key == key)
    ):
        merged.merged_into_id = None
    for rec in rows:
        edit_record(session, rec.id, by=by, changes={"metric": name})
    for doc_id in {r.document_id for r in rows}:
        link_document(session, doc_id)
    new_id = session.scalar(
        select(Target.indicator_id).where(Target.record_id.in_(ids))
    ) or session.scalar(select(Observation.indicator_id).where(Observation.record_id.in_(ids)))
    if new_id is None or new_id == indicator_id:
        raise NotFound("the split produced no separate indicator")
    found = session.get(Indicator, new_id)
    assert found is not None
    return found


def set_direction(session: Session, indicator_id: int, direction: str | None) -> Indicator:
    """A planner's direction for an indicator (up|down), or None to go back to the inference."""
    if direction is not None and direction not in DIRECTIONS:
        raise Invalid(f"direction must be up or down, not {direction!r} / 方向须为 up 或 down")
    ind = session.get(Indicator, indicator_id)
    if ind is None:
        raise NotFound(f"indicator {indicator_id} not found / 未找到指标")
    ind.direction_override = direction
    refresh_directions(session, [indicator_id])
    relink_lineage(session, [indicator_id])  # raised/lowered read the direction
    return ind


def set_lead_units(session: Session, indicator_id: int, units: list[str]) -> Indicator:
    """A planner's lead units for an indicator whose documents name none: given to its targets
    that have none (or had the previous choice), and kept for targets linked later."""
    names = list(dict.fromkeys(u.strip() for u in units if u.strip()))
    if len(names) > 5 or any(len(n) > 100 for n in names):
        raise Invalid("at most 5 lead units of up to 100 characters / 最多5个牵头单位")
    ind = session.get(Indicator, indicator_id)
    if ind is None:
        raise NotFound(f"indicator {indicator_id} not found / 未找到指标")
    before = list(ind.lead_units or [])
    targets = target_audit.snapshot(session, indicator_ids=[indicator_id])
    ind.lead_units = names
    for t in ind.targets:
        if not t.lead_units or list(t.lead_units) == before:
            t.lead_units = names
    ensure_units(session, names)
    target_audit.audit_target_changes(session, targets, target_audit.snapshot(session, ids=targets))
    return ind
