"""`stancectl timeline`: statements in date order, changes of position flagged."""

from __future__ import annotations

from typing import Annotated

import typer

from stancectl.cli.data import records_for_view
from stancectl.cli.errors import UsageError
from stancectl.cli.filters import FilterOptions, StanceOption
from stancectl.cli.options import ChartViewOptions, ViewFormat
from stancectl.cli.output import emit
from stancectl.views import Lane


def timeline(
    view: ChartViewOptions,
    filters: FilterOptions,
    stance: StanceOption = None,
    by: Annotated[
        Lane, typer.Option("--by", help="Whose changes of position to flag.")
    ] = Lane.GOVERNMENT,
    lanes: Annotated[
        bool | None,
        typer.Option(
            "--lanes/--no-lanes",
            show_default=False,
            help="Add a lane view (a row per entity, a mark per statement); "
            "default: on a terminal wide enough for it.",
        ),
    ] = None,
) -> None:
    """Statements in date order, each change of an entity's position flagged with its direction.

    A change is flagged between consecutive statements of one entity (a government, party,
    campaign ...; or of one actor, with --by actor) on the same topic. Only those who speak for
    the entity move its position: a senator's or an adviser's change (a role with
    speaks_for: false) is flagged as their own. Vague dates show their precision: '~'
    approximate, 'week of', the month or the year.
    """
    from stancectl.query import timeline_document

    if lanes and view.output_format in (ViewFormat.JSON, ViewFormat.CSV, ViewFormat.MARKDOWN):
        raise UsageError(
            f"--lanes has no {view.output_format.value} form: the lanes are drawn in the "
            "table, and the svg chart is one"
        )
    if lanes is False and view.output_format is ViewFormat.SVG:
        raise UsageError("--no-lanes has no svg form: the chart is a lane view")
    records = records_for_view(view)
    document = timeline_document(records, filters.resolve(records, stances=stance), by)
    if view.output_format is ViewFormat.SVG:  # the charts are titled by the topics' questions
        questions = {topic: names[1] for topic, names in records.names.topics.items()}
        document = {**document, "questions": questions}
    emit("timeline", document, view, empty=not document["statements"], lanes=lanes)
