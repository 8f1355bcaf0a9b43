"""Report pages for the tests: the bundled data's, and one with hostile text in every field."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import BUNDLED, REPO
from stancectl.load import load
from stancectl.query import Filters, timeline_document
from stancectl.render.html import report_html
from stancectl.reporting import ArticleLink, ReportContext, report_context

Record = dict[str, Any]

HOSTILE = (
    '</script><script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'
    "<!-- & \"quoted\" 'single' {{ 7 * 7 }} [bold]markup[/bold] \u202eevil\u202c \x1b[31m"
)
"""Markup, a script end, a template expression, rich markup, a bidi override and an escape."""


def bundled_document(filters: Filters | None = None) -> tuple[Record, ReportContext, Path]:
    dataset, report = load(BUNDLED)
    assert dataset is not None and not report.errors
    return (
        timeline_document(dataset, filters),
        report_context(dataset, BUNDLED, BUNDLED.parent / "report.html"),
        BUNDLED,
    )


def write_bundled_report(folder: Path) -> Path:
    """The bundled data's report, written into `folder` with links relative to it."""
    dataset, report = load(BUNDLED)
    assert dataset is not None and not report.errors
    out = folder / "report.html"
    out.write_text(
        report_html(timeline_document(dataset), report_context(dataset, BUNDLED, out)),
        encoding="utf-8",
    )
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
        questions=questions, articles=articles, words=context.words, source=HOSTILE
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
    data = corpus / "stances.yaml"
    dataset, report = load(data)
    assert dataset is not None and not report.errors, json.dumps(
        [p.message for p in report.errors][:3]
    )
    return timeline_document(dataset), report_context(dataset, data, folder / "report.html")
