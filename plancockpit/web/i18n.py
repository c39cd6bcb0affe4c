"""Chinese and English words for the pages, from `data/i18n.yaml`, and the language of a request."""

from __future__ import annotations

from functools import cache

from starlette.requests import Request

from plancockpit import rulefiles
from plancockpit.rulefiles.schemas import Texts

LANGS = ("zh", "en")
LANG_COOKIE = "lang"
FILE = "i18n.yaml"


@cache
def messages() -> dict[str, dict[str, str]]:
    """The table (`data/i18n.yaml`), validated by the loader: every key has exactly a non-empty
    zh and en text (an unquoted comma in a flow mapping splits a text into a stray key: quote
    such texts)."""
    return {k: v.model_dump() for k, v in rulefiles.load(FILE, Texts).root.items()}


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
