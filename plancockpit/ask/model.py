"""An answer: its sentences in Chinese and English, the figures, and where each figure is written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from plancockpit.ask.parse import Intent


@dataclass(frozen=True)
class Citation:
    """Where a figure comes from: a sentence of a document (offsets into its original text), a row
    of an imported file, or the person who entered it."""

    url: str = ""
    document_id: int | None = None
    doc: str = ""  # the document's file name
    title: str = ""
    start: int | None = None  # the sentence's offsets in the document's original text
    end: int | None = None
    quote: str = ""
    file: str | None = None
    row: int | None = None
    person: str | None = None

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Figure:
    """A number the answer gives: a target's value or an actual value, in its unit."""

    value: float
    unit: str = ""
    year: int | None = None
    kind: str = "target"  # target | actual
    basis: str = "level"
    value_max: float | None = None

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Item:
    """One line of an answer (a target, an actual value, a commitment) with its figures and sources."""

    name: str
    text_zh: str
    text_en: str
    url: str = ""
    status: str | None = None
    figures: tuple[Figure, ...] = ()
    citations: tuple[Citation, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "text_zh": self.text_zh,
            "text_en": self.text_en,
            "url": self.url,
            "status": self.status,
            "figures": [f.to_json() for f in self.figures],
            "citations": [c.to_json() for c in self.citations],
        }


@dataclass(frozen=True)
class Suggestion:
    """A closest match offered when nothing answers: a name and where to look, never a figure."""

    name: str
    url: str
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Answer:
    intent: Intent
    found: bool
    text_zh: str
    text_en: str
    items: tuple[Item, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    head_zh: str = ""  # the sentence before the items (the page shows it above their list)
    head_en: str = ""

    @property
    def figures(self) -> list[Figure]:
        return [f for i in self.items for f in i.figures]

    @property
    def citations(self) -> list[Citation]:
        seen: dict[tuple[Any, ...], Citation] = {}
        for c in (c for i in self.items for c in i.citations):
            seen.setdefault((c.document_id, c.start, c.end, c.file, c.row, c.person), c)
        return list(seen.values())

    def text(self, lang: str) -> str:
        return self.text_en if lang == "en" else self.text_zh

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.intent.question,
            "intent": self.intent.to_json(),
            "found": self.found,
            "answer_zh": self.text_zh,
            "answer_en": self.text_en,
            "head_zh": self.head_zh,
            "head_en": self.head_en,
            "figures": [f.to_json() for f in self.figures],
            "citations": [c.to_json() for c in self.citations],
            "items": [i.to_json() for i in self.items],
            "suggestions": [s.to_json() for s in self.suggestions],
        }
