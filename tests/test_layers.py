"""The layout holds: imports point one way, no cycles, no hidden imports, small modules.

`handlers -> bot.<feature> -> bot.core | bot.sources -> scoring`; `bot.runtime` is the composition
root (app factory, jobs table, CLI) and may import anything. Every import is read with `ast`,
including those inside functions, and a failure names the offending edge.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "scoring")
MAX_LINES = 400
LAZY_OK = {"bot/runtime/cli.py"}  # the CLI defers imports so `hirebot --help` starts fast
LAZY_MARK = "# lazy"


def _modules() -> dict[str, Path]:
    out = {}
    for top in PACKAGES:
        for path in (ROOT / top).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = path
    return out


MODULES = _modules()


def _resolve(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(mod: str, path: Path) -> list[tuple[str, int, bool]]:
    """(imported module, line, inside a function) for every import of a project module."""
    pkg = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    local = {id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
             for n in ast.walk(f)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = pkg.split(".")[: len(pkg.split(".")) - (node.level - 1)]
                base = ".".join(up + ([base] if base else []))
            targets = [f"{base}.{a.name}" for a in node.names] + [base]
        else:
            continue
        for target in targets:
            resolved = _resolve(target)
            if resolved and resolved != mod:
                found.append((resolved, node.lineno, id(node) in local))
                break  # `from pkg import name`: the submodule if `name` is one, else the package
    return found


EDGES = {(mod, target, line, lazy) for mod, path in MODULES.items() for target, line, lazy in _imports(mod, path)}


def _layer(mod: str) -> str:
    """bot.core, bot.sources, bot.runtime, bot.<feature>, handlers or scoring."""
    parts = mod.split(".")
    return ".".join(parts[:2]) if parts[0] == "bot" and len(parts) > 1 else parts[0]


def _allowed(src: str, dst: str) -> bool:
    a, b = _layer(src), _layer(dst)
    if a == b or b == "scoring":
        return True
    if a == "scoring":
        return False
    if a == "bot.runtime":
        return True
    if b in ("bot.runtime", "handlers"):
        return False
    if a == "bot.core":
        return False  # the core imports no feature and no source client
    if a == "bot.sources":
        return b == "bot.core"
    return True  # handlers and features may use features and the core (cycles are checked apart)


def _cycles(nodes: set[str], edges: set[tuple[str, str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan, iterative)."""
    graph: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in edges:
        graph[a].append(b)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, children = work[-1]
            for w in children:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(graph[w])))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
    return out


def test_no_import_points_the_wrong_way():
    wrong = sorted(f"{MODULES[a].relative_to(ROOT)}:{line}: {a} -> {b}"
                   for a, b, line, _ in EDGES if not _allowed(a, b))
    assert not wrong, "imports against the layers (handlers -> bot.<feature> -> bot.core | bot.sources -> scoring):\n" \
        + "\n".join(wrong)


def test_no_module_imports_handlers_except_the_composition_root():
    wrong = sorted(f"{a} -> {b}" for a, b, _, _ in EDGES
                   if b.startswith("handlers") and not a.startswith(("handlers", "bot.runtime")))
    assert not wrong, "bot imports handlers: " + ", ".join(wrong)


def test_no_import_cycles_between_modules():
    # a package importing its own submodules (re-exports in __init__) is not a cycle by itself
    edges = {(a, b) for a, b, _, _ in EDGES if not b.startswith(a + ".")}
    cycles = _cycles(set(MODULES), edges)
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_feature_packages_depend_on_each_other_one_way():
    edges = {(_layer(a), _layer(b)) for a, b, _, _ in EDGES if _layer(a) != _layer(b)}
    cycles = _cycles({_layer(m) for m in MODULES}, edges)
    detail = {c: sorted(f"{a} -> {b}" for a, b, _, _ in EDGES if _layer(a) in c and _layer(b) in c and _layer(a) != _layer(b))
              for c in map(tuple, cycles)}
    assert not cycles, "packages that import each other:\n" + "\n".join(f"{c}: {e}" for c, e in detail.items())


def test_function_local_imports_only_in_the_cli_and_marked():
    hidden = []
    for mod, path in MODULES.items():
        rel = str(path.relative_to(ROOT))
        lines = path.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        for fn in ast.walk(tree):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(fn):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    if rel not in LAZY_OK or LAZY_MARK not in lines[node.lineno - 1]:
                        hidden.append(f"{rel}:{node.lineno}: {ast.unparse(node)}")
    assert not hidden, "imports inside functions (move them to the top, or mark a CLI one `# lazy: why`):\n" \
        + "\n".join(sorted(set(hidden)))


def test_modules_stay_small():
    big = sorted(f"{p.relative_to(ROOT)}: {n} lines" for p in MODULES.values()
                 if "migrations" not in p.parts and "data" not in p.parts
                 and (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES)
    assert not big, f"modules over {MAX_LINES} lines (split by responsibility):\n" + "\n".join(big)


def test_bot_holds_packages_not_a_flat_list_of_modules():
    flat = sorted(p.name for p in (ROOT / "bot").glob("*.py") if p.name != "__init__.py")
    assert not flat, f"modules directly in bot/ (put each in core/, runtime/ or its feature): {flat}"


def test_the_checker_sees_an_upward_import():
    """The rules catch what they are for (guards the checker itself against silently passing)."""
    assert not _allowed("bot.core.db", "bot.outreach.service")
    assert not _allowed("bot.digests.service", "handlers.common")
    assert not _allowed("scoring.geo", "bot.core.models")
    assert _allowed("bot.runtime.app", "handlers")
    assert _cycles({"a", "b", "c"}, {("a", "b"), ("b", "a"), ("b", "c")}) == [["a", "b"]]
    assert len(EDGES) > 200  # the walk found the project's imports
