"""The command line: options in, a core call, a renderer out, an exit code.

Heavy modules (pydantic, PyYAML, rich) are imported inside the commands that need them, so
`stancectl --help` stays fast.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from stancectl.problems import ExitCode, StancectlError
from stancectl.views import GroupBy, Lane, SortKey

if TYPE_CHECKING:
    from stancectl.cache import Loaded
    from stancectl.inputs import LoadOptions
    from stancectl.load import Dataset
    from stancectl.query import Filters, Names, StatementTable

DATA_ENV = "STANCECTL_DATA"
DEFAULT_DATA = "stances.yaml"

app = typer.Typer(
    name="stancectl",
    help=(
        "Track who said what about an issue, where and when, and according to whom.\n\n"
        "Reads a curated stances.yaml (found in the current directory, or given with --data "
        f"or ${DATA_ENV}) and the articles it cites; every quote is checked against its article."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class _State:
    debug = False


@app.callback()
def _global_options(
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", envvar="STANCECTL_DEBUG", help="Show tracebacks of internal errors."
        ),
    ] = False,
) -> None:
    _State.debug = debug


class UsageError(StancectlError):
    exit_code = ExitCode.USAGE


# --- options shared by every command -----------------------------------------------------------

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        envvar=DATA_ENV,
        show_default=False,
        help=f"The stances.yaml to read [default: ./{DEFAULT_DATA}]",
    ),
]
AllowOutsideOption = Annotated[
    bool,
    typer.Option(
        "--allow-outside-files",
        help="Accept article files outside the data file's folder (only for data you trust).",
    ),
]


def resolve_data_path(data: Path | None) -> Path:
    path = data if data is not None else Path(DEFAULT_DATA)
    if path.is_dir():
        path = path / DEFAULT_DATA
    if not path.exists():
        if data is None:
            raise UsageError(
                f"no {DEFAULT_DATA} in the current directory; run stancectl where your data is, "
                f"or pass --data PATH (or set {DATA_ENV})"
            )
        origin = f"${DATA_ENV}" if os.environ.get(DATA_ENV) else "--data"
        raise UsageError(f"data file not found: {path}; check the path given to {origin}")
    return path


NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        envvar="STANCECTL_NO_CACHE",
        help="Read the files, not the cache of checked data (safe to delete).",
    ),
]


def load_options(*, allow_outside_files: bool) -> LoadOptions:
    from stancectl.inputs import LoadOptions

    return LoadOptions(allow_outside_files=allow_outside_files)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def colour_wanted() -> bool:
    return (
        stdout_is_terminal() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    )


def write(text: str | bytes) -> None:
    if isinstance(text, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(text)
    else:
        sys.stdout.write(text)


def warn(text: str) -> None:
    from stancectl.render.safe import inert

    sys.stderr.write(f"stancectl: {inert(text, keep_newlines=True)}\n")


# --- check ---------------------------------------------------------------------------------


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


@app.command()
def check(
    path: Annotated[
        Path | None,
        typer.Argument(show_default=False, help="The stances.yaml to check (overrides --data)."),
    ] = None,
    data: DataOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    output_format: Annotated[
        CheckFormat,
        typer.Option(
            "--format", "-f", help="text: file:line:col lines; json; github: CI annotations."
        ),
    ] = CheckFormat.TEXT,
    allow_outside_files: AllowOutsideOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Validate the data and every quote: problems as file:line:col, exit 1 if any error.

    Exit codes: 0 clean, 1 errors (or warnings with --strict), 2 usage error.
    """
    from stancectl.cache import open_cached
    from stancectl.check import CheckResult
    from stancectl.render import problems as render

    source = resolve_data_path(path if path is not None else data)
    options = load_options(allow_outside_files=allow_outside_files)
    loaded = open_cached(source, options, use_cache=not no_cache)
    result = CheckResult(str(source), loaded.report, loaded.counts)
    if output_format is CheckFormat.JSON:
        write(render.render_json(result, strict=strict))
    elif output_format is CheckFormat.GITHUB:
        write(render.render_github(result, strict=strict))
    else:
        write(render.render_text(result, strict=strict, colour=colour_wanted()))
    raise typer.Exit(ExitCode.DATA_PROBLEMS if result.report.failed(strict=strict) else ExitCode.OK)


def open_for_view(data: Path | None, *, allow_outside_files: bool, no_cache: bool) -> Loaded:
    """Load the data for a view; refuse to show anything from data with errors."""
    from stancectl.cache import open_cached
    from stancectl.problems import DataError
    from stancectl.render.problems import problem_line

    source = resolve_data_path(data)
    options = load_options(allow_outside_files=allow_outside_files)
    loaded = open_cached(source, options, use_cache=not no_cache)
    report = loaded.report
    if report.errors or not loaded.counts:  # no counts: nothing could be loaded
        shown = report.errors[:5]
        more = len(report.errors) - len(shown)
        lines = [problem_line(p) for p in shown]
        if more:
            lines.append(f"... and {more} more")
        lines.append(f"{len(report.errors)} error(s) in the data; run `stancectl check` for all")
        sys.stderr.write("\n".join(lines) + "\n")
        raise DataError(report)
    return loaded


def load_for_view(data: Path | None, *, allow_outside_files: bool, no_cache: bool) -> Dataset:
    """The whole dataset, for the views that need more than the statement records."""
    loaded = open_for_view(data, allow_outside_files=allow_outside_files, no_cache=no_cache)
    dataset = loaded.dataset()
    assert dataset is not None  # open_for_view refused data that did not load
    return dataset


def table_for_view(
    data: Path | None, *, allow_outside_files: bool, no_cache: bool
) -> StatementTable:
    """The statement records: all who-said and timeline read, without loading the model."""
    loaded = open_for_view(data, allow_outside_files=allow_outside_files, no_cache=no_cache)
    table = loaded.table()
    assert table is not None  # open_for_view refused data with errors
    return table


# --- views ---------------------------------------------------------------------------------


class ViewFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


def _completer(kind: str) -> Callable[[typer.Context, str], list[str]]:
    """Shell completion of ids from the data file the command line points at."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        from stancectl.inputs import LoadOptions
        from stancectl.load import load

        try:
            source = resolve_data_path(ctx.params.get("data"))
            dataset, _ = load(source, LoadOptions(check_quotes=False))
        except Exception:  # completion must never break the shell
            return []
        ids: list[str] = list(getattr(dataset, kind, {})) if dataset else []
        return [i for i in ids if i.startswith(incomplete)]

    return complete


FormatOption = Annotated[
    ViewFormat,
    typer.Option("--format", "-f", help="table (colour on a terminal), json, csv or markdown."),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        show_default=False,
        help="Write to this file (atomically) instead of standard output.",
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace an existing --output file.")]
ActorOption = Annotated[
    list[str] | None,
    typer.Option(
        "--actor",
        "-a",
        show_default=False,
        autocompletion=_completer("actors"),
        help="Actor id, name or alias, accents and case ignored (repeatable).",
    ),
]
GovernmentOption = Annotated[
    list[str] | None,
    typer.Option(
        "--government",
        "-g",
        show_default=False,
        autocompletion=_completer("governments"),
        help="Government id or name; matches the actor's government at the time too (repeatable).",
    ),
]
TopicOption = Annotated[
    list[str] | None,
    typer.Option(
        "--topic",
        "-t",
        show_default=False,
        autocompletion=_completer("topics"),
        help="Topic id or part of its question (repeatable).",
    ),
]
ArticleOption = Annotated[
    list[str] | None,
    typer.Option(
        "--article",
        show_default=False,
        autocompletion=_completer("articles"),
        help="Only statements this article reports: id, file name or prefix (repeatable).",
    ),
]
StanceOption = Annotated[
    list[str] | None,
    typer.Option(
        "--stance",
        "-s",
        show_default=False,
        autocompletion=_completer("stances"),
        help="Stance id or an unambiguous part of its label (repeatable).",
    ),
]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        show_default=False,
        help="Said on or after this date (YYYY-MM-DD).",
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        "--until",
        show_default=False,
        help="Said on or before this date (YYYY-MM-DD).",
    ),
]
SearchOption = Annotated[
    str | None,
    typer.Option(
        "--search", show_default=False, help="Text in names, aliases, quotes, places or summaries."
    ),
]


def _filters(
    known: Dataset | StatementTable | Names,
    *,
    stances: list[str] | None = None,
    actors: list[str] | None = None,
    governments: list[str] | None = None,
    topics: list[str] | None = None,
    articles: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    search: str | None = None,
) -> Filters:
    from stancectl.query import Filters

    first, last = _date_option("--since", since), _date_option("--until", until)
    if first and last and last < first:
        raise UsageError(f"--until {last} is before --since {first}")
    return Filters.parse(
        known,
        stances=stances or (),
        actors=actors or (),
        governments=governments or (),
        topics=topics or (),
        articles=articles or (),
        since=first,
        until=last,
        search=search,
    )


def _date_option(option: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"{option} {value!r} is not a date: write it as YYYY-MM-DD, e.g. 2024-02-26"
        ) from None


def terminal_width() -> int | None:
    if stdout_is_terminal():
        return shutil.get_terminal_size().columns
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() else None


TableRenderer = Callable[[bool, int | None], str]
"""Renders the table format, given whether to use colour and the width."""


def emit_view(
    output_format: ViewFormat,
    document: dict[str, Any],
    *,
    table: TableRenderer,
    csv: Callable[[], str],
    markdown: Callable[[], str],
    output: Path | None = None,
    force: bool = False,
    empty: bool = False,
) -> None:
    """Render a view's document in the chosen format; write it to standard output or,
    atomically, to a file. Colour and indented JSON only where a person is reading."""
    from stancectl.render import machine

    to_terminal = output is None or str(output) == "-"
    for_person = to_terminal and colour_wanted()
    if empty and output_format in (ViewFormat.TABLE, ViewFormat.MARKDOWN):
        rendered: str | bytes = "No statements match these filters.\n"
    elif output_format is ViewFormat.JSON:
        rendered = machine.to_json(document, pretty=for_person)
    elif output_format is ViewFormat.CSV:
        rendered = csv()
    elif output_format is ViewFormat.MARKDOWN:
        rendered = markdown()
    else:
        rendered = table(for_person, terminal_width() if to_terminal else None)
    if to_terminal:
        write(rendered)
        return
    from stancectl.output import write_atomically

    assert output is not None
    write_atomically(output, rendered, force=force)
    sys.stderr.write(f"wrote {output}\n")


def _terminal() -> Any:
    from stancectl.render import terminal  # rich: only for the table format

    return terminal


def _painter(colour: bool) -> Any:
    """The module that draws who-said and timeline: rich on a terminal, plain cards elsewhere
    (which never imports rich)."""
    if colour:
        return _terminal()
    from stancectl.render import cards

    return cards


@app.command("who-said")
def who_said(
    stance: Annotated[
        str | None,
        typer.Argument(
            show_default=False,
            autocompletion=_completer("stances"),
            help="Stance id or part of its label: 'rules-out', 'not rule out'.",
        ),
    ] = None,
    actor: ActorOption = None,
    government: GovernmentOption = None,
    topic: TopicOption = None,
    article: ArticleOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    search: SearchOption = None,
    group_by: Annotated[
        GroupBy | None,
        typer.Option(
            "--group-by", show_default=False, help="One block per group (table, markdown)."
        ),
    ] = None,
    sort: Annotated[
        SortKey, typer.Option("--sort", help="Order of the statements.")
    ] = SortKey.DATE,
    data: DataOption = None,
    output_format: FormatOption = ViewFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
    allow_outside_files: AllowOutsideOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Who took which position: government, actor and role, stance, date, place, quote, articles.

    Filters combine (all must hold); a filter given twice matches either value.

    Examples:

      stancectl who-said "rules out"

      stancectl who-said --government poland --since 2024-03-01 --format json
    """
    from stancectl import query
    from stancectl.render import machine

    statements = table_for_view(data, allow_outside_files=allow_outside_files, no_cache=no_cache)
    filters = _filters(
        statements,
        stances=[stance] if stance else None,
        actors=actor,
        governments=government,
        topics=topic,
        articles=article,
        since=since,
        until=until,
        search=search,
    )
    document = query.who_said_document(statements, filters, sort, group_by)
    records = document["statements"]

    def markdown() -> str:
        if group_by is None:
            return machine.statements_markdown(records)
        return "\n".join(
            f"### {machine.md_cell(label)}\n\n{machine.statements_markdown(block)}"
            for label, block in query.groups(records, group_by)
        )

    emit_view(
        output_format,
        document,
        table=lambda colour, width: _painter(colour).who_said(
            records, group_by, colour=colour, width=width
        ),
        csv=lambda: machine.statements_csv(records),
        markdown=markdown,
        output=output,
        force=force,
        empty=not records,
    )


@app.command()
def timeline(
    stance: StanceOption = None,
    actor: ActorOption = None,
    government: GovernmentOption = None,
    topic: TopicOption = None,
    article: ArticleOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    search: SearchOption = None,
    by: Annotated[
        Lane, typer.Option("--by", help="Whose changes of position to flag.")
    ] = Lane.GOVERNMENT,
    lanes: Annotated[
        bool | None,
        typer.Option(
            "--lanes/--no-lanes",
            show_default=False,
            help="Add a lane view (a row per government, a mark per statement); "
            "default: on a terminal wide enough for it.",
        ),
    ] = None,
    data: DataOption = None,
    output_format: FormatOption = ViewFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
    allow_outside_files: AllowOutsideOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Statements in date order, each change of a government's position flagged with its direction.

    A change is flagged between consecutive statements of one government (or actor, with
    --by actor) on the same topic. Vague dates show their precision: '~' approximate,
    'week of', or the month.
    """
    from stancectl import query
    from stancectl.render import machine

    statements = table_for_view(data, allow_outside_files=allow_outside_files, no_cache=no_cache)
    filters = _filters(
        statements,
        stances=stance,
        actors=actor,
        governments=government,
        topics=topic,
        articles=article,
        since=since,
        until=until,
        search=search,
    )
    document = query.timeline_document(statements, filters, by)
    records = document["statements"]

    def table(colour: bool, width: int | None) -> str:
        show_lanes = (
            lanes
            if lanes is not None
            else colour and (width or 0) >= _terminal().lane_width(records, by.value)
        )
        return str(
            _painter(colour).timeline(
                records, lanes=bool(show_lanes), by=by.value, colour=colour, width=width
            )
        )

    emit_view(
        output_format,
        document,
        table=table,
        csv=lambda: machine.timeline_csv(records),
        markdown=lambda: machine.timeline_markdown(records),
        output=output,
        force=force,
        empty=not records,
    )


@app.command()
def diff(
    first: Annotated[
        str,
        typer.Argument(
            metavar="A",
            autocompletion=_completer("articles"),
            help="Article id, file name or prefix ('002').",
        ),
    ],
    second: Annotated[
        str,
        typer.Argument(
            metavar="B", autocompletion=_completer("articles"), help="The article to compare with."
        ),
    ],
    topic: TopicOption = None,
    data: DataOption = None,
    output_format: FormatOption = ViewFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
    allow_outside_files: AllowOutsideOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Compare two articles: statements both report (each one's wording side by side), those
    only one reports, and conflicts in date, place, stance or wording.

    Also lists curated actors an article names without a statement recorded from it.
    """
    from stancectl import query
    from stancectl.render import machine

    dataset = load_for_view(data, allow_outside_files=allow_outside_files, no_cache=no_cache)
    names = query.names_of(dataset)  # once: at 50,000 statements it takes 50 ms to build
    a, b = query.resolve_article(names, first), query.resolve_article(names, second)
    if a == b:
        raise UsageError(f"both arguments name the article '{a}'; give two different articles")
    document = query.diff(dataset, a, b, _filters(names, topics=topic), names)

    emit_view(
        output_format,
        document,
        table=lambda colour, width: _terminal().diff(document, colour=colour, width=width),
        csv=lambda: machine.diff_csv(document),
        markdown=lambda: machine.diff_markdown(document),
        output=output,
        force=force,
    )


@app.command()
def articles(
    data: DataOption = None,
    output_format: FormatOption = ViewFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
    allow_outside_files: AllowOutsideOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """The articles: id, publication date, outlet, title, and how many statements each reports."""
    from stancectl import query
    from stancectl.render import machine

    dataset = load_for_view(data, allow_outside_files=allow_outside_files, no_cache=no_cache)
    document = query.articles_document(dataset)
    records = document["articles"]

    emit_view(
        output_format,
        document,
        table=lambda colour, width: _terminal().articles(records, colour=colour, width=width),
        csv=lambda: machine.articles_csv(records),
        markdown=lambda: machine.articles_markdown(records),
        output=output,
        force=force,
    )


@app.command()
def actors(
    data: DataOption = None,
    output_format: FormatOption = ViewFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
    allow_outside_files: AllowOutsideOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """The actors: names and aliases, roles over time, governments, number of statements."""
    from stancectl import query
    from stancectl.render import machine

    dataset = load_for_view(data, allow_outside_files=allow_outside_files, no_cache=no_cache)
    document = query.actors_document(dataset)
    records = document["actors"]

    emit_view(
        output_format,
        document,
        table=lambda colour, width: _terminal().actors(records, colour=colour, width=width),
        csv=lambda: machine.actors_csv(records),
        markdown=lambda: machine.actors_markdown(records),
        output=output,
        force=force,
    )


@app.command()
def show(
    statement: Annotated[
        str,
        typer.Argument(
            autocompletion=_completer("statements"), help="Statement id, or an unambiguous prefix."
        ),
    ],
    data: DataOption = None,
    output_format: FormatOption = ViewFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
    allow_outside_files: AllowOutsideOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """One statement, with each quote shown in its article's paragraph, highlighted."""
    from stancectl import query
    from stancectl.render import machine

    dataset = load_for_view(data, allow_outside_files=allow_outside_files, no_cache=no_cache)
    document = query.show(dataset, query.resolve_statement(dataset, statement))

    emit_view(
        output_format,
        document,
        table=lambda colour, width: _terminal().show(document, colour=colour, width=width),
        csv=lambda: machine.show_csv(document),
        markdown=lambda: machine.show_markdown(document),
        output=output,
        force=force,
    )


# --- entry point ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    """Run the CLI: the one place where errors become messages and exit codes."""
    sys.exit(run(argv))


def run(argv: list[str] | None = None) -> int:
    # A command is a short burst that builds many objects and almost no cycles; the cyclic
    # collector would walk the growing heap over and over (a third of a 50,000-statement load).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(argv)
    finally:
        if collecting:
            gc.enable()


def _run(argv: list[str] | None) -> int:
    from stancectl.problems import DataError

    command = typer.main.get_command(app)
    try:
        result = command.main(
            args=sys.argv[1:] if argv is None else argv,
            prog_name="stancectl",
            standalone_mode=False,
        )
        sys.stdout.flush()  # a reader that left early shows up here, inside the handlers below
        return int(result) if isinstance(result, int) else ExitCode.OK
    except typer.TyperException as error:  # usage errors from the parser
        show_error = getattr(error, "show", None)
        if callable(show_error):
            show_error()
        else:
            warn(f"error: {error}")
        return int(getattr(error, "exit_code", ExitCode.USAGE))
    except DataError as error:
        return int(error.exit_code)  # its problems were printed where it was raised
    except StancectlError as error:
        warn(f"error: {error}")
        return int(error.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        sys.stderr.write("\ninterrupted\n")
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        return _quiet_broken_pipe()
    except Exception as error:
        if _State.debug:
            raise
        warn(
            f"internal error: {type(error).__name__}: {error}\n"
            "This is a bug in stancectl. Run again with --debug for the traceback, and report it."
        )
        return 70  # EX_SOFTWARE


def _quiet_broken_pipe() -> int:
    # The reader went away (`stancectl who-said | head -1`): nothing left to say to anyone.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 141  # as a process killed by SIGPIPE reports to the shell
