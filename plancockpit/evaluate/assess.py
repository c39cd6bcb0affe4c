"""`assess`: a target's status on a date (spec: progress.md, steps 1–4 and 6–7).

Each basis has its own measure (level, increase, growth) returning the numbers; `assess` then
applies the gate, the colours, the binding rule, the anticipated-value check and the words.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from plancockpit.evaluate.assessment import LIGHT_OF, Assessment, Status
from plancockpit.evaluate.inputs import Obs, TargetSpec, date_time
from plancockpit.evaluate.measures import measure_growth, measure_increase, measure_level
from plancockpit.evaluate.notes import Note, note
from plancockpit.evaluate.paths import EPS, meets
from plancockpit.evaluate.settings import DEFAULT, Thresholds

WORDS: dict[str, tuple[str, str]] = {
    "early": ("提前实现", "achieved early"),
    "achieved": ("已实现", "achieved"),
    "faster": ("快于预期", "faster than expected"),
    "on_track": ("基本符合预期", "broadly as expected"),
    "behind": ("滞后于预期", "behind expectations"),
    "missed": ("未实现", "missed"),
    "no_data": ("暂无数据", "no data"),
    "not_yet_due": ("未到期", "not yet due"),
}


def assess(
    spec: TargetSpec, observations: Sequence[Obs], on: date | float, settings: Thresholds = DEFAULT
) -> Assessment:
    """Assess `spec` against the observations known on `on` (a date or a time on the year axis).

    Observations must be in the target's unit (levels or additions) or in % (growth rates).
    """
    on_t = date_time(on) if isinstance(on, date) else float(on)
    known = [o for o in observations if o.time <= on_t + EPS]
    base: dict[str, Any] = {
        "on": on_t,
        "basis": spec.basis,
        "comparator": spec.comparator,
        "target": spec.value,
        "target_max": spec.value_max,
        "deadline": spec.deadline_year,
        "baseline": spec.baseline_value,
        "baseline_time": spec.start,
        "binding": spec.binding,
        "aspiration": spec.aspiration,
        "stretch": spec.stretch,
    }
    if on_t < spec.start - EPS and not [o for o in known if o.time > spec.start + EPS]:
        return _finish(
            base, "not_yet_due", [note("period_starts_after", on=f"{on_t:.2f}")], settings
        )
    measure = {"level": measure_level, "increase": measure_increase, "growth": measure_growth}
    found = measure[spec.basis](spec, known, settings)
    notes: list[Note] = list(found.pop("notes", []))
    base.update(found)
    if base.get("latest_time") is None:
        notes.insert(0, note("no_observation"))
        return _finish(base, "no_data", notes, settings)
    status = _status(spec, base, notes, settings)
    base["stale"] = on_t - base["latest_time"] > (
        settings.reporting_cycle_years + settings.publication_lag_years + EPS
    )
    if base["stale"]:
        notes.append(note("stale"))
    if spec.stretch is not None and base.get("actual") is not None and spec.basis == "level":
        base["stretch_met"] = meets(
            base["actual"], spec.comparator, spec.stretch, None, spec.direction, settings.tolerance
        )
    return _finish(base, status, notes, settings)


def _status(
    spec: TargetSpec, base: dict[str, Any], notes: list[Note], settings: Thresholds
) -> Status:
    """Achieved first, then the colour by p, then the binding rule and the G check."""
    if base.pop("met", False):
        if base.pop("within_from_start", False) and base["latest_time"] < spec.deadline_year - EPS:
            notes.append(note("within_from_start"))
            return "on_track"
        base["early"] = base["latest_time"] < spec.deadline_year - EPS
        return "achieved"
    base.pop("within_from_start", None)
    if base["latest_time"] >= spec.deadline_year - EPS:
        base["missed"] = True
        notes.append(note("deadline_missed"))
        return "off_track"
    if base["on"] > spec.deadline_year + settings.publication_lag_years:
        notes.append(note("deadline_passed_no_data"))
    p = base.get("progress")
    if p is None:
        notes.append(note("no_baseline"))
        return "no_data"
    base["deteriorating"] = p < 0
    status: Status = (
        "on_track" if p >= settings.green else "at_risk" if p >= settings.yellow else "off_track"
    )
    gap = base.get("gap")
    if status == "on_track" and gap is not None and gap > EPS:
        notes.append(note("trend_misses", gap=f"{gap:.2f}"))
        status = "at_risk"
    if spec.binding and status != "on_track":
        notes.append(note("binding_not_green"))
        status = "off_track"
    return status


def _finish(
    base: dict[str, Any], status: Status, notes: list[Note], settings: Thresholds
) -> Assessment:
    p = base.get("progress")
    if status == "achieved":
        key = "early" if base.get("early") else "achieved"
        score: int | None = settings.score("achieved")
    elif status == "on_track":
        faster = p is not None and p >= settings.faster
        key = "faster" if faster else "on_track"
        score = settings.score("faster" if faster else "on_track")
    elif status in ("at_risk", "off_track"):
        key = "missed" if base.get("missed") else "behind"
        mark = "deteriorating" if base.get("deteriorating") else status
        score = settings.score(mark)
    else:
        key, score = status, None
    zh, en = WORDS[key]
    return Assessment(
        status=status,
        light=LIGHT_OF[status],
        notes=tuple(n.text("en") for n in notes),
        notes_zh=tuple(n.text("zh") for n in notes),
        words=zh,
        words_en=en,
        score=score,
        **base,
    )
