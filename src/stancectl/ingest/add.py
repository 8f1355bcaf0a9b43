"""`add-article` as a library call: read the source, decide its id and file, store the text
and register it in the data file through `stancectl.writeback`, or only show what would change.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stancectl.ingest import Extracted, read_source
from stancectl.ingest.fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
from stancectl.ingest.store import (
    Existing,
    PlannedArticle,
    missing_fields,
    plan_article,
    store_text,
)
from stancectl.inputs import LoadOptions
from stancectl.writeback import STARTER, Edit, read_data_file, with_entries_appended, write


@dataclass(frozen=True)
class Added:
    """What add-article did (or, on a dry run, would do)."""

    extracted: Extracted
    planned: PlannedArticle
    edit: Edit
    """The data file's change; `edit.before` is empty when the file is new."""
    creates_data_file: bool
    written: bool
    errors_before: int = 0
    """Errors the data file had before (and still has): said, so that they are not missed."""


def add_article(
    source: str,
    data_path: Path,
    *,
    article_id: str | None = None,
    folder: Path | None = None,
    dry_run: bool = False,
    options: LoadOptions | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Added:
    """Add the article at `source` to the data file at `data_path` (created if missing).

    The data file is read first, so a broken file or a taken `--id` costs no download. On a
    refused edit the stored text (and any folder made for it) is removed again: either both
    the text and its entry are there, or neither."""
    existing = Existing.read(data_path, options)
    extracted = read_source(source, timeout=timeout, max_bytes=max_bytes)
    planned = plan_article(extracted, existing, article_id=article_id, folder=folder)
    creates = not data_path.exists()
    current = STARTER if creates else read_data_file(data_path)
    after = with_entries_appended(current, "articles", [planned.entry], display=str(data_path))
    shown = Edit(data_path, "" if creates else current, after)
    if dry_run:
        return Added(extracted, planned, shown, creates, False, existing.errors)
    created = store_text(planned)
    try:
        write(Edit(data_path, "" if creates else current, after), options)
    except BaseException:
        planned.path.unlink(missing_ok=True)
        for made in reversed(created):  # only the folders made for this article, if empty
            with contextlib.suppress(OSError):
                made.rmdir()
        raise
    return Added(extracted, planned, shown, creates, True, existing.errors)


ADD_ARTICLE_SCHEMA = "stancectl.add-article/1"
PREVIEW_LINES = 3
"""Lines of the stored text shown (as `check` and `show` read it: one line, one paragraph)."""


def added_document(added: Added) -> dict[str, Any]:
    """What add-article did, as plain data: the JSON output, and what the text output shows."""
    extracted, planned = added.extracted, added.planned
    metadata = extracted.metadata
    lines = [line for line in extracted.text.splitlines() if line.strip()]
    return {
        "schema": ADD_ARTICLE_SCHEMA,
        "source": extracted.source,
        "fetched_from": extracted.fetched_from,
        "data": str(added.edit.path),
        "dry_run": not added.written,
        "creates_data_file": added.creates_data_file,
        "errors_before": added.errors_before,
        "article": {"id": planned.article_id, "file": planned.entry["file"]},
        "text_path": str(planned.path),
        "text": {
            "characters": len(extracted.text),
            "lines": len(lines),
            "first_lines": lines[:PREVIEW_LINES],
        },
        "charset": extracted.charset,
        "charset_from": extracted.charset_where,
        "found": {
            name: {
                "value": found.value.isoformat()
                if isinstance(found.value, dt.date)
                else found.value,
                "precision": found.precision.value if found.precision else None,
                "where": found.where,
                "stored": name in planned.entry,
            }
            for name, found in metadata.found().items()
        },
        "missing": missing_fields(extracted),
        "notes": list(metadata.notes),
        "diff": added.edit.diff(),
    }


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
