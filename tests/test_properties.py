"""Property-based tests: whatever a hand edit or a paste does to the data or the articles,
stancectl ends in success or a clean error (exit 0, 1 or 2), never an uncaught exception."""

from __future__ import annotations

import copy
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BUNDLED, REPO
from stancectl import cli
from stancectl.loader import load

BUNDLED_TEXT = BUNDLED.read_text(encoding="utf-8")
BUNDLED_DATA = yaml.safe_load(BUNDLED_TEXT)
CLEAN_EXITS = {0, 1, 2}

PROPERTY_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@contextmanager
def project(text: str | None = None, article_bytes: bytes | None = None) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(REPO / "seeds", root / "seeds")
        if article_bytes is not None:
            first = sorted((root / "seeds").iterdir())[0]
            first.write_bytes(article_bytes)
        data = root / "stances.yaml"
        data.write_text(BUNDLED_TEXT if text is None else text, encoding="utf-8")
        yield data


def assert_clean_run(data: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Run the main commands; return everything they printed."""
    printed = ""
    for command in (
        ["check", str(data)],
        ["who-said", "-d", str(data)],
        ["timeline", "-d", str(data), "-f", "json"],
        ["diff", "000", "001", "-d", str(data)],
    ):
        code = cli.run(command)
        out, err = capsys.readouterr()
        assert code in CLEAN_EXITS, (command, err)
        assert "Traceback" not in err and "internal error" not in err
        printed += out + err
    return printed


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


ALL_PATHS = _paths(BUNDLED_DATA)


def _mutate(data: Any, path: tuple[Any, ...], action: str, value: Any) -> Any:
    mutated = copy.deepcopy(data)
    parent = mutated
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "drop":
        del parent[last]
    elif action == "replace":
        parent[last] = value
    elif action == "duplicate" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    elif action == "junk-key" and isinstance(parent[last], dict):
        parent[last][str(value)[:10] or "x"] = value
    return mutated


@PROPERTY_SETTINGS
@given(
    path=st.sampled_from(ALL_PATHS),
    action=st.sampled_from(["drop", "replace", "duplicate", "junk-key"]),
    value=junk,
)
def test_structural_mutations_end_cleanly(
    path: tuple[Any, ...], action: str, value: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    text = yaml.safe_dump(_mutate(BUNDLED_DATA, path, action, value), allow_unicode=True)
    with project(text) as data:
        assert_clean_run(data, capsys)


@PROPERTY_SETTINGS
@given(cut=st.integers(min_value=0, max_value=len(BUNDLED_TEXT)), insert=st.text(max_size=8))
def test_truncated_or_spliced_text_ends_cleanly(
    cut: int, insert: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with project(BUNDLED_TEXT[:cut] + insert + BUNDLED_TEXT[cut + len(insert) :]) as data:
        assert_clean_run(data, capsys)
    with project(BUNDLED_TEXT[:cut]) as data:
        assert_clean_run(data, capsys)


control = st.sampled_from(["\x00", "\x1b[31m", "\x07", "\u202e", "\r", "\x85", "[bold]", "\ufeff"])


@PROPERTY_SETTINGS
@given(
    article=st.one_of(
        st.binary(max_size=300),
        st.lists(st.one_of(control, st.text(max_size=10)), max_size=30).map(
            lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
        ),
    )
)
def test_hostile_article_bytes_end_cleanly(
    article: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    with project(article_bytes=article) as data:
        printed = assert_clean_run(data, capsys)
    assert "\x1b" not in printed and "\u202e" not in printed


def test_bundled_data_is_the_base_of_these_properties() -> None:
    dataset, report = load(BUNDLED)
    assert dataset is not None and not report.errors
    assert len(ALL_PATHS) > 500
