"""`stancectl diff A B`: what two articles both report, and where they differ."""

from __future__ import annotations

from typing import Annotated

import typer

from stancectl.cli.completion import completer
from stancectl.cli.data import open_for_view, records_for_view
from stancectl.cli.filters import TopicOption, filters_from
from stancectl.cli.options import ViewOptions
from stancectl.cli.output import emit


def diff(
    view: ViewOptions,
    first: Annotated[
        str,
        typer.Argument(
            metavar="A",
            autocompletion=completer("articles"),
            help="Article id, file name or prefix ('002').",
        ),
    ],
    second: Annotated[
        str,
        typer.Argument(
            metavar="B", autocompletion=completer("articles"), help="The article to compare with."
        ),
    ],
    topic: TopicOption = None,
) -> None:
    """Compare two articles: statements both report (each one's wording side by side), those
    only one reports, and conflicts in date, place, stance or wording.

    Also lists curated actors an article names without a statement recorded from it.
    """
    from stancectl import query

    loaded = open_for_view(view)
    stored = None if view.include_pending else loaded.stored_json()
    records = stored.names if stored else records_for_view(view, loaded)
    a, b = query.resolve_article_pair(records, first, second)
    if stored:  # only the records citing A or B are read back
        from stancectl.stored_json import citing

        records = citing(stored, frozenset((a, b)))
    document = query.diff(records, a, b, filters_from(records, topics=topic))
    emit("diff", document, view)
