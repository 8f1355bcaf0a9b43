"""Records -> answers. Pure functions over `Records` that return plain documents (dicts of
JSON-ready values): the JSON output is these documents, and every other format renders from
them, so all formats say the same thing. One module per view; `names` resolves what a user
typed, `filters` chooses statements."""

from stancectl.query.actors import actors_document
from stancectl.query.articles import articles_document
from stancectl.query.diff import diff, mentioned_actors, resolve_article_pair
from stancectl.query.filters import Filters, FilterValueError
from stancectl.query.names import (
    LookupFailedError,
    resolve_actor,
    resolve_article,
    resolve_government,
    resolve_stance,
    resolve_statement,
    resolve_topic,
)
from stancectl.query.show import paragraph_around, show
from stancectl.query.timeline import timeline, timeline_document
from stancectl.query.who_said import group_label, groups, who_said, who_said_document

__all__ = [
    "FilterValueError",
    "Filters",
    "LookupFailedError",
    "actors_document",
    "articles_document",
    "diff",
    "group_label",
    "groups",
    "mentioned_actors",
    "paragraph_around",
    "resolve_actor",
    "resolve_article",
    "resolve_article_pair",
    "resolve_government",
    "resolve_stance",
    "resolve_statement",
    "resolve_topic",
    "show",
    "timeline",
    "timeline_document",
    "who_said",
    "who_said_document",
]
