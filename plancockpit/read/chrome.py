"""Web-page chrome: the lines a government web page wraps its article in (字号 大 中 小, 下载, 打印,
全屏, 收藏, 分享到, 当前位置, 相关报道 …), one home for the HTML reader, which drops them, and for
the metadata stage, which never takes them for a title (plain text saved from a web page keeps them).

The cue lists are data: `data/read_html_chrome.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from plancockpit import rulefiles
from plancockpit.rulefiles.schemas import HtmlChrome

_TAIL_END = ":： \t\u3000"


@dataclass(frozen=True)
class PageChrome:
    """The chrome cues, loaded once from `data/read_html_chrome.yaml`."""

    drop_tags: frozenset[str]
    line: re.Pattern[str]
    starts: tuple[str, ...]
    tail_titles: frozenset[str]
    drop_classes: tuple[str, ...]

    def dropped(self, tag: Any) -> bool:
        """An HTML element dropped whole: a chrome tag, or a class or id naming chrome."""
        if tag.name.lower() in self.drop_tags:
            return True
        marks = " ".join([*(tag.get("class") or []), str(tag.get("id") or "")]).lower()
        return bool(marks.strip()) and any(c in marks for c in self.drop_classes)

    def is_tail_title(self, line: str) -> bool:
        """A line opening the page's trailing link lists (相关链接, 相关报道：)."""
        return line.strip().rstrip(_TAIL_END) in self.tail_titles

    def is_chrome(self, line: str) -> bool:
        """A line made only of chrome words ("【字号：", "加大", "分享到：微信"), starting with a
        chrome start ("当前位置：…") or opening the trailing link lists."""
        text = line.strip()
        if not text:
            return False
        return (
            bool(self.line.match(text)) or text.startswith(self.starts) or self.is_tail_title(text)
        )


@lru_cache(maxsize=1)
def page_chrome() -> PageChrome:
    """The chrome cues shipped with the package (read once, validated by the loader)."""
    raw = rulefiles.load("read_html_chrome.yaml", HtmlChrome)
    words = sorted(raw.chrome_words, key=len, reverse=True)
    pieces = [*raw.chrome_patterns, *map(re.escape, words)]
    pattern = re.compile("^(?:" + "|".join(pieces) + r"|\s)+$")
    return PageChrome(
        frozenset(raw.drop_tags),
        pattern,
        tuple(raw.chrome_starts),
        frozenset(raw.tail_titles),
        tuple(c.lower() for c in raw.drop_classes),
    )
