"""`suggest`: who is quoted in an article, saying what, proposed as candidate statements.

Plain data in, plain data out, no terminal: `suggest_article(text, registry=...)` returns
`Candidate`s whose spans are character offsets into `text`. The registry is built once from a
loaded data set (`build_registry(dataset)`) and pickles small, so a distributed scan can ship
it to its workers; the spaCy model, when used, is loaded once per process.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from stancectl.suggest.registry import Registry, build_registry, make_registry
from stancectl.suggest.types import (
    Attribution,
    Candidate,
    Engine,
    MissingExtraError,
    ProposedActor,
    Span,
)

__all__ = [
    "Candidate",
    "Engine",
    "MissingExtraError",
    "ProposedActor",
    "Registry",
    "Span",
    "build_registry",
    "make_registry",
    "spacy_available",
    "suggest_article",
]

Extractor = Callable[[str], list[Attribution]]


def spacy_available() -> bool:
    """Whether the `suggest` extra (spaCy and its English pipeline) is installed."""
    from stancectl.suggest import spacy_engine

    return spacy_engine.available()


def extractor(engine: Engine | str = Engine.AUTO) -> tuple[Engine, Extractor]:
    """The extractor an engine choice stands for; `auto` falls back to the regex extractor
    when the extra is missing. Raises MissingExtraError for `spacy` without the extra."""
    engine = Engine(engine)
    if engine is Engine.REGEX:
        from stancectl.suggest import regex_engine

        return engine, regex_engine.extract
    from stancectl.suggest import spacy_engine

    if spacy_engine.available():
        return Engine.SPACY, spacy_engine.extract
    if engine is Engine.SPACY:
        raise MissingExtraError("the spaCy extractor needs spaCy and its English pipeline")
    from stancectl.suggest import regex_engine

    return Engine.REGEX, regex_engine.extract


def suggest_article(
    text: str,
    *,
    registry: Registry,
    published: dt.date | None = None,
    article_id: str | None = None,
    engine: Engine | str = Engine.AUTO,
    published_precision: str = "day",
) -> list[Candidate]:
    """Candidate statements for one article, in text order.

    `text` is the article as stancectl reads it; every span is an offset into it. `published`
    dates relative expressions ("on Monday"); `article_id` lets candidates that existing
    statements already quote from this article say so (`covered_by`)."""
    from stancectl.suggest.pipeline import candidates

    _, extract = extractor(engine)
    return candidates(
        text,
        extract(text),
        registry=registry,
        published=published,
        published_precision=published_precision,
        article_id=article_id,
    )
