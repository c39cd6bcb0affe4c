"""Genre rules that tell a quantity from a label, a date, an ordinal or a threshold.

Each rule looks only at a few characters around the hit, so checking is constant time per hit.
The word lists live in `data/extract/labels.yaml`; the shapes (quotes, joiners) are the genre's.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from plancockpit.extract.context import CHANGE_TO, FROM_START
from plancockpit.extract.rules import Rules
from plancockpit.extract.scan import Hit
from plancockpit.extract.words import contains_any
from plancockpit.patterns import count_units

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
CLAUSE_PUNCT = "，,；;。！？!?：:\n|、()（）"
# where the clause (or list item) after a number ends
# the next item of a list of counted things (…环路、两条风情滨河路): a numeral and a classifier
NUMERAL_ITEM_NEXT = re.compile(
    r"[^，,；;。、]{1,12}、(?P<n>[一二三四五六七八九十两]+)[个条座家所项处]"
)
COUNTED_ITEM_UNITS = frozenset("个条座家所项处")
WORK_REACH = 14  # how far before a Chinese count its work verb may stand
CLAUSE_OR_LIST = re.compile(r"[，,；;。！？!?、:：]")


@functools.cache
def _openers(pairs: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(pair[0] for pair in pairs)


def quoted(text: str, pos: int, rules: Rules, lo: int) -> bool:
    """Whether `pos` sits inside a short quotation (a label such as "4286" or “1+8”)."""
    limit = rules.quote_max_chars
    if not contains_any(text[max(lo, pos - limit) : pos], _openers(rules.labels["quote_pairs"])):
        return False  # no quote opens close enough before it (most numbers): one check
    for pair in rules.labels["quote_pairs"]:
        op, cl = pair[0], pair[1]
        left = text.rfind(op, max(lo, pos - limit), pos)
        if left < 0:
            continue
        if op != cl and text.find(cl, left + 1, pos) >= 0:
            continue
        if op == cl and text.count(op, max(lo, pos - 200), left) % 2 == 1:
            continue  # that mark closes an earlier quote
        right = text.find(cl, pos, pos + limit)
        if right >= 0 and right - left <= limit:
            return True
    return False


def label_reason(text: str, hit: Hit, lo: int, hi: int, rules: Rules) -> str:
    """Why `hit` is not a quantity ("" if it may be one). `lo`/`hi` bound its sentence."""
    if hit.skip:
        return hit.skip
    if hit.chinese and not hit.unit and not change_start(text, hit, lo):
        # never a quantity but where a change starts, whatever else it is: checked first, as
        # most Chinese numerals are words (一批, 进一步, “十四五”)
        return "no unit"
    before = text[max(lo, hit.start - 4) : hit.start].rstrip(" ")
    after = text[hit.end : min(hi, hit.end + 4)]
    if hit.unit in {"年", "年?"} or after.lstrip(" ").startswith(("年", "年度")):
        if 1900 <= hit.value <= 2100 and hit.value == int(hit.value) and not hit.chinese:
            return "year"
    if before.endswith(rules.labels["before_words"]):
        return "ordinal or name"
    prev = text[hit.start - 1] if hit.start > lo else ""
    nxt = text[hit.end] if hit.end < hi else ""
    if LATIN.match(prev) or (LATIN.match(nxt) and not hit.unit):
        return "code"
    if contains_any(prev + nxt, rules.labels["label_joiners"]) or (prev == "." and not hit.chinese):
        return "code"
    if nxt == "." and not hit.unit:
        return "enumerator"
    if quoted(text, hit.start, rules, lo):
        return "label in quotes"
    tail = text[hit.unit_end : min(hi, hit.unit_end + 3)]
    if hit.unit and tail.startswith(rules.labels["after_unit_words"]):
        return "class"
    if hit.unit_class == "time" and tail.startswith(rules.labels["duration_after"]):
        return "duration"
    if change_start(text, hit, lo):
        return ""  # 从1.96缩小至1.81, 从80.2岁提升至82.5岁: where a change starts, unit or not
    if not hit.unit:
        return "" if _unitless_ok(text, hit, lo, hi, rules) else "no unit"
    if hit.unit_class == "age" and (
        hit.comparator in {"<=", ">="} or CJK.match(text[hit.tail_end : hit.tail_end + 1])
    ):
        return "threshold"  # 3岁以下婴幼儿, 0—3岁婴幼儿家庭: an age that says who is counted
    if hit.unit_class in {"measure", "time"} and _defines(
        tail_run(text, hit.unit_end, hi), rules, hit.unit_class == "time"
    ):
        return "threshold"  # 500米覆盖率, 15分钟医疗服务圈: part of what is measured
    if hit.unit_class == "time" and (hit.chinese or not _level_before(before, rules)):
        return "duration"
    if (
        hit.chinese
        and not hit.text.startswith("百分之")
        and not _chinese_quantity(text, hit, lo, hi, rules)
    ):
        return "chinese numeral without cue"
    if _threshold(text, hit, hi, _comparator(text, hit, lo, rules), rules):
        return "threshold"
    return ""


def change_start(text: str, hit: Hit, lo: int) -> bool:
    """The number after 从 in 从A提高到B (the value a change starts from)."""
    return bool(
        FROM_START.search(text[max(lo, hit.start - 12) : hit.start])
        and CHANGE_TO.match(text[hit.tail_end : hit.tail_end + 8])
    )


def tail_run(text: str, pos: int, hi: int, limit: int = 8) -> str:
    """The run of CJK characters right after `pos` (at most `limit`), e.g. 医疗服务圈."""
    end = pos
    while end < min(hi, pos + limit) and CJK.match(text[end]):
        end += 1
    return text[pos:end]


def _defines(run: str, rules: Rules, duration: bool) -> bool:
    words = rules.labels["defines_after"] + (rules.labels["duration_defines"] if duration else ())
    return contains_any(run, words)


def _comparator(text: str, hit: Hit, lo: int, rules: Rules) -> str:
    """The comparator glued to the number, or the one written right before it (超百亿元)."""
    if hit.comparator != "=":
        return hit.comparator
    before = text[max(lo, hit.start - 4) : hit.start].rstrip(" ")
    words = rules.comparators["before"]
    if not before.endswith(tuple(words)):  # one check of the whole list: most numbers have none
        return "="
    return next((c for w, c in words.items() if before.endswith(w)), "=")


def _chinese_quantity(text: str, hit: Hit, lo: int, hi: int, rules: Rules) -> bool:
    """A Chinese numeral sizes something after a verb or comparator (新增…百家以上), or as a
    count that closes its clause (建设…工厂三十个。); 一 before a noun is an article (一次调查)."""
    after = text[hit.tail_end] if hit.tail_end < hi else "。"
    if _counted_list_item(text, hit, lo, hi):
        return True  # 一条特色景观环路、两条风情滨河路、四条精品大街: counted items of one list
    if hit.value == 1 and CJK.match(after):
        return False
    if _cue_before(text, hit, lo, rules) or hit.tail_end > hit.unit_end:
        return True
    if (
        hit.value > 1
        and hit.unit in COUNTED_ITEM_UNITS
        and _work_before(text, hit, lo, rules)
        and not text.startswith(rules.labels["abstract_counts"], hit.unit_end)
    ):
        return True  # 完成了西山保护区三家污染企业搬迁: the things a work was done to
    # 说一件、干一件: a bare 一 closing a clause is rhetoric, not a count
    return (
        hit.value > 1 and hit.unit_class in {"count", "measure", "amount"} and after in CLAUSE_PUNCT
    )


def _work_before(text: str, hit: Hit, lo: int, rules: Rules) -> bool:
    """A work verb of two characters or more opens the clause part before the number, a short
    place between them (完成了西山保护区三家…, 建成哈萨尔和东升路两个…)."""
    start = max(lo, hit.start - WORK_REACH)
    part = text[start : hit.start]
    cut = max(part.rfind(c) for c in CLAUSE_PUNCT)
    part = part[cut + 1 :]
    return any(len(v) >= 2 and v in part for v in rules.cues["work_verbs"])


def _counted_list_item(text: str, hit: Hit, lo: int, hi: int) -> bool:
    """An item of a 、 list of counted things with a classifier (…环路、两条风情滨河路、四条精品大街);
    a list of 一 only (一个专班、一套方案) is rhetoric, and 次/届 count sessions, not things."""
    if hit.unit not in COUNTED_ITEM_UNITS:
        return False
    nxt = NUMERAL_ITEM_NEXT.match(text, hit.tail_end, hi)
    listed = text[max(lo, hit.start - 1) : hit.start] == "、" or nxt is not None
    return listed and (hit.value > 1 or (nxt is not None and nxt.group("n") != "一"))


def _level_before(before: str, rules: Rules) -> bool:
    return before.endswith(rules.cues["level_verbs"])


def _cue_before(text: str, hit: Hit, lo: int, rules: Rules) -> bool:
    before = text[max(lo, hit.start - 4) : hit.start].rstrip(" ")
    words = (
        rules.cues["level_verbs"]
        + rules.cues["increase_verbs"]
        + rules.cues["growth_words"]
        + tuple(rules.comparators["before"])
        + rules.labels["numeral_cues"]
    )
    return before.endswith(words)


def _unitless_ok(text: str, hit: Hit, lo: int, hi: int, rules: Rules) -> bool:
    """A bare number is a quantity only as the complement of a level verb (倍差缩小至1.65以内)."""
    if hit.chinese:
        return False
    before = text[max(lo, hit.start - 4) : hit.start].rstrip(" ")
    end_char = text[hit.tail_end] if hit.tail_end < hi else "。"
    cue = _level_before(before, rules) or before.endswith(rules.labels["unitless_change"])
    return cue and (end_char in CLAUSE_PUNCT or hit.tail_end > hit.unit_end)


def _sized_whole(text: str, hit: Hit, rules: Rules) -> bool:
    """规模50亿元的基金, 总投资120亿元的项目: a word right before the number that says it sizes
    the thing named after 的 as a whole."""
    return text[max(0, hit.start - 4) : hit.start].rstrip(" ").endswith(rules.cues["size_words"])


def size_of_work(text: str, hit: Hit, hi: int, rules: Rules) -> bool:
    """完成9.2公里的城区供水主管网改造, 1.8万户的征拆和安置任务: a length, an area or a count
    before 的 and the work done on it (the clause ends with a work noun) is the work's size."""
    if hit.unit_class not in {"measure", "count"}:
        return False
    rest = text[hit.unit_end + 1 : hi]
    end = re.search(r"[，,；;。！？!?]", rest)
    return rest[: end.start() if end else len(rest)].endswith(rules.labels["work_nouns"])


@dataclass(frozen=True)
class _Counted:
    """A count of things in the clause after a threshold, its units the `count` class of
    `data/extract/units.tsv` (个, 家, 人次 …)."""

    count_after: re.Pattern[str]  # any digit, or a Chinese numeral with a count unit (九十五项)
    count_first: re.Pattern[str]  # the clause opens with a count (2家)
    size_in: re.Pattern[str]  # a count, an amount in 元 or a share in the clause


@functools.cache
def _counted() -> _Counted:
    units = "|".join(map(re.escape, count_units()))
    return _Counted(
        re.compile(rf"\d|[一二三四五六七八九十两百千]+(?:{units})"),
        re.compile(rf"\d+(?:\.\d+)?\s*[万亿]?(?:{units})"),
        re.compile(rf"\d+(?:\.\d+)?\s*(?:[万亿]?(?:{units}|元)|%)"),
    )


def _threshold(text: str, hit: Hit, hi: int, comparator: str, rules: Rules) -> bool:
    """100亿元以上企业2家, 营收超百亿元企业23家: a size that defines the things counted, with
    their count following in the clause."""
    rest = text[hit.tail_end : min(hi, hit.tail_end + 30)]
    if hit.unit_class != "percent" and rest.startswith("的") and comparator != "=":
        return True
    if hit.unit_class != "percent" and text.startswith("的", hit.unit_end):
        # 年营收10亿元的企业5家: a size naming what is counted; with no count after it in the
        # clause the number sizes the one thing it names (设立总规模50亿元的产业引导基金)
        clause = CLAUSE_OR_LIST.split(text[hit.unit_end : min(hi, hit.unit_end + 30)], maxsplit=1)[
            0
        ]
        if _counted().count_after.search(clause):
            return True
        return not (_sized_whole(text, hit, rules) or size_of_work(text, hit, hi, rules))
    if (
        comparator not in {">=", "<=", ">"}
        or not rest
        or not (CJK.match(rest[0]) or rest[0].isdigit())
    ):
        return False
    clause = CLAUSE_OR_LIST.split(rest, maxsplit=1)[0]
    if clause[:1].isdigit():
        return bool(_counted().count_first.match(clause))
    return bool(_counted().size_in.search(clause))
