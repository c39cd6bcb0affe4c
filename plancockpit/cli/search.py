"""`plancockpit search "…"`: full-text search over sentences, records, indicators and units."""

from __future__ import annotations

from typing import Annotated

import typer

from plancockpit.cli.app import app
from plancockpit.cli.common import DbOption, db_transaction, print_json, shown


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help="The words to find / 搜索词")],
    kind: Annotated[
        str, typer.Option("--kind", help="indicator, unit, record or sentence / 范围")
    ] = "",
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=100, help="How many hits / 条数")
    ] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Rebuild the search index first / 重建索引")
    ] = False,
    db: DbOption = None,
) -> None:
    """Search documents, records, indicators and units, best hits first. / 全文搜索"""
    from plancockpit.services.opendata import search

    if kind and kind not in search.KINDS:
        raise typer.BadParameter(f"use one of {', '.join(search.KINDS)}", param_hint="--kind")
    with db_transaction(db) as session:
        if rebuild:
            typer.echo(f"indexed {search.rebuild_all(session)} texts", err=True)
        else:
            search.ensure_index(session)
        found = search.search(session, search.Query(query, kind, limit, 0))
    if as_json:
        print_json(found)
        return
    for hit in found["items"]:
        where = hit["url"] + (
            f" [{hit['start']}–{hit['end']}]" if hit["kind"] == "sentence" else ""
        )
        typer.echo(f"{hit['kind']}\t{shown(hit['name'])}\t{shown(hit['text'][:80])}\t{where}")
    more = "+" if found["total_capped"] else ""
    typer.echo(f"{len(found['items'])} of {found['total']}{more} hits / 条结果")
