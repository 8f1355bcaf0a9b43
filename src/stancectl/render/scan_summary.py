"""The summary a scan prints at the end: plain text for people, JSON (`stancectl.scan-summary/1`)
for programs. Never through rich; names found in articles are made inert first."""

from __future__ import annotations

from typing import Any

from stancectl.render.safe import one_line


def summary_text(document: dict[str, Any]) -> str:
    analysed = document["articles_analysed"]
    lines = [
        f"Scanned {one_line(document['corpus'])}: {document['articles_read']:,} articles read "
        f"in {document['wall_seconds']:.1f} s on {document['workers']} worker(s)"
        + (
            f", {document['resumed_batches']} batch(es) kept from the interrupted run"
            if document["resumed_batches"]
            else ""
        ),
        f"  analysed     {analysed:>9,}",
        f"  failed       {document['failed']:>9,}"
        + (f"  ({_counts(document['failure_codes'])})" if document["failed"] else "")
        + f"  -> {one_line(document['errors'])}",
        f"  candidates   {document['candidates']:>9,}  ({document['suggestions']:,} suggested, "
        f"{document['second_sources']:,} second sources)  -> {one_line(document['output'])}",
        f"  time per article: {document['cpu_ms_per_article']:.1f} ms of worker CPU",
    ]
    speakers = document["new_speakers"]
    if speakers:
        lines.append("  new speakers most often quoted:")
        lines += [f"    {entry['quotes']:>6,}  {one_line(entry['name'])}" for entry in speakers]
    return "\n".join(lines) + "\n"


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{code} {count:,}" for code, count in counts.items())
