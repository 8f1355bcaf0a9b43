"""Time stancectl as whole processes and write the results as a Markdown fragment.

Every measurement is a fresh process, timed by wall clock from spawn to exit, as a user at a
shell experiences it, with its peak resident memory read from the kernel's accounting (wait4).
Each command runs on the bundled data and on generated corpora of 5,000 and 50,000 statements
(generated on first use), both with an empty cache ("first run") and with the cache the previous
run left ("repeat run"). A DuckDB query over stancectl's own JSON export is the yardstick for
what a columnar engine does with the same question.

    .venv/bin/python benchmarks/run.py --runs 5 --out benchmarks/out/results.md

Standard library only; DuckDB is optional and skipped when it is not installed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
GENERATOR = BENCH_DIR / "generate.py"
GENERATED_MARKER = "generated.json"  # the file generate.py writes next to stances.yaml
QUERY_STANCE = "rules-out"
EN_DASH, TIMES = "\u2013", "\u00d7"  # typography for the Markdown, escaped for the linter
FLOOR_IMPORTS = "import typer, rich, pydantic, yaml"

# name -> (statements, articles) of the generated corpora.
CORPORA = {"5k": (5_000, 1_000), "50k": (50_000, 10_000)}

# Label and arguments (after `stancectl`) of each timed command; {a} and {b} are article ids.
DATA_COMMANDS = [
    ("who-said", ["who-said"]),
    ("who-said --format json", ["who-said", "--format", "json"]),
    (f"who-said {QUERY_STANCE} --format json", ["who-said", QUERY_STANCE, "--format", "json"]),
    ("timeline", ["timeline"]),
    ("diff A B", ["diff", "{a}", "{b}"]),
    ("check", ["check"]),
]
QUERY_LABEL = DATA_COMMANDS[2][0]

# Reads a stances.yaml in a child process so this script stays standard-library only; the
# interpreter running it has PyYAML, as stancectl depends on it.
INSPECT_YAML = """
import json, sys, yaml
data = yaml.safe_load(open(sys.argv[1], encoding="utf-8")) or {}
statements = data.get("statements") or []
pair = [a["id"] for a in (data.get("articles") or [])[:2]]
for statement in statements:
    cited = list(dict.fromkeys(e["article"] for e in statement.get("evidence") or []))
    if len(cited) > 1:
        pair = cited[:2]
        break
print(json.dumps({
    "statements": len(statements),
    "evidence": sum(len(s.get("evidence") or []) for s in statements),
    "articles": len(data.get("articles") or []),
    "diff_articles": pair,
}))
"""

# Runs the DuckDB equivalent of `who-said rules-out --format json`: read the export, filter,
# print the matching rows as a JSON array. argv: export file, SQL.
DUCKDB_QUERY = """
import sys, duckdb
sql = sys.argv[2].replace("{file}", sys.argv[1].replace("'", "''"))
sys.stdout.write(duckdb.connect().execute(sql).fetchone()[0] + "\\n")
"""


# --------------------------------------------------------------------------------------------
# Running processes
# --------------------------------------------------------------------------------------------


@dataclass
class Sample:
    """One run of one command."""

    seconds: float
    max_rss_kib: int
    exit_code: int
    stdout_bytes: int
    timed_out: bool = False
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and not self.timed_out


def last_line(data: bytes) -> str:
    """The line of stderr that says what went wrong (a traceback's last line, usually)."""
    lines = [line.strip() for line in data.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line and not set(line) <= set("─│╭╮╰╯ ")]
    return lines[-1][:120] if lines else ""


def wait_with_timeout(proc: subprocess.Popen[bytes], timeout: float) -> tuple[int, int, bool]:
    """Reap `proc` with wait4, killing it after `timeout` s. Returns the exit code, the peak
    RSS in KiB and whether it was killed.

    wait4 gives this child's own rusage, where RUSAGE_CHILDREN would report the maximum over
    every child so far. The timeout waits on a pidfd, so the kill can only reach our own,
    not-yet-reaped child and never a recycled pid.
    """
    killed = False
    try:
        pidfd = os.pidfd_open(proc.pid)
    except (AttributeError, OSError):
        pidfd = -1
    if pidfd >= 0:
        try:
            ready, _, _ = select.select([pidfd], [], [], timeout)
        finally:
            os.close(pidfd)
        if not ready:
            proc.kill()
            killed = True
        _, status, usage = os.wait4(proc.pid, 0)
    else:  # kernels before 5.3: a timer, with a tiny window of killing a reaped pid
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    proc.returncode = os.waitstatus_to_exitcode(status)  # tells Popen the child is reaped
    return proc.returncode, usage.ru_maxrss, killed


def run_once(
    argv: Sequence[str],
    env: dict[str, str],
    timeout: float,
    keep_stdout: Path | None = None,
) -> Sample:
    """Run argv once with stdout to a file (like a redirect; cheaper than a terminal)."""
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as tmp_out:
        out = keep_stdout.open("wb") if keep_stdout else tmp_out
        try:
            started = time.perf_counter()
            try:
                proc = subprocess.Popen(
                    argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env
                )
            except OSError as exc:
                return Sample(0.0, 0, 127, 0, error=str(exc))
            exit_code, max_rss, killed = wait_with_timeout(proc, timeout)
            seconds = time.perf_counter() - started
            stdout_bytes = out.tell()
        finally:
            if keep_stdout:
                out.close()
        err.seek(0)
        return Sample(seconds, max_rss, exit_code, stdout_bytes, killed, last_line(err.read()))


def child_env(cache_home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = str(cache_home)
    env["COLUMNS"] = "120"  # same table layout on every machine; rich otherwise guesses
    return env


def dir_bytes(path: Path) -> int:
    if not path.exists():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


@dataclass
class Measurement:
    """First runs each get an empty cache; repeat runs share the one the last first run left."""

    first: list[Sample] = field(default_factory=list)
    repeat: list[Sample] = field(default_factory=list)
    no_cache: list[Sample] = field(default_factory=list)
    cache_bytes: int = 0


def measure(
    argv: list[str],
    runs: int,
    timeout: float,
    no_cache_argv: list[str] | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> Measurement:
    result = Measurement()
    with tempfile.TemporaryDirectory(prefix="stancectl-bench-") as scratch:
        cache_home = Path(scratch) / "none"
        for index in range(runs):
            progress(f"first run {index + 1}/{runs}")
            cache_home = Path(scratch) / f"cache-{index}"
            cache_home.mkdir()
            sample = run_once(argv, child_env(cache_home), timeout)
            result.first.append(sample)
            if not sample.ok:
                return result  # a failing command fails the same way every time
        result.cache_bytes = dir_bytes(cache_home / "stancectl")
        for index in range(runs):
            progress(f"repeat run {index + 1}/{runs}")
            result.repeat.append(run_once(argv, child_env(cache_home), timeout))
        if no_cache_argv:
            for index in range(runs):
                progress(f"--no-cache run {index + 1}/{runs}")
                fresh = Path(scratch) / f"no-cache-{index}"
                fresh.mkdir()
                result.no_cache.append(run_once(no_cache_argv, child_env(fresh), timeout))
    return result


# --------------------------------------------------------------------------------------------
# The command line under test
# --------------------------------------------------------------------------------------------


@dataclass
class Cli:
    """How to call stancectl: where --data and --no-cache go depends on how the CLI is built
    (a global option before the subcommand, or an option of each subcommand)."""

    executable: Path
    timeout: float
    help_ok: bool = False
    help_error: str = ""
    global_data: bool = False
    global_no_cache: bool = False
    sub_no_cache: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def probe(cls, executable: Path, timeout: float) -> Cli:
        cli = cls(executable, timeout)
        cli.help_error = cli.try_options([])
        cli.help_ok = cli.help_error == ""
        if cli.help_ok:
            cli.global_data = cli.try_options(["--data", "stances.yaml"]) == ""
            cli.global_no_cache = cli.try_options(["--no-cache"]) == ""
        return cli

    def try_options(self, options: list[str]) -> str:
        """Whether `stancectl OPTIONS --help` is accepted: "" if so, else the error. Help text
        mentions options in prose too, so asking the parser is more reliable than grepping;
        click rejects an unknown option before it acts on --help."""
        argv = [str(self.executable), *options, "--help"]
        try:
            done = subprocess.run(argv, capture_output=True, timeout=self.timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return str(exc)
        if done.returncode != 0:
            return f"exit {done.returncode}: {last_line(done.stderr)}"
        return ""

    def supports_no_cache(self, subcommand: str) -> bool:
        if not self.help_ok:
            return False
        if self.global_no_cache:
            return True
        if subcommand not in self.sub_no_cache:
            self.sub_no_cache[subcommand] = self.try_options([subcommand, "--no-cache"]) == ""
        return self.sub_no_cache[subcommand]

    def argv(self, args: list[str], data: Path, no_cache: bool = False) -> list[str]:
        before: list[str] = []
        after: list[str] = []
        (before if self.global_data else after).extend(["--data", str(data)])
        if no_cache:
            (before if self.global_no_cache else after).append("--no-cache")
        return [str(self.executable), *before, *args, *after]


# --------------------------------------------------------------------------------------------
# Data sets
# --------------------------------------------------------------------------------------------


@dataclass
class Dataset:
    name: str
    title: str
    yaml_path: Path
    articles_dir: Path
    statements: int = 0
    evidence: int = 0
    articles: int = 0
    diff_articles: list[str] = field(default_factory=list)
    generated_seconds: float | None = None
    missing: str = ""

    @property
    def yaml_bytes(self) -> int:
        return dir_bytes(self.yaml_path)

    @property
    def articles_bytes(self) -> int:
        return dir_bytes(self.articles_dir)


def bundled_dataset(timeout: float) -> Dataset:
    path = REPO_ROOT / "stances.yaml"
    dataset = Dataset(
        "bundled", "Bundled data (`stances.yaml`, `seeds/`)", path, REPO_ROOT / "seeds"
    )
    if not path.exists():
        dataset.missing = "stances.yaml does not exist yet"
        return dataset
    argv = [sys.executable, "-c", INSPECT_YAML, str(path)]
    try:
        done = subprocess.run(argv, capture_output=True, timeout=timeout, check=True)
        info = json.loads(done.stdout)
    except (subprocess.SubprocessError, ValueError) as exc:
        dataset.missing = f"could not read it: {exc}"
        return dataset
    dataset.statements = info["statements"]
    dataset.evidence = info["evidence"]
    dataset.articles = info["articles"]
    dataset.diff_articles = info["diff_articles"]
    return dataset


def generated_dataset(name: str, corpus_root: Path, progress: Callable[[str], None]) -> Dataset:
    statements, articles = CORPORA[name]
    out = corpus_root / f"corpus-{name}"
    title = f"Generated corpus, {statements:,} statements"
    dataset = Dataset(name, title, out / "stances.yaml", out / "articles")
    marker = out / GENERATED_MARKER
    info: dict[str, Any] = {}
    if marker.exists():
        info = json.loads(marker.read_text(encoding="utf-8"))
    params = info.get("params", {})
    if params.get("statements") != statements or params.get("articles") != articles:
        progress(f"generating {out} ({statements} statements, {articles} articles)")
        argv = [sys.executable, str(GENERATOR), "--out", str(out)]
        argv += ["--statements", str(statements), "--articles", str(articles)]
        subprocess.run(argv, check=True)
        info = json.loads(marker.read_text(encoding="utf-8"))
    dataset.statements = info["params"]["statements"]
    dataset.articles = info["params"]["articles"]
    dataset.evidence = info["evidence"]
    dataset.diff_articles = info["diff_articles"]
    dataset.generated_seconds = info["seconds"]
    return dataset


# --------------------------------------------------------------------------------------------
# DuckDB comparison
# --------------------------------------------------------------------------------------------


# A child's peak RSS (wait4's ru_maxrss) starts from its parent's peak at spawn, since exec
# records the pre-exec memory. So this process must stay small: anything that parses a big
# export runs in a child process, `run.py --inspect-export FILE`, and reports back in JSON.


def find_rows(data: object) -> tuple[str | None, list[dict[str, Any]]] | None:
    """The list of statement rows in an export: the top level, or the first list of objects
    under a key of a top-level object. Returns (key or None, rows)."""

    def is_rows(value: object) -> bool:
        return isinstance(value, list) and all(isinstance(item, dict) for item in value[:100])

    if is_rows(data):
        return None, data  # type: ignore[return-value]
    if isinstance(data, dict):
        keys = sorted(data, key=lambda k: k not in ("statements", "rows", "results", "data"))
        for key in keys:
            if is_rows(data[key]) and data[key]:
                return key, data[key]
    return None


def stance_path(rows: list[dict[str, Any]]) -> str | None:
    """The SQL path to a row's stance id: `stance`, `stance.id` or `stance_id`."""
    for row in rows[:100]:
        value = row.get("stance")
        if isinstance(value, str):
            return '"stance"'
        if isinstance(value, dict) and "id" in value:
            return '"stance"."id"'
        if "stance_id" in row:
            return '"stance_id"'
    return None


def stance_id(row: dict[str, Any]) -> object:
    stance = row.get("stance", row.get("stance_id"))
    return stance.get("id") if isinstance(stance, dict) else stance


def inspect_export(path: Path) -> dict[str, Any]:
    """Where an export keeps its rows and their stance, how many rows it has and how many
    match QUERY_STANCE; or {"error": why not}."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return {"error": f"cannot read {path.name} as JSON: {exc}"}
    found = find_rows(data)
    if found is None:
        return {"error": f"no list of statements in {path.name}"}
    key, rows = found
    return {
        "key": key,
        "stance_path": stance_path(rows),
        "row_keys": sorted(rows[0]) if rows else [],
        "rows": len(rows),
        "matching": sum(1 for row in rows if stance_id(row) == QUERY_STANCE),
    }


def inspect_in_child(path: Path, timeout: float) -> dict[str, Any]:
    argv = [sys.executable, str(Path(__file__).resolve()), "--inspect-export", str(path)]
    try:
        done = subprocess.run(argv, capture_output=True, timeout=timeout, check=True)
        info: dict[str, Any] = json.loads(done.stdout)
    except (subprocess.SubprocessError, ValueError) as exc:
        return {"error": f"inspecting {path.name} failed: {exc}"}
    return info


def duckdb_sql(export: Path, shape: dict[str, Any]) -> str:
    """The DuckDB equivalent of `who-said rules-out --format json` over this export: the
    matching rows as one JSON array. `{file}` stands for the export's path."""
    # A single top-level object can be as big as the file; DuckDB's default limit is 16 MB.
    source = f"read_json('{{file}}', maximum_object_size={export.stat().st_size + (1 << 20)})"
    path, key = shape["stance_path"], shape["key"]
    if key is None:
        query = f"SELECT * FROM {source} WHERE {path} = '{QUERY_STANCE}'"
    else:
        query = (
            f'SELECT unnest(r) FROM (SELECT unnest("{key}") AS r FROM {source}) '
            f"WHERE r.{path} = '{QUERY_STANCE}'"
        )
    return f"SELECT CAST(coalesce(json_group_array(t), '[]') AS VARCHAR) FROM ({query}) t"


@dataclass
class DuckdbResult:
    skipped: str = ""
    dataset: str = ""
    version: str = ""
    export_bytes: int = 0
    sql: str = ""
    expected_rows: int = 0
    duckdb_rows: int | None = None
    stancectl_rows: int | None = None
    import_floor: list[Sample] = field(default_factory=list)
    query: list[Sample] = field(default_factory=list)


def compare_duckdb(
    cli: Cli,
    dataset: Dataset,
    out_dir: Path,
    runs: int,
    timeout: float,
    progress: Callable[[str], None],
) -> DuckdbResult:
    result = DuckdbResult(dataset=dataset.name)
    version = subprocess.run(
        [sys.executable, "-c", "import duckdb; print(duckdb.__version__)"],
        capture_output=True,
        check=False,
    )
    if version.returncode != 0:
        result.skipped = "DuckDB is not installed (`pip install duckdb` into the venv)"
        return result
    result.version = version.stdout.decode().strip()

    out_dir.mkdir(parents=True, exist_ok=True)
    export = out_dir / f"who-said-{dataset.name}.json"
    progress(f"exporting who-said --format json to {export}")
    with tempfile.TemporaryDirectory(prefix="stancectl-bench-") as cache:
        argv = cli.argv(["who-said", "--format", "json"], dataset.yaml_path)
        sample = run_once(argv, child_env(Path(cache)), timeout, keep_stdout=export)
    if not sample.ok:
        result.skipped = f"the export failed: {describe_failure(sample)}"
        return result
    result.export_bytes = export.stat().st_size
    shape = inspect_in_child(export, timeout)
    if "error" in shape:
        result.skipped = shape["error"]
        return result
    if shape["stance_path"] is None:
        keys = ", ".join(shape["row_keys"])
        result.skipped = f"no stance field in the export's rows (keys: {keys})"
        return result
    result.sql, result.expected_rows = duckdb_sql(export, shape), shape["matching"]

    env = child_env(out_dir)  # DuckDB does not use the cache; any directory will do
    floor = [sys.executable, "-c", "import duckdb"]
    query = [sys.executable, "-c", DUCKDB_QUERY, str(export), result.sql]
    duckdb_out = out_dir / f"duckdb-{QUERY_STANCE}-{dataset.name}.json"
    for index in range(runs):
        progress(f"duckdb run {index + 1}/{runs}")
        result.import_floor.append(run_once(floor, env, timeout))
        result.query.append(run_once(query, env, timeout, keep_stdout=duckdb_out))
        if not result.query[-1].ok:
            break
    result.duckdb_rows = inspect_in_child(duckdb_out, timeout).get("rows")

    # The same query through stancectl, kept for the row-count check.
    stancectl_out = out_dir / f"stancectl-{QUERY_STANCE}-{dataset.name}.json"
    with tempfile.TemporaryDirectory(prefix="stancectl-bench-") as cache:
        argv = cli.argv(["who-said", QUERY_STANCE, "--format", "json"], dataset.yaml_path)
        if run_once(argv, child_env(Path(cache)), timeout, keep_stdout=stancectl_out).ok:
            result.stancectl_rows = inspect_in_child(stancectl_out, timeout).get("rows")
    return result


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def machine_summary() -> str:
    cpu = "unknown CPU"
    memory = "unknown memory"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024**2:.1f} GiB RAM"
                break
    except OSError:
        pass  # not Linux: the rest of the line still says what ran
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


def stancectl_version() -> str:
    try:
        version = f"stancectl {metadata.version('stancectl')}"
    except metadata.PackageNotFoundError:
        version = "stancectl (not installed in this interpreter)"
    commit = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        check=False,
    )
    if commit.returncode == 0:
        version += f", commit {commit.stdout.decode().strip()}"
    return version


def seconds_text(value: float) -> str:
    if value < 10:
        return f"{value:.3f}"
    return f"{value:.1f}"


def md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("`", "'")


def describe_failure(sample: Sample) -> str:
    if sample.timed_out:
        return f"timed out after {sample.seconds:.0f} s"
    message = f"exit {sample.exit_code}"
    if sample.error:
        message += f": {sample.error}"
    return message


def timing_cell(samples: list[Sample]) -> str:
    """'1.234 s (1.201-1.302)': median and range of the runs' wall-clock times."""
    if not samples:
        return "—"
    failed = next((s for s in samples if not s.ok), None)
    if failed is not None:
        return f"**failed** ({md_escape(describe_failure(failed))})"
    times = [s.seconds for s in samples]
    cell = f"{seconds_text(statistics.median(times))} s"
    if len(times) > 1:
        cell += f" ({seconds_text(min(times))}{EN_DASH}{seconds_text(max(times))})"
    return cell


def rss_median(samples: list[Sample]) -> str:
    if not samples or not all(s.ok for s in samples):
        return "—"
    return f"{statistics.median(s.max_rss_kib for s in samples) / 1024:.0f}"


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024**2:
        return f"{size / 1024:.0f} KiB"
    return f"{size / 1024**2:.1f} MiB"


def median_seconds(samples: list[Sample]) -> float | None:
    if not samples or not all(s.ok for s in samples):
        return None
    return statistics.median(s.seconds for s in samples)


@dataclass
class Report:
    runs: int
    cli: Cli
    floor: list[tuple[str, list[Sample]]] = field(default_factory=list)
    datasets: list[Dataset] = field(default_factory=list)
    results: dict[str, list[tuple[str, Measurement]]] = field(default_factory=dict)
    duckdb: DuckdbResult | None = None

    def markdown(self) -> str:
        runs_text = "1 run" if self.runs == 1 else f"{self.runs} runs"
        own_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        lines = [
            f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {machine_summary()}; "
            f"{stancectl_version()}.",
            "",
            f"Each figure is the median wall-clock time of {runs_text} of the whole process "
            "(spawn to exit, output redirected to a file), with the fastest and slowest run in "
            "brackets. Peak RSS is the median of the runs' maximum resident set size (it "
            f"cannot be below the timing script's own {own_rss:.0f} MiB, which a child starts "
            "from). A *first run* starts with an empty cache directory (`XDG_CACHE_HOME` "
            "pointed at a new temporary directory); a *repeat run* reuses the cache the previous "
            "run left.",
        ]
        if not self.cli.help_ok:
            lines += ["", f"`stancectl --help` failed ({md_escape(self.cli.help_error)})."]
        lines += ["", "### Start-up", "", "| command | time | peak RSS (MiB) |", "|---|---|---|"]
        for label, samples in self.floor:
            lines.append(f"| `{label}` | {timing_cell(samples)} | {rss_median(samples)} |")
        lines += self.datasets_table()
        for dataset in self.datasets:
            if dataset.name in self.results:
                lines += self.dataset_table(dataset)
        if self.duckdb is not None:
            lines += self.duckdb_section(self.duckdb)
        return "\n".join(lines) + "\n"

    def datasets_table(self) -> list[str]:
        lines = [
            "",
            "### Data sets",
            "",
            "| data set | statements | evidence quotes | articles | stances.yaml | "
            "article files | generated in |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for dataset in self.datasets:
            if dataset.missing:
                lines.append(f"| {dataset.name} | {md_escape(dataset.missing)} | | | | | |")
                continue
            generated = "—"
            if dataset.generated_seconds is not None:
                generated = f"{dataset.generated_seconds:.1f} s"
            lines.append(
                f"| {dataset.name} | {dataset.statements:,} | {dataset.evidence:,} | "
                f"{dataset.articles:,} | {size_text(dataset.yaml_bytes)} | "
                f"{size_text(dataset.articles_bytes)} | {generated} |"
            )
        return lines

    def dataset_table(self, dataset: Dataset) -> list[str]:
        rows = self.results[dataset.name]
        with_no_cache = any(m.no_cache for _, m in rows)
        header = "| command | first run | repeat run |"
        rule = "|---|---|---|"
        if with_no_cache:
            header += " `--no-cache` |"
            rule += "---|"
        header += " peak RSS first / repeat (MiB) | stdout | cache |"
        rule += "---:|---:|---:|"
        lines = ["", f"### {dataset.title}", "", header, rule]
        for label, measurement in rows:
            row = f"| `{label}` | {timing_cell(measurement.first)} | "
            row += f"{timing_cell(measurement.repeat)} |"
            if with_no_cache:
                row += f" {timing_cell(measurement.no_cache)} |"
            stdout = "—"
            if measurement.first and measurement.first[0].ok:
                stdout = size_text(measurement.first[0].stdout_bytes)
            cache = size_text(measurement.cache_bytes) if measurement.cache_bytes else "—"
            row += f" {rss_median(measurement.first)} / {rss_median(measurement.repeat)} |"
            row += f" {stdout} | {cache} |"
            lines.append(row)
        if dataset.diff_articles:
            pair = " and ".join(f"`{a}`" for a in dataset.diff_articles)
            lines += ["", f"`diff A B` compares {pair}."]
        return lines

    def duckdb_section(self, result: DuckdbResult) -> list[str]:
        lines = ["", f"### DuckDB comparison ({result.dataset} corpus)", ""]
        if result.skipped:
            return [*lines, f"Skipped: {md_escape(result.skipped)}."]
        lines += [
            f"`stancectl who-said --format json` exported {size_text(result.export_bytes)}; "
            f"DuckDB {result.version} answers the same question as "
            f"`stancectl {QUERY_LABEL}` (the statements whose stance is `{QUERY_STANCE}`, "
            "printed as JSON) from that file, as a `python -c` process:",
            "",
            f"```sql\n{result.sql.replace('{file}', 'who-said.json')}\n```",
            "",
            "| command | time | peak RSS (MiB) |",
            "|---|---|---|",
            f"| `python -c 'import duckdb'` | {timing_cell(result.import_floor)} | "
            f"{rss_median(result.import_floor)} |",
            f"| DuckDB query | {timing_cell(result.query)} | {rss_median(result.query)} |",
        ]
        measured = dict(self.results.get(result.dataset, []))
        duckdb_time = median_seconds(result.query)
        if QUERY_LABEL in measured and duckdb_time:
            for kind, samples in (
                ("first", measured[QUERY_LABEL].first),
                ("repeat", measured[QUERY_LABEL].repeat),
            ):
                stancectl_time = median_seconds(samples)
                if stancectl_time is not None:
                    lines.append(
                        f"| `stancectl {QUERY_LABEL}`, {kind} run | "
                        f"{timing_cell(samples)} | {rss_median(samples)} |"
                    )
                    ratio = stancectl_time / duckdb_time
                    lines.append(
                        f"| ratio stancectl {kind} run / DuckDB | "
                        f"**{ratio:.{1 if ratio >= 1 else 2}f}{TIMES}** | |"
                    )
        rows = f"{result.expected_rows:,} rows expected from the export"
        rows += (
            f", DuckDB returned {result.duckdb_rows:,}" if result.duckdb_rows is not None else ""
        )
        if result.stancectl_rows is not None:
            rows += f", `stancectl {QUERY_LABEL}` returned {result.stancectl_rows:,}"
        return [*lines, "", f"Row counts: {rows}."]


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measurement")
    parser.add_argument("--out", type=Path, help="write the Markdown here instead of stdout")
    parser.add_argument(
        "--datasets",
        default="bundled,5k,50k",
        help="comma-separated subset of bundled, 5k, 50k (default: all)",
    )
    parser.add_argument(
        "--timeout", type=float, default=600.0, help="seconds before a run is killed"
    )
    parser.add_argument(
        "--stancectl",
        type=Path,
        default=Path(sys.executable).parent / "stancectl",
        help="the executable to time (default: next to this interpreter)",
    )
    parser.add_argument("--corpus-root", type=Path, default=BENCH_DIR, help=argparse.SUPPRESS)
    parser.add_argument(
        "--scratch",
        type=Path,
        default=BENCH_DIR / "out",
        help="where exports for the DuckDB comparison go (default: benchmarks/out)",
    )
    parser.add_argument("--no-duckdb", action="store_true", help="skip the DuckDB comparison")
    # Internal: run by this script in a child process (see inspect_export).
    parser.add_argument("--inspect-export", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.datasets = [name.strip() for name in args.datasets.split(",") if name.strip()]
    unknown = set(args.datasets) - {"bundled", *CORPORA}
    if unknown:
        parser.error(f"unknown data set(s): {', '.join(sorted(unknown))}")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    if args.inspect_export:
        print(json.dumps(inspect_export(args.inspect_export)))
        return
    cli = Cli.probe(args.stancectl, args.timeout)
    if not cli.help_ok:
        log(f"warning: `stancectl --help` failed ({cli.help_error}); timing anyway")
    report = Report(args.runs, cli)

    with tempfile.TemporaryDirectory(prefix="stancectl-bench-") as cache:
        env = child_env(Path(cache))
        floor = [
            (f'python -c "{FLOOR_IMPORTS}"', [sys.executable, "-c", FLOOR_IMPORTS]),
            ("stancectl --help", [str(cli.executable), "--help"]),
        ]
        for label, command in floor:
            log(f"[start-up] {label}")
            samples = [run_once(command, env, args.timeout) for _ in range(args.runs)]
            report.floor.append((label, samples))

    for name in args.datasets:
        if name == "bundled":
            dataset = bundled_dataset(args.timeout)
        else:
            dataset = generated_dataset(name, args.corpus_root, log)
        report.datasets.append(dataset)
        if dataset.missing:
            log(f"[{name}] skipped: {dataset.missing}")
            continue
        results = report.results.setdefault(name, [])
        a, b = ([*dataset.diff_articles, "missing", "missing"])[:2]
        for label, template in DATA_COMMANDS:
            sub_args = [part.format(a=a, b=b) for part in template]
            argv = cli.argv(sub_args, dataset.yaml_path)
            no_cache_argv = None
            if cli.supports_no_cache(sub_args[0]):
                no_cache_argv = cli.argv(sub_args, dataset.yaml_path, no_cache=True)

            def progress(step: str, name: str = name, label: str = label) -> None:
                log(f"[{name}] {label}: {step}")

            results.append((label, measure(argv, args.runs, args.timeout, no_cache_argv, progress)))

    if not args.no_duckdb:
        largest = next((d for d in reversed(report.datasets) if d.name in report.results), None)
        if largest is not None:
            report.duckdb = compare_duckdb(cli, largest, args.scratch, args.runs, args.timeout, log)

    markdown = report.markdown()
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(markdown, encoding="utf-8")
        log(f"wrote {args.out}")
    else:
        sys.stdout.write(markdown)


if __name__ == "__main__":
    main()
