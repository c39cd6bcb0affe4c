"""One error hierarchy: every error class the package defines is a PlancockpitError, so the
web and the CLI each map them in one place."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import plancockpit
from plancockpit.errors import ConfigError, Invalid, NotFound, PlancockpitError


def _error_classes() -> list[type[BaseException]]:
    found = []
    for info in pkgutil.walk_packages(plancockpit.__path__, "plancockpit."):
        if info.name.startswith("plancockpit.db.migrations") or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        found += [
            c
            for _, c in inspect.getmembers(module, inspect.isclass)
            if issubclass(c, BaseException) and c.__module__ == info.name
        ]
    return found


def test_every_error_of_the_package_is_a_plancockpit_error() -> None:
    classes = _error_classes()
    assert len(classes) >= 10
    stray = [
        f"{c.__module__}.{c.__name__}"
        for c in classes
        if not issubclass(c, PlancockpitError) and not c.__name__.startswith("_")
    ]
    assert stray == []


def test_the_kinds_stay_what_callers_catch() -> None:
    assert issubclass(NotFound, LookupError) and issubclass(Invalid, ValueError)
    assert issubclass(ConfigError, ValueError) and not issubclass(ConfigError, Invalid)
