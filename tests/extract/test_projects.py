"""Major projects found in real documents (read from ../shared, never copied): names, stages,
investments and the 专栏 project groups of the Xiaoshan outline; categories, tallies and clause
fragments are never names."""

from __future__ import annotations

from pathlib import Path

import pytest

from plancockpit.extract.projects import ProjectMention, find_projects, load_project_rules
from plancockpit.read import read_file
from plancockpit.vocabulary import PROJECT_STAGES

REAL = Path(__file__).resolve().parents[2] / "../shared/corpus/real"
XIAOSHAN = Path(__file__).resolve().parents[2] / "../shared/corpus/xiaoshan"


def _text(folder: Path, pattern: str) -> str:
    paths = sorted(folder.glob(pattern))
    if not paths:
        pytest.skip(f"{folder / pattern} not found")
    return read_file(paths[0]).text


def _named(found: list[ProjectMention]) -> dict[str, ProjectMention]:
    return {m.name: m for m in found}


@pytest.mark.parametrize(
    ("doc", "name", "stage", "why"),
    [
        (
            "zhejiang_2026*",
            "沪乍杭铁路",
            "开工",
            "verb first: 开工建设A、B、C等项目; 铁路 is a head noun",
        ),
        (
            "zhejiang_2026*",
            "杭州芯光半导体芯片项目",
            "开工",
            "a listed name gets the list's head 项目",
        ),
        ("chongqing_2026*", "国际复材电子级玻璃纤维项目", "投产", "names first: …等项目建成投产"),
        ("gansu_2026*", "陇电入鲁工程", "竣工", "a single name: 工程建成投运"),
        ("hunan_2026*", "长沙机场改扩建工程", "竣工", "the opener 完成 is cut off"),
        ("shanxi_2026*", "黄河古贤水利枢纽", "开工", "a relative clause …的 is cut off"),
        ("guangxi_2026*", "黄桶至百色铁路", "在建", "等7个铁路项目: each listed name is a 铁路"),
        ("hailar_2017*", "国网信通大数据项目", "开工", "with its total investment"),
    ],
)
def test_real_work_reports_name_projects(doc: str, name: str, stage: str, why: str) -> None:
    found = _named(find_projects(_text(REAL, doc)))
    assert name in found, why
    assert found[name].stage == stage


def test_investment_is_read_in_yi_yuan_with_the_text_kept() -> None:
    found = _named(find_projects(_text(REAL, "hailar_2017*")))
    assert found["国网信通大数据项目"].investment == 10.0
    assert found["国网信通大数据项目"].investment_text == "10亿元"
    assert found["棚户区改造工程"].investment == 103.7  # "总投资103.7亿元的棚户区改造工程"


@pytest.mark.parametrize(
    ("doc", "not_a_name"),
    [
        ("guangxi_2026*", "243个重点项目"),  # a tally
        ("jiangsu_2026*", "促进项目"),  # 促进项目投产达产: a clause
        ("neimenggu_2026*", "政策落实项目"),  # 确保政策落实、项目开工
        ("neimenggu_2026*", "签约项目落地转化项目"),
        ("henan_2026*", "源网荷储一体化项目"),  # 建成一批…项目: a batch, not one project
        ("xinjiang_2026*", "重大投资项目"),
        ("xiaoshan", "江南变系列工程"),  # 开工准备 is not a start
    ],
)
def test_no_category_tally_or_fragment_is_a_name(doc: str, not_a_name: str) -> None:
    text = _text(XIAOSHAN, "004_*.txt") if doc == "xiaoshan" else _text(REAL, doc)
    assert not_a_name not in _named(find_projects(text))


def test_every_found_name_ends_in_a_head_noun_and_has_a_vocabulary_stage() -> None:
    rules = load_project_rules()
    if not REAL.is_dir():
        pytest.skip("real corpus not found")
    found = [m for p in sorted(REAL.glob("*.txt")) for m in find_projects(read_file(p).text)]
    assert len(found) >= 200  # 219 on the 32 work reports when written
    for m in found:
        assert m.name.endswith(rules.heads), m
        assert m.stage is None or m.stage in PROJECT_STAGES
        assert "、" not in m.name and "等" not in m.name


def test_the_xiaoshan_outline_box_gives_project_groups() -> None:
    groups = [m for m in find_projects(_text(XIAOSHAN, "002_*.txt")) if m.kind == "group"]
    by_name = _named(groups)
    science = by_name["“双百双千”重大项目建设行动·科创园区领域"]
    assert (science.count, science.investment, science.lead_unit) == (18, 200.0, "区发改局")
    assert by_name["“双百双千”重大项目建设行动"].investment == 2500.0
    assert len(groups) == 6
