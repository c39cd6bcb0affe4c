"""The document's title and kind, from cue words weighted by where they occur."""

from __future__ import annotations

import re

from plancockpit.meta.cues import Cues

MAX_TITLE = 80
SHORT_TITLE = 30
_MARKUP = re.compile(r"^[#\s>*]+")
_SPACE = re.compile(r"\s+")


def title_candidates(text: str, limit: int = 6, window: int = 12) -> list[str]:
    """Among the first `window` non-empty lines, up to `limit` that could be a headline."""
    out: list[str] = []
    seen = 0
    for raw in text.splitlines():
        line = _MARKUP.sub("", raw).strip()
        if not line:
            continue
        seen += 1
        if seen > window or len(out) >= limit:
            break
        if len(line) > MAX_TITLE or line.endswith(("。", "；", "，", ",")):
            continue
        if ("，" in line or "," in line) and len(line) > SHORT_TITLE:
            continue  # a sentence cut at a line end, not a headline
        out.append(_SPACE.sub(" ", line))
    return out


def _title_score(line: str, cues: Cues) -> int:
    score = sum(1 for words in cues.kinds.values() for w in words if w in line)
    return score - 2 if line.startswith(("——", "--", "—")) else score  # a subtitle line


def infer_title(text: str, cues: Cues) -> tuple[str, str]:
    """(title, evidence): the opening short line with the most kind cues, else the first one."""
    candidates = title_candidates(text)
    if not candidates:
        return "", ""
    best = max(candidates, key=lambda line: (_title_score(line, cues), -candidates.index(line)))
    rank = candidates.index(best) + 1
    return best, f"opening line {rank} of the text"


def infer_kind(title: str, text: str, cues: Cues) -> tuple[str, str]:
    """(kind, evidence): the kind whose cue words score highest; "other" without any cue."""
    head = text[: cues.head_chars]
    scores: dict[str, int] = {}
    hits: dict[str, list[str]] = {}
    for kind, words in cues.kinds.items():
        score = 0
        for word in words:
            n = text.count(word)
            if not n:
                continue
            score += min(n, cues.body_cap)
            score += cues.head_weight if word in head else 0
            score += cues.title_weight if word in title else 0
            hits.setdefault(kind, []).append(word)
        scores[kind] = score
    kind = max(cues.kinds, key=lambda k: scores[k])  # dict order breaks ties
    if scores[kind] == 0:
        return "other", "no cue word found"
    return kind, "cue words: " + "、".join(hits[kind][:5])
