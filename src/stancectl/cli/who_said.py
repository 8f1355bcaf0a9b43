"""`stancectl who-said`: who took which position."""

from __future__ import annotations

from typing import Annotated

import typer

from stancectl.cli.completion import completer
from stancectl.cli.data import open_for_view, records_for_view
from stancectl.cli.errors import UsageError
from stancectl.cli.filters import FilterOptions, StanceOption
from stancectl.cli.options import ViewFormat, ViewOptions
from stancectl.cli.output import compact_json_wanted, emit, emit_rendered
from stancectl.views import GroupBy, SortKey


def who_said(
    view: ViewOptions,
    filters: FilterOptions,
    stance: Annotated[
        str | None,
        typer.Argument(
            show_default=False,
            metavar="STANCE",
            autocompletion=completer("stances"),
            help="Stance id or part of its label: 'rules-out', 'not rule out'.",
        ),
    ] = None,
    stances: StanceOption = None,
    group_by: Annotated[
        GroupBy | None,
        typer.Option(
            "--group-by",
            show_default=False,
            help="One block per group (table, markdown; json: a list of groups).",
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

      stancectl who-said --stance rules-out-troops --stance open-to-troops

      stancectl who-said --government poland --since 2024-03-01 --format json
    """
    from stancectl.query import who_said_document

    if group_by is not None and view.output_format is ViewFormat.CSV:
        raise UsageError("--group-by has no CSV form (one row per statement): leave it out")
    loaded = open_for_view(view)
    plain_selection = sort is SortKey.DATE and group_by is None and not filters.search
    if plain_selection and not view.include_pending and compact_json_wanted(view):
        stored = loaded.stored_json()  # the records' JSON as stored: no records to build
        if stored is not None:
            from stancectl.query import Filters
            from stancectl.query.who_said import who_said_json

            chosen = Filters()  # nothing typed: no names to read
            asked = stances_asked(stance, stances)
            if asked or filters != FilterOptions():
                chosen = filters.resolve(stored.names, stances=asked)
            emit_rendered(who_said_json(stored, chosen), view)
            return
    records = records_for_view(view, loaded)
    chosen = filters.resolve(records, stances=stances_asked(stance, stances))
    document = who_said_document(records, chosen, sort, group_by)
    emit("who-said", document, view, empty=not document["statements"])


def stances_asked(argument: str | None, options: list[str] | None) -> list[str] | None:
    """The stance given as the argument and those given with --stance: any of them matches."""
    wanted = ([argument] if argument else []) + (options or [])
    return wanted or None
