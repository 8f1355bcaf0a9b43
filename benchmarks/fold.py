"""Time the typography fold of whole articles (`FoldedText`): `check` builds one for every
article that holds a quote found only after folding, so its cost is paid once per such article.

Two sets of articles: the bundled ones (as read, normalised), and generated articles of a few
KB with the typography of web pages (curly quotes and guillemets, no-break spaces, a line break
per sentence, paragraph breaks, soft hyphens, dashes, ellipses). Prints a Markdown table of the
median CPU time per article and the memory a built `FoldedText` holds beyond its text.

    .venv/bin/python benchmarks/fold.py --runs 5
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from stancectl.text import FoldedText, normalise_article_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def bundled() -> list[str]:
    return [
        normalise_article_text(path.read_text(encoding="utf-8"))
        for path in sorted(SEEDS.glob("*.txt"))
    ]


def typographic_article(rng: random.Random, words: list[str], size: int) -> str:
    """About `size` characters of prose set as a web page sets it."""
    paragraphs: list[str] = []
    length = 0
    while length < size:
        sentences: list[str] = []
        for _ in range(rng.randint(2, 5)):
            chosen = [rng.choice(words) for _ in range(rng.randint(8, 22))]
            if rng.random() < 0.3:  # a quotation, English or French style
                k = rng.randrange(len(chosen) - 3)
                opening, closing = rng.choice(
                    [("\u201c", "\u201d"), ("\u00ab\u00a0", "\u00a0\u00bb")]
                )
                chosen[k] = opening + chosen[k]
                chosen[k + 2] += closing
            if rng.random() < 0.2:
                chosen.insert(rng.randrange(1, len(chosen)), "\u2014")
            if rng.random() < 0.1:
                chosen[-1] += "\u2026"
            sentence = " ".join(chosen)
            sentence = sentence[0].upper() + sentence[1:] + "."
            sentences.append(sentence.replace("tion", "ti\u00adon").replace("'", "\u2019"))
        paragraph = "\u00a0\n".join(sentences) if rng.random() < 0.5 else " ".join(sentences)
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def generated(count: int, size: int, seed: int) -> list[str]:
    """Articles as typed, no-break spaces and soft hyphens included: `check` folds articles
    as read (`normalise_article_text`), quotes and hand-made texts as they come."""
    rng = random.Random(seed)
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    words = [w for w in text.split() if w.isalpha()]
    return [typographic_article(rng, words, size) for _ in range(count)]


def cpu_per_article(articles: list[str], runs: int) -> float:
    """Median over `runs` of the CPU seconds to fold every article, divided by their number."""
    timings: list[float] = []
    for _ in range(runs):
        started = time.process_time()
        for article in articles:
            FoldedText(article)
        timings.append(time.process_time() - started)
    return statistics.median(timings) / len(articles)


def memory_per_article(articles: list[str]) -> float:
    """Bytes a built FoldedText holds beyond the original text, on average."""
    total = 0
    for article in articles:
        tracemalloc.start()
        folded = FoldedText(article)
        held, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        # the folded text is the original itself when folding changes nothing
        total += held - (0 if folded.text is article else sys.getsizeof(folded.text))
    return total / len(articles)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--size", type=int, default=4000, help="characters per generated article")
    parser.add_argument("--seed", type=int, default=11)
    options = parser.parse_args()
    typed = generated(options.articles, options.size, options.seed)
    sets = [
        ("the five bundled articles, as read", bundled()),
        (
            f"{options.articles} generated typographic articles, as read",
            [normalise_article_text(article) for article in typed],
        ),
        (f"the same {options.articles}, as typed (no-break spaces, soft hyphens)", typed),
    ]
    print("| articles | mean size | CPU per article (median) | held beyond the text |")
    print("|---|---|---|---|")
    for name, articles in sets:
        size = statistics.mean(len(a) for a in articles)
        cpu = cpu_per_article(articles, options.runs)
        held = memory_per_article(articles)
        print(f"| {name} | {size / 1000:.1f} K chars | {cpu * 1e6:.0f} µs | {held / 1000:.1f} KB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
