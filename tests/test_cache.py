"""The cache is invalidated by every kind of change and gives what an uncached load gives."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ARTICLE, REPO, VALID
from stancectl import cache as cache_module
from stancectl import cli, query
from stancectl.cache import LoadCache
from stancectl.dataset import counts_of
from stancectl.inputs import LoadOptions, digest
from stancectl.loader import load
from stancectl.records import records_of

WriteData = Callable[..., Path]


def same_result(data: Path, cache: LoadCache, options: LoadOptions | None = None) -> bool:
    """Load through the cache; assert it gives what a fresh load gives; return whether it hit."""
    loaded = cache.open(data, options)
    fresh, fresh_report = load(data, options)
    assert loaded.report.sorted() == fresh_report.sorted()
    assert loaded.counts == counts_of(fresh)
    records = loaded.records()
    if fresh is None or fresh_report.errors:
        assert records is None
    else:
        expected = records_of(fresh)
        assert records == expected
        assert records is not None
        assert query.who_said_document(records) == query.who_said_document(expected)
        assert query.show(records, "macron-not-ruled-out") == query.show(
            expected, "macron-not-ruled-out"
        )
        assert dict(records.texts) == dict(fresh.texts)
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


def _same_stamp(path: Path, like: Path) -> None:
    info = like.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def test_a_symlinked_article_pointed_elsewhere_is_a_miss(
    write_data: WriteData, private_cache: Path
) -> None:
    data = write_data(VALID.replace("file: article.txt", "file: current.txt"))
    folder = data.parent
    altered = ARTICLE.replace("nothing can", "nothing cam")
    assert len(altered) == len(ARTICLE)
    (folder / "altered.txt").write_text(altered, encoding="utf-8")
    _same_stamp(folder / "altered.txt", folder / "article.txt")
    (folder / "current.txt").symlink_to("article.txt")
    cache = LoadCache(private_cache)
    assert same_result(data, cache) is False
    assert same_result(data, cache) is True
    (folder / "current.txt").unlink()
    (folder / "current.txt").symlink_to("altered.txt")
    assert same_result(data, cache) is False
    assert [p.code for p in cache.open(data).report.problems] == ["quote-altered"]


def test_a_symlinked_articles_folder_pointed_elsewhere_is_a_miss(
    write_data: WriteData, private_cache: Path
) -> None:
    data = write_data(VALID.replace("file: article.txt", "file: texts/article.txt"))
    folder = data.parent
    altered = ARTICLE.replace("nothing can", "nothing cam")
    for name, text in (("first", ARTICLE), ("second", altered)):
        (folder / name).mkdir()
        (folder / name / "article.txt").write_text(text, encoding="utf-8")
    _same_stamp(folder / "second" / "article.txt", folder / "first" / "article.txt")
    (folder / "texts").symlink_to("first")
    cache = LoadCache(private_cache)
    assert same_result(data, cache) is False
    assert same_result(data, cache) is True
    (folder / "texts").unlink()
    (folder / "texts").symlink_to("second")
    assert same_result(data, cache) is False
    assert [p.code for p in cache.open(data).report.problems] == ["quote-altered"]


def test_a_symlink_pointed_outside_is_a_miss_even_to_the_same_bytes(
    write_data: WriteData, private_cache: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The same text elsewhere is not the same input: it may now lie outside the data folder."""
    data = write_data(VALID.replace("file: article.txt", "file: current.txt"))
    outside = tmp_path_factory.mktemp("elsewhere") / "article.txt"
    outside.write_text(ARTICLE, encoding="utf-8")
    (data.parent / "current.txt").symlink_to("article.txt")
    cache = LoadCache(private_cache)
    assert same_result(data, cache) is False
    (data.parent / "current.txt").unlink()
    (data.parent / "current.txt").symlink_to(outside)
    assert same_result(data, cache) is False
    assert "path-outside" in [p.code for p in cache.open(data).report.problems]


def test_options_are_part_of_the_key(write_data: WriteData, private_cache: Path) -> None:
    data = write_data()
    cache = LoadCache(private_cache)
    same_result(data, cache)
    assert same_result(data, cache, LoadOptions(check_quotes=False)) is False


def test_an_entry_is_one_file(write_data: WriteData, private_cache: Path) -> None:
    data = write_data()
    cache = LoadCache(private_cache)
    same_result(data, cache)
    entry = cache.entry_path(data, LoadOptions())
    assert [p.name for p in private_cache.iterdir()] == [entry.name]
    head, records = entry.read_bytes().split(b"\n", 1)
    assert json.loads(head)["counts"]["statements"] == 2
    assert marshal.loads(records)["statements"][0]["id"] == "macron-not-ruled-out"


def test_records_share_equal_parts(write_data: WriteData, private_cache: Path) -> None:
    """Records with one stance share one stance part, which the entry stores once."""
    text = VALID.replace("stance: warns", "stance: not-ruled-out")
    data = write_data(text)
    records = LoadCache(private_cache).open(data).records()
    assert records is not None
    first, second = records.statements
    assert first["stance"] is second["stance"]
    stored = LoadCache(private_cache).open(data).records()
    assert stored is not None and stored.statements[0]["stance"] is stored.statements[1]["stance"]


def test_a_folder_others_can_write_to_is_not_trusted(
    write_data: WriteData, private_cache: Path
) -> None:
    data = write_data()
    cache = LoadCache(private_cache)
    same_result(data, cache)
    entry = cache.entry_path(data, LoadOptions())
    head, body = entry.read_bytes().split(b"\n", 1)
    forged = marshal.loads(body)
    forged["statements"][0]["evidence"][0]["quote"] = "words nobody said"
    entry.write_bytes(head + b"\n" + marshal.dumps(forged))
    private_cache.chmod(0o777)  # someone else could have written that
    try:
        records = cache.open(data).records()
        assert records is not None
        assert records.statements[0]["evidence"][0]["quote"] == "nothing can be ruled out"
    finally:
        private_cache.chmod(0o700)


def test_damaged_entries_are_misses(write_data: WriteData, private_cache: Path) -> None:
    data = write_data()
    cache = LoadCache(private_cache)
    same_result(data, cache)
    entry = cache.entry_path(data, LoadOptions())
    entry.write_bytes(b"not json at all")
    assert same_result(data, cache) is False
    entry.write_bytes(b'{"something": "else"}\n')
    assert same_result(data, cache) is False


def test_damaged_records_are_read_from_the_files(
    write_data: WriteData, private_cache: Path
) -> None:
    data = write_data()
    cache = LoadCache(private_cache)
    same_result(data, cache)
    entry = cache.entry_path(data, LoadOptions())
    head = entry.read_bytes().split(b"\n", 1)[0]
    entry.write_bytes(head + b"\n{truncated")
    assert same_result(data, cache) is True  # the head is current; the records load afresh


def test_deleting_the_cache_is_safe(write_data: WriteData, private_cache: Path) -> None:
    data = write_data()
    cache = LoadCache(private_cache)
    same_result(data, cache)
    assert cache.clear() == 1
    assert same_result(data, cache) is False


def test_an_interrupted_write_is_cleaned_up_by_the_next_run(
    write_data: WriteData, private_cache: Path
) -> None:
    data = write_data()
    cache = LoadCache(private_cache)
    entry = cache.entry_path(data, LoadOptions())
    # a writer killed between writing its temporary file and renaming it into place
    killed = (
        "import os, sys; from pathlib import Path; from stancectl import cache;"
        "cache.os.replace = lambda *args: os._exit(9);"
        "cache._write_entry(Path(sys.argv[1]), [b'half an entry'])"
    )
    done = subprocess.run([sys.executable, "-c", killed, str(entry)], cwd=REPO, check=False)
    assert done.returncode == 9
    left = [p for p in private_cache.iterdir() if p.name.endswith(".tmp")]
    assert len(left) == 1
    writing_now = private_cache / f"{entry.name}.{os.getpid()}.0000.tmp"  # a live writer's
    writing_now.write_bytes(b"")
    assert same_result(data, cache) is False
    assert sorted(p.name for p in private_cache.iterdir()) == [entry.name, writing_now.name]


def test_no_cache_flag_leaves_the_cache_alone(
    write_data: WriteData, private_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data()
    assert cli.run(["who-said", "-d", str(data), "--no-cache", "-f", "json"]) == 0
    assert list(private_cache.iterdir()) == []
    assert cli.run(["who-said", "-d", str(data), "-f", "json"]) == 0
    assert [p.suffix for p in private_cache.iterdir()] == [".entry"]
    first, second = capsys.readouterr().out.split("\n{")
    assert "{" + second == first + "\n"


def test_no_home_means_no_cache(
    write_data: WriteData, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data()
    for name in ("STANCECTL_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Path, "home", lambda: (_ for _ in ()).throw(RuntimeError("no home")))
    assert cache_module.default_cache_dir() is None
    assert cli.run(["who-said", "-d", str(data), "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["count"] == 2


def _counting(hashed: list[int]) -> Callable[[bytes], str]:
    def counted(raw: bytes) -> str:
        hashed.append(1)
        return digest(raw)

    return counted


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
    monkeypatch.setattr(cache_module, "digest", _counting(hashed))
    loaded = cache.open(data)
    assert loaded.info.hit and hashed == []
    records = loaded.records()
    assert records is not None and records.texts["paper"] == ARTICLE  # read on demand


def test_a_file_touched_close_to_the_load_is_hashed_again(
    write_data: WriteData, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_data()
    cache = LoadCache(private_cache)
    same_result(data, cache)
    hashed: list[int] = []
    monkeypatch.setattr(cache_module, "digest", _counting(hashed))
    assert cache.open(data).info.hit
    assert len(hashed) == 2  # the data file and the article were written just now


def test_the_catalog_is_read_only_by_the_views_that_use_it(
    write_data: WriteData, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """who-said never unpacks articles and actors; a damaged catalog is made from the files."""
    data = write_data()
    cache = LoadCache(private_cache)
    same_result(data, cache)
    entry = cache.entry_path(data, LoadOptions())
    head, body = entry.read_bytes().split(b"\n", 1)
    length = json.loads(head)["records"]
    entry.write_bytes(head + b"\n" + body[:length] + b"\x00damaged")
    made_again: list[int] = []
    real = cache_module.Loaded._catalog_from_files

    def counted(loaded: cache_module.Loaded) -> dict[str, object]:
        made_again.append(1)
        return real(loaded)

    monkeypatch.setattr(cache_module.Loaded, "_catalog_from_files", counted)
    records = cache.open(data).records()
    assert records is not None
    assert query.who_said_document(records)["count"] == 2
    assert query.timeline_document(records)["count"] == 2
    assert made_again == []  # who-said and timeline never needed the catalog
    expected = records_of(load(data)[0])  # type: ignore[arg-type]
    assert dict(records.articles) == dict(expected.articles)
    assert made_again == [1]
    shown = query.show(records, "peskov-warns")
    assert shown["statement"]["line"] == expected.lines["peskov-warns"]
    assert made_again == [1]  # made once for every part of the catalog
