"""Matching a mention (a record's metric, unit, basis, region) to an indicator, with a reason.

Linking is deliberately strict: the same normalised name or a lexicon alias, a compatible unit
family, and the same region. Near names (人均地区生产总值 vs 地区生产总值) never link on their
own; `suggest` lists them for a planner to merge by hand.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace

from plancockpit.link.names import (
    alias_entry,
    canonical,
    loose_key,
    measure_key,
    normalise,
    similarity,
)
from plancockpit.link.units import compatible, family, is_point_unit, is_rate_unit


@dataclass(frozen=True)
class Mention:
    """What linking needs of a record."""

    metric: str
    unit: str
    basis: str = "level"
    region: str = ""


@dataclass(frozen=True)
class IndicatorRef:
    """What linking needs of an indicator: its id, keys (own key and merged aliases), unit, region."""

    id: int
    keys: tuple[str, ...]
    unit: str
    region: str = ""


class RefIndex:
    """References by (region, key), in the order added: a mention is compared with the few that
    share its region and key, not with every indicator (linking a province stays linear)."""

    def __init__(self, refs: Iterable[IndicatorRef] = ()) -> None:
        self._by_key: dict[tuple[str, str], list[IndicatorRef]] = {}
        self._by_id: dict[int, IndicatorRef] = {}
        for ref in refs:
            self.add(ref)

    def add(self, ref: IndicatorRef) -> None:
        self._by_id[ref.id] = ref
        for key in ref.keys:
            self._by_key.setdefault((ref.region, key), []).append(ref)

    def rekey(self, old_id: int, new_id: int) -> None:
        """The reference known as `old_id` is `new_id` from now on (in the same places)."""
        old = self._by_id.pop(old_id)
        new = self._by_id[new_id] = replace(old, id=new_id)
        for key in old.keys:
            bucket = self._by_key[(old.region, key)]
            bucket[bucket.index(old)] = new

    def replace(self, ref: IndicatorRef) -> None:
        """Add `ref`, or put it in the place of the reference of the same id (new keys)."""
        old = self._by_id.get(ref.id)
        if old is not None:
            for key in old.keys:
                self._by_key[(old.region, key)].remove(old)
        self.add(ref)

    def set_unit(self, indicator_id: int, unit: str) -> None:
        """An indicator got its unit (from a later mention): it matches with it from now on."""
        old = self._by_id[indicator_id]
        new = self._by_id[indicator_id] = replace(old, unit=unit)
        for key in old.keys:
            bucket = self._by_key[(old.region, key)]
            bucket[bucket.index(old)] = new

    def candidates(self, region: str, key: str) -> list[IndicatorRef]:
        return self._by_key.get((region, key), [])

    def get(self, indicator_id: int) -> IndicatorRef | None:
        return self._by_id.get(indicator_id)


@dataclass(frozen=True)
class Match:
    indicator_id: int
    reason: str
    confidence: float


def units_fit(mention: Mention, indicator_unit: str) -> bool:
    """A growth rate in % or a change in 个百分点 fits any indicator; levels need one family."""
    if mention.basis == "growth" and (is_rate_unit(mention.unit) or not mention.unit):
        return True
    if is_point_unit(mention.unit):
        return family(indicator_unit) == "share" or not indicator_unit
    if not indicator_unit or not mention.unit:
        return True
    return compatible(mention.unit, indicator_unit)


def match(mention: Mention, indicators: Iterable[IndicatorRef] | RefIndex) -> Match | None:
    """The indicator this mention belongs to, or None (then it founds a new one): by its name or
    an alias first, else by what it measures with the action words aside (新建改造公厕 →
    公厕新建改造), always in the same region and unit family."""
    if isinstance(indicators, RefIndex):
        named = indicators.candidates(mention.region, canonical(mention.metric))
        measured = indicators.candidates(mention.region, measure_key(mention.metric))
    else:
        named = measured = list(indicators)
    return _by_name(mention, named) or _by_measure(mention, measured)


def _by_name(mention: Mention, indicators: Iterable[IndicatorRef]) -> Match | None:
    key = canonical(mention.metric)
    plain = normalise(mention.metric)
    entry = alias_entry(mention.metric)
    for ind in indicators:
        if ind.region != mention.region or key not in ind.keys:
            continue
        if not units_fit(mention, ind.unit):
            continue
        if plain in ind.keys and plain == key:
            return Match(ind.id, f"same name {key}", 1.0)
        if entry is not None:
            return Match(ind.id, f"alias: {plain} = {entry.name}", 0.95)
        return Match(ind.id, f"merged name {plain}", 0.9)
    return None


def _by_measure(mention: Mention, indicators: Iterable[IndicatorRef]) -> Match | None:
    measure = measure_key(mention.metric)
    for ind in indicators:
        if ind.region == mention.region and measure in ind.keys and units_fit(mention, ind.unit):
            return Match(ind.id, f"same measure {measure[1:]}, other action words", 0.8)
    return None


Goals = Mapping[int, Collection[float]]  # deadline year → the values targeted for it


def match_result(
    mention: Mention,
    year: int,
    goals: Iterable[tuple[IndicatorRef, Goals]],
    value: float | None = None,
    floor: float = 0.5,
    echo_floor: float = 0.2,
) -> Match | None:
    """A result (an actual of `year`) whose name matches no indicator, matched to the one
    indicator of its region that set a target for that year under a like name: a work report
    reviews last year's targets in other words (水冲式公厕 30座 → 26座水冲式公共厕所). Like means
    one name inside the other (four characters or more) or bigram Dice ≥ `floor` with the action
    words aside; the unit family must fit. A target the result's `value` echoes (178座燃煤小锅炉淘汰
    → 完成178座燃煤锅炉拆改) needs only Dice ≥ `echo_floor` and comes before likeness alone; a
    tie links nothing."""
    scored = []
    for ref, years in goals:
        if year in years and ref.region == mention.region and units_fit(mention, ref.unit):
            like = max(likeness(mention.metric, k) for k in ref.keys if k[:1] != "~")
            echo = value is not None and value in years[year] and like >= echo_floor
            if echo or like >= floor:
                scored.append(((echo, like), ref))
    if not scored:
        return None
    best = max(s for s, _ in scored)
    top = [ref for s, ref in scored if s == best]
    if len(top) > 1:
        return None
    echoed = " and value" if best[0] else ""
    return Match(top[0].id, f"result of the {year} target, like name{echoed} ({best[1]:.2f})", 0.6)


def likeness(a: str, b: str) -> float:
    """1.0 when one name (action and loose words aside, word variants folded) holds the other
    of four characters or more, else their bigram Dice.

    >>> likeness("城市出入口的生态景观建设", "改造提升城市出入口"), likeness("水冲式公共厕所", "水冲式公厕")
    (1.0, 1.0)
    >>> likeness("新建新型垃圾转运站", "现代化的垃圾中转站"), round(likeness("保暖房装修", "绿色保暖房"), 2)
    (1.0, 0.67)
    """
    x, y = loose_key(a), loose_key(b)
    short, long = sorted((x, y), key=len)
    if len(short) >= 4 and short in long:
        return 1.0
    return similarity(x, y)


def suggest(
    name: str, names: Iterable[tuple[int, str]], floor: float = 0.6
) -> list[tuple[int, str, float]]:
    """Indicators with similar names (bigram Dice ≥ floor), best first: candidates to merge."""
    scored = [(i, n, similarity(name, n)) for i, n in names]
    return sorted(
        [s for s in scored if s[2] >= floor and normalise(s[1]) != normalise(name)],
        key=lambda s: -s[2],
    )


class RegionNames:
    """Region names found as a metric's prefix by one set look-up per name length (a handful),
    not a scan of every name: a province holds thousands of regions and every record's metric
    is split (`split_region`)."""

    def __init__(self, names: Iterable[str]) -> None:
        by_length: dict[int, set[str]] = {}
        for name in names:
            if name:
                by_length.setdefault(len(name), set()).add(name)
        self._longest_first = sorted(by_length.items(), reverse=True)

    def split(self, metric: str) -> tuple[str, str]:
        for length, names in self._longest_first:
            if len(metric) > length and metric[:length] in names:
                return metric[:length], metric[length:]
        return "", metric


def split_region(metric: str, region_names: Iterable[str] | RegionNames) -> tuple[str, str]:
    """(region, rest) when the metric starts with a known sub-region's name (瓜沥镇…), else
    ("", metric). Longest name first, so 新塘街道 wins over a shorter prefix.

    >>> split_region("新塘街道地区生产总值", ["新塘", "新塘街道"])
    ('新塘街道', '地区生产总值')
    >>> split_region("瓜沥镇", ["瓜沥镇"])
    ('', '瓜沥镇')
    """
    names = region_names if isinstance(region_names, RegionNames) else RegionNames(region_names)
    return names.split(metric)
