"""Shell completion of ids, read through the cache like any view (a current entry answers
without loading the files)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import typer


def completer(kind: str) -> Callable[[typer.Context, str], list[str]]:
    """Completes ids of `kind` (actors, governments, topics, articles, stances, statements)
    from the data file the command line points at."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        from stancectl.cli.data import resolve_data_path
        from stancectl.cli.settings import global_options

        try:
            given = ctx.params.get("data") or global_options(ctx).data
            data = resolve_data_path(Path(given) if given is not None else None)
            from stancectl.cache import open_cached

            records = open_cached(data).records()
        except Exception:  # completion must never break the shell
            return []
        if records is None:
            return []
        known = getattr(records.names, kind, [])
        return [i for i in known if i.startswith(incomplete)]

    return complete
