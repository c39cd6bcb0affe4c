"""The names a question can use, read from the database and the project's lexicons: indicators
(their names, stored aliases and the alias lexicon's names of the same measure), regions (and their
short forms), lead units (name, full name, aliases) and domain labels."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from plancockpit.ask.parse import Vocabulary, region_forms
from plancockpit.db.models import Document, Indicator, Region, Unit
from plancockpit.link.lexicon import aliases
from plancockpit.link.names import canonical, normalise


def vocabulary(session: Session) -> Vocabulary:
    """The vocabulary of the stored data (merged indicators answer under their survivor)."""
    lexicon: dict[str, set[str]] = {}
    for entry in aliases():
        lexicon.setdefault(normalise(entry.name), set()).update(
            normalise(n) for n in (entry.name, *entry.aliases)
        )
    indicators: dict[str, list[int]] = {}
    rows = session.execute(
        select(Indicator.id, Indicator.name, Indicator.aliases, Indicator.merged_into_id)
    )
    for ind_id, name, stored, merged in rows:
        owner = merged or ind_id
        forms = {normalise(name), *(normalise(a) for a in stored or [] if isinstance(a, str))}
        forms |= lexicon.get(canonical(name), set())
        for form in forms - {""}:
            ids = indicators.setdefault(form, [])
            if owner not in ids:
                ids.append(owner)
    regions: dict[str, str] = {}
    names = set(session.scalars(select(Region.name))) | {
        r for r in session.scalars(select(Document.region).distinct()) if r
    }
    for name in sorted(names, key=len):
        for form in region_forms(name):
            regions.setdefault(form, name)
    units: dict[str, str] = {}
    for unit in session.scalars(select(Unit)):
        for form in (unit.name, unit.full_name, *(unit.aliases or [])):
            if isinstance(form, str) and len(form) >= 2:
                units.setdefault(form, unit.name)
    domains = {d: d for d in session.scalars(select(Indicator.domain).distinct()) if d}
    return Vocabulary(
        indicators={k: tuple(v) for k, v in indicators.items()},
        regions=regions,
        units=units,
        domains=domains,
    )
