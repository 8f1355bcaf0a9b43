"""`stancectl add-article SOURCE`: a new article from a text file, a saved web page or a URL,
its text stored beside the others and its entry added to the data file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from stancectl.cli.data import load_options
from stancectl.cli.errors import UsageError
from stancectl.cli.options import SourceOptions
from stancectl.cli.output import stdout_is_terminal, write
from stancectl.cli.settings import DEFAULT_DATA

DEFAULT_TIMEOUT = 20.0


class AddFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def add_article(
    source: SourceOptions,
    article_source: Annotated[
        str,
        typer.Argument(
            metavar="SOURCE",
            show_default=False,
            help="A .txt file, a saved web page (.html, .htm, .mhtml) or an http(s):// URL.",
        ),
    ],
    article_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            show_default=False,
            help="The article's id (by default a short id made from its title).",
        ),
    ] = None,
    folder: Annotated[
        Path | None,
        typer.Option(
            "--dir",
            show_default=False,
            help="Folder for the article's text (by default where the other articles are, "
            "else articles/ beside the data file).",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the change to the data file; write nothing.")
    ] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds a URL may take to arrive.")
    ] = DEFAULT_TIMEOUT,
    output_format: Annotated[
        AddFormat,
        typer.Option("--format", "-f", help="text, or json (schema stancectl.add-article/1)."),
    ] = AddFormat.TEXT,
) -> None:
    """Add an article: store its text (a page's title first) and register it in the data file.

    Prints the text's first lines, the metadata found (and where) and what is not stated.

    A data file that does not exist yet is created; --dry-run shows the change instead.

    Web pages and URLs need the ingest extra: pip install 'stancectl\\[ingest]'.
    """
    from stancectl.ingest.add import add_article as add
    from stancectl.ingest.add import added_document

    data = _data_path(source.data)
    added = add(
        article_source,
        data,
        article_id=article_id,
        folder=folder,
        dry_run=dry_run,
        options=load_options(source),
        timeout=timeout,
    )
    document = added_document(added)
    if output_format is AddFormat.JSON:
        from stancectl.render.as_json import to_json

        write(to_json(document, pretty=stdout_is_terminal()))
    else:
        from stancectl.render.added import render_text

        write(render_text(document))


def _data_path(data: Path | None) -> Path:
    """The data file to add to; unlike the views, one that does not exist yet is fine."""
    path = data if data is not None else Path(DEFAULT_DATA)
    if path.is_dir():
        path = path / DEFAULT_DATA
    if not path.parent.is_dir():
        raise UsageError(f"cannot add to {path}: the folder {path.parent} does not exist")
    return path
