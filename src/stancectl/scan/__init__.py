"""`stancectl scan`: suggest and the second-source search over a whole news archive, on a local
Dask cluster or an existing one. Needs the `scan` extra (Dask, pyarrow); nothing here touches the
terminal.

    from stancectl.scan import ScanSettings, scan, suggest_analysis
    summary = scan(Path("archive.jsonl"), suggest_analysis(dataset),
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
    from stancectl.scan.suggestions import SuggestAnalysis, suggest_analysis
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
    "SuggestAnalysis": "stancectl.scan.suggestions",
    "suggest_analysis": "stancectl.scan.suggestions",
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
    "SuggestAnalysis",
    "curated_quotes",
    "read_corpus",
    "scan",
    "sequential_rows",
    "suggest_analysis",
]

EXTRA = "pip install 'stancectl[scan]'"
"""What installs everything `scan` needs."""
EXTRA_MODULES = ("distributed", "pyarrow", "spacy")


def missing_modules() -> list[str]:
    """The modules of the scan extra that are not installed, found without importing any."""
    from importlib.util import find_spec

    return [name for name in EXTRA_MODULES if find_spec(name) is None]


def __getattr__(name: str) -> Any:
    # the engine imports Dask: only what is asked for is loaded
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
