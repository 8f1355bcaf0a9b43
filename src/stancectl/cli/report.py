"""`stancectl report -o report.html`: one self-contained HTML page, chart and table."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from stancectl.cli.filters import FilterOptions, StanceOption
from stancectl.cli.options import ForceOption, SourceOptions
from stancectl.views import Lane

ReportOutputOption = Annotated[
    Path,
    typer.Option(
        "--output",
        "-o",
        help="The HTML file to write (atomically); '-' writes to standard output.",
    ),
]


def report(
    source: SourceOptions,
    filters: FilterOptions,
    output: ReportOutputOption,
    force: ForceOption = False,
    stance: StanceOption = None,
    by: Annotated[
        Lane, typer.Option("--by", help="A chart lane per government, or per actor.")
    ] = Lane.GOVERNMENT,
) -> None:
    """Write a report: a timeline chart per topic and the statements with their quotes.

    One HTML file that works opened from disk, offline, and makes no network request: send it
    as it is. Filters in the page (government, stance, dates, search) are kept in its address,
    so a filtered view can be shared; the options here choose what the page holds at all.
    Articles are linked by their files' paths relative to the report, and by URL when known.
    """
    from stancectl.render.html import require_jinja

    require_jinja()  # before any work: without the extra, say which pip line installs it
    from stancectl.cli.data import records_for_view
    from stancectl.output import write_atomically
    from stancectl.query import timeline_document
    from stancectl.query.report import report_context
    from stancectl.render.html import report_html

    records = records_for_view(source)
    document = timeline_document(records, filters.resolve(records, stances=stance), by)
    to_stdout = str(output) == "-"
    target = Path.cwd() / "report.html" if to_stdout else output
    page = report_html(document, report_context(records, target, _selection(filters, stance)))
    if to_stdout:
        sys.stdout.write(page)
        return
    write_atomically(output, page, force=force)
    count = document["count"]
    sys.stderr.write(f"wrote {output} ({count} statement{'s' if count != 1 else ''})\n")


def _selection(filters: FilterOptions, stance: list[str] | None) -> str:
    """The command line's filters, as the page states them."""
    parts = [
        f"--{name} {value}"
        for name, values in (
            ("actor", filters.actor),
            ("government", filters.government),
            ("topic", filters.topic),
            ("article", filters.article),
            ("stance", stance),
        )
        for value in values or ()
    ]
    parts += [
        f"--{name} {value}"
        for name, value in (
            ("since", filters.since),
            ("until", filters.until),
            ("search", filters.search),
        )
        if value
    ]
    return "selected with " + " ".join(parts) if parts else ""
