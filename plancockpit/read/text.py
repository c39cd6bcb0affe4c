"""Plain text: decode bytes into the original text, verbatim (only a BOM is stripped).

Decoding order, strictest first, so a GBK file is never mistaken for a lucky UTF-8 one:
1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) decides outright;
2. strict UTF-8;
3. UTF-16 without BOM when the bytes look like it (many NULs at every other position);
4. strict GB18030 (a superset of GBK and GB2312), accepted only if the text looks like text;
5. charset-normalizer's best guess.
Anything that still looks like binary (NULs, control characters) is refused.
"""

from __future__ import annotations

import codecs
import re

from plancockpit.read.errors import ReadError
from plancockpit.read.source import SourceDocument

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters other than tab, newline, carriage return and form feed, and the
# private-use area that a wrong multi-byte decoding (Big5 read as GB18030) lands in.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ue000-\uf8ff]")
_MAX_CONTROL_SHARE = 0.001


def looks_like_text(text: str) -> bool:
    """True unless the text carries NULs or more than a trace of control or private-use chars."""
    if "\x00" in text:
        return False
    sample = text[:200_000]
    bad = len(_CONTROL.findall(sample))
    return bad <= max(2, int(len(sample) * _MAX_CONTROL_SHARE))


def _utf16_guess(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when half the bytes are NUL on one side (ASCII-heavy UTF-16)."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to (text, encoding name), or raise ReadError if they are not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding + "-sig"
            except UnicodeDecodeError as exc:
                raise ReadError(f"broken {encoding} text after its byte-order mark / 文本编码损坏") from exc
    attempts: list[str] = ["utf-8"]
    guess16 = _utf16_guess(data)
    if guess16:
        attempts.append(guess16)
    attempts.append("gb18030")
    for encoding in attempts:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if looks_like_text(text):
            return text, encoding
    return _detect(data)


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise ReadError("not a text file (binary content) / 不是文本文件（二进制内容）")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise ReadError("not a text file (undecodable bytes) / 不是文本文件（无法解码）") from exc
    if not looks_like_text(text):
        raise ReadError("not a text file (binary content) / 不是文本文件（二进制内容）")
    return text, best.encoding


def read_txt(name: str, data: bytes) -> SourceDocument:
    """A .txt file as a SourceDocument with its detected encoding."""
    text, encoding = decode(data)
    if not text.strip():
        raise ReadError("empty file (no text) / 空文件（没有文字）")
    return SourceDocument(name=name, text=text, format="txt", encoding=encoding)
