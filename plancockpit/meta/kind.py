"""The document's kind: a title naming its genre decides; else cue words weighted by where they occur."""

from __future__ import annotations

from plancockpit.meta.cues import Cues


def infer_kind(title: str, text: str, cues: Cues) -> tuple[str, str]:
    """(kind, evidence): the first title rule that matches ("2025年工作计划" is an annual
    plan, "第十五个五年规划纲要" a plan, whatever the body cites); else the kind whose cue words
    score highest; "other" without any cue."""
    for rule in cues.title_kinds:
        m = rule.pattern.search(title)
        if m:
            why = f" ({rule.why})" if rule.why else ""
            return rule.kind, f"title names the genre: {m.group(0)}{why}"
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
