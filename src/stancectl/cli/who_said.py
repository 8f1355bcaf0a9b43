"""`stancectl who-said`: who took which position."""

from __future__ import annotations

from typing import Annotated

import typer

from stancectl.cli.completion import completer
from stancectl.cli.data import records_for_view
from stancectl.cli.filters import FilterOptions
from stancectl.cli.options import ViewOptions
from stancectl.cli.output import emit
from stancectl.views import GroupBy, SortKey


def who_said(
    view: ViewOptions,
    filters: FilterOptions,
    stance: Annotated[
        str | None,
        typer.Argument(
            show_default=False,
            autocompletion=completer("stances"),
            help="Stance id or part of its label: 'rules-out', 'not rule out'.",
        ),
    ] = None,
    group_by: Annotated[
        GroupBy | None,
        typer.Option(
            "--group-by", show_default=False, help="One block per group (table, markdown)."
        ),
    ] = None,
    sort: Annotated[
        SortKey, typer.Option("--sort", help="Order of the statements.")
    ] = SortKey.DATE,
) -> None:
    """Who took which position: government, actor and role, stance, date, place, quote, articles.

    Filters combine (all must hold); a filter given twice matches either value.

    Examples:

      stancectl who-said "rules out"

      stancectl who-said --government poland --since 2024-03-01 --format json
    """
    from stancectl.query import who_said_document

    records = records_for_view(view)
    chosen = filters.resolve(records, stances=[stance] if stance else None)
    document = who_said_document(records, chosen, sort, group_by)
    emit("who-said", document, view, empty=not document["statements"])
