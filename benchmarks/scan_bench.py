"""Scan throughput: articles per second with 1 and 2 local Dask workers, peak memory per worker,
and the same scan through `--scheduler` against a scheduler and workers started here as separate
processes (`dask scheduler`, `dask worker`) on 127.0.0.1. Every run's output must be identical,
byte for byte; the figures are printed as Markdown.

    .venv/bin/python benchmarks/scan_bench.py --articles 5000 --out benchmarks/out/scan.md
    .venv/bin/python benchmarks/scan_bench.py --growth 2000,8000,32000 --engine regex

The clusters are started before the clock starts (their start-up is reported on its own), so a
rate is the scan itself: reading, shipping, analysing, writing parts and joining them.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dask
from distributed import Client, LocalCluster

from stancectl.loader import load
from stancectl.scan import ScanSettings, scan, suggest_analysis
from stancectl.scan.analysis import Analysis

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scan_corpus

ROOT = Path(__file__).resolve().parent.parent
LOCALHOST = "127.0.0.1"


def peak_rss_mib() -> float:
    """This process's peak resident memory (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


QUIET_LOGS = {"distributed.admin.low-level-log-length": 0}
"""As `stancectl scan` sets for the clusters it starts: Dask keeps no copies of past messages."""


@contextmanager
def local_cluster(workers: int) -> Iterator[str]:
    with (
        dask.config.set(QUIET_LOGS),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host=LOCALHOST,
            dashboard_address=f"{LOCALHOST}:0",
            silence_logs=logging.ERROR,
        ) as cluster,
    ):
        yield cluster.scheduler_address


@contextmanager
def process_cluster(workers: int, folder: Path) -> Iterator[str]:
    """`dask scheduler` and `dask worker` as separate processes, stopped (with their children)
    on exit."""
    dask = str(Path(sys.executable).with_name("dask"))
    common = ["--host", LOCALHOST, "--no-dashboard", "--dashboard-address", f"{LOCALHOST}:0"]
    quiet: dict[str, Any] = {
        "stdout": subprocess.DEVNULL,
        "stderr": subprocess.DEVNULL,
        "start_new_session": True,
        "env": {**os.environ, "DASK_DISTRIBUTED__ADMIN__LOW_LEVEL_LOG_LENGTH": "0"},
    }
    scheduler_file = folder / "scheduler.json"
    started = [
        subprocess.Popen(
            [dask, "scheduler", "--port", "0", "--scheduler-file", str(scheduler_file), *common],
            **quiet,
        )
    ]
    try:
        address = ""
        for _ in range(600):
            try:
                address = json.loads(scheduler_file.read_text())["address"]
                break
            except (OSError, ValueError, KeyError):
                time.sleep(0.1)
        assert address.startswith(f"tcp://{LOCALHOST}:"), address
        started.append(
            subprocess.Popen(
                [dask, "worker", address, "--nworkers", str(workers), "--nthreads", "1",
                 "--local-directory", str(folder), *common],
                **quiet,
            )
        )  # fmt: skip
        with Client(address, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=120)
        yield address
    finally:
        for process in reversed(started):
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def worker_peaks(address: str) -> list[float]:
    """Each worker process's peak resident memory so far, in MiB."""
    with Client(address, set_as_default=False) as client:
        peaks = client.run(peak_rss_mib)
    return sorted(round(value, 1) for value in peaks.values())


def measure(
    label: str, cluster: Any, corpus: Path, analysis: Analysis, folder: Path
) -> dict[str, Any]:
    started = time.perf_counter()
    with cluster as address:
        ready = time.perf_counter() - started
        output = folder / f"{label}.parquet"
        client_cpu = time.process_time()
        summary = scan(corpus, analysis, ScanSettings(output=output, scheduler=address))
        client_cpu = time.process_time() - client_cpu
        peaks = worker_peaks(address)
    result = {
        "label": label,
        "start_seconds": round(ready, 1),
        "seconds": round(summary.wall_seconds, 2),
        "articles": summary.articles,
        "rate": round(summary.articles / summary.wall_seconds, 1),
        "cpu_ms_per_article": round(summary.cpu_ms_per_article, 1),
        # this process: the client, and for a local cluster its scheduler too
        "client_ms_per_article": round(1000 * client_cpu / summary.articles, 2),
        # how much of the scan's time the workers spent analysing: low when they waited
        # for the client, or for a CPU that other programs held
        "worker_busy": round(summary.cpu_seconds / (summary.wall_seconds * len(peaks)), 2),
        "candidates": summary.candidates,
        "second_sources": summary.second_sources,
        "worker_peak_mib": peaks,
        "output": output,
    }
    print(json.dumps({k: v for k, v in result.items() if k != "output"}), file=sys.stderr)
    return result


def single(articles: int, engine: str) -> None:
    """One scan on one local worker, in a process of its own: prints the peak memory of this
    process (the client) and of the worker, for the growth table."""
    with tempfile.TemporaryDirectory() as scratch:
        corpus = scan_corpus.write(Path(scratch) / "archive.jsonl", articles)
        dataset, _ = load(ROOT / "stances.yaml")
        assert dataset is not None
        analysis = suggest_analysis(dataset, engine)
        result = measure(f"{articles}", local_cluster(1), corpus, analysis, Path(scratch))
    row = {
        "articles": articles,
        "client_peak_mib": round(peak_rss_mib(), 1),
        "worker_peak_mib": result["worker_peak_mib"][0],
        "rate": result["rate"],
    }
    print(json.dumps(row))


def growth(sizes: list[int], engine: str) -> str:
    """Peak memory of the client and the worker as the corpus grows: flat when bounded."""
    lines = [
        f"Memory as the corpus grows (1 local worker, engine {engine}):",
        "",
        "| articles | client peak RSS (MiB) | worker peak RSS (MiB) | articles/s |",
        "|---|---|---|---|",
    ]
    for size in sizes:
        command = [sys.executable, __file__, "--single", str(size), "--engine", engine]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        row = json.loads(done.stdout.strip().splitlines()[-1])
        lines.append(
            f"| {size:,} | {row['client_peak_mib']} | {row['worker_peak_mib']} | {row['rate']} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--engine", default="auto", choices=["auto", "spacy", "regex"])
    parser.add_argument(
        "--corpus", type=Path, default=ROOT / "benchmarks/corpus-scan/archive.jsonl"
    )
    parser.add_argument("--out", type=Path, default=None, help="also write the Markdown here")
    parser.add_argument(
        "--growth",
        default="",
        help="instead: peak memory at these corpus sizes, e.g. 2000,8000,32000 (one process each)",
    )
    parser.add_argument("--single", type=int, default=0, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.single:
        single(options.single, options.engine)
        return
    if options.growth:
        text = growth([int(size) for size in options.growth.split(",")], options.engine)
        print(text)
        if options.out:
            options.out.parent.mkdir(parents=True, exist_ok=True)
            options.out.write_text(text, encoding="utf-8")
        return

    corpus = options.corpus
    if not corpus.exists() or sum(1 for _ in corpus.open("rb")) != options.articles:
        scan_corpus.write(corpus, options.articles)
    dataset, _ = load(ROOT / "stances.yaml")
    assert dataset is not None
    analysis = suggest_analysis(dataset, options.engine)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        runs = [
            measure("1 local worker", local_cluster(1), corpus, analysis, folder),
            measure("2 local workers", local_cluster(2), corpus, analysis, folder),
            measure(
                "--scheduler, 2 worker processes",
                process_cluster(2, folder),
                corpus,
                analysis,
                folder,
            ),
        ]
        reference = runs[0]["output"].read_bytes()
        identical = all(run["output"].read_bytes() == reference for run in runs)
    lines = [
        f"Scan of {options.articles:,} articles ({corpus.stat().st_size / 2**20:.1f} MiB of JSON "
        f"lines), engine {analysis.engine.value}, {time.strftime('%Y-%m-%d %H:%M')}, "
        f"{platform.machine()} with {os.cpu_count()} cores, Python {platform.python_version()}.",
        "",
        "| run | cluster start (s) | scan (s) | articles/s | worker CPU ms/article "
        "| client CPU ms/article | workers busy | candidates | peak RSS per worker (MiB) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        lines.append(
            f"| {run['label']} | {run['start_seconds']} | {run['seconds']} | {run['rate']} "
            f"| {run['cpu_ms_per_article']} | {run['client_ms_per_article']} "
            f"| {run['worker_busy']:.0%} | {run['candidates']:,} "
            f"| {', '.join(map(str, run['worker_peak_mib']))} |"
        )
    lines += [
        "",
        f"Speed-up with 2 local workers: **{runs[1]['rate'] / runs[0]['rate']:.2f}x**; "
        f"through --scheduler: {runs[2]['rate'] / runs[0]['rate']:.2f}x. "
        f"Outputs identical across the runs: **{'yes' if identical else 'NO'}**.",
        f"Load average when done: {', '.join(f'{v:.1f}' for v in os.getloadavg())}.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if options.out:
        options.out.parent.mkdir(parents=True, exist_ok=True)
        options.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
