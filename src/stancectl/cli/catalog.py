"""`stancectl articles` and `stancectl actors`: what the data holds."""

from __future__ import annotations

from stancectl.cli.data import records_for_view
from stancectl.cli.options import ViewOptions
from stancectl.cli.output import emit


def articles(view: ViewOptions) -> None:
    """The articles: id, publication date, outlet, title, and how many statements each reports."""
    from stancectl.query import articles_document

    emit("articles", articles_document(records_for_view(view)), view)


def actors(view: ViewOptions) -> None:
    """The actors: names and aliases, roles over time, governments, number of statements."""
    from stancectl.query import actors_document

    emit("actors", actors_document(records_for_view(view)), view)
