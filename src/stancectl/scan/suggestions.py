"""The analysis `stancectl scan` runs on every article: `suggest` against the curated registry,
then the second-source search. The rows of an article are suggest's candidates in its order, then
the second sources in text order: exactly what running `suggest` on each article in turn gives.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
from typing import TYPE_CHECKING

from stancectl import __version__
from stancectl.scan.corpus import CorpusArticle
from stancectl.scan.quotes import CuratedQuotes, curated_quotes
from stancectl.scan.rows import CandidateRow, Kind, Span
from stancectl.suggest import (
    Candidate,
    Engine,
    MissingExtraError,
    Registry,
    build_registry,
    spacy_available,
    suggest_article,
)
from stancectl.suggest import Span as SuggestedSpan

if TYPE_CHECKING:
    from stancectl.dataset import Dataset


def suggest_analysis(dataset: Dataset, engine: Engine | str = Engine.AUTO) -> SuggestAnalysis:
    """The scan's analysis for `dataset`'s registry. `auto` is settled here, once, so that all
    workers extract alike: spaCy where the suggest extra is installed, else the regex extractor.
    Raises MissingExtraError for `spacy` without the extra."""
    chosen = Engine(engine)
    if chosen is Engine.AUTO:
        chosen = Engine.SPACY if spacy_available() else Engine.REGEX
    elif chosen is Engine.SPACY and not spacy_available():
        raise MissingExtraError("the spaCy extractor needs spaCy and its English pipeline")
    return SuggestAnalysis(build_registry(dataset), curated_quotes(dataset), chosen)


class SuggestAnalysis:
    """Picklable: the registries travel to each worker once; the spaCy model is loaded there,
    once per worker process, by `prepare`."""

    def __init__(self, registry: Registry, quotes: CuratedQuotes, engine: Engine) -> None:
        if engine is Engine.AUTO:
            raise ValueError("resolve the engine before the scan: every worker must use the same")
        self.registry = registry
        self.quotes = quotes
        self.engine = engine

    def identity(self) -> str:
        registry = hashlib.blake2b(pickle.dumps(self.registry), digest_size=16).hexdigest()
        return f"suggest:{__version__}:{self.engine.value}:{registry}:{self.quotes.digest}"

    def prepare(self) -> None:
        if self.engine is Engine.SPACY:
            from stancectl.suggest import spacy_engine

            spacy_engine.pipeline()  # raises, naming the extra, on a worker without spaCy

    def analyse(self, article: CorpusArticle) -> list[CandidateRow]:
        known = self.quotes.articles.identify(article)
        published = article.published
        precision = "day"
        if published is None and known is not None:
            published = self.quotes.articles.published.get(known)
            precision = self.quotes.articles.precision.get(known, "day")
        candidates = suggest_article(
            article.text,
            registry=self.registry,
            published=published,
            published_precision=precision,
            article_id=known,
            engine=self.engine,
        )
        rows = [suggestion_row(article, candidate, published) for candidate in candidates]
        return rows + self.quotes.find(article)


def suggestion_row(
    article: CorpusArticle, candidate: Candidate, published: dt.date | None
) -> CandidateRow:
    def span(part: SuggestedSpan) -> Span:
        return Span(part.text, part.start, part.end)

    proposed = candidate.new_actor
    return CandidateRow(
        article=article.id,
        article_index=article.index,
        kind=Kind.SUGGESTION,
        content=span(candidate.content),
        source=span(candidate.source),
        cue=span(candidate.cue),
        actor=candidate.actor,
        government=candidate.government,
        new_actor=proposed.name if proposed else None,
        new_actor_id=proposed.id if proposed else None,
        attribution=candidate.attribution,
        stance=candidate.stance,
        topic=candidate.topic,
        said_on=candidate.said_on,
        date_precision=candidate.date_precision,
        published=published,
        curated=bool(candidate.covered_by),
        statements=tuple(candidate.covered_by),
        gap=span(candidate.gap) if candidate.gap else None,
    )
