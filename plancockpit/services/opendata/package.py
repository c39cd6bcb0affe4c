"""The open-data package: indicators, targets, observations and assessments as CSV, JSON or XLSX
files with a Frictionless `datapackage.json` (a Table Schema per resource: types, primary and
foreign keys). Every row carries its source: the document and the character offsets of the
sentence that set a target, or the file and row an observation was imported from.

`public=True` (the web's public view) keeps published indicators with their targets,
observations and assessments only; a source in an unpublished document is left empty and who
entered a value by hand is not named.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from plancockpit.db.models import Document, Indicator, Observation, Record, Region, Target
from plancockpit.media_types import XLSX
from plancockpit.services.cockpit.facts import TargetFact
from plancockpit.services.cockpit.public import ENTERED
from plancockpit.services.opendata.publishing import published_indicators

Format = Literal["csv", "json", "xlsx"]
FORMATS: tuple[Format, ...] = ("csv", "json", "xlsx")
MEDIA = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": XLSX,
}

# name → (field name, Table Schema type, description); the order is the column order.
Field = tuple[str, str, str]
_SOURCE: list[Field] = [
    ("source_document_id", "integer", "the document the value comes from"),
    ("source_document_title", "string", "its title"),
    (
        "source_sentence_start",
        "integer",
        "character offset where the sentence starts in the document text",
    ),
    ("source_sentence_end", "integer", "character offset where it ends"),
    ("source_sentence", "string", "the sentence"),
]
FIELDS: dict[str, list[Field]] = {
    "indicators": [
        ("id", "integer", "indicator id"),
        ("name", "string", "indicator name (指标)"),
        ("aliases", "string", "other names, separated by 、"),
        ("region_id", "integer", "region id"),
        ("region_name", "string", "region (区域)"),
        ("unit", "string", "display unit"),
        ("unit_family", "string", "unit family"),
        ("domain", "string", "domain (领域)"),
        ("direction", "string", "up|down: which way is better"),
        ("merged_into_id", "integer", "the indicator this one was merged into"),
        ("source_document_titles", "string", "the documents whose targets name it, separated by |"),
    ],
    "targets": [
        ("id", "integer", "target id"),
        ("indicator_id", "integer", "indicator id"),
        ("region_id", "integer", "region id"),
        ("comparator", "string", ">=, >, <=, <, ~ or ="),
        ("value", "number", "target value"),
        ("value_max", "number", "upper bound of a range"),
        ("unit", "string", "unit"),
        ("basis", "string", "level|growth|increase"),
        ("baseline_value", "number", "baseline value"),
        ("baseline_year", "integer", "baseline year"),
        ("start_year", "integer", "first year"),
        ("deadline_year", "integer", "deadline year"),
        ("attribute", "string", "约束性|预期性"),
        ("aspiration", "boolean", "a 力争 aspiration"),
        ("lead_units", "string", "lead units (牵头单位), separated by 、"),
        ("revises_id", "integer", "the earlier target this one revises"),
        ("revision", "string", "raised|kept|lowered|…"),
        ("record_id", "integer", "the extracted record"),
        *_SOURCE,
    ],
    "observations": [
        ("id", "integer", "observation id"),
        ("indicator_id", "integer", "indicator id"),
        ("region_id", "integer", "region id"),
        ("year", "integer", "year"),
        ("month", "integer", "month, for a year-to-date value"),
        ("start_year", "integer", "first year of a multi-year total"),
        ("value", "number", "value"),
        ("unit", "string", "unit"),
        ("basis", "string", "level|growth|increase"),
        ("source_file", "string", "the file it was imported from"),
        ("source_row", "integer", "the row in that file"),
        ("entered_by", "string", "who entered it by hand"),
        *_SOURCE,
    ],
    "assessments": [
        ("target_id", "integer", "target id"),
        ("indicator_id", "integer", "indicator id"),
        ("status", "string", "status"),
        ("light", "string", "green|yellow|red|grey"),
        ("progress", "number", "actual / expected progress"),
        ("latest_value", "number", "latest value"),
        ("latest_year", "integer", "its year"),
        ("superseded", "boolean", "revised later or of an ended period: history only"),
        ("source_document_id", "integer", "the document that set the target"),
        ("source_document_title", "string", "its title"),
        ("source_sentence_start", "integer", "offset of the target's sentence"),
        ("source_sentence_end", "integer", "end offset of the sentence"),
    ],
}
RESOURCES = tuple(FIELDS)
PRIMARY_KEYS = {
    "indicators": "id",
    "targets": "id",
    "observations": "id",
    "assessments": "target_id",
}
FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = {  # field → (resource, field); "" = itself
    "indicators": [("merged_into_id", "", "id")],
    "targets": [("indicator_id", "indicators", "id"), ("revises_id", "", "id")],
    "observations": [("indicator_id", "indicators", "id")],
    "assessments": [("target_id", "targets", "id"), ("indicator_id", "indicators", "id")],
}


def table_schema(resource: str) -> dict[str, Any]:
    """The resource's Table Schema descriptor."""
    return {
        "fields": [{"name": n, "type": t, "description": d} for n, t, d in FIELDS[resource]],
        "primaryKey": [PRIMARY_KEYS[resource]],
        "foreignKeys": [
            {"fields": [f], "reference": {"resource": r, "fields": [rf]}}
            for f, r, rf in FOREIGN_KEYS[resource]
        ],
        "missingValues": [""],
    }


def _sentence(text: str, start: int, end: int) -> str:
    return text[start:end].strip() if 0 <= start < end <= len(text) else ""


def _source(rec: Record | None, doc: Document | None) -> dict[str, Any]:
    if rec is None or doc is None:
        return {
            "source_document_id": None,
            "source_document_title": None,
            "source_sentence_start": None,
            "source_sentence_end": None,
            "source_sentence": None,
        }
    start, end = (
        (rec.sentence_start, rec.sentence_end)
        if rec.sentence_end > rec.sentence_start
        else (rec.start, rec.end)
    )
    return {
        "source_document_id": doc.id,
        "source_document_title": doc.title or doc.name,
        "source_sentence_start": start,
        "source_sentence_end": end,
        "source_sentence": _sentence(doc.text, start, end),
    }


def _documents(
    session: Session, record_ids: Iterable[int | None]
) -> dict[int, tuple[Record, Document]]:
    ids = sorted({i for i in record_ids if i is not None})
    found: dict[int, tuple[Record, Document]] = {}
    for chunk in range(0, len(ids), 500):
        stmt = (
            select(Record, Document)
            .join(Document, Record.document_id == Document.id)
            .where(Record.id.in_(ids[chunk : chunk + 500]))
        )
        for rec, doc in session.execute(stmt):
            found[rec.id] = (rec, doc)
    return found


def build_rows(
    session: Session, only: str = "", *, public: bool = False
) -> dict[str, list[dict[str, Any]]]:
    """Every resource's rows (or `only` that one's; the others empty), keyed by field name, in
    id order. Targets are always read: indicators and assessments take their sources.
    `public`: the rows of published indicators only (see the module's note)."""
    regions: dict[int, str] = {i: n for i, n in session.execute(select(Region.id, Region.name))}
    target_stmt, obs_stmt, ind_stmt = (
        select(Target).order_by(Target.id),
        select(Observation).order_by(Observation.id),
        select(Indicator).order_by(Indicator.id),
    )
    if public:
        target_stmt = target_stmt.where(Target.indicator_id.in_(published_indicators()))
        obs_stmt = obs_stmt.where(Observation.indicator_id.in_(published_indicators()))
        ind_stmt = ind_stmt.where(Indicator.published.is_(True))
    targets = list(session.scalars(target_stmt))
    observations = list(session.scalars(obs_stmt)) if only in ("", "observations") else []
    sources = _documents(
        session, [t.record_id for t in targets] + [o.record_id for o in observations]
    )
    if public:  # a sentence of an unpublished document is not shown
        sources = {i: (r, d) for i, (r, d) in sources.items() if d.published}
    target_ids = {t.id for t in targets}
    indicators = list(session.scalars(ind_stmt)) if only in ("", "indicators") else []
    indicator_ids = {i.id for i in indicators}

    def source(record_id: int | None) -> dict[str, Any]:
        rec, doc = sources.get(record_id, (None, None)) if record_id is not None else (None, None)
        return _source(rec, doc)

    titles: dict[int, set[str]] = {}
    target_rows = []
    for t in targets:
        src = source(t.record_id)
        if src["source_document_title"]:
            titles.setdefault(t.indicator_id, set()).add(src["source_document_title"])
        target_rows.append(
            {
                "id": t.id,
                "indicator_id": t.indicator_id,
                "region_id": t.region_id,
                "comparator": t.comparator,
                "value": t.value,
                "value_max": t.value_max,
                "unit": t.unit,
                "basis": t.basis,
                "baseline_value": t.baseline_value,
                "baseline_year": t.baseline_year,
                "start_year": t.start_year,
                "deadline_year": t.deadline_year,
                "attribute": t.attribute,
                "aspiration": bool(t.aspiration),
                "lead_units": "、".join(t.lead_units or []),
                "revises_id": t.revises_id,
                "revision": t.revision,
                "record_id": t.record_id
                if src["source_document_id"] is not None or not public
                else None,
                **src,
            }
        )
        if public and t.revises_id not in target_ids:  # a key into rows the package holds
            target_rows[-1]["revises_id"] = None
    indicator_rows = [
        {
            "id": i.id,
            "name": i.name,
            "aliases": "、".join(i.aliases or []),
            "region_id": i.region_id,
            "region_name": regions.get(i.region_id) if i.region_id is not None else None,
            "unit": i.unit,
            "unit_family": i.unit_family,
            "domain": i.domain,
            "direction": i.direction,
            "merged_into_id": i.merged_into_id
            if not public or i.merged_into_id in indicator_ids
            else None,
            "source_document_titles": "|".join(sorted(titles.get(i.id, ()))),
        }
        for i in indicators
    ]
    observation_rows = [
        {
            "id": o.id,
            "indicator_id": o.indicator_id,
            "region_id": o.region_id,
            "year": o.year,
            "month": o.month,
            "start_year": o.start_year,
            "value": o.value,
            "unit": o.unit,
            "basis": o.basis,
            "source_file": o.source_file,
            "source_row": o.source_row,
            "entered_by": ENTERED if public and o.entered_by else o.entered_by,
            **source(o.record_id),
        }
        for o in observations
    ]
    by_target = {r["id"]: r for r in target_rows}
    assessment_rows = []
    facts = (
        session.scalars(
            select(TargetFact)
            .where(TargetFact.target_id.in_(target_ids) if public else true())
            .order_by(TargetFact.target_id)
        )
        if only in ("", "assessments")
        else ()
    )
    for f in facts:
        trow = by_target.get(f.target_id)
        if trow is None:
            continue
        assessment_rows.append(
            {
                "target_id": f.target_id,
                "indicator_id": f.indicator_id,
                "status": f.status,
                "light": f.light,
                "progress": f.progress,
                "latest_value": f.latest_value,
                "latest_year": f.latest_year,
                "superseded": bool(f.superseded),
                **{
                    k: trow[k]
                    for k in (
                        "source_document_id",
                        "source_document_title",
                        "source_sentence_start",
                        "source_sentence_end",
                    )
                },
            }
        )
    return {
        "indicators": indicator_rows,
        "targets": target_rows,
        "observations": observation_rows,
        "assessments": assessment_rows,
    }


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may read as a formula


def _csv_text(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV
    injection); numbers are typed fields and never touched."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(round(value, 10))
    return "" if value is None else value


def resource_bytes(resource: str, rows: list[dict[str, Any]], fmt: Format) -> bytes:
    """One resource's rows as a file of `fmt`."""
    names = [n for n, _, _ in FIELDS[resource]]
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow([_csv_text(row.get(n)) for n in names])
        return buf.getvalue().encode("utf-8")
    if fmt == "json":
        return json.dumps(
            [{n: row.get(n) for n in names} for row in rows], ensure_ascii=False, indent=1
        ).encode("utf-8")
    return _xlsx(resource, names, rows)


def _xlsx(resource: str, names: list[str], rows: list[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(resource)
    ws.append(names)

    def cell(value: Any) -> Any:
        if value is None:  # an empty text, not a missing cell: readers drop trailing empty cells
            return ""
        if (
            isinstance(value, str) and value[:1] in FORMULA_STARTS
        ):  # a literal text, never a formula
            c = WriteOnlyCell(ws, value=value)
            c.data_type = "s"
            return c
        return value

    for row in rows:
        ws.append([cell(row.get(n)) for n in names])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def descriptor(fmt: Format) -> dict[str, Any]:
    """The `datapackage.json` of a package in `fmt`, made and checked by the frictionless library."""
    from frictionless import Package, Schema
    from frictionless.resources import TableResource

    package = Package(
        name="plancockpit-opendata",
        title="规划目标与监测评估开放数据 / Plan targets and progress (open data)",
        description="Indicators, targets, observations and assessments. Each row names its source: "
        "the document and the character offsets of the sentence, or the file and row.",
        licenses=[
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
    )
    for name in RESOURCES:
        package.add_resource(
            TableResource(  # "type": "table", so JSON is read as rows too
                name=name,
                path=f"{name}.{fmt}",
                format=fmt,
                mediatype=MEDIA[fmt],
                encoding="utf-8" if fmt != "xlsx" else None,
                schema=Schema.from_descriptor(table_schema(name)),
            )
        )
    result: dict[str, Any] = package.to_descriptor()
    return result


def package_files(
    session: Session, fmt: Format = "csv", *, public: bool = False
) -> dict[str, bytes]:
    """File name → content of the whole package (data files and `datapackage.json`)."""
    rows = build_rows(session, public=public)
    files = {f"{name}.{fmt}": resource_bytes(name, rows[name], fmt) for name in RESOURCES}
    files["datapackage.json"] = json.dumps(descriptor(fmt), ensure_ascii=False, indent=2).encode(
        "utf-8"
    )
    return files


def write_package(session: Session, directory: Path, fmt: Format = "csv") -> list[Path]:
    """Write the package into `directory` (created if missing); returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, body in package_files(session, fmt).items():
        path = directory / name
        path.write_bytes(body)
        written.append(path)
    return written


def package_zip(session: Session, fmt: Format = "csv", *, public: bool = False) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in package_files(session, fmt, public=public).items():
            zf.writestr(name, body)
    return buf.getvalue()
