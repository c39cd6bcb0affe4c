"""The project's closed vocabularies in one place: document kinds, record kinds, bases,
comparators, statuses and their lights, directions (spec/targets.md, spec/progress.md).

Every layer takes its names from here — the extractor's records, the evaluation, the database's
defaults, the web's validation, the templates (a Jinja global) and the browser script (a JSON
block in each page) — so a value cannot be spelled two ways. Pure data: imports nothing of the
package.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

DocumentKind = Literal["plan", "annual_report", "meeting", "interview", "news", "other"]
RecordKind = Literal["target", "actual"]
Basis = Literal["level", "growth", "increase"]
Comparator = Literal["=", ">=", ">", "<=", "<", "~"]
Status = Literal["achieved", "on_track", "at_risk", "off_track", "no_data", "not_yet_due"]
Light = Literal["green", "yellow", "red", "grey"]
Direction = Literal["up", "down"]
# A major project's stage (重大项目), in the order a project goes through them.
ProjectStage = Literal["谋划", "签约", "开工", "在建", "竣工", "投产"]

DOCUMENT_KINDS: tuple[DocumentKind, ...] = get_args(DocumentKind)
RECORD_KINDS: tuple[RecordKind, ...] = get_args(RecordKind)
BASES: tuple[Basis, ...] = get_args(Basis)
COMPARATORS: tuple[Comparator, ...] = get_args(Comparator)
STATUSES: tuple[Status, ...] = get_args(Status)  # best first: the order of every tally
LIGHTS: tuple[Light, ...] = get_args(Light)
DIRECTIONS: tuple[Direction, ...] = get_args(Direction)
PROJECT_STAGES: tuple[ProjectStage, ...] = get_args(ProjectStage)
# Stage names for people, Chinese and English.
PROJECT_STAGE_LABELS: dict[ProjectStage, tuple[str, str]] = {
    "谋划": ("谋划", "planning"),
    "签约": ("签约", "signed"),
    "开工": ("开工", "started"),
    "在建": ("在建", "under construction"),
    "竣工": ("竣工", "completed"),
    "投产": ("投产", "in operation"),
}

LIGHT_OF: dict[Status, Light] = {
    "achieved": "green",
    "on_track": "green",
    "at_risk": "yellow",
    "off_track": "red",
    "no_data": "grey",
    "not_yet_due": "grey",
}
# Status names for people, Chinese and English.
STATUS_LABELS: dict[Status, tuple[str, str]] = {
    "achieved": ("已实现", "achieved"),
    "on_track": ("进度正常", "on track"),
    "at_risk": ("有风险", "at risk"),
    "off_track": ("滞后", "off track"),
    "no_data": ("暂无数据", "no data"),
    "not_yet_due": ("未到期", "not yet due"),
}
# The colour of each status in charts and bars (the lights' colours in cockpit.css).
STATUS_COLOURS: dict[Status, str] = {
    "achieved": "#2e9d5b",
    "on_track": "#7cc68f",
    "at_risk": "#e0a400",
    "off_track": "#d2433c",
    "no_data": "#9aa7b4",
    "not_yet_due": "#c9d1d9",
}


def for_browser() -> dict[str, Any]:
    """What the page script needs: the statuses in order with their colours and names."""
    return {
        "statuses": list(STATUSES),
        "colours": dict(STATUS_COLOURS),
        "labels": {s: {"zh": zh, "en": en} for s, (zh, en) in STATUS_LABELS.items()},
    }
