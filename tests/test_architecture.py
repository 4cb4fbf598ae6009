"""The house rules that a reader cannot check at a glance: no import cycles, SQL only in store/."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "liftcalm"


def _modules(package: Path) -> dict[str, Path]:
    modules = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    return modules


def _imports(path: Path, name: str, known: set[str]) -> set[str]:
    """The liftcalm modules ``name`` imports anywhere in its file (functions included)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            # "from liftcalm.ui import look" imports the module liftcalm.ui.look
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        found.update(target for target in targets if target in known and target != name)
    return found


def import_cycles(package: Path = PACKAGE) -> list[list[str]]:
    """Every cycle in the graph of imports between the package's modules (Tarjan's components)."""
    modules = _modules(package)
    graph = {name: _imports(path, name, set(modules)) for name, path in modules.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def test_no_import_cycles_inside_liftcalm():
    assert import_cycles() == []


def test_the_cycle_finder_finds_a_cycle_through_a_function_level_import(tmp_path):
    fake = tmp_path / "liftcalm"
    (fake / "store").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "store" / "__init__.py").write_text("")
    (fake / "store" / "a.py").write_text("from liftcalm.store.b import B\n")
    (fake / "store" / "b.py").write_text("def f():\n    from liftcalm.store import a\n")
    assert import_cycles(fake) == [["liftcalm.store.a", "liftcalm.store.b"]]


SQL_CALLS = {"execute", "executemany", "executescript"}


def sql_outside_store(package: Path = PACKAGE) -> list[str]:
    """Places outside ``store/`` that import sqlite3, run SQL, or reach for a store's connection."""
    found = []
    for path in package.rglob("*.py"):
        relative = path.relative_to(package)
        if relative.parts[0] == "store":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{relative}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Import) and any(alias.name == "sqlite3" for alias in node.names):
                found.append(f"{where} imports sqlite3")
            elif isinstance(node, ast.ImportFrom) and node.module == "sqlite3":
                found.append(f"{where} imports from sqlite3")
            elif isinstance(node, ast.Attribute) and node.attr in SQL_CALLS:
                found.append(f"{where} calls .{node.attr}()")
            elif isinstance(node, ast.Attribute) and node.attr == "conn":
                found.append(f"{where} uses a store's connection")
    return sorted(found)


def test_no_module_outside_store_runs_sql():
    assert sql_outside_store() == []


def test_the_sql_finder_finds_sql_in_a_page(tmp_path):
    fake = tmp_path / "liftcalm"
    (fake / "ui").mkdir(parents=True)
    (fake / "store").mkdir()
    (fake / "store" / "fine.py").write_text("import sqlite3\nsqlite3.connect(':memory:').execute('SELECT 1')\n")
    (fake / "ui" / "page.py").write_text("def f(store):\n    return store.conn.execute('SELECT 1')\n")
    assert sql_outside_store(fake) == ["ui/page.py:2 calls .execute()", "ui/page.py:2 uses a store's connection"]
