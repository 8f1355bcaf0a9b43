"""Shared fixtures: a small valid data set written to a temporary folder, ready to mutate."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from stancectl.dataset import Dataset
from stancectl.inputs import LoadOptions
from stancectl.loader import load
from stancectl.problems import Report

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "stances.yaml"

ARTICLE = (
    "PARIS: French President Emmanuel Macron said on Monday that \u201cnothing can be ruled "
    "out\u201d in the development of the situation.\n\n"
    "The Kremlin\u2019s spokesman warned that such a step was \u201cabsolutely not in the "
    "interests of these countries\u201d.\n"
)

VALID = """\
version: 1
topics:
  - id: troops
    question: Should Western countries send ground troops to Ukraine?
stances:
  - id: rules-out
    label: rules out troops
    score: -2
  - id: not-ruled-out
    label: does not rule out
    score: 1
  - id: warns
    label: warns of consequences
governments:
  - id: fr
    name: France
  - id: ru
    name: Russia
actors:
  - id: macron
    name: Emmanuel Macron
    aliases: [Macron, the French leader]
    roles:
      - title: President of France
        government: fr
        from: 2017-05-14
  - id: peskov
    name: Dmitry Peskov
    roles:
      - title: Kremlin spokesman
        government: ru
        from: 2012-05-22
articles:
  - id: paper
    file: article.txt
    published: 2024-02-27
statements:
  - id: macron-not-ruled-out
    actor: macron
    government: fr
    topic: troops
    stance: not-ruled-out
    said_on: 2024-02-26
    evidence:
      - article: paper
        quote: "nothing can be ruled out"
        attribution: direct
  - id: peskov-warns
    actor: peskov
    topic: troops
    stance: warns
    said_on: 2024-02-27
    evidence:
      - article: paper
        quote: "absolutely not in the interests of these countries"
        attribution: direct
"""

Loader = Callable[..., tuple[Dataset | None, Report]]


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing `needle`, so tests name lines by content."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[occurrence - 1]


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own empty cache folder, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    folder.chmod(0o700)
    monkeypatch.setenv("STANCECTL_CACHE_DIR", str(folder))
    monkeypatch.delenv("STANCECTL_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def write_data(tmp_path: Path) -> Callable[..., Path]:
    def write(yaml_text: str = VALID, article: str | bytes = ARTICLE) -> Path:
        target = tmp_path / "article.txt"
        if isinstance(article, bytes):
            target.write_bytes(article)
        else:
            target.write_text(article, encoding="utf-8")
        data = tmp_path / "stances.yaml"
        data.write_text(yaml_text, encoding="utf-8")
        return data

    return write


@pytest.fixture
def load_text(write_data: Callable[..., Path]) -> Loader:
    def run(
        yaml_text: str = VALID, article: str | bytes = ARTICLE, **options: Any
    ) -> tuple[Dataset | None, Report]:
        return load(write_data(yaml_text, article), LoadOptions(**options))

    return run


def problem_table(report: Report) -> list[tuple[int, str, str]]:
    return [(p.line, p.severity.value, p.code) for p in report.sorted()]


@pytest.fixture(scope="session")
def scan_cluster() -> Iterator[Any]:
    """A Dask cluster of two worker processes on 127.0.0.1, shared by the scan tests."""
    distributed = pytest.importorskip("distributed", reason="needs the scan extra")
    import logging

    import dask

    # as the scan's own clusters: no copies of past messages (batches of articles) kept
    with (
        dask.config.set({"distributed.admin.low-level-log-length": 0}),
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",  # its HTTP server: on this machine only, any free port
            silence_logs=logging.ERROR,
        ) as cluster,
    ):
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        yield cluster
