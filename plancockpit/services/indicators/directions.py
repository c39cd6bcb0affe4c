"""Indicators' desired directions: inferred after every linking run, or set by a planner.

`refresh_directions` stores each indicator's direction and what decided it (see
`plancockpit.evaluate.direction`): a planner's override, the lexicon, the name, its targets'
comparators, the words before their numbers, their baseline → target movement, else "up
(assumed)", said so. `indicator_edits.set_direction` records (or clears) a planner's override.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from plancockpit.db.bulk import write_values
from plancockpit.db.models import Document, Indicator, Observation, Record, Target
from plancockpit.evaluate.direction import (
    DIRECTION_WORDS,
    MEANING_SOURCES,
    Inferred,
    TargetCue,
    infer_direction,
    source_of,
)
from plancockpit.link.names import alias_entry

CLAUSE_END = "，,；;。：:\n"
AFTER = 4  # characters after a number that still belong to its clause (28以下, 5%以内)
LOOKBACK = 400  # at most this many characters of a sentence before a number


def _clause(text: str, offset: int, number_end: int) -> str:
    """The clause around a number: back to the last ，；。 before it, and a few characters after
    it (`text` starts at the sentence; `offset` is where the number starts in it)."""
    before = text[:offset]
    cut = max(before.rfind(c) for c in CLAUSE_END)
    after = text[number_end : number_end + AFTER]
    for c in CLAUSE_END:
        after = after.split(c)[0]
    return before[cut + 1 :] + after


def target_cues(session: Session, indicator_ids: Collection[int]) -> dict[int, list[TargetCue]]:
    """Each indicator's targets as direction cues (comparator, clause, baseline and value), in
    document order."""
    ids = list(indicator_ids)
    start = (
        func.max(Record.sentence_start, Record.start - LOOKBACK)
        if session.get_bind().dialect.name == "sqlite"
        else func.greatest(Record.sentence_start, Record.start - LOOKBACK)
    )
    rows = session.execute(
        select(
            Target.indicator_id,
            Target.region_id,
            Target.comparator,
            Target.basis,
            Target.value,
            Target.value_max,
            Target.baseline_value,
            Target.baseline_year,
            Record.start,
            Record.end,
            start.label("from_"),
            func.substr(Document.text, start + 1, Record.end - start + AFTER).label("text"),
        )
        .join(Record, Target.record_id == Record.id, isouter=True)
        .join(Document, Record.document_id == Document.id, isouter=True)
        .where(Target.indicator_id.in_(ids))
        # in the order the documents state them: the first deciding word is the evidence shown,
        # and a database's row order (PostgreSQL's moves with updates) must not choose it
        .order_by(Record.document_id, Record.start, Target.deadline_year, Target.id)
    ).all()
    levels = {
        (o.indicator_id, o.region_id, o.year): o.value
        for o in session.execute(
            select(
                Observation.indicator_id, Observation.region_id, Observation.year, Observation.value
            ).where(
                Observation.indicator_id.in_(ids),
                Observation.basis == "level",
                Observation.month.is_(None),
                Observation.start_year.is_(None),
            )
        )
    }
    out: dict[int, list[TargetCue]] = {i: [] for i in ids}
    for r in rows:
        clause = (
            _clause(r.text or "", r.start - r.from_, r.end - r.from_)
            if r.text is not None and r.start is not None
            else ""
        )
        moves = r.basis == "level" and r.value_max is None  # a range says no direction
        baseline = r.baseline_value
        if baseline is None and moves:
            baseline = levels.get((r.indicator_id, r.region_id, r.baseline_year))
        out[r.indicator_id].append(
            TargetCue(r.comparator, clause, baseline if moves else None, r.value if moves else None)
        )
    return out


def infer_for(ind: Indicator, cues: list[TargetCue]) -> Inferred:
    entry = alias_entry(ind.name)
    return infer_direction(
        ind.name, cues, planner=ind.direction_override, lexicon=entry.direction if entry else None
    )


def refresh_directions(session: Session, indicator_ids: Collection[int] | None = None) -> None:
    """Infer and store the direction of these indicators (all when None)."""
    stmt = select(Indicator)
    if indicator_ids is not None:
        stmt = stmt.where(Indicator.id.in_(list(indicator_ids)))
    inds = list(session.scalars(stmt))
    if not inds:
        return
    cues = target_cues(session, [i.id for i in inds])
    changes = []
    for ind in inds:
        found = infer_for(ind, cues.get(ind.id, []))
        changes.append(
            (ind, {"direction": found.direction, "direction_reason": found.reason[:200]})
        )
    write_values(session, changes)  # not audited: one UPDATE, not the unit of work
    session.flush()


def direction_view(ind: Indicator) -> dict[str, Any]:
    """The direction as the indicator page and the API show it."""
    zh, en = DIRECTION_WORDS.get(ind.direction, ("", ""))
    said_zh, _, said_en = ind.direction_reason.partition(" / ")  # stored as "中文 / English"
    return {
        "direction": ind.direction,
        "label": f"{zh} / {en}",
        "reason": ind.direction_reason,
        "override": ind.direction_override,
        "reason_zh": said_zh,
        "reason_en": said_en or said_zh,
        "assumed": source_of(ind.direction_reason) == "assumed",
    }


def settled_by_meaning(ind: Indicator) -> bool:
    """Whether the indicator's direction comes from its meaning (planner, lexicon, name)."""
    return ind.direction_override is not None or source_of(ind.direction_reason) in MEANING_SOURCES
