"""The scan's parts that need no cluster: reading a corpus, cutting it into batches, finding
second sources, writing and joining rows, and the resume ledger."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import orjson
import pytest

pytest.importorskip("distributed", reason="needs the scan extra: pip install 'stancectl[scan]'")
pq = pytest.importorskip("pyarrow.parquet")

from conftest import BUNDLED, VALID, Loader  # noqa: E402
from scan_support import SEEDS, news_records  # noqa: E402
from stancectl.loader import load  # noqa: E402
from stancectl.scan import rows as rows_module  # noqa: E402
from stancectl.scan.corpus import (  # noqa: E402
    CorpusArticle,
    CorpusError,
    Failure,
    count_entries,
    read_corpus,
)
from stancectl.scan.engine import batches  # noqa: E402
from stancectl.scan.parts import BatchRecord, ResumeError, WorkFolder  # noqa: E402
from stancectl.scan.quotes import CuratedQuotes, curated_quotes  # noqa: E402
from stancectl.scan.rows import (  # noqa: E402
    COLUMNS,
    SCHEMA,
    CandidateRow,
    Kind,
    OutputFormat,
    Span,
    encode_rows,
    join_parts,
)
from stancectl.scan.worker import run_batch  # noqa: E402


@pytest.fixture(scope="module")
def bundled_quotes() -> CuratedQuotes:
    dataset, _ = load(BUNDLED)
    assert dataset is not None
    return curated_quotes(dataset)


def outcomes(entries: list[CorpusArticle | Failure]) -> list[tuple[str | None, str]]:
    return [
        (entry.id, "ok" if isinstance(entry, CorpusArticle) else entry.code) for entry in entries
    ]


# --- reading ------------------------------------------------------------------------------------


def test_a_folder_is_read_recursively_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / "a.txt").write_text("first\r\nline two\r\n", encoding="utf-8")
    (tmp_path / "b" / "deep" / "c.TXT").write_text("deep", encoding="utf-8")
    (tmp_path / "b" / "z.txt").write_text("\ufeffwith a byte-order mark", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)

    entries = list(read_corpus(tmp_path))

    assert [e.id for e in entries] == ["a.txt", "b/z.txt", "b/deep/c.TXT"]
    assert [e.index for e in entries] == [0, 1, 2]
    first = entries[0]
    assert isinstance(first, CorpusArticle)
    assert first.text == "first\nline two\n"  # offsets never depend on the saving platform
    assert isinstance(entries[1], CorpusArticle)
    assert entries[1].text == "with a byte-order mark"
    assert count_entries(tmp_path) == 3


def test_bad_files_are_failures_and_the_reading_goes_on(tmp_path: Path) -> None:
    (tmp_path / "1-latin1.txt").write_bytes("Caf\xe9 cr\xe8me".encode("latin-1"))
    (tmp_path / "2-binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    (tmp_path / "3-empty.txt").write_text(" \n\n", encoding="utf-8")
    (tmp_path / "4-huge.txt").write_text("x" * 101, encoding="utf-8")
    (tmp_path / "5-good.txt").write_text("Macron said so.", encoding="utf-8")
    os.mkfifo(tmp_path / "6-fifo.txt")

    entries = list(read_corpus(tmp_path, max_article_bytes=100))

    assert outcomes(entries) == [
        ("1-latin1.txt", "not-utf8"),
        ("2-binary.txt", "binary"),
        ("3-empty.txt", "empty"),
        ("4-huge.txt", "too-large"),
        ("5-good.txt", "ok"),
        ("6-fifo.txt", "not-a-file"),
    ]
    latin = entries[0]
    assert isinstance(latin, Failure)
    assert "byte 0xe9 at offset 3" in latin.reason
    assert latin.location == str(tmp_path / "1-latin1.txt")


def test_json_lines_records_and_their_failures(tmp_path: Path) -> None:
    good = {"id": "a", "text": "One.\r\nTwo.", "published": "2024-03-08T10:00:00Z", "url": "u"}
    lines = [
        orjson.dumps(good),
        b"",  # blank lines are not entries
        b'{"id": "b", "text": "unterminated',
        b'["a list"]',
        b'{"text": "no id"}',
        b'{"id": "c"}',
        b'{"id": "d", "text": "Fine.", "published": "8 March"}',
        b'{"id": "e", "text": "Caf\xe9"}',
        orjson.dumps({"id": "f", "text": "y" * 300}),
        orjson.dumps({"id": 7, "text": "A number id.", "title": "T"}),
        b'{"id": "g", "text": "nul \\u0000 inside"}',
    ]
    corpus = tmp_path / "archive.jsonl"
    corpus.write_bytes(b"\n".join(lines))  # no newline after the last record

    entries = list(read_corpus(corpus, max_article_bytes=200))

    assert outcomes(entries) == [
        ("a", "ok"),
        (None, "invalid-json"),
        (None, "invalid-record"),
        (None, "invalid-record"),
        ("c", "invalid-record"),
        ("d", "invalid-record"),
        (None, "not-utf8"),
        (None, "too-large"),
        ("7", "ok"),
        ("g", "binary"),
    ]
    first = entries[0]
    assert isinstance(first, CorpusArticle)
    assert (first.text, first.published, first.url) == ("One.\nTwo.", dt.date(2024, 3, 8), "u")
    assert [entry.location for entry in entries][:3] == [
        f"{corpus}:1",
        f"{corpus}:3",
        f"{corpus}:4",
    ]
    assert isinstance(entries[5], Failure)
    assert "not an ISO 8601 date: '8 March'" in entries[5].reason
    assert count_entries(corpus) == 11


def test_an_oversize_record_is_skipped_without_reading_it_whole(tmp_path: Path) -> None:
    corpus = tmp_path / "archive.jsonl"
    huge = orjson.dumps({"id": "big", "text": "z" * 3_000_000})
    corpus.write_bytes(huge + b"\n" + orjson.dumps({"id": "next", "text": "After."}) + b"\n")

    entries = list(read_corpus(corpus, max_article_bytes=1000))

    assert outcomes(entries) == [(None, "too-large"), ("next", "ok")]
    assert entries[1].location == f"{corpus}:2"


def test_a_folder_that_cannot_be_listed_is_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.txt").write_text("unseen", encoding="utf-8")
    (tmp_path / "open.txt").write_text("seen", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path).name == "locked":  # what a folder without read permission gives
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    entries = list(read_corpus(tmp_path))
    assert outcomes(entries) == [("open.txt", "ok"), (None, "unreadable")]
    assert isinstance(entries[1], Failure)
    assert entries[1].location == str(tmp_path / "locked")
    assert entries[1].reason == "cannot list this folder: Permission denied"


def test_a_missing_corpus_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        list(read_corpus(tmp_path / "nowhere"))


def test_batches_are_cut_by_count_and_by_characters() -> None:
    def article(index: int, size: int) -> CorpusArticle:
        return CorpusArticle(index, str(index), "x" * size, "here")

    entries: list[CorpusArticle | Failure] = [
        article(0, 10),
        article(1, 10),
        Failure(2, None, "here", "invalid-json", "bad"),
        article(3, 10),
        article(4, 95),
        article(5, 200),  # longer than a batch may be: a batch of its own
        article(6, 1),
    ]
    cut = [[entry.index for entry in batch] for batch in batches(entries, 3, 100)]
    assert cut == [[0, 1, 2], [3], [4], [5], [6]]


# --- second sources -----------------------------------------------------------------------------


def test_a_curated_quote_in_another_outlet_is_a_second_source(
    bundled_quotes: CuratedQuotes,
) -> None:
    cited = next(q for q in bundled_quotes.quotes if "\u201c" not in q.quote and len(q.quote) > 60)
    # another outlet, straight quotes and its own line breaks: typography only
    text = f"OTHER PAPER, 9 March.\n\nIn remarks reported elsewhere: {cited.quote}\n\nMore text."
    article = CorpusArticle(3, "other-paper", text, "here", dt.date(2024, 3, 9))

    found = bundled_quotes.find(article)

    assert len(found) == 1
    row = found[0]
    assert row.kind is Kind.SECOND_SOURCE
    assert text[row.content.start : row.content.end] == row.content.text == cited.quote
    assert row.statements == cited.statements
    assert row.cited_by == cited.cited_by
    assert (row.article, row.article_index, row.published) == ("other-paper", 3, article.published)
    assert not row.curated


def test_a_quote_is_no_second_source_in_an_article_cited_for_it(
    bundled_quotes: CuratedQuotes,
) -> None:
    dataset, _ = load(BUNDLED)
    assert dataset is not None
    for article_id, text in dataset.texts.items():
        # recognised by its text, whatever id the corpus gives it
        rows = bundled_quotes.find(CorpusArticle(0, f"copy-of-{article_id}", text, "here"))
        assert all(article_id not in row.cited_by for row in rows)


def test_statements_pending_review_are_not_curated(load_text: Loader) -> None:
    pending = VALID.replace("    stance: warns\n", "    stance: warns\n    review: pending\n")
    dataset, report = load_text(pending)
    assert dataset is not None, report.problems
    text = (
        "Macron said that nothing can be ruled out; the Kremlin called it "
        "absolutely not in the interests of these countries."
    )

    rows = curated_quotes(dataset).find(CorpusArticle(0, "elsewhere", text, "here"))

    assert [row.statements for row in rows] == [("macron-not-ruled-out",)]


def test_a_changed_word_is_not_a_second_source(bundled_quotes: CuratedQuotes) -> None:
    quote = next(q.quote for q in bundled_quotes.quotes if " not " in q.quote)
    altered = quote.replace(" not ", " ", 1)
    article = CorpusArticle(0, "altered", f"A paper wrote: {altered}", "here")
    assert bundled_quotes.find(article) == []


def test_recombined_seed_paragraphs_carry_second_sources(bundled_quotes: CuratedQuotes) -> None:
    records = news_records(20)
    found = [
        row
        for index, record in enumerate(records)
        for row in bundled_quotes.find(CorpusArticle(index, record["id"], record["text"], "x"))
    ]
    assert len(found) >= 20
    for row in found:
        text = records[row.article_index]["text"]
        assert text[row.content.start : row.content.end] == row.content.text


# --- rows ----------------------------------------------------------------------------------------


def sample_row(index: int) -> CandidateRow:
    return CandidateRow(
        article=f"a{index}",
        article_index=index,
        kind=Kind.SUGGESTION,
        content=Span("nothing can be ruled out", 40 + index, 64 + index),
        source=Span("Macron", 0, 6),
        cue=Span("said", 7, 11),
        actor="macron",
        attribution="direct",
        said_on=dt.date(2024, 2, 26),
        date_precision="day",
        published=dt.date(2024, 2, 27),
        statements=("s1",),
    )


@pytest.mark.parametrize("output_format", list(OutputFormat))
def test_parts_join_in_order_into_row_groups(
    output_format: OutputFormat, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rows_module, "ROW_GROUP_ROWS", 4)
    parts = []
    for number, size in enumerate([3, 0, 5, 2]):
        part = tmp_path / f"part-{number}"
        first = sum([3, 0, 5, 2][:number])
        part.write_bytes(encode_rows([sample_row(first + i) for i in range(size)], output_format))
        parts.append(part)
    target = tmp_path / f"out.{output_format.value}"
    with target.open("wb") as handle:
        join_parts(parts, output_format, handle)

    if output_format is OutputFormat.PARQUET:
        parquet = pq.ParquetFile(target)
        assert [parquet.metadata.row_group(i).num_rows for i in range(3)] == [4, 4, 2]
        assert parquet.schema_arrow.metadata[b"stancectl.schema"] == SCHEMA.encode()
        records = parquet.read().to_pylist()
    else:
        records = [orjson.loads(line) for line in target.read_bytes().splitlines()]
    assert [r["article_index"] for r in records] == list(range(10))
    assert tuple(records[0]) == COLUMNS
    assert records[0]["content_end"] == 64
    assert records[0]["statements"] == ["s1"]
    assert str(records[0]["said_on"]) == "2024-02-26"


def test_an_empty_scan_is_a_valid_empty_parquet_file(tmp_path: Path) -> None:
    target = tmp_path / "none.parquet"
    with target.open("wb") as handle:
        join_parts([], OutputFormat.PARQUET, handle)
    table = pq.read_table(target)
    assert table.num_rows == 0
    assert tuple(table.column_names) == COLUMNS


def test_one_articles_failed_analysis_does_not_stop_its_batch(
    bundled_quotes: CuratedQuotes,
) -> None:
    class Fussy:
        def identity(self) -> str:
            return "fussy"

        def prepare(self) -> None:
            pass

        def analyse(self, article: CorpusArticle) -> list[CandidateRow]:
            if article.id == "bad":
                raise ValueError("cannot parse this one\nsecond line")
            return bundled_quotes.find(article)

    text = SEEDS[0].read_text(encoding="utf-8")
    entries: list[CorpusArticle | Failure] = [
        CorpusArticle(0, "bad", text, "x:1"),
        Failure(1, None, "x:2", "invalid-json", "not a JSON record"),
        CorpusArticle(2, "good", "Nothing quoted here at all.", "x:3"),
    ]
    result = run_batch(Fussy(), 5, entries, OutputFormat.JSONL)

    assert result.record.batch == 5
    assert (result.record.entries, result.record.articles, result.record.rows) == (3, 1, 0)
    assert [(f["index"], f["code"]) for f in result.record.failures] == [
        (0, "analysis-failed"),
        (1, "invalid-json"),
    ]
    assert (
        result.record.failures[0]["reason"] == "analysis failed: ValueError: cannot parse this one"
    )
    assert result.payload == b""


# --- the resume ledger --------------------------------------------------------------------------


def record(batch: int) -> BatchRecord:
    return BatchRecord(batch, batch * 2, 2, 2, 1, 1, 0, 0.01, f"digest-{batch}")


def test_the_ledger_keeps_finished_batches_only(tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    manifest = {"corpus": "c", "analysis": "a"}
    work = WorkFolder(output, "jsonl")
    assert work.open(manifest, resume=False) == {}
    work.record(record(0), b'{"row": 0}\n')
    work.record(record(1), b'{"row": 1}\n')
    work.part(1).unlink()  # a part lost: its batch is done again
    with (work.path / "ledger.jsonl").open("ab") as ledger:
        ledger.write(b'{"batch": 2, "fir')  # cut short by a kill

    assert set(WorkFolder(output, "jsonl").open(manifest, resume=True)) == {0}


def test_a_leftover_scan_is_neither_ignored_nor_resumed_under_other_settings(
    tmp_path: Path,
) -> None:
    output = tmp_path / "out.parquet"
    WorkFolder(output, "parquet").open({"corpus": "c", "analysis": "a"}, resume=False)

    with pytest.raises(ResumeError, match="--resume to continue it"):
        WorkFolder(output, "parquet").open({"corpus": "c", "analysis": "a"}, resume=False)
    with pytest.raises(ResumeError, match="different analysis"):
        WorkFolder(output, "parquet").open({"corpus": "c", "analysis": "b"}, resume=True)


def test_a_row_for_an_interrupted_quotation_marks_the_writer_s_words() -> None:
    # the content runs over both parts of the quotation; `gap` says which words are the
    # writer's, as the suggest document does
    from stancectl.scan.corpus import CorpusArticle
    from stancectl.scan.suggestions import suggestion_row
    from stancectl.suggest import build_registry, suggest_article

    dataset, _ = load(BUNDLED)
    assert dataset is not None
    text = "Troops\n\n\u201cThe plan,\u201d Olaf Scholz said on Thursday, \u201cis dead.\u201d\n"
    found = suggest_article(
        text, registry=build_registry(dataset), published=dt.date(2024, 3, 1), engine="regex"
    )
    row = suggestion_row(CorpusArticle(0, "a", text, "a.txt"), found[0], None).as_record()
    assert row["attribution"] == "direct"
    assert row["gap"] == ",\u201d Olaf Scholz said on Thursday, \u201c"
    assert row["content_start"] < row["gap_start"] < row["gap_end"] < row["content_end"]
    assert text[row["gap_start"] : row["gap_end"]] == row["gap"]
    assert tuple(row)[-3:] == ("gap", "gap_start", "gap_end") == COLUMNS[-3:]
