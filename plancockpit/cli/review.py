"""`plancockpit review list|confirm|edit|reject|reextract`: people check what was extracted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from plancockpit.cli.app import app
from plancockpit.cli.common import (
    DbOption,
    FormatOption,
    ListFormat,
    db_transaction,
    fail,
    print_json,
)

if TYPE_CHECKING:
    from plancockpit.services.records.review import RecordFilter

review_app = typer.Typer(help="Review extracted records. / 审核抽取结果", no_args_is_help=True)
app.add_typer(review_app, name="review")

IdsArg = Annotated[list[int] | None, typer.Argument(help="Record ids (or use the filters)")]
DocOpt = Annotated[int | None, typer.Option("--doc", help="Only records of this document id")]
StateOpt = Annotated[
    str | None, typer.Option("--state", help="extracted|confirmed|edited|rejected")
]
MetricOpt = Annotated[str | None, typer.Option("--metric", help="Metric contains this text")]
KindOpt = Annotated[str | None, typer.Option("--kind", help="target|actual")]
BelowOpt = Annotated[float | None, typer.Option("--below", help="Confidence at most this")]
ByOpt = Annotated[str, typer.Option("--by", help="Who reviews (kept with the record)")]


def _filter(
    ids: list[int] | None,
    doc: int | None,
    state: str | None,
    metric: str | None,
    kind: str | None,
    below: float | None,
) -> RecordFilter:
    from plancockpit.services.records.review import RecordFilter

    return RecordFilter(
        ids=tuple(ids or ()),
        document_id=doc,
        state=state,
        kind=kind,
        metric=metric,
        max_confidence=below,
    )


def _row(r: object) -> dict[str, object]:
    keys = (
        "id",
        "document_id",
        "metric",
        "kind",
        "value",
        "value_max",
        "unit",
        "comparator",
        "basis",
        "year",
        "review_state",
        "reviewed_by",
        "confidence",
    )
    return {k: getattr(r, k) for k in keys}


@review_app.command("list")
def list_cmd(
    ids: IdsArg = None,
    doc: DocOpt = None,
    state: StateOpt = None,
    metric: MetricOpt = None,
    kind: KindOpt = None,
    below: BelowOpt = None,
    limit: Annotated[int, typer.Option(help="At most this many")] = 200,
    db: DbOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List records by id or filter. / 列出记录"""
    from plancockpit.services.records.review import list_records

    with db_transaction(db) as session:
        rows = [
            _row(r)
            for r in list_records(session, _filter(ids, doc, state, metric, kind, below), limit)
        ]
    if fmt == ListFormat.json:
        print_json(rows)
        return
    table = Table("id", "doc", "metric", "kind", "value", "unit", "cmp", "basis", "year", "state")
    for r in rows:
        value = f"{r['value']:g}" + (f"–{r['value_max']:g}" if r["value_max"] is not None else "")
        table.add_row(
            str(r["id"]),
            str(r["document_id"]),
            str(r["metric"]),
            str(r["kind"]),
            value,
            str(r["unit"]),
            str(r["comparator"]),
            str(r["basis"]),
            str(r["year"] or ""),
            str(r["review_state"]),
        )
    Console().print(table)


def _set(
    state: str,
    ids: list[int] | None,
    doc: int | None,
    metric: str | None,
    kind: str | None,
    below: float | None,
    by: str,
    db: str | None,
    only: str | None = None,
) -> None:
    from plancockpit.services.records.review import (
        ReviewError,
        links_follow,
        list_records,
        relink,
        set_state,
    )

    if not ids and doc is None and metric is None and kind is None and below is None:
        raise fail(
            "give record ids or a filter (--doc, --metric, --kind, --below) / "
            "请给出记录编号或筛选条件",
            code=2,
        )
    with db_transaction(db) as session:
        where = _filter(ids, doc, only, metric, kind, below)
        recs = list_records(session, where, limit=100000)
        missing = set(ids or ()) - {r.id for r in recs}
        if missing:
            shown = ", ".join(str(i) for i in sorted(missing))
            raise ReviewError(f"record(s) {shown} not found / 未找到记录 {shown}")
        before = {r.id: r.review_state for r in recs}
        changed = set_state(session, [r.id for r in recs], state, by=by)
        relink(session, [r for r in changed if links_follow(before[r.id], r.review_state)])
    typer.echo(f"{state}: {len(changed)} record(s) / 已处理 {len(changed)} 条")


@review_app.command()
def confirm(
    ids: IdsArg = None,
    doc: DocOpt = None,
    metric: MetricOpt = None,
    kind: KindOpt = None,
    below: BelowOpt = None,
    by: ByOpt = "cli",
    db: DbOption = None,
) -> None:
    """Confirm records as extracted. / 确认"""
    _set("confirmed", ids, doc, metric, kind, below, by, db, only="extracted" if not ids else None)


@review_app.command()
def reject(
    ids: IdsArg = None,
    doc: DocOpt = None,
    metric: MetricOpt = None,
    kind: KindOpt = None,
    below: BelowOpt = None,
    by: ByOpt = "cli",
    db: DbOption = None,
) -> None:
    """Reject records (not quantities, or wrong); they leave indicators. / 驳回"""
    _set("rejected", ids, doc, metric, kind, below, by, db)


@review_app.command()
def edit(
    record_id: Annotated[int, typer.Argument(help="The record's id")],
    changes: Annotated[
        list[str],
        typer.Argument(
            help="field=value … (metric, value, value_max, unit, comparator, basis, year, kind)"
        ),
    ],
    by: ByOpt = "cli",
    db: DbOption = None,
) -> None:
    """Edit a record's fields; the extractor's values are kept beside. / 修改"""
    from plancockpit.services.records.review import edit_record, relink

    fields = {}
    for item in changes:
        key, sep, value = item.partition("=")
        if not sep:
            raise fail(f"expected field=value, got {item!r} / 应为 字段=值", code=2)
        fields[key.strip()] = value.strip()
    with db_transaction(db) as session:
        rec = edit_record(session, record_id, by=by, changes=fields)
        relink(session, [rec])
    typer.echo(f"edited record {record_id} / 已修改")


@review_app.command()
def reextract(
    document_id: Annotated[int, typer.Argument(help="The document's id")], db: DbOption = None
) -> None:
    """Extract a stored document again, keeping every reviewed record. / 重新抽取"""
    from plancockpit.services.records.review import reextract_document

    with db_transaction(db) as session:
        counts = reextract_document(session, document_id)
    typer.echo(
        f"kept {counts['kept']} reviewed, replaced {counts['replaced']}, "
        f"added {counts['added']} / 保留已审核记录"
    )
