"""`stancectl add-article` on the command line: what it prints, writes and refuses, with its
exit codes; the JSON output is the library's document."""

from __future__ import annotations

import functools
import http.server
import json
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stancectl import cli
from stancectl.ingest.add import ADD_ARTICLE_SCHEMA, add_article, added_document
from stancectl.loader import load
from stancectl.model import Article

PAGES = Path(__file__).parent / "pages"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def pages_url() -> Iterator[str]:
    """The saved pages served by a local HTTP server on 127.0.0.1, as a site would serve them."""
    handler = functools.partial(_QuietHandler, directory=str(PAGES))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def in_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STANCECTL_DATA", raising=False)
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.run(["add-article", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_saved_page_is_added_and_summarised(
    in_empty_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, str(PAGES / "harbour-gazette.html"))
    assert (code, err) == (0, "")
    assert out.startswith(
        "Added article 'council-votes-close-old-ferry-terminal' to stances.yaml (created), its "
        "text in articles/council-votes-close-old-ferry-terminal.txt.\n\n"
        "Text: 7 lines (not counting blank ones), 1,203 characters. It begins:\n"
        "  Council votes to close the old ferry terminal by 2026\n"
    )
    assert "  published  2024-05-14\n             from JSON-LD NewsArticle datePublished\n" in out
    assert "Not stated: nothing\n" in out
    assert out.endswith("then run `stancectl check`.\n")
    dataset, report = load(in_empty_folder / "stances.yaml")
    assert dataset is not None and not report.errors
    assert list(dataset.articles) == ["council-votes-close-old-ferry-terminal"]
    assert sorted(p.name for p in in_empty_folder.iterdir()) == ["articles", "stances.yaml"]


def test_a_dry_run_prints_the_diff_and_writes_nothing(
    in_empty_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, str(PAGES / "minimal-saved.html"), "--dry-run", "--id", "library")
    assert code == 0
    assert out.startswith("Would add article 'library' to stances.yaml (a new stances.yaml)")
    assert (
        "The change to stances.yaml:\n--- stances.yaml (current)\n+++ stances.yaml (edited)\n"
        in out
    )
    assert "+  - id: library\n+    file: articles/library.txt\n" in out
    assert "Not stated: outlet, authors, published\n" in out
    assert list(in_empty_folder.iterdir()) == []


def test_json_is_the_library_s_document(
    in_empty_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = str(PAGES / "valley-courier-latin1.html")
    code, out, _ = _run(capsys, page, "--format", "json", "--dry-run")
    assert code == 0
    document = json.loads(out)
    expected = added_document(add_article(page, Path("stances.yaml"), dry_run=True))
    assert document == json.loads(json.dumps(expected))
    assert document["schema"] == ADD_ARTICLE_SCHEMA
    assert sorted(document) == [
        "article", "charset", "charset_from", "creates_data_file", "data", "diff", "dry_run",
        "errors_before", "fetched_from", "found", "missing", "notes", "schema", "source", "text",
        "text_path",
    ]  # fmt: skip
    assert document["found"]["authors"] == {
        "value": ["Marie Lefèvre", "Jürgen Braun"],
        "precision": None,
        "where": "byline 'By Marie Lefèvre and Jürgen Braun, Valley Courier'",
        "stored": "authors" in Article.model_fields,  # stored once the data model has them
    }


def test_a_url_on_a_local_server(
    pages_url: str, in_empty_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, f"{pages_url}/metro-herald-microdata.html?utm_source=x")
    assert (code, err) == (0, "")
    assert "Added article 'transit-agency-orders-60-electric-buses'" in out
    stored = in_empty_folder / "articles" / "transit-agency-orders-60-electric-buses.txt"
    assert stored.read_text(encoding="utf-8").startswith("Transit agency orders 60 electric")


def test_a_failing_url_is_one_line_and_exit_2(
    pages_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, f"{pages_url}/no-such-page.html")
    assert (code, out) == (2, "")
    failed = f"{pages_url}/no-such-page.html: the server answered 404 File not found"
    assert err == f"stancectl: error: {failed}\n"


def test_an_article_twice_is_refused_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, str(PAGES / "minimal-saved.html"))[0] == 0
    code, out, err = _run(capsys, str(PAGES / "minimal-saved.html"))
    assert (code, out) == (2, "")
    assert "already stored as 'library-opening-hours-cut'" in err


def test_without_the_extra_a_page_names_the_install_line(
    in_empty_folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    code, out, err = _run(capsys, str(PAGES / "harbour-gazette.html"))
    assert (code, out) == (2, "")
    assert err.startswith("stancectl: error: reading web pages needs the ingest extra")
    assert err.endswith("pip install 'stancectl[ingest]'\n")
    assert "Traceback" not in err
    (in_empty_folder / "note.txt").write_text("A plain text article.\n", encoding="utf-8")
    code, out, err = _run(capsys, "note.txt")
    assert (code, err) == (0, "")
    assert "Added article 'note'" in out
    assert "Not stated: title, outlet, authors, published, url\n" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report.pdf"], "add a .txt file, a saved web page"),
        (["ftp://example.org/a.html"], "only http:// and https:// URLs"),
        (["missing.txt"], "missing.txt: file not found"),
        (["note.txt", "--id", "Not An Id"], "ids are lower-case letters"),
        (["note.txt", "--data", "nowhere/stances.yaml"], "the folder nowhere does not exist"),
    ],
)
def test_usage_errors_exit_2_with_one_message(
    args: list[str], message: str, in_empty_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (in_empty_folder / "note.txt").write_text("Text.\n", encoding="utf-8")
    code, out, err = _run(capsys, *args)
    assert (code, out) == (2, "")
    assert message in err and err.count("\n") == 1


def test_text_outside_the_data_folder_is_refused_and_taken_away(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "topic"
    data.mkdir()
    (data / "stances.yaml").write_text("version: 1\narticles: []\n", encoding="utf-8")
    outside = tmp_path / "elsewhere"
    code, out, err = _run(
        capsys, str(PAGES / "minimal-saved.html"), "--data", str(data), "--dir", str(outside)
    )
    assert (code, out) == (1, "")
    assert "was not changed: the edit would introduce 1 error" in err
    assert not outside.exists()  # the stored text, and the folder made for it, taken away
    assert (data / "stances.yaml").read_text(encoding="utf-8") == "version: 1\narticles: []\n"
    code, out, _ = _run(
        capsys,
        str(PAGES / "minimal-saved.html"),
        "--data",
        str(data),
        "--dir",
        str(outside),
        "--allow-outside-files",
    )
    assert code == 0
    assert "file: ../elsewhere/library-opening-hours-cut.txt" in (data / "stances.yaml").read_text(
        encoding="utf-8"
    )


def test_errors_the_data_file_already_has_are_mentioned(
    in_empty_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = in_empty_folder / "stances.yaml"
    data.write_text(
        "version: 1\ntopics:\n  - id: t\n    question: Q?\n"
        "stances:\n  - id: s\n    label: x\n    score: minus\narticles: []\n",
        encoding="utf-8",
    )
    code, out, _ = _run(capsys, str(PAGES / "minimal-saved.html"))
    assert code == 0
    assert "Note: stances.yaml already has 1 error (not from this article)" in out
