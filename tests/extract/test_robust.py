"""Property tests: any text extracts without error, in time linear in its length."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from plancockpit.extract.scan import find_hits
from plancockpit.numerals import parse_number
from tests.extract.helpers import run


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_extracts(text: str) -> None:
    for rec in run(text):
        assert 0 <= rec.start < rec.end <= len(text)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789.,%~-至万亿百千十一二两三个家年以上", max_size=500))
def test_number_soup(text: str) -> None:
    run(text)


def test_malformed_numbers() -> None:
    assert parse_number("1..2") is None
    assert parse_number("1,2,,3") is None
    assert parse_number("１２３４５６７８９０１２３") == 1234567890123
    for text in ["增长1..2%", "达1,2,,3个", "达到１２３４５６７８９０１２３个"]:
        run(text)


def _calls(text: str) -> int:
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    run(text)
    prof.disable()
    return sum(s[1] for s in pstats.Stats(prof).stats.values())  # type: ignore[attr-defined]


def test_linear_growth() -> None:
    """Function calls (not wall-clock) for n and 4n: a loose ratio shows no quadratic blow-up."""
    for unit in ["1234567890", "，。、“”", "新增企业120家，", "十百千万亿"]:
        small, big = unit * 200, unit * 800
        assert _calls(big) <= 6 * max(_calls(small), 1)
    assert len(find_hits("9" * 1_000_000)) > 0
