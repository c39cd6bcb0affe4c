"""Assessment notes as a code and params, rendered in Chinese and English from `data/assessment_notes.yaml`.

The method says why a status is what it is; a Chinese page must say it in Chinese, so the
wording lives in a data table and the code only names the note and its numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from plancockpit import rulefiles
from plancockpit.rulefiles.schemas import AssessmentNotes

LANGS = ("zh", "en")
FILE = "assessment_notes.yaml"


@dataclass(frozen=True, slots=True)
class Note:
    """One line of the basis of an assessment: a code in `assessment_notes.yaml` and its values."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return render(self, lang)


def note(code: str, **params: Any) -> Note:
    if code not in table()[0]:
        raise KeyError(f"unknown assessment note {code!r} (add it to data/{FILE})")
    return Note(code, params)


@cache
def table() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """(notes, terms) of `assessment_notes.yaml`: each entry has exactly zh and en, same
    placeholders (checked by the loader)."""
    data = rulefiles.load(FILE, AssessmentNotes)
    return (
        {k: v.model_dump() for k, v in data.notes.items()},
        {k: v.model_dump() for k, v in data.terms.items()},
    )


def _show(value: Any, lang: str, terms: dict[str, dict[str, str]]) -> str:
    if isinstance(value, str):
        return terms.get(value, {}).get(lang, value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return ("、" if lang == "zh" else ", ").join(_show(v, lang, terms) for v in value)
    return str(value)


def render(item: Note, lang: str) -> str:
    notes, terms = table()
    template = notes[item.code]["zh" if lang == "zh" else "en"]
    return template.format(**{k: _show(v, lang, terms) for k, v in item.params.items()})
