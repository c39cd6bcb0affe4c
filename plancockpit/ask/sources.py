"""Citations: the sentence a record was read from (offsets into the original text, with a link to
the record's place on the document page), an imported file's row, or the person who entered a
value."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from plancockpit.ask.model import Citation
from plancockpit.db.models import Document, Record

QUOTE_MAX = 240
LINE_MAX = 400  # how far to look for the ends of a table row


class Sources:
    """Citations of records, loaded in bulk and kept for one answer."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._records: dict[int, Citation] = {}

    def load(self, record_ids: Iterable[int | None]) -> None:
        wanted = {r for r in record_ids if r is not None and r not in self._records}
        if not wanted:
            return
        rows = self.session.execute(
            select(
                Record.id,
                Record.document_id,
                Record.start,
                Record.end,
                Record.sentence_start,
                Record.sentence_end,
                Record.cell_row,
                Document.name,
                Document.title,
            )
            .join(Document, Document.id == Record.document_id)
            .where(Record.id.in_(wanted))
        )
        for r in rows:
            start, end = (
                (r.sentence_start, r.sentence_end)
                if r.sentence_end > r.sentence_start
                else (r.start, r.end)
            )
            if r.cell_row is not None:  # a table cell: the row it is in, not the cell alone
                start, end = self._line(r.document_id, r.start, r.end)
            self._records[r.id] = Citation(
                url=f"/documents/{r.document_id}#r{r.id}",
                document_id=r.document_id,
                doc=r.name,
                title=r.title or r.name,
                start=start,
                end=end,
                quote=self._quote(r.document_id, start, end),
            )

    def _line(self, document_id: int, start: int, end: int) -> tuple[int, int]:
        """The line of the original text holding [start, end) (a table row as printed)."""
        lo = max(0, start - LINE_MAX)
        window = (
            self.session.scalar(
                select(func.substr(Document.text, lo + 1, end + LINE_MAX - lo)).where(
                    Document.id == document_id
                )
            )
            or ""
        )
        before = window.rfind("\n", 0, start - lo)
        after = window.find("\n", end - lo)
        return lo + before + 1, lo + (after if after >= 0 else len(window))

    def _quote(self, document_id: int, start: int, end: int) -> str:
        length = min(end - start, QUOTE_MAX)
        text = (
            self.session.scalar(
                select(func.substr(Document.text, start + 1, length)).where(
                    Document.id == document_id
                )
            )
            or ""
        )
        text = " ".join(text.split())
        return text + ("…" if end - start > QUOTE_MAX else "")

    def record(self, record_id: int | None) -> Citation | None:
        if record_id is None:
            return None
        self.load([record_id])
        return self._records.get(record_id)

    def observation(self, o: Any) -> Citation | None:
        """An observation's source: its record's sentence, else its file and row, else its enterer."""
        if o.source_file:
            return Citation(file=o.source_file, row=o.source_row, title=o.source_file)
        cited = self.record(o.record_id)
        if cited is not None:
            return cited
        if getattr(o, "entered_by", None):
            return Citation(person=o.entered_by, title=o.entered_by)
        return None
