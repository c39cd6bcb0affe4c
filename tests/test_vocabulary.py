"""The closed vocabularies are spelled once (`plancockpit/vocabulary.py`): the models' defaults,
the rule tables, the stylesheet's lights and the page script take them from there."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

from plancockpit import vocabulary
from plancockpit.db.models import Document, Indicator, Target
from plancockpit.extract.rules import load_rules
from plancockpit.rulefiles.schemas import ComparatorRow

PACKAGE = Path(vocabulary.__file__).resolve().parent
STATUS_RUN = re.compile(r"""["']achieved["'],\s*["']on_track["']""")


def test_every_status_has_a_light_a_label_and_a_colour() -> None:
    for table in (vocabulary.LIGHT_OF, vocabulary.STATUS_LABELS, vocabulary.STATUS_COLOURS):
        assert tuple(table) == vocabulary.STATUSES
    assert set(vocabulary.LIGHT_OF.values()) == set(vocabulary.LIGHTS)


def test_the_models_defaults_are_words_of_the_vocabulary() -> None:
    def default(column: object) -> object:
        return column.default.arg  # type: ignore[attr-defined]

    assert default(Document.__table__.c.kind) in vocabulary.DOCUMENT_KINDS
    assert default(Target.__table__.c.basis) in vocabulary.BASES
    assert default(Target.__table__.c.comparator) in vocabulary.COMPARATORS
    assert default(Indicator.__table__.c.direction) in vocabulary.DIRECTIONS


def test_the_comparator_words_map_to_comparators_of_the_vocabulary() -> None:
    assert set(get_args(ComparatorRow.model_fields["comparator"].annotation)) == set(
        vocabulary.COMPARATORS
    )
    used = {c for words in load_rules().comparators.values() for c in words.values()}
    assert used and used <= set(vocabulary.COMPARATORS)


def test_no_status_list_is_restated_in_the_code_or_the_page_script() -> None:
    restated = [
        p.relative_to(PACKAGE)
        for p in [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.js")]
        if p.name != "vocabulary.py"
        and "vendor" not in p.parts
        and STATUS_RUN.search(p.read_text("utf-8"))
    ]
    assert restated == []
    script = (PACKAGE / "web/static/cockpit.js").read_text("utf-8")
    assert not any(colour in script for colour in vocabulary.STATUS_COLOURS.values())


def test_the_stylesheet_lights_are_the_status_colours() -> None:
    css = (PACKAGE / "web/static/cockpit.css").read_text("utf-8")
    lights = dict(re.findall(r"--(green|yellow|red|grey):\s*(#[0-9a-f]{6})", css))
    first_of = {
        light: next(s for s in vocabulary.STATUSES if vocabulary.LIGHT_OF[s] == light)
        for light in vocabulary.LIGHTS
    }
    assert {light: vocabulary.STATUS_COLOURS[s] for light, s in first_of.items()} == lights
