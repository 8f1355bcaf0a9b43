"""`stancectl show ID`: one statement, each quote in its paragraph."""

from __future__ import annotations

from typing import Annotated

import typer

from stancectl.cli.completion import completer
from stancectl.cli.data import records_for_view
from stancectl.cli.options import ViewOptions
from stancectl.cli.output import emit


def show(
    view: ViewOptions,
    statement: Annotated[
        str,
        typer.Argument(
            autocompletion=completer("statements"), help="Statement id, or an unambiguous prefix."
        ),
    ],
) -> None:
    """One statement, with each quote shown in its article's paragraph, highlighted."""
    from stancectl import query

    records = records_for_view(view)
    emit("show", query.show(records, statement), view)
