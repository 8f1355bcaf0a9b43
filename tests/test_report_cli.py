"""`stancectl report` and `stancectl timeline --format svg` from the command line: what they
write, the filters, and the errors a user can meet."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import stancectl
from conftest import BUNDLED, REPO
from stancectl import cli
from stancectl.problems import ExitCode
from stancectl.query import Filters, timeline_document
from stancectl.render.chart import timeline_svg

SVG = "{http://www.w3.org/2000/svg}"


def row_ids(page: str) -> list[str]:
    return re.findall(r'<tr id="st-([^"]+)">', page)


def report(args: list[str], out: Path) -> int:
    return cli.run(["report", "--data", str(BUNDLED), "--output", str(out), *args])


def test_the_bundled_report_marks_polands_change_of_position(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.html"
    assert report([], out) == ExitCode.OK
    assert capsys.readouterr().err == f"wrote {out} (46 statements)\n"
    page = out.read_text(encoding="utf-8")
    assert len(row_ids(page)) == 46
    # the table says it in words, the chart with a ring and a labelled arrow in Poland's lane
    row = page.split('<tr id="st-sikorski-not-unthinkable">', 1)[1].split("</tr>", 1)[0]
    assert (
        "change of position: rules out troops \u2192 does not rule out "
        "(toward support, since ~2024-02-27)" in row
    )
    assert "The presence of NATO forces in Ukraine is not unthinkable" in row
    lane = page.split('data-lane="government:poland"', 1)[1].split('<svg class="lane"', 1)[0]
    assert '<g class="change" data-id="sikorski-not-unthinkable">' in lane
    assert ">rules out troops \u2192 does not rule out</text>" in lane


@pytest.mark.parametrize(
    "args",
    [
        ["--government", "poland"],
        ["--topic", "troops", "--since", "2024-03-01"],
        ["--stance", "does not rule out", "--search", "radoslaw"],
        ["--actor", "macron", "--until", "2024-02-26"],
    ],
)
def test_the_command_lines_filters_choose_what_the_page_holds(
    args: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    assert report(args, out) == ExitCode.OK
    records = stancectl.load(BUNDLED)
    options = dict(zip(args[::2], args[1::2], strict=True))
    filters = Filters.parse(
        records,
        governments=[options["--government"]] if "--government" in options else [],
        topics=[options["--topic"]] if "--topic" in options else [],
        stances=[options["--stance"]] if "--stance" in options else [],
        actors=[options["--actor"]] if "--actor" in options else [],
        since=_day(options.get("--since")),
        until=_day(options.get("--until")),
        search=options.get("--search"),
    )
    expected = [r["id"] for r in timeline_document(records, filters)["statements"]]
    assert 0 < len(expected) < 46
    page = out.read_text(encoding="utf-8")
    assert sorted(row_ids(page)) == sorted(expected)
    assert "selected with " + " ".join(args) in page


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def test_nothing_matching_is_a_page_that_says_so(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert report(["--search", "no such words anywhere"], out) == ExitCode.OK
    page = out.read_text(encoding="utf-8")
    assert row_ids(page) == [] and "No statements match these filters." in page


def test_an_existing_file_is_replaced_only_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.html"
    out.write_text("mine", encoding="utf-8")
    assert report([], out) == ExitCode.USAGE
    assert "exists; pass --force to replace it" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "mine"
    assert report(["--force"], out) == ExitCode.OK
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left


def test_a_dash_writes_the_page_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.run(["report", "--data", str(BUNDLED), "-o", "-", "--topic", "outside"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>") and len(row_ids(page)) == 2


def test_article_links_lead_to_the_files_from_where_the_report_is(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "seeds", data / "seeds")
    shutil.copy(BUNDLED, data / "stances.yaml")
    out = tmp_path / "reports" / "week" / "report.html"
    out.parent.mkdir(parents=True)
    assert cli.run(["report", "--data", str(data / "stances.yaml"), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    hrefs = set(re.findall(r'<a href="([^"#][^"]*)">', page))
    files = {h for h in hrefs if not h.startswith("http")}
    assert "../../data/seeds/004_f52634b0fc8487dc.txt" in files
    assert all((out.parent / href).resolve().is_file() for href in files)


def test_without_the_report_extra_the_command_names_the_install_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "jinja2", None)  # as if it were not installed
    out = tmp_path / "report.html"
    assert report([], out) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert err == (
        "stancectl: error: the report needs jinja2, which is not installed: "
        "pip install 'stancectl[report]'\n"
    )
    assert not out.exists()


def test_unknown_names_and_bad_data_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.html"
    assert report(["--government", "atlantis"], out) == ExitCode.USAGE
    assert "atlantis" in capsys.readouterr().err
    broken = tmp_path / "stances.yaml"
    broken.write_text("version: 1\nstatements: [\n", encoding="utf-8")
    assert cli.run(["report", "--data", str(broken), "-o", str(out)]) == ExitCode.DATA_PROBLEMS
    assert "stances.yaml:" in capsys.readouterr().err
    assert not out.exists()


def test_timeline_as_svg_is_the_librarys_chart(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.run(["timeline", "--data", str(BUNDLED), "--format", "svg", "-t", "troops"]) == 0
    drawn = capsys.readouterr().out
    records = stancectl.load(BUNDLED)
    document = timeline_document(records, Filters.parse(records, topics=["troops"]))
    question = {"western-troops": "Should Western countries send ground troops to Ukraine?"}
    assert drawn == timeline_svg(document, question)
    root = ET.fromstring(drawn.split("\n", 1)[1])
    assert root.find(f"{SVG}title") is not None
    assert root.find(f"{SVG}title").text == question["western-troops"]  # type: ignore[union-attr]
    assert len(root.findall(f".//{SVG}g[@class='mark']")) == document["count"]


def test_timeline_as_svg_to_a_file_and_other_views_have_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "timeline.svg"
    assert cli.run(["timeline", "--data", str(BUNDLED), "-f", "svg", "-o", str(out)]) == 0
    root = ET.fromstring(out.read_text(encoding="utf-8").split("\n", 1)[1])
    assert len(root.findall(f".//{SVG}g[@class='mark']")) == 46
    assert cli.run(["who-said", "--data", str(BUNDLED), "-f", "svg"]) == ExitCode.USAGE
    assert "'svg' is not one of" in capsys.readouterr().err  # only timeline offers it


@pytest.mark.parametrize("args", [["--help"], ["timeline", "--format", "svg", "-t", "troops"]])
def test_only_the_report_imports_its_template_engine(args: list[str]) -> None:
    code = (
        "import sys; from stancectl.cli import run; code = run(sys.argv[1:]);"
        "print(sorted(m for m in ('jinja2', 'markupsafe') if m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            *args,
            *(["--data", str(BUNDLED)] if args[0] != "--help" else []),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert done.stderr.strip().splitlines()[-1] == "[]"
    assert done.stdout
