"""The word table: complete in both languages, and a loader that refuses a broken entry."""

from __future__ import annotations

import pytest

from plancockpit import rulefiles
from plancockpit.errors import RuleFileError
from plancockpit.web import i18n


def test_every_word_has_exactly_zh_and_en() -> None:
    table = i18n.messages()
    assert table["search_placeholder"]["en"] == "Name, alias or source text"  # a comma, kept whole
    assert all(set(v) == {"zh", "en"} for v in table.values())


@pytest.mark.parametrize(
    "line",
    [
        "k: {zh: 中文, en: One, two}\n",  # unquoted comma: a stray key `two`
        "k: {zh: 中文}\n",
        "k: {zh: 中文, en: 3}\n",
    ],
)
def test_loader_refuses_broken_entries(line: str) -> None:
    with pytest.raises(RuleFileError, match=r"^i18n\.yaml: k\."):
        rulefiles.parse("i18n.yaml", line)


def test_translator_falls_back_to_the_given_default() -> None:
    t = i18n.translator("en")
    assert t("rev_raised") == "Raised"
    assert t("rev_something_new", "something_new") == "something_new"
    assert t("no_such_key") == "no_such_key"
