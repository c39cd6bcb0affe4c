"""Reading a question (pure): text → an `Intent`, from the project's lexicons and the intent table.

The names a question may use come in a `Vocabulary` (indicator names and aliases, regions, lead
units, domains — built from the database by `plancockpit.ask.vocabulary`); the kind of question
from the cue words of `intents.yaml`. Names are found by the longest match first (海拉尔区 before
海拉尔, 美丽萧山 as a domain before 萧山 as a region); cue words are looked for only in what the
names leave over, so 实际利用外资 does not read as a question about an actual value.

>>> v = Vocabulary(indicators={"地区生产总值": (1,), "GDP": (1,)}, regions={"萧山区": "萧山区"},
...                units={"区发改局": "区发改局"}, domains={"经济质效": "经济质效"})
>>> i = read("2025年地区生产总值目标是多少？", v)
>>> i.kind, i.indicators, i.year
('target_value', (1,), 2025)
>>> read("区发改局牵头的目标有哪些滞后？", v).kind, read("区发改局牵头的目标有哪些滞后？", v).unit
('lagging_list', '区发改局')
>>> read("What is the latest value of GDP?", v).kind, read("What is the latest value of GDP?", v).lang
('latest_status', 'en')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from plancockpit.ask.rules import Rules, rules
from plancockpit.link.names import normalise

MAX_QUESTION = 200
_YEAR = re.compile(r"(?<![\d.])((?:19|20|21)\d\d)(?![\d.])\s*年?")
_GROWTH = ("增长", "增速", "增幅", "增加", "增长率", "growth", "grow", "increase")
# A leading place name the vocabulary does not know (上海市…): the question is about a place
# the database holds nothing of, which must not be answered with another place's figures.
_PLACE = re.compile(r"^((?:(?!的)[\u4e00-\u9fff]){2,8}?(?:省|市|自治区|县|区|州|盟|旗))")
_NOT_PLACE = ("全", "本", "我", "各", "该")  # 全市地区生产总值: the whole place, not a name
_REGION_SUFFIX = re.compile(
    r"(?:壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市|区|县|街道|镇)$"
)
_SPACE_BY_CJK = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")
_SPLIT = re.compile(r"[\s,，。.;；:：!！?？、()（）“”\"'|]+")


@dataclass(frozen=True)
class Vocabulary:
    """The names a question can use, each form (as `link.names.normalise` writes it) → what it
    names: indicator ids, a region, a lead unit's canonical name, a domain label."""

    indicators: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    regions: Mapping[str, str] = field(default_factory=dict)
    units: Mapping[str, str] = field(default_factory=dict)
    domains: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Intent:
    """What a question asks: its kind and everything it names."""

    kind: str
    question: str
    lang: str = "zh"
    indicators: tuple[int, ...] = ()  # best match first
    indicator_text: str = ""  # the words that named the indicator
    year: int | None = None
    region: str | None = None
    unknown_place: str | None = None  # a place named that the database does not hold
    unit: str | None = None
    domain: str | None = None
    statuses: tuple[str, ...] = ()
    attribute: str | None = None
    document_kind: str | None = None
    growth: bool = False
    topic: str = ""  # what is left of the question: the topic of document_commitments

    def to_json(self) -> dict[str, object]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}


def region_forms(name: str) -> list[str]:
    """A region's name and its short form (浙江省 → 浙江; 海拉尔区 → 海拉尔)."""
    short = _REGION_SUFFIX.sub("", name)
    return [name] + ([short] if short != name and len(short) >= 2 else [])


def _fold(text: str) -> str:
    """NFKC, no spaces next to Chinese characters, ASCII letters upper-cased (names compare so)."""
    text = _SPACE_BY_CJK.sub("", unicodedata.normalize("NFKC", text)).strip()
    return "".join(c.upper() if c.isascii() else c for c in text)


def form(name: str) -> str:
    """A name as the vocabulary keys it: normalised (link.names), ASCII letters upper-cased."""
    return "".join(c.upper() if c.isascii() else c for c in normalise(name))


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    kind: str  # indicator | region | unit | domain
    form: str


def _find(text: str, forms: Mapping[str, object], kind: str, min_len: int) -> list[_Hit]:
    hits = []
    for raw in forms:
        key = form(raw) if kind == "indicator" else _fold(raw)
        if len(key) < min_len and not (key.isascii() and len(key) >= 2):
            continue
        start = text.find(key)
        while start >= 0:
            end = start + len(key)
            # an ASCII name (GDP) is a word, not letters inside another word
            if not key.isascii() or not (
                (start > 0 and text[start - 1].isalnum() and text[start - 1].isascii())
                or (end < len(text) and text[end].isalnum() and text[end].isascii())
            ):
                hits.append(_Hit(start, end, kind, raw))
            start = text.find(key, start + 1)
    return hits


def _longest(hits: list[_Hit]) -> list[_Hit]:
    """Non-overlapping hits, the longest first (a tie: unit, domain, region, then indicator)."""
    order = {"unit": 0, "domain": 1, "region": 2, "indicator": 3}
    chosen: list[_Hit] = []
    for h in sorted(hits, key=lambda h: (-(h.end - h.start), order[h.kind], h.start)):
        if all(h.end <= c.start or h.start >= c.end for c in chosen):
            chosen.append(h)
    return sorted(chosen, key=lambda h: h.start)


def _mask(text: str, hits: list[_Hit]) -> str:
    out, pos = [], 0
    for h in hits:
        out.append(text[pos : h.start])
        out.append("|")
        pos = h.end
    out.append(text[pos:])
    return "".join(out)


def _has(text: str, words: tuple[str, ...]) -> bool:
    low = text.lower()
    return any(w.lower() in low for w in words)


def _first(table: Mapping[str, tuple[str, ...]], text: str) -> str | None:
    best: tuple[int, str] | None = None
    low = text.lower()
    for key, words in table.items():
        for w in words:
            if w.lower() in low and (best is None or len(w) > best[0]):
                best = (len(w), key)
    return best[1] if best else None


def _years(text: str, today: date, table: Rules) -> tuple[int | None, str]:
    m = _YEAR.search(text)
    if m:
        return int(m.group(1)), text[: m.start()] + "|" + text[m.end() :]
    low = text.lower()
    for word, offset in table.relative_years.items():
        if word in low:
            return today.year + offset, text
    return None, text


def _kind(rest: str, has_indicator: bool, has_group: bool, table: Rules) -> str:
    met = {"indicator": has_indicator, "group": has_group and not has_indicator, "nothing": True}
    matching = [r for r in table.intents if _has(rest, r.cues)]
    for r in matching:
        if met[r.needs]:
            return r.kind
    if has_indicator:
        return table.default
    return matching[0].kind if matching else table.default


def _topic(rest: str, table: Rules) -> str:
    """The longest stretch of what no name, cue or filler took (关于养老服务，规划… → 养老服务)."""
    text = rest
    for w in (
        *table.all_cues(),
        *sorted((f for f in table.fillers if len(f) > 1), key=len, reverse=True),
    ):
        text = re.sub(re.escape(w), "|", text, flags=re.IGNORECASE)
    singles = "".join(f for f in table.fillers if len(f) == 1)
    chunks = [c.strip(singles) for c in _SPLIT.split(text)]
    chunks = [c for c in chunks if len(c) >= 2 and not c.isdigit()]
    return max(chunks, key=len) if chunks else ""


def read(
    question: str, vocab: Vocabulary, today: date | None = None, table: Rules | None = None
) -> Intent:
    """The intent of `question` (at most MAX_QUESTION characters are read)."""
    table = table or rules()
    today = today or date.today()
    raw = " ".join("".join(c if c.isprintable() else " " for c in question).split())[:MAX_QUESTION]
    text = _fold(raw)
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    letters = sum(1 for c in text if c.isascii() and c.isalpha())
    lang = "en" if letters > cjk else "zh"
    hits = _longest(
        [
            *_find(text, vocab.units, "unit", 2),
            *_find(text, vocab.domains, "domain", 2),
            *_find(text, vocab.regions, "region", 2),
            *_find(text, vocab.indicators, "indicator", 3),
        ]
    )
    rest = _mask(text, hits)
    year, rest = _years(rest, today, table)
    ids: list[int] = []
    named = ""
    for h in sorted((h for h in hits if h.kind == "indicator"), key=lambda h: h.start - h.end):
        named = named or text[h.start : h.end]
        ids.extend(i for i in vocab.indicators[h.form] if i not in ids)
    pick = {
        k: next((h.form for h in hits if h.kind == k), None) for k in ("region", "unit", "domain")
    }
    region = vocab.regions[pick["region"]] if pick["region"] else None
    place = None
    if region is None:
        m = _PLACE.match(text)
        place = (
            m.group(1)
            if m and not m.group(1).startswith(_NOT_PLACE) and not any(h.start == 0 for h in hits)
            else None
        )
    unit = vocab.units[pick["unit"]] if pick["unit"] else None
    domain = vocab.domains[pick["domain"]] if pick["domain"] else None
    statuses = tuple(s for s, words in table.status_words.items() if _has(rest, words))
    has_group = bool(unit or domain or region or year or statuses)
    return Intent(
        kind=_kind(rest, bool(ids), has_group, table),
        question=raw,
        lang=lang,
        indicators=tuple(ids),
        indicator_text=named,
        year=year,
        region=region,
        unknown_place=place,
        unit=unit,
        domain=domain,
        statuses=statuses,
        attribute=_first(table.attribute_words, rest),
        document_kind=_first(table.document_words, rest),
        growth=_has(rest, _GROWTH),
        topic=_topic(rest, table),
    )
