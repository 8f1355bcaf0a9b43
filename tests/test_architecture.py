"""The core library works without the terminal libraries."""

from __future__ import annotations

import subprocess
import sys

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
