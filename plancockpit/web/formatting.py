"""Numbers as a planner writes them: 7.5 not 7.50, 1828.47 kept, no float noise."""

from __future__ import annotations

import math


def fmt_num(value: object) -> str:
    """A figure for a page cell: integers without decimals, others with at most six significant
    digits (two decimals from 100 000 up) and no trailing zeros; None is a dash."""
    if value is None:
        return "–"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if math.isnan(value) or math.isinf(value):
        return "–"
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.2f}" if abs(value) >= 1e5 else f"{value:.6g}"
    if "e" in text:
        text = f"{value:.6f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
