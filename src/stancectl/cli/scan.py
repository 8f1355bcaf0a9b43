"""`stancectl scan CORPUS`: suggest and the second-source search over a news archive, on a
local Dask cluster or a running one, every candidate written to Parquet or JSON lines."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from stancectl.cli.data import open_source, refuse
from stancectl.cli.errors import UsageError
from stancectl.cli.options import SourceOptions
from stancectl.cli.output import warn, write
from stancectl.cli.suggest import EngineChoice

if TYPE_CHECKING:
    from stancectl.scan.engine import ProgressCallback, ScanProgress


class SummaryFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def scan(
    source: SourceOptions,
    corpus: Annotated[
        Path,
        typer.Argument(
            show_default=False,
            help="A folder of .txt articles (searched recursively) or a JSON-lines file of "
            '{"id", "text", "published", "url", "title"} records.',
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", show_default=False, help="The candidates: a .parquet or .jsonl file."
        ),
    ],
    errors: Annotated[
        Path | None,
        typer.Option(
            "--errors",
            show_default=False,
            help="Where the failed articles go (default: NAME.errors.jsonl beside the output).",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            show_default=False,
            help="Local worker processes (default: one per core).",
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            show_default=False,
            help="Run on a running Dask cluster: its scheduler's address, tcp://HOST:PORT.",
        ),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue an interrupted scan where it stopped.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace existing output and errors files.")
    ] = False,
    engine: Annotated[
        EngineChoice,
        typer.Option("--engine", help="spacy (the suggest extra), regex, or auto: spacy if there."),
    ] = EngineChoice.AUTO,
    batch: Annotated[
        int, typer.Option("--batch", min=1, help="Articles per task sent to a worker.")
    ] = 32,
    output_format: Annotated[
        SummaryFormat,
        typer.Option("--format", "-f", help="The summary: table, or json for programs."),
    ] = SummaryFormat.TABLE,
) -> None:
    """Scan a news archive: suggest candidates in every article, and find curated quotes
    carried by articles not cited for them (second sources).

    Runs on a local Dask cluster (127.0.0.1), or with --scheduler on a running one. Articles that
    cannot be read or analysed go to the errors file and the scan goes on (exit 0). Ctrl-C
    stops it (exit 130); --resume continues it, with the output an uninterrupted scan writes.
    """
    from stancectl.scan import EXTRA, missing_modules

    missing = [
        name
        for name in missing_modules()
        if name != "spacy" or engine is EngineChoice.SPACY  # auto falls back to regex
    ]
    if missing:
        raise UsageError(
            f"scan needs {', '.join(missing)}, which are not installed; install them with: {EXTRA}"
        )
    if scheduler is not None and workers is not None:
        raise UsageError("--workers starts a local cluster: give it or --scheduler")
    from stancectl.scan import ScanSettings, suggest_analysis
    from stancectl.scan import scan as run_scan
    from stancectl.suggest import MissingExtraError as SuggestExtraMissing

    loaded = open_source(source)
    dataset = loaded.dataset()
    if loaded.report.errors or dataset is None:
        refuse(loaded.report)
    try:
        analysis = suggest_analysis(dataset, engine.value)
    except SuggestExtraMissing as error:
        raise UsageError(str(error)) from error
    if engine is EngineChoice.AUTO and analysis.engine.value != EngineChoice.SPACY:
        warn(f"spaCy is not installed: suggesting with the regex extractor; for spaCy: {EXTRA}")
    settings = ScanSettings(
        output=output,
        errors=errors,
        scheduler=scheduler,
        workers=workers,
        resume=resume,
        force=force,
        batch_articles=batch,
    )
    with _Progress(corpus) as on_progress:
        summary = run_scan(corpus, analysis, settings, on_progress=on_progress)
    document = summary.as_document()
    document["engine"] = analysis.engine.value
    if output_format is SummaryFormat.JSON:
        from stancectl.render.as_json import to_json

        write(to_json(document, pretty=sys.stdout.isatty()))
    else:
        from stancectl.render.scan_summary import summary_text

        write(summary_text(document))


class _Progress:
    """A progress bar with the rate and the time left, on a terminal only (standard error)."""

    def __init__(self, corpus: Path) -> None:
        self.corpus = corpus
        self.bar: object = None

    def __enter__(self) -> ProgressCallback | None:
        if not sys.stderr.isatty():
            return None
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        from stancectl.scan.corpus import count_entries

        try:
            total: int | None = count_entries(self.corpus)
        except OSError:
            total = None
        progress = Progress(
            TextColumn("scanning"),
            BarColumn(bar_width=30),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} articles/s"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        task = progress.add_task("scan", total=total, rate="-")
        progress.start()
        self.bar = progress

        def advance(done: ScanProgress) -> None:
            progress.update(task, completed=done.entries)
            speed = progress.tasks[task].speed
            progress.update(task, rate=f"{speed:,.0f}" if speed else "-")

        return advance

    def __exit__(self, *exc: object) -> None:
        stop = getattr(self.bar, "stop", None)
        if callable(stop):
            stop()
