"""The examples in the package's docstrings run: each module's doctests pass."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

import plancockpit

PACKAGE = Path(plancockpit.__file__).parent
WITH_EXAMPLES = sorted(
    ".".join(("plancockpit", *p.relative_to(PACKAGE).with_suffix("").parts))
    for p in PACKAGE.rglob("*.py")
    if ">>> " in p.read_text(encoding="utf-8")
)


def test_modules_with_examples_are_found() -> None:
    assert len(WITH_EXAMPLES) >= 10


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
