"""Precision, recall and CPU time of `suggest`'s extractors on hand-annotated articles.

An annotated attribution is found when one proposed candidate's source span overlaps the
annotated source and its content span overlaps the annotated content (one candidate per
annotation). Precision is the share of candidates that find an annotation; recall the share
of annotations found. CPU time per article is process time, after the spaCy pipeline is
loaded, the median of several passes over all articles.

    .venv/bin/python benchmarks/suggest_eval.py             # a Markdown table
    .venv/bin/python benchmarks/suggest_eval.py --show-errors

Annotations: benchmarks/suggest_data/*.yaml (the rules are in BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from stancectl.suggest import Candidate, Registry, make_registry, spacy_available, suggest_article
from stancectl.suggest.registry import build_registry

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "suggest_data"


@dataclass(frozen=True)
class Gold:
    source: tuple[int, int]
    content: tuple[int, int]
    label: str


@dataclass(frozen=True)
class Article:
    name: str
    split: str
    text: str
    gold: list[Gold]


def read_article(path: Path) -> str:
    """The text as stancectl reads it (its normaliser, where this version has one)."""
    raw = path.read_text(encoding="utf-8")
    try:
        text_module = importlib.import_module("stancectl.text")
    except ImportError:
        return raw
    return str(text_module.normalise_article_text(raw))


def _occurrences(text: str, needle: str) -> list[int]:
    pattern = r"(?<!\w)" + re.escape(needle) + r"(?!\w)"
    return [m.start() for m in re.finditer(pattern, text)]


def locate(text: str, entry: dict[str, Any]) -> Gold:
    """Annotations name strings; the content's n-th occurrence, the source nearest to it."""
    contents = _occurrences(text, entry["content"])
    start = contents[entry.get("occurrence", 1) - 1]
    content = (start, start + len(entry["content"]))
    sources = _occurrences(text, entry["source"])
    if not sources:
        raise ValueError(f"source not found: {entry['source']!r}")

    paragraph = (text.rfind("\n", 0, content[0]) + 1, _paragraph_end(text, content[1]))

    def distance(position: int) -> tuple[int, int]:
        """Sources in the content's paragraph first, nearest first; else the nearest before."""
        if paragraph[0] <= position < paragraph[1]:
            if content[0] <= position < content[1]:
                return (0, 0)
            return (0, min(abs(position - content[0]), abs(position - content[1])))
        return (1, content[0] - position if position < content[0] else len(text))

    begin = min(sources, key=distance)
    return Gold(
        (begin, begin + len(entry["source"])),
        content,
        f"{entry['source']} | {entry['content'][:60]}",
    )


def _paragraph_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end < 0 else end


def load_articles() -> list[Article]:
    articles: list[Article] = []
    for annotation in sorted(DATA.glob("*.yaml")):
        document = yaml.safe_load(annotation.read_text(encoding="utf-8"))
        for item in document["articles"]:
            base = ROOT if item["article"].startswith("seeds/") else DATA
            text = read_article(base / item["article"])
            gold = [locate(text, entry) for entry in item["attributions"]]
            split = item.get("split", "bundled")
            articles.append(Article(item["article"], split, text, gold))
    return articles


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(article: Article, found: list[Candidate]) -> tuple[int, list[Gold], list[Candidate]]:
    """(hits, annotations missed, proposals that found nothing). Candidates that share a cue
    and a content are one proposal: a source naming two speakers ("Macron and Sikorski said")
    gives one candidate per speaker for one attribution."""
    proposals: dict[tuple[int, int, int], list[Candidate]] = {}
    for candidate in found:
        group = (candidate.cue.start, candidate.content.start, candidate.content.end)
        proposals.setdefault(group, []).append(candidate)
    unmatched = list(article.gold)
    wrong: list[Candidate] = []
    hits = 0
    for members in proposals.values():
        match = next(
            (
                g
                for g in unmatched
                for c in members
                if _overlap(g.source, (c.source.start, c.source.end))
                and _overlap(g.content, (c.content.start, c.content.end))
            ),
            None,
        )
        if match is None:
            wrong.append(members[0])
        else:
            unmatched.remove(match)
            hits += 1
    return hits, unmatched, wrong


def proposals(found: list[Candidate]) -> int:
    return len({(c.cue.start, c.content.start, c.content.end) for c in found})


def registry_for(split: str, bundled: Registry) -> Registry:
    return bundled if split == "bundled" else make_registry(actors=(), governments={}, stances=())


def evaluate(articles: list[Article], engine: str, bundled: Registry, show: bool) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for split in sorted({a.split for a in articles}):
        hits = predicted = annotated = 0
        for article in (a for a in articles if a.split == split):
            found = suggest_article(
                article.text, registry=registry_for(split, bundled), engine=engine
            )
            article_hits, missed, wrong = score(article, found)
            hits += article_hits
            predicted += proposals(found)
            annotated += len(article.gold)
            if show:
                for gold in missed:
                    print(f"  [{engine}] MISSED {article.name}: {gold.label}", file=sys.stderr)
                for candidate in wrong:
                    print(
                        f"  [{engine}] WRONG  {article.name}: {candidate.source.text} | "
                        f"{candidate.cue.text} | {candidate.content.text[:60]}",
                        file=sys.stderr,
                    )
        precision = hits / predicted if predicted else 0.0
        recall = hits / annotated if annotated else 0.0
        results[split] = {
            "annotated": annotated,
            "proposed": predicted,
            "found": hits,
            "precision": precision,
            "recall": recall,
        }
    return results


def model_load_seconds() -> float:
    """Wall-clock seconds of the first (and only) load of the spaCy pipeline."""
    from stancectl.suggest import spacy_engine

    started = time.perf_counter()
    spacy_engine.pipeline()
    return time.perf_counter() - started


def floors(dataset: Any, registry: Registry, engine: str) -> dict[str, str]:
    """The issue's floors on the bundled articles, as tests/test_suggest_floors.py checks them."""
    proposed = {
        a.id: suggest_article(
            dataset.texts[a.id],
            registry=registry,
            published=a.published,
            published_precision=a.published_precision.value,
            article_id=a.id,
            engine=engine,
        )
        for a in dataset.articles.values()
    }
    kinds = {
        (s.id, e.article, e.quote): e.attribution.value
        for s in dataset.statements.values()
        for e in s.evidence
    }
    quoted = reported = reported_hit = hit = actor_n = actor_ok = 0
    for items in registry.evidence.values():
        for evidence in items:
            found = [
                c
                for c in proposed[evidence.article]
                if evidence.start is not None
                and evidence.end is not None
                and c.content.overlaps(evidence.start, evidence.end)
            ]
            kind = kinds[(evidence.statement, evidence.article, evidence.quote)]
            quoted += 1
            hit += bool(found)
            if kind in {"direct", "indirect"}:
                reported += 1
                reported_hit += bool(found)
                if found and registry.statements[evidence.statement].actor:
                    actors = {
                        registry.statements[e.statement].actor
                        for e in items
                        for c in found
                        if e.start is not None
                        and e.end is not None
                        and c.content.overlaps(e.start, e.end)
                    }
                    actor_n += 1
                    actor_ok += any(c.actor in actors for c in found)
    guesses = right = 0
    for article_id, candidates in proposed.items():
        for candidate in (c for c in candidates if c.stance):
            stances = {
                registry.statements[e.statement].stance
                for e in registry.evidence.get(article_id, ())
                if e.start is not None
                and e.end is not None
                and candidate.content.overlaps(e.start, e.end)
            }
            if stances:
                guesses += 1
                right += candidate.stance in stances

    def share(part: int, whole: int) -> str:
        return f"{part}/{whole} = {part / whole:.0%}" if whole else "n/a"

    return {
        "curated quotes proposed (floor 65%)": share(hit, quoted),
        "direct and indirect ones proposed (floor 85%)": share(reported_hit, reported),
        "of those, right actor id (floor 95%)": share(actor_ok, actor_n),
        "stance guess right when made (floor 85%)": share(right, guesses),
    }


def cpu_ms_per_article(
    articles: list[Article], engine: str, bundled: Registry, passes: int
) -> float:
    suggest_article(articles[0].text, registry=bundled, engine=engine)  # loads the model
    timings = []
    for _ in range(passes):
        started = time.process_time()
        for article in articles:
            suggest_article(
                article.text, registry=registry_for(article.split, bundled), engine=engine
            )
        timings.append((time.process_time() - started) / len(articles) * 1000)
    return statistics.median(timings)


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = os.cpu_count()
    return f"{cpu}, {cores} cores, {platform.system()}, Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--show-errors", action="store_true", help="list misses and wrong candidates"
    )
    parser.add_argument("--passes", type=int, default=20, help="timing passes (median reported)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args()

    from stancectl.loader import load

    dataset, _ = load(ROOT / "stances.yaml")
    if dataset is None:
        raise SystemExit("the bundled stances.yaml does not load")
    bundled = build_registry(dataset)
    articles = load_articles()
    engines = ["regex", "spacy"] if spacy_available() else ["regex"]
    figures: dict[str, Any] = {
        "machine": machine(),
        "date": dt.date.today().isoformat(),
        "articles": {
            split: sum(1 for a in articles if a.split == split)
            for split in {a.split for a in articles}
        },
        "engines": {},
    }
    if "spacy" in engines:
        figures["spacy_load_seconds"] = model_load_seconds()
    for engine in engines:
        figures["engines"][engine] = {
            "quality": evaluate(articles, engine, bundled, options.show_errors),
            "cpu_ms_per_article": cpu_ms_per_article(articles, engine, bundled, options.passes),
            "cpu_ms_per_bundled_article": cpu_ms_per_article(
                [a for a in articles if a.split == "bundled"], engine, bundled, options.passes
            ),
            "floors": floors(dataset, bundled, engine),
        }
    if options.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"Machine: {figures['machine']}; date {figures['date']}\n")
    if "spacy_load_seconds" in figures:
        print(f"spaCy pipeline load (once per process): {figures['spacy_load_seconds']:.2f} s\n")
    print("| engine | set | annotated | proposed | found | precision | recall | CPU ms/article |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for engine, result in figures["engines"].items():
        for split, row in result["quality"].items():
            counts = f"{row['annotated']} | {row['proposed']} | {row['found']}"
            rates = f"{row['precision']:.1%} | {row['recall']:.1%}"
            print(
                f"| {engine} | {split} | {counts} | {rates} | {result['cpu_ms_per_article']:.2f} |"
            )
    bundled_ms = ", ".join(
        f"{engine} {result['cpu_ms_per_bundled_article']:.2f}"
        for engine, result in figures["engines"].items()
    )
    print(f"\nCPU ms per bundled article (3 kB of text on average): {bundled_ms}")
    for engine, result in figures["engines"].items():
        print(f"\nFloors on the bundled articles, {engine}:")
        for name, value in result["floors"].items():
            print(f"- {name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
