"""A stored document's outline and text as HTML for its page, built here rather than by a
template loop: a plan has ~1,500 sections and ~3,000 runs of text, and looping over them in
Jinja was a third of its page's time under many clients (`bench.mixed_load`). Every value is
escaped, as the template's autoescape did."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup, escape

TITLE_CHARS = 28  # of a section title in the outline; 5 more are shown rather than cut
TITLE_LEEWAY = 5


def short_title(title: str) -> str:
    """The title, or its first characters and "…" when it is longer than the outline shows."""
    if len(title) <= TITLE_CHARS + TITLE_LEEWAY:
        return title
    return title[: TITLE_CHARS - 1] + "…"


def outline_items(sections: Iterable[Mapping[str, Any]]) -> Markup:
    """One `<li>` a section, indented by its depth, linking to its anchor in the text."""
    return Markup(
        "".join(
            f'<li style="padding-left: {s["depth"] * 0.8:g}em"><a href="#s{escape(s["id"])}">'
            f"{escape(s['number'])} {escape(short_title(s['title']))}</a></li>"
            for s in sections
        )
    )


def text_runs(segments: Iterable[Mapping[str, Any]]) -> Markup:
    """The text's runs (`services.cockpit.documents.segments`): section anchors, record spans
    marked with their kind and review state, and plain text."""
    parts: list[str] = []
    for seg in segments:
        if seg.get("anchor"):
            parts.append(f'<a id="s{escape(seg["anchor"])}" class="anchor"></a>')
        elif seg.get("record_id"):
            state = f" st-{escape(seg['state'])}" if seg.get("state") else ""
            parts.append(
                f'<mark id="r{escape(seg["record_id"])}" class="k-{escape(seg["kind"])}{state}"'
                f' data-record="{escape(seg["record_id"])}">{escape(seg["text"])}</mark>'
            )
        else:
            parts.append(str(escape(seg["text"])))
    return Markup("".join(parts))
