"""The cockpit's settings: one typed object, read from the environment, failing fast."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field

from plancockpit.db.engine import database_url
from plancockpit.services.followup.mail import MailSettings
from plancockpit.services.jobs.queue import JobSettings
from plancockpit.web.throttle import PER_ADDRESS, PER_NAME, parse_limit


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    choices = "true, false or published" if name == "PLANCOCKPIT_PUBLIC_READ" else "true or false"
    raise ValueError(f"${name} must be {choices}, not {raw!r}")


@dataclass(frozen=True)
class Settings:
    """What `create_app` needs. Environment variables (all optional):

    PLANCOCKPIT_DB           database URL (default ./plancockpit.sqlite)
    PLANCOCKPIT_SECRET       key signing session cookies (default: random per process)
    PLANCOCKPIT_PUBLIC_READ  true|false|published: may anyone read without signing in
                             (default true; published: only what an admin published, read-only)
    PLANCOCKPIT_LANG         zh|en: default language of the pages (default zh)
    PLANCOCKPIT_REFRESH_SECONDS  how often to check whether statuses need recomputing (default 10)
    PLANCOCKPIT_SECURE_COOKIES   true: session cookies only over HTTPS (behind TLS; default false)
    PLANCOCKPIT_MAX_BODY_MB      largest upload in MB, refused before it is read (default 50)
    PLANCOCKPIT_SESSION_HOURS    how long a sign-in lasts (default 8)
    PLANCOCKPIT_LOGIN_LIMIT_NAME     failed sign-ins allowed per user name (default 5/15 minutes)
    PLANCOCKPIT_LOGIN_LIMIT_ADDRESS  failed sign-ins allowed per client address (default 20/15 minutes)
    PLANCOCKPIT_ATTACHMENT_MAX_MB    largest file sent with a supervision answer, in MB (default 20)
    PLANCOCKPIT_AUTO_PROPOSE     true: each refresh of the statuses proposes supervision items for
                                 targets that need one (default true; false: only on demand)
    PLANCOCKPIT_SMTP_HOST, PLANCOCKPIT_SMTP_PORT, PLANCOCKPIT_SMTP_FROM  an SMTP server to e-mail
                                 notifications through (default: none, the in-app inbox only)
    PLANCOCKPIT_BACKGROUND_REFRESH  true: statuses recomputed in a thread while pages are served
                                 from the previous ones (default true; false: before the next read)
    PLANCOCKPIT_JOB_WORKER       true: the app runs a background worker for upload jobs (default
                                 true; false: only `plancockpit worker` processes take them)
    PLANCOCKPIT_JOB_*            how workers keep jobs (`services.jobs.queue.JobSettings`)
    PLANCOCKPIT_THREADS          requests one process works on at once (default 16); its
                                 database pool holds `connections` for them
    """

    db_url: str = field(default_factory=lambda: database_url(None))
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    public_read: bool = True
    # Public mode: a visitor who is not signed in sees only published documents and indicators,
    # no write control and no internal note (`web/public.py`); needs public_read.
    published_only: bool = False
    default_lang: str = "zh"
    refresh_seconds: float = 10.0
    session_max_age: int = 8 * 3600
    https_only: bool = False
    max_upload_bytes: int = 50 * 1024 * 1024
    login_limit_per_name: str = PER_NAME
    login_limit_per_address: str = PER_ADDRESS
    background_refresh: bool = False  # recompute statuses in a thread, never on a request
    attachment_max_bytes: int = 20 * 1024 * 1024
    auto_propose: bool = False  # propose supervision items when the statuses are recomputed
    mail: MailSettings | None = None  # e-mail notifications through this SMTP server
    job_worker: bool = False  # run upload jobs in a thread of the app (serve: true)
    jobs: JobSettings = field(default_factory=JobSettings)
    threads: int = 16

    @property
    def connections(self) -> int:
        """The database pool's size: a request may hold two connections at once (its own and
        the sign-in check's), and the refresher, job worker and sweeper one each. Sized so, a
        request never waits for a connection another request needs to finish — with the
        default 15 connections and 40 request threads, 50 clients starved the pool on
        PostgreSQL and reads failed after 30 s."""
        return 2 * self.threads + 4

    def __post_init__(self) -> None:
        if self.threads < 1:
            raise ValueError("threads must be at least 1")
        if self.default_lang not in ("zh", "en"):
            raise ValueError(f"default_lang must be zh or en, not {self.default_lang!r}")
        if len(self.secret_key) < 16:
            raise ValueError("the session secret must have at least 16 characters")
        if self.attachment_max_bytes < 1024:
            raise ValueError("attachments must be allowed at least 1 KB")
        if self.session_max_age < 60:
            raise ValueError("a session must last at least a minute")
        for limit in (self.login_limit_per_name, self.login_limit_per_address):
            parse_limit(limit)
        if self.published_only and not self.public_read:
            raise ValueError("published_only needs public_read")

    @classmethod
    def from_env(cls, db_url: str | None = None) -> Settings:
        secret = os.environ.get("PLANCOCKPIT_SECRET") or secrets.token_urlsafe(32)
        published_only = os.environ.get("PLANCOCKPIT_PUBLIC_READ", "").lower() == "published"
        return cls(
            db_url=database_url(db_url),
            secret_key=secret,
            public_read=published_only or _flag("PLANCOCKPIT_PUBLIC_READ", True),
            published_only=published_only,
            default_lang=os.environ.get("PLANCOCKPIT_LANG", "zh"),
            refresh_seconds=float(os.environ.get("PLANCOCKPIT_REFRESH_SECONDS", "10")),
            https_only=_flag("PLANCOCKPIT_SECURE_COOKIES", False),
            background_refresh=_flag("PLANCOCKPIT_BACKGROUND_REFRESH", True),
            job_worker=_flag("PLANCOCKPIT_JOB_WORKER", True),
            jobs=JobSettings.from_env(),
            max_upload_bytes=int(
                float(os.environ.get("PLANCOCKPIT_MAX_BODY_MB", "50")) * 1024 * 1024
            ),
            attachment_max_bytes=int(
                float(os.environ.get("PLANCOCKPIT_ATTACHMENT_MAX_MB", "20")) * 1024 * 1024
            ),
            auto_propose=_flag("PLANCOCKPIT_AUTO_PROPOSE", True),
            session_max_age=int(float(os.environ.get("PLANCOCKPIT_SESSION_HOURS", "8")) * 3600),
            login_limit_per_name=os.environ.get("PLANCOCKPIT_LOGIN_LIMIT_NAME", PER_NAME),
            login_limit_per_address=os.environ.get("PLANCOCKPIT_LOGIN_LIMIT_ADDRESS", PER_ADDRESS),
            mail=MailSettings.from_env(),
            threads=int(os.environ.get("PLANCOCKPIT_THREADS", "16")),
        )
