"""Uploaded files become background jobs: the names and sizes are checked, the files stored with
their job in the database, and the answer goes back at once (`services.jobs.queue`); a worker ingests
or imports them (`services.jobs.runs`), so no upload holds up other requests and no status work
happens on the request path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import HTTPException, UploadFile
from starlette.concurrency import run_in_threadpool

from plancockpit.db.engine import transaction
from plancockpit.services.access.users import UserInfo
from plancockpit.services.jobs import queue as jobs
from plancockpit.services.jobs.queue import Upload

_CHUNK = 1024 * 1024
MAX_NAME_BYTES = 255
ACTUALS_SUFFIXES = (".csv", ".xlsx", ".xlsm")


def safe_name(upload: UploadFile) -> str:
    """The upload's file name without folders; a name that is no file name is refused (422)."""
    raw = (upload.filename or "upload").replace("\\", "/")
    name = raw.rsplit("/", 1)[-1]
    if (
        name in ("", ".", "..")
        or len(name.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES
        or any(c in name for c in "\x00\r\n")
    ):
        shown = name[:40].encode("unicode_escape").decode("ascii")
        raise HTTPException(422, f"{shown!r} is not a usable file name / 文件名无效")
    return name


async def _read(upload: UploadFile, max_bytes: int) -> Upload:
    name = safe_name(upload)
    chunks, size = [], 0
    while chunk := await upload.read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise HTTPException(
                413, f"{name}: larger than {max_bytes // (1024 * 1024)} MB / 文件过大"
            )
        chunks.append(chunk)
    return Upload(name, b"".join(chunks))


async def _queue(
    state: Any,
    kind: str,
    files: list[Upload],
    user: UserInfo,
    options: dict[str, Any] | None = None,
) -> dict[str, Any]:
    def store() -> dict[str, Any]:
        with transaction(state.engine) as session:
            job = jobs.enqueue(
                session, kind=kind, files=files, created_by=user.name, options=options
            )
            return jobs.view(job, [f.name for f in files])

    queued = await run_in_threadpool(store)
    worker = getattr(state, "job_worker", None)
    if worker is not None:
        worker.notify()
    return queued


async def queue_documents(state: Any, uploads: list[UploadFile], user: UserInfo) -> dict[str, Any]:
    """Store the uploaded documents as one ingest job (every name checked before anything is
    stored); the queued job as the API shows it."""
    for upload in uploads:
        safe_name(upload)
    files = [await _read(upload, state.settings.max_upload_bytes) for upload in uploads]
    return await _queue(state, "ingest", files, user)


async def queue_ledger(state: Any, upload: UploadFile, user: UserInfo) -> dict[str, Any]:
    """Store a major-projects ledger as a `projects` job, authored by the signed-in user."""
    name = safe_name(upload)
    if Path(name).suffix.lower() not in ACTUALS_SUFFIXES:
        raise HTTPException(422, f"{name}: use a .csv or .xlsx file / 请使用 .csv 或 .xlsx 文件")
    file = await _read(upload, state.settings.max_upload_bytes)
    return await _queue(state, "projects", [file], user)


async def queue_actuals(state: Any, upload: UploadFile, user: UserInfo) -> dict[str, Any]:
    """Store an actuals workbook as an import job, its rows authored by the signed-in user; a
    file that is no workbook by its name is refused at once (422)."""
    name = safe_name(upload)
    if Path(name).suffix.lower() not in ACTUALS_SUFFIXES:
        raise HTTPException(422, f"{name}: use a .csv or .xlsx file / 请使用 .csv 或 .xlsx 文件")
    file = await _read(upload, state.settings.max_upload_bytes)
    return await _queue(state, "import", [file], user, {"entered_by": user.name})
