"""Linking: records become targets and observations of indicators (pure; lexicons as data)."""

from plancockpit.link.domains import domain_of
from plancockpit.link.lineage import TargetFacts, classify
from plancockpit.link.match import IndicatorRef, Match, Mention, match, suggest
from plancockpit.link.names import canonical, display_name, normalise
from plancockpit.link.units import compatible, convert, factor, family

__all__ = [
    "IndicatorRef",
    "Match",
    "Mention",
    "TargetFacts",
    "canonical",
    "classify",
    "compatible",
    "convert",
    "display_name",
    "domain_of",
    "factor",
    "family",
    "match",
    "normalise",
    "suggest",
]
