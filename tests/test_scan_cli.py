"""`stancectl scan`: suggest over a corpus on Dask equals suggest run on each article in turn;
the summary, the refusals, and the message without the extra."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from conftest import BUNDLED, REPO, VALID
from scan_support import SEEDS, news_records, write_json_lines
from stancectl.cli import run
from stancectl.loader import load
from stancectl.problems import ExitCode

pytest.importorskip("distributed", reason="needs the scan extra: pip install 'stancectl[scan]'")
pq = pytest.importorskip("pyarrow.parquet")

SUMMARY_KEYS = [
    "schema",
    "corpus",
    "output",
    "errors",
    "articles_read",
    "articles_analysed",
    "failed",
    "failure_codes",
    "candidates",
    "suggestions",
    "second_sources",
    "new_speakers",
    "cpu_ms_per_article",
    "wall_seconds",
    "workers",
    "batches",
    "resumed_batches",
    "engine",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    records = news_records(10, seed=3)
    records += [
        {"id": f"seed-{path.stem}", "text": path.read_text(encoding="utf-8")} for path in SEEDS
    ]
    folder = tmp_path_factory.mktemp("scan-cli")
    return write_json_lines(folder / "archive.jsonl", records, extra=b'{"id": "cut", "te\n')


def suggest_one_by_one(corpus: Path, engine: str) -> list[dict[str, Any]]:
    """What `stancectl suggest` proposes for each article of the corpus, read independently of
    the scan's reader, in corpus order: the candidates of stancectl.suggest/1."""
    from stancectl.suggest import build_registry, suggest_article
    from stancectl.text import normalise_article_text

    dataset, _ = load(BUNDLED)
    assert dataset is not None
    registry = build_registry(dataset)
    by_text = {" ".join(text.split()): article for article, text in dataset.texts.items()}
    found = []
    for line in corpus.read_bytes().splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        text = normalise_article_text(record["text"])
        known = by_text.get(" ".join(text.split()))
        published = dt.date.fromisoformat(record["published"]) if "published" in record else None
        precision = "day"
        if published is None and known is not None:
            published = dataset.articles[known].published
            precision = dataset.articles[known].published_precision.value
        for candidate in suggest_article(
            text,
            registry=registry,
            published=published,
            published_precision=precision,
            article_id=known,
            engine=engine,
        ):
            found.append({"article": record["id"], **candidate.as_dict()})
    return found


def as_suggest_candidate(row: dict[str, Any]) -> dict[str, Any]:
    """A scan row in the shape of a stancectl.suggest/1 candidate (the new actor by name and
    id only, as the row holds it)."""

    def span(name: str) -> dict[str, Any]:
        return {"text": row[name], "start": row[f"{name}_start"], "end": row[f"{name}_end"]}

    return {
        "article": row["article"],
        "source": span("source"),
        "cue": span("cue"),
        "content": span("content"),
        "actor": row["actor"],
        "new_actor": (row["new_actor_id"], row["new_actor"]) if row["new_actor"] else None,
        "attribution": row["attribution"],
        "said_on": str(row["said_on"]) if row["said_on"] else None,
        "date_precision": row["date_precision"],
        "stance": row["stance"],
        "covered_by": row["statements"],
        "gap": span("gap") if row["gap"] is not None else None,
    }


def comparable(candidate: dict[str, Any]) -> dict[str, Any]:
    proposed = candidate["new_actor"]
    return {**candidate, "new_actor": (proposed["id"], proposed["name"]) if proposed else None}


@pytest.mark.parametrize("engine", ["spacy", "regex"])
def test_scan_equals_suggest_on_each_article_in_turn(
    engine: str,
    corpus: Path,
    tmp_path: Path,
    scan_cluster: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if engine == "spacy" and importlib.util.find_spec("spacy") is None:
        pytest.skip("needs the suggest extra")
    output = tmp_path / "candidates.parquet"
    argv = ["--data", str(BUNDLED), "scan", str(corpus), "-o", str(output), "--engine", engine]
    argv += ["--scheduler", scan_cluster.scheduler_address, "--batch", "3", "-f", "json"]

    assert run(argv) == ExitCode.OK, capsys.readouterr().err

    rows = pq.read_table(output).to_pylist()
    suggested = [as_suggest_candidate(r) for r in rows if r["kind"] == "suggestion"]
    expected = [comparable(candidate) for candidate in suggest_one_by_one(corpus, engine)]
    assert len(expected) > 50
    assert suggested == expected
    assert [r["article_index"] for r in rows] == sorted(r["article_index"] for r in rows)
    assert any(r["kind"] == "second-source" for r in rows)
    summary = json.loads(capsys.readouterr().out)
    assert list(summary) == SUMMARY_KEYS
    assert summary["schema"] == "stancectl.scan-summary/1"
    assert summary["engine"] == engine
    assert (summary["articles_read"], summary["articles_analysed"], summary["failed"]) == (
        16,
        15,
        1,
    )
    assert summary["failure_codes"] == {"invalid-json": 1}
    assert summary["candidates"] == len(rows)
    assert summary["suggestions"] == len(suggested)
    # bundled articles are recognised by their text: their curated quotes are covered
    assert any(r["curated"] for r in rows if r["article"].startswith("seed-"))


def test_the_table_summary(
    corpus: Path, tmp_path: Path, scan_cluster: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out.jsonl"
    argv = ["--data", str(BUNDLED), "scan", str(corpus), "-o", str(output), "--engine", "regex"]
    assert run([*argv, "--scheduler", scan_cluster.scheduler_address]) == ExitCode.OK
    text, err = capsys.readouterr()
    assert err == ""  # no progress bar when standard error is not a terminal
    assert text.startswith(f"Scanned {corpus}: 16 articles read in ")
    assert "  failed               1  (invalid-json 1)  -> " in text
    assert f"-> {tmp_path / 'out.errors.jsonl'}\n" in text
    assert "new speakers most often quoted:" in text
    rows = [orjson.loads(line) for line in output.read_bytes().splitlines()]
    assert f"  candidates   {len(rows):>9,}  (" in text


def test_refusals_are_usage_errors(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "taken.parquet"
    output.write_bytes(b"the user's file")
    base = ["--data", str(BUNDLED), "scan", str(corpus), "--engine", "regex"]

    assert run([*base, "-o", str(output)]) == ExitCode.USAGE
    assert "taken.parquet exists; pass --force to replace it" in capsys.readouterr().err
    assert run([*base, "-o", str(tmp_path / "out.csv")]) == ExitCode.USAGE
    assert "name a .parquet or a .jsonl file" in capsys.readouterr().err
    (tmp_path / ".left.parquet.scan").mkdir()
    assert run([*base, "-o", str(tmp_path / "left.parquet")]) == ExitCode.USAGE
    assert "--resume to continue it" in capsys.readouterr().err
    os.mkfifo(tmp_path / "pipe.jsonl")
    assert run([*base, "-o", str(tmp_path / "pipe.jsonl"), "--force"]) == ExitCode.USAGE
    assert "pipe.jsonl is not a regular file" in capsys.readouterr().err
    assert run([*base[:3], str(tmp_path / "nowhere"), "-o", str(tmp_path / "x.jsonl")]) == 2
    assert "nowhere does not exist: give a folder" in capsys.readouterr().err
    assert output.read_bytes() == b"the user's file"


def test_data_with_errors_is_refused(
    corpus: Path,
    tmp_path: Path,
    write_data: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = write_data(VALID.replace("actor: peskov\n", "actor: peskow\n"))
    argv = ["--data", str(data), "scan", str(corpus), "-o", str(tmp_path / "x.parquet")]
    assert run(argv) == ExitCode.DATA_PROBLEMS
    assert "unknown actor 'peskow'" in capsys.readouterr().err
    assert not (tmp_path / "x.parquet").exists()


def test_an_unreachable_scheduler_is_an_error_not_a_traceback(
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from stancectl.scan import engine

    monkeypatch.setattr(engine, "CONNECT_SECONDS", 1.0)
    argv = ["--data", str(BUNDLED), "scan", str(corpus), "-o", str(tmp_path / "x.parquet")]
    assert run([*argv, "--engine", "regex", "--scheduler", "tcp://127.0.0.1:9"]) == 1
    err = capsys.readouterr().err
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # nothing to resume: nothing left behind


def test_without_the_extra_scan_says_what_to_install(
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_find_spec = importlib.util.find_spec

    def without_dask(name: str, *args: Any) -> Any:
        return None if name == "distributed" else real_find_spec(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", without_dask)
    argv = ["--data", str(BUNDLED), "scan", str(corpus), "-o", str(tmp_path / "x.parquet")]
    assert run(argv) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert "scan needs distributed, which are not installed" in err
    assert "pip install 'stancectl[scan]'" in err
    assert list(tmp_path.iterdir()) == []


README_QUERY = "SELECT actor, count(*) AS quotes FROM 'candidates.parquet'"


def test_the_readme_duckdb_query_runs(
    tmp_path: Path, scan_cluster: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    duckdb = pytest.importorskip("duckdb")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("```sql\n") + len("```sql\n")
    query = readme[start : readme.index("```", start)]
    assert query.startswith(README_QUERY)
    output = tmp_path / "candidates.parquet"
    argv = ["--data", str(BUNDLED), "scan", str(REPO / "seeds"), "-o", str(output)]
    assert run([*argv, "--engine", "regex", "--scheduler", scan_cluster.scheduler_address]) == 0
    capsys.readouterr()

    connection = duckdb.connect()
    result = connection.execute(query.replace("'candidates.parquet'", f"'{output}'")).fetchall()

    table = pq.read_table(output).to_pylist()
    quoted = Counter(
        r["actor"] for r in table if r["kind"] == "suggestion" and not r["curated"] and r["actor"]
    )
    assert quoted
    assert result == sorted(quoted.items(), key=lambda item: (-item[1], item[0]))[:10]
