"""Word-list look-ups prepared once per list, so a rule checks a whole list in one C-level call.

The rule tables hand out word lists as tuples; `any(w in text for w in words)` over them ran a
Python loop per sentence and per number. `contains_any` asks one compiled alternation of the
same words instead; `longest_first` sorts a list once, not at every look-up. (Checks of ends
and starts need no helper: `str.endswith` and `str.startswith` take the tuple itself.)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable


@functools.cache
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    if not words:
        return re.compile(r"(?!)")  # an empty list contains nothing
    return re.compile("|".join(map(re.escape, words)))


def contains_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether any of `words` occurs in `text` (the same answer as `any(w in text for w in words)`).

    >>> contains_any("全年新增就业", ("新增", "累计")), contains_any("就业", ())
    (True, False)
    """
    return _alternation(words).search(text) is not None


@functools.cache
def _sorted(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def longest_first(words: Iterable[str]) -> tuple[str, ...]:
    """`words` longest first (ties in their given order), sorted once per distinct list.

    >>> longest_first({"超": ">", "超过": ">"})
    ('超过', '超')
    """
    return _sorted(tuple(words))
