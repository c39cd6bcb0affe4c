"""Layout: a cleaned view of the original text with a map back to original offsets."""

from plancockpit.layout.clean import clean, clean_source
from plancockpit.layout.view import Layout

__all__ = ["Layout", "clean", "clean_source"]
