"""Report pages for the tests: the bundled data's, and one with hostile text in every field."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import stancectl
from conftest import BUNDLED, REPO
from stancectl.cli import run
from stancectl.query import Filters, timeline_document
from stancectl.query.report import ArticleLink, ReportContext, report_context

Record = dict[str, Any]

HOSTILE = (
    '</script><script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'
    "<!-- & \"quoted\" 'single' {{ 7 * 7 }} [bold]markup[/bold] \u202eevil\u202c \x1b[31m"
)
"""Markup, a script end, a template expression, rich markup, a bidi override and an escape."""


def bundled_document(filters: Filters | None = None) -> tuple[Record, ReportContext, Path]:
    records = stancectl.load(BUNDLED)
    context = report_context(records, BUNDLED.parent / "report.html")
    return timeline_document(records, filters), context, BUNDLED


def write_bundled_report(folder: Path) -> Path:
    """The bundled data's report, written by the command into `folder`."""
    out = folder / "report.html"
    assert run(["report", "--data", str(BUNDLED), "--output", str(out)]) == 0
    return out


def hostile_document() -> tuple[Record, ReportContext]:
    """The bundled timeline with hostile text in every text field of two statements (one
    of them a change of position), and in an article's title, file and URL."""
    document, context, _ = bundled_document()
    document = copy.deepcopy(document)
    records: list[Record] = document["statements"]
    changed = next(r for r in records if r["change"])
    plain = records[0]
    for record in (plain, changed):
        record["id"] = record["id"] + HOSTILE
        record["summary"] = record["where"] = record["occasion"] = record["note"] = HOSTILE
        record["actor"] = {"id": "x" + HOSTILE, "name": HOSTILE, "role": HOSTILE}
        record["government"] = {"id": "g" + HOSTILE, "name": HOSTILE}
        record["stance"] = {**record["stance"], "id": "s" + HOSTILE, "label": HOSTILE}
        for evidence in record["evidence"]:
            evidence.update(quote=HOSTILE, via=HOSTILE, article="a" + HOSTILE)
    changed["change"] = {
        **changed["change"],
        "from": {**changed["change"]["from"], "label": HOSTILE},
        "to": {**changed["change"]["to"], "label": HOSTILE},
        "direction": HOSTILE,
    }
    articles = {
        **context.articles,
        "a" + HOSTILE: ArticleLink(
            title=HOSTILE, file="../" + HOSTILE + ".txt", url="javascript:window.pwned=3"
        ),
    }
    questions = dict.fromkeys(context.questions, HOSTILE)
    hostile_context = ReportContext(
        questions=questions,
        articles=articles,
        words=context.words,
        source=HOSTILE,
        selection=HOSTILE,
    )
    return document, hostile_context


def generated_document(folder: Path, statements: int) -> tuple[Record, ReportContext]:
    """A timeline document of a corpus made by the benchmark generator."""
    corpus = folder / f"corpus-{statements}"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "generate.py"),
            "--out",
            str(corpus),
            "--statements",
            str(statements),
            "--articles",
            str(max(20, statements // 5)),
        ],
        check=True,
        capture_output=True,
    )
    records = stancectl.load(corpus / "stances.yaml")
    return timeline_document(records), report_context(records, folder / "report.html")
