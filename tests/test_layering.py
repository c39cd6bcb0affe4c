"""The package's layers, checked on the import statements of every module (lazy imports
included): no cycles; the analysis stages free of database, services, web and CLI; the
extractor reading no files; services free of web and CLI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "plancockpit"
STAGES = ("read", "layout", "outline", "meta", "extract", "link", "evaluate", "numerals")
# layer → the packages it must never import
FORBIDDEN = {
    **{f"plancockpit.{s}": ("db", "services", "web", "cli", "pipeline") for s in STAGES},
    "plancockpit.extract": ("db", "services", "web", "cli", "pipeline", "read"),
    "plancockpit.db": ("services", "web", "cli"),
    "plancockpit.supervise": ("db", "services", "web", "cli", "pipeline"),
    "plancockpit.services": ("web", "cli"),
    "plancockpit.report": ("web", "cli"),
}
ALLOWED = {("plancockpit.extract", "plancockpit.read.source")}  # the text type, not a reader


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imported(name: str, path: Path) -> set[str]:
    """Modules of the package that `name` imports anywhere in its body."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{a.name}" for a in node.names)
    resolved = set()
    for module in found:
        while module and module not in MODULES:
            module = module.rpartition(".")[0]
        if module and module != name:
            resolved.add(module)
    return resolved


GRAPH = {name: _imported(name, path) for name, path in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles() -> None:
    assert _cycles(GRAPH) == []


def _in(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_nothing_above_it(layer: str) -> None:
    bad = sorted(
        f"{name} imports {target}"
        for name, targets in GRAPH.items()
        if _in(name, layer)
        for target in targets
        for forbidden in FORBIDDEN[layer]
        if _in(target, f"plancockpit.{forbidden}") and (layer, target) not in ALLOWED
    )
    assert bad == []


def test_the_check_sees_cycles_and_lazy_imports() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    imported = _imported("plancockpit.pipeline", MODULES["plancockpit.pipeline"])
    assert "plancockpit.extract" in imported and "plancockpit.layout" in imported  # lazy
