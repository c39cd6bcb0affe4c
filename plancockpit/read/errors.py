"""Errors a reader raises: one line, fit to show a user."""


class ReadError(Exception):
    """A file cannot be read into text (corrupt, encrypted, scanned, empty, too large...)."""
