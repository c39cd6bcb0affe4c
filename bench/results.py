"""A benchmark's result as JSON, with when, where and under what load it was measured, so the
documentation's tables are rendered from it (`scripts/docs_figures.py`) rather than copied by hand."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _commit() -> str:
    """The short commit measured, `+changes` when the code (package or benchmarks) differs from it."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (
        "+changes"
        if git("status", "--porcelain", "--untracked-files=no", "plancockpit", "bench")
        else ""
    )


def write(path: Path, bench: str, settings: dict[str, Any], results: Any) -> None:
    """Write `results` of `bench` run with `settings` to `path`, stamped with the date, the commit,
    the machine and its load average (1, 5 and 15 minutes) at the end of the run."""
    payload = {
        "bench": bench,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _commit(),
        "machine": f"{os.cpu_count()} cores, {platform.system()} {platform.machine()}, Python {platform.python_version()}",
        "load": [round(x, 2) for x in os.getloadavg()],
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in settings.items()},
        "results": results,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"results written to {path}")
