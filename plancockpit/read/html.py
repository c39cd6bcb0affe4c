"""HTML pages: the article's text with its block structure as lines; page chrome dropped.

Elements such as nav, header, footer, script and style are dropped whole; what is left is
written one block (p, div, h1-h6, li, tr, …) per line, table cells separated by " | ", and a
line made only of chrome words (字号 大 中 小, 分享到, 打印本页, 关闭窗口, the top bar's date …) is
dropped, so is an element whose class names it chrome (breadcrumb, share, related), and a
相关链接 line ends the text.
The cue lists are data: `data/read_html_chrome.yaml`, read by `read/chrome.py` (shared with meta).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from plancockpit.read.chrome import PageChrome, page_chrome
from plancockpit.read.errors import ReadError
from plancockpit.read.source import HeadingHint, SourceDocument

BLOCKS = frozenset(
    "p div section article main h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table thead tbody tfoot tr "
    "blockquote pre center caption figure figcaption address hr title".split()
)
_HEADING = re.compile(r"^h([1-6])$")
_SPACES = re.compile(r"[ \t\r\n\u3000\xa0]+")


class _Lines:
    def __init__(self) -> None:
        self.lines: list[tuple[str, int | None]] = []
        self.buf: list[str] = []

    def text(self, s: str) -> None:
        self.buf.append(s)

    def flush(self, level: int | None = None) -> None:
        line = _SPACES.sub(" ", "".join(self.buf)).strip()
        self.buf = []
        if line:
            self.lines.append((line, level))


@dataclass(frozen=True)
class _After:
    """What to do once an element's children are read (a bs4 Tag is itself callable, so an
    action among the nodes needs a type of its own)."""

    action: Callable[[], None]


def _walk(root: Any, out: _Lines, drop: PageChrome) -> None:
    """The text of `root`'s descendants in document order, with line breaks at blocks, headings
    and <br> and " | " after table cells. Iterative: a page nested thousands of levels deep is
    read like any other (no recursion limit)."""
    from bs4 import Comment, Tag
    from bs4.element import NavigableString

    # Each entry is a node to read, or an action to run once the children before it are read.
    pending: list[Any] = list(reversed(list(root.children)))
    while pending:
        child = pending.pop()
        if isinstance(child, _After):
            child.action()
            continue
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            out.text(str(child))
            continue
        if not isinstance(child, Tag) or drop.dropped(child):
            continue
        name = child.name.lower()
        if name == "br":
            out.flush()
            continue
        after: Callable[[], None] | None = None
        if name in ("td", "th"):
            after = partial(out.text, " | ")
        elif (m := _HEADING.match(name)) is not None:
            out.flush()
            after = partial(out.flush, int(m.group(1)))
        elif name in BLOCKS:
            out.flush()
            after = out.flush
        if after is not None:
            pending.append(_After(after))
        pending.extend(reversed(list(child.children)))


def read_html(name: str, data: bytes) -> SourceDocument:
    """An .html page as a SourceDocument."""
    from bs4 import BeautifulSoup

    chrome = page_chrome()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError("not an HTML file (binary content) / 不是 HTML 文件")
    try:
        soup = BeautifulSoup(data, "lxml")
    except Exception as exc:
        raise ReadError(f"unreadable HTML ({type(exc).__name__}) / 无法解析 HTML") from exc
    root = soup.body or soup
    out = _Lines()
    _walk(root, out, chrome)
    out.flush()
    lines: list[str] = []
    headings: list[HeadingHint] = []
    pos = 0
    for line, level in out.lines:
        if chrome.is_tail_title(line):
            break  # the related-links lists after the article
        if chrome.is_chrome(line):
            continue
        if level is not None:
            headings.append(HeadingHint(pos, pos + len(line), level))
        lines.append(line)
        pos += len(line) + 1
    text = "\n".join(lines)
    if not text.strip():
        raise ReadError("no text in HTML page / 网页中没有正文")
    encoding = getattr(soup, "original_encoding", None)
    return SourceDocument(
        name=name, text=text, format="html", encoding=encoding, headings=tuple(headings)
    )
