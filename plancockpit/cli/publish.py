"""`plancockpit publish document|indicator ID [--off] [--targets]`: what the public view shows."""

from __future__ import annotations

from typing import Annotated

import typer

from plancockpit.cli.app import app
from plancockpit.cli.common import DbOption, db_transaction

publish_app = typer.Typer(
    help="Publish documents and indicators for the public view. / 公开文件和指标",
    no_args_is_help=True,
)
app.add_typer(publish_app, name="publish")

Off = Annotated[bool, typer.Option("--off", help="Withdraw instead of publish / 取消公开")]


def _word(published: bool) -> str:
    return "published / 已公开" if published else "withdrawn / 已取消公开"


@publish_app.command("document")
def document(
    document_id: Annotated[int, typer.Argument(help="The document's id")],
    off: Off = False,
    targets: Annotated[
        bool,
        typer.Option(
            "--targets",
            help="Also every indicator the document sets a target for / 连同其目标的指标",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Publish (or with --off withdraw) a document. / 公开文件"""
    from plancockpit.services.opendata.publishing import publish_document_targets, set_published

    with db_transaction(db) as session:
        if targets:
            result = publish_document_targets(session, document_id, not off)
            extra = f", {len(result['indicators'])} indicator(s)"
        else:
            set_published(session, "document", document_id, not off)
            extra = ""
    typer.echo(f"document {document_id}{extra} {_word(not off)}")


@publish_app.command("indicator")
def indicator(
    indicator_id: Annotated[int, typer.Argument(help="The indicator's id")],
    off: Off = False,
    db: DbOption = None,
) -> None:
    """Publish (or with --off withdraw) an indicator with its targets and values. / 公开指标"""
    from plancockpit.services.opendata.publishing import set_published

    with db_transaction(db) as session:
        set_published(session, "indicator", indicator_id, not off)
    typer.echo(f"indicator {indicator_id} {_word(not off)}")
