"""The region a document is about: its issuer when the title or opening names it (the body that
gives the text: "…在广西壮族自治区第十四届人民代表大会…", "呼伦贝尔市海拉尔区人民政府代区长"), else the
administrative name it cites most (with its short name)."""

from __future__ import annotations

import functools
import re
from collections import Counter

from plancockpit.meta.cues import Cues

_HAN = "[\u4e00-\u9fff]"


# a province the list does not know, where a title names its author: "东川省国民经济和社会发展…",
# "2025年南屏省人民政府工作报告" (never in the body: 深化省市合作 has no province)
PROVINCE_IN_TITLE = re.compile(
    rf"(?:^|(?<=[《“\"(（年]))({_HAN}{{2,3}}?省)(?=人民|国民经济|委|政府|{_HAN}{{0,12}}(?:规划|报告|纲要))"
)


def _patterns(cues: Cues) -> list[re.Pattern[str]]:
    # the suffix must end the word: 市 in 消费市场 or 城市民生 is no place's suffix
    suffix = "[" + "".join(cues.region_suffixes) + "]" + f"(?![{cues.region_not_followed_by}])"
    name = rf"({_HAN}{{2,3}}?{suffix})"
    marks = '《“"(（\\s\u3000年。，；：！？在'
    # Each pattern first looks behind at one character, the last of any context it allows: most
    # positions fail that single check, so a long text is scanned 2–4× faster than by trying
    # each context in turn.
    return [
        # after a higher level or the party: 杭州市萧山区, 浙江省杭州市, 中共梧江市委
        re.compile(rf"(?<=[省市共党])(?:(?<=[省市])|(?<=中共)|(?<=共产党)){name}"),
        # at a line start (indented or not), after a bracket, quote, year, sentence mark, 在 or 关于
        # (a report's title): 《萧山区…, 2024年淳安县…, 关于嘉善县2025年…的报告, 在海拉尔区第十四届…
        re.compile(rf"(?:^|(?<=[{marks}于]))(?:^|(?<=[{marks}])|(?<=关于)){name}", re.MULTILINE),
    ]


def issuer(title: str, text: str, cues: Cues) -> tuple[str, str]:
    """(region, evidence): the lowest name of the chain before the body that gives the text
    (人民代表大会, 人民政府, 政府工作报告) in the title or the opening; the one named most, the
    earlier on a tie; "" when none."""
    found: Counter[str] = Counter()
    first: dict[str, str] = {}
    for part in (title, text[: cues.issuer_head]):
        for m in cues.issuer.finditer(part):
            name = cues.issuer_name.findall(m.group("chain"))[-1]
            if _is_place(name, cues):
                found[name] += 1
                first.setdefault(name, m.group(0))
    if not found:
        return "", ""
    name = max(found, key=lambda n: found[n])  # Counter keeps first-seen order on ties
    return name, f"the issuer named in the opening: {first[name]}…"


def infer_region(title: str, text: str, cues: Cues) -> tuple[str, str]:
    """(region, evidence): the issuer named in the title or opening; else the candidate cited
    most, with its short name; "" when none."""
    name, why = issuer(title, text, cues)
    if name:
        return name, why
    counts: Counter[str] = Counter()
    for pattern in _patterns(cues):
        for name in pattern.findall(text):
            counts[name] += 1
        for name in pattern.findall(title):
            counts[name] += 5
    cited = _occurrences(text, cues.provinces)
    for name in set(cues.provinces) | set(PROVINCE_IN_TITLE.findall(title)):
        counts[name] += (cited[name] if name in cited else text.count(name)) + 5 * title.count(name)
    counts = +counts  # drop provinces never cited
    names = [n for n in counts if _is_place(n, cues)]
    if not names:
        return "", "no place name found"
    # a place is cited by its short name too (萧山 for 萧山区): that decides between candidates
    scores = {n: counts[n] * 5 + text.count(n[:-1]) for n in names}
    name = max(names, key=lambda n: scores[n])
    where = " (in the title)" if name in title else ""
    return (
        name,
        f"{name} cited {counts[name]} times, {name[:-1]} {text.count(name[:-1])} times{where}",
    )


def _occurrences(text: str, names: tuple[str, ...]) -> Counter[str]:
    """How often each of `names` occurs in `text`, as `text.count` counts, in one scan of the
    text (not one per name) when no two names can overlap in a text."""
    pattern = _one_scan(names)
    if pattern is None:
        return Counter({n: text.count(n) for n in names})
    found = Counter({n: 0 for n in names})
    found.update(pattern.findall(text))
    return found


@functools.lru_cache(maxsize=4)
def _one_scan(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """One alternation of `names`, or None when two of them could overlap in a text (one inside
    another, or an end of one that starts another): then one scan would miss occurrences."""
    for a in names:
        for b in names:
            if a != b and (a in b or any(b.startswith(a[i:]) for i in range(1, len(a)))):
                return None
    return re.compile("|".join(map(re.escape, names)))


def _is_place(name: str, cues: Cues) -> bool:
    """A whole name: not a common word (全区, 示范区) or a level alone (自治区), not a phrase
    starting with a function word, a policy verb or an organ (在市, 推进县, 政府和区), nor two
    words joined by a conjunction."""
    generic = cues.region_generic
    if name in generic or name in cues.region_levels_alone or _compound(name, generic):
        return False
    if name[0] in cues.region_bad_start or name.startswith(cues.region_bad_start_words):
        return False
    return not any(c in cues.region_conjunctions for c in name[2:-1])


def _compound(name: str, generic: frozenset[str]) -> bool:
    """ "智造社区" is a 社区 with a two-character qualifier; "萧山区" is a place ending in 山区."""
    # every ending after at least two characters, looked up in the set (not a loop over the set)
    return any(name[i:] in generic for i in range(2, len(name) + 1))
