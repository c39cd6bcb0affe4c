"""The errors a user can act on. Every module raises one of these (or a subclass naming its
field), so the web maps them once (NotFound → 404, Forbidden → 403, Invalid → 422, ConfigError → 500) and the CLI once (a one-line
message, exit 1). Each also stays a LookupError or ValueError, as callers may expect."""

from __future__ import annotations


class PlancockpitError(Exception):
    """Something the user asked for cannot be done; the message says what and why."""


class NotFound(PlancockpitError, LookupError):
    """An id or name that names nothing stored."""


class Invalid(PlancockpitError, ValueError):
    """Input that breaks a rule: a bad value, uploaded file or edit."""


class Forbidden(PlancockpitError, PermissionError):
    """A change outside the user's rights (a reporter's value for another unit's indicator)."""


class TooSlow(Invalid):
    """Work that ran over its time limit (a document too large or too dense to analyse)."""


class ConfigError(PlancockpitError, ValueError):
    """A rule file, lexicon or setting of the installation that cannot be used."""


class RuleFileError(ConfigError):
    """A rule file under `plancockpit/data` that cannot be used; the one-line message names the
    file and the field (`meta_cues.yaml: region.issuer_head: Input should be a valid integer`)."""

    def __init__(self, file: str, where: str, reason: str) -> None:
        self.file, self.where, self.reason = file, where, reason
        super().__init__(f"{file}: {where}: {reason}" if where else f"{file}: {reason}")
