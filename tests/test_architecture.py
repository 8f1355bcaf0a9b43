"""The architecture holds: layers import only downwards, no import circle, no module over 500
lines, and the core library works without the terminal libraries."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "src" / "stancectl"
MAX_LINES = 500

LAYERS: list[set[str]] = [
    # plain Python shared by everything: problems, dates, load options, quote matching, writing
    {"problems", "dates", "views", "inputs", "output", "files", "text", "naming", "stray_markup"},
    {"elision", "passages", "wording", "evidence"},  # quotes: how written, how they differ
    {"model"},  # pydantic models of the data file
    {"dataset"},  # the loaded model, indexed
    {"loader"},  # files -> dataset, every problem positioned
    {"records"},  # dataset -> plain records, what the views read
    {"stored_json"},  # records -> their JSON as bytes, kept in the cache
    {"cache"},  # records and problems kept between runs
    {"checking"},  # the library's check()
    {"writeback"},  # every edit of a data file, checked by the loader before it is written
    {"fixing"},  # check --fix: typos in quotes repaired through writeback
    {"ingest"},  # new articles: sources -> text, metadata, an entry written back
    {"suggest"},  # article text -> candidate statements (plain data with offsets)
    {"query"},  # records -> documents, one module per view
    {"scan"},  # a news archive through suggest on Dask
    {"render"},  # documents -> text, one module per format
    {"cli", "__main__"},  # the command line
]
"""Lowest first. A module may import from its own layer and the layers below it, never above."""


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _layer(module: str) -> int:
    top = module.split(".")[1]
    return next(i for i, names in enumerate(LAYERS) if top in names)


def _type_only(tree: ast.Module) -> set[ast.AST]:
    """The import statements under `if TYPE_CHECKING:`, which never run."""
    blocks = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    ]
    return {inner for block in blocks for inner in ast.walk(block)}


def _imports(path: Path, *, run_time_only: bool = False) -> list[tuple[str, int]]:
    """(module imported, line) for every import of stancectl in a file, lazy ones included;
    with `run_time_only`, not those for type checking alone."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_only(tree) if run_time_only else set()
    found = []
    for node in ast.walk(tree):
        if node in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name.startswith("stancectl")]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("stancectl"):
            base = node.module or ""
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.append((submodule if submodule in MODULES else base, node.lineno))
    return found


def test_every_module_has_a_layer() -> None:
    for name in MODULES:
        if name != "stancectl":
            assert _layer(name) >= 0, name


def test_no_import_reaches_up_a_layer() -> None:
    wrong = []
    for name, path in MODULES.items():
        if name == "stancectl":
            continue  # the package's names are imported lazily, on first use (checked below)
        for imported, line in _imports(path):
            if imported != "stancectl" and _layer(imported) > _layer(name):
                wrong.append(f"{path.relative_to(REPO)}:{line}: {name} imports {imported}")
    assert wrong == []


def test_the_package_imports_its_names_lazily() -> None:
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    eager = [
        node.lineno
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("stancectl")
    ]
    assert eager == []


def test_there_is_no_import_circle() -> None:
    graph = {
        name: {i for i, _ in _imports(path, run_time_only=True) if i in MODULES and i != name}
        for name, path in MODULES.items()
        if name != "stancectl"
    }
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            pytest.fail("import circle: " + " -> ".join([*trail[trail.index(name) :], name]))
        if name in done or name not in graph:
            return
        for imported in sorted(graph[name]):
            visit(imported, [*trail, name])
        done.add(name)

    for name in graph:
        visit(name, [])


def test_no_module_is_over_500_lines() -> None:
    long = {
        str(path.relative_to(REPO)): lines
        for path in MODULES.values()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def _imported_by(code: str, *watched: str) -> list[str]:
    probe = f"{code}; import sys; print(sorted(m for m in {watched!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO
    )
    return list(eval(done.stdout.strip().splitlines()[-1]))  # a printed list of names


def test_core_imports_without_typer_or_rich() -> None:
    core = (
        "import stancectl, stancectl.loader, stancectl.checking, stancectl.query, stancectl.cache,"
        " stancectl.render.as_json, stancectl.render.as_csv, stancectl.render.as_markdown,"
        " stancectl.render.cards"
    )
    assert _imported_by(core, "typer", "rich", "click") == []


def test_importing_stancectl_is_light() -> None:
    heavy = ("typer", "rich", "pydantic", "yaml", "rapidfuzz", "stancectl.query")
    assert _imported_by("import stancectl", *heavy) == []


def test_help_does_not_import_the_data_stack() -> None:
    code = (
        "import sys; from stancectl.cli import run; run(['--help']);"
        "heavy = ('pydantic', 'yaml', 'rapidfuzz');"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    "command", [["who-said", "-f", "json"], ["timeline"], ["check"], ["diff", "000", "003"]]
)
def test_a_current_cache_answers_without_loading_the_model(
    command: list[str], tmp_path: Path
) -> None:
    """The views and check read plain data from a current cache entry: neither PyYAML nor
    pydantic (nor the typer versions that parse options with pydantic) load, nor the quote
    matcher."""
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    code = (
        "import sys; from stancectl.cli import run; code = run(sys.argv[1:]);"
        "heavy = ('pydantic', 'yaml', 'stancectl.model', 'stancectl.loader', 'stancectl.evidence');"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr); sys.exit(code)"
    )
    env = {**os.environ, "STANCECTL_CACHE_DIR": str(cache)}
    env.pop("STANCECTL_NO_CACHE", None)
    argv = [sys.executable, "-c", code, *command]
    cold = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=REPO, check=True)
    warm = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=REPO, check=True)
    assert "'stancectl.loader'" in cold.stderr  # the first run loaded the files
    assert warm.stderr.strip().splitlines()[-1] == "[]"
    assert warm.stdout == cold.stdout


def test_no_module_hides_a_name_of_the_package() -> None:
    """Importing a submodule sets it as an attribute of the package: a module named like one
    of the package's functions (`stancectl.check`) would replace that function."""
    code = (
        "import importlib, types, stancectl;"
        f"[importlib.import_module(m) for m in {sorted(MODULES)!r}];"
        "print(sorted(n for n in stancectl.__all__"
        " if isinstance(getattr(stancectl, n), types.ModuleType)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.strip() == "[]"
