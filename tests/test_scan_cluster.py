"""Scans on real Dask clusters on 127.0.0.1: one the scan starts itself, one started by the test,
and a scheduler and workers running as separate processes. Each output is compared row for row
with the same analysis run in this process one article after another."""

from __future__ import annotations

import dataclasses
import gc
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import orjson
import pytest

pytest.importorskip("distributed", reason="needs the scan extra: pip install 'stancectl[scan]'")
pq = pytest.importorskip("pyarrow.parquet")

from distributed import LocalCluster  # noqa: E402

from conftest import BUNDLED  # noqa: E402
from scan_support import (  # noqa: E402
    SEEDS,
    TESTS,
    GatedAnalysis,
    TracedAnalysis,
    news_records,
    process_cluster,
    stop_group,
    wait_for,
    waiting_pids,
    write_json_lines,
)
from stancectl.loader import load  # noqa: E402
from stancectl.scan import ScanSettings, SecondSources, curated_quotes, scan  # noqa: E402
from stancectl.scan.corpus import CorpusArticle  # noqa: E402
from stancectl.scan.engine import ScanError, sequential_rows  # noqa: E402

ARTICLES = 48
BROKEN = b'{"id": "broken", "text": "cut short\n{"id": "latin", "text": "caf\xe9"}\n'


@pytest.fixture(scope="module")
def analysis() -> SecondSources:
    dataset, _ = load(BUNDLED)
    assert dataset is not None
    return SecondSources(curated_quotes(dataset))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """News-like articles from the bundled ones, with a corrupt and a non-UTF-8 record."""
    records = news_records(ARTICLES)
    folder = tmp_path_factory.mktemp("corpus")
    return write_json_lines(folder / "archive.jsonl", records, extra=BROKEN)


@pytest.fixture(scope="module")
def expected(corpus: Path, analysis: SecondSources) -> list[dict[str, Any]]:
    rows = as_json(sequential_rows(corpus, analysis))
    assert len(rows) >= ARTICLES  # the corpus really has second sources to find
    return rows


def as_json(rows: Any) -> list[dict[str, Any]]:
    return [orjson.loads(orjson.dumps(row)) for row in rows]


def written_rows(path: Path) -> list[dict[str, Any]]:
    if path.suffix == ".parquet":
        return as_json(pq.read_table(path).to_pylist())
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def failure_codes(path: Path) -> list[tuple[str | None, str]]:
    return [
        (failure["article"], failure["code"])
        for failure in map(orjson.loads, path.read_bytes().splitlines())
    ]


def test_a_scan_on_its_own_local_cluster(tmp_path: Path, analysis: SecondSources) -> None:
    corpus = tmp_path / "folder"
    (corpus / "more").mkdir(parents=True)
    for number, record in enumerate(news_records(6)):
        (corpus / "more" / f"{number}.txt").write_text(record["text"], encoding="utf-8")
    for seed in SEEDS:
        (corpus / seed.name).write_bytes(seed.read_bytes())
    (corpus / "corrupt.txt").write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00")
    (corpus / "latin1.txt").write_bytes("R\xe9sum\xe9".encode("latin-1"))
    output = tmp_path / "out" / "candidates.parquet"
    output.parent.mkdir()

    summary = scan(corpus, analysis, ScanSettings(output=output, workers=2, batch_articles=3))

    assert written_rows(output) == as_json(sequential_rows(corpus, analysis))
    assert summary.workers == 2
    assert (summary.entries, summary.articles, summary.failed) == (13, 11, 2)
    assert summary.failure_codes == {"binary": 1, "not-utf8": 1}
    assert summary.candidates == summary.second_sources == pq.read_table(output).num_rows > 0
    assert failure_codes(output.parent / "candidates.errors.jsonl") == [
        ("corrupt.txt", "binary"),
        ("latin1.txt", "not-utf8"),
    ]
    assert sorted(p.name for p in output.parent.iterdir()) == [
        "candidates.errors.jsonl",
        "candidates.parquet",
    ]


def test_the_client_holds_only_the_batches_in_flight(
    tmp_path: Path, corpus: Path, analysis: SecondSources
) -> None:
    """Memory stays bounded: while the scan runs, the client holds the articles of at most the
    window's batches, not those it has sent before (Dask would keep copies of its messages)."""

    def articles_alive() -> int:
        gc.collect()
        return sum(isinstance(o, CorpusArticle) for o in gc.get_objects())

    before = articles_alive()  # other tests' articles, if any
    alive: list[int] = []
    settings = ScanSettings(output=tmp_path / "c.jsonl", workers=1, batch_articles=1, window=2)
    scan(corpus, analysis, settings, on_progress=lambda _: alive.append(articles_alive() - before))

    assert len(alive) == ARTICLES + 2
    # two in flight (on the client's side and, for a local cluster, in its scheduler's task
    # states), one being read, and a few the scheduler is about to forget: never the corpus
    assert max(alive) <= 10


@pytest.mark.parametrize(("suffix", "batch"), [(".parquet", 5), (".jsonl", 1), (".parquet", 64)])
def test_a_scan_on_a_running_cluster_equals_the_sequential_run(
    suffix: str,
    batch: int,
    tmp_path: Path,
    corpus: Path,
    analysis: SecondSources,
    expected: list[dict[str, Any]],
    scan_cluster: LocalCluster,
) -> None:
    output = tmp_path / f"candidates{suffix}"
    settings = ScanSettings(
        output=output, scheduler=scan_cluster.scheduler_address, batch_articles=batch, window=3
    )
    seen: list[int] = []

    summary = scan(corpus, analysis, settings, on_progress=lambda p: seen.append(p.entries))

    assert written_rows(output) == expected
    assert failure_codes(tmp_path / "candidates.errors.jsonl") == [
        (None, "invalid-json"),
        (None, "not-utf8"),
    ]
    assert (summary.entries, summary.articles, summary.candidates) == (
        ARTICLES + 2,
        ARTICLES,
        len(expected),
    )
    assert seen == sorted(seen)
    assert seen[-1] == ARTICLES + 2


def test_the_analysis_is_prepared_once_per_worker(
    tmp_path: Path, corpus: Path, analysis: SecondSources, scan_cluster: LocalCluster
) -> None:
    """The registry travels once to each worker and is prepared there once (where the spaCy
    model loads), however many batches the worker runs."""
    trace = tmp_path / "trace"
    trace.mkdir()
    output = tmp_path / "candidates.parquet"
    settings = ScanSettings(
        output=output, scheduler=scan_cluster.scheduler_address, batch_articles=2
    )

    scan(corpus, TracedAnalysis(analysis, trace), settings)

    analysed = [path.name.split("-") for path in trace.glob("analysed-*")]
    assert sorted(int(index) for _, _, index in analysed) == list(range(ARTICLES))
    workers = {pid for _, pid, _ in analysed}
    assert len(workers) == 2  # both workers took part
    prepared = {path.name.split("-")[1]: path.read_text() for path in trace.glob("prepared-*")}
    assert set(prepared) == workers
    assert all(log == "prepared\n" for log in prepared.values())


def test_a_killed_worker_loses_no_article(
    tmp_path: Path,
    corpus: Path,
    analysis: SecondSources,
    expected: list[dict[str, Any]],
    scan_cluster: LocalCluster,
) -> None:
    gate = tmp_path / "gate"
    gate.mkdir()
    held = GatedAnalysis(analysis, gate, from_index=ARTICLES // 2)
    output = tmp_path / "candidates.parquet"
    killed: list[int] = []

    def kill_one_worker_mid_article() -> None:
        wait_for(lambda: bool(waiting_pids(gate)))
        victim = min(waiting_pids(gate))
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)
        (gate / f"waiting-{victim}").unlink()
        held_before = waiting_pids(gate) | {victim}
        # a worker started in its place takes up the batches
        wait_for(lambda: bool(waiting_pids(gate) - held_before))
        (gate / "open").touch()

    killer = threading.Thread(target=kill_one_worker_mid_article)
    killer.start()
    try:
        summary = scan(
            corpus,
            held,
            ScanSettings(output=output, scheduler=scan_cluster.scheduler_address, batch_articles=4),
        )
    finally:
        (gate / "open").touch()
        killer.join()

    assert killed
    assert written_rows(output) == expected
    assert (summary.articles, summary.failed) == (ARTICLES, 2)


def test_scheduler_and_workers_as_separate_processes(
    tmp_path: Path, corpus: Path, analysis: SecondSources, expected: list[dict[str, Any]]
) -> None:
    """`--scheduler` against `dask scheduler` and `dask worker` processes. When the only worker
    is killed mid-article the scan stops, resumably; `--resume` on a new worker finishes it
    with the output an uninterrupted scan writes."""
    with process_cluster(tmp_path, workers=1, env={}) as cluster:
        whole = tmp_path / "whole.parquet"
        scan(corpus, analysis, ScanSettings(output=whole, scheduler=cluster.address))
        assert written_rows(whole) == expected

        gate = tmp_path / "gate"
        gate.mkdir()
        held = GatedAnalysis(analysis, gate, from_index=ARTICLES // 2)
        output = tmp_path / "resumed.parquet"
        settings = ScanSettings(
            output=output, scheduler=cluster.address, batch_articles=4, no_workers_seconds=1
        )

        def kill_the_worker() -> None:
            wait_for(lambda: bool(waiting_pids(gate)))
            stop_group(cluster.workers[0])  # its nanny too: nothing restarts it

        killer = threading.Thread(target=kill_the_worker)
        killer.start()
        try:
            with pytest.raises(ScanError, match="no workers for 1 s") as stopped:
                scan(corpus, held, settings)
        finally:
            killer.join()
        assert "run the same command with --resume" in str(stopped.value)
        assert not output.exists()

        (gate / "open").touch()
        cluster.start_worker()
        summary = scan(corpus, held, dataclasses.replace(settings, resume=True))

    assert summary.resumed_batches > 0
    assert (summary.articles, summary.failed) == (ARTICLES, 2)
    assert output.read_bytes() == whole.read_bytes()


INTERRUPTIBLE = """
import sys
from pathlib import Path
from scan_support import GatedAnalysis
from stancectl.loader import load
from stancectl.problems import StancectlError
from stancectl.scan import ScanSettings, SecondSources, curated_quotes, scan

corpus, output, gate, bundled = map(Path, sys.argv[1:])
dataset, _ = load(bundled)
held = GatedAnalysis(SecondSources(curated_quotes(dataset)), gate, from_index=20)
try:
    scan(corpus, held, ScanSettings(output=output, workers=1, batch_articles=4))
except StancectlError as error:
    print(error, file=sys.stderr)
    sys.exit(error.exit_code)
"""


def test_an_interrupted_scan_resumes_to_the_same_output(
    tmp_path: Path, corpus: Path, analysis: SecondSources, scan_cluster: LocalCluster
) -> None:
    gate = tmp_path / "gate"
    gate.mkdir()
    output = tmp_path / "candidates.jsonl"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), *sys.path])}
    client = subprocess.Popen(
        [sys.executable, "-c", INTERRUPTIBLE, str(corpus), str(output), str(gate), str(BUNDLED)],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    ledger = tmp_path / ".candidates.jsonl.scan" / "ledger.jsonl"
    try:
        wait_for(lambda: bool(waiting_pids(gate)) and ledger.exists())
        client.send_signal(signal.SIGINT)  # what Ctrl-C sends
        _, stderr = client.communicate(timeout=60)
    finally:
        if client.poll() is None:
            client.kill()
    assert client.returncode == 130, stderr
    assert "--resume" in stderr
    assert not output.exists()
    (gate / "open").touch()

    held = GatedAnalysis(analysis, gate, from_index=20)
    settings = ScanSettings(
        output=output, scheduler=scan_cluster.scheduler_address, batch_articles=4, resume=True
    )
    summary = scan(corpus, held, settings)

    uninterrupted = tmp_path / "whole.jsonl"
    scan(
        corpus,
        analysis,
        ScanSettings(
            output=uninterrupted, scheduler=scan_cluster.scheduler_address, batch_articles=4
        ),
    )
    assert summary.resumed_batches > 0
    assert output.read_bytes() == uninterrupted.read_bytes()
    assert (tmp_path / "candidates.errors.jsonl").read_bytes() == (
        tmp_path / "whole.errors.jsonl"
    ).read_bytes()
