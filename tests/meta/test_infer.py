"""Metadata inferred from the corpus and from small made-up texts (genre rules, not file names)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from plancockpit.layout import clean
from plancockpit.meta import DocumentMeta, infer_metadata
from plancockpit.meta.cues import load_cues
from plancockpit.meta.numerals import cn_number
from plancockpit.meta.period import plan_period
from plancockpit.outline import build_outline
from plancockpit.read import SourceDocument, read_file


def _meta(source: SourceDocument) -> DocumentMeta:
    layout = clean(source.text)
    return infer_metadata(source, layout, build_outline(source, layout))


def _text(text: str) -> DocumentMeta:
    return _meta(SourceDocument(name="t.txt", text=text, format="txt"))


@pytest.fixture(scope="module")
def corpus_meta(corpus_dir: Path) -> dict[str, DocumentMeta]:
    return {p.name[:3]: _meta(read_file(p)) for p in sorted(corpus_dir.glob("0*_*.txt"))}


def test_plan_period_and_base_year(corpus_meta: dict[str, DocumentMeta]) -> None:
    meta = corpus_meta["002"]
    assert meta.kind == "plan"
    assert (meta.period_start, meta.period_end, meta.base_year) == (2021, 2025, 2020)
    assert "第十四个五年规划" in meta.title
    assert meta.region == "萧山区"
    assert "five-year plan no. 14" in meta.evidence["period"]


def test_work_report_year_from_plan_opening(corpus_meta: dict[str, DocumentMeta]) -> None:
    meta = corpus_meta["004"]
    assert meta.kind == "annual_report" and meta.period_end == 2026
    assert "十五五" in meta.evidence["year"]


def test_kinds_and_region_across_corpus(corpus_meta: dict[str, DocumentMeta]) -> None:
    assert corpus_meta["001"].kind == "news"
    assert corpus_meta["003"].kind == "interview"
    assert corpus_meta["000"].period_end == 2021  # 今年是“十四五”开局之年
    assert corpus_meta["000"].date == date(2021, 7, 16)
    assert {m.region for m in corpus_meta.values()} == {"萧山区"}


CASES = [
    # (text, kind, region, (start, end, base), why)
    ("宁波市鄞州区国民经济和社会发展第十五个五年规划纲要\n第一章 发展基础\n到2030年，地区生产总值达到3000亿元。",
     "plan", "鄞州区", (2026, 2030, 2025), "ordinal 15 → 2026–2030"),
    ("温州市鹿城区养老服务体系建设规划（2021—2025年）\n一、发展基础\n到2025年，新增床位500张。",
     "plan", "鹿城区", (2021, 2025, 2020), "explicit range in the title"),
    ("2024年淳安县政府工作报告\n各位代表：\n今年主要预期目标是：地区生产总值增长6%。",
     "annual_report", "淳安县", (None, 2024, None), "year in the title"),
    ("政府工作报告\n各位代表：今年是“十五五”开局之年。建德市全年地区生产总值增长5.5%左右。",
     "annual_report", "建德市", (None, 2026, None), "opening year of the 15th plan"),
    ("本报讯（记者 张三）昨日，区委召开常委会。\n会议指出，要抓好落实。", "news", "", (None, None, None), "news without year or place"),
    ("天气很好，我们去公园散步吧", "other", "", (None, None, None), "no cue at all"),
]


@pytest.mark.parametrize(("text", "kind", "region", "years", "why"), CASES, ids=[c[4] for c in CASES])
def test_genre_rules(text: str, kind: str, region: str, years: tuple[int | None, ...], why: str) -> None:
    meta = _text(text)
    assert meta.kind == kind, why
    assert meta.region == region, why
    assert (meta.period_start, meta.period_end, meta.base_year) == years, why


def test_overrides_keep_evidence_honest() -> None:
    meta = _text("2024年淳安县政府工作报告\n各位代表：").with_overrides(region="千岛湖镇", kind=None)
    assert meta.region == "千岛湖镇" and meta.kind == "annual_report"
    assert meta.evidence["region"] == "set by user"


def test_plan_ordinals_and_numerals() -> None:
    cues = load_cues()
    assert plan_period(14, cues) == (2021, 2025)
    assert plan_period(13, cues) == (2016, 2020)
    assert cn_number("十五") == 15 and cn_number("二〇三五") == 2035 and cn_number("百") is None
