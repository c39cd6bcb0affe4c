"""Notifications by e-mail through a real SMTP server (aiosmtpd started by the test on a free
local port): sent to users with an address, in both languages; a server that is down is logged
and changes nothing else."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select

from plancockpit.db.engine import transaction
from plancockpit.db.models import Notification, User
from plancockpit.services.access.users import set_ties
from plancockpit.services.followup import notifications
from plancockpit.services.followup.mail import MailSettings, send, take_pending
from tests.services.roundcase import build
from tests.services.smtpcase import Inbox, free_port, local_smtp


@pytest.fixture
def smtp() -> Iterator[Inbox]:
    yield from local_smtp()


def test_notifications_are_e_mailed_to_users_with_an_address(
    db_engine: Engine, smtp: Inbox
) -> None:
    with transaction(db_engine) as s:
        build(s)
        set_ties(s, "east", email="east@example.org")
        users = [s.scalar(select(User.id).where(User.name == n)) for n in ("east", "west")]
        notifications.notify(
            s,
            [u for u in users if u],
            "value_returned",
            params={
                "indicator": "地区生产总值",
                "period": "2025年",
                "by": "fgj",
                "reason": "请核对",
            },
            link="/todo",
        )
        ids = take_pending(s)
        assert take_pending(s) == []
    sent = send(db_engine, MailSettings("127.0.0.1", smtp.port, "cockpit@example.org"), ids)
    assert sent == 1  # west has no address
    [mail] = smtp.wait(1)
    body = mail.get_payload(decode=True).decode("utf-8")  # type: ignore[union-attr]
    assert mail["To"] == "east@example.org"
    assert "被fgj退回：请核对" in body and "was returned by fgj: 请核对" in body and "/todo" in body
    assert send(db_engine, None, ids) == 0  # no server set: the inbox only


def test_a_server_that_is_down_is_logged_not_raised(
    db_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    with transaction(db_engine) as s:
        build(s)
        set_ties(s, "east", email="east@example.org")
        uid = s.scalar(select(User.id).where(User.name == "east"))
        assert uid
        notifications.notify(s, [uid], "value_approved", params={"indicator": "x", "by": "fgj"})
        ids = take_pending(s)
    with caplog.at_level(logging.WARNING, logger="plancockpit.services.followup.mail"):
        assert send(db_engine, MailSettings("127.0.0.1", free_port()), ids) == 0
    assert "failed" in caplog.text
    with transaction(db_engine) as s:
        assert len(s.scalars(select(Notification)).all()) == 1  # the inbox keeps it


def test_every_kind_has_words_in_both_languages() -> None:
    for kind, words in notifications.texts().items():
        assert words["zh"] != words["en"], kind
        assert notifications.text(kind, {}, "en") and notifications.text(kind, {}, "zh")


@pytest.mark.parametrize(("port", "ok"), [("2525", True), ("0", False), ("smtp", False)])
def test_settings_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, port: str, ok: bool
) -> None:
    monkeypatch.delenv("PLANCOCKPIT_SMTP_HOST", raising=False)
    assert MailSettings.from_env() is None
    monkeypatch.setenv("PLANCOCKPIT_SMTP_HOST", "mail.local")
    monkeypatch.setenv("PLANCOCKPIT_SMTP_PORT", port)
    if ok:
        assert MailSettings.from_env() == MailSettings("mail.local", 2525, "plancockpit@localhost")
    else:
        with pytest.raises(ValueError, match="port number"):
            MailSettings.from_env()
