"""Unit families and conversion: 元/万元/亿元, 人/万人, % and 个百分点 (data: unit_families.yaml).

>>> family("亿元"), factor("亿元", "万元")
('money_cny', 10000.0)
>>> convert(2.5, "万人", "人")
25000.0
>>> compatible("万", "万人"), compatible("亿元", "亿美元")
(True, False)
"""

from __future__ import annotations

import unicodedata

from plancockpit.link.lexicon import unit_families


def fold(unit: str) -> str:
    """The unit as compared: width folded, spaces removed, ％ → %."""
    return unicodedata.normalize("NFKC", unit).replace(" ", "").replace("百分之", "%")


def family(unit: str) -> str:
    """The family of a unit; a bare scale (万) has family "scale"; an unknown unit its own name;
    no unit at all the family "" (a pure number such as a 倍差 or an index)."""
    u = fold(unit)
    if not u:
        return ""
    lex = unit_families()
    for name, units in lex.families.items():
        if u in units:
            return name
    if u in lex.scales:
        return "scale"
    return f"unit:{u}"


def compatible(a: str, b: str) -> bool:
    """Whether two units can measure the same indicator (a bare scale joins any counted family)."""
    fa, fb = family(a), family(b)
    if fa == fb:
        return True
    countable = {"", "share"}
    return ("scale" in (fa, fb)) and not ({fa, fb} & countable)


def _to_base(unit: str) -> float:
    u = fold(unit)
    lex = unit_families()
    for units in lex.families.values():
        if u in units:
            return units[u]
    return lex.scales.get(u, 1.0)


def factor(src: str, dst: str) -> float:
    """The factor taking a value in `src` to `dst` (1 when either is unknown or they match)."""
    if not compatible(src, dst):
        raise ValueError(f"units {src!r} and {dst!r} are not of one family")
    fs, fd = family(src), family(dst)
    if "scale" in (fs, fd) and fs != fd:
        # 万 beside 万人: the scale against the counted unit's scale.
        return _to_base(src) / _to_base(dst)
    return _to_base(src) / _to_base(dst)


def convert(value: float, src: str, dst: str) -> float:
    """`value` in `src` expressed in `dst`."""
    return value * factor(src, dst)


def is_rate_unit(unit: str) -> bool:
    return fold(unit) in unit_families().rate_units


def is_point_unit(unit: str) -> bool:
    return fold(unit) in unit_families().point_units


def additive(name: str, unit: str) -> bool:
    """Whether sub-regions' values of an indicator add up to the whole: a counted unit (亿元, 万人,
    个…; not a share, an index or a bare number) and a name that is not per capita, a rate, a
    density… (`non_additive_words`).

    >>> additive("城镇新增就业", "万人"), additive("人均地区生产总值", "万元"), additive("城镇化率", "%")
    (True, False, False)
    """
    lex = unit_families()
    fam = family(unit)
    if fam in ("", "scale") or fam in lex.non_additive or fam.startswith("unit:"):
        return fam == "scale" and not any(w in name for w in lex.non_additive_words)
    return not any(w in name for w in lex.non_additive_words)
