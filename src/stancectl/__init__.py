"""stancectl: who said what about an issue, where and when, according to whom.

Use from Python (no terminal library is imported):

    import stancectl

    records = stancectl.load("stances.yaml")          # raises stancectl.DataError on errors
    france = stancectl.Filters.parse(records, governments=["France"])
    document = stancectl.who_said_document(records, france)

`stancectl.check(path)` gives every problem instead of raising. The names below are imported
when first used, so `import stancectl` stays light.
"""

from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

# Not `from typing import TYPE_CHECKING`: `stancectl` is the first module the command imports,
# and the less it loads, the sooner Ctrl-C is handled (see __main__.py).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from stancectl.checking import CheckResult as CheckResult
    from stancectl.checking import check as check
    from stancectl.dataset import Dataset as Dataset
    from stancectl.inputs import LoadOptions as LoadOptions
    from stancectl.problems import DataError as DataError
    from stancectl.problems import Problem as Problem
    from stancectl.problems import Report as Report
    from stancectl.problems import Severity as Severity
    from stancectl.query import Filters as Filters
    from stancectl.query import FilterValueError as FilterValueError
    from stancectl.query import LookupFailedError as LookupFailedError
    from stancectl.query import actors_document as actors_document
    from stancectl.query import articles_document as articles_document
    from stancectl.query import diff as diff
    from stancectl.query import show as show
    from stancectl.query import timeline as timeline
    from stancectl.query import timeline_document as timeline_document
    from stancectl.query import who_said as who_said
    from stancectl.query import who_said_document as who_said_document
    from stancectl.records import Records as Records
    from stancectl.views import GroupBy as GroupBy
    from stancectl.views import Lane as Lane
    from stancectl.views import SortKey as SortKey

_LAZY = {
    "CheckResult": "stancectl.checking",
    "check": "stancectl.checking",
    "Dataset": "stancectl.dataset",
    "LoadOptions": "stancectl.inputs",
    "DataError": "stancectl.problems",
    "Problem": "stancectl.problems",
    "Report": "stancectl.problems",
    "Severity": "stancectl.problems",
    "Filters": "stancectl.query",
    "FilterValueError": "stancectl.query",
    "LookupFailedError": "stancectl.query",
    "actors_document": "stancectl.query",
    "articles_document": "stancectl.query",
    "diff": "stancectl.query",
    "show": "stancectl.query",
    "timeline": "stancectl.query",
    "timeline_document": "stancectl.query",
    "who_said": "stancectl.query",
    "who_said_document": "stancectl.query",
    "Records": "stancectl.records",
    "GroupBy": "stancectl.views",
    "Lane": "stancectl.views",
    "SortKey": "stancectl.views",
}

__all__ = [
    "CheckResult",
    "DataError",
    "Dataset",
    "FilterValueError",
    "Filters",
    "GroupBy",
    "Lane",
    "LoadOptions",
    "LookupFailedError",
    "Problem",
    "Records",
    "Report",
    "Severity",
    "SortKey",
    "__version__",
    "actors_document",
    "articles_document",
    "check",
    "diff",
    "load",
    "show",
    "timeline",
    "timeline_document",
    "who_said",
    "who_said_document",
]


def load(
    path: Path | str, options: LoadOptions | None = None, *, use_cache: bool = False
) -> Records:
    """Load and check a data file and the articles it cites; the records every view reads.
    Raises DataError (its `report` has every problem, with file:line:column) when the data has
    errors. With `use_cache`, a current cache entry answers without reading the files again."""
    from pathlib import Path

    from stancectl.cache import open_cached
    from stancectl.problems import DataError

    loaded = open_cached(Path(path), options, use_cache=use_cache)
    records = loaded.records()
    if records is None:
        raise DataError(loaded.report)
    return records


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'stancectl' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
