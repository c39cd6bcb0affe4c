"""The honest "not found": no figure, the reason, and the closest matches."""

from __future__ import annotations

from sqlalchemy import select

from plancockpit.ask.context import Context
from plancockpit.ask.model import Answer, Item, Suggestion
from plancockpit.ask.rules import say
from plancockpit.db.models import Indicator
from plancockpit.link.match import suggest
from plancockpit.services.opendata import search


def not_found(
    ctx: Context, why: tuple[str, str], others: list[Item] | None = None, topic: str = ""
) -> Answer:
    """No figure: the reason, and the closest matches — the indicator's other targets, indicators
    of a like name, and places in the documents that use the question's words."""
    suggestions: list[Suggestion] = []
    for item in (others or [])[:5]:
        suggestions.append(Suggestion(item.name, item.url, item.text_zh))
    words = topic or ctx.intent.indicator_text or ctx.intent.topic
    if words and not others:
        names = ctx.session.execute(
            select(Indicator.id, Indicator.name).where(Indicator.merged_into_id.is_(None))
        ).all()
        for ind_id, name, _score in suggest(words, names, floor=0.34)[:5]:
            suggestions.append(Suggestion(name, f"/indicators/{ind_id}"))
        for hit in search.search(ctx.session, search.Query(words, "", 5, 0))["items"]:
            suggestions.append(Suggestion(hit["name"], hit["url"], hit["text"][:120]))
    zh, en = why
    if suggestions:
        c_zh, c_en = say("closest")
        zh, en = (
            f"{zh}{c_zh}" + "；".join(s.name for s in suggestions),
            f"{en} {c_en} " + "; ".join(s.name for s in suggestions),
        )
    return Answer(
        intent=ctx.intent, found=False, text_zh=zh, text_en=en, suggestions=tuple(suggestions)
    )
