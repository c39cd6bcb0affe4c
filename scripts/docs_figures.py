#!/usr/bin/env python3
"""Fill the figure blocks of README.md and docs/*.md from measured results, or check them.

A block is written in the Markdown as

    <!-- figures: NAME -->
    (generated lines)
    <!-- /figures -->

and NAME is one of `scripts/figures_render.py: BLOCKS`. Accuracy figures are measured here
(`scripts/gold_eval.py`: the Xiaoshan and real gold, metadata, the links chain; the ask
evaluation, `scripts/ask_eval.py`); benchmark figures are rendered from the JSON a benchmark
wrote with `--json docs/results/<bench>.json` (committed), with its date, commit and load.

    .venv/bin/python scripts/docs_figures.py [--only NAME ...] [--check]

`--check` writes nothing and exits 1 when a block differs from what would be written (the
test suite does this for every block, from the same measurements its gold tests make).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "docs" / "results"
BLOCK = re.compile(
    r"(?P<open><!-- figures: (?P<name>[a-z0-9-]+) -->\n)(?P<body>.*?)(?P<close><!-- /figures -->)",
    re.DOTALL,
)


def _script(name: str) -> ModuleType:
    """A sibling script as a module (scripts/ is not a package)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


RENDER = _script("figures_render")


def documents(root: Path = ROOT) -> list[Path]:
    return [root / "README.md", *sorted((root / "docs").glob("*.md"))]


def block_names(text: str) -> list[str]:
    """The names of the figure blocks in `text`, in order.

    >>> block_names("a\\n<!-- figures: ask -->\\nold\\n<!-- /figures -->\\nb")
    ['ask']
    """
    return [m["name"] for m in BLOCK.finditer(text)]


def fill(text: str, rendered: dict[str, list[str]]) -> str:
    """`text` with the body of each block named in `rendered` replaced; other blocks kept.

    >>> fill("<!-- figures: x -->\\nold\\n<!-- /figures -->", {"x": ["new"]})
    '<!-- figures: x -->\\nnew\\n<!-- /figures -->'
    """

    def one(m: re.Match[str]) -> str:
        lines = rendered.get(m["name"])
        return (
            m[0]
            if lines is None
            else m["open"] + "".join(line + "\n" for line in lines) + m["close"]
        )

    return BLOCK.sub(one, text)


def render(sources: dict[str, Any], names: set[str] | None = None) -> dict[str, list[str]]:
    """The lines of every block (of `names`, if given) whose source is in `sources`."""
    return {
        name: fn(sources[source])
        for name, (source, fn) in RENDER.BLOCKS.items()
        if source in sources and (names is None or name in names)
    }


def differences(rendered: dict[str, list[str]], root: Path = ROOT) -> list[str]:
    """`file: block` for every block whose text differs from what `rendered` would write."""
    out = []
    for path in documents(root):
        text = path.read_text("utf-8")
        new = fill(text, rendered)
        if new != text:
            old = {m["name"]: m[0] for m in BLOCK.finditer(text)}
            out += [
                f"{path.relative_to(root)}: {m['name']}"
                for m in BLOCK.finditer(new)
                if old.get(m["name"]) != m[0]
            ]
    return out


def bench_results(root: Path = ROOT) -> dict[str, Any]:
    """The committed benchmark results, as sources `bench:<name>`."""
    return {
        f"bench:{p.stem}": json.loads(p.read_text("utf-8"))
        for p in sorted((root / "docs/results").glob("*.json"))
    }


def measure(sources_wanted: set[str]) -> dict[str, Any]:
    """Measure the accuracy sources asked for (each takes seconds to a minute)."""
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        if sources_wanted & {"gold", "heldout", "chain"}:
            gold_eval = _script("gold_eval")
            if "gold" in sources_wanted:
                out["gold"] = gold_eval.measure_gold(Path(tmp) / "gold")
            if "heldout" in sources_wanted:
                out["heldout"] = gold_eval.measure_heldout(Path(tmp) / "heldout")
            if "chain" in sources_wanted:
                (Path(tmp) / "chain").mkdir()
                out["chain"] = gold_eval.measure_chain(Path(tmp) / "chain")
        if "ask" in sources_wanted:
            ask_eval = _script("ask_eval")
            out["ask"] = ask_eval.summary(ask_eval.run(), ask_eval.load_set()["questions"])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--only", nargs="+", choices=sorted(RENDER.BLOCKS), help="only these blocks")
    ap.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a block would change"
    )
    args = ap.parse_args(argv)
    in_docs = {n for p in documents() for n in block_names(p.read_text("utf-8"))}
    unknown = in_docs - set(RENDER.BLOCKS)
    if unknown:
        print(f"unknown figure blocks: {sorted(unknown)}", file=sys.stderr)
        return 2
    names = set(args.only) if args.only else in_docs
    wanted = {RENDER.BLOCKS[n][0] for n in names}
    sources = {k: v for k, v in bench_results().items() if k in wanted} | measure(wanted)
    missing = sorted(n for n in names if RENDER.BLOCKS[n][0] not in sources)
    if missing:
        print(
            f"no result for {missing}: run the benchmark with --json docs/results/<bench>.json",
            file=sys.stderr,
        )
        return 2
    rendered = render(sources, names)
    if args.check:
        stale = differences(rendered)
        print("\n".join(f"out of date: {s}" for s in stale) or "figures up to date")
        return 1 if stale else 0
    for path in documents():
        text = path.read_text("utf-8")
        if (new := fill(text, rendered)) != text:
            path.write_text(new, "utf-8")
            print(f"filled {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
