"""Material for the scan tests: small news-like corpora built from the bundled articles, Dask
clusters on 127.0.0.1, and an analysis that can be held mid-article so a test can kill the worker
running it at a known moment."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from stancectl.scan.analysis import Analysis
from stancectl.scan.corpus import CorpusArticle
from stancectl.scan.rows import CandidateRow

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "seeds").glob("*.txt"))
TESTS = Path(__file__).resolve().parent
LOCALHOST = "127.0.0.1"
HOLD_SECONDS = 90.0


def seed_paragraphs() -> list[str]:
    return [
        paragraph.strip()
        for path in SEEDS
        for paragraph in path.read_text(encoding="utf-8").split("\n\n")
        if paragraph.strip()
    ]


def news_records(count: int, seed: int = 7) -> list[dict[str, str]]:
    """`count` articles, each a few paragraphs of the bundled articles recombined: the real
    attributions and quotes of the seeds, reported by outlets that are not cited for them."""
    paragraphs = seed_paragraphs()
    chooser = random.Random(seed)
    records = []
    for number in range(count):
        chosen = chooser.sample(paragraphs, k=chooser.randint(2, 5))
        day = 1 + number % 28
        records.append(
            {
                "id": f"wire-{number:05d}",
                "text": "\n\n".join(chosen) + "\n",
                "published": f"2024-03-{day:02d}",
                "title": chosen[0][:60],
            }
        )
    return records


def write_json_lines(path: Path, records: list[dict[str, str]], extra: bytes = b"") -> Path:
    lines = [json.dumps(record, ensure_ascii=False).encode() for record in records]
    path.write_bytes(b"\n".join(lines) + b"\n" + extra)
    return path


class GatedAnalysis:
    """Another analysis, held at each article from `from_index` on until the file `open`
    exists in `gate`; while held it leaves `waiting-PID` there, naming the process to kill."""

    def __init__(self, inner: Analysis, gate: Path, from_index: int) -> None:
        self.inner = inner
        self.gate = gate
        self.from_index = from_index

    def identity(self) -> str:
        return self.inner.identity()

    def prepare(self) -> None:
        self.inner.prepare()

    def analyse(self, article: CorpusArticle) -> list[CandidateRow]:
        if article.index >= self.from_index:
            waiting = self.gate / f"waiting-{os.getpid()}"
            deadline = time.monotonic() + HOLD_SECONDS  # a broken test fails, never hangs
            while not (self.gate / "open").exists() and time.monotonic() < deadline:
                waiting.touch()
                time.sleep(0.02)
        return self.inner.analyse(article)


class TracedAnalysis:
    """Another analysis that leaves a file in `trace` for each `prepare` and each article, named
    by the process: to see where and how often each happened."""

    def __init__(self, inner: Analysis, trace: Path) -> None:
        self.inner = inner
        self.trace = trace

    def identity(self) -> str:
        return self.inner.identity()

    def prepare(self) -> None:
        with (self.trace / f"prepared-{os.getpid()}").open("a") as log:
            log.write("prepared\n")
        self.inner.prepare()

    def analyse(self, article: CorpusArticle) -> list[CandidateRow]:
        (self.trace / f"analysed-{os.getpid()}-{article.index}").touch()
        return self.inner.analyse(article)


def wait_for(condition: object, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not callable(condition) or not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


def waiting_pids(gate: Path) -> set[int]:
    return {int(path.name.split("-")[1]) for path in gate.glob("waiting-*")}


class ProcessCluster:
    """A Dask scheduler and workers as separate processes on 127.0.0.1, each started in a
    session of its own so that stopping one stops all it started."""

    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        self.folder = folder
        self.environment = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]),
            **env,
        }
        self.dask = str(Path(sys.executable).with_name("dask"))
        self.address = ""
        self.scheduler: subprocess.Popen[bytes] | None = None
        self.workers: list[subprocess.Popen[bytes]] = []

    def _start(self, *arguments: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [self.dask, *arguments, "--host", LOCALHOST, "--no-dashboard",
             "--dashboard-address", f"{LOCALHOST}:0"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=self.environment,
            start_new_session=True,
        )  # fmt: skip

    def start_scheduler(self) -> None:
        scheduler_file = self.folder / "scheduler.json"
        self.scheduler = self._start(
            "scheduler", "--port", "0", "--scheduler-file", str(scheduler_file)
        )
        wait_for(lambda: _address(scheduler_file) is not None)
        self.address = str(_address(scheduler_file))
        assert self.address.startswith(f"tcp://{LOCALHOST}:")

    def start_worker(self, processes: int = 1) -> subprocess.Popen[bytes]:
        worker = self._start(
            "worker", self.address, "--nworkers", str(processes), "--nthreads", "1",
            "--local-directory", str(self.folder),
        )  # fmt: skip
        self.workers.append(worker)
        return worker

    def stop(self) -> None:
        for worker in self.workers:
            stop_group(worker)
        if self.scheduler is not None:
            stop_group(self.scheduler)


@contextmanager
def process_cluster(folder: Path, workers: int, env: dict[str, str]) -> Iterator[ProcessCluster]:
    cluster = ProcessCluster(folder, env)
    try:
        cluster.start_scheduler()
        cluster.start_worker(workers)
        yield cluster
    finally:
        cluster.stop()


def stop_group(process: subprocess.Popen[bytes]) -> None:
    """Stop a process started in a session of its own, with every process it started (a Dask
    worker's nanny and its worker): politely first, then for certain."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=3)
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _address(scheduler_file: Path) -> str | None:
    try:
        return str(json.loads(scheduler_file.read_text())["address"])
    except (OSError, ValueError, KeyError):
        return None
