"""The speed-ups of issue 14 change no answer: each fast path gives what the plain form gives.

A look-ahead (or look-behind) of first characters put in front of a pattern only lets the
search skip text faster, a one-call word-list check answers like the Python loop it replaced,
the run-by-run fold like `str.translate`. Each is compared with its plain form on the corpus
and on generated text (the whole-corpus check of records is `scripts/regress.py --real`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plancockpit.extract.context import YEAR, strip_tail
from plancockpit.extract.rules import load_rules
from plancockpit.extract.scan import NUMBER
from plancockpit.extract.sections import Scope, SectionMap
from plancockpit.extract.words import contains_any, longest_first
from plancockpit.layout.doubled import doubled_pieces
from plancockpit.layout.rules import _WIDE_CHARS, FOLD, TABLE_MARKS, display_width, fold
from plancockpit.meta.cues import load_cues
from plancockpit.meta.region import _occurrences, _one_scan, _patterns
from plancockpit.outline.lines import _any_marker
from plancockpit.outline.markers import load_rules as load_outline_rules
from plancockpit.outline.nodes import Node
from plancockpit.outline.text import _LOOSE_SPACE, _TIGHT, lead_pattern

# Characters the rules care about, mixed with any text, so generated strings hit the patterns.
PIECES = st.sampled_from(
    [
        "2025年",
        "到2030年",
        "在 二〇二五年",
        "增长",
        "十二点五",
        "百分之十",
        "1,234.5",
        "３４％",
        "一",
        "(牵头单位:区发改局)",
        "（责任单位：县卫健局、县民政局）",
        "杭州市萧山区",
        "浙江省",
        "中共梧江市委",
        "关于嘉善县",
        "\n",
        " ",
        "\u3000",
        "\t",
        "“",
        "”",
        "，",
        "。",
        "|",
        "ＡＢ",
        "－",
        "高水平",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=30).map("".join)


def _corpus_texts(corpus_dir: Path) -> list[str]:
    return [p.read_text("utf-8") for p in sorted(corpus_dir.glob("*.txt"))]


def _without_first_lookaround(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern without its leading `(?=[…])` (and the comment after it in verbose mode)."""
    plain = re.sub(r"^\s*\(\?=\[[^\]]*\]\)(?:[ \t]*#[^\n]*)?", "", pattern.pattern, count=1)
    assert plain != pattern.pattern, "no leading look-ahead to remove"
    return re.compile(plain, pattern.flags)


def _spans(
    pattern: re.Pattern[str], text: str
) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def _region_plain() -> list[re.Pattern[str]]:
    """The region patterns as they were before each got its one-character look-behind."""
    cues = load_cues()
    suffix = "[" + "".join(cues.region_suffixes) + "]" + f"(?![{cues.region_not_followed_by}])"
    name = rf"([\u4e00-\u9fff]{{2,3}}?{suffix})"
    return [
        re.compile(rf"(?:(?<=[省市])|(?<=中共)|(?<=共产党)){name}"),
        re.compile(rf"(?:^|(?<=[《“\"(（\s\u3000年。，；：！？在])|(?<=关于)){name}", re.MULTILINE),
    ]


PLAIN_LOOSE_SPACE = re.compile(rf"(?<=[{_TIGHT}])[ \t\u3000]+|[ \t\u3000]+(?=[{_TIGHT}])")


def _pairs() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    return [
        (NUMBER, _without_first_lookaround(NUMBER)),
        (YEAR, _without_first_lookaround(YEAR)),
        (lead_pattern(), _without_first_lookaround(lead_pattern())),
        (_LOOSE_SPACE, PLAIN_LOOSE_SPACE),
        *zip(_patterns(load_cues()), _region_plain(), strict=True),
    ]


def test_patterns_with_a_first_character_check_find_the_same_on_the_corpus(
    corpus_dir: Path,
) -> None:
    for text in _corpus_texts(corpus_dir):
        for fast, plain in _pairs():
            assert _spans(fast, text) == _spans(plain, text), fast.pattern[:60]


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_patterns_with_a_first_character_check_find_the_same_on_any_text(text: str) -> None:
    for fast, plain in _pairs():
        assert _spans(fast, text) == _spans(plain, text), fast.pattern[:60]


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_fold_and_display_width_answer_like_their_plain_forms(text: str) -> None:
    assert fold(text) == text.translate(FOLD)
    assert display_width(text) == len(text) + len(re.findall(f"[{_WIDE_CHARS}]", text))


@pytest.mark.parametrize("key", ["metric_strip_tail", "level_verbs", "target_cues", "growth_words"])
@settings(max_examples=100, deadline=None)
@given(text=TEXT)
def test_word_list_checks_answer_like_the_loops_they_replaced(key: str, text: str) -> None:
    words = load_rules().cues[key]
    probe = text + words[len(text) % len(words)]  # one that ends with a word of the list
    for t in (text, probe):
        assert contains_any(t, words) == any(w in t for w in words)
        assert strip_tail(t, words) == _strip_tail_loop(t, words)
    assert longest_first(words) == tuple(sorted(words, key=len, reverse=True))


def _strip_tail_loop(text: str, words: tuple[str, ...]) -> str:
    text = text.rstrip(" ")
    changed = True
    while changed and text:
        changed = False
        for w in words:
            if text.endswith(w):
                text = text[: -len(w)].rstrip(" ")
                changed = True
                break
    return text


@settings(max_examples=200, deadline=None)
@given(
    chars=st.lists(
        st.sampled_from("高水平建设亚运国际城数智新萧山“”·"), min_size=3, max_size=16, unique=True
    ),
    cuts=st.lists(st.integers(1, 15), max_size=6),
)
def test_a_line_printed_doubled_is_still_found(chars: list[str], cuts: list[int]) -> None:
    # distinct characters cut into pieces, each printed twice: one way to read it back
    bounds = sorted({0, len(chars), *(c for c in cuts if c < len(chars))})
    pieces = ["".join(chars[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
    line = "".join(p + p for p in pieces)
    kept = doubled_pieces(line)
    if max(map(len, pieces)) < 2:
        assert kept is None  # one-character pieces only: not a doubled headline
        return
    assert kept is not None
    assert ["".join(line[a:b]) for a, b in kept] == pieces


def test_walk_visits_nodes_depth_first_in_document_order() -> None:
    def node(title: str, *children: Node) -> Node:
        return Node("section", title, 0, 0, children=list(children))

    root = node(
        "r", node("a", node("a1"), node("a2", node("a2x"))), node("b"), node("c", node("c1"))
    )

    def recursive(n: Node) -> list[str]:
        return [n.title, *(t for c in n.children for t in recursive(c))]

    assert (
        [n.title for n in root.walk()]
        == recursive(root)
        == ["r", "a", "a1", "a2", "a2x", "b", "c", "c1"]
    )


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_province_names_counted_in_one_scan_as_one_count_each(text: str) -> None:
    names = load_cues().provinces
    text += "浙江省" + names[len(text) % len(names)]
    assert _occurrences(text, names) == {n: text.count(n) for n in names}


def test_names_that_could_overlap_are_counted_one_by_one() -> None:
    assert _one_scan(("江西省", "西省城")) is None  # an end of one starts the other
    assert _one_scan(("西藏", "西藏自治区")) is None  # one inside the other
    assert _occurrences("江西省城", ("江西省", "西省城")) == {"江西省": 1, "西省城": 1}


@settings(max_examples=200, deadline=None)
@given(
    text=st.one_of(
        TEXT,
        st.sampled_from(
            [
                "第三章 目标",
                "一、总则",
                "(二)任务",
                "1.产业",
                "专栏3 工程",
                "表2 指标",
                "## 标题",
                "③ 项",
                "一是加快",
                "  第1节 x",
            ]
        ),
    )
)
def test_one_marker_check_answers_like_trying_each_marker(text: str) -> None:
    rules = load_outline_rules()
    line = text.split("\n")[0]
    assert bool(_any_marker(rules).match(line)) == any(m.pattern.match(line) for m in rules.markers)


def test_one_marker_check_answers_like_trying_each_marker_on_the_corpus(corpus_dir: Path) -> None:
    rules = load_outline_rules()
    for text in _corpus_texts(corpus_dir):
        for line in text.splitlines():
            assert bool(_any_marker(rules).match(line)) == any(
                m.pattern.match(line) for m in rules.markers
            )


@settings(max_examples=200, deadline=None)
@given(
    spans=st.lists(
        st.tuples(
            st.integers(0, 60),
            st.integers(1, 30),
            st.sampled_from([None, "actual", "target"]),
            st.sampled_from([None, 2020, 2025]),
        ),
        max_size=12,
    ),
    queries=st.lists(st.integers(0, 95), max_size=25),
)
def test_scopes_kept_open_from_position_to_position_merge_like_rereading_all(
    spans: list[tuple[int, int, str | None, int | None]], queries: list[int]
) -> None:
    scopes = sorted(
        (
            Scope(a, a + n, kind, year, topic=f"t{a}", lead_units=(f"u{n}",))
            for a, n, kind, year in spans
        ),
        key=lambda s: (s.start, -s.end),
    )
    kept = SectionMap(scopes)
    for pos in [*sorted(queries), *queries]:  # in document order, then in any order
        assert kept.at(pos) == SectionMap(scopes).at(pos)


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_table_marks_found_by_plain_searches_as_by_the_regex(text: str) -> None:
    for line in text.split("\n"):
        assert any(mark in line for mark in TABLE_MARKS) == bool(re.search(r"\||\t| {2,}", line))
