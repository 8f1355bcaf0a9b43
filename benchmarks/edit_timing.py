"""How long an edit of a large data file takes through stancectl.writeback: adding an article
(a dry run, and written, which includes the loader's check of the whole file) and replacing
one quote (a dry run). Prints a Markdown table; figures go to BENCHMARKS.md.

    .venv/bin/python benchmarks/edit_timing.py --statements 5000 --runs 3
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from stancectl import writeback

HERE = Path(__file__).resolve().parent


def corpus(statements: int) -> Path:
    folder = HERE / f"corpus-edit-{statements}"
    if not (folder / "stances.yaml").exists():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), "--out", str(folder),
             "--statements", str(statements), "--articles", str(max(statements // 10, 5))],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    return folder


def timed(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--statements", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    source = corpus(arguments.statements)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "data"
        shutil.copytree(source, folder)
        data = folder / "stances.yaml"
        original = data.read_bytes()
        article = next((folder / "articles").iterdir()).relative_to(folder).as_posix()
        entry = {"id": "timed-new-article", "file": article}
        statement = yaml.load(original, Loader=yaml.CSafeLoader)["statements"][-1]

        def add_written() -> None:
            writeback.append_article(data, entry)
            data.write_bytes(original)

        rows = {
            "add an article, dry run": timed(
                lambda: writeback.append_article(data, entry, dry_run=True), arguments.runs
            ),
            "add an article, written (loader check included)": timed(add_written, arguments.runs),
            "replace one quote, dry run": timed(
                lambda: writeback.replace_quote(
                    data, statement["id"], 0, "a replaced quote", dry_run=True
                ),
                arguments.runs,
            ),
        }
    size = len(original) / 1e6
    print(f"{arguments.statements:,} statements ({size:.1f} MB), median of {arguments.runs}:\n")
    print("| edit | seconds |\n|---|---|")
    for name, seconds in rows.items():
        print(f"| {name} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
