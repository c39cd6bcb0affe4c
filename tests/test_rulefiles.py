"""The rule data's integrity: every file under `plancockpit/data` loads through the one loader,
every field of every file is documented in docs/rules.md, a malformed file is refused with one
error naming the file and the field, and no Chinese word list hides in `extract/*.py` (the
lists live in the rule files; what stays in code is grammar, allowed below with its reason)."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from plancockpit import rulefiles
from plancockpit.errors import ConfigError, RuleFileError

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "plancockpit" / "data"
RULES_DOC = REPO / "docs" / "rules.md"
# files under plancockpit/data that are not rule data, and why
NOT_RULES = {
    "extract/README.md": "how to extend the extraction rules (prose)",
    "regions_example.csv": "an example region table for `plancockpit regions import`",
}
ALL = sorted([*rulefiles.FILES, *rulefiles.TABLES])


def test_every_file_of_the_data_folder_is_a_registered_rule_file() -> None:
    present = {p.relative_to(DATA).as_posix() for p in DATA.rglob("*") if p.is_file()}
    present = {p for p in present if "__pycache__" not in p}
    assert sorted(present - set(NOT_RULES)) == ALL


@pytest.mark.parametrize("name", ALL)
def test_every_rule_file_loads_through_the_loader(name: str) -> None:
    if name in rulefiles.TABLES:
        rows = rulefiles.table(name, rulefiles.TABLES[name])
        assert rows and rulefiles.table(name, rulefiles.TABLES[name]) is rows  # read once
    else:
        model = rulefiles.load(name, rulefiles.FILES[name])
        assert rulefiles.load(name, rulefiles.FILES[name]) is model


def _sections(text: str) -> dict[str, str]:
    """docs/rules.md by file: the text under each `### \\`name\\`` heading."""
    parts = re.split(r"^### `([^`]+)`\s*$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.parametrize("name", ALL)
def test_every_field_of_every_rule_file_is_documented(name: str) -> None:
    sections = _sections(RULES_DOC.read_text("utf-8"))
    assert name in sections, f"docs/rules.md has no section ### `{name}`"
    schema = rulefiles.FILES.get(name) or rulefiles.TABLES[name]
    rows = set(re.findall(r"^\| `([^`]+)` \|", sections[name], flags=re.MULTILINE))
    assert sorted(set(rulefiles.field_paths(schema)) - rows) == []
    assert sorted(rows - set(rulefiles.field_paths(schema))) == []  # no stale rows either


def _broken(name: str, change: Any) -> str:
    data = yaml.safe_load(rulefiles.text(name))
    change(data)
    return yaml.safe_dump(data, allow_unicode=True)


def _set(path: list[Any], value: Any) -> Any:
    def change(data: Any) -> None:
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value

    return change


BROKEN = [
    ("meta_cues.yaml", _set(["region", "issuer_head"], "many"), "region.issuer_head"),
    ("meta_cues.yaml", _set(["lede"], "(unclosed"), "lede"),
    ("meta_cues.yaml", _set(["zodiac", "鼠"], 2021), "zodiac"),
    ("outline_markers.yaml", _set(["markers", 2, "kind"], "paragraph"), "markers[2].kind"),
    ("outline_markers.yaml", _set(["markers", 0, "pattern"], "第.篇"), "markers[0].pattern"),
    ("extract/cues.yaml", lambda d: d.pop("target_cues"), "target_cues"),
    ("extract/labels.yaml", _set(["quote_pairs", 0], "“"), "quote_pairs"),
    ("extract/labels.yaml", _set(["surprise"], [1]), "surprise"),
    ("indicator_aliases.yaml", _set([3, "direction"], "sideways"), "[3].direction"),
    ("unit_families.yaml", _set(["families", "mass", "base"], "斤"), "families.mass.base"),
    ("ask/intents.yaml", _set(["intents", 0, "needs"], "everything"), "intents[0].needs"),
    ("i18n.yaml", _set(["overview", "en"], ""), "overview.en"),
    ("assessment_notes.yaml", _set(["notes", "stale", "en"], "{x}"), "notes.stale"),
    ("unit_families.yaml", _set(["families", "mass", "units", "斤"], 1), "families.mass.units"),
    ("domains.yaml", _set([0, "fold_into"], "宇宙"), "[0].fold_into"),
    ("meta_cues.yaml", _set(["title_kinds", 1, "kind"], "poem"), "title_kinds[1].kind"),
]


@pytest.mark.parametrize(
    ("name", "change", "where"), BROKEN, ids=[f"{n}:{w}" for n, _, w in BROKEN]
)
def test_a_malformed_file_is_refused_naming_file_and_field(
    name: str, change: Any, where: str
) -> None:
    with pytest.raises(RuleFileError) as caught:
        rulefiles.parse(name, _broken(name, change))
    err = caught.value
    assert isinstance(err, ConfigError) and err.file == name and err.where.startswith(where)
    assert str(err).startswith(f"{name}: {where}") and "\n" not in str(err)


@pytest.mark.parametrize(
    ("line", "where"),
    [
        ("个\tcount\textra", "line 1"),  # a third cell
        ("个\tnoun", "line 1: class"),  # an unknown class
        ("# a comment\n\n \tcount", "line 3: unit"),  # a blank unit
    ],
)
def test_a_malformed_table_row_is_refused_naming_its_line_and_column(line: str, where: str) -> None:
    with pytest.raises(RuleFileError, match=rf"^extract/units\.tsv: {where}"):
        rulefiles.parse_table("extract/units.tsv", line, rulefiles.TABLES["extract/units.tsv"])


def test_bad_yaml_names_the_line() -> None:
    with pytest.raises(RuleFileError, match=r"^i18n\.yaml: line 3: "):
        rulefiles.parse("i18n.yaml", "a: {zh: 甲, en: A}\nb: {zh: 乙, en: B\nc: 1\n")


# --- no Chinese word lists in the extractor's code ----------------------------------------------

EXTRACT = REPO / "plancockpit" / "extract"
CJK = re.compile(r"[\u4e00-\u9fff]")
CJK_WORD = re.compile(r"^\^?[\u4e00-\u9fff]+\$?$")
# (module, the top-level name holding the literal) → why it stays in code
ALLOWED = {
    (
        "context.py",
        "PLAN_TIME",
    ): "time grammar: a plan period as a time (“十四五”时期), built on PLAN_ORDINAL",
    (
        "context.py",
        "LEAD_TIME",
    ): "time grammar: a leading year or connective (到2025年, 同时) cut off a metric",
    ("context.py", "TRAIL_TIME"): "time grammar: a trailing year (较2020年) cut off a metric",
    ("context.py", "RUN_OF_TIME"): "time grammar: a run of months, quarters or years (连续24个月)",
    (
        "context.py",
        "PERIOD_ONLY",
    ): "time grammar: a phrase that only names a period (五年, 十三五期间)",
    (
        "context.py",
        "MULTI_YEAR",
    ): "time grammar: a span of several years (今后五年) making a total cumulative",
    ("context.py", "CHANGE_TO"): "the 从A提高到B construction: a verb + 到/至 after a start value",
    ("context.py", "COMPARED_FROM"): "function characters (较 比 与 同) before a reference year",
    (
        "prose.py",
        "BOUND",
    ): "an age or a technical size defining what is counted: units in a grammar",
    ("prose.py", "_metric"): "technical sizes (千伏, 千瓦, 米) that may stand inside a metric name",
    ("scan.py", "MAGNITUDE"): "numeral grammar: magnitude prefixes (万, 亿), not words",
    ("scan.py", "_read"): "numeral grammar: Chinese digits (两 二 三) and positions",
    (
        "tables.py",
        "GROWTH_NAME",
    ): "an indicator name ending in a change (…增长率): a shape anchored at the end",
    (
        "tables.py",
        "LEAF",
    ): "the header cells of an indicator table (序号, 指标, 单位, 属性, a year)",
    (
        "tables.py",
        "_column",
    ): "column-header words deciding a column's kind and basis (目标, 完成, 年均)",
    (
        "tables.py",
        "SPECIAL_COLUMNS",
    ): "the header cells naming an indicator table's special columns",
    (
        "tables.py",
        "VALUE",
    ): "a table cell's shape; its comparator words (约, 左右, 以上) mean what comparators.tsv says",
    (
        "tense.py",
        "GAP",
    ): "a comparison with a goal (低于规划预期…) just before the number: a shape anchored at the end",
}


def _literal_words(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Dict):
        items: list[ast.AST | None] = [*node.keys, *node.values]
    elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        items = list(node.elts)
    else:
        return []
    return [
        n.value
        for n in items
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and CJK.search(n.value)
    ]


def _alternatives(pattern: str) -> int:
    """The most CJK words one alternation of `pattern` offers (innermost groups first)."""
    most, text = 0, pattern
    while True:
        groups = re.findall(r"\((?:\?:)?([^()]*)\)", text)
        for body in [*groups, *([] if groups else [text])]:
            most = max(most, sum(1 for a in body.split("|") if CJK_WORD.match(a.strip())))
        if not groups:
            return most
        text = re.sub(r"\((?:\?:)?[^()]*\)", "G", text)


def _owner(stmt: ast.stmt) -> str:
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return stmt.name
    if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
        return stmt.targets[0].id
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
        return stmt.target.id
    return f"line {stmt.lineno}"


def word_lists() -> dict[tuple[str, str], str]:
    """(module, owner) → the first offending literal, for every word list in extract/*.py."""
    found: dict[tuple[str, str], str] = {}
    for path in sorted(EXTRACT.glob("*.py")):
        for stmt in ast.parse(path.read_text("utf-8")).body:
            for node in ast.walk(stmt):
                words = _literal_words(node)
                regex = (
                    node.value
                    if isinstance(node, ast.Constant) and isinstance(node.value, str)
                    else ""
                )
                if len(words) >= 3 or (regex and _alternatives(regex) >= 3):
                    found.setdefault((path.name, _owner(stmt)), repr(words or regex)[:80])
    return found


def test_the_scan_finds_a_word_list() -> None:
    assert (
        _alternatives(r"(?:增长|下降|降低)(?:率)?$") == 3
        and _alternatives(r"增速|增长率|增幅") == 3
    )
    assert _alternatives(r"(?P<n>[一二三])五|\d+") == 0
    assert _literal_words(ast.parse('("力争", "争取", "努力")').body[0].value) == [
        "力争",
        "争取",
        "努力",
    ]  # type: ignore[attr-defined]


def test_no_cjk_word_list_lives_in_extract_code() -> None:
    found = word_lists()
    assert {k: v for k, v in found.items() if k not in ALLOWED} == {}, "move these to data/extract/"
    assert sorted(set(ALLOWED) - set(found)) == [], "allowed entries that no longer exist"
