"""Targets and codes in words, Chinese and English, the way plans write them.

One place for what the CLI, the pages, the exports and the templates show instead of codes:
`target_text` (地区生产总值 "1200亿元以上", "年均增长7%左右", "累计提高5.5个百分点"), and labels for
bases, comparators, statuses and revisions. A percentage-point target (a plan table's [5.5], 提高
0.6个百分点) is an `increase` of a share in %: `is_points` says so, and it never reads "5.5%".
"""

from __future__ import annotations

from plancockpit.evaluate.assessment import LABELS as STATUS_LABELS

POINT_UNITS = ("%", "％", "个百分点", "百分点")

# comparator → (Chinese pattern, English pattern); {v} is the value (or range)
COMPARATOR_WORDS: dict[str, tuple[str, str]] = {
    ">=": ("{v}以上", "≥ {v}"),
    ">": ("超过{v}", "> {v}"),
    "<=": ("{v}以内", "≤ {v}"),
    "<": ("低于{v}", "< {v}"),
    "~": ("{v}左右", "≈ {v}"),
    "=": ("{v}", "{v}"),
}
BASIS_LABELS: dict[str, tuple[str, str]] = {
    "level": ("水平值", "level"),
    "growth": ("增速", "growth rate"),
    "increase": ("新增量", "addition"),
}
REVISION_LABELS: dict[str, tuple[str, str]] = {
    "new": ("新设", "new"),
    "raised": ("调高", "raised"),
    "kept": ("保持", "kept"),
    "lowered": ("调低", "lowered"),
    "deadline_moved": ("年份调整", "deadline moved"),
    "attribute_changed": ("属性调整", "attribute changed"),
}


def label(table: dict[str, tuple[str, str]], code: str | None) -> str:
    """ "中文 / English" for a code of `table`; the code itself when unknown, "" for None."""
    if not code:
        return ""
    zh, en = table.get(code, (code, code))
    return zh if zh == en else f"{zh} / {en}"


def status_label(status: str) -> str:
    return label(STATUS_LABELS, status)  # type: ignore[arg-type]


def is_points(basis: str, unit: str, indicator_unit: str) -> bool:
    """An addition to a share in % (累计提高5.5个百分点), measured in percentage points."""
    return basis == "increase" and unit in POINT_UNITS and indicator_unit in ("%", "％")


def _num(value: float) -> str:
    text = f"{value:.6g}"
    return text if "e" not in text else f"{value:f}".rstrip("0").rstrip(".")


def target_text(
    comparator: str,
    value: float,
    value_max: float | None,
    unit: str,
    basis: str,
    *,
    points: bool = False,
    years: int = 1,
    decline: bool = False,
) -> tuple[str, str]:
    """A target as a plan writes it, (Chinese, English). `years` is the target's span (a period
    target says 年均/累计), `decline` a growth target of an indicator that should fall (下降).

    >>> target_text("~", 7, None, "%", "growth", years=5)
    ('年均增长7%左右', 'average growth ≈ 7% a year')
    >>> target_text("=", 5.5, None, "%", "increase", points=True, years=5)
    ('累计提高5.5个百分点', '+5.5 percentage points in total')
    >>> target_text(">=", 1200, None, "亿元", "level")
    ('1200亿元以上', '≥ 1200 亿元')
    """
    v = _num(value) + (f"–{_num(value_max)}" if value_max is not None else "")
    zh_pattern, en_pattern = COMPARATOR_WORDS.get(comparator, ("{v}", "{v}"))
    period = years > 1
    if points:
        up = value >= 0
        amount = _num(abs(value)) + (f"–{_num(abs(value_max))}" if value_max is not None else "")
        zh = (
            ("累计" if period else "")
            + ("提高" if up else "下降")
            + zh_pattern.format(v=amount + "个百分点")
        )
        en = (
            ("+" if up else "−")
            + en_pattern.format(v=amount).lstrip("= ")
            + " percentage points"
            + (" in total" if period else "")
        )
        return zh, en
    if basis == "growth":
        verb = "下降" if decline else "增长"
        zh = ("年均" if period else "") + verb + zh_pattern.format(v=v + "%")
        en = (
            ("average " if period else "")
            + ("decline " if decline else "growth ")
            + en_pattern.format(v=v + "%")
            + (" a year" if period else "")
        )
        return zh, en
    if basis == "increase":
        zh = ("累计新增" if period else "新增") + zh_pattern.format(v=v + unit)
        en = "+" + en_pattern.format(v=f"{v} {unit}".strip()) + (" in total" if period else "")
        return zh, en
    return zh_pattern.format(v=v + unit), en_pattern.format(v=f"{v} {unit}".strip())
