"""Refuse a .docx whose archive would expand too far (a zip bomb), or that this Python cannot
inflate (a zip version or compression method it does not know), before anything is inflated."""

from __future__ import annotations

import io
import zipfile

from plancockpit.read.errors import ReadError
from plancockpit.read.limits import MAX_DOCX_XML, MAX_ZIP_RATIO, MAX_ZIP_UNCOMPRESSED

_MIN_CHECKED = 1024 * 1024  # members under 1 MB uncompressed are never a threat by ratio
# The methods Python's zipfile inflates; Word writes only the first two. Others (Deflate64 = 9,
# PPMd = 98, ...) raise NotImplementedError on reading.
_SUPPORTED = {
    zipfile.ZIP_STORED: "stored",
    zipfile.ZIP_DEFLATED: "deflate",
    zipfile.ZIP_BZIP2: "bzip2",
    zipfile.ZIP_LZMA: "lzma",
}


def _unsupported(reason: str) -> ReadError:
    return ReadError(
        f"unsupported .docx ({reason}; save it again with Word or WPS) / 不支持的压缩格式"
    )


def check_zip(data: bytes) -> None:
    """Raise ReadError if `data` is not a zip archive, one this Python cannot inflate, or one
    that declares a dangerous expansion."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ReadError("corrupt .docx (not a zip archive) / .docx 文件已损坏") from exc
    except NotImplementedError as exc:  # "zip file version 8.1": a feature zipfile lacks
        raise _unsupported(" ".join(str(exc).split()) or "zip feature not implemented") from exc
    with archive:
        total = 0
        for info in archive.infolist():
            if info.compress_type not in _SUPPORTED:
                raise _unsupported(
                    f"member {info.filename[:80]!r} uses zip compression method "
                    f"{info.compress_type}"
                )
            total += info.file_size
            if total > MAX_ZIP_UNCOMPRESSED:
                raise ReadError(
                    "refused .docx: it would expand beyond "
                    f"{MAX_ZIP_UNCOMPRESSED // 1024 // 1024} MB (zip bomb?) / 拒绝读取：解压后过大"
                )
            if info.file_size > _MIN_CHECKED and info.file_size > MAX_ZIP_RATIO * max(
                info.compress_size, 1
            ):
                raise ReadError(
                    f"refused .docx: member {info.filename} is compressed {info.file_size // max(info.compress_size, 1)}:1 "
                    "(zip bomb?) / 拒绝读取：压缩比异常"
                )
        if "word/document.xml" not in archive.namelist():
            raise ReadError("corrupt .docx (no word/document.xml) / .docx 文件已损坏")
        body = archive.getinfo("word/document.xml").file_size
        if body > MAX_DOCX_XML:
            raise ReadError(
                f"refused .docx: its text part is {body / 1024 / 1024:.0f} MB of XML "
                f"(limit {MAX_DOCX_XML // 1024 // 1024} MB); split the document "
                "/ 拒绝读取：正文过大，请拆分文档"
            )
