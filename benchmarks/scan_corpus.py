"""A news-like corpus for the scan benchmark, as JSON lines, built from the text the project has.

Each article is a dateline and three to eight paragraphs drawn from a pool: the paragraphs of
the five bundled articles (`seeds/`, real reporting on Western troops for Ukraine, Feb-Mar 2024)
and of the six wire-style articles written for the suggest evaluation
(`benchmarks/suggest_data/wire/`, other topics). So every article holds real attributions,
quotes and speakers in realistic prose, and many carry a curated quote without being cited for
it: the second sources a scan looks for. A tenth of the articles have their curly quotation
marks and apostrophes typed straight, as many sites print them. The same seed gives the same
corpus, byte for byte.

    .venv/bin/python benchmarks/scan_corpus.py --articles 5000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIRE = ROOT / "benchmarks" / "suggest_data" / "wire"
SOURCES = [*sorted((ROOT / "seeds").glob("*.txt")), *sorted(WIRE.glob("*.txt"))]
CITIES = ["PARIS", "BERLIN", "WARSAW", "KYIV", "MOSCOW", "WASHINGTON", "LONDON", "BRUSSELS"]
OUTLETS = ["Wire", "Daily Ledger", "Evening Post", "Courier", "Observer", "Gazette"]
STRAIGHT = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def paragraphs() -> list[str]:
    pool = []
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        pool += [part.strip() for part in text.split("\n\n") if len(part.strip()) > 40]
    return pool


def articles(count: int, seed: int) -> Iterator[dict[str, str]]:
    """One article at a time: the generator holds no more than the paragraph pool."""
    pool = paragraphs()
    chooser = random.Random(seed)
    start = dt.date(2024, 2, 20)
    for number in range(count):
        day = start + dt.timedelta(days=chooser.randrange(40))
        body = chooser.sample(pool, k=chooser.randint(3, 8))
        dateline = f"{chooser.choice(CITIES)}, {day:%d %B %Y} ({chooser.choice(OUTLETS)}) - "
        text = dateline + "\n\n".join(body) + "\n"
        if chooser.random() < 0.1:
            text = text.translate(STRAIGHT)
        yield {
            "id": f"bench-{number:06d}",
            "text": text,
            "published": day.isoformat(),
            "url": f"https://news.example/{day:%Y/%m/%d}/{number}",
            "title": body[0].split(".")[0][:90],
        }


def write(path: Path, count: int, seed: int = 1) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for record in articles(count, seed):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/corpus-scan/archive.jsonl")
    options = parser.parse_args()
    print(write(options.out, options.articles, options.seed))


if __name__ == "__main__":
    main()
