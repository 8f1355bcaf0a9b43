"""What runs inside a Dask worker: the analysis arrives once per worker through a worker plugin
(prepared there once, e.g. its language model loaded) and each task analyses one batch of
articles, returning its rows already encoded as a part file."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from stancectl.scan.analysis import Analysis
from stancectl.scan.corpus import CorpusArticle, Entry, Failure
from stancectl.scan.parts import BatchRecord
from stancectl.scan.rows import CandidateRow, Kind, OutputFormat, encode_rows

_ANALYSES: dict[str, Analysis] = {}
"""The analyses this worker process holds, by plugin name."""


class AnalysisPlugin(WorkerPlugin):  # type: ignore[misc]  # Dask is untyped here
    """A Dask worker plugin carrying the analysis: the scheduler hands it to every worker that
    is running or joins later (a worker restarted after it was killed included)."""

    def __init__(self, name: str, analysis: Analysis) -> None:
        self.name = name
        self.analysis = analysis

    def setup(self, worker: Any) -> None:
        self.analysis.prepare()
        _ANALYSES[self.name] = self.analysis

    def teardown(self, worker: Any) -> None:
        _ANALYSES.pop(self.name, None)


@dataclass(frozen=True)
class BatchResult:
    record: BatchRecord
    payload: bytes


def input_digest(entries: list[Entry]) -> str:
    """Identifies a batch's input, to check on resuming that the corpus has not changed."""
    digest = hashlib.blake2b(digest_size=16)
    for entry in entries:
        if isinstance(entry, Failure):
            digest.update(f"{entry.index}\0{entry.id}\0{entry.code}\0".encode())
        else:
            digest.update(f"{entry.index}\0{entry.id}\0{entry.published}\0".encode())
            digest.update(entry.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def analyse_batch(
    plugin: str, batch: int, entries: list[Entry], output_format: OutputFormat
) -> BatchResult:
    """Task body: analyse each article of a batch. An article whose analysis fails becomes a
    failure record; the other articles of the batch go on."""
    analysis = _ANALYSES.get(plugin)
    if analysis is None:  # the plugin did not reach this worker: a bug, not bad input
        raise RuntimeError(f"worker has no analysis {plugin!r}")
    return run_batch(analysis, batch, entries, output_format)


def run_batch(
    analysis: Analysis, batch: int, entries: list[Entry], output_format: OutputFormat
) -> BatchResult:
    started = time.process_time()
    rows: list[CandidateRow] = []
    failures: list[Failure] = []
    articles = 0
    for entry in entries:
        if isinstance(entry, Failure):
            failures.append(entry)
            continue
        try:
            found = analysis.analyse(entry)
        except Exception as error:  # one article's failure must not stop the scan
            failures.append(_analysis_failure(entry, error))
            continue
        articles += 1
        rows.extend(found)
    payload = encode_rows(rows, output_format)
    speakers = Counter(row.new_actor for row in rows if row.new_actor)
    record = BatchRecord(
        batch=batch,
        first=entries[0].index if entries else 0,
        entries=len(entries),
        articles=articles,
        rows=len(rows),
        suggestions=sum(row.kind is Kind.SUGGESTION for row in rows),
        second_sources=sum(row.kind is Kind.SECOND_SOURCE for row in rows),
        cpu_seconds=time.process_time() - started,
        input_digest=input_digest(entries),
        failures=[failure.as_dict() for failure in failures],
        new_speakers=dict(speakers),
    )
    return BatchResult(record, payload)


def _analysis_failure(article: CorpusArticle, error: Exception) -> Failure:
    message = str(error).splitlines()[0][:200] if str(error) else ""
    reason = f"analysis failed: {type(error).__name__}" + (f": {message}" if message else "")
    return Failure(article.index, article.id, article.location, "analysis-failed", reason)
