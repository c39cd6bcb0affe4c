"""Assessment notes as a code and params, rendered in Chinese and English from `notes.yaml`.

The method says why a status is what it is; a Chinese page must say it in Chinese, so the
wording lives in a data table and the code only names the note and its numbers.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

LANGS = ("zh", "en")
_FILE = Path(__file__).with_name("notes.yaml")


@dataclass(frozen=True, slots=True)
class Note:
    """One line of the basis of an assessment: a code in `notes.yaml` and its values."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return render(self, lang)


def note(code: str, **params: Any) -> Note:
    if code not in table()[0]:
        raise KeyError(f"unknown assessment note {code!r} (add it to {_FILE.name})")
    return Note(code, params)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@cache
def table() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """Load and validate (notes, terms): each entry has exactly zh and en, same placeholders."""
    data = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or set(data) != {"notes", "terms"}:
        raise ValueError(f"{_FILE}: expected the mappings 'notes' and 'terms'")
    for part in ("notes", "terms"):
        for key, value in data[part].items():
            if not isinstance(value, dict) or set(value) != set(LANGS) or not all(
                    isinstance(value[lang], str) and value[lang] for lang in LANGS):
                raise ValueError(f"{_FILE}: {part} {key!r} needs exactly non-empty zh and en")
    for key, value in data["notes"].items():
        if _fields(value["zh"]) != _fields(value["en"]):
            raise ValueError(f"{_FILE}: note {key!r}: zh and en use different placeholders")
    return data["notes"], data["terms"]


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
