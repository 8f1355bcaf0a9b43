"""Markdown output, rendered by a real Markdown renderer (GitHub-like, with bare addresses
linked): no field from the data becomes a link, an image, an autolink or raw HTML."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import ARTICLE, VALID
from stancectl import cli
from stancectl.render.as_markdown import md_cell

WriteData = Callable[..., Path]

PAYLOAD = (
    "[a](http://evil.example/a) ![i](http://evil.example/i.png) "
    "<img src=http://evil.example/x.png> <http://evil.example/auto> "
    "https://evil.example/bare www.evil.example x@evil.example <script>alert(1)</script>"
)


def hostile_data(write_data: WriteData) -> Path:
    quote = f"nothing can be ruled out {PAYLOAD}"
    article = ARTICLE.replace("nothing can be ruled out", quote)
    text = (
        VALID.replace('quote: "nothing can be ruled out"', f'quote: "{quote}"')
        .replace("name: Emmanuel Macron", f'name: "Emmanuel Macron {PAYLOAD}"')
        .replace("aliases: [Macron, the French leader]", f'aliases: [Macron, "{PAYLOAD}"]')
        .replace("name: France", f'name: "France {PAYLOAD}"')
        .replace("label: does not rule out", f'label: "does not rule out {PAYLOAD}"')
        .replace(
            "    file: article.txt\n",
            f'    file: article.txt\n    title: "Title {PAYLOAD}"\n'
            f'    outlet: "Outlet {PAYLOAD}"\n',
        )
        .replace(
            "    said_on: 2024-02-26\n",
            f'    said_on: 2024-02-26\n    where: "Paris {PAYLOAD}"\n'
            f'    occasion: "meeting {PAYLOAD}"\n    summary: "Summary {PAYLOAD}"\n'
            f'    note: "Note {PAYLOAD}"\n',
        )
    )
    return write_data(text, article)


COMMANDS = [
    ["who-said"],
    ["who-said", "--group-by", "government"],
    ["timeline"],
    ["show", "macron-not-ruled-out"],
    ["articles"],
    ["actors"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_markdown_output_renders_no_link_image_or_html_from_data(
    write_data: WriteData, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    data = hostile_data(write_data)
    assert cli.run([*command, "-f", "markdown", "--data", str(data)]) == 0
    markdown = capsys.readouterr().out
    assert "evil.example" in markdown  # the data is shown ...
    html = MarkdownIt("gfm-like").render(markdown)
    for live in ("<a ", "<img", "<script", 'href="', 'src="'):  # ... and inert
        assert live not in html, (live, html)
    assert "alert(1)" in html  # as text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("[a](http://x.example)", "[a](http://x.example)"),
        ("![i](http://x.example/i.png)", "![i](http://x.example/i.png)"),
        ("<http://x.example>", "&lt;http://x.example&gt;"),
        ("HTTPS://x.example", "HTTPS://x.example"),
        ("www.x.example", "www.x.example"),
        ("me@x.example", "me@x.example"),
        ("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"),
        ("a | b", "a | b"),
        ("1950-1953, 25th: fine", "1950-1953, 25th: fine"),
    ],
)
def test_a_cell_renders_as_the_text_it_holds(text: str, shown: str) -> None:
    html = MarkdownIt("gfm-like").render(f"| h |\n|---|\n| {md_cell(text)} |\n")
    assert f"<td>{shown}</td>" in html
