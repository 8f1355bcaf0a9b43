"""report: what the report page shows beyond the timeline document, as plain data: each
topic's question, how to link each article (its file relative to the report, its URL), and the
names search finds people and governments by. All of it comes from the records, so a current
cache entry answers without loading the model. The page itself is drawn in `render/html.py`."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from stancectl.records import Records


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


def report_context(records: Records, report_path: Path, selection: str = "") -> ReportContext:
    """The page's context for a report written to `report_path`."""
    data_path = Path(records.source)
    articles = {
        article_id: ArticleLink(
            title=article["title"],
            file=relative_link(data_path.parent / article["file"], report_path.parent),
            url=article["url"],
        )
        for article_id, article in records.articles.items()
    }
    names = records.names
    words: dict[str, list[str]] = {}
    for actor_id, actor_words in names.actor_words.items():
        words[f"actor:{actor_id}"] = actor_words
    for government_id, government_words in names.government_words.items():
        words[f"government:{government_id}"] = government_words
    questions = {topic: spelled[1] for topic, spelled in names.topics.items() if len(spelled) > 1}
    return ReportContext(
        questions=questions,
        articles=articles,
        words=words,
        source=data_path.name,
        selection=selection,
    )
