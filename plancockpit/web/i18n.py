"""Chinese and English words for the pages, from `i18n.yaml`, and the language of a request."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from starlette.requests import Request

LANGS = ("zh", "en")
LANG_COOKIE = "lang"
_FILE = Path(__file__).with_name("i18n.yaml")


@cache
def messages() -> dict[str, dict[str, str]]:
    """Load and validate the table: every key needs a non-empty zh and en."""
    data = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{_FILE}: expected a mapping of keys")
    for key, value in data.items():
        if not isinstance(value, dict) or any(not value.get(lang) for lang in LANGS):
            raise ValueError(f"{_FILE}: key {key!r} needs both zh and en")
        # an unquoted comma in a flow mapping splits the text into a stray key: quote such texts
        if set(value) != set(LANGS) or not all(isinstance(value[lang], str) for lang in LANGS):
            raise ValueError(f"{_FILE}: key {key!r} must have exactly zh and en texts (quote a text with a comma)")
    return data


def request_lang(request: Request, default: str = "zh") -> str:
    """`?lang=` wins, then the cookie, then the default."""
    lang = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE) or default
    return lang if lang in LANGS else default


def translator(lang: str):  # type: ignore[no-untyped-def]
    table = messages()

    def t(key: str, default: str | None = None) -> str:
        """The word for `key`; a missing key shows `default` (a data value such as a revision
        code with no entry yet) or else the key itself."""
        entry = table.get(key)
        if entry:
            return entry[lang]
        return key if default is None else default

    return t
