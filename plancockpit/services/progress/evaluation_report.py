"""What a 规划实施监测评估报告 says, as data: the statuses on the last day of a year, grouped by
domain, the lagging targets and the ranking of lead units, each figure with its source. The
writer (`plancockpit/report/docx_report.py`) only lays this out."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from plancockpit.db.models import Document, SupervisionItem, SupervisionTransition
from plancockpit.errors import Invalid
from plancockpit.evaluate.assessment import LABELS
from plancockpit.services.linking.lineage import document_day
from plancockpit.services.progress.status import Source, TargetStatus, status_report
from plancockpit.vocabulary import STATUSES

Kind = Literal["annual", "midterm"]
Lang = Literal["zh", "en"]
LAGGING = ("off_track", "at_risk")
SENTENCE_END = re.compile(r"[。；;！!？?\n]")
NO_DOMAIN = {"zh": "其他", "en": "Other"}
STATUS_LABELS: dict[str, tuple[str, str]] = {str(k): v for k, v in LABELS.items()}


@dataclass(frozen=True)
class Row:
    """One target as the report's tables show it."""

    indicator: str
    target: str
    deadline: int | None
    latest: str
    progress: str
    status: str
    words: str
    lead_units: str
    source: str  # the document and the sentence that set the target
    latest_source: str  # where the latest value came from


@dataclass(frozen=True)
class DomainSection:
    name: str
    counts: dict[str, int]
    rows: list[Row]


@dataclass(frozen=True)
class UnitRank:
    unit: str
    targets: int
    green: int  # achieved or on track
    lagging: int
    no_data: int
    share: float | None  # green ÷ judged (no data and not yet due left out)


@dataclass(frozen=True)
class Explanation:
    """A lagging target's lead unit's latest answer to its supervision item (督办)."""

    indicator: str
    item: int
    unit: str  # who answered
    state: str  # the item's state now
    explanation: str  # 原因分析
    measures: str  # 整改措施
    expected: date | None
    answered: date


@dataclass(frozen=True)
class EvaluationReport:
    title: str
    on: date
    kind: Kind
    lang: Lang
    region: str
    counts: dict[str, int]
    words: dict[str, int]  # 提前实现 / 快于预期 / 基本符合预期 / 滞后于预期 …
    domains: list[DomainSection]
    lagging: list[Row]
    units: list[UnitRank] = field(default_factory=list)
    explanations: list[Explanation] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def evaluation_report(
    session: Session, year: int, *, region: str = "", kind: Kind = "annual", lang: Lang = "zh"
) -> EvaluationReport:
    """The report at the end of `year`, with the year's figures: the targets due in the year
    or later (superseded ones and those of documents of a later date left out), of `region` and
    its sub-regions when given."""
    if not 1900 <= year <= 2200:
        raise Invalid(f"year {year} is not a year / 年份无效")
    end = date(year, 12, 31)
    on = end + timedelta(days=1)  # the year's annual figures count from its last day on
    later = {
        d.id
        for d in session.execute(
            select(
                Document.id,
                Document.doc_date,
                Document.period_start,
                Document.period_end,
                Document.base_year,
            )
        )
        if document_day(d.doc_date, d.period_start, d.period_end, d.base_year) > end
    }
    # A target ending before the year was reported on before; one of a plan that ends with
    # the year is reported on here, though the next plan makes it history in the cockpit.
    statuses = [
        s
        for s in status_report(session, on).targets
        if not s.superseded
        and s.document_id not in later
        and (s.deadline is None or s.deadline >= year)
        and (not region or region in s.region_path or s.region == region)
    ]
    if not statuses:
        raise Invalid(
            f"no targets to report on for {year}{' in ' + region if region else ''} / "
            "没有可评估的目标"
        )
    texts = _texts(session, statuses)
    rows = {s.target_id: _row(s, texts, lang) for s in statuses}
    domains: dict[str, list[TargetStatus]] = {}
    for s in statuses:
        domains.setdefault(s.domain or NO_DOMAIN[lang], []).append(s)
    sections = [
        DomainSection(name, _counts(members), [rows[s.target_id] for s in members])
        for name, members in sorted(domains.items(), key=lambda kv: -len(kv[1]))
    ]
    lagging = sorted(
        (s for s in statuses if s.assessment.status in LAGGING),
        key=lambda s: (s.attribute != "约束性", s.assessment.progress or 0.0),
    )
    place = region or _region_of(statuses)
    return EvaluationReport(
        title=_title(place, year, kind, lang),
        on=end,
        kind=kind,
        lang=lang,
        region=place,
        counts=_counts(statuses),
        words=dict(Counter(_words(s, lang) for s in statuses).most_common()),
        domains=sections,
        lagging=[rows[s.target_id] for s in lagging],
        units=_ranking(statuses),
        explanations=_explanations(session, lagging),
    )


def _explanations(session: Session, lagging: list[TargetStatus]) -> list[Explanation]:
    """The latest answer of each lagging target's supervision item (an evaluation written after
    the year's end takes the units' answers given since)."""
    names = {s.target_id: s.indicator for s in lagging}
    if not names:
        return []
    rows = session.execute(
        select(SupervisionItem, SupervisionTransition)
        .join(SupervisionTransition)
        .where(SupervisionItem.target_id.in_(list(names)), SupervisionTransition.explanation != "")
        .order_by(SupervisionTransition.at, SupervisionTransition.id)
    )
    latest: dict[int, Explanation] = {}
    for item, step in rows:
        latest[item.target_id] = Explanation(
            names[item.target_id],
            item.id,
            step.actor,
            item.state,
            step.explanation,
            step.measures,
            step.expected_date,
            step.at.date(),
        )
    return [latest[t] for t in names if t in latest]


def _title(place: str, year: int, kind: Kind, lang: Lang) -> str:
    if lang == "en":
        what = "mid-term evaluation" if kind == "midterm" else "annual monitoring and evaluation"
        return f"{place} plan implementation: {what} report, {year}".strip()
    what = "规划实施中期评估报告" if kind == "midterm" else "规划实施年度监测评估报告"
    return f"{place}{year}年{what}"


def _region_of(statuses: list[TargetStatus]) -> str:
    tops = Counter(s.region_path[0] for s in statuses if s.region_path)
    return tops.most_common(1)[0][0] if tops else ""


def _counts(statuses: list[TargetStatus]) -> dict[str, int]:
    found: Counter[str] = Counter(s.assessment.status for s in statuses)
    return {k: found[k] for k in STATUSES if found[k]}


def _words(s: TargetStatus, lang: Lang) -> str:
    a = s.assessment
    words = a.words if lang == "zh" else a.words_en
    return words or status_label(a.status, lang)


def status_label(status: str, lang: Lang) -> str:
    zh, en = STATUS_LABELS[status]
    return zh if lang == "zh" else en


def _texts(session: Session, statuses: list[TargetStatus]) -> dict[str, tuple[str, str]]:
    """Document file name → (title, text) for every document a source names."""
    names = {src.doc for s in statuses for src in (s.source, s.latest_source) if src}
    if not names:
        return {}
    rows = session.execute(
        select(Document.name, Document.title, Document.text).where(Document.name.in_(names))
    )
    return {n: (t or n, text) for n, t, text in rows}


def sentence(text: str, start: int, end: int, limit: int = 120) -> str:
    """The sentence around text[start:end], cut to about `limit` characters around the number."""
    left = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    left = max(left, start - limit // 2)
    right_match = SENTENCE_END.search(text, end)
    right = min(right_match.end() if right_match else len(text), end + limit // 2)
    return " ".join(text[left:right].split())


def _cite(src: Source | None, texts: dict[str, tuple[str, str]], lang: Lang) -> str:
    if src is None or src.doc not in texts:
        return ""
    title, text = texts[src.doc]
    quote = sentence(text, src.start, src.end)
    return f"《{title}》：“{quote}”" if lang == "zh" else f"{title}: “{quote}”"


def _row(s: TargetStatus, texts: dict[str, tuple[str, str]], lang: Lang) -> Row:
    a = s.assessment
    latest = ""
    if a.latest is not None:
        year = f"{int(a.latest_time)}" if a.latest_time is not None else ""
        latest = f"{a.latest:g}{s.unit}" + (
            f"（{year}）" if lang == "zh" and year else f" ({year})" if year else ""
        )
    entered = "导入或填报数据" if lang == "zh" else "imported or entered value"
    return Row(
        indicator=s.indicator,
        target=s.target_text if lang == "zh" else s.target_text_en,
        deadline=s.deadline,
        latest=latest,
        progress=f"{a.progress:.0%}" if a.progress is not None else "",
        status=status_label(a.status, lang),
        words=_words(s, lang),
        lead_units="、".join(s.lead_units),
        source=_cite(s.source, texts, lang),
        latest_source=_cite(s.latest_source, texts, lang) or (entered if latest else ""),
    )


def _ranking(statuses: list[TargetStatus]) -> list[UnitRank]:
    """Lead units by the share of their judged targets achieved or on track, then by count."""
    by_unit: dict[str, list[TargetStatus]] = {}
    for s in statuses:
        for unit in s.lead_units:  # targets without a lead unit rank no one
            by_unit.setdefault(unit, []).append(s)
    ranks = []
    for unit, members in by_unit.items():
        counts: Counter[str] = Counter(s.assessment.status for s in members)
        green = counts["achieved"] + counts["on_track"]
        judged = len(members) - counts["no_data"] - counts["not_yet_due"]
        ranks.append(
            UnitRank(
                unit,
                len(members),
                green,
                counts["off_track"] + counts["at_risk"],
                counts["no_data"],
                green / judged if judged else None,
            )
        )
    return sorted(ranks, key=lambda r: (r.share is None, -(r.share or 0.0), -r.targets, r.unit))
