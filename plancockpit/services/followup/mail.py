"""Optional e-mail of notifications through an SMTP server named in the settings
(PLANCOCKPIT_SMTP_HOST, _PORT, _FROM). Best effort: a user without an address gets none, and a
server that refuses or is down is logged, never an error of the request that notified."""

from __future__ import annotations

import logging
import os
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from plancockpit.db.engine import transaction
from plancockpit.db.models import Notification, User
from plancockpit.services.followup.notifications import PENDING, text

log = logging.getLogger(__name__)
TIMEOUT = 10.0  # seconds for the whole conversation with the server


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int = 25
    sender: str = "plancockpit@localhost"

    @classmethod
    def from_env(cls) -> MailSettings | None:
        """The settings from the environment; None (no e-mail) without PLANCOCKPIT_SMTP_HOST."""
        host = os.environ.get("PLANCOCKPIT_SMTP_HOST", "").strip()
        if not host:
            return None
        port = os.environ.get("PLANCOCKPIT_SMTP_PORT", "25")
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError(f"$PLANCOCKPIT_SMTP_PORT must be a port number, not {port!r}")
        return cls(host, int(port), os.environ.get("PLANCOCKPIT_SMTP_FROM") or cls.sender)


def message(n: Notification, to: str, sender: str) -> EmailMessage:
    """A notification as a bilingual e-mail."""
    msg = EmailMessage()
    msg["Subject"] = f"规划驾驶舱 plancockpit: {text(n.kind, n.params, 'zh')}"[:200]
    msg["From"] = sender
    msg["To"] = to
    link = f"\n\n{n.link}" if n.link else ""
    msg.set_content(f"{text(n.kind, n.params, 'zh')}\n\n{text(n.kind, n.params, 'en')}{link}\n")
    return msg


def take_pending(session: Session) -> list[int]:
    """The ids of the notifications this session made (forgotten by the session): e-mail them
    with `send` once the session has committed."""
    return list(session.info.pop(PENDING, []))


def send(engine: Engine, settings: MailSettings | None, ids: list[int]) -> int:
    """E-mail these notifications to their users who have an address; the number sent. The
    messages are read in a short read-only transaction, closed before the server is contacted.
    Failures are logged and end the attempt, nothing is raised."""
    if settings is None or not ids:
        return 0
    with transaction(engine, write=False) as session:
        mails = [
            message(n, email, settings.sender)
            for n, email in session.execute(
                select(Notification, User.email)
                .join(User, User.id == Notification.user_id)
                .where(Notification.id.in_(ids), User.email.is_not(None))
            )
            if email
        ]
    if not mails:
        return 0
    sent = 0
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT) as smtp:
            for mail in mails:
                smtp.send_message(mail)
                sent += 1
    except (OSError, smtplib.SMTPException) as exc:
        log.warning(
            "notification e-mail via %s:%s failed after %d sent: %s",
            settings.host,
            settings.port,
            sent,
            exc,
        )
    return sent
