"""Time the regex extractor on hostile text: the whole suggest_article call, wall time.

    .venv/bin/python benchmarks/suggest_hostile.py

Each case is built here (the bundled articles repeated, text without punctuation, storms of
quotation marks); the figures go to BENCHMARKS.md.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from stancectl.suggest import make_registry, suggest_article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def cases() -> dict[str, str]:
    news = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    words = news.split()
    chooser = random.Random(1)
    vocabulary = ["said", "that", "Macron", "the", "official", "he", "warned", "of"]
    return {
        "1 MB of news": (news + "\n\n") * 70,
        "one line, no punctuation": " ".join(chooser.choice(vocabulary) for _ in range(40_000)),
        "100,000 quotation marks": "\u201c" * 50_000 + " said Macron " + "\u201d" * 50_000,
        "20,000 quotations in a paragraph": '"a," he said, "b" ' * 20_000,
        "30,000 commas": "Macron, " * 30_000 + "said that it is fine.",
        "one giant sentence": " ".join(words * 20).replace(".", ","),
    }


def main() -> None:
    registry = make_registry(actors=(), governments={}, stances=())
    for name, text in cases().items():
        started = time.perf_counter()
        found = suggest_article(text, registry=registry, engine="regex")
        seconds = time.perf_counter() - started
        print(f"{name:34} {len(text):>9,} characters {seconds:6.2f} s {len(found):>6} candidates")


if __name__ == "__main__":
    main()
