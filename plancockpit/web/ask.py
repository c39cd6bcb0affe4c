"""Questions with cited answers: `GET /api/ask?q=` (JSON) and the `/ask?q=` page (the overview's
question box posts there)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from plancockpit.ask.answer import ask
from plancockpit.ask.parse import MAX_QUESTION
from plancockpit.ask.vocabulary import vocabulary
from plancockpit.web.deps import Db, cached, internal_reader
from plancockpit.web.schemas import AskAnswer

router = APIRouter(
    dependencies=[Depends(internal_reader)]
)  # answers read every target: not in the public view
Q = Annotated[
    str,
    Query(
        max_length=MAX_QUESTION * 2,
        description="the question, in Chinese or English (2025年地区生产总值目标是多少？)",
    ),
]


def _answer(request: Request, db: Db, q: str) -> dict[str, Any] | None:
    if not q.strip():
        return None
    vocab = cached(request.app.state, "ask_vocabulary", lambda: vocabulary(db))
    return ask(db, q, vocab=vocab).to_json()


@router.get("/api/ask", tags=["read"], response_model=AskAnswer)
def api_ask(request: Request, db: Db, q: Q = "") -> dict[str, Any]:
    """The answer: `found`, `answer_zh`/`answer_en`, the `figures`, the `citations` (document,
    offsets of the sentence in its original text, the quote and a link to the place; or a file and
    row; or the person who entered it), the `items` listed and, when nothing answers, the closest
    matches in `suggestions` (never a figure). `intent` is how the question was read."""
    return _answer(request, db, q) or {
        "question": "",
        "intent": None,
        "found": False,
        "answer_zh": "",
        "answer_en": "",
        "head_zh": "",
        "head_en": "",
        "figures": [],
        "citations": [],
        "items": [],
        "suggestions": [],
    }


@router.get("/ask", include_in_schema=False)
def ask_page(request: Request, db: Db, q: Q = "") -> HTMLResponse:
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, "ask.html", {"q": q, "answer": _answer(request, db, q)}
    )
    return response
