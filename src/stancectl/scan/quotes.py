"""Second sources: the curated quotes that an article carries although no statement cites it for
them (another outlet printing the same words).

The quotes are indexed by their first words, so an article is compared only with the quotes
whose opening words it contains, however many statements the registry holds. A quote counts as
found only where the evidence matcher finds it exactly or differing in typography alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from stancectl.evidence import ArticleMatcher, MatchLevel, is_short, normalise
from stancectl.model import Review
from stancectl.scan.corpus import CorpusArticle
from stancectl.scan.rows import CandidateRow, Kind, Span

if TYPE_CHECKING:
    from stancectl.dataset import Dataset

KEY_WORDS = 3
"""Words of a quote's opening that index it."""
_WORD = re.compile(r"\w+")


def text_digest(text: str) -> str:
    """Identifies an article's text whatever its line endings and runs of whitespace."""
    return hashlib.blake2b(" ".join(text.split()).encode(), digest_size=16).hexdigest()


def _words(folded: str) -> list[str]:
    return _WORD.findall(folded)


@dataclass(frozen=True, slots=True)
class CuratedQuote:
    quote: str
    folded: str
    statements: tuple[str, ...]
    cited_by: tuple[str, ...]
    """The articles the statements cite for this quote: it is no second source there."""
    actor: str | None
    stance: str | None
    attribution: str | None
    said_on: dt.date | None
    date_precision: str | None


@dataclass(frozen=True)
class KnownArticles:
    """The registry's articles, to recognise one of them in a corpus by id or by its text."""

    by_digest: dict[str, str] = field(default_factory=dict)
    ids: frozenset[str] = frozenset()
    published: dict[str, dt.date] = field(default_factory=dict)
    precision: dict[str, str] = field(default_factory=dict)
    """How exactly each `published` date is known (`day`, `approximate` ...)."""

    def identify(self, article: CorpusArticle) -> str | None:
        if article.id in self.ids:
            return article.id
        return self.by_digest.get(text_digest(article.text))


@dataclass(frozen=True)
class CuratedQuotes:
    """The registry's evidence quotes, indexed for search; small and picklable, built once and
    shipped to every worker."""

    quotes: tuple[CuratedQuote, ...]
    index: dict[tuple[str, ...], tuple[int, ...]]
    articles: KnownArticles
    digest: str
    """Changes whenever anything above does."""

    def find(self, article: CorpusArticle) -> list[CandidateRow]:
        """The curated quotes `article` carries, other than those it is cited for, in the order
        they stand in the article."""
        known = self.articles.identify(article)
        folded = normalise(article.text)
        words = _words(folded)
        keys = {tuple(words[i : i + n]) for n in self._key_lengths() for i in range(len(words))}
        matcher = ArticleMatcher(article.text)
        rows = []
        for key in keys & self.index.keys():
            for position in self.index[key]:
                quote = self.quotes[position]
                if known in quote.cited_by or quote.folded not in folded:
                    continue
                found = matcher.locate(quote.quote)
                if found.level not in {MatchLevel.EXACT, MatchLevel.NORMALISED}:
                    continue
                if found.start is None or found.end is None:
                    continue
                rows.append(self._row(article, quote, found.start, found.end))
        rows.sort(key=lambda row: (row.content.start, row.content.end, row.statements))
        return rows

    def _key_lengths(self) -> set[int]:
        return {len(key) for key in self.index}

    def _row(
        self, article: CorpusArticle, quote: CuratedQuote, start: int, end: int
    ) -> CandidateRow:
        return CandidateRow(
            article=article.id,
            article_index=article.index,
            kind=Kind.SECOND_SOURCE,
            content=Span(article.text[start:end], start, end),
            actor=quote.actor,
            attribution=quote.attribution,
            stance=quote.stance,
            said_on=quote.said_on,
            date_precision=quote.date_precision,
            published=article.published or self.articles.published.get(article.id),
            statements=quote.statements,
            cited_by=quote.cited_by,
        )


def _agreed(values: Iterable[str | dt.date | None]) -> str | dt.date | None:
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 else None


def curated_quotes(dataset: Dataset) -> CuratedQuotes:
    """The searchable quotes of `dataset`: one entry per distinct quote (as normalised), with
    every statement that gives it as evidence. Quotes of two words or fewer prove little and are
    left out, and so are statements still pending review."""
    grouped: dict[str, list[tuple[str, str, str]]] = {}
    first_text: dict[str, str] = {}
    for statement in dataset.statements.values():
        if statement.review is Review.PENDING:  # proposed, not yet curated
            continue
        for evidence in statement.evidence:
            if is_short(evidence.quote):
                continue
            folded = normalise(evidence.quote)
            first_text.setdefault(folded, evidence.quote)
            grouped.setdefault(folded, []).append(
                (statement.id, evidence.article, evidence.attribution.value)
            )
    quotes: list[CuratedQuote] = []
    index: dict[tuple[str, ...], list[int]] = {}
    for folded, uses in grouped.items():
        key = tuple(_words(folded)[:KEY_WORDS])
        if not key:
            continue
        statements = [dataset.statements[statement_id] for statement_id, _, _ in uses]
        said_on = _agreed(s.said_on for s in statements)
        quotes.append(
            CuratedQuote(
                quote=first_text[folded],
                folded=folded,
                statements=tuple(dict.fromkeys(s.id for s in statements)),
                cited_by=tuple(sorted({article for _, article, _ in uses})),
                actor=_text_or_none(_agreed(s.actor for s in statements)),
                stance=_text_or_none(_agreed(s.stance for s in statements)),
                attribution=_text_or_none(_agreed(kind for _, _, kind in uses)),
                said_on=said_on if isinstance(said_on, dt.date) else None,
                date_precision=_text_or_none(_agreed(s.date_precision.value for s in statements)),
            )
        )
        index.setdefault(key, []).append(len(quotes) - 1)
    known = KnownArticles(
        by_digest={text_digest(text): article_id for article_id, text in dataset.texts.items()},
        ids=frozenset(dataset.articles),
        published={a.id: a.published for a in dataset.articles.values() if a.published},
        precision={a.id: a.published_precision.value for a in dataset.articles.values()},
    )
    digest = hashlib.blake2b(digest_size=16)
    for quote in quotes:
        digest.update(repr(quote).encode())
    digest.update(repr(sorted(known.by_digest.items())).encode())
    digest.update(repr(sorted(known.published.items())).encode())
    digest.update(repr(sorted(known.precision.items())).encode())
    return CuratedQuotes(
        tuple(quotes),
        {key: tuple(value) for key, value in index.items()},
        known,
        digest.hexdigest(),
    )


def _text_or_none(value: str | dt.date | None) -> str | None:
    return value if isinstance(value, str) else None
