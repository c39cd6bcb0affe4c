"""`create_app(settings)`: the cockpit's FastAPI application; the engine is made here, never at import."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import DataError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import sessionmaker
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from plancockpit import errors, vocabulary
from plancockpit.db.engine import busy, writer
from plancockpit.db.migrate import open_database
from plancockpit.services.cockpit.overview import scope as overview_scope
from plancockpit.services.cockpit.refresh import ensure_fact_tables
from plancockpit.services.opendata import publishing
from plancockpit.web import (
    api,
    api_write,
    ask,
    audit,
    document_html,
    export,
    freshness,
    jobs,
    opendata,
    overview_cache,
    pages,
    projects,
    publish,
    round_pages,
    rounds,
    search,
    supervision,
    template_download,
    users,
)
from plancockpit.web.deps import cached, csrf_token, current_user, public_view
from plancockpit.web.formatting import fmt_num
from plancockpit.web.guard import BodyGuard, SecurityHeaders
from plancockpit.web.i18n import LANG_COOKIE, request_lang, translator
from plancockpit.web.serving import prepare
from plancockpit.web.settings import Settings
from plancockpit.web.throttle import LoginThrottle

HERE = Path(__file__).resolve().parent


def _page_scope(request: Request) -> dict[str, Any]:
    """The region and "数据截至" every page's header names (kept until the facts change; in the
    public view, also until what is published changes)."""
    state = request.app.state
    public = public_view(request)

    def compute() -> dict[str, Any]:
        with state.sessions() as session:
            return overview_scope(session, public=public)

    try:
        published = _published(state) if public else None
        return cached(state, f"page_scope:{public}:{published}", compute)  # type: ignore[no-any-return]
    except SQLAlchemyError:  # an error page for a database that cannot answer
        return {}


def _published(state: Any) -> int:
    with state.sessions() as session:
        return publishing.version(session)


def _template_globals(templates: Jinja2Templates, settings: Settings) -> None:
    def page_context(request: Request) -> dict[str, Any]:
        lang = request_lang(request, settings.default_lang)
        return {
            "lang": lang,
            "t": translator(lang),
            "user": current_user(request),
            "csrf_token": csrf_token(request),
            "public": public_view(request),
            "scope": _page_scope(request),
            "updating": getattr(request.app.state, "updating", False),
        }

    templates.env.globals["page_context"] = page_context
    templates.env.globals["fmt_num"] = fmt_num
    templates.env.globals["outline_items"] = document_html.outline_items
    templates.env.globals["text_runs"] = document_html.text_runs
    templates.env.globals["vocabulary"] = vocabulary.for_browser()
    templates.env.globals["unread_count"] = round_pages.unread


def _job_worker(state: Any, periodic: Any) -> Any:
    """The app's own worker for upload jobs; after each job every status is marked stale, and
    the refresher recomputes them (never on a request)."""
    from plancockpit.services.jobs.runs import Worker

    def after(_claim: Any, outcome: str) -> None:
        if outcome in ("done", "failed"):
            freshness.changed_everything(state)

    return Worker(state.engine, state.settings.jobs, after=after, periodic=periodic)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Notify what became overdue while the app was down; start the facts' refresher and the job
    worker with the app (the worker sweeps again every PLANCOCKPIT_SWEEP_MINUTES) and stop them
    cleanly with it (a job in hand goes back to the queue after its current file)."""
    from anyio.to_thread import current_default_thread_limiter
    from starlette.concurrency import run_in_threadpool

    from plancockpit.services.followup.overdue import Sweeper

    state = app.state
    # Requests run in this many threads at once (anyio's default is 40): the pool is sized to them.
    current_default_thread_limiter().total_tokens = state.settings.threads
    minutes = state.settings.jobs.sweep_minutes
    sweeper = Sweeper(state.engine, state.settings.mail, minutes * 60) if minutes else None
    if sweeper is not None:
        await run_in_threadpool(sweeper)
    freshness.start_refresher(state)
    if state.settings.job_worker:
        state.job_worker = _job_worker(state, sweeper)
        state.job_worker.start()
    try:
        yield
    finally:
        worker, state.job_worker = getattr(state, "job_worker", None), None
        if worker is not None:
            await run_in_threadpool(worker.stop)
        await run_in_threadpool(freshness.stop, state)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app for `settings`: migrate the database, start the facts' refresher, mount routes."""
    settings = settings or Settings.from_env()
    engine = open_database(settings.db_url, settings.connections)
    ensure_fact_tables(engine)
    app = FastAPI(
        title="plancockpit",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,  # no CDN: schema only
        lifespan=_lifespan,
        description="规划驾驶舱 REST API: documents, records, indicators, targets, observations, "
        "assessments, regions and units.",
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = sessionmaker(engine, expire_on_commit=False)
    app.state.write_sessions = sessionmaker(writer(engine), expire_on_commit=False)
    app.state.login_throttle = LoginThrottle(
        settings.login_limit_per_name, settings.login_limit_per_address
    )
    app.state.cache = {}
    app.state.warmers = [overview_cache.warm]  # the refresher fills these after the facts move
    app.state.job_worker = None
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    _template_globals(templates, settings)
    app.state.templates = templates
    freshness.start(app.state)

    # Innermost first: the guard reads the session, the headers go on every answer.
    app.add_middleware(BodyGuard, max_upload_bytes=settings.max_upload_bytes)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie="plancockpit_session",
        max_age=settings.session_max_age,
        same_site="lax",
        https_only=settings.https_only,
    )
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api.router)
    app.include_router(api_write.router)
    app.include_router(publish.api)
    app.include_router(publish.pages)
    app.include_router(audit.router)
    app.include_router(audit.pages)
    app.include_router(jobs.api)
    app.include_router(jobs.pages)
    app.include_router(users.api)
    app.include_router(users.pages)
    app.include_router(template_download.router)
    app.include_router(export.router)
    app.include_router(opendata.router)
    app.include_router(search.router)
    app.include_router(supervision.api)
    app.include_router(supervision.pages)
    app.include_router(rounds.router)
    app.include_router(round_pages.router)
    app.include_router(ask.router)
    app.include_router(projects.api)
    app.include_router(projects.pages)
    app.include_router(pages.router)

    @app.middleware("http")
    async def remember_lang(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        lang = request.query_params.get("lang")
        if lang in ("zh", "en"):
            response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax")
        return response

    _error_handlers(app, templates, settings)
    _declare_messages(app)
    return app


def _declare_messages(app: FastAPI) -> None:
    """Say in `/openapi.json` what a 422 carries. Under /api/: FastAPI's validation answers a
    list of errors, the project's own refusals (a bad file name, a value out of range, a rule
    broken) one message, `{"detail": "…"}` — both under the HTTPValidationError FastAPI
    declares. Elsewhere (pages, downloads) a refusal is an HTML page (`_error_handlers`)."""
    made = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:  # made (and amended) once
            return app.openapi_schema
        schema = made()
        error = schema["components"]["schemas"]["HTTPValidationError"]["properties"]
        listed = {k: v for k, v in error["detail"].items() if k != "title"}
        error["detail"] = {"title": "Detail", "anyOf": [listed, {"type": "string"}]}
        for path, operations in schema["paths"].items():
            for operation in operations.values():
                refusal = operation.get("responses", {}).get("422")
                if refusal is not None and not path.startswith("/api/"):
                    refusal["content"] = {"text/html": {"schema": {"type": "string"}}}
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _back_to(request: Request) -> str:
    """Where to return after signing in: the page itself for a GET; for a refused form post (a
    review, an upload) the page the form was on, since its POST-only address cannot be reopened."""
    if request.method == "GET":
        return request.url.path + (f"?{request.url.query}" if request.url.query else "")
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.path.startswith("/") and referer.netloc in ("", request.url.netloc):
        return referer.path + (f"?{referer.query}" if referer.query else "")
    return "/"


def _error_handlers(app: FastAPI, templates: Jinja2Templates, settings: Settings) -> None:
    def render(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": message}, status_code=status)
        if status == 401:
            return RedirectResponse(
                f"/login?{urlencode({'next': _back_to(request), 'why': 'need_sign_in'})}",
                status_code=303,
            )
        return templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message}, status_code=status
        )

    # The project's errors, mapped once: the most specific class of an error picks its status.
    statuses = {
        errors.NotFound: 404,
        errors.Forbidden: 403,
        errors.PlancockpitError: 422,
        errors.ConfigError: 500,
    }
    for cls, status in statuses.items():
        app.add_exception_handler(cls, _answer_with(render, status))

    # A number or text the database cannot hold (an id beyond 64 bits, an over-long name) is
    # the request's fault, whichever database says so.
    async def out_of_range(request: Request, exc: Exception) -> Response:
        return render(request, 422, "a number or text is out of range / 数值或文字超出范围")

    app.add_exception_handler(DataError, out_of_range)
    app.add_exception_handler(OverflowError, out_of_range)

    # SQLite still locked by other writers after `db.engine.BEGIN_TRIES` busy timeouts (a write
    # load SQLite cannot carry: PostgreSQL can): the write did not happen; say so and when to retry.
    async def database_busy(request: Request, exc: Exception) -> Response:
        if not busy(exc):
            raise exc
        response = render(
            request,
            503,
            "the database is busy with other writes; nothing was saved, try again / "
            "数据库正忙于其他写入，本次未保存，请稍后重试",
        )
        response.headers["Retry-After"] = "10"
        return response

    app.add_exception_handler(OperationalError, database_busy)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        response = render(request, exc.status_code, str(exc.detail))
        response.headers.update(exc.headers or {})  # Retry-After of a 429
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": jsonable(exc.errors())}, status_code=422)
        return render(request, 422, "; ".join(str(e.get("msg")) for e in exc.errors()))


def _answer_with(
    render: Callable[[Request, int, str], Response], status: int
) -> Callable[[Request, Exception], Awaitable[Response]]:
    async def handler(request: Request, exc: Exception) -> Response:
        return render(request, status, str(exc))

    return handler


def jsonable(details: Any) -> Any:
    """Validation errors as JSON; an input no JSON can hold (NaN, Infinity) is quoted, text no
    UTF-8 can hold (a lone surrogate) is echoed with the character escaped."""
    from fastapi.encoders import jsonable_encoder

    def finite(value: Any) -> Any:
        if isinstance(value, float) and not math.isfinite(value):
            return str(value)
        if isinstance(value, str):
            return value.encode("utf-8", "backslashreplace").decode("utf-8")
        if isinstance(value, dict):
            return {finite(k): finite(v) for k, v in value.items()}
        if isinstance(value, list):
            return [finite(v) for v in value]
        return value

    return finite(jsonable_encoder(details, custom_encoder={Exception: str}))


def app_from_env() -> FastAPI:
    """The app as each worker process of `plancockpit serve --workers N` builds it."""
    app = create_app(Settings.from_env())
    prepare(app)
    return app
