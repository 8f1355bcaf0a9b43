"""The core library works without the terminal libraries."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO


def test_core_imports_without_typer_or_rich() -> None:
    code = (
        "import sys, stancectl, stancectl.load, stancectl.check, stancectl.query;"
        "print(sorted(m for m in ('typer', 'rich', 'click') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.strip() == "[]"


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


@pytest.mark.parametrize("command", [["who-said", "-f", "json"], ["timeline"], ["check"]])
def test_a_current_cache_answers_without_loading_the_model(
    command: list[str], tmp_path: Path
) -> None:
    """who-said, timeline and check read plain data from a current cache entry: neither
    PyYAML nor pydantic (nor the typer versions that parse options with pydantic) load."""
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    code = (
        "import sys; from stancectl.cli import run; code = run(sys.argv[1:]);"
        "heavy = ('pydantic', 'yaml', 'stancectl.model', 'stancectl.load');"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr); sys.exit(code)"
    )
    env = {**os.environ, "STANCECTL_CACHE_DIR": str(cache)}
    env.pop("STANCECTL_NO_CACHE", None)
    argv = [sys.executable, "-c", code, *command]
    cold = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=REPO, check=True)
    warm = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=REPO, check=True)
    assert "'stancectl.load'" in cold.stderr  # the first run loaded the files
    assert warm.stderr.strip().splitlines()[-1] == "[]"
    assert warm.stdout == cold.stdout
