"""Headlines printed twice over themselves (a PDF's bold effect): "高水平建设高水平建设““" → one.

A line is doubled when it splits entirely into consecutive pieces each written twice
(`AA BB CC`). The test is a small dynamic programme over the line, run only on short lines
whose every character occurs an even number of times, so normal text costs one Counter.
"""

from __future__ import annotations

import re
from collections import Counter

MAX_LEN = 160
# A headline doubled by print has no column separators inside; table rows do.
_SEPARATOR = re.compile(r"[|\t]| {2}|\d \D|\D \d")
MIN_LEN = 6


def doubled_pieces(line: str) -> list[tuple[int, int]] | None:
    """The spans to keep (first copy of each doubled piece), or None if the line is not doubled.

    >>> doubled_pieces("高水平建设高水平建设““亚运国际城亚运国际城··")
    [(0, 5), (10, 11), (12, 17), (22, 23)]
    >>> doubled_pieces("高水平建设亚运国际城") is None
    True
    >>> doubled_pieces("2020 年 | 年均增长 | 2020 年 | 年均增长 | ||||") is None
    True
    """
    n = len(line)
    if n < MIN_LEN or n > MAX_LEN or n % 2:
        return None
    if line.find(line[0], 1, n // 2 + 1) < 0 or line.rfind(line[-1], n // 2 - 1, n - 1) < 0:
        return None  # the first and last pieces need their first and last characters again
    if any(count % 2 for count in Counter(line).values()):
        return None
    if _SEPARATOR.search(line):
        return None  # a repeated table header ("2020 年 | 年均增长 | 2020 年 | 年均增长"), not a headline
    step = [0] * (n + 1)  # step[i] = length k of the doubled piece starting at i (0: none)
    ok = [False] * (n + 1)
    ok[n] = True
    for i in range(n - 2, -1, -1):
        for k in range(1, (n - i) // 2 + 1):
            if ok[i + 2 * k] and line[i : i + k] == line[i + k : i + 2 * k]:
                ok[i] = True
                step[i] = k
                break
    if not ok[0]:
        return None
    keep: list[tuple[int, int]] = []
    i = 0
    longest = 0
    while i < n:
        k = step[i]
        keep.append((i, i + k))
        longest = max(longest, k)
        i += 2 * k
    return keep if longest >= 2 else None
