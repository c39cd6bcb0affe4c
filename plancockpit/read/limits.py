"""Size limits for reading, so a hostile or mistaken file is refused before it costs memory.

These are documented in the README ("Reading documents"). A planning document is rarely over
2 MB of text; 20 MB leaves ample room while refusing log dumps and disguised archives quickly.
"""

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Largest file accepted at all (any format), checked from the file size before reading."""

MAX_TEXT_CHARS = 20 * 1024 * 1024
"""Largest text a reader may produce (a .docx or .pdf can expand beyond its file size)."""

MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024
"""Largest total uncompressed size of the members of a .docx archive."""

MAX_DOCX_XML = 64 * 1024 * 1024
"""Largest word/document.xml (uncompressed). Its parsed tree takes about ten times its size in
memory and ≈ 0.13 s per MB to read; a 1,000-page plan's is far smaller."""

MAX_ZIP_RATIO = 200
"""Largest compression ratio of any .docx member (real Word XML compresses about 5-20x)."""

MAX_PDF_PAGES = 2000
"""Most pages read from one PDF."""
