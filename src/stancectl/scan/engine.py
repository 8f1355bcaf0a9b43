"""The scan pipeline on Dask: read the corpus as a stream, cut it into batches, keep a bounded
number of batches in flight on the cluster, keep each finished batch as a part file, and join the
parts in corpus order at the end.

Memory stays bounded however large the corpus: the reader holds one article, the client at most
`window` batches, each worker one batch; the output is joined one row group at a time.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from stancectl.inputs import MAX_ARTICLE_BYTES
from stancectl.output import OutputExistsError, atomic_output
from stancectl.problems import ExitCode, StancectlError
from stancectl.scan.analysis import Analysis
from stancectl.scan.corpus import CorpusArticle, CorpusError, Entry, read_corpus
from stancectl.scan.parts import BatchRecord, ResumeError, WorkFolder
from stancectl.scan.rows import SCHEMA, OutputFormat, join_parts
from stancectl.scan.summary import ScanSummary, summarise
from stancectl.scan.worker import AnalysisPlugin, BatchResult, analyse_batch, input_digest

if TYPE_CHECKING:
    from distributed import Client, Future

BATCH_ARTICLES = 32
BATCH_CHARACTERS = 4_000_000
"""A batch ends at this many characters of text, however few articles it has: what a worker and
the client hold per batch stays bounded even for very long articles."""
CONNECT_SECONDS = 30.0
POLL_SECONDS = 1.0


class ScanError(StancectlError):
    """The scan could not start (bad corpus, unreachable cluster) or stopped part-way."""

    exit_code = ExitCode.DATA_PROBLEMS


class CorpusMissingError(StancectlError):
    exit_code = ExitCode.USAGE


class ScanInterruptedError(StancectlError):
    exit_code = ExitCode.INTERRUPTED


@dataclass(frozen=True)
class ScanSettings:
    output: Path
    errors: Path | None = None
    """The failures' file; by default beside the output, `NAME.errors.jsonl`."""
    scheduler: str | None = None
    """Address of a running Dask scheduler; None starts a local cluster on 127.0.0.1."""
    workers: int | None = None
    """Local worker processes; None: one per core."""
    resume: bool = False
    force: bool = False
    """Replace an existing output and errors file."""
    batch_articles: int = BATCH_ARTICLES
    batch_characters: int = BATCH_CHARACTERS
    max_article_bytes: int = MAX_ARTICLE_BYTES
    window: int | None = None
    """Batches in flight at most; None: twice the cluster's worker threads, at least 2."""
    no_workers_seconds: float = 120.0
    """Stop, resumably, when the cluster has had no worker for this long."""

    @property
    def errors_path(self) -> Path:
        if self.errors is not None:
            return self.errors
        return self.output.with_name(f"{self.output.stem}.errors.jsonl")


@dataclass(frozen=True)
class ScanProgress:
    entries: int
    """Corpus entries done so far (analysed, failed, or finished in an interrupted run)."""
    articles: int
    failed: int
    candidates: int


ProgressCallback = Callable[[ScanProgress], None]


def local_worker_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def batches(entries: Iterable[Entry], articles: int, characters: int) -> Iterator[list[Entry]]:
    """Entries in corpus order, cut into batches of at most `articles` entries and, past the
    first article, `characters` characters of text: the same batches on every run."""
    batch: list[Entry] = []
    size = 0
    for entry in entries:
        length = len(entry.text) if isinstance(entry, CorpusArticle) else 0
        if batch and (len(batch) >= articles or size + length > characters):
            yield batch
            batch, size = [], 0
        batch.append(entry)
        size += length
    if batch:
        yield batch


def scan(
    corpus: Path,
    analysis: Analysis,
    settings: ScanSettings,
    *,
    on_progress: ProgressCallback | None = None,
) -> ScanSummary:
    """Analyse every article of `corpus` on a Dask cluster; write the rows to `settings.output`
    and the failures to `settings.errors_path`. Raises ScanError, ResumeError,
    OutputExistsError or ScanInterruptedError with a message saying what to do."""
    output_format = _check_paths(corpus, settings)
    work = WorkFolder(settings.output, output_format.value)
    manifest = {
        "schema": SCHEMA,
        "corpus": str(corpus.resolve()),
        "format": output_format.value,
        "batch": [settings.batch_articles, settings.batch_characters],
        "max_article_bytes": settings.max_article_bytes,
        "analysis": analysis.identity(),
    }
    finished = work.open(manifest, resume=settings.resume)
    resumed = len(finished)
    started = time.perf_counter()
    try:
        with _client(settings) as client:
            workers = sum(client.nthreads().values())
            run = _Run(client, analysis, settings, output_format, work, finished, on_progress)
            count = run.all_batches(corpus, window=settings.window or max(2, 2 * workers))
    except BaseException:
        if not finished:  # nothing to resume: leave nothing behind
            work.remove()
        raise
    records = [finished[number] for number in range(count)]
    with atomic_output(settings.output) as handle:
        join_parts((work.part(number) for number in range(count)), output_format, handle)
    with atomic_output(settings.errors_path) as handle:
        for record in records:
            for failure in record.failures:
                handle.write(orjson.dumps(failure) + b"\n")
    work.remove()
    return summarise(
        records,
        corpus=str(corpus),
        output=str(settings.output),
        errors=str(settings.errors_path),
        wall_seconds=time.perf_counter() - started,
        workers=workers,
        resumed_batches=resumed,
    )


def _check_paths(corpus: Path, settings: ScanSettings) -> OutputFormat:
    output_format = OutputFormat.of(settings.output)
    if output_format is None:
        raise OutputExistsError(
            f"cannot tell the output format of {settings.output}: name a .parquet or a .jsonl file"
        )
    if not corpus.exists():
        raise CorpusMissingError(
            f"{corpus} does not exist: give a folder of .txt articles or a .jsonl file"
        )
    if settings.errors_path.resolve() == settings.output.resolve():
        raise OutputExistsError("the errors file cannot be the output file; name another")
    for path in (settings.output, settings.errors_path):
        if path.is_dir():
            raise OutputExistsError(f"{path} is a directory; name a file to write")
        if not path.parent.is_dir():
            raise OutputExistsError(f"cannot write {path}: the folder {path.parent} does not exist")
        if path.exists() and not settings.force:
            raise OutputExistsError(f"{path} exists; pass --force to replace it")
        if path.exists() and not path.is_file():
            raise OutputExistsError(f"{path} is not a regular file; --force replaces only files")
    return output_format


@contextlib.contextmanager
def _client(settings: ScanSettings) -> Iterator[Client]:
    import dask

    # Dask keeps its last 1,000 messages per connection for debugging: for a scan, 1,000
    # batches of articles, and of results, held for nothing. Our client, our local scheduler
    # and our local workers (their nannies pass the setting on) keep none.
    with (
        dask.config.set({"distributed.admin.low-level-log-length": 0}),
        _connected(settings) as client,
    ):
        yield client


@contextlib.contextmanager
def _connected(settings: ScanSettings) -> Iterator[Client]:
    from distributed import Client, LocalCluster

    if settings.scheduler:
        try:
            client = Client(settings.scheduler, timeout=CONNECT_SECONDS, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise ScanError(
                f"cannot reach the Dask scheduler at {settings.scheduler}: {error}"
            ) from error
        with client:
            try:
                client.wait_for_workers(1, timeout=CONNECT_SECONDS)
            except TimeoutError as error:
                raise ScanError(
                    f"the Dask scheduler at {settings.scheduler} has no workers: start some "
                    f"(`dask worker {settings.scheduler}`) and run again"
                ) from error
            yield client
        return
    cluster = LocalCluster(
        n_workers=settings.workers or local_worker_count(),
        threads_per_worker=1,  # one article at a time per process: the NLP work holds the GIL
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",  # its HTTP server: on this machine only, any free port
        silence_logs=logging.ERROR,
    )
    with cluster, Client(cluster, set_as_default=False) as client:
        yield client


class _Run:
    """One pass over the corpus: submits the batches not finished yet, keeps each one finished."""

    def __init__(
        self,
        client: Client,
        analysis: Analysis,
        settings: ScanSettings,
        output_format: OutputFormat,
        work: WorkFolder,
        finished: dict[int, BatchRecord],
        on_progress: ProgressCallback | None,
    ) -> None:
        self.client = client
        self.analysis = analysis
        self.settings = settings
        self.output_format = output_format
        self.work = work
        self.finished = finished
        self.on_progress = on_progress
        self.plugin = f"stancectl-scan-{uuid.uuid4().hex}"
        self.progress = ScanProgress(0, 0, 0, 0)
        self.without_workers_since: float | None = None

    def all_batches(self, corpus: Path, *, window: int) -> int:
        """Run every batch; the number of batches in the corpus."""
        self.client.register_plugin(AnalysisPlugin(self.plugin, self.analysis), name=self.plugin)
        in_flight: dict[Future, int] = {}
        count = 0
        try:
            for number, batch in enumerate(self._batches(corpus)):
                count = number + 1
                if number in self.finished:
                    self._skip(number, batch)
                    continue
                while len(in_flight) >= window:
                    self._wait(in_flight)
                future = self.client.submit(
                    analyse_batch,
                    self.plugin,
                    number,
                    batch,
                    self.output_format,
                    key=f"{self.plugin}-{number}",
                    pure=False,
                )
                in_flight[future] = number
            while in_flight:
                self._wait(in_flight)
        except KeyboardInterrupt:
            self._cancel(in_flight)
            raise ScanInterruptedError(self._stopped("was interrupted")) from None
        except (ScanError, ResumeError, OutputExistsError):
            self._cancel(in_flight)
            raise
        except Exception as error:  # a killed worker, a lost scheduler: all end the same way
            self._cancel(in_flight)
            detail = str(error).split(". ")[0].strip()
            reason = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
            raise ScanError(self._stopped(f"stopped ({reason})")) from error
        finally:
            with contextlib.suppress(Exception):
                self.client.unregister_worker_plugin(self.plugin)
        return count

    def _batches(self, corpus: Path) -> Iterator[list[Entry]]:
        try:
            yield from batches(
                read_corpus(corpus, max_article_bytes=self.settings.max_article_bytes),
                self.settings.batch_articles,
                self.settings.batch_characters,
            )
        except (CorpusError, OSError) as error:
            raise ScanError(f"cannot read the corpus: {error}") from error

    def _skip(self, number: int, batch: list[Entry]) -> None:
        if self.finished[number].input_digest != input_digest(batch):
            raise ResumeError(
                f"cannot resume: batch {number} of the corpus (from entry {batch[0].index}) "
                f"is not what the interrupted scan read; the corpus changed. Delete "
                f"{self.work.path} to start again"
            )
        self._advance(self.finished[number])

    def _wait(self, in_flight: dict[Future, int]) -> None:
        """Keep the batches that finish within a short while; stop the scan when the cluster
        has had no worker for `settings.no_workers_seconds` (Dask itself would wait forever)."""
        from distributed import wait

        try:
            with self.client.as_current():
                done, _ = wait(list(in_flight), POLL_SECONDS, return_when="FIRST_COMPLETED")
        except TimeoutError:
            if self.client.nthreads():
                self.without_workers_since = None
            elif self.without_workers_since is None:
                self.without_workers_since = time.monotonic()
            elif time.monotonic() - self.without_workers_since > self.settings.no_workers_seconds:
                seconds = self.settings.no_workers_seconds
                raise ScanError(
                    self._stopped(f"stopped: the cluster has had no workers for {seconds:g} s")
                ) from None
            return
        for future in sorted(done, key=in_flight.__getitem__):
            self._keep(future, in_flight)

    def _keep(self, future: Future, in_flight: dict[Future, int]) -> None:
        result: BatchResult = future.result()
        del in_flight[future]
        self.work.record(result.record, result.payload)
        self.finished[result.record.batch] = result.record
        self._advance(result.record)

    def _advance(self, record: BatchRecord) -> None:
        before = self.progress
        self.progress = ScanProgress(
            before.entries + record.entries,
            before.articles + record.articles,
            before.failed + len(record.failures),
            before.candidates + record.rows,
        )
        if self.on_progress is not None:
            self.on_progress(self.progress)

    def _cancel(self, in_flight: dict[Future, int]) -> None:
        with contextlib.suppress(Exception):
            self.client.cancel(list(in_flight))

    def _stopped(self, how: str) -> str:
        return (
            f"the scan {how}. The {self.progress.entries:,} articles it finished are kept in "
            f"{self.work.path}: run the same command with --resume to continue"
        )


def sequential_rows(corpus: Path, analysis: Analysis, **reading: Any) -> Iterator[dict[str, Any]]:
    """The rows `scan` writes, computed in this process one article after another: the
    reference a distributed run must equal."""
    analysis.prepare()
    for entry in read_corpus(corpus, **reading):
        if not isinstance(entry, CorpusArticle):
            continue
        try:
            rows = analysis.analyse(entry)
        except Exception:  # a failure record in a scan, no rows
            continue
        for row in rows:
            yield row.as_record()
