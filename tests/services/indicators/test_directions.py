"""Which stored directions settle how a plain `=` target is judged."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select, update

from plancockpit.db.engine import transaction
from plancockpit.db.models import Indicator, Target
from plancockpit.evaluate.direction import TargetCue, infer_direction
from plancockpit.services.indicators.directions import settled_by_meaning, target_cues
from plancockpit.services.ingest.run import ingest_paths


def _indicator(name: str, targets: list[TargetCue], override: str | None = None) -> Indicator:
    found = infer_direction(name, targets, planner=override)
    return Indicator(
        name=name,
        key=name,
        direction=found.direction,
        direction_reason=found.reason,
        direction_override=override,
    )


def test_a_name_or_a_planner_settles_the_direction_a_movement_does_not() -> None:
    fall = [TargetCue(baseline=83.45, value=83.0)]
    assert settled_by_meaning(_indicator("人均预期寿命", fall))
    assert settled_by_meaning(_indicator("某某指数", fall, override="up"))
    assert not settled_by_meaning(_indicator("某某指数", fall))  # movement: "down"
    assert not settled_by_meaning(_indicator("某某指数", []))  # assumed


def test_the_cues_of_an_indicator_come_in_document_order(db_engine: Engine, tmp_path: Path) -> None:
    """The first deciding word is the evidence a direction shows: it must be the one the
    document states first, not whichever row the database returns first."""
    text = (
        "某区人工智能产业发展规划（2026—2028年）\n"
        "到2026年，全区人工智能核心产业营收超过100亿元。\n"
        "到2027年，全区人工智能核心产业营收不低于150亿元。\n"
        "到2028年，全区人工智能核心产业营收超过200亿元。\n"
    )
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    ingest_paths(db_engine, [path])
    with transaction(db_engine) as s:
        targets = list(s.scalars(select(Target).order_by(Target.id)))
        assert len({t.indicator_id for t in targets}) == 1 and len(targets) == 3
        first, last = targets[0], targets[-1]
        # the first stated target renumbered after the others (a relink gives new ids): its row
        # now comes last in the table and in the indicator index, on both databases
        s.execute(update(Target).where(Target.id == first.id).values(id=last.id + 1))
        [cues] = target_cues(s, [first.indicator_id]).values()
    assert [c.comparator for c in cues] == [">", ">=", ">"]
