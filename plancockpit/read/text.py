"""Plain text: decode bytes into the original text, verbatim (only a BOM is stripped).

Decoding order, strictest first, so a GBK file is never mistaken for a lucky UTF-8 one:
1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) decides outright;
2. strict UTF-8;
3. UTF-16 without BOM when the bytes look like it (many NULs at every other position);
4. strict GB18030 (a superset of GBK and GB2312) and strict Big5 (then its supersets CP950 and
   Big5-HKSCS), each accepted only if the text looks like text; when both decode (the two share
   their byte ranges, so short Big5 text is often valid GB18030 too), the one whose characters
   are the common ones of its own character set wins (GB2312 for GB18030, Big5's level 1 and
   symbols for Big5): Big5 read as GB18030 gives rare extension characters, kana and
   private-use ones; a tie goes to GB18030;
5. charset-normalizer's best guess.
Anything that still looks like binary (NULs, control characters) is refused.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

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
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")


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
                return data[len(bom) :].decode(encoding), encoding + "-sig"
            except UnicodeDecodeError as exc:
                raise ReadError(
                    f"broken {encoding} text after its byte-order mark / 文本编码损坏"
                ) from exc
    attempts: list[str] = ["utf-8"]
    guess16 = _utf16_guess(data)
    if guess16:
        attempts.append(guess16)
    for encoding in attempts:
        text = _strict(data, encoding)
        if text is not None:
            return text, encoding
    chinese = _gb_or_big5(data)
    return chinese if chinese is not None else _detect(data)


def _strict(data: bytes, encoding: str) -> str | None:
    """The text if `data` decodes strictly in `encoding` and looks like text, else None."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return text if looks_like_text(text) else None


_BIG5_FAMILY = ("big5", "cp950", "big5hkscs")
_SAMPLE_CHARS = 20_000


def _gb_or_big5(data: bytes) -> tuple[str, str] | None:
    """GB18030 or Big5, whichever decodes strictly into common characters of its own set."""
    gb = _strict(data, "gb18030")
    big5 = next(((t, e) for e in _BIG5_FAMILY if (t := _strict(data, e)) is not None), None)
    if big5 is None:
        return (gb, "gb18030") if gb is not None else None
    if gb is None or _oddness(big5[0], _big5_common) < _oddness(gb, _gb2312_common):
        return big5
    return gb, "gb18030"


def _oddness(text: str, common: Callable[[str], bool]) -> tuple[int, float]:
    """How unlike real text a decoding is: private-use characters (the user-defined areas a
    wrong double-byte decoding lands in) first, then the share of rare characters."""
    sample = text[:_SAMPLE_CHARS]
    return len(_PRIVATE_USE.findall(sample)), _rare_share(sample, common)


def _gb2312_common(char: str) -> bool:
    """A GB2312 hanzi or punctuation/full-width form (rows 1-3 and 16-87, not kana or Greek)."""
    code = char.encode("gb18030")
    return (
        len(code) == 2 and code[1] >= 0xA1 and (0xA1 <= code[0] <= 0xA3 or 0xB0 <= code[0] <= 0xF7)
    )


def _big5_common(char: str) -> bool:
    """A Big5 symbol (0xA1-0xA3) or level-1 hanzi (0xA4-0xC6, and the ETen symbols up to 0xC8)."""
    try:
        code = char.encode("cp950")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and 0xA1 <= code[0] <= 0xC8


def _rare_share(text: str, common: Callable[[str], bool]) -> float:
    """The share of non-ASCII characters in a sample of `text` that `common` calls rare."""
    wide = {c for c in text if c >= "\x80" and not c.isspace()}
    if not wide:
        return 0.0
    return sum(1 for c in wide if not common(c)) / len(wide)


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
