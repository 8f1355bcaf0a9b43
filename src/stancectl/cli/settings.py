"""The global options (given before the command) and where the data is looked for."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import typer

DATA_ENV = "STANCECTL_DATA"
DEBUG_ENV = "STANCECTL_DEBUG"
DEFAULT_DATA = "stances.yaml"


@dataclass
class GlobalOptions:
    """Options given before the command; the catch site reads `debug` after the command ends."""

    data: Path | None = None
    debug: bool = False


_ACTIVE = GlobalOptions()


def activate(settings: GlobalOptions) -> GlobalOptions:
    """Make `settings` the running command's options (one command runs at a time)."""
    global _ACTIVE  # noqa: PLW0603 - the one process-wide setting, set by the one entry point
    _ACTIVE = settings
    return settings


def active() -> GlobalOptions:
    """The running command's global options: --debug is known only once it is parsed."""
    return _ACTIVE


def global_options(context: typer.Context) -> GlobalOptions:
    """The options given before the command (kept by the app's callback)."""
    found = context.find_root().obj
    return found if isinstance(found, GlobalOptions) else GlobalOptions()
