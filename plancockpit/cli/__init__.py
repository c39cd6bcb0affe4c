"""The `plancockpit` command line. Each module in this package registers its commands on `app`."""

# Command modules register themselves on import (order = order in --help, hence no sorting).
# ruff: noqa: I001
# from plancockpit.cli import ingest, extract, review, status, serve, users  # noqa: F401
from plancockpit.cli import ingest  # noqa: F401, E402
from plancockpit.cli import serve, users  # noqa: F401, E402
from plancockpit.cli import extract  # noqa: F401, E402
from plancockpit.cli import review, indicators, status, actuals, regions, report, audit, export, search, supervise  # noqa: F401, E402
from plancockpit.cli import rounds  # noqa: F401, E402
from plancockpit.cli import publish  # noqa: F401, E402
from plancockpit.cli import worker  # noqa: F401, E402
from plancockpit.cli import ask  # noqa: F401, E402
from plancockpit.cli import projects  # noqa: F401, E402
from plancockpit.cli.app import app


def main() -> None:
    app()
