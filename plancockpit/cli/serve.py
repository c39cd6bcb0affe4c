"""`plancockpit serve` and `plancockpit demo`: run the cockpit (and, for the demo, ingest examples)."""

from __future__ import annotations

from typing import Annotated

import typer

from plancockpit.cli.app import app
from plancockpit.cli.common import DbOption, fail, open_db

HostOption = Annotated[str, typer.Option("--host", help="Address to listen on / 监听地址")]
PortOption = Annotated[int, typer.Option("--port", min=1, max=65535, help="Port / 端口")]


WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers",
        min=1,
        max=64,
        help="Worker processes sharing the database (PostgreSQL for more than one writer at a time) / 工作进程数",
    ),
]


WORKER_PATIENCE = 60  # seconds
# An idle kept-alive connection is closed by the server after this. It must outlast the
# clients' own idle limit (httpx and many browsers: 5 s, uvicorn's default too): when both
# were 5 s the server closed connections just as clients sent on them, and a POST answered
# "connection reset by peer" (bench.mixed_load).
KEEP_ALIVE = 30  # seconds


def _run(db: str | None, host: str, port: int, workers: int = 1) -> None:
    import os

    import uvicorn

    from plancockpit.web.app import create_app
    from plancockpit.web.serving import prepare
    from plancockpit.web.settings import Settings

    try:
        settings = Settings.from_env(db)
        web = create_app(settings)  # migrates and checks the facts once, before any worker
    except Exception as exc:  # noqa: BLE001 - a bad URL or setting is one line, not a traceback
        raise fail(
            f"cannot start the cockpit: {' '.join(str(exc).split())[:300]} / 驾驶舱无法启动"
        ) from None
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    typer.echo(
        f"plancockpit cockpit: http://{shown}:{port}/  (API schema: http://{shown}:{port}/openapi.json)"
    )
    if workers == 1:
        prepare(web)
        uvicorn.run(web, host=host, port=port, log_level="warning", timeout_keep_alive=KEEP_ALIVE)
        return
    # Each worker builds its app from the environment: the same database and the same key, so a
    # session signed by one worker is valid in all. Each runs its own refresher (started with
    # its app's lifespan; this supervising process serves nothing and runs none).
    os.environ["PLANCOCKPIT_DB"] = settings.db_url
    os.environ["PLANCOCKPIT_SECRET"] = settings.secret_key
    # uvicorn kills a worker that answers its supervisor's ping later than this: at the default
    # 5 s a worker busy with 25 sign-ins (argon2) on a loaded machine was killed, and every
    # request it held answered "server disconnected" (bench.mixed_load).
    uvicorn.run(
        "plancockpit.web.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        timeout_worker_healthcheck=WORKER_PATIENCE,
        timeout_keep_alive=KEEP_ALIVE,
    )


@app.command()
def serve(
    db: DbOption = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    workers: WorkersOption = 1,
) -> None:
    """Serve the web cockpit and the REST API. / 启动驾驶舱网页与接口"""
    _run(db, host, port, workers)


@app.command()
def demo(db: DbOption = None, host: HostOption = "127.0.0.1", port: PortOption = 8000) -> None:
    """Ingest the bundled example documents, then serve the cockpit. / 导入示例文件并启动驾驶舱"""
    from plancockpit.services.ingest.run import example_paths, ingest_paths

    engine = open_db(db)
    for outcome in ingest_paths(engine, example_paths()):
        detail = outcome.message or f"{outcome.records} records"
        typer.echo(f"{outcome.status:10} {outcome.path.name}  {detail}")
    engine.dispose()
    _run(db, host, port)
