"""Errors a reader raises: one line, fit to show a user."""

from plancockpit.errors import PlancockpitError


class ReadError(PlancockpitError):
    """A file cannot be read into text (corrupt, encrypted, scanned, empty, too large...)."""
