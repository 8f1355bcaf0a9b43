"""A large data file is read on two cores: the result must be the one-piece read's, data and
positions alike, and anything unusual must fall back to the one-piece read."""

from __future__ import annotations

import _thread
import marshal
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import BUNDLED
from stancectl.loader import load, yaml_split
from stancectl.loader.yaml_reader import parse_yaml
from stancectl.loader.yaml_split import find_cut_in, read_in_two
from stancectl.problems import Report


@pytest.fixture(autouse=True)
def small_files_are_cut(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(yaml_split, "SPLIT_FROM_BYTES", 0)
    # other tests' servers and clusters may have threads running in this process: the fork
    # here only reads YAML, which takes no lock those threads could hold
    monkeypatch.setattr(yaml_split, "_two_cores_free", lambda: True)
    yield


def statements_at(indent: int, count: int = 40) -> bytes:
    """A document with `count` statements, its list indented by `indent`, followed by another
    section, with blank lines, comments and a block scalar among the items."""
    pad = " " * indent
    items = []
    for n in range(count):
        items.append(
            f"{pad}- id: s{n}   # statement {n}\n"
            f"{pad}  topic: troops\n"
            f"{pad}  stance: open\n"
            f"{pad}  note: |\n"
            f"{pad}    first line of {n}\n"
            f"{pad}    - not an item, a line of the note\n"
            f"{pad}  evidence:\n"
            f"{pad}  - article: a\n"
            f"{pad}    quote: 'quote {n}'\n"
            + ("\n# a comment between items\n\n" if n % 7 == 0 else "")
        )
    return (
        "version: 1\ntopics:\n- id: troops\n  question: Troops?\nstatements:\n"
        + "".join(items)
        + "articles:\n- id: a\n  file: a.txt\n"
    ).encode()


def assert_same_read(text: bytes) -> None:
    two = read_in_two(text, "data.yaml")
    one = parse_yaml(text, "data.yaml", Report())
    assert two is not None and one is not None
    assert two[0] == one[0]
    assert list(two[0]) == list(one[0])  # keys in the file's order
    assert two[1].values == one[1].values
    assert two[1].keys == one[1].keys
    assert two[1].spans == one[1].spans
    # a position inside a record of the second part, found by reading the record again
    last = len(one[0]["statements"]) - 1
    path = ("statements", last, "evidence", 0, "quote")
    assert two[1].position(path) == one[1].position(path)


@pytest.mark.parametrize("indent", [0, 2, 4])
def test_two_parts_read_as_one(indent: int) -> None:
    text = statements_at(indent)
    cut = find_cut_in(text, 0.5)
    assert cut is not None and cut[1] == indent
    assert text[cut[0] : cut[0] + indent + 2] == b" " * indent + b"- "
    assert_same_read(text)


def test_the_bundled_data_reads_the_same_in_two_parts() -> None:
    assert_same_read(BUNDLED.read_bytes())


def test_a_load_in_two_parts_is_the_load_in_one(monkeypatch: pytest.MonkeyPatch) -> None:
    two, two_report = load(BUNDLED)
    monkeypatch.setattr(yaml_split, "SPLIT_FROM_BYTES", 10**12)
    one, one_report = load(BUNDLED)
    assert two is not None and one is not None
    assert two.statements == one.statements
    assert two.lines == one.lines
    assert [p.as_dict() for p in two_report.problems] == [p.as_dict() for p in one_report.problems]


def a_second_part_with(text: bytes, old: bytes, new: bytes) -> bytes:
    """`text` with the first `old` after the cut replaced by `new`."""
    cut = find_cut_in(text, 0.5)
    assert cut is not None
    at = text.index(old, cut[0])
    return text[:at] + new + text[at + len(old) :]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"  topic: troops\n", b"  topic: troops\n  topic: again\n"),  # a duplicate key
        (b"  stance: open\n", b"  stance: [open\n"),  # a syntax error
        (b"  stance: open\n", b"  stance: !!python/name:os.system open\n"),  # a refused tag
        (b"articles:\n", b"version: 2\narticles:\n"),  # a top-level key given again
        (b"articles:\n", b"statements: []\narticles:\n"),  # the list itself given again
    ],
    ids=["duplicate-key", "syntax", "tag", "top-level-key-again", "section-again"],
)
def test_a_problem_in_the_second_part_leaves_the_reading_to_the_one_piece_reader(
    old: bytes, new: bytes
) -> None:
    text = a_second_part_with(statements_at(2), old, new)
    assert read_in_two(text, "data.yaml") is None
    report = Report()
    parse_yaml(text, "data.yaml", report)
    assert report.errors  # the one-piece read says what is wrong, and where


def test_a_problem_in_the_first_part_leaves_the_reading_to_the_one_piece_reader() -> None:
    text = statements_at(0).replace(b"  topic: troops\n", b"  topic: troops\n  topic: x\n", 1)
    assert read_in_two(text, "data.yaml") is None
    report = Report()
    parse_yaml(text, "data.yaml", report)
    assert [p.code for p in report.problems] == ["duplicate-key"]


def test_an_alias_across_the_cut_is_read_in_one_piece() -> None:
    text = statements_at(0).replace(b"stance: open", b"stance: &open open", 1)
    text = a_second_part_with(text, b"stance: open", b"stance: *open")
    assert read_in_two(text, "data.yaml") is None
    assert parse_yaml(text, "data.yaml", Report()) is not None


def test_aliases_within_one_part_are_read_in_one_piece() -> None:
    # the budget that stops an alias bomb is the whole file's, not each part's
    text = a_second_part_with(statements_at(0), b"stance: open", b"stance: &open open")
    text = a_second_part_with(text, b"stance: open\n", b"stance: *open\n")
    assert read_in_two(text, "data.yaml") is None
    assert parse_yaml(text, "data.yaml", Report()) is not None


def test_a_cut_inside_a_quoted_scalar_is_noticed(monkeypatch: pytest.MonkeyPatch) -> None:
    # PyYAML lets a double-quoted scalar go on at any indentation: a line inside it may look
    # exactly like the start of an item
    body = "".join(f"- id: s{n}\n  note: plain\n" for n in range(20))
    inside = '- id: long\n  note: "begins here\n- id: looks-like-an-item\n  ends here"\n'
    text = f"version: 1\nstatements:\n{body}{inside}{body.replace('id: s', 'id: t')}".encode()
    items = text.index(b"- id: s0")
    share = (text.index(b"\n- id: looks-like") - 1 - items) / (len(text) - items)
    cut = find_cut_in(text, share)
    assert cut is not None and text[cut[0] :].startswith(b"- id: looks-like-an-item")
    monkeypatch.setattr(yaml_split, "FIRST_PART", share)
    assert read_in_two(text, "data.yaml") is None
    parsed = parse_yaml(text, "data.yaml", Report())
    assert parsed is not None
    assert parsed[0]["statements"][20]["note"] == "begins here - id: looks-like-an-item ends here"


def test_a_failing_child_leaves_the_reading_to_the_one_piece_reader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def failing(*_: object) -> bytes:
        raise MemoryError

    monkeypatch.setattr(marshal, "dumps", failing)
    assert read_in_two(statements_at(0), "data.yaml") is None


@pytest.mark.parametrize("failing", ["fork", "pipe"])
def test_no_process_or_pipe_to_spare_leaves_the_reading_to_the_one_piece_reader(
    failing: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused() -> None:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, failing, refused)
    descriptors = Path("/proc/self/fd")
    open_before = len(list(descriptors.iterdir()))
    assert read_in_two(statements_at(0), "data.yaml") is None
    assert len(list(descriptors.iterdir())) == open_before  # the pipe is closed


def test_no_cut_without_a_statements_list_in_block_style() -> None:
    assert find_cut_in(b"version: 1\nstatements: [{id: a}, {id: b}]\n", 0.5) is None
    assert find_cut_in(b"version: 1\n", 0.5) is None


def test_the_cut_stays_inside_the_statements() -> None:
    text = b"statements:\n- id: a\n- id: b\narticles:\n- id: x\n- id: y\n- id: z\n"
    cut = find_cut_in(text, 0.9)
    assert cut is None or text[cut[0] :].startswith(b"- id: b")


def test_small_files_and_other_line_breaks_are_read_in_one_piece(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = statements_at(0)
    assert yaml_split.find_cut(text) is not None
    assert yaml_split.find_cut(text.replace(b"\n", b"\r\n")) is None
    assert yaml_split.find_cut(text.replace(b"# a comment", "# a\u2028comment".encode())) is None
    monkeypatch.setattr(yaml_split, "SPLIT_FROM_BYTES", len(text) + 1)
    assert yaml_split.find_cut(text) is None


def test_only_a_single_threaded_process_forks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not yaml_split._two_cores_free()
    finally:
        release.set()
        other.join()


def test_a_thread_that_threading_does_not_know_of_also_stops_the_fork(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # as a compiled library's thread would be: started without `threading`
    monkeypatch.undo()
    release, running = _thread.allocate_lock(), _thread.allocate_lock()
    release.acquire()
    running.acquire()

    def wait() -> None:
        running.release()
        release.acquire()

    # other tests' servers may have threads of their own here: `threading` is told of none
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    _thread.start_new_thread(wait, ())
    running.acquire()
    try:
        assert not yaml_split._two_cores_free()
    finally:
        release.release()


def test_files_over_the_threshold_are_cut_near_the_middle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the threshold of real use
    large = statements_at(0, count=30_000)
    assert len(large) > yaml_split.SPLIT_FROM_BYTES
    cut = yaml_split.find_cut(large)
    assert cut is not None
    assert 0.4 < cut[0] / len(large) < 0.6
    assert yaml_split.find_cut(statements_at(0)) is None
