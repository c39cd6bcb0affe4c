"""The one loader of rule data: every rule file, lexicon and word table lives under
`plancockpit/data/` (subfolders per stage where a stage has several), is read once, validated
against its schema (`rulefiles/schemas.py`) and refused with one error, `RuleFileError`, whose
one-line message names the file and the field. The stages build their own typed views from the
validated models; this module reads files and knows no stage."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any, TypeVar, get_args

import yaml
from pydantic import BaseModel, RootModel, ValidationError

from plancockpit.errors import RuleFileError
from plancockpit.rulefiles.schemas import FILES, TABLES, Row

__all__ = [
    "FILES",
    "TABLES",
    "RuleFileError",
    "field_paths",
    "load",
    "parse",
    "parse_table",
    "table",
    "text",
    "validate",
]

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R", bound=Row)


def text(name: str) -> str:
    """The text of rule file `name` (a path under `plancockpit/data`, e.g. `extract/cues.yaml`)."""
    try:
        return resources.files("plancockpit").joinpath("data", *name.split("/")).read_text("utf-8")
    except OSError as exc:
        raise RuleFileError(name, "", f"cannot be read ({exc.strerror or exc})") from None


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation holds (a list of entries, a mapping of them, an optional one)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]


def field_paths(schema: type[BaseModel], prefix: str = "") -> list[str]:
    """Every field a rule file may hold, as dotted paths (`region.issuer_head`); the entries of a
    top-level list or mapping (a RootModel) give their fields without a prefix. The docs list
    each (docs/rules.md, tests/test_rulefiles.py)."""
    out: list[str] = []
    for key, info in schema.model_fields.items():
        name = info.alias or key
        if issubclass(schema, RootModel):
            for model in _models_in(info.annotation):
                out += field_paths(model, prefix)
            continue
        out.append(prefix + name)
        for model in _models_in(info.annotation):
            out += field_paths(model, f"{prefix}{name}.")
    return list(dict.fromkeys(out))


def _where(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as a path in the file: `markers[3].pattern`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part != "root":  # the list or mapping a RootModel wraps
            out += f".{part}" if out else str(part)
    return out


def _problem(exc: ValidationError) -> tuple[str, str]:
    """(where, reason) of the first error; a model-level check says its field as `@path: …`
    (schemas.at), relative to the model it checks."""
    first = exc.errors(include_url=False)[0]
    where, reason = _where(tuple(first["loc"])), first["msg"].removeprefix("Value error, ")
    if reason.startswith("@"):
        rel, _, reason = reason[1:].partition(": ")
        where += rel if rel.startswith("[") or not where else f".{rel}"
    return where, reason


def validate(name: str, data: Any, schema: type[M]) -> M:
    """`data` (as YAML gives it) checked against `schema`; the first problem raised as a
    RuleFileError naming the file and the field."""
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        raise RuleFileError(name, *_problem(exc)) from None


def parse(name: str, source: str) -> BaseModel:
    """The YAML text `source` of rule file `name`, validated against the file's schema."""
    schema = FILES.get(name)
    if schema is None:
        raise RuleFileError(name, "", "not a registered rule file (rulefiles/schemas.py: FILES)")
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        raise RuleFileError(name, where, str(getattr(exc, "problem", None) or exc)) from None
    return validate(name, data, schema)


@functools.cache
def _loaded(name: str) -> BaseModel:
    return parse(name, text(name))


def load(name: str, schema: type[M]) -> M:
    """Rule file `name`, read and validated once per process, as the model `schema` (which must
    be the schema registered for it)."""
    if FILES.get(name) is not schema:
        raise RuleFileError(name, "", f"registered with another schema than {schema.__name__}")
    model = _loaded(name)
    assert isinstance(model, schema)
    return model


def parse_table(name: str, source: str, row: type[R]) -> tuple[R, ...]:
    """A tab-separated rule table: one row a line, cells in the order of the row model's fields,
    `#` lines and blank lines skipped; a bad row raised naming its line and field."""
    columns = [f.alias or key for key, f in row.model_fields.items()]
    rows: list[R] = []
    for n, line in enumerate(source.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != len(columns):
            raise RuleFileError(
                name,
                f"line {n}",
                f"expected {len(columns)} tab-separated fields "
                f"({', '.join(columns)}), got {len(cells)}: {line!r}",
            )
        try:
            rows.append(row.model_validate(dict(zip(columns, cells, strict=True))))
        except ValidationError as exc:
            field, reason = _problem(exc)
            raise RuleFileError(name, f"line {n}: {field}", reason) from None
    return tuple(rows)


@functools.cache
def _table(name: str) -> tuple[Row, ...]:
    return parse_table(name, text(name), TABLES[name])


def table(name: str, row: type[R]) -> tuple[R, ...]:
    """Tab-separated rule table `name`, read and validated once per process."""
    if TABLES.get(name) is not row:
        raise RuleFileError(name, "", f"registered with another row than {row.__name__}")
    rows = _table(name)
    assert all(isinstance(r, row) for r in rows)
    return rows  # type: ignore[return-value]
