"""What a scan reports at the end, built from the ledger so that a resumed scan's summary covers
the interrupted run's batches too."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from stancectl.scan.parts import BatchRecord

SUMMARY_SCHEMA = "stancectl.scan-summary/1"
TOP_SPEAKERS = 10


@dataclass(frozen=True)
class ScanSummary:
    corpus: str
    output: str
    errors: str
    entries: int
    """Articles read from the corpus, whether analysed or failed."""
    articles: int
    failed: int
    failure_codes: dict[str, int]
    candidates: int
    suggestions: int
    second_sources: int
    new_speakers: list[tuple[str, int]]
    """Speakers the registry does not know, most often quoted first."""
    cpu_seconds: float
    """Worker CPU time spent on the articles, over the whole scan."""
    wall_seconds: float
    """Time this run took (the interrupted part of a resumed scan is not included)."""
    workers: int
    resumed_batches: int = 0
    batches: int = 0

    @property
    def cpu_ms_per_article(self) -> float:
        return 1000 * self.cpu_seconds / self.articles if self.articles else 0.0

    def as_document(self) -> dict[str, Any]:
        return {
            "schema": SUMMARY_SCHEMA,
            "corpus": self.corpus,
            "output": self.output,
            "errors": self.errors,
            "articles_read": self.entries,
            "articles_analysed": self.articles,
            "failed": self.failed,
            "failure_codes": self.failure_codes,
            "candidates": self.candidates,
            "suggestions": self.suggestions,
            "second_sources": self.second_sources,
            "new_speakers": [{"name": name, "quotes": count} for name, count in self.new_speakers],
            "cpu_ms_per_article": round(self.cpu_ms_per_article, 3),
            "wall_seconds": round(self.wall_seconds, 3),
            "workers": self.workers,
            "batches": self.batches,
            "resumed_batches": self.resumed_batches,
        }


def summarise(
    records: Iterable[BatchRecord],
    *,
    corpus: str,
    output: str,
    errors: str,
    wall_seconds: float,
    workers: int,
    resumed_batches: int,
) -> ScanSummary:
    ordered = sorted(records, key=lambda record: record.batch)
    speakers: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    for record in ordered:
        speakers.update(record.new_speakers)
        codes.update(failure["code"] for failure in record.failures)
    return ScanSummary(
        corpus=corpus,
        output=output,
        errors=errors,
        entries=sum(record.entries for record in ordered),
        articles=sum(record.articles for record in ordered),
        failed=sum(codes.values()),
        failure_codes=dict(sorted(codes.items())),
        candidates=sum(record.rows for record in ordered),
        suggestions=sum(record.suggestions for record in ordered),
        second_sources=sum(record.second_sources for record in ordered),
        new_speakers=sorted(speakers.items(), key=lambda item: (-item[1], item[0]))[:TOP_SPEAKERS],
        cpu_seconds=sum(record.cpu_seconds for record in ordered),
        wall_seconds=wall_seconds,
        workers=workers,
        resumed_batches=resumed_batches,
        batches=len(ordered),
    )
