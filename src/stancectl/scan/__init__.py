"""`stancectl scan`: suggest and the second-source search over a whole news archive, on a local
Dask cluster or an existing one. Needs the `scan` extra (Dask, pyarrow); nothing here touches the
terminal.

    from stancectl.scan import ScanSettings, SecondSources, curated_quotes, scan
    summary = scan(Path("archive.jsonl"), SecondSources(curated_quotes(dataset)),
                   ScanSettings(output=Path("candidates.parquet")))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stancectl.scan.analysis import Analysis, SecondSources
    from stancectl.scan.corpus import CorpusArticle, Failure, read_corpus
    from stancectl.scan.engine import ScanProgress, ScanSettings, scan, sequential_rows
    from stancectl.scan.quotes import curated_quotes
    from stancectl.scan.rows import CandidateRow
    from stancectl.scan.summary import ScanSummary

_EXPORTS = {
    "Analysis": "stancectl.scan.analysis",
    "SecondSources": "stancectl.scan.analysis",
    "CorpusArticle": "stancectl.scan.corpus",
    "Failure": "stancectl.scan.corpus",
    "read_corpus": "stancectl.scan.corpus",
    "ScanProgress": "stancectl.scan.engine",
    "ScanSettings": "stancectl.scan.engine",
    "scan": "stancectl.scan.engine",
    "sequential_rows": "stancectl.scan.engine",
    "curated_quotes": "stancectl.scan.quotes",
    "CandidateRow": "stancectl.scan.rows",
    "ScanSummary": "stancectl.scan.summary",
}
__all__ = [
    "Analysis",
    "CandidateRow",
    "CorpusArticle",
    "Failure",
    "ScanProgress",
    "ScanSettings",
    "ScanSummary",
    "SecondSources",
    "curated_quotes",
    "read_corpus",
    "scan",
    "sequential_rows",
]


def __getattr__(name: str) -> Any:
    # the engine imports Dask: only what is asked for is loaded
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
