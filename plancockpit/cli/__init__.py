"""The `plancockpit` command line. Each module in this package registers its commands on `app`."""

from plancockpit.cli.app import app

# Command modules register themselves on import (order = order in --help).
# from plancockpit.cli import ingest, extract, review, status, serve, users  # noqa: F401


def main() -> None:
    app()
