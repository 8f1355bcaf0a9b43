"""Every quote looked up in its article: the match level kept for the views, and a problem for
each quote that is not found as written."""

from __future__ import annotations

from typing import Protocol

from stancectl.dataset import Dataset
from stancectl.evidence import ArticleMatcher, MatchLevel, QuoteMatch, is_short
from stancectl.model import Evidence, Statement
from stancectl.problems import Severity


class QuoteProblem(Protocol):
    """Says a problem at a statement's evidence[index].quote."""

    def __call__(
        self, statement_id: str, index: int, code: str, message: str, severity: Severity
    ) -> None: ...


def check_quotes(dataset: Dataset, problem: QuoteProblem) -> None:
    """Match every quote whose article could be read; fill `dataset.matches`."""
    by_article: dict[str, list[tuple[Statement, int, Evidence]]] = {}
    for statement in dataset.statements.values():
        for i, evidence in enumerate(statement.evidence):
            if evidence.article in dataset.texts:
                by_article.setdefault(evidence.article, []).append((statement, i, evidence))
    for article_id, quoted in by_article.items():
        matcher = ArticleMatcher(dataset.texts[article_id])
        for statement, i, evidence in quoted:
            found = matcher.match(evidence.quote)
            dataset.matches[(statement.id, i)] = found
            _report_match(statement.id, i, evidence, found, matcher.text, problem)


def _report_match(
    statement_id: str,
    index: int,
    evidence: Evidence,
    found: QuoteMatch,
    text: str,
    problem: QuoteProblem,
) -> None:
    article = evidence.article
    if found.level is MatchLevel.ALTERED or found.level is MatchLevel.MISSING:
        code = f"quote-{found.level.value}"
        problem(statement_id, index, code, found.describe(article, text), Severity.ERROR)
    if is_short(evidence.quote):
        problem(
            statement_id,
            index,
            "quote-short",
            f"quote {evidence.quote!r} is one or two words: it proves little; "
            "quote the whole clause",
            Severity.WARNING,
        )
