"""Measure the report page: its size at 500 statements, and how long its filters take at 5,000.

Generates the corpora it needs with generate.py (into benchmarks/corpus-report-N/), writes each
report to benchmarks/out/, opens the 5,000-statement page in headless Chromium (the system's,
driven by Playwright for Python, as the browser tests do) and times each filter change in the
page: by the wall clock, from the change to the end of the script and the style and layout it
causes (a forced synchronous layout) and to the next frame being ready; and, from a trace of
the browser, the CPU time the page's main thread spent on it, which a busy machine does not
inflate the way it does wall-clock time. Prints a Markdown fragment.

    .venv/bin/python benchmarks/report.py --runs 7 --out benchmarks/out/report.md

Needs the test extra (jinja2, Playwright) and Chromium (Debian: apt-get install chromium).
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
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
OUT_DIR = BENCH_DIR / "out"
sys.path.insert(0, str(REPO_ROOT / "tests"))
from headless_chromium import CHROMIUM_FLAGS, chromium_executable  # noqa: E402

# Each scenario changes the filters from the page's state after the previous one; the last
# one shows everything again. (label, JavaScript run in the page before the change is timed)
SCENARIOS = [
    ("search a word (\u201ctroops\u201d)", "setSearch('troops')"),
    ("search a name folded (\u201cgarcia\u201d)", "setSearch('garcia')"),
    ("clear the search", "setSearch('')"),
    ("untick one stance", "toggle('stance', 0)"),
    ("tick it again", "toggle('stance', 0)"),
    ("one entity only", "only('entity', 0)"),
    ("all entities", "all('entity')"),
    ("dates: one year", "setDates('2022-01-01', '2022-12-31')"),
    ("dates cleared", "setDates('', '')"),
]

PAGE_CONTROLS = """
window.benchmark = (() => {
  const form = document.getElementById('filters');
  const fire = (element) => element.dispatchEvent(new Event('input', { bubbles: true }));
  return {
    setSearch: (text) => { const box = form.elements.q; box.value = text; return box; },
    toggle: (name, index) => {
      const box = form.querySelectorAll(`input[name=${name}]`)[index];
      box.checked = !box.checked; return box;
    },
    only: (name, index) => {
      const boxes = [...form.querySelectorAll(`input[name=${name}]`)];
      boxes.forEach((box, i) => { box.checked = i === index; }); return boxes[0];
    },
    all: (name) => {
      const boxes = [...form.querySelectorAll(`input[name=${name}]`)];
      boxes.forEach((box) => { box.checked = true; }); return boxes[0];
    },
    setDates: (since, until) => {
      form.elements.since.value = since; form.elements.until.value = until;
      return form.elements.since;
    },
    time: async (step) => {
      const start = performance.now();
      const changed = step();
      fire(changed);
      document.body.getBoundingClientRect(); // style and layout, synchronously
      const applied = performance.now() - start;
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
      return [applied, performance.now() - start,
        document.getElementById('status').textContent];
    },
  };
})();
"""


def generate(statements: int) -> Path:
    corpus = BENCH_DIR / f"corpus-report-{statements}"
    marker = corpus / "generated.json"
    if marker.exists() and json.loads(marker.read_text()).get("statements") == statements:
        return corpus / "stances.yaml"
    subprocess.run(
        [
            sys.executable,
            str(BENCH_DIR / "generate.py"),
            "--out",
            str(corpus),
            "--statements",
            str(statements),
            "--articles",
            str(max(50, statements // 5)),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return corpus / "stances.yaml"


def write_report(data: Path, out: Path) -> int:
    """Write the report of `data` to `out` the way a user does; returns its size in bytes."""
    out.unlink(missing_ok=True)
    command = [
        sys.executable,
        "-c",
        "from stancectl.__main__ import main; main()",
        "report",
        "--data",
        str(data),
        "--output",
        str(out),
    ]
    subprocess.run(command, check=True, cwd=REPO_ROOT, stdout=subprocess.DEVNULL)
    return out.stat().st_size


TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline"]
"""What the trace records: the renderer's tasks with their thread (CPU) durations."""


def main_thread_cpu(trace: bytes) -> float:
    """Milliseconds of CPU time the renderer's main thread spent in tasks during a trace."""
    loaded = json.loads(trace)
    events = loaded["traceEvents"] if isinstance(loaded, dict) else loaded
    main_threads = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("ph") == "M"
        and e.get("name") == "thread_name"
        and e["args"].get("name") == "CrRendererMain"
    }
    return (
        sum(
            e.get("tdur", 0)
            for e in events
            if e.get("ph") == "X"
            and e.get("name") == "RunTask"
            and (e["pid"], e["tid"]) in main_threads
        )
        / 1000
    )


def time_filters(page_path: Path, runs: int, chromium: str) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    timings: dict[str, list[tuple[float, float, float]]] = {label: [] for label, _ in SCENARIOS}
    statuses: dict[str, str] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(page_path.as_uri())
        page.evaluate(PAGE_CONTROLS)
        for _ in range(runs):
            for label, step in SCENARIOS:
                browser.start_tracing(page=page, categories=TRACE_CATEGORIES)
                applied, framed, status = page.evaluate(
                    f"window.benchmark.time(() => window.benchmark.{step})"
                )
                cpu = main_thread_cpu(browser.stop_tracing())
                timings[label].append((applied, framed, cpu))
                statuses[label] = status
        browser.close()
    results: list[dict[str, Any]] = []
    for label, _ in SCENARIOS:
        columns = list(zip(*timings[label], strict=True))
        results.append(
            {
                "label": label,
                "applied": statistics.median(columns[0]),
                "frame": statistics.median(columns[1]),
                "frame_max": max(columns[1]),
                "cpu": statistics.median(columns[2]),
                "cpu_max": max(columns[2]),
                "status": statuses[label],
            }
        )
    return results


def load_average() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--chromium", default=chromium_executable() or "/usr/bin/chromium")
    args = parser.parse_args()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    sizes = {}
    pages = {}
    for statements in (500, 5_000):
        page = OUT_DIR / f"report-{statements}.html"
        sizes[statements] = write_report(generate(statements), page)
        pages[statements] = page
    bundled = OUT_DIR / "report-bundled.html"
    sizes[46] = write_report(REPO_ROOT / "stances.yaml", bundled)
    load_before = load_average()
    filters = time_filters(pages[5_000], args.runs, args.chromium)
    version = subprocess.run(
        [args.chromium, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    lines = [
        f"Measured {dt.date.today()} on {platform.machine()} with {os.cpu_count()} cores, "
        f"{platform.python_implementation()} {platform.python_version()}, {version}; "
        f"load average {load_before} before and {load_average()} after the browser runs.",
        "",
        "| page | statements | size |",
        "|---|---|---|",
        f"| bundled data | 46 | {sizes[46] / 1000:.0f} kB |",
        f"| generated | 500 | {sizes[500] / 1000:.0f} kB |",
        f"| generated | 5,000 | {sizes[5_000] / 1000:.0f} kB |",
        "",
        f"Filtering the 5,000-statement page, {args.runs} runs each, in milliseconds: wall clock "
        "from the change to the end of script, style and layout (applied) and to the next frame; "
        "and the main thread's CPU time for the change (from a browser trace).",
        "",
        "| change | applied | next frame | next frame (max) | main-thread CPU | CPU (max) "
        "| shown after |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in filters:
        lines.append(
            f"| {row['label']} | {row['applied']:.0f} | {row['frame']:.0f} "
            f"| {row['frame_max']:.0f} | {row['cpu']:.0f} | {row['cpu_max']:.0f} "
            f"| {row['status']} |"
        )
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
