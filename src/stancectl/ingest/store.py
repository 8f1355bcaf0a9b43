"""Storing a new article: where its text goes, under which id, and the entry that registers it
in stances.yaml. An article whose text is already stored is refused, naming the existing id."""

from __future__ import annotations

import os
import re
import unicodedata
import urllib.parse
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from stancectl.ingest import Extracted, SourceError, SourceKind
from stancectl.ingest.metadata import FIELDS
from stancectl.inputs import LoadOptions, digest
from stancectl.output import write_atomically
from stancectl.problems import ExitCode, StancectlError
from stancectl.text import normalise_article_text

if TYPE_CHECKING:
    from stancectl.dataset import Dataset

DEFAULT_FOLDER = "articles"
"""Where articles go when the data file has none yet."""
FALLBACK_ID = "article"
"""The id of an article whose title and source name give no letters or digits to use."""
TRANSLITERATION = {
    **dict(zip("абвгдезийклмнопрстуфхцы", "abvgdezijklmnoprstufhcy", strict=True)),
    **{"ё": "e", "ж": "zh", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ь": "", "э": "e"},
    **{"ю": "yu", "я": "ya", "є": "ye", "\u0456": "i", "ї": "yi", "ґ": "g"},
    **dict(zip("αβγδεζηθικλμνξοπρστυφχψω", "abgdezitiklmnxoprstyfxpo", strict=True)),
    "ς": "s",
}
"""Cyrillic and Greek letters in Latin ones, so that an id made from such a title says
something (a simplified scientific transliteration; ids only need to be readable)."""
MAX_ID_WORDS = 6
MAX_ID_LENGTH = 48
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
STOP_WORDS = frozenset(
    (
        "a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "but", "is", "are",
        "was", "were", "be", "been", "by", "with", "from", "as", "that", "this", "its", "it",
        "into", "over", "after", "before", "about", "than",
    )
)  # fmt: skip
"""Words left out of an id made from a title; they say little and make ids long."""


class DuplicateArticleError(StancectlError):
    """The article's text is already stored under another id: a request refused (the data is
    fine), so a usage error."""

    exit_code = ExitCode.USAGE

    def __init__(self, existing_id: str, existing_file: str) -> None:
        self.existing_id = existing_id
        super().__init__(
            f"this article is already stored as '{existing_id}' ({existing_file}): "
            "the same text, so it was not added again"
        )


class UnreadableDataError(StancectlError):
    """The data file cannot be read at all, so nothing can be added to it."""

    exit_code = ExitCode.DATA_PROBLEMS


@dataclass(frozen=True)
class PlannedArticle:
    """Where a new article goes and how it is registered; nothing is written yet."""

    article_id: str
    path: Path
    """The text file to create."""
    text: str
    entry: dict[str, Any]
    """The `articles:` entry, keys in the order they are written."""


@dataclass(frozen=True)
class Existing:
    """What the data file already holds: article ids, files and text digests."""

    data_path: Path
    ids: set[str]
    files: dict[str, str]
    """Article id -> its `file:` as written."""
    digests: dict[str, str]
    """Digest of an article's normalised text -> its id."""
    errors: int = 0
    """Errors the data file has already (an added article neither causes nor fixes them)."""

    @classmethod
    def read(cls, data_path: Path, options: LoadOptions | None = None) -> Existing:
        """The articles of `data_path` (none if it does not exist yet). A data file that
        cannot be read at all is an error: it has to be fixed before anything is added."""
        if not data_path.exists():
            return cls(data_path, set(), {}, {})
        from stancectl.loader import load

        base = options or LoadOptions()
        dataset, report = load(data_path, replace(base, check_quotes=False))
        if dataset is None:
            first = report.sorted()[0]
            raise UnreadableDataError(
                f"{first.location()}: {first.message}; fix the data file before adding articles"
            )
        return replace(cls._of(data_path, dataset), errors=len(report.errors))

    @classmethod
    def _of(cls, data_path: Path, dataset: Dataset) -> Existing:
        files = {article_id: a.file for article_id, a in dataset.articles.items()}
        digests = {text_digest(text): article_id for article_id, text in dataset.texts.items()}
        return cls(data_path, set(files), files, digests)

    def folder(self) -> Path:
        """The folder most existing articles are in (relative to the data file), or
        `articles/` when there are none."""
        parents = Counter(Path(file).parent for file in self.files.values())
        if not parents:
            return Path(DEFAULT_FOLDER)
        return parents.most_common(1)[0][0]


def text_digest(text: str) -> str:
    return digest(normalise_article_text(text).strip().encode("utf-8"))


def plan_article(
    extracted: Extracted,
    existing: Existing,
    *,
    article_id: str | None = None,
    folder: Path | None = None,
) -> PlannedArticle:
    """Decide the id, file and entry of a new article. `folder` (as the user gave it, relative
    to the working directory) overrides the usual articles folder."""
    duplicate = existing.digests.get(text_digest(extracted.text))
    if duplicate is not None:
        raise DuplicateArticleError(duplicate, existing.files.get(duplicate, "?"))
    base = existing.data_path.parent
    target_folder = folder if folder is not None else base / existing.folder()
    if article_id is not None:
        if not ID_PATTERN.match(article_id) or len(article_id) > 80:
            raise SourceError(
                f"--id {article_id!r}: ids are lower-case letters, digits, '-', '_' and '.', "
                "starting with a letter or digit"
            )
        if article_id in existing.ids:
            raise SourceError(f"--id {article_id!r}: an article with this id exists already")
        if (target_folder / f"{article_id}.txt").exists():
            raise SourceError(f"{target_folder / f'{article_id}.txt'} exists already")
    else:
        candidates = [short_id(t) for t in (_title_of(extracted), _stem_of(extracted)) if t]
        wanted = next((c for c in candidates if c != FALLBACK_ID), FALLBACK_ID)
        article_id = _free_id(wanted, existing.ids, target_folder)
    path = target_folder / f"{article_id}.txt"
    entry = article_entry(article_id, _relative(path, base), extracted)
    return PlannedArticle(article_id, path, extracted.text, entry)


def store_text(planned: PlannedArticle) -> list[Path]:
    """Write the article's text, creating its folder; never replaces an existing file.
    Returns the folders it created, outermost first."""
    created = [folder for folder in reversed(planned.path.parents) if not folder.exists()]
    try:
        planned.path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SourceError(f"cannot create {planned.path.parent}: {error.strerror}") from None
    write_atomically(planned.path, planned.text)
    return created


def article_entry(article_id: str, file: str, extracted: Extracted) -> dict[str, Any]:
    """The `articles:` entry: what the page states and nothing else. Keys the data model does
    not know yet (`authors`, `via`) are left out until it does."""
    from stancectl.model import Article

    metadata = extracted.metadata
    known = Article.model_fields
    entry: dict[str, Any] = {"id": article_id, "file": file}
    if metadata.title:
        entry["title"] = metadata.title.value
    if metadata.outlet:
        entry["outlet"] = metadata.outlet.value
    if metadata.authors and "authors" in known:
        entry["authors"] = list(metadata.authors.value)
    if metadata.via and "via" in known:
        entry["via"] = metadata.via.value
    if metadata.url:
        entry["url"] = metadata.url.value
    if metadata.published:
        entry["published"] = metadata.published.value
        precision = metadata.published.precision
        if precision is not None and precision.value != "day":
            entry["published_precision"] = precision.value
    entry["note"] = provenance_note(extracted)
    return entry


def provenance_note(extracted: Extracted) -> str:
    """How the entry's metadata is known, in the words of the data file's `note:` fields."""
    if extracted.kind is SourceKind.URL:
        source = f"from the page at {extracted.fetched_from or extracted.source}"
    elif extracted.kind is SourceKind.PAGE:
        source = f"from the saved page {Path(extracted.source).name}"
    else:
        source = f"from the text file {Path(extracted.source).name}"
    parts = [f"Added by add-article {source}."]
    metadata = extracted.metadata
    found = metadata.found()
    if found:
        parts.append(
            "As the page states: "
            + "; ".join(f"{name} from {found[name].where}" for name in found)
            + "."
        )
    missing = missing_fields(extracted)
    if missing:
        parts.append(f"Not stated: {', '.join(missing)}.")
    return " ".join(parts)


def missing_fields(extracted: Extracted) -> list[str]:
    """The fields the source does not state (a text file states none)."""
    if extracted.kind is SourceKind.TEXT:
        return list(FIELDS)
    return extracted.metadata.missing()


def short_id(text: str) -> str:
    """A short id from a title: its first significant words, ASCII, lower case, hyphenated
    ("Russia Warns Sending Troops to Ukraine..." -> "russia-warns-sending-troops-ukraine")."""
    letters = unicodedata.normalize("NFKD", text.lower())
    latin = "".join(TRANSLITERATION.get(c, c) for c in letters)
    folded = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", folded.lower())
    significant = [w for w in words if w not in STOP_WORDS] or words
    chosen: list[str] = []
    for word in significant[:MAX_ID_WORDS]:
        if len("-".join([*chosen, word])) > MAX_ID_LENGTH:
            if not chosen:
                chosen.append(word[:MAX_ID_LENGTH])
            break
        chosen.append(word)
    return "-".join(chosen) or FALLBACK_ID


def _free_id(wanted: str, taken: set[str], folder: Path) -> str:
    candidate, number = wanted, 1
    while candidate in taken or (folder / f"{candidate}.txt").exists():
        number += 1
        candidate = f"{wanted}-{number}"
    return candidate


def _title_of(extracted: Extracted) -> str | None:
    title = extracted.metadata.title
    return str(title.value) if title else None


def _stem_of(extracted: Extracted) -> str | None:
    """The source's file name without its suffix: the path's last part for a URL."""
    if extracted.kind is SourceKind.URL:
        path = urllib.parse.urlsplit(extracted.fetched_from or extracted.source).path
        return PurePosixPath(path).stem or None
    return Path(extracted.source).stem


def _relative(path: Path, base: Path) -> str:
    """`path` as the data file names it: relative to the data file's folder, with '/'."""
    return Path(os.path.relpath(path.absolute(), base.absolute())).as_posix()
