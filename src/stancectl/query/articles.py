"""articles: every article's metadata and how many statements it reports."""

from __future__ import annotations

from stancectl.records import Record, Records

SCHEMA = "stancectl.articles/1"


def articles_document(records: Records) -> Record:
    shown = sorted(records.articles.values(), key=lambda r: (r["published"] or "9999", r["id"]))
    return {"schema": SCHEMA, "count": len(shown), "articles": shown}
