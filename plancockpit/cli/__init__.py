"""The `plancockpit` command line. Each module in this package registers its commands on `app`."""

# Command modules register themselves on import, in the order of --help (pyproject lets these
# imports stay unused and unsorted).
from plancockpit.cli import ingest
from plancockpit.cli import serve, users
from plancockpit.cli import extract
from plancockpit.cli import (
    review,
    indicators,
    status,
    actuals,
    regions,
    report,
    audit,
    export,
    search,
    supervise,
)
from plancockpit.cli import rounds
from plancockpit.cli import publish
from plancockpit.cli import worker
from plancockpit.cli import ask
from plancockpit.cli import projects
from plancockpit.cli.app import app


def main() -> None:
    app()
