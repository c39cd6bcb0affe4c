"""The building blocks of the rule files' schemas: a mapping that refuses unknown keys, a row of
a tab-separated table, non-blank words, regexes that compile, texts in both languages."""

from __future__ import annotations

import re
import string
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, RootModel

from plancockpit.vocabulary import Direction


class Schema(BaseModel):
    """A mapping in a rule file: unknown keys are refused (a typo must not pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Row(Schema):
    """A row of a tab-separated rule table; its fields are the columns, in order."""


def _nonblank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


def regex(value: str, flags: int = re.VERBOSE) -> str:
    try:
        re.compile(value, flags)
    except re.error as exc:
        raise ValueError(f"bad regular expression {value!r}: {exc}") from None
    return value


Word = Annotated[str, AfterValidator(_nonblank)]
Words = list[Word]
Chars = list[Annotated[str, Field(min_length=1, max_length=1)]]  # single characters, spaces allowed
Regex = Annotated[str, AfterValidator(regex)]  # a regular expression, read with re.VERBOSE
PlainRegex = Annotated[str, AfterValidator(lambda v: regex(v, 0))]  # spaces in it count
Way = Direction  # which way is better: the vocabulary's directions


def at(path: str, reason: str) -> ValueError:
    """A model-level problem at `path` (relative to the model): the loader puts it in the field."""
    return ValueError(f"@{path}: {reason}")


def blanks(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class ZhEn(Schema):
    """A text in Chinese and English."""

    zh: Word
    en: Word


class Texts(RootModel[dict[str, ZhEn]]):
    """key → {zh, en}: page words, answer phrases, notification texts."""
