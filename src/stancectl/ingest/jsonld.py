"""JSON-LD as pages use it: one object, a list, or a `@graph`, with `{"@id": ...}` references
to other objects, and the article among several types."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from stancectl.ingest.markup import clean_text, names_in_byline, unique

ARTICLE_TYPES = (
    # the news types first: a page may also describe itself as a WebPage or an Article
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "AskPublicNewsArticle",
    "LiveBlogPosting",
    "Article",
    "BlogPosting",
    "Report",
    "SocialMediaPosting",
)


def _objects(value: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object in a document: top level, lists, `@graph`, and nested values."""
    stack = [value]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            yield item
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))


def _types(item: dict[str, Any]) -> list[str]:
    kind = item.get("@type", [])
    kinds = kind if isinstance(kind, list) else [kind]
    return [k.rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)]


class JsonLd:
    def __init__(self, scripts: list[str], notes: list[str]) -> None:
        self.objects: list[dict[str, Any]] = []
        for number, script in enumerate(scripts, 1):
            try:
                document = json.loads(_without_comment_wrappers(script), strict=False)
            except json.JSONDecodeError as error:
                notes.append(f"JSON-LD block {number} is not valid JSON ({error.msg}); ignored")
                continue
            except RecursionError:
                notes.append(f"JSON-LD block {number} is nested too deeply; ignored")
                continue
            self.objects.extend(_objects(document))
        self.by_id = {
            o["@id"]: o for o in self.objects if isinstance(o.get("@id"), str) and len(o) > 1
        }  # the objects themselves, not the `{"@id": ...}` references to them
        self.article, self.article_type = self._article()

    def _article(self) -> tuple[dict[str, Any] | None, str]:
        for kind in ARTICLE_TYPES:
            for item in self.objects:
                if kind in _types(item):
                    return item, kind
        return None, ""

    def resolve(self, value: Any) -> Any:
        """A `{"@id": ...}` reference replaced by the object it names, where the page has it."""
        if isinstance(value, dict) and set(value) == {"@id"}:
            return self.by_id.get(value["@id"], value)
        return value

    def text(self, key: str) -> str | None:
        value = self.article.get(key) if self.article else None
        if isinstance(value, list):
            value = value[0] if value else None
        value = self.resolve(value)
        if isinstance(value, dict):
            value = value.get("name") or value.get("@value")
        return clean_text(value) if isinstance(value, str) else None

    def names(self, key: str) -> list[str]:
        """The people named under `key` (an author), else the organisations."""
        people, organisations = self._names(key)
        return unique(people or organisations)

    def all_names(self, key: str) -> list[str]:
        people, organisations = self._names(key)
        return unique(people + organisations)

    def _names(self, key: str) -> tuple[list[str], list[str]]:
        value = self.article.get(key) if self.article else None
        items = value if isinstance(value, list) else [value]
        people: list[str] = []
        organisations: list[str] = []
        for item in map(self.resolve, items):
            if isinstance(item, str):
                people.extend(names_in_byline(item))
            elif isinstance(item, dict) and isinstance(item.get("name"), str):
                name = clean_text(item["name"])
                kinds = _types(item)
                target = organisations if "Organization" in "".join(kinds) else people
                if name:
                    target.append(name)
        return people, organisations

    def site_name(self) -> str | None:
        for item in self.objects:
            if "WebSite" in _types(item) and isinstance(item.get("name"), str):
                return clean_text(item["name"])
        return None


def _without_comment_wrappers(script: str) -> str:
    """Some pages wrap JSON-LD in `<!-- -->` or CDATA markers."""
    text = script.strip()
    for start, end in (("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")):
        if text.startswith(start) and text.endswith(end):
            text = text[len(start) : -len(end)].strip()
    return text
