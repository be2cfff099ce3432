"""The shape of the package: no import cycles, no private names reached across modules.

Read from the source with :mod:`ast`, so the rules hold for imports inside functions (the lazy
ones that keep start-up light) as much as for those at the top. Imports under
``if TYPE_CHECKING:`` are only for annotations and do not count as edges.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "sora_refs"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def resolve(importer: str, package: bool, level: int, module: str | None) -> str:
    """The absolute name of ``from <level dots><module> import ...`` written in ``importer``."""
    if level == 0:
        return module or ""
    base = importer.split(".")
    base = base if package else base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([module] if module else []))


def runtime_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement except those under ``if TYPE_CHECKING:``."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                found.append(child)
            visit(child)

    visit(tree)
    return found


@functools.cache
def modules() -> dict[str, tuple[Path, ast.Module]]:
    return {module_name(p): (p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(PACKAGE.rglob("*.py"))}


@functools.cache
def graph() -> dict[str, set[str]]:
    """Module -> the sora_refs modules it imports at run time."""
    known = modules()
    edges: dict[str, set[str]] = {name: set() for name in known}
    for name, (path, tree) in known.items():
        for node in runtime_imports(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = resolve(name, is_package(path), node.level, node.module)
                # "from . import output" names a module; "from .x import y" names something in x.
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
            for target in targets:
                if target in known and target != name:
                    edges[name].add(target)
    return edges


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                return stack[stack.index(target) :] + [target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_the_package_has_no_import_cycles() -> None:
    cycle = find_cycle(graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_private_name_is_imported_from_another_module() -> None:
    """A private module (``cli/commands/_write.py``) may be imported within its package; a private name may not."""
    known = modules()
    offences = []
    for name, (path, tree) in known.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                target = resolve(name, is_package(path), node.level, node.module)
                if not target.startswith("sora_refs"):
                    continue
                for alias in node.names:
                    private = alias.name.startswith("_") and not alias.name.startswith("__")
                    if private and f"{target}.{alias.name}" not in known:
                        offences.append(f"{name}: from {target} import {alias.name}")
    assert offences == []


MOST_LINES = 400
"""A module past this holds more than one idea: split it by idea (docs/development.md)."""


def test_no_module_is_longer_than_most_lines() -> None:
    long = {
        name: n
        for name, (path, _) in modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MOST_LINES
    }
    assert long == {}


@pytest.mark.parametrize(
    "layer",
    [
        "sora_refs.models",
        "sora_refs.text",
        "sora_refs.ids",
        "sora_refs.names",
        "sora_refs.suggest",
        "sora_refs.errors",
        "sora_refs.record",
    ],
)
def test_the_bottom_layer_imports_nothing_above_it(layer: str) -> None:
    edges = graph()
    if layer not in edges:
        pytest.skip(f"{layer} does not exist")
    above = {
        "sora_refs.catalogue",
        "sora_refs.cli",
        "sora_refs.search",
        "sora_refs.stats",
        "sora_refs.formats",
        "sora_refs.site",
        "sora_refs.fetch",
        "sora_refs.reading",
        "sora_refs.bibtex",
    }
    reached = {t for t in edges[layer] if any(t == a or t.startswith(a + ".") for a in above)}
    assert reached == set()


def test_every_import_of_the_package_names_a_module_that_exists() -> None:
    """Lazy imports inside functions too: a module moved or renamed is caught here, not in use."""
    known = modules()
    missing = []
    for name, (path, tree) in known.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                target = resolve(name, is_package(path), node.level, node.module)
                if target.startswith("sora_refs") and target not in known:
                    missing.append(f"{name}: from {target} import ...")
            elif isinstance(node, ast.Import):
                missing += [
                    f"{name}: import {a.name}"
                    for a in node.names
                    if a.name.startswith("sora_refs") and a.name not in known
                ]
    assert missing == []


# -- the command line goes through the front door -------------------------------------------------

FRONT_DOOR = {"sora_refs", "sora_refs.fetch"}
"""What the command line may import of the library: the public names of ``sora_refs``, the network's entry point."""
RULES = {"sora_refs.text", "sora_refs.names", "sora_refs.ids", "sora_refs.suggest"}
"""Layer 1's rule modules, public for every face: text folded and escaped, names shown, identifiers
recognised, typos answered. A face that drew names or escaped text its own way would drift."""
OTHER_FACES = {
    # `sora-refs browse` starts the Textual app: a face of its own beside the command line, not the library.
    "sora_refs.cli.commands.browse": {"sora_refs.browse"},
}


def front_door_offences(name: str, path: Path, tree: ast.Module) -> list[str]:
    """Imports of ``name`` (a module of ``cli/``) that reach past the front door; type-only imports count too."""
    import sora_refs

    allowed = FRONT_DOOR | RULES | OTHER_FACES.get(name, set())
    offences = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            target = resolve(name, is_package(path), node.level, node.module)
            if not target.startswith("sora_refs") or target == "sora_refs.cli" or target.startswith("sora_refs.cli."):
                continue
            if target == "sora_refs":
                public = set(sora_refs.__all__) | {a.name for a in node.names if f"sora_refs.{a.name}" in allowed}
                names = [a.name for a in node.names if a.name not in public]
                offences += [f"{name}: from sora_refs import {n} (not a public name)" for n in names]
            elif target not in allowed:
                offences.append(f"{name}: from {target} import {', '.join(a.name for a in node.names)}")
        elif isinstance(node, ast.Import):
            offences += [
                f"{name}: import {a.name}"
                for a in node.names
                if a.name.startswith("sora_refs") and a.name not in allowed and not a.name.startswith("sora_refs.cli")
            ]
    return offences


def test_the_command_line_imports_only_the_front_door() -> None:
    """The commands parse options, call the Catalogue (or sora_refs.fetch) and render, and the rest
    of ``cli/`` (options, tables, hints, output...) only renders: none of it reaches past the front door."""
    offences = []
    checked = 0
    for name, (path, tree) in modules().items():
        if name == "sora_refs.cli" or name.startswith("sora_refs.cli."):
            offences += front_door_offences(name, path, tree)
            checked += 1
    assert offences == []
    assert checked > 30  # every module of cli/, not a folder that moved


def test_the_front_door_rule_finds_a_command_reaching_past_it() -> None:
    path = PACKAGE / "cli" / "commands" / "example.py"
    source = (
        "from typing import TYPE_CHECKING\n"
        "from ... import Catalogue, fetch, names\n"
        "from ...fetch import download_pdfs\n"
        "from ...text import escape_unsafe\n"
        "from .. import output\n"
        "from ._write import deliver\n"
        "from ...reading.loader import bundled_path\n"
        "from ... import stats\n"
        "import sora_refs.personal\n"
        "import sora_refs.ids\n"
        "if TYPE_CHECKING:\n"
        "    from ...models import Paper\n"
    )
    assert front_door_offences("sora_refs.cli.commands.example", path, ast.parse(source)) == [
        "sora_refs.cli.commands.example: from sora_refs.reading.loader import bundled_path",
        "sora_refs.cli.commands.example: from sora_refs import stats (not a public name)",
        "sora_refs.cli.commands.example: import sora_refs.personal",
        "sora_refs.cli.commands.example: from sora_refs.models import Paper",
    ]


def test_the_front_door_rule_holds_outside_the_commands_too() -> None:
    path = PACKAGE / "cli" / "tables.py"
    source = "from .. import Counts\nfrom ..stats import format_percent\nfrom ..text import CJK\nfrom . import output\n"
    assert front_door_offences("sora_refs.cli.tables", path, ast.parse(source)) == [
        "sora_refs.cli.tables: from sora_refs.stats import format_percent"
    ]


def test_the_rule_modules_are_public_and_import_no_other_layer() -> None:
    """What the faces may use of layer 1 stays layer 1: a rule module that grew an import of the
    catalogue would let the command line reach past the front door through it."""
    edges = graph()
    for rule in sorted(RULES):
        assert rule in edges, f"{rule} is gone: update RULES and docs/development.md"
        reached = edges[rule] - RULES
        assert reached == set(), f"{rule} imports {sorted(reached)}"


def test_every_public_name_resolves() -> None:
    """``sora_refs.__all__`` is what the commands may use: each name is there, and nothing else is."""
    import sora_refs

    assert sorted(sora_refs.__all__) == sorted([*sora_refs._EXPORTS, "__version__"])
    for name in sora_refs.__all__:
        assert getattr(sora_refs, name) is not None, name
