"""The document's title: a short opening line before the first chapter, never a heading.

Lines are the lines of the cleaned text, also split where the layout glued an original line
ending a sentence onto the next (a full-width line ending in 。 before a short headline).
Among the lines before the first chapter heading (a label "发布时间：…", a masthead, a heading,
web-page chrome "下载 / 打印 / 【字号：", a speaker line "…区长 杨国宏", a delivery line
"——2026年2月5日在…会议上" or a sentence is never a title; a news headline stands before the
lede), the one with the most title words (规划, 纲要, 报告, …) and kind cues wins; on a tie the
earlier. A letter-spaced headline ("政 府 工 作 报 告") is read without its spaces, a title
without the approval note joined to it ("…纲要（2021年1月28日…会议批准）"). A news text with
no headline is named by its lede; a text with no title line whose opening says its genre
("我代表…人民政府向大会作工作报告") by that genre.
"""

from __future__ import annotations

import re

from plancockpit.layout.view import Layout
from plancockpit.meta.cues import Cues
from plancockpit.read.chrome import page_chrome

MAX_TITLE = 80
SHORT_TITLE = 30
HEAD_CHARS = 4000  # the title is in the opening of a document
_MARKUP = re.compile(r"^[#\s>*]+")
_SPACE = re.compile(r"\s+")
_SENTENCE_END = "。！？!?"
_LINE_OR_SENTENCE_END = re.compile(f"[\n{_SENTENCE_END}]")
_LETTER_SPACED = re.compile(r"^(?:[\u4e00-\u9fff][ \t\u3000]+){2,}[\u4e00-\u9fff]$")


def print_lines(layout: Layout, limit: int = HEAD_CHARS) -> list[str]:
    """The opening lines of the cleaned text, also split after a sentence end where the layout
    joined two original lines (never inside a sentence: a narrow column gives no fragments)."""
    text, origin, original = layout.text, layout.origin, layout.original
    end = min(len(text), limit)
    out: list[str] = []
    start = 0
    for m in _LINE_OR_SENTENCE_END.finditer(text, 0, end):  # (not a loop over every character)
        i = m.start()
        if text[i] == "\n":
            out.append(text[start:i])
            start = i + 1
        elif i + 1 < end and "\n" in original[origin[i] + 1 : origin[i + 1]]:
            out.append(text[start : i + 1])  # glued: an original line ends here
            start = i + 1
    out.append(text[start:end])
    return out


def _is_sentence(line: str) -> bool:
    if len(line) > MAX_TITLE or line.endswith(("，", ",")) or any(m in line for m in "。；;！？"):
        return True  # a headline has no sentence mark
    return ("，" in line or "," in line) and len(line) > SHORT_TITLE


def title_candidates(lines: list[str], cues: Cues, limit: int = 6, window: int = 12) -> list[str]:
    """Up to `limit` lines among the first `window` non-empty ones (and before the first
    chapter heading or a news lede) that could be a headline."""
    out: list[str] = []
    seen = 0
    chrome = page_chrome()
    for raw in lines:
        line = _MARKUP.sub("", raw).strip()
        if not line or chrome.is_chrome(line):
            continue  # web-page chrome (下载, 打印, 【字号：…) is not part of the document
        seen += 1
        if seen > window or len(out) >= limit:
            break
        if raw.lstrip().startswith("#") and out:
            break  # a second markdown heading: the title was the first
        if cues.lede.match(line) or cues.lede_start.match(line):
            break  # the headline stands before the news lede; what follows is the story
        if cues.chapter_start.match(line):
            if out:
                break
            continue  # a heading is never the title; nothing before it: look further
        if _not_a_title(line, cues):
            continue
        out.append(_unspaced(cues.title_tail_note.sub("", line) or line))
    return out


def _not_a_title(line: str, cues: Cues) -> bool:
    """A heading, a label, a masthead, a speaker or delivery line, or a sentence."""
    patterns = (
        cues.heading_start,
        cues.label_line,
        cues.masthead,
        cues.speaker_line,
        cues.delivery_line,
    )
    return any(p.match(line) for p in patterns) or _is_sentence(line)


def _unspaced(line: str) -> str:
    """ "政 府 工 作 报 告" → "政府工作报告"; other runs of spaces → one space."""
    if _LETTER_SPACED.match(line):
        return _SPACE.sub("", line)
    return _SPACE.sub(" ", line)


def _title_score(line: str, cues: Cues) -> int:
    score = sum(1 for words in cues.kinds.values() for w in words if w in line)
    score += sum(2 for w in cues.title_words if w in line)
    return score - 2 if line.startswith(("——", "--", "—")) else score  # a subtitle line


def infer_title(layout: Layout, cues: Cues) -> tuple[str, str]:
    """(title, evidence): the opening short line with the most title and kind cues."""
    candidates = title_candidates(print_lines(layout), cues)
    if not candidates:
        title, why = _lede_title(layout.text, cues)
        return (title, why) if title else _genre_title(layout.text, cues)
    best = max(candidates, key=lambda line: (_title_score(line, cues), -candidates.index(line)))
    rank = candidates.index(best) + 1
    return best, f"opening line {rank} of the text"


def _genre_title(text: str, cues: Cues) -> tuple[str, str]:
    """A text with no title line whose opening says its genre: that genre's name."""
    head = text[:HEAD_CHARS]
    for genre in cues.untitled:
        m = genre.pattern.search(head)
        if m:
            return genre.title, f"no title line; the opening says what it is: {m.group(0)}"
    return "", ""


def _lede_title(text: str, cues: Cues) -> tuple[str, str]:
    """A news text without a headline: the lede's first sentence, without its time words."""
    m = cues.lede.search(text[:HEAD_CHARS])
    if m is None:
        return "", ""
    rest = cues.lede_time.sub("", m.group("rest").strip()).strip()
    title = _SPACE.sub("", rest)
    return (title, "the news lede's first sentence (no headline)") if title else ("", "")
