"""What a process does once before it serves (`plancockpit serve`): compile every page template
and set the garbage collector's pace (`collector`).

A worker's first view of each page compiled its template (30 templates, ~300 ms in all), so
the first requests after a start waited behind one another (`bench.mixed_load`'s first second).
"""

from __future__ import annotations

from fastapi import FastAPI

from plancockpit import collector


def prepare(app: FastAPI) -> None:
    """Compile `app`'s templates, then freeze what exists and set the collector's pace; call once
    per serving process, after the app is built."""
    env = app.state.templates.env
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)
    collector.pace()
