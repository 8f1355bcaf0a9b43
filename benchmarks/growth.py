"""How stancectl's cost grows with the data: one Markdown row per corpus size.

For each size, a corpus grown from the bundled data's shape (`generate.py`, one article per five
statements) is generated once into `benchmarks/corpus-N/`, then timed as whole processes, as
`run.py` times them (wall clock from spawn to exit, output to a file, peak RSS from wait4):
a first `check` with an empty cache, a first `check --no-cache`, then with the cache that
first run left, `who-said --format json`, `diff A B` and `check` again. First runs are single
runs, repeat runs the median of `--runs`. The entry's size closes the row.

    .venv/bin/python benchmarks/growth.py --sizes 5000,20000,50000,100000,200000

The peak memory is the kernel's for the process: where a large file is read on two cores,
the second reader's peak (a forked process) is the larger of the two, not their sum; the
`--child` column gives that reader's own peak, read in-process, for comparison.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from run import BENCH_DIR, GENERATED_MARKER, GENERATOR, child_env, run_once

STANCECTL = Path(sys.executable).parent / "stancectl"
CHILD_PEAK = """
import gc, resource, sys
from pathlib import Path
from stancectl.files import read_utf8
from stancectl.loader.yaml_split import read_in_two
from stancectl.problems import Report
gc.disable()  # as the command line runs
raw = read_utf8(Path(sys.argv[1]), "data", 1 << 40, Report())
print(int(read_in_two(raw, "data") is not None),
      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def corpus(statements: int) -> tuple[Path, list[str]]:
    """The corpus of this size (generated unless it is there) and its two `diff` articles."""
    folder = BENCH_DIR / f"corpus-{statements // 1000}k"
    marker = folder / GENERATED_MARKER
    if not marker.exists() or json.loads(marker.read_text())["params"]["statements"] != statements:
        print(f"generating {folder.name}", file=sys.stderr, flush=True)
        size = ["--statements", str(statements), "--articles", str(statements // 5)]
        subprocess.run(
            [sys.executable, str(GENERATOR), "--out", str(folder), *size],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return folder, json.loads(marker.read_text())["diff_articles"]


def row(statements: int, runs: int) -> str:
    folder, (a, b) = corpus(statements)
    data = str(folder / "stances.yaml")

    def command(*words: str) -> list[str]:
        return [str(STANCECTL), *words, "--data", data]

    with tempfile.TemporaryDirectory() as cache_home:
        env = child_env(Path(cache_home))
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled modules are kept
        print(f"{folder.name}: first check", file=sys.stderr, flush=True)
        run_once(command("--version")[:2], env, 60)  # modules compiled once, outside the timing
        no_cache = run_once(command("check", "--no-cache"), env, 3600)
        first = run_once(command("check"), env, 3600)
        repeats = {
            name: [run_once(command(*words), env, 600) for _ in range(runs)]
            for name, words in (
                ("who-said", ("who-said", "--format", "json")),
                ("diff", ("diff", a, b)),
                ("check", ("check",)),
            )
        }
        entry = sum(p.stat().st_size for p in Path(cache_home).rglob("*") if p.is_file())
    child = subprocess.run(
        [sys.executable, "-c", CHILD_PEAK, data], capture_output=True, text=True, check=True
    ).stdout.split()
    cut, child_peak, parent_peak = (int(x) for x in child)
    for sample in (no_cache, first, *(s for group in repeats.values() for s in group)):
        if not sample.ok:
            raise SystemExit(f"{folder.name}: a run failed: {sample.error}")

    def median(name: str) -> str:
        return f"{statistics.median(s.seconds for s in repeats[name]):.2f} s"

    def mib(kib: int) -> str:
        return f"{kib / 1024:,.0f} MiB"

    reader = f"{child_peak:,} MiB (this process {parent_peak:,})" if cut else "one piece"
    return (
        f"| {statements:,} ({statements // 5:,}) | {first.seconds:.2f} s | "
        f"{no_cache.seconds:.2f} s | {mib(first.max_rss_kib)} | {median('who-said')} | "
        f"{mib(max(s.max_rss_kib for s in repeats['who-said']))} | {median('diff')} | "
        f"{median('check')} | {entry / 2**20:.1f} MiB | {reader} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", default="5000,20000,50000,100000,200000")
    parser.add_argument("--runs", type=int, default=3, help="runs of each repeat command")
    options = parser.parse_args()
    print(
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}.\n\n"
        "| statements (articles) | first `check` | first `check --no-cache` | peak first `check` "
        "| repeat `who-said --format json` | peak | repeat `diff` | repeat `check` "
        "| cache entry | second reader's peak |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    )
    for size in (int(s) for s in options.sizes.split(",")):
        print(row(size, options.runs), flush=True)


if __name__ == "__main__":
    main()
