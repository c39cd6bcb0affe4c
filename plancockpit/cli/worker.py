"""`plancockpit worker`: a process that takes upload jobs from the database (add as many as you
like on PostgreSQL, on any machine that reaches it) and notifies overdue supervision items and
rounds every `PLANCOCKPIT_SWEEP_MINUTES`."""

from __future__ import annotations

import signal
import threading
from typing import Annotated, Any

import typer

from plancockpit.cli.app import app
from plancockpit.cli.common import DbOption, fail, open_db

OnceOption = Annotated[
    bool, typer.Option("--once", help="Run what is queued, then exit / 处理完队列即退出")
]
PollOption = Annotated[
    float,
    typer.Option(
        "--poll", min=0.1, max=3600, help="Seconds between looks at the queue / 查看队列的间隔秒数"
    ),
]


@app.command()
def worker(db: DbOption = None, once: OnceOption = False, poll: PollOption = 1.0) -> None:
    """Take background jobs (uploaded documents and workbooks) and run them; notify what is
    overdue. / 处理后台任务（上传的文件），提醒逾期事项"""
    from plancockpit import collector
    from plancockpit.services.followup.mail import MailSettings
    from plancockpit.services.followup.overdue import Sweeper
    from plancockpit.services.jobs.queue import JobSettings, worker_name
    from plancockpit.services.jobs.runs import run_until_idle, work

    try:
        settings = JobSettings.from_env()
        mail = MailSettings.from_env()
    except ValueError as exc:
        raise fail(str(exc)) from None
    engine = open_db(db)
    collector.pace()
    sweeper = Sweeper(engine, mail, settings.sweep_minutes * 60) if settings.sweep_minutes else None
    stop = threading.Event()

    def stopping(_signum: int, _frame: Any) -> None:  # SIGTERM / Ctrl-C: finish the file at hand
        stop.set()

    signal.signal(signal.SIGTERM, stopping)
    signal.signal(signal.SIGINT, stopping)

    def said(claim: Any, state: str) -> None:
        typer.echo(f"job {claim.job_id} ({claim.kind}): {state}")

    typer.echo(f"plancockpit worker {worker_name()}: waiting for jobs / 等待任务", err=True)
    try:
        if once:
            if sweeper is not None:
                sweeper()
            run_until_idle(engine, settings, stop=stop, after=said)
        else:
            work(engine, settings, stop, poll_seconds=poll, after=said, periodic=sweeper)
    finally:
        engine.dispose()
