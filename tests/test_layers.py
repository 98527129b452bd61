"""The house's floors: each package imports only the floors below it, so no import runs back up. A rule broken here
is a design question (where does this belong?), not a line to add to an exception list."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = {"domain", "questionnaire", "indicators", "analysis", "pictures", "store", "services", "exports", "imports",
        "ui", "pages", "demo", "settings"}  # fmt: skip

# package: (our packages it may import, outside libraries it must not import)
FLOORS = {
    "domain": (set(), {"streamlit", "sqlalchemy", "plotly"}),
    "analysis": ({"domain", "questionnaire", "indicators"}, {"streamlit", "sqlalchemy", "plotly"}),
    "pictures": ({"domain", "questionnaire", "indicators", "analysis"}, {"streamlit", "sqlalchemy"}),
    "store": ({"domain", "questionnaire", "indicators", "settings"}, {"streamlit", "plotly"}),
    "services": (
        {"domain", "questionnaire", "indicators", "analysis", "store", "exports", "imports", "settings"},
        {"streamlit", "plotly"},
    ),
}


def imports_of(package: str) -> dict[str, set[str]]:
    """Each top-level module name a package's files import, with the files that do."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


@pytest.mark.parametrize("package", list(FLOORS))
def test_a_floor_imports_only_the_floors_below_it(package):
    allowed, _ = FLOORS[package]
    found = imports_of(package)
    upward = {name: files for name, files in found.items() if name in OURS and name != package and name not in allowed}
    assert not upward


@pytest.mark.parametrize("package", list(FLOORS))
def test_a_floor_does_not_use_the_libraries_of_the_floors_above(package):
    _, forbidden = FLOORS[package]
    found = imports_of(package)
    assert not {name: files for name, files in found.items() if name in forbidden}


def _modules() -> dict[str, Path]:
    """Each of our modules by dotted name, and its file."""
    modules: dict[str, Path] = {}
    for package in OURS | {"app", "server"}:
        paths = [ROOT / f"{package}.py"] if (ROOT / f"{package}.py").exists() else (ROOT / package).rglob("*.py")
        for path in paths:
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            modules[name.removesuffix(".__init__")] = path
    return modules


def _module_graph() -> dict[str, set[str]]:
    """Each of our modules (dotted name) and the modules of ours it imports, wherever in the file."""
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                graph[name] |= {a.name for a in node.names if a.name in modules}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    target = f"{node.module}.{alias.name}"
                    graph[name] |= {target if target in modules else node.module} & modules.keys()
    return graph


def test_no_module_of_ours_imports_itself_back_through_others():
    graph = _module_graph()
    circles = []
    for start in sorted(graph):  # a depth-first walk from each module; small enough to do plainly
        stack = [(start, (start,))]
        seen: set[str] = set()
        while stack:
            here, path = stack.pop()
            for there in graph[here] - {here}:
                if there == start:
                    circles.append(" -> ".join((*path, start)))
                elif there not in seen:
                    seen.add(there)
                    stack.append((there, (*path, there)))
    assert circles == []


def test_the_store_hands_out_domain_models_never_a_table_row():
    store = ROOT / "store"
    rows = {node.name for path in store.glob("*tables.py") for node in ast.parse(path.read_text("utf-8")).body
            if isinstance(node, ast.ClassDef) and node.name != "Base"}  # fmt: skip
    handed_out = []
    for path in sorted(store.glob("*.py")):
        if path.name.endswith("tables.py"):  # the rows themselves
            continue
        for node in ast.parse(path.read_text("utf-8")).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                returns = ast.unparse(node.returns) if node.returns is not None else "(no annotation)"
                if returns == "(no annotation)" or any(row in returns for row in rows):
                    handed_out.append(f"{path.name}: {node.name} -> {returns}")
    assert handed_out == []


def test_no_module_of_ours_asks_the_server_for_the_date():
    """Today is the day in the Netherlands (domain/calendar.py): the server's own date.today() or naive
    datetime.now() is yesterday for an hour or two after midnight when the server runs on UTC."""
    asked = []
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                call = ast.unparse(node.func)
                if call in ("date.today", "datetime.today") or (call == "datetime.now" and not node.args):
                    asked.append(f"{name}: {ast.unparse(node)}")
    assert asked == []
