"""An `EvaluationReport` as a Word document (python-docx), with its charts drawn by matplotlib.

python-docx writes real .docx files that Word and LibreOffice open; matplotlib draws the status
chart with a CJK font from the system (Debian's fonts-noto-cjk) when one is installed.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from plancockpit.services.progress.evaluation_report import (
    EvaluationReport,
    Row,
    status_label,
)
from plancockpit.vocabulary import STATUS_COLOURS as COLOURS
from plancockpit.vocabulary import STATUSES as STATUS_ORDER

CJK_FONTS = ("Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Zen Hei", "SimHei")
WORDS = {
    "zh": {
        "summary": "一、总体情况",
        "domains": "二、分领域评估",
        "lagging": "三、滞后指标",
        "units": "四、牵头单位通报",
        "sources": "说明",
        "indicator": "指标",
        "target": "目标",
        "deadline": "目标年",
        "latest": "最新值",
        "progress": "进度",
        "status": "评价",
        "lead": "牵头单位",
        "source": "来源",
        "unit": "牵头单位",
        "targets": "目标数",
        "green": "实现或进度正常",
        "lag": "滞后或有风险",
        "no_data": "暂无数据",
        "share": "正常占比",
        "rank": "名次",
        "none": "无。",
        "chart": "各领域目标评价",
        "total": "纳入评估的目标共{n}个：{parts}。",
        "as_of": "评估时点：{on}。评价口径见 docs/methodology.md；每个数字的来源列出其文件与原句。",
        "latest_source": "最新值来源",
        "explained": "牵头单位对督办事项的答复：",
        "item": "督办事项",
        "answered_by": "答复单位及日期",
        "explanation": "原因分析",
        "measures": "整改措施",
        "expected": "预计完成",
    },
    "en": {
        "summary": "1. Overview",
        "domains": "2. By domain",
        "lagging": "3. Lagging targets",
        "units": "4. Lead units",
        "sources": "Notes",
        "indicator": "Indicator",
        "target": "Target",
        "deadline": "Year",
        "latest": "Latest",
        "progress": "Progress",
        "status": "Assessment",
        "lead": "Lead unit",
        "source": "Source",
        "unit": "Lead unit",
        "targets": "Targets",
        "green": "Achieved or on track",
        "lag": "Lagging or at risk",
        "no_data": "No data",
        "share": "Share on track",
        "rank": "Rank",
        "none": "None.",
        "chart": "Assessment by domain",
        "total": "{n} targets evaluated: {parts}.",
        "as_of": "Evaluated on {on}. Method: docs/methodology.md; every figure's source "
        "names its document and sentence.",
        "latest_source": "Source of the latest value",
        "explained": "The lead units' answers to their supervision items:",
        "item": "Supervision item",
        "answered_by": "Answered by, on",
        "explanation": "Reasons",
        "measures": "Measures",
        "expected": "Expected by",
    },
}


def write_docx(report: EvaluationReport, path: Path, *, charts: bool = True) -> Path:
    """Write the report to `path` (.docx) and return it."""
    from docx import Document
    from docx.shared import Cm, Pt

    w = WORDS[report.lang]
    doc = Document()
    _landscape(doc.sections[0])  # nine-column tables read better across
    style: Any = doc.styles["Normal"]
    style.font.size = Pt(10.5)
    doc.add_heading(report.title, level=0)
    doc.add_paragraph(w["as_of"].format(on=report.on.isoformat()))

    doc.add_heading(w["summary"], level=1)
    parts = (
        "、".join(f"{status_label(k, report.lang)}{n}个" for k, n in report.counts.items())
        if report.lang == "zh"
        else ", ".join(f"{n} {status_label(k, 'en')}" for k, n in report.counts.items())
    )
    doc.add_paragraph(w["total"].format(n=report.total, parts=parts))
    _table(doc, [w["status"], w["targets"]], [[k, str(n)] for k, n in report.words.items()])
    if charts:
        doc.add_picture(io.BytesIO(status_chart(report)), width=Cm(18))

    doc.add_heading(w["domains"], level=1)
    for section in report.domains:
        doc.add_heading(section.name, level=2)
        doc.add_paragraph(
            "；".join(f"{status_label(k, report.lang)} {n}" for k, n in section.counts.items())
        )
        _rows_table(doc, section.rows, w)

    doc.add_heading(w["lagging"], level=1)
    if report.lagging:
        _rows_table(doc, report.lagging, w)
    else:
        doc.add_paragraph(w["none"])
    if report.explanations:  # the lead units' answers to their supervision items (督办)
        doc.add_paragraph(w["explained"])
        _table(
            doc,
            [
                w["indicator"],
                w["item"],
                w["answered_by"],
                w["explanation"],
                w["measures"],
                w["expected"],
            ],
            [
                [
                    e.indicator,
                    f"#{e.item} ({e.state})",
                    f"{e.unit} {e.answered.isoformat()}",
                    e.explanation,
                    e.measures,
                    e.expected.isoformat() if e.expected else "",
                ]
                for e in report.explanations
            ],
        )

    doc.add_heading(w["units"], level=1)
    _table(
        doc,
        [w["rank"], w["unit"], w["targets"], w["green"], w["lag"], w["no_data"], w["share"]],
        [
            [
                str(i),
                u.unit,
                str(u.targets),
                str(u.green),
                str(u.lagging),
                str(u.no_data),
                f"{u.share:.0%}" if u.share is not None else "–",
            ]
            for i, u in enumerate(report.units, start=1)
        ],
    )
    doc.save(str(path))
    return path


def _landscape(section: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))


def _rows_table(doc: Any, rows: list[Row], w: dict[str, str]) -> None:
    _table(
        doc,
        [
            w["indicator"],
            w["target"],
            w["deadline"],
            w["latest"],
            w["progress"],
            w["status"],
            w["lead"],
            w["source"],
            w["latest_source"],
        ],
        [
            [
                r.indicator,
                r.target,
                str(r.deadline or ""),
                r.latest,
                r.progress,
                r.words,
                r.lead_units,
                r.source,
                r.latest_source,
            ]
            for r in rows
        ],
    )


def _table(doc: Any, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text


def status_chart(report: EvaluationReport) -> bytes:
    """A stacked bar per domain of the targets by status, as PNG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    installed = {f.name for f in font_manager.fontManager.ttflist}
    fonts = [f for f in CJK_FONTS if f in installed]
    with plt.rc_context({"font.family": [*fonts, "sans-serif"], "axes.unicode_minus": False}):
        names = [s.name for s in report.domains]
        fig, ax = plt.subplots(figsize=(7, 0.5 * len(names) + 1.5), dpi=150)
        left = [0] * len(names)
        for status in STATUS_ORDER:
            counts = [s.counts.get(status, 0) for s in report.domains]
            if any(counts):
                ax.barh(
                    names,
                    counts,
                    left=left,
                    color=COLOURS[status],
                    label=status_label(status, report.lang),
                )
                left = [a + b for a, b in zip(left, counts, strict=True)]
        ax.invert_yaxis()
        ax.set_title(WORDS[report.lang]["chart"])
        ax.legend(loc="lower right", fontsize="small")
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format="png")
        plt.close(fig)
    return out.getvalue()
