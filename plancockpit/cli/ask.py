"""`plancockpit ask "…"`: a question about the plans answered from the stored data, with citations."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from plancockpit.cli.app import app
from plancockpit.cli.common import DbOption, db_transaction, print_json, shown


@app.command("ask")
def ask_command(
    question: Annotated[str, typer.Argument(help="The question, in Chinese or English / 问题")],
    output: Annotated[str, typer.Option("--format", help="text or json / 输出格式")] = "text",
    lang: Annotated[
        str, typer.Option("--lang", help="zh or en; default: the question's / 回答语言")
    ] = "",
    on: Annotated[
        str, typer.Option("--on", help="Evaluate statuses on this date (YYYY-MM-DD) / 评估日期")
    ] = "",
    db: DbOption = None,
) -> None:
    """Answer a question with figures and the sentences behind them. / 问答（附出处）"""
    from plancockpit.ask.answer import ask
    from plancockpit.services.opendata import search

    if output not in ("text", "json"):
        raise typer.BadParameter("use text or json", param_hint="--format")
    if lang not in ("", "zh", "en"):
        raise typer.BadParameter("use zh or en", param_hint="--lang")
    try:
        day = date.fromisoformat(on) if on else None
    except ValueError:
        raise typer.BadParameter("use YYYY-MM-DD", param_hint="--on") from None
    with db_transaction(db) as session:
        search.ensure_index(session)
        answer = ask(session, question, on=day)
    if output == "json":
        print_json(answer.to_json())
        return
    lang = lang or answer.intent.lang
    typer.echo(shown(answer.text(lang)))
    for c in answer.citations:
        where = (
            f"{c.doc} [{c.start}–{c.end}] {c.url}"
            if c.document_id
            else (f"{c.file} row {c.row}" if c.file else f"entered by {c.person}")
        )
        typer.echo(f"  ← {shown(where)}: {shown(c.quote)}")
    for s in answer.suggestions:
        typer.echo(f"  ? {shown(s.name)} {shown(s.url)}")
