"""The pure rules of supervision and ranking: which targets get an item, which transitions are
allowed, how units are ranked, which attachments are taken (by their bytes)."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from plancockpit.supervise import files
from plancockpit.supervise.propose import (
    ItemState,
    TargetState,
    TransitionError,
    decide,
    needs_item,
    next_state,
)
from plancockpit.supervise.ranking import RoundReport, Timeliness, rank_units, timeliness


@pytest.mark.parametrize(
    "status, binding, needed",
    [
        ("off_track", False, True),
        ("off_track", True, True),
        ("at_risk", False, False),
        ("at_risk", True, True),
        ("no_data", False, False),
        ("no_data", True, True),
        ("not_yet_due", True, False),  # nothing to supervise before it starts
        ("on_track", True, False),
        ("achieved", True, False),
    ],
)
def test_which_targets_need_an_item(status: str, binding: bool, needed: bool) -> None:
    assert needs_item(status, binding) is needed


def test_a_red_target_without_an_item_gets_a_proposal() -> None:
    got = decide(
        [
            TargetState(1, "off_track"),
            TargetState(2, "on_track"),
            TargetState(3, "at_risk", binding=True),
            TargetState(4, "at_risk"),
        ],
        [],
    )
    assert [(d.action, d.target_id) for d in got] == [("propose", 1), ("propose", 3)]


def test_no_second_item_while_one_is_being_worked_on() -> None:
    for state in ("proposed", "open", "answered", "returned"):
        got = decide([TargetState(1, "off_track")], [ItemState(9, 1, state, "off_track")])
        assert got == []


def test_a_closed_item_reopens_when_its_target_turns_red_again() -> None:
    red = TargetState(1, "off_track")
    # closed while red and still red: stays closed (the unit's measures need time)
    assert decide([red], [ItemState(9, 1, "closed", "off_track")]) == []
    # the target went green after closing: noted …
    seen = decide([TargetState(1, "on_track")], [ItemState(9, 1, "closed", "off_track")])
    assert [(d.action, d.item_id, d.status) for d in seen] == [("seen", 9, "on_track")]
    # … and red again: the item reopens, no new item
    again = decide([red], [ItemState(9, 1, "closed", "on_track")])
    assert [(d.action, d.item_id) for d in again] == [("reopen", 9)]


def test_the_latest_item_decides() -> None:
    items = [ItemState(3, 1, "closed", "on_track"), ItemState(8, 1, "open", "off_track")]
    assert decide([TargetState(1, "off_track")], items) == []


def test_a_dismissed_proposal_is_not_made_again_until_the_target_recovered() -> None:
    red = TargetState(1, "off_track")
    assert decide([red], [ItemState(4, 1, "dismissed", "off_track")]) == []
    got = decide([red], [ItemState(4, 1, "dismissed", "on_track")])
    assert [(d.action, d.target_id) for d in got] == [("propose", 1)]


def test_a_closed_binding_target_not_green_again_gets_a_new_proposal() -> None:
    got = decide([TargetState(1, "at_risk", binding=True)], [ItemState(4, 1, "closed", "on_track")])
    assert [d.action for d in got] == ["propose"]


@pytest.mark.parametrize(
    "state, action, to",
    [
        ("proposed", "confirm", "open"),
        ("proposed", "dismiss", "dismissed"),
        ("open", "dismiss", "dismissed"),
        ("open", "answer", "answered"),
        ("returned", "answer", "answered"),
        ("answered", "return", "returned"),
        ("answered", "close", "closed"),
        ("closed", "reopen", "open"),
    ],
)
def test_allowed_transitions(state: str, action: str, to: str) -> None:
    assert next_state(state, action) == to


@pytest.mark.parametrize(
    "state, action",
    [
        ("closed", "answer"),
        ("proposed", "answer"),
        ("dismissed", "answer"),
        ("open", "close"),
        ("proposed", "close"),
        ("closed", "close"),
        ("answered", "answer"),
        ("open", "reopen"),
    ],
)
def test_refused_transitions_say_why(state: str, action: str) -> None:
    with pytest.raises(TransitionError, match="cannot be"):
        next_state(state, action)


def test_ranking_order_and_ties() -> None:
    counts = {
        "甲局": {"on_track": 3, "off_track": 1},
        "乙局": {"achieved": 2, "at_risk": 2},
        "丙局": {"on_track": 1, "at_risk": 1},
        "丁局": {"no_data": 5},
        "戊局": {"on_track": 2},
    }
    rows = rank_units(
        counts, open_items={"乙局": 2, "丙局": 1, "己局": 1}, overdue_items={"乙局": 1}
    )
    order = [(r.rank, r.unit, r.share_on_track) for r in rows]
    assert order[0] == (1, "戊局", 1.0)
    assert order[1] == (2, "甲局", 0.75)
    # 乙局 and 丙局 both 50%: fewer overdue items first
    assert [u for _, u, _ in order[2:4]] == ["丙局", "乙局"]
    # units without a status (丁局: no data; 己局: items only) come last, equal: same rank
    assert [(r, u) for r, u, _ in order[4:]] == [(5, "丁局"), (6, "己局")]
    assert rows[3].to_json()["overdue_items"] == 1
    assert rows[4].share_on_track is None and rows[4].timeliness is None


def test_ties_share_a_rank() -> None:
    rows = rank_units({"a": {"on_track": 1}, "b": {"achieved": 2}, "c": {"off_track": 1}}, {}, {})
    assert [(r.unit, r.rank) for r in rows] == [("a", 1), ("b", 1), ("c", 3)]


def test_timeliness_from_rounds_when_there_are_some() -> None:
    reports = [
        RoundReport("a", 1, date(2026, 3, 31), date(2026, 3, 30)),
        RoundReport("a", 2, date(2026, 6, 30), date(2026, 7, 2)),
        RoundReport("b", 1, date(2026, 3, 31), None),
    ]
    got = timeliness(reports)
    assert got == {"a": Timeliness(1, 2), "b": Timeliness(0, 1)}
    assert got["a"].share == 0.5
    assert timeliness([]) == {}
    rows = rank_units({"a": {"on_track": 1}, "b": {"on_track": 1}}, {}, {}, got)
    assert [r.unit for r in rows] == ["a", "b"]  # equal otherwise: the more timely first


def _zip(part: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(part, "<x/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    "name, content, media",
    [
        ("说明.pdf", b"%PDF-1.7\n...", "application/pdf"),
        ("measures.docx", _zip("word/document.xml"), "wordprocessingml"),
        ("data.XLSX", _zip("xl/workbook.xml"), "spreadsheetml"),
        ("old.doc", files.OLE + b"\0" * 100, "msword"),
        ("old.xls", files.OLE + b"\0" * 100, "ms-excel"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "image/png"),
        ("photo.jpeg", b"\xff\xd8\xff\xe0" + b"\0" * 20, "image/jpeg"),
        ("C:\\Users\\me\\scan.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 20, "image/jpeg"),
    ],
)
def test_attachments_taken(name: str, content: bytes, media: str) -> None:
    checked = files.check(name, content)
    assert (
        media in checked.media_type and checked.size == len(content) and len(checked.sha256) == 64
    )
    assert "\\" not in checked.name and "/" not in checked.name


@pytest.mark.parametrize(
    "name, content, why",
    [
        ("virus.exe", b"MZ\x90\x00", "only PDF"),
        ("report.pdf", b"MZ\x90\x00 not a pdf", "not a PDF"),
        ("fake.docx", _zip("xl/workbook.xml"), "not a DOCX"),
        ("fake.xlsx", b"PK\x03\x04 broken zip", "not a XLSX"),
        ("image.png", b"\xff\xd8\xff\xe0 a jpeg named png", "not a PNG"),
        ("noext", b"%PDF-1.4", "only PDF"),
        ("empty.pdf", b"", "empty"),
        ("..", b"%PDF-1.4", "no usable file name"),
    ],
)
def test_attachments_refused(name: str, content: bytes, why: str) -> None:
    with pytest.raises(files.AttachmentError, match=why):
        files.check(name, content)


def test_attachment_size_limit() -> None:
    with pytest.raises(files.AttachmentTooLarge, match="1.96 KB is over the limit of 1 KB"):
        files.check("big.pdf", b"%PDF-" + b"x" * 2000, max_bytes=1024)
    assert files.check("ok.pdf", b"%PDF-" + b"x" * 1000, max_bytes=1024).size == 1005
    assert files.size_words(20 * 1048576) == "20 MB"
