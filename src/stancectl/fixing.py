"""`check --fix`: the altered quotes that are only typos, replaced by their article's words.

A quote is repaired only when `stancectl.evidence.repair` allows it: exactly one close passage,
and a difference of spelling or punctuation that touches no negation, number, date or name.
The edit goes through `stancectl.writeback` (comments and formatting kept, checked by the
loader, written atomically); nothing is written here without the caller asking.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from stancectl.dataset import Dataset
from stancectl.evidence import ArticleMatcher, MatchLevel, repair
from stancectl.inputs import LoadOptions
from stancectl.writeback import Edit, QuoteReplacement, replace_quotes


@dataclass(frozen=True)
class QuoteFix:
    """What `check --fix` can do for one altered quote."""

    statement_id: str
    evidence_index: int
    article: str
    quote: str
    replacement: str | None
    """The article's passage to put in its place; None when it is left to the curator."""
    reason: str


def plan_fixes(dataset: Dataset) -> list[QuoteFix]:
    """A fix, or the reason there is none, for every altered quote, in file order."""
    matchers: dict[str, ArticleMatcher] = {}
    fixes: list[QuoteFix] = []
    for statement in dataset.statements.values():
        for index, evidence in enumerate(statement.evidence):
            found = dataset.matches.get((statement.id, index))
            text = dataset.texts.get(evidence.article)
            if found is None or found.level is not MatchLevel.ALTERED or text is None:
                continue
            matcher = matchers.setdefault(evidence.article, ArticleMatcher(text))
            outcome = repair(evidence.quote, text, matcher)
            fixes.append(
                QuoteFix(
                    statement.id,
                    index,
                    evidence.article,
                    evidence.quote,
                    outcome.replacement,
                    outcome.reason,
                )
            )
    return fixes


def fix_quotes(
    path: Path, fixes: list[QuoteFix], *, dry_run: bool, options: LoadOptions | None = None
) -> Edit:
    """The edit replacing every repairable quote of `fixes`; written unless `dry_run`."""
    replacements = [
        QuoteReplacement(f.statement_id, f.evidence_index, f.replacement)
        for f in fixes
        if f.replacement is not None
    ]
    return replace_quotes(path, replacements, dry_run=dry_run, options=options)
