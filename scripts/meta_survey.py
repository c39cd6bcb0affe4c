"""Print the inferred metadata of every document in the given folders (a quick sanity survey).

Usage: .venv/bin/python scripts/meta_survey.py [DIR ...]
(default: the two held-out sets and the reference corpus next to the repo).
"""

from __future__ import annotations

import sys
from pathlib import Path

from plancockpit.pipeline import prepare

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [
    ROOT / "tests/extract/heldout/docs",
    ROOT / "tests/extract/heldout2/docs",
    ROOT / "../shared/corpus/xiaoshan",
]


def main(dirs: list[Path]) -> None:
    for folder in dirs:
        if not folder.is_dir():
            print(f"(skipped, not a folder: {folder})")
            continue
        for path in sorted(folder.iterdir()):
            if (
                path.suffix not in {".txt", ".html", ".htm", ".md", ".pdf", ".docx"}
                or path.name == "MANIFEST.md"
            ):
                continue
            meta = prepare(path)[3]
            print(f"== {path.name}")
            print(
                f"   title={meta.title!r} kind={meta.kind} region={meta.region!r} date={meta.date} "
                f"period={meta.period_start}-{meta.period_end} base={meta.base_year}"
            )
            for key, why in meta.evidence.items():
                print(f"   {key}: {why}")


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]] or DEFAULT)
