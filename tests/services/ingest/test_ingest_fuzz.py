"""Any readable text ingests: the stages never crash on odd but valid text (property test)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plancockpit.db.migrate import open_database
from plancockpit.services.ingest.run import ingest_file

# Plan-like pieces mixed with arbitrary printable text, so the rules get exercised.
PIECES = st.sampled_from(
    [
        "第一章 总则\n",
        "第二节 目标\n",
        "一、",
        "(二)",
        "1.",
        "专栏3 重点工程\n",
        "(牵头单位:区发改局)",
        "表1 主要指标\n",
        "指标|单位|2025年\n",
        "地区生产总值|亿元|1200\n",
        "到2025年,",
        "增长7%左右",
        "达到1200亿元",
        "〔5〕",
        "[0.6]",
        "力争",
        "以上",
        "\r\n",
        "\n\n",
        " ",
        "１２３",
        "%",
    ]
)
TEXT = st.lists(
    st.one_of(PIECES, st.text(min_size=1, max_size=8).filter(lambda t: "\x00" not in t)),
    min_size=1,
    max_size=40,
).map("".join)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXT)
def test_valid_text_is_ingested_or_refused_in_one_line(text: str, tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    engine = open_database(f"sqlite:///{tmp_path / 'fuzz.sqlite'}")
    outcome = ingest_file(engine, path)
    engine.dispose()
    assert outcome.status in ("ingested", "unchanged", "failed")
    if outcome.status == "failed":
        # Refusals are domain errors (empty, binary); a crash in a stage would name its type.
        assert "Error:" not in outcome.message and "Exception:" not in outcome.message, (
            outcome.message
        )
        assert "\n" not in outcome.message
