"""A repeat `who-said --format json` joins the records' stored JSON: the same bytes as writing
the records, for every filter, and the records themselves when the stored JSON is unusable."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import BUNDLED, REPO, VALID
from stancectl import cache as cache_module
from stancectl import cli
from stancectl.cache import LoadCache
from stancectl.inputs import LoadOptions
from stancectl.query import Filters, who_said_document
from stancectl.query.who_said import who_said_json
from stancectl.records import Records
from stancectl.render.as_json import to_json
from stancectl.stored_json import TRAILER, StoredJson

FILTERS = [
    Filters(),
    Filters(stances=frozenset({"rules-out-troops"})),
    Filters(stances=frozenset({"rules-out-troops", "open-to-troops"})),
    Filters(governments=frozenset({"poland"})),
    Filters(actors=frozenset({"macron"})),
    Filters(actors=frozenset({"macron"}), topics=frozenset({"western-troops"})),
    Filters(topics=frozenset({"western-troops"})),
    Filters(articles=frozenset({"nato-allies-rebuke"})),
    Filters(since=dt.date(2024, 3, 1)),
    Filters(until=dt.date(2024, 2, 27)),
    Filters(since=dt.date(2024, 2, 26), until=dt.date(2024, 2, 28)),
    Filters(stances=frozenset({"no-such-stance"})),
]


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    """A copy of the bundled data and its articles, free to damage."""
    shutil.copy(BUNDLED, tmp_path / "stances.yaml")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    return tmp_path / "stances.yaml"


def _stored(data: Path, cache: LoadCache) -> tuple[StoredJson, Records]:
    cache.open(data)  # the first run writes the entry
    loaded = cache.open(data)
    assert loaded.info.hit
    stored, records = loaded.stored_json(), loaded.records()
    assert stored is not None and records is not None
    return stored, records


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
def test_stored_json_is_what_writing_the_records_gives(
    bundled: Path, private_cache: Path, filters: Filters
) -> None:
    stored, records = _stored(bundled, LoadCache(private_cache))
    expected = to_json(who_said_document(records, filters), pretty=False)
    assert b"".join(who_said_json(stored, filters)) == expected


def test_the_filters_keep_some_records_and_not_others(bundled: Path, private_cache: Path) -> None:
    """So that the comparison above is not between empty or whole answers only."""
    _, records = _stored(bundled, LoadCache(private_cache))
    total = len(records.statements)
    counts = [who_said_document(records, f)["count"] for f in FILTERS]
    assert counts[0] == total
    assert min(c for c in counts[1:-1]) > 0 and max(counts[1:]) < total
    assert counts[-1] == 0


def test_search_is_left_to_the_records(bundled: Path, private_cache: Path) -> None:
    stored, _ = _stored(bundled, LoadCache(private_cache))
    with pytest.raises(ValueError, match="search"):
        who_said_json(stored, Filters(search="macron"))


def _who_said(data: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert cli.run(["who-said", "-d", str(data), "-f", "json", *args]) == 0
    return capsys.readouterr().out


def test_a_repeat_run_never_builds_the_records(
    bundled: Path,
    private_cache: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for args in ([], ["rules-out"], ["--government", "poland", "--since", "2024-03-01"]):
        first = _who_said(bundled, capsys, *args)  # the first writes the entry
        with monkeypatch.context() as patched:
            patched.setattr(cache_module.Loaded, "records", _no_records)
            assert _who_said(bundled, capsys, *args) == first


def _no_records(loaded: cache_module.Loaded) -> Records | None:
    raise AssertionError("the records were built")


@pytest.mark.parametrize("args", [["--search", "troops"], ["--sort", "actor"]])
def test_what_stored_json_cannot_serve_reads_the_records(
    bundled: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    first = _who_said(bundled, capsys, *args)
    assert _who_said(bundled, capsys, *args) == first
    assert _who_said(bundled, capsys, *args, "--no-cache") == first


def _entry(data: Path, private_cache: Path) -> Path:
    return LoadCache(private_cache).entry_path(data, LoadOptions())


@pytest.mark.parametrize("cut", [1, 8, 100])
def test_damaged_stored_json_is_not_used(
    bundled: Path, private_cache: Path, capsys: pytest.CaptureFixture[str], cut: int
) -> None:
    expected = _who_said(bundled, capsys, "--no-cache")
    _who_said(bundled, capsys)
    entry = _entry(bundled, private_cache)
    entry.write_bytes(entry.read_bytes()[:-cut])
    assert LoadCache(private_cache).open(bundled).stored_json() is None
    assert _who_said(bundled, capsys) == expected


def test_stored_json_is_read_only_from_a_private_folder(
    bundled: Path, private_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = _who_said(bundled, capsys)
    entry = _entry(bundled, private_cache)
    forged = entry.read_bytes().replace(b"Macron", b"Mallory")
    assert forged != entry.read_bytes()
    entry.write_bytes(forged)
    private_cache.chmod(0o777)  # someone else could have written that
    try:
        assert LoadCache(private_cache).open(bundled).stored_json() is None
        assert _who_said(bundled, capsys) == expected
    finally:
        private_cache.chmod(0o700)


def test_an_edited_data_file_is_never_answered_from_stored_json(
    bundled: Path, private_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _who_said(bundled, capsys)
    text = bundled.read_text(encoding="utf-8")
    assert "name: Emmanuel Macron\n" in text
    # the actor's name, not the quotes: a quote changed so is an error, and views refuse it
    edited = text.replace("name: Emmanuel Macron\n", "name: Emmanuel Macronn\n")
    bundled.write_text(edited, encoding="utf-8")
    out = _who_said(bundled, capsys)
    assert "Macronn" in out and out == _who_said(bundled, capsys, "--no-cache")


def test_a_repeat_run_writes_the_same_file_with_output(
    bundled: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    expected = _who_said(bundled, capsys, "rules-out")
    for name in ("first.json", "repeat.json"):
        _who_said(bundled, capsys, "rules-out", "--output", str(tmp_path / name))
        assert (tmp_path / name).read_text(encoding="utf-8") == expected


@pytest.mark.parametrize(
    ("text", "errors"),
    [(VALID, False), (VALID.replace("nothing can be ruled out", "words nobody said"), True)],
)
def test_a_hit_knows_whether_there_are_errors_before_making_the_report(
    write_data: Callable[..., Path], private_cache: Path, text: str, errors: bool
) -> None:
    data = write_data(text)
    cache = LoadCache(private_cache)
    first = cache.open(data)
    loaded = cache.open(data)
    assert loaded.info.hit and loaded.has_errors is errors
    assert loaded.report.sorted() == first.report.sorted()
    assert bool(loaded.report.errors) is errors
    assert (loaded.stored_json() is None) is errors  # views refuse data with errors


@pytest.mark.parametrize("output_format", ["json", "table", "csv", "markdown"])
@pytest.mark.parametrize(
    "extra",
    [
        ["nato-allies-rebuke", "european-leaders-reject"],
        ["ft-special-forces", "kremlin-not-in-interest", "--topic", "western-troops"],
    ],
)
def test_a_repeat_diff_reads_back_only_the_records_citing_its_articles(
    bundled: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    output_format: str,
    extra: list[str],
) -> None:
    args = ["diff", "-d", str(bundled), "-f", output_format, *extra]
    assert cli.run([*args, "--no-cache"]) == 0
    expected = capsys.readouterr().out
    assert cli.run(args) == 0  # writes the entry
    assert capsys.readouterr().out == expected
    with monkeypatch.context() as patched:
        patched.setattr(cache_module.Loaded, "records", _no_records)
        assert cli.run(args) == 0
    assert capsys.readouterr().out == expected


def test_a_part_damaged_in_place_is_said_plainly(
    bundled: Path, private_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The filter keys are read only when a filter needs them: if the entry was changed in
    place since, the command says so and how to go on, without a traceback."""
    _who_said(bundled, capsys)
    entry = _entry(bundled, private_cache)
    body = bytearray(entry.read_bytes())
    lengths = TRAILER.unpack(body[-TRAILER.size :])
    keys_end = len(body) - TRAILER.size - lengths[4]
    body[keys_end - lengths[3] : keys_end] = b"\x00" * lengths[3]
    entry.write_bytes(bytes(body))
    assert cli.run(["who-said", "-d", str(bundled), "-f", "json", "rules-out"]) == 2
    assert "--no-cache" in capsys.readouterr().err
    assert _who_said(bundled, capsys, "rules-out", "--no-cache").startswith("{")
