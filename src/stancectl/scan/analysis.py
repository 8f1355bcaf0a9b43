"""What a scan does with each article. The pipeline takes any `Analysis`: an object shipped once
to every worker, prepared there once (a language model loaded), then asked for the candidate rows
of one article at a time.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from stancectl.scan.corpus import CorpusArticle
from stancectl.scan.quotes import CuratedQuotes
from stancectl.scan.rows import CandidateRow


@runtime_checkable
class Analysis(Protocol):
    def identity(self) -> str:
        """Changes whenever the rows for the same article could: an interrupted scan resumes
        only under the same identity."""
        ...

    def prepare(self) -> None:
        """Called once in each worker process before its first article."""
        ...

    def analyse(self, article: CorpusArticle) -> list[CandidateRow]:
        """The candidate rows of one article, in a fixed order."""
        ...


class SecondSources:
    """Finds the registry's curated quotes in articles other than those cited for them."""

    def __init__(self, quotes: CuratedQuotes) -> None:
        self.quotes = quotes

    def identity(self) -> str:
        return f"second-sources:{self.quotes.digest}"

    def prepare(self) -> None:
        pass

    def analyse(self, article: CorpusArticle) -> list[CandidateRow]:
        return self.quotes.find(article)
