"""Inputs that must not crash, hang or exhaust memory: each gets a clear message naming the file
(and line where there is one) and exit 1 or 2, never an internal error (70)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ARTICLE, BUNDLED, REPO, VALID, Loader, line_of
from stancectl import cli
from stancectl.problems import Report

WriteData = Callable[..., Path]


def codes(report: Report) -> list[str]:
    return [p.code for p in report.sorted()]


def with_article(path: str) -> str:
    return VALID.replace("file: article.txt", f"file: {path}")


def check_exit(data: Path, *options: str) -> int:
    return cli.run(["check", "--data", str(data), "--no-cache", *options])


# --- article paths that are not regular files ---------------------------------------------


@pytest.mark.parametrize("allow_outside", [False, True])
def test_a_fifo_is_refused_without_waiting_for_a_writer(
    write_data: WriteData, allow_outside: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data(with_article("pipe.txt"))
    os.mkfifo(data.parent / "pipe.txt")
    options = ["--allow-outside-files"] if allow_outside else []
    assert check_exit(data, *options) == 1
    err = capsys.readouterr().out
    assert f"{data}:{line_of(VALID, 'file: article.txt')}:" in err
    assert "error[not-a-file]: article 'paper' (" in err
    assert "pipe.txt): is a named pipe (FIFO), not a regular file" in err


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_link_to_a_device_is_refused_even_when_outside_files_are_allowed(
    load_text: Loader, tmp_path: Path, device: str
) -> None:
    (tmp_path / "device.txt").symlink_to(device)
    _, report = load_text(with_article("device.txt"), allow_outside_files=True)
    assert codes(report) == ["not-a-file"]
    assert "is a character device, not a regular file" in report.problems[0].message


def test_a_link_to_a_fifo_is_refused(load_text: Loader, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "link.txt").symlink_to(tmp_path / "pipe")
    _, report = load_text(with_article("link.txt"), allow_outside_files=True)
    assert codes(report) == ["not-a-file"]


def test_a_folder_is_refused(load_text: Loader, tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    _, report = load_text(with_article("folder"))
    assert codes(report) == ["missing-file"]
    assert "is a directory" in report.problems[0].message


def test_a_fifo_as_the_data_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(tmp_path / "stances.yaml")
    assert check_exit(tmp_path / "stances.yaml") == 1
    assert "is a named pipe (FIFO), not a regular file" in capsys.readouterr().out


def test_reads_are_bounded_by_bytes_read_not_by_the_size_reported(
    load_text: Loader, tmp_path: Path
) -> None:
    # files under /proc report a size of 0 whatever they hold
    (tmp_path / "proc.txt").symlink_to("/proc/self/maps")
    assert Path("/proc/self/maps").stat().st_size == 0
    _, report = load_text(with_article("proc.txt"), allow_outside_files=True, max_article_bytes=64)
    assert codes(report) == ["too-large"]
    assert "over the limit of 64 bytes" in report.problems[0].message


@pytest.mark.parametrize("reported", [0, 1, 100, 10**9])
def test_the_reported_size_only_sizes_the_buffer(
    reported: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a file may grow or shrink after its size is read: whatever it reports, the whole file
    # is read up to the limit, and no further
    from stancectl import files

    path = tmp_path / "article.txt"
    content = b"0123456789" * 30_000
    path.write_bytes(content)
    real_fstat = os.fstat

    def reporting(descriptor: int) -> os.stat_result:
        fields = list(real_fstat(descriptor))
        fields[6] = reported  # st_size
        return os.stat_result(fields)

    monkeypatch.setattr(os, "fstat", reporting)
    assert files.read_bytes(path, len(content))[0] == content
    assert files.read_bytes(path, 1_000)[0] == content[:1_001]


def test_a_cached_entry_whose_article_became_a_fifo_is_not_read_from_it(
    write_data: WriteData, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data()
    assert cli.run(["who-said", "--data", str(data)]) == 0
    article = data.parent / "article.txt"
    article.unlink()
    os.mkfifo(article)
    assert cli.run(["who-said", "--data", str(data)]) == 1  # no hang: the entry is stale
    assert "is a named pipe (FIFO)" in capsys.readouterr().err


# --- paths that cannot be followed --------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ('"a\\0b.txt"', "the file name contains a NUL byte"),
        ("x" * 300 + ".txt", "the file name is too long for the file system"),
        ("loop1", "symbolic links that lead round in a loop"),
    ],
)
def test_paths_that_cannot_be_followed(
    load_text: Loader, tmp_path: Path, path: str, message: str
) -> None:
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    for allow in (False, True):
        _, report = load_text(with_article(path), allow_outside_files=allow)
        assert codes(report) == ["bad-path"]
        assert message in report.problems[0].message
        assert report.problems[0].line == line_of(VALID, "file: article.txt")


# --- article text as read -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("article", "paragraphs"),
    [
        (ARTICLE.replace("\n", "\r\n"), 2),
        (ARTICLE.replace("\n", "\r"), 2),  # a CR-only file is not one paragraph
        (ARTICLE.replace("\n\n", "\u2029"), 2),
    ],
)
def test_line_endings_are_read_as_line_feeds(
    load_text: Loader, article: str, paragraphs: int
) -> None:
    dataset, report = load_text(article=article)
    assert dataset is not None and not report.errors
    text = dataset.texts["paper"]
    assert "\r" not in text
    assert len([p for p in text.split("\n\n") if p.strip()]) == paragraphs


def test_offsets_refer_to_the_normalised_text(load_text: Loader) -> None:
    article = ARTICLE.replace("nothing can", "noth\u00ading\u00a0can").replace("\n", "\r\n")
    dataset, report = load_text(article=article)
    assert dataset is not None and not report.errors
    found = dataset.matches[("macron-not-ruled-out", 0)]
    assert found.level.value == "exact"  # soft hyphen gone, no-break space plain
    assert found.passage(dataset.texts["paper"]) == "nothing can be ruled out"


@pytest.mark.parametrize(
    ("leftover", "shown"),
    [
        ("&amp;", "'&amp;'"),
        ("&#8217;", "'&#8217;'"),
        ("&#x2019;", "'&#x2019;'"),
        ("<p>", "'<p>'"),
        ('<a href="http://example.org">', "'<a href=\"http://example.org\">'"),
        ("<br/>", "'<br/>'"),
        ("<!-- comment -->", "'<!--'"),
    ],
)
def test_html_left_in_an_article_is_a_warning_with_its_line(
    load_text: Loader, leftover: str, shown: str
) -> None:
    article = ARTICLE + f"\nA third paragraph {leftover} here.\n"
    _, report = load_text(article=article)
    assert codes(report) == ["article-markup"]
    problem = report.problems[0]
    assert problem.severity.value == "warning"
    assert problem.line == line_of(VALID, "file: article.txt")
    line = article.count("\n", 0, article.index(leftover)) + 1
    assert f"article.txt:{line}:" in problem.message
    assert f"{shown} (line {line})" in problem.message


def test_plain_text_with_angle_brackets_and_ampersands_is_no_markup(load_text: Loader) -> None:
    article = ARTICLE + "\nProfits & losses: 3 < 5 and 7 > 2, R&D; <3\n"
    _, report = load_text(article=article)
    assert codes(report) == []


# --- dates at the edges of the calendar ---------------------------------------------------

EDGE_DATES = [
    ("0001-01-01", "approximate"),
    ("0001-01-01", "week"),
    ("0001-01-03", "year"),
    ("9999-12-31", "approximate"),
    ("9999-12-31", "week"),
    ("9999-12-31", "month"),
]


@pytest.mark.parametrize(("day", "precision"), EDGE_DATES)
def test_dates_at_the_edges_of_the_calendar(
    write_data: WriteData, capsys: pytest.CaptureFixture[str], day: str, precision: str
) -> None:
    text = VALID.replace(
        "    said_on: 2024-02-26\n", f"    said_on: {day}\n    date_precision: {precision}\n"
    ).replace("published: 2024-02-27", "published: 9999-12-31")
    data = write_data(text)
    commands = [
        ["check"],
        ["who-said", "--since", "0001-01-01", "--until", "9999-12-31"],
        ["who-said", "--since", "9999-12-30", "-f", "json"],
        ["who-said", "--until", "0001-01-05", "-f", "csv"],
        ["timeline", "--lanes"],
        ["timeline", "-f", "markdown"],
        ["show", "macron-not-ruled-out"],
        ["articles"],
    ]
    for command in commands:
        code = cli.run([*command, "--data", str(data), "--no-cache"])
        captured = capsys.readouterr()
        assert code in (0, 1), (command, captured.err)
        assert "internal error" not in captured.err
    assert cli.run(["who-said", "--data", str(data), "-f", "json"]) == 0
    assert day in capsys.readouterr().out


# --- aliases that multiply a large string -------------------------------------------------


def test_aliases_of_a_large_string_are_bounded_in_bytes(load_text: Loader) -> None:
    big = "x" * 200_000
    aliases = ", ".join(["*big"] * 30)  # 30 aliases: few nodes, but 6 MB of text
    dataset, report = load_text(VALID + f'notes: &big "{big}"\nrepeated: [{aliases}]\n')
    assert dataset is None
    assert codes(report) == ["alias-bomb"]
    assert "in nodes or in bytes" in report.problems[0].message


def test_nested_aliases_are_measured_once_each(load_text: Loader) -> None:
    layers = ['a0: &a0 "' + "y" * 1000 + '"']
    for level in range(1, 40):  # each layer doubles: 2**39 kB if expanded
        layers.append(f"a{level}: &a{level} [*a{level - 1}, *a{level - 1}]")
    dataset, report = load_text(VALID + "bomb:\n  " + "\n  ".join(layers) + "\n")
    assert dataset is None
    assert codes(report) == ["alias-bomb"]


# --- a megabyte quote ---------------------------------------------------------------------


def test_a_megabyte_quote_is_checked_and_reported(
    write_data: WriteData, capsys: pytest.CaptureFixture[str]
) -> None:
    words = ARTICLE.split()
    quote = " ".join(words[i % len(words)] for i in range(200_000)).replace('"', "")
    assert len(quote) > 1_000_000
    data = write_data(VALID.replace('"nothing can be ruled out"', f'"{quote}"'))
    assert check_exit(data) == 1
    out = capsys.readouterr().out
    assert "error[quote-missing]: quote not found in article 'paper'" in out


# --- the process's surroundings -----------------------------------------------------------


def stancectl(
    *arguments: str,
    env: dict[str, str] | None = None,
    shell_suffix: str = "",
    cwd: Path = REPO,
    encoding: str = "utf-8",
) -> subprocess.CompletedProcess[str]:
    """Run the command as a user does, in a fresh process."""
    command = " ".join(f"'{a}'" for a in [sys.executable, "-m", "stancectl", *arguments])
    return subprocess.run(
        f"exec {command} {shell_suffix}",
        shell=True,
        stdout=None if shell_suffix else subprocess.PIPE,
        stderr=subprocess.PIPE,
        encoding=encoding,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_closed_standard_output_is_a_usage_error() -> None:
    for command in (["who-said"], ["check"], ["timeline", "-f", "json"]):
        done = stancectl(*command, "--data", str(BUNDLED), shell_suffix=">&-")
        assert done.returncode == 2, done.stderr
        assert "standard output is closed" in done.stderr
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_closed_standard_output_does_not_stop_writing_a_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    args = ["who-said", "--data", str(BUNDLED), "-f", "json", "--output", str(target)]
    done = stancectl(*args, shell_suffix=">&-")
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8").startswith("{")


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_an_output_encoding_without_the_symbols_gets_ascii_ones(encoding: str) -> None:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    args = ["--data", str(BUNDLED)]
    done = stancectl("timeline", "--government", "poland", *args, env=env, encoding=encoding)
    assert done.returncode == 0, done.stderr
    assert "  v rules out troops" in done.stdout
    assert "  ^ does not rule out" in done.stdout
    assert "Rados\\u0142aw Sikorski" in done.stdout  # a letter it cannot show, as an escape
    shown = stancectl("show", "sikorski-not-unthinkable", *args, env=env, encoding=encoding)
    assert shown.returncode == 0, shown.stderr
    dot = "-" if encoding == "ascii" else "\u00b7"  # latin-1 has the middle dot
    assert f"direct {dot} exact match" in shown.stdout


def test_machine_formats_stay_utf8_whatever_the_terminal() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    for output_format in ("csv", "markdown", "json"):
        done = subprocess.run(
            [sys.executable, "-m", "stancectl", "who-said", "-f", output_format],
            capture_output=True,
            env=env,
            cwd=REPO,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "Rados\u0142aw".encode() in done.stdout


def without_home(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME")}
    env.pop("STANCECTL_CACHE_DIR", None)
    return {**env, **extra}


def test_without_home_there_is_no_cache_and_only_debug_says_so(tmp_path: Path) -> None:
    env = without_home(tmp_path)
    quiet = stancectl("who-said", "--data", str(BUNDLED), env=env, cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stderr == ""
    said = stancectl("who-said", "--debug", "--data", str(BUNDLED), env=env, cwd=tmp_path)
    assert said.returncode == 0
    assert "no cache folder: HOME is not set" in said.stderr
    assert list(tmp_path.iterdir()) == []  # no "~" folder made where the command ran


def test_a_home_that_cannot_hold_a_cache_is_no_obstacle(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    env = without_home(tmp_path, HOME=str(not_a_folder))
    quiet = stancectl("who-said", "--data", str(BUNDLED), env=env, cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stderr == ""
    said = stancectl("who-said", "--debug", "--data", str(BUNDLED), env=env, cwd=tmp_path)
    assert said.returncode == 0
    assert "cache not written to" in said.stderr


INTERRUPTS = {
    # interrupted as soon as the entry module is loaded, before the command line is
    "before the command line loads": (
        "import os, signal, stancectl.__main__ as entry\n"
        "os.kill(os.getpid(), signal.SIGINT)\n"
        "entry.main()\n"
    ),
    # interrupted while the command line's modules are being imported
    "while its modules load": (
        "import builtins, os, signal, stancectl.__main__ as entry\n"
        "original = builtins.__import__\n"
        "def interrupting(name, *args, **kwargs):\n"
        "    if name == 'typer':\n"
        "        builtins.__import__ = original\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "    return original(name, *args, **kwargs)\n"
        "builtins.__import__ = interrupting\n"
        "entry.main()\n"
    ),
}


@pytest.mark.parametrize("moment", INTERRUPTS)
def test_ctrl_c_during_start_up_exits_130_without_a_traceback(moment: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPTS[moment], "who-said"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr


# --- results of an older rule -------------------------------------------------------------


def test_results_checked_by_another_quote_rule_are_not_reused(
    write_data: WriteData, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stancectl.cache import LoadCache

    data = write_data()
    cache = LoadCache(private_cache)
    monkeypatch.setattr("stancectl.cache.MATCH_RULE", 1)
    assert cache.open(data).info.stored
    assert cache.open(data).info.hit
    monkeypatch.setattr("stancectl.cache.MATCH_RULE", 2)
    assert not cache.open(data).info.hit
