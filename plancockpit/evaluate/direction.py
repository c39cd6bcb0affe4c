"""An indicator's desired direction (which way is better), inferred, never assumed silently.

progress.md point 8: the direction comes from the indicator's meaning (浓度, 能耗, 排放, 失业率 …
want lower), the comparators of its targets (`<=`, `<` want lower), the words before its
targets' numbers (下降, 降至, 控制在 …) and the movement from a baseline to a target, with a
curated override (the lexicon) and a planner's override above all. The cue words are data:
`plancockpit/data/direction_cues.yaml`. Pure: names and facts in, an `Inferred` out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from plancockpit import rulefiles
from plancockpit.rulefiles.schemas import DirectionCues
from plancockpit.vocabulary import DIRECTIONS, Direction

FILE = "direction_cues.yaml"

# How the direction was found, most authoritative first (shown on the indicator page).
Source = Literal["planner", "lexicon", "name", "comparator", "clause", "movement", "assumed"]
SOURCE_WORDS: dict[str, tuple[str, str]] = {
    "planner": ("规划人员设定", "set by a planner"),
    "lexicon": ("指标词库", "indicator lexicon"),
    "name": ("指标名称", "the indicator's name"),
    "comparator": ("目标比较符", "its targets' comparators"),
    "clause": ("目标表述", "the wording of its targets"),
    "movement": ("基期→目标值", "baseline → target"),
    "assumed": ("无依据，暂按越高越好", "no evidence: higher assumed"),
}
# Sources that read the indicator's meaning, not one target's numbers: a plain `=` target is
# judged by the direction they give even when it lies behind its baseline.
MEANING_SOURCES: frozenset[Source] = frozenset({"planner", "lexicon", "name"})
DIRECTION_WORDS: dict[str, tuple[str, str]] = {
    "up": ("越高越好", "higher is better"),
    "down": ("越低越好", "lower is better"),
}


def source_of(reason: str) -> Source | None:
    """What decided a direction, read back from its stored `reason` (`Inferred.reason`).

    >>> source_of(infer_direction("人均预期寿命").reason)
    'name'
    """
    for source, (zh, _) in SOURCE_WORDS.items():
        if reason.startswith(zh):
            return source  # type: ignore[return-value]
    return None


@dataclass(frozen=True)
class Cues:
    name: dict[str, Direction]
    clause: dict[str, Direction]
    comparators: dict[str, Direction]


@dataclass(frozen=True)
class TargetCue:
    """What one target says about the direction."""

    comparator: str = "="
    clause: str = ""  # the words before (and just after) the target's number
    baseline: float | None = None
    value: float | None = None


@dataclass(frozen=True)
class Inferred:
    direction: Direction
    source: Source
    evidence: str = ""  # the word, comparator or numbers that decided

    @property
    def reason(self) -> str:
        """One line, Chinese / English, e.g. 指标名称「浓度」/ the indicator's name "浓度"."""
        zh, en = SOURCE_WORDS[self.source]
        if not self.evidence:
            return f"{zh} / {en}"
        return f'{zh}「{self.evidence}」 / {en} "{self.evidence}"'


def parse_cues(data: Any) -> Cues:
    """Validate the cue file's content (a mapping with `name`, `clause` and `comparators`)."""
    raw = rulefiles.validate(FILE, data, DirectionCues)
    return Cues(dict(raw.name), dict(raw.clause), dict(raw.comparators))


@cache
def cues() -> Cues:
    raw = rulefiles.load(FILE, DirectionCues)
    return Cues(dict(raw.name), dict(raw.clause), dict(raw.comparators))


def _longest(text: str, table: Mapping[str, Direction]) -> tuple[str, Direction] | None:
    found = [w for w in table if w in text]
    if not found:
        return None
    word = max(found, key=lambda w: (len(w), -text.find(w)))
    return word, table[word]


def _vote(votes: Iterable[tuple[str, Direction]]) -> tuple[str, Direction] | None:
    """The majority of the votes with the first deciding word as evidence; None on a tie."""
    cast = list(votes)
    ups = [w for w, d in cast if d == "up"]
    downs = [w for w, d in cast if d == "down"]
    if len(ups) == len(downs):
        return None
    winner: Direction = "up" if len(ups) > len(downs) else "down"
    return (ups if winner == "up" else downs)[0], winner


def infer_direction(
    name: str,
    targets: Iterable[TargetCue] = (),
    *,
    planner: str | None = None,
    lexicon: str | None = None,
    table: Cues | None = None,
) -> Inferred:
    """The desired direction of the indicator `name`, with what decided it.

    >>> infer_direction("PM2.5平均浓度").direction
    'down'
    >>> infer_direction("城镇调查失业率", [TargetCue("<=")]).reason
    '指标名称「失业率」 / the indicator\\'s name "失业率"'
    >>> infer_direction("政府债务规模", [TargetCue("<=")]).source
    'comparator'
    >>> infer_direction("某某指数").source
    'assumed'
    """
    table = table or cues()
    if planner in DIRECTIONS:
        return Inferred(planner, "planner")
    if lexicon in DIRECTIONS:
        return Inferred(lexicon, "lexicon", name)
    hit = _longest(name, table.name)
    if hit:
        return Inferred(hit[1], "name", hit[0])
    targets = list(targets)
    voted = _vote(
        (t.comparator, table.comparators[t.comparator])
        for t in targets
        if t.comparator in table.comparators
    )
    if voted:
        return Inferred(voted[1], "comparator", voted[0])
    voted = _vote(hit for t in targets if (hit := _longest(t.clause, table.clause)))
    if voted:
        return Inferred(voted[1], "clause", voted[0])
    moves = [
        (f"{t.baseline:g}→{t.value:g}", "up" if t.value > t.baseline else "down")
        for t in targets
        if t.baseline is not None and t.value is not None and t.value != t.baseline
    ]
    voted = _vote(moves)  # type: ignore[arg-type]
    if voted:
        return Inferred(voted[1], "movement", voted[0])
    return Inferred("up", "assumed")
