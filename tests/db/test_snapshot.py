"""On SQLite, a transaction's reads see one committed state.

Python's sqlite3 driver BEGINs only before a write; `make_engine` emits BEGIN itself, so a page
rendered while another connection commits does not mix old and new rows. (PostgreSQL runs at
READ COMMITTED, each statement consistent; our writes are single transactions there too.)
"""

from pathlib import Path

from sqlalchemy import func, select

from plancockpit.db.engine import make_engine, session_factory
from plancockpit.db.migrate import upgrade
from plancockpit.db.models import Unit


def test_sqlite_reads_in_one_transaction_see_one_snapshot(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'snap.sqlite'}")
    upgrade(engine)
    make = session_factory(engine)
    with make() as writer, writer.begin():
        writer.add(Unit(name="区发改局"))
    with make() as reader, reader.begin():
        before = reader.scalar(select(func.count()).select_from(Unit))
        with make() as writer, writer.begin():  # another connection commits meanwhile
            writer.add(Unit(name="区经信局"))
        again = reader.scalar(select(func.count()).select_from(Unit))
    with make() as fresh:
        after = fresh.scalar(select(func.count()).select_from(Unit))
    engine.dispose()
    assert (before, again, after) == (1, 1, 2)
