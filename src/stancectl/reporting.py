"""What the report page needs beyond the timeline document: the topics' questions, how to link
each article (its file relative to the report, its URL), and the names search finds people and
governments by. Plain data, built from a loaded dataset; the page itself is drawn in
`render/html.py`."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stancectl.load import Dataset


@dataclass(frozen=True)
class ArticleLink:
    """How the page links an article: its file relative to the report, and its URL if known."""

    title: str | None = None
    file: str | None = None
    """A path relative to the report's folder, '/'-separated."""
    url: str | None = None


@dataclass(frozen=True)
class ReportContext:
    """What the page shows beyond the timeline document."""

    questions: Mapping[str, str] = field(default_factory=dict)
    """Topic id -> the topic's question, the title of its chart."""
    articles: Mapping[str, ArticleLink] = field(default_factory=dict)
    words: Mapping[str, Sequence[str]] = field(default_factory=dict)
    """'actor:ID' or 'government:ID' -> names the search also finds it by (aliases, roles)."""
    source: str = "stances.yaml"
    """The data file, as the page names it."""
    selection: str = ""
    """The command line's filters, in words, when some were given."""


def relative_link(target: Path, report_folder: Path) -> str:
    """`target` as a '/'-separated path relative to the folder the report is written to."""
    try:
        relative = os.path.relpath(target.resolve(), report_folder.resolve())
    except ValueError:  # another drive (Windows): no relative path exists
        return target.resolve().as_uri()
    return PurePath(relative).as_posix()


def report_context(
    dataset: Dataset, data_path: Path, report_path: Path, selection: str = ""
) -> ReportContext:
    folder = data_path.parent
    articles = {
        article.id: ArticleLink(
            title=article.title,
            file=relative_link(folder / article.file, report_path.parent),
            url=article.url,
        )
        for article in dataset.articles.values()
    }
    words: dict[str, list[str]] = {}
    for actor in dataset.actors.values():
        words[f"actor:{actor.id}"] = [*actor.aliases, *(role.title for role in actor.roles)]
    for government in dataset.governments.values():
        words[f"government:{government.id}"] = list(government.aliases)
    return ReportContext(
        questions={topic.id: topic.question for topic in dataset.topics.values()},
        articles=articles,
        words=words,
        source=data_path.name,
        selection=selection,
    )
