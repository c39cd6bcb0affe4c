"""Uploaded files to ingest: saved to a private temp folder, then handed to the ingest services
in a worker thread, so a long ingest or import never holds up other requests."""

from __future__ import annotations

import importlib
import tempfile
from pathlib import Path
from typing import Any

from fastapi import HTTPException, UploadFile
from starlette.concurrency import run_in_threadpool

from plancockpit.services.ingest import ingest_file
from plancockpit.web.freshness import refresh_now

_CHUNK = 1024 * 1024
MAX_NAME_BYTES = 255


def safe_name(upload: UploadFile) -> str:
    """The upload's file name without folders; a name that is no file name is refused (422)."""
    raw = (upload.filename or "upload").replace("\\", "/")
    name = raw.rsplit("/", 1)[-1]
    if name in ("", ".", "..") or len(name.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES \
            or any(c in name for c in "\x00\r\n"):
        shown = name[:40].encode("unicode_escape").decode("ascii")
        raise HTTPException(422, f"{shown!r} is not a usable file name / 文件名无效")
    return name


async def _save(upload: UploadFile, folder: Path, max_bytes: int) -> Path:
    name = safe_name(upload)
    dest = folder / name
    size = 0
    with dest.open("wb") as out:
        while chunk := await upload.read(_CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise HTTPException(413, f"{name}: larger than {max_bytes // (1024 * 1024)} MB / 文件过大")
            out.write(chunk)
    return dest


async def ingest_uploads(state: Any, uploads: list[UploadFile]) -> list[dict[str, Any]]:
    """Ingest each uploaded document into the app's database, then recompute the statuses;
    one line per file saying what happened (page form and API alike)."""
    for upload in uploads:  # every name checked before anything is stored
        safe_name(upload)
    with tempfile.TemporaryDirectory(prefix="plancockpit-upload-") as tmp:
        folders = [Path(tmp) / str(i) for i in range(len(uploads))]  # two files may share a name
        paths = []
        for folder, upload in zip(folders, uploads, strict=True):
            folder.mkdir()
            paths.append(await _save(upload, folder, state.settings.max_upload_bytes))
        return await run_in_threadpool(_ingest_all, state, paths)


def _ingest_all(state: Any, paths: list[Path]) -> list[dict[str, Any]]:
    results = []
    for path in paths:
        outcome = ingest_file(state.engine, path)
        results.append({"file": path.name, "status": outcome.status, "message": outcome.message,
                        "document_id": outcome.document_id, "sections": outcome.sections,
                        "records": outcome.records})
    refresh_now(state)  # ingest linked each document's records in its own transaction
    return results


async def import_actuals(state: Any, upload: UploadFile, by: str) -> dict[str, Any]:
    """Read an actuals workbook through the actuals service, then recompute the statuses;
    per-row report of what was taken."""
    try:
        module = importlib.import_module("plancockpit.services.actuals")
    except ImportError:
        raise HTTPException(503, "importing actuals is not available in this build / 暂不支持导入实际数据") from None
    with tempfile.TemporaryDirectory(prefix="plancockpit-actuals-") as tmp:
        path = await _save(upload, Path(tmp), state.settings.max_upload_bytes)
        try:
            report = await run_in_threadpool(module.import_actuals, state.engine, path, entered_by=by)
        except ValueError as exc:
            reason = str(exc)  # the service may name the file itself: say it once
            raise HTTPException(422, reason if reason.startswith(path.name) else f"{path.name}: {reason}") from None
    await run_in_threadpool(refresh_now, state)
    return report if isinstance(report, dict) else {"report": report}
