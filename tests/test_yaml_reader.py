"""The quick read keeps positions for records only and finds deeper ones when asked: they must
be the positions a read that keeps every position gives."""

from __future__ import annotations

import pytest

from conftest import BUNDLED, VALID
from stancectl.loader.yaml_reader import Document, parse_yaml
from stancectl.problems import Report

BLOCK_AND_FLOW = """\
# a comment before the data
version: 1
topics: [{id: troops, question: "Should troops go?"}, {id: other, question: Other?}]
stances:

  - id: rules-out   # a comment after a value
    label: >-
      rules out
      troops
    score: -2
  -   id: open
      label: |
        open to it
      topics:
        - troops
statements:
- {id: a, topic: troops, stance: open, evidence: [{article: x, quote: "nothing \\u00e9"}]}
- id: b
  evidence:
    - article: x
      quote: 'it''s «quoted»
        over two lines'
"""


def _both(text: str, *, as_bytes: bool = False) -> tuple[Document, Document]:
    quick = parse_yaml(text.encode() if as_bytes else text, "data.yaml", Report())
    assert quick is not None and not quick[1].deep
    deep = Document("data.yaml", Report(), 10**9, text=text, deep=True)
    from stancectl.loader.yaml_reader import _Loader

    loader = _Loader(text)
    deep.read(loader)
    loader.dispose()
    return quick[1], deep


@pytest.mark.parametrize("as_bytes", [False, True], ids=["text", "bytes"])
@pytest.mark.parametrize(
    "text",
    [
        VALID,
        BLOCK_AND_FLOW,
        BLOCK_AND_FLOW.replace("\n", "\r\n"),
        BLOCK_AND_FLOW.replace("troops\n", "troops\u2028", 1).replace("rules out\n", "rules\x85"),
        BUNDLED.read_text("utf-8"),
        VALID.rstrip("\n"),
        VALID[: VALID.rindex("quote:")] + "note:",
    ],
    ids=["valid", "block-and-flow", "crlf", "unicode-breaks", "bundled", "no-end", "cut"],
)
def test_positions_found_later_are_the_positions_read_at_once(text: str, as_bytes: bool) -> None:
    quick, deep = _both(text, as_bytes=as_bytes)
    assert len(quick.values) < len(deep.values) or len(deep.values) < 10
    for path, at in deep.values.items():
        assert quick.position(path) == at, path
    for path, at in deep.keys.items():
        assert quick.position(path, prefer_key=True) == at, path


def test_a_record_that_cannot_be_read_alone_is_placed_at_its_start() -> None:
    text = VALID.replace("    topic: troops\n", "    topic: &t troops\n", 1).replace(
        "    topic: troops\n", "    topic: *t\n", 1
    )
    quick, deep = _both(text)
    second = ("statements", 1)
    assert deep.values[(*second, "topic")] != deep.values[second]
    assert quick.position((*second, "topic")) == deep.values[second]
    assert quick.position((*second, "evidence", 0, "quote")) == deep.values[second]
