"""`stancectl check`: every problem as file:line:col, exit 1 on errors."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from stancectl.cli.data import data_given, load_options, open_source, resolve_data_path
from stancectl.cli.errors import UsageError
from stancectl.cli.options import SourceOptions
from stancectl.cli.output import colour_wanted, write
from stancectl.cli.settings import DEFAULT_DATA
from stancectl.problems import ExitCode


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


def check(
    source: SourceOptions,
    path: Annotated[
        Path | None,
        typer.Argument(
            show_default=False,
            metavar="PATH",
            help="The stances.yaml to check (or give --data; not both, unless the same file).",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    output_format: Annotated[
        CheckFormat,
        typer.Option(
            "--format", "-f", help="text: file:line:col lines; json; github: CI annotations."
        ),
    ] = CheckFormat.TEXT,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Replace each quote that differs from its article only by a typo with the "
            "article's words: shows the diff, writes after you confirm.",
        ),
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="With --fix: write without asking.")
    ] = False,
) -> None:
    """Validate the data and every quote: problems as file:line:col, exit 1 if any error.

    Exit codes: 0 clean, 1 errors (or warnings with --strict), 2 usage error.
    """
    from stancectl.checking import check as check_data
    from stancectl.render import problems as render

    if path is not None and source.data is not None and data_given(source):
        _refuse_two_files(path, source.data)
    data = resolve_data_path(path if path is not None else source.data)
    if yes and not fix:
        raise UsageError("--yes goes with --fix")
    if fix:
        if output_format is not CheckFormat.TEXT:
            raise UsageError("--fix shows a diff and asks: use it with the text format")
        _fix(data, source, strict=strict, confirmed=yes)
    result = check_data(data, load_options(source), use_cache=not source.no_cache)
    if output_format is CheckFormat.JSON:
        write(render.render_json(result, strict=strict))
    elif output_format is CheckFormat.GITHUB:
        write(render.render_github(result, strict=strict))
    else:
        write(render.render_text(result, strict=strict, colour=colour_wanted()))
    raise typer.Exit(ExitCode.DATA_PROBLEMS if result.report.failed(strict=strict) else ExitCode.OK)


def _refuse_two_files(path: Path, data: Path) -> None:
    """PATH and --data naming different files: say so rather than pick one silently."""

    def named(given: Path) -> Path:
        return (given / DEFAULT_DATA if given.is_dir() else given).resolve()

    if named(path) != named(data):
        raise UsageError(
            f"two data files given: '{path}' (argument) and '{data}' (--data); give only one"
        )


def _fix(data: Path, source: SourceOptions, *, strict: bool, confirmed: bool) -> None:
    """Show what --fix would change, write it once confirmed; the check that follows (in the
    caller) then reports what is left."""
    from stancectl.fixing import fix_quotes, plan_fixes
    from stancectl.render.safe import inert
    from stancectl.writeback import write as write_edit

    dataset = open_source(source, data).dataset()
    if dataset is None:
        return  # the file is not usable YAML: the check says why
    fixes = plan_fixes(dataset)
    for left in (f for f in fixes if f.replacement is None):
        write(
            f"not fixed: {inert(left.statement_id)} evidence[{left.evidence_index}] "
            f"('{inert(left.article)}'): {left.reason}\n"
        )
    fixable = [f for f in fixes if f.replacement is not None]
    if not fixable:
        write("no quote to fix: nothing written\n")
        return
    options = load_options(source)
    edit = fix_quotes(data, fixable, dry_run=True, options=options)
    write(inert(edit.diff(), keep_newlines=True))
    question = f"Write {len(fixable)} repaired quote(s) to {data}?"
    if not confirmed and not _confirm(question):
        write("nothing written\n")
        return
    write_edit(edit, options)
    write(f"wrote {data} (the previous version is kept as {data}.bak)\n")


def _confirm(question: str) -> bool:
    """Ask on the terminal (or whatever stdin is); no answer is no."""
    try:
        return typer.confirm(question, default=False, err=True)
    except typer.Abort:  # end of input
        return False
