"""What makes a scan resumable: each finished batch of articles is a part file beside the output,
recorded in a ledger once the part is safely on disk. An interrupted scan keeps both; resuming
skips the batches in the ledger and joins all the parts in corpus order at the end, so the output
is the same as an uninterrupted run's.

The folder `.NAME.scan/` beside the output `NAME` holds:
- `manifest.json`: what the scan is (corpus, format, batch size, analysis); resuming under a
  different one is refused;
- `ledger.jsonl`: one line per finished batch (its counts, failures and a digest of its input);
- `part-00000042.parquet` (or `.jsonl`): the rows of batch 42.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import orjson

from stancectl.output import atomic_output
from stancectl.problems import ExitCode, StancectlError

MANIFEST = "manifest.json"
LEDGER = "ledger.jsonl"


class ResumeError(StancectlError):
    """An interrupted scan's folder is in the way, or does not match the scan asked for."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True)
class BatchRecord:
    """What one finished batch contributed: everything the summary needs, so that a resumed
    scan's summary covers the batches of the interrupted run too."""

    batch: int
    first: int
    """Corpus index of the batch's first entry."""
    entries: int
    articles: int
    """Entries analysed (the others are failures)."""
    rows: int
    suggestions: int
    second_sources: int
    cpu_seconds: float
    input_digest: str
    failures: list[dict[str, Any]] = field(default_factory=list)
    new_speakers: dict[str, int] = field(default_factory=dict)

    def as_line(self) -> bytes:
        return orjson.dumps(asdict(self)) + b"\n"


class WorkFolder:
    def __init__(self, output: Path, suffix: str) -> None:
        self.path = output.parent / f".{output.name}.scan"
        self.suffix = suffix

    def part(self, batch: int) -> Path:
        return self.path / f"part-{batch:08d}.{self.suffix}"

    def open(self, manifest: dict[str, Any], *, resume: bool) -> dict[int, BatchRecord]:
        """Start a scan's folder, or with `resume` reopen an interrupted one: the batches already
        finished, by number."""
        if self.path.exists() and not resume:
            raise ResumeError(
                f"an interrupted scan left its work in {self.path}: run the same command with "
                f"--resume to continue it, or delete that folder to start again"
            )
        if not self.path.exists():
            self.path.mkdir()
            write_file(self.path / MANIFEST, orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
            return {}
        try:
            recorded = orjson.loads((self.path / MANIFEST).read_bytes())
        except (OSError, orjson.JSONDecodeError) as error:
            raise ResumeError(
                f"cannot resume: {self.path / MANIFEST} is unreadable ({error}); delete "
                f"{self.path} to start again"
            ) from error
        differences = [key for key in manifest if recorded.get(key) != manifest[key]]
        if differences:
            raise ResumeError(
                f"cannot resume: the interrupted scan in {self.path} had a different "
                f"{', '.join(differences)}; run it as before, or delete that folder to start again"
            )
        return self._finished()

    def _finished(self) -> dict[int, BatchRecord]:
        finished: dict[int, BatchRecord] = {}
        with contextlib.suppress(FileNotFoundError), (self.path / LEDGER).open("rb") as ledger:
            for line in ledger:
                try:
                    record = BatchRecord(**orjson.loads(line))
                except (orjson.JSONDecodeError, TypeError):
                    continue  # a line cut short when the scan was stopped
                if self.part(record.batch).is_file():
                    finished[record.batch] = record
        return finished

    def record(self, record: BatchRecord, payload: bytes) -> None:
        """Keep a finished batch: its part first, then its ledger line, each durable before the
        next, so that the ledger never names a part that is not complete."""
        write_file(self.part(record.batch), payload)
        with (self.path / LEDGER).open("ab") as ledger:
            ledger.write(record.as_line())
            ledger.flush()
            os.fsync(ledger.fileno())

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def write_file(path: Path, payload: bytes) -> None:
    with atomic_output(path) as handle:
        handle.write(payload)
