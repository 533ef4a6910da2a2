"""The shape of the code: no module imports itself round a circle, and every package the app
declares is one it uses. (Which floor may import which is import-linter's job: .importlinter.)"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from importlib.metadata import packages_distributions
from pathlib import Path

import grimp
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "rallyorg"


def strongly_connected(edges: dict[str, set[str]]) -> Iterator[list[str]]:
    """Tarjan's algorithm, iteratively: every group of modules that import one another in a circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, neighbours = work[-1]
            for neighbour in neighbours:
                if neighbour not in index:
                    index[neighbour] = low[neighbour] = counter
                    counter += 1
                    stack.append(neighbour)
                    on_stack.add(neighbour)
                    work.append((neighbour, iter(sorted(edges[neighbour]))))
                    break
                if neighbour in on_stack:
                    low[node] = min(low[node], index[neighbour])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    yield sorted(group)


def test_strongly_connected_finds_a_circle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert [group for group in strongly_connected(edges) if len(group) > 1] == [["a", "b", "c"]]


def test_no_module_imports_in_a_circle() -> None:
    """Imports inside functions count too: a circle is a circle, however it is hidden."""
    graph = grimp.build_graph("rallyorg")
    modules = set(graph.modules)
    edges = {module: set(graph.find_modules_directly_imported_by(module)) & modules for module in modules}
    circles = [group for group in strongly_connected(edges) if len(group) > 1]
    assert circles == []


def imported_top_level_names() -> set[str]:
    names = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return names


def test_every_declared_dependency_is_imported() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    modules_of: dict[str, set[str]] = {}
    for module, distributions in packages_distributions().items():
        for distribution in distributions:
            modules_of.setdefault(canonical(distribution), set()).add(module)
    used = imported_top_level_names()
    unused = []
    for declaration in declared:
        requirement = Requirement(declaration)
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue  # for another platform (sqlcipher3's two builds)
        name = canonical(requirement.name)
        provided = modules_of.get(name, set())
        assert provided, f"{name} is declared but not installed"
        if not provided & used:
            unused.append(name)
    assert unused == []


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
