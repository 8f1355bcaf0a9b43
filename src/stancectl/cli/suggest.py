"""`stancectl suggest ARTICLE`: who is quoted in an article, saying what, as candidates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from stancectl.cli.data import open_source, refuse, resolve_data_path
from stancectl.cli.errors import UsageError
from stancectl.cli.options import SourceOptions
from stancectl.cli.output import warn, write

if TYPE_CHECKING:
    from stancectl.dataset import Dataset
    from stancectl.model import Article
    from stancectl.suggest import Candidate, Registry


class SuggestFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    YAML = "yaml"


class EngineChoice(StrEnum):
    AUTO = "auto"
    SPACY = "spacy"
    REGEX = "regex"


@dataclass(frozen=True)
class _Article:
    id: str | None
    file: str
    text: str
    published: dt.date | None
    precision: str


def suggest(
    source: SourceOptions,
    article: Annotated[
        str,
        typer.Argument(
            show_default=False,
            help="An article id or file name from the data (or its start, e.g. 004), or the "
            "path of a .txt article.",
        ),
    ],
    output_format: Annotated[
        SuggestFormat,
        typer.Option(
            "--format", "-f", help="table; json (stancectl.suggest/1); yaml (entries to paste)."
        ),
    ] = SuggestFormat.TABLE,
    engine: Annotated[
        EngineChoice,
        typer.Option(
            "--engine", help="auto: spaCy when the suggest extra is installed, else regex."
        ),
    ] = EngineChoice.AUTO,
    write_back: Annotated[
        bool,
        typer.Option(
            "--write",
            help="Append the candidates as statements marked `review: pending` to the data file.",
        ),
    ] = False,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            show_default=False,
            help="The article's date (YYYY-MM-DD), for a .txt not in the data: dates 'on Monday'.",
        ),
    ] = None,
) -> None:
    """Propose statements for an article: speaker, cue and words, with their offsets.

    Each candidate gives the speaker as written and as an actor id (or a proposed new actor),
    the words as a verbatim span of the article, a date and a stance guess, and the existing
    statements that already cover it. Exit codes: 0 done, 1 the edit was refused, 2 usage.
    """
    from stancectl.suggest import MissingExtraError, build_registry, extractor, make_registry
    from stancectl.suggest.pipeline import candidates as resolve_candidates

    dataset = _dataset(source, article)
    target = _article(article, dataset, _day(published))
    registry = (
        build_registry(dataset)
        if dataset is not None
        else make_registry(actors=(), governments={}, stances=())
    )
    try:
        chosen, extract = extractor(engine.value)
    except MissingExtraError as error:
        raise UsageError(str(error)) from None
    if engine is EngineChoice.AUTO and chosen.value == "regex":
        warn(
            "the suggest extra is not installed: the regex extractor ran and finds fewer "
            "attributions; for the spaCy extractor: pip install 'stancectl[suggest]'"
        )
    found = resolve_candidates(
        target.text,
        extract(target.text),
        registry=registry,
        published=target.published,
        published_precision=target.precision,
        article_id=target.id,
    )
    from stancectl.suggest.document import statement_entries, suggest_document

    document = suggest_document(found, article_id=target.id, file=target.file)
    if write_back:
        _write(source, dataset, target, found, registry)
    if output_format is SuggestFormat.JSON:
        from stancectl.render.as_json import to_json

        write(to_json(document))
    elif output_format is SuggestFormat.YAML:
        from stancectl.render.suggested import render_yaml

        entries = statement_entries(
            found,
            article_id=target.id or "ARTICLE-ID",
            registry=registry,
            known_ids=dataset.statements if dataset is not None else (),
        )
        notes = [f"{count} candidate(s) left out: {why}" for why, count in entries.left_out.items()]
        if target.id is None:
            notes.append(
                "add the article first (stancectl add-article) and put its id for ARTICLE-ID"
            )
        write(render_yaml(entries.actors, entries.statements, notes))
    else:
        from stancectl.render.suggested import render_table

        write(render_table(document, engine=chosen.value))


def _dataset(source: SourceOptions, article: str) -> Dataset | None:
    """The data set, if there is one: a .txt given by path needs none."""
    try:
        resolve_data_path(source.data)
    except UsageError:
        if source.data is None and Path(article).suffix == ".txt" and Path(article).is_file():
            return None
        raise
    loaded = open_source(source)
    dataset = loaded.dataset()
    if dataset is None:  # the data file itself could not be read: say where, as views do
        refuse(loaded.report)
    return dataset


def _article(given: str, dataset: Dataset | None, published: dt.date | None) -> _Article:
    if dataset is not None:
        known = (
            dataset.articles.get(given) or _by_file(given, dataset) or _by_prefix(given, dataset)
        )
        if known is not None:
            text = dataset.texts.get(known.id)
            if text is None:
                raise UsageError(f"article {given}: its file cannot be read; run `stancectl check`")
            return _Article(
                known.id,
                dataset.display_path(known),
                text,
                published or known.published,
                known.published_precision.value,
            )
    path = Path(given)
    if path.suffix != ".txt" or not path.is_file():
        where = " in the data" if dataset is not None else ""
        raise UsageError(
            f"{given}: not an article id or file name{where}, nor a .txt file; "
            "for a web page, add it first with `stancectl add-article`"
        )
    return _Article(None, given, _read(path), published, "day")


def _by_prefix(given: str, dataset: Dataset) -> Article | None:
    """The article whose id or file name starts with `given` ("004"), as the views take it;
    not when `given` is a text file of its own."""
    from stancectl.query.names import AmbiguousNameError, LookupFailedError, article_named
    from stancectl.records import names_of

    if Path(given).suffix == ".txt" and Path(given).is_file():
        return None
    try:
        return dataset.articles[article_named(names_of(dataset).articles, given)]
    except AmbiguousNameError as error:
        raise UsageError(str(error)) from None
    except LookupFailedError:
        return None  # said below, with what else the argument may be


def _by_file(given: str, dataset: Dataset) -> Article | None:
    path = Path(given)
    for article in dataset.articles.values():
        stored = dataset.article_path(article)
        if given == article.file or path.name == Path(article.file).name:
            return article
        if path.exists() and stored.exists() and path.resolve() == stored.resolve():
            return article
    return None


def _write(
    source: SourceOptions,
    dataset: Dataset | None,
    target: _Article,
    found: list[Candidate],
    registry: Registry,
) -> None:
    """Append the candidates that can be statements, through the one write-back module."""
    if dataset is None or target.id is None:
        raise UsageError(
            "--write adds statements about an article of the data file: add the article "
            "first (stancectl add-article), then suggest for its id"
        )
    from stancectl import writeback
    from stancectl.cli.data import load_options
    from stancectl.suggest.document import statement_entries

    entries = statement_entries(
        found,
        article_id=target.id,
        registry=registry,
        known_ids=dataset.statements,
        new_actors=False,
    )
    left_out = "; ".join(f"{n} {why}" for why, n in entries.left_out.items())
    path = resolve_data_path(source.data)
    if not entries.statements:
        warn(f"nothing written to {path}" + (f" ({left_out})" if left_out else ""))
        return
    writeback.append_statements(path, entries.statements, options=load_options(source))
    count = len(entries.statements)
    warn(
        f"wrote {count} statement{'s' if count != 1 else ''} marked review: pending to {path} "
        f"(the previous file is {path}{writeback.BACKUP_SUFFIX})"
        + (f"; left out: {left_out}" if left_out else "")
    )


def _read(path: Path) -> str:
    from stancectl.files import read_text
    from stancectl.inputs import MAX_ARTICLE_BYTES
    from stancectl.problems import Report
    from stancectl.text import normalise_article_text

    report = Report()
    raw = read_text(path, str(path), MAX_ARTICLE_BYTES, report)
    if raw is None:
        problem = report.errors[0]
        raise UsageError(f"{problem.location()}: {problem.message}")
    return normalise_article_text(raw)


def _day(given: str | None) -> dt.date | None:
    if given is None:
        return None
    try:
        return dt.date.fromisoformat(given)
    except ValueError:
        raise UsageError(f"--published {given!r}: give a date as YYYY-MM-DD") from None
