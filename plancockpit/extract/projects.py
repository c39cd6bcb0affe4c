"""Major projects (重大项目) named in a document: single projects with their stage word and any
total investment ("开工建设沪乍杭铁路、诸暨至嵊州高速公路等项目", "总投资410亿元的巨化硅氟新材料项目"),
and the project groups of a plan's 专栏 ("安排重大项目18个左右,五年完成投资200亿元以上").

Pure: text in, `ProjectMention`s out, offsets into that text. The words live in
`rules/projects.yaml`; the shapes (a clause, a list joined by 、 and closed by 等…项目) are the
genre's. Precision first: a name must be a proper name ending in a head noun, never a category
("重点项目"), a tally ("243个重点项目") or a clause fragment ("提升项目开工率").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from plancockpit import rulefiles
from plancockpit.rulefiles.schemas import ProjectWords

CLAUSE = re.compile(r"[^，。；！？,;!?\n]+")
NUMBER = r"(\d+(?:\.\d+)?)"
MAX_NAME = 40  # longer is a sentence, not a name


@dataclass(frozen=True)
class ProjectMention:
    """One project (kind "project") or project group of a 专栏 (kind "group") in a document."""

    kind: str  # project | group
    name: str
    stage: str | None  # a word of vocabulary.PROJECT_STAGES, or None when none was written
    start: int  # the clause (or 专栏 line) that names it, in the text given
    end: int
    rule: str  # verb_after | verb_before | invested | group
    investment: float | None = None  # total (project) or planned over the period (group), 亿元
    investment_text: str = ""  # as written: "410亿元"
    count: int | None = None  # a group's number of projects
    lead_unit: str = ""  # a group's 牵头单位


@dataclass(frozen=True)
class ProjectRules:
    stages: dict[str, str]
    heads: tuple[str, ...]
    list_heads: tuple[str, ...]
    openers: tuple[str, ...]
    generic: tuple[str, ...]
    refuse_inside: tuple[str, ...]
    min_chars: int
    cut_after: tuple[str, ...]
    investment_units: dict[str, float]
    group_cues: tuple[str, ...]
    not_after_stage: tuple[str, ...]
    investment_hedges: tuple[str, ...]

    @functools.cached_property
    def stage_re(self) -> re.Pattern[str]:
        return re.compile("|".join(sorted(map(re.escape, self.stages), key=len, reverse=True)))

    @functools.cached_property
    def investment_re(self) -> re.Pattern[str]:
        units = "|".join(sorted(map(re.escape, self.investment_units), key=len, reverse=True))
        # 总投资 then an optional hedge word, the number and its unit: "总投资超500亿元"
        hedges = "|".join(map(re.escape, self.investment_hedges))
        return re.compile(rf"总投资(?:{hedges})?{NUMBER}({units})")


@functools.cache
def load_project_rules() -> ProjectRules:
    """`data/extract/projects.yaml` (read and validated by `plancockpit.rulefiles`)."""
    raw = rulefiles.load("extract/projects.yaml", ProjectWords)

    def longest(words: list[str]) -> tuple[str, ...]:
        return tuple(sorted(words, key=len, reverse=True))

    return ProjectRules(
        stages=dict(raw.stages),
        heads=longest(raw.heads),
        list_heads=longest(raw.list_heads),
        openers=longest(raw.openers),
        generic=longest(raw.generic),
        refuse_inside=longest(raw.refuse_inside),
        min_chars=raw.min_chars,
        cut_after=longest(raw.cut_after),
        investment_units=dict(raw.investment_units),
        group_cues=longest(raw.group_cues),
        not_after_stage=longest(raw.not_after_stage),
        investment_hedges=longest(raw.investment_hedges),
    )


def find_projects(text: str) -> list[ProjectMention]:
    """Every project and 专栏 project group `text` names, in text order, each name once."""
    rules = load_project_rules()
    found: list[ProjectMention] = []
    for clause in CLAUSE.finditer(text):
        found.extend(_in_clause(clause.group(), clause.start(), rules))
    found.extend(find_groups(text))
    seen: set[tuple[str, str]] = set()
    out = []
    for m in sorted(found, key=lambda m: (m.start, m.name)):
        if (m.kind, m.name) not in seen:
            seen.add((m.kind, m.name))
            out.append(m)
    return out


def _in_clause(clause: str, at: int, rules: ProjectRules) -> list[ProjectMention]:
    for stage in rules.stage_re.finditer(clause):
        before, after = clause[: stage.start()], clause[stage.end() :]
        word = rules.stages[stage.group()]
        if after.startswith(rules.not_after_stage):  # 开工准备 is no start yet
            continue
        head = _ends_with(before, rules.list_heads)
        if head and not re.match(r"\s*\d", after):  # "开工390个" is a tally
            names = _names(before[: -len(head)], head, rules)
            rule = "verb_after"
        elif not before.strip() and _ends_with(after, rules.list_heads):
            tail = _ends_with(after, rules.list_heads) or ""
            names = _names(after[: -len(tail)], tail, rules)
            rule = "verb_before"
        else:
            continue
        return _mentions(names, word, rule, clause, at, rules)
    invested = re.search(r"总投资[^的]{1,12}的(.+)$", clause)
    head = _ends_with(invested.group(1), rules.list_heads) if invested else None
    if invested and head:
        names = _names(invested.group(1)[: -len(head)], head, rules)
        return _mentions(names[:1] if len(names) == 1 else [], None, "invested", clause, at, rules)
    return []


def _mentions(
    names: list[str], stage: str | None, rule: str, clause: str, at: int, rules: ProjectRules
) -> list[ProjectMention]:
    money = rules.investment_re.search(clause) if len(names) == 1 else None
    amount = (float(money.group(1)) * rules.investment_units[money.group(2)]) if money else None
    return [
        ProjectMention(
            "project",
            n,
            stage,
            at,
            at + len(clause),
            rule,
            amount,
            money.group(1) + money.group(2) if money else "",
        )
        for n in names
    ]


def _ends_with(text: str, words: tuple[str, ...]) -> str | None:
    text = text.rstrip()
    return next((w for w in words if text.endswith(w)), None)


def _names(stem: str, head: str, rules: ProjectRules) -> list[str]:
    """The proper names in "A、B等N个X" (each given `head` unless it ends in a head noun) or in
    a bare stem "沪乍杭铁路"; categories and fragments dropped."""
    part, listed, qualifier = stem.partition("等")
    if listed:  # "黄桶至百色、合浦至湛江等7个铁路项目": each is a 铁路
        head = next((h for h in rules.heads if qualifier.endswith(h)), head)
    elements = part.split("、")
    if not elements[-1].strip():  # "政策落实、项目开工": the head stands alone
        return []
    out = []
    for element in elements:
        name = _clean(element, rules)
        if name is None:
            continue
        out.append(name if _ends_with(name, rules.heads) else name + head)
    return out


def _clean(element: str, rules: ProjectRules) -> str | None:
    name = element.strip()
    for mark in rules.cut_after:
        name = name.rsplit(mark, 1)[-1]
    changed = True
    while changed:
        changed = False
        for opener in rules.openers:
            if name.startswith(opener):
                name, changed = name[len(opener) :], True
    core = name.strip("“”\"'《》 ")
    if len(core) < rules.min_chars or len(name) > MAX_NAME:
        return None
    inner = core[: -len(head)] if (head := _ends_with(core, rules.list_heads)) else core
    if any(h in inner for h in rules.list_heads):  # "增量项目精准引进": a clause about projects
        return None
    if any(w in name for w in rules.refuse_inside) or _generic(core, rules):
        return None
    return name


def _generic(core: str, rules: ProjectRules) -> bool:
    """True when `core` is made only of category words, counts and head nouns."""
    rest = re.sub(r"[\d.]+|[一二三四五六七八九十百千万亿]+", "", core)
    for word in (*rules.generic, *rules.list_heads):
        rest = rest.replace(word, "")
    return len(rest) < 2


# A 专栏 (feature box) opens with "专栏10:标题" and ends at the next box, chapter or section.
BOX = re.compile(r"^[ \t]*专栏\s*\d+\s*[:：]\s*(?P<title>[^\n|]+?)[\s|]*$", re.M)
BOX_END = re.compile(r"^[ \t]*(?:专栏\s*\d+|第[一二三四五六七八九十百]+[章节篇])", re.M)
# An item of the box: "1.科创园区领域。…"
ITEM = re.compile(r"^\s*\d+\s*[.．、]\s*(?P<label>[^。.，,]{2,20})[。.]")
LEAD = re.compile(r"牵头单位\s*[:：]\s*(?P<unit>[^)）\n]+)")


def find_groups(text: str) -> list[ProjectMention]:
    """The project groups of every 专栏: a line with a count of projects ("重大项目18个") and an
    investment over the period ("完成投资200亿元"), named by the box and the line's item."""
    rules = load_project_rules()
    cues = "|".join(map(re.escape, rules.group_cues))
    units = "|".join(sorted(map(re.escape, rules.investment_units), key=len, reverse=True))
    count_re = re.compile(rf"(?:{cues})\s*{NUMBER}\s*个")
    money_re = re.compile(rf"投资\s*{NUMBER}\s*({units})")
    out = []
    for box in BOX.finditer(text):
        stop = BOX_END.search(text, box.end())
        body_end = stop.start() if stop else len(text)
        body = text[box.end() : body_end]
        lead = LEAD.search(body)
        title = box.group("title").strip()
        offset = box.end()
        for line in body.splitlines(keepends=True):
            count, money = count_re.search(line), money_re.search(line)
            if count and money:
                item = ITEM.match(line)
                name = f"{title}·{item.group('label')}" if item else title
                out.append(
                    ProjectMention(
                        "group",
                        name,
                        None,
                        offset,
                        offset + len(line.rstrip()),
                        "group",
                        float(money.group(1)) * rules.investment_units[money.group(2)],
                        money.group(1) + money.group(2),
                        int(float(count.group(1))),
                        lead.group("unit").strip() if lead else "",
                    )
                )
            offset += len(line)
    return out
