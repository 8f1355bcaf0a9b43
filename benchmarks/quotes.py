"""Time the quote check on very long quotes and articles: it must stay well under a second per
megabyte of quote, whatever the quote is (found, altered, spliced, elided, unrelated).

Each case builds an article and a quote from seeded random prose (standard library only), then
times `ArticleMatcher(article).match(quote)`, the article's preparation included, as `check`
does it for an article's first quote. Prints a Markdown table.

    .venv/bin/python benchmarks/quotes.py --megabytes 1 --runs 3
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from stancectl.evidence import ArticleMatcher, MatchLevel
from stancectl.text import normalise_article_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def vocabulary() -> list[str]:
    """The words of the bundled articles: realistic lengths and frequencies."""
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return [w for w in text.split() if w.isalpha()]


def prose(words: list[str], size: int, rng: random.Random, paragraph_words: int = 0) -> str:
    """About `size` characters of random sentences from `words`; with `paragraph_words`, a
    blank line after every so many words."""
    out: list[str] = []
    length = 0
    count = 0
    while length < size:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 25)))
        sentence = sentence[0].upper() + sentence[1:] + "."
        out.append(sentence)
        length += len(sentence) + 1
        count += sentence.count(" ") + 1
        if paragraph_words and count >= paragraph_words:
            out.append("\n\n")
            count = 0
    return " ".join(out).replace(" \n\n ", "\n\n")


def typographic(text: str) -> str:
    """The text as a web page might have it: no-break spaces after sentences, a line break
    every few sentences, soft hyphens in long words."""
    text = text.replace(". ", ".\u00a0").replace("s. ", "s.\n")
    return text.replace("tion", "ti\u00adon")


def cases(megabytes: float, rng: random.Random) -> list[tuple[str, str, str, MatchLevel]]:
    words = vocabulary()
    size = int(megabytes * 1_000_000)
    small = normalise_article_text((SEEDS / "004_f52634b0fc8487dc.txt").read_text("utf-8"))
    big = prose(words, size, rng)
    altered = big.split(" ")
    middle = len(altered) // 2
    altered[middle] = altered[middle] + "x"
    elided = big.split(" ")
    for k in range(0, len(elided) - 60, 60):  # drop every 60th word behind "..."
        elided[k + 30] = "..."
    spliced = big[: size // 2] + " " + big[size // 2 + 5000 :]
    unrelated = prose(words, size, random.Random(rng.random()))
    return [
        ("quote found verbatim", big, big, MatchLevel.EXACT),
        ("quote found after folding typography", typographic(big), big, MatchLevel.NORMALISED),
        ("one word changed in the middle", big, " ".join(altered), MatchLevel.ALTERED),
        ("two distant halves spliced", big, spliced, MatchLevel.ALTERED),
        ("an omission every 60 words ('...')", big, " ".join(elided), MatchLevel.ELIDED),
        ("unrelated prose, article as long", big, unrelated, MatchLevel.MISSING),
        ("megabyte quote, 4 KB bundled article", small, big, MatchLevel.MISSING),
        (
            "the bundled article repeated",
            small,
            (small + " ") * (size // len(small)),
            MatchLevel.MISSING,
        ),
        # quotes made of what folding and elision handle one by one
        ("guillemets and spaces only", big, "\u00ab \u00bb " * (size // 6), MatchLevel.MISSING),
        ("ellipses only", big, "\u2026" * (size // 3), MatchLevel.MISSING),
        (
            "an elision after every word",
            big,
            " ... ".join(big[: size * 6 // 10].split(" ")),
            MatchLevel.ELIDED,
        ),
    ]


def timed(run: Callable[[], MatchLevel], runs: int) -> tuple[float, float, MatchLevel]:
    """Median wall-clock and CPU seconds of `runs` runs (CPU time is steadier on a busy
    machine), and the level found."""
    wall: list[float] = []
    cpu: list[float] = []
    level = MatchLevel.MISSING
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        level = run()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall), statistics.median(cpu), level


def prepared(article: str) -> ArticleMatcher:
    """A matcher whose article is already folded and indexed, as it is for every quote but
    the first when an article is cited many times: what is left is the quote's own cost."""
    matcher = ArticleMatcher(article)
    _ = matcher.folded, matcher.index
    return matcher


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=10)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    print(
        "| case | article | quote | level | wall (median) | CPU (median) | CPU per MB of quote "
        "| CPU per MB, article prepared |"
    )
    print("|---|---|---|---|---|---|---|---|")
    failed = False
    for name, article, quote, expected in cases(options.megabytes, rng):
        seconds, cpu, level = timed(
            lambda a=article, q=quote: ArticleMatcher(a).match(q).level, options.runs
        )
        matcher = prepared(article)
        _, quote_cpu, _ = timed(lambda m=matcher, q=quote: m.match(q).level, options.runs)
        megabytes = len(quote.encode("utf-8")) / 1_000_000
        mark = "" if level is expected else f" (expected {expected.value})"
        failed |= level is not expected
        print(
            f"| {name} | {len(article.encode()) / 1_000_000:.2f} MB | {megabytes:.2f} MB "
            f"| {level.value}{mark} | {seconds:.3f} s | {cpu:.3f} s | {cpu / megabytes:.3f} s "
            f"| {quote_cpu / megabytes:.3f} s |"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
