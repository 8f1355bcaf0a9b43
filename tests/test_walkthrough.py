"""README's "Curating a new topic" is real: from an empty folder holding the saved pages, every
command is run in order and its output compared, and the YAML the reader is told to write is
written, up to a clean `check`. The page the walk-through fetches is served by a local HTTP
server started here."""

from __future__ import annotations

import functools
import http.server
import re
import shlex
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO
from stancectl import cli

README = (REPO / "README.md").read_text(encoding="utf-8")
SECTION = re.search(r"\n## Curating a new topic\n(.*?)(?=\n## )", README, re.DOTALL)
BLOCKS: list[tuple[str, str]] = re.findall(
    r"```(console|yaml|sh)\n(.*?)```", SECTION.group(1) if SECTION else "", re.DOTALL
)
EXAMPLE = REPO / "examples" / "ferry-terminal"
README_ADDRESS = "localhost:8000"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A new folder holding the saved pages, as the reader sets it up."""
    target = tmp_path / "ferry"
    shutil.copytree(EXAMPLE, target)
    return target


@pytest.fixture
def site(folder: Path) -> Iterator[str]:
    """The example's site/ folder served on 127.0.0.1, at a port as long as README's 8000 (the
    fetched address appears in folded notes, whose lines must come out the same)."""
    handler = functools.partial(_QuietHandler, directory=str(folder / "site"))
    for port in range(8001, 9999):
        try:
            httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
            break
        except OSError:
            continue
    else:
        pytest.fail("no free port between 8001 and 9998 on 127.0.0.1")
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{port}"
    httpd.shutdown()
    httpd.server_close()


def _write_sections(data: Path, snippet: str) -> None:
    """What the reader is told: replace each empty `key: []` with the snippet's `key:` part."""
    text = data.read_text(encoding="utf-8")
    for part in re.split(r"\n(?=[a-z_]+:)", snippet.strip("\n")):
        empty = f"\n{part.split(':', 1)[0]}: []\n"
        assert text.count(empty) == 1, empty
        text = text.replace(empty, "\n" + part.rstrip("\n") + "\n")
    data.write_text(text, encoding="utf-8")


def test_the_walkthrough_covers_the_issue_s_path() -> None:
    commands = [body.split("\n", 1)[0] for kind, body in BLOCKS if kind == "console"]
    added = [c for c in commands if c.startswith("$ stancectl add-article") and "--dry" not in c]
    assert sum(".htm" in c for c in added) == 3  # three saved pages (one a single file)
    assert sum("http://" in c for c in added) == 1  # and one URL
    assert commands.count("$ stancectl check") == 1
    assert any(kind == "yaml" for kind, _ in BLOCKS)


def test_the_walkthrough_runs_as_written(
    folder: Path, site: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(folder)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("STANCECTL_DATA", raising=False)
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    for kind, body in BLOCKS:
        if kind == "yaml":
            _write_sections(folder / "stances.yaml", body)
        if kind != "console":
            continue  # shell lines set the folder up; done above
        command, expected = body.replace(README_ADDRESS, site).split("\n", 1)
        assert command.startswith("$ stancectl ")
        code = cli.run(shlex.split(command.removeprefix("$ stancectl ")))
        out, err = capsys.readouterr()
        assert (code, err) == (0, ""), command
        if expected.endswith("...\n"):
            assert out.startswith(expected.removesuffix("...\n")), command
        else:
            assert out == expected, command
    assert (folder / "stances.yaml.bak").exists()
    assert len(list((folder / "articles").iterdir())) == 4
