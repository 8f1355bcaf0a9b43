"""The cache is invalidated by every kind of change and gives what an uncached load gives."""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ARTICLE, VALID
from stancectl import cache as cache_module
from stancectl import cli, query
from stancectl.cache import LoadCache
from stancectl.check import counts_of
from stancectl.inputs import LoadOptions
from stancectl.load import load

WriteData = Callable[..., Path]


def same_result(data: Path, cache: LoadCache, options: LoadOptions | None = None) -> bool:
    """Load through the cache; assert each part equals a fresh load; return whether it hit."""
    loaded = cache.open(data, options)
    fresh, fresh_report = load(data, options)
    assert loaded.report.sorted() == fresh_report.sorted()
    assert loaded.counts == counts_of(fresh)
    if fresh is None:
        assert loaded.dataset() is None
    else:
        table = loaded.table()
        assert table == (None if fresh_report.errors else query.statement_table(fresh))
        cached = loaded.dataset()
        assert cached is not None
        assert query.who_said_document(cached) == query.who_said_document(fresh)
        assert query.show(cached, "macron-not-ruled-out") == query.show(
            fresh, "macron-not-ruled-out"
        )
        assert cached.texts == fresh.texts
    return loaded.info.hit


def test_second_load_is_a_hit_with_identical_results(
    write_data: WriteData, private_cache: Path
) -> None:
    data = write_data()
    cache = LoadCache(private_cache)
    assert same_result(data, cache) is False
    assert same_result(data, cache) is True


def test_any_change_to_the_data_file_is_a_miss(write_data: WriteData, private_cache: Path) -> None:
    data = write_data()
    cache = LoadCache(private_cache)
    same_result(data, cache)
    stat = data.stat()
    data.write_text(VALID.replace("name: France", "name: Francf"), encoding="utf-8")
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time stamp: content decides
    assert same_result(data, cache) is False


def test_any_change_to_an_article_is_a_miss(write_data: WriteData, private_cache: Path) -> None:
    data = write_data()
    article = data.parent / "article.txt"
    cache = LoadCache(private_cache)
    same_result(data, cache)
    stat = article.stat()
    article.write_text(ARTICLE.replace("nothing can", "nothing cam"), encoding="utf-8")
    os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert same_result(data, cache) is False  # and the quote problem now shows
    assert [p.code for p in cache.open(data).report.problems] == ["quote-altered"]


def test_a_deleted_or_restored_article_is_a_miss(
    write_data: WriteData, private_cache: Path
) -> None:
    data = write_data()
    article = data.parent / "article.txt"
    cache = LoadCache(private_cache)
    same_result(data, cache)
    article.unlink()
    assert same_result(data, cache) is False
    assert same_result(data, cache) is True  # the missing file is part of what was cached
    article.write_text(ARTICLE, encoding="utf-8")
    assert same_result(data, cache) is False


def test_options_are_part_of_the_key(write_data: WriteData, private_cache: Path) -> None:
    data = write_data()
    cache = LoadCache(private_cache)
    same_result(data, cache)
    assert same_result(data, cache, LoadOptions(check_quotes=False)) is False


def test_damaged_entries_are_misses(write_data: WriteData, private_cache: Path) -> None:
    data = write_data()
    cache = LoadCache(private_cache)
    same_result(data, cache)
    head = cache.entry_paths(data, LoadOptions())["head"]
    head.write_bytes(b"not a pickle")
    assert same_result(data, cache) is False
    head.write_bytes(pickle.dumps({"something": "else"}))
    assert same_result(data, cache) is False


@pytest.mark.parametrize("part", ["table", "dataset"])
def test_a_damaged_or_missing_part_is_read_from_the_files(
    write_data: WriteData, private_cache: Path, part: str
) -> None:
    data = write_data()
    cache = LoadCache(private_cache)
    same_result(data, cache)
    path = cache.entry_paths(data, LoadOptions())[part]
    path.write_bytes(b"not a pickle")
    assert same_result(data, cache) is True  # the head is current; the part is loaded afresh
    path.unlink()
    assert same_result(data, cache) is True


def test_parts_of_different_loads_never_mix(write_data: WriteData, private_cache: Path) -> None:
    data = write_data()
    cache = LoadCache(private_cache)
    same_result(data, cache)
    paths = cache.entry_paths(data, LoadOptions())
    old_table = paths["table"].read_bytes()
    data.write_text(VALID.replace("name: France", "name: French Republic"), encoding="utf-8")
    assert same_result(data, cache) is False
    paths["table"].write_bytes(old_table)  # a part left over from the earlier load
    loaded = cache.open(data)
    assert loaded.info.hit
    assert loaded.table() == query.statement_table(load(data)[0])  # type: ignore[arg-type]


def test_a_folder_others_can_write_to_is_not_trusted(
    write_data: WriteData, private_cache: Path
) -> None:
    data = write_data()
    cache = LoadCache(private_cache)
    same_result(data, cache)
    private_cache.chmod(0o777)
    try:
        assert same_result(data, cache) is False
    finally:
        private_cache.chmod(0o700)


def test_deleting_the_cache_is_safe(write_data: WriteData, private_cache: Path) -> None:
    data = write_data()
    cache = LoadCache(private_cache)
    same_result(data, cache)
    assert cache.clear() == 1
    assert same_result(data, cache) is False


def test_no_cache_flag_leaves_the_cache_alone(
    write_data: WriteData, private_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data()
    assert cli.run(["who-said", "-d", str(data), "--no-cache", "-f", "json"]) == 0
    assert list(private_cache.iterdir()) == []
    assert cli.run(["who-said", "-d", str(data), "-f", "json"]) == 0
    assert sorted(p.name.split(".", 1)[1] for p in private_cache.iterdir()) == [
        "dataset.pickle",
        "head.pickle",
        "table.pickle",
    ]
    first, second = capsys.readouterr().out.split("\n{")
    assert "{" + second == first + "\n"


def test_unchanged_files_are_not_read_again(
    write_data: WriteData, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_data()
    hour_ago = time.time_ns() - 3_600_000_000_000
    for path in data.parent.iterdir():
        os.utime(path, ns=(hour_ago, hour_ago))  # long before the load: not racy
    cache = LoadCache(private_cache)
    assert same_result(data, cache) is False
    hashed: list[int] = []
    real_digest = cache_module.digest
    monkeypatch.setattr(cache_module, "digest", lambda raw: hashed.append(1) or real_digest(raw))
    loaded = cache.open(data)
    assert loaded.info.hit and hashed == []
    dataset = loaded.dataset()
    assert dataset is not None and dataset.texts["paper"] == ARTICLE  # read on demand


def test_a_file_touched_close_to_the_load_is_hashed_again(
    write_data: WriteData, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_data()
    cache = LoadCache(private_cache)
    same_result(data, cache)
    hashed: list[int] = []
    real_digest = cache_module.digest
    monkeypatch.setattr(cache_module, "digest", lambda raw: hashed.append(1) or real_digest(raw))
    assert cache.open(data).info.hit
    assert len(hashed) == 2  # the data file and the article were written just now


def test_records_survive_pickling_exactly(write_data: WriteData) -> None:
    dataset, _ = load(write_data())
    assert dataset is not None
    statement = dataset.statements["macron-not-ruled-out"]
    copy = pickle.loads(pickle.dumps(statement))
    assert copy == statement
    assert copy.model_fields_set == statement.model_fields_set
    assert copy.evidence[0].quote == "nothing can be ruled out"


def test_large_data_is_stored_in_the_background(
    write_data: WriteData, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_data()
    monkeypatch.setattr(cache_module, "BACKGROUND_FROM", 1)  # this small data counts as large
    cache = LoadCache(private_cache)
    loaded = cache.open(data)
    assert loaded.dataset() is not None and not loaded.info.hit
    entry = cache.entry_paths(data, LoadOptions())["head"]
    deadline = time.monotonic() + 20
    while not entry.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert entry.exists()
    assert same_result(data, cache) is True
