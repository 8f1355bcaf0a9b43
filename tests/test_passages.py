"""The close-passage search's pieces against plain, slow definitions: where a quote's runs
of words stand in an article, the word diff, and token positions in long texts."""

from __future__ import annotations

import random
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from stancectl.passages import MAX_ANCHOR_REPEATS, PassageIndex, diff
from stancectl.text import TokenList, fold, tokens

few_words = st.lists(st.sampled_from(["a", "b", "c", "d", "A", "e"]), max_size=120)


def article_of(words: list[str]) -> PassageIndex:
    return PassageIndex(" ".join(words))


@settings(max_examples=300, deadline=None)
@given(few_words, few_words)
def test_run_positions_are_every_place_a_run_stands(article: list[str], quote: list[str]) -> None:
    index = article_of(article)
    keys = [w.casefold() for w in article]
    folded = [w.casefold() for w in quote]
    wanted = list(zip(folded, folded[1:], folded[2:], strict=False))
    found = index.run_positions(wanted)
    expected: dict[tuple[str, ...], list[int]] = {}
    for run in set(wanted):
        places = [j for j in range(len(keys) - 2) if tuple(keys[j : j + 3]) == run]
        if 0 < len(places) <= MAX_ANCHOR_REPEATS:
            expected[run] = places
    assert found == expected


@settings(max_examples=300, deadline=None)
@given(few_words, few_words)
def test_word_positions_are_every_place_a_word_stands(article: list[str], quote: list[str]) -> None:
    index = article_of(article)
    keys = [w.casefold() for w in article]
    found = index.word_positions(w.casefold() for w in quote)
    expected = {}
    for word in {w.casefold() for w in quote}:
        places = [j for j, key in enumerate(keys) if key == word]
        if 0 < len(places) <= MAX_ANCHOR_REPEATS:
            expected[word] = places
    assert found == expected


def test_a_run_found_too_often_is_no_anchor() -> None:
    index = article_of(["x", "y", "z"] * (MAX_ANCHOR_REPEATS + 1) + ["p", "q", "r"])
    found = index.run_positions([("x", "y", "z"), ("p", "q", "r")])
    assert found == {("p", "q", "r"): [3 * (MAX_ANCHOR_REPEATS + 1)]}


def apply(operations: list[tuple[str, int, int, int, int]], a: list[str], b: list[str]) -> None:
    """The operations cover both sides in order, and 'equal' ones are equal."""
    at_a = at_b = 0
    for tag, i1, i2, j1, j2 in operations:
        assert (i1, j1) == (at_a, at_b)
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
        at_a, at_b = i2, j2
    assert (at_a, at_b) == (len(a), len(b))


@settings(max_examples=300, deadline=None)
@given(few_words, few_words)
def test_the_diff_is_a_whole_edit_script(a: list[str], b: list[str]) -> None:
    operations = diff(a, b)
    apply(operations, a, b)
    # adjacent operations of one kind are merged, as are adjacent differences
    for before, after in pairwise(operations):
        assert before[0] != after[0]
        assert "equal" in (before[0], after[0])


def test_the_diff_of_long_lists_keeps_their_common_ends() -> None:
    rng = random.Random(3)
    a = [f"t{rng.randrange(10**9)}" for _ in range(20_000)]
    b = [*a[:9_000], "changed", *a[9_001:15_000], *a[15_200:]]
    operations = diff(a, b)
    apply(operations, a, b)
    assert operations[0] == ("equal", 0, 9_000, 0, 9_000)
    assert operations[-1][0] == "equal"
    assert operations[-1][2] - operations[-1][1] == len(a) - 15_200
    changed = [op for op in operations if op[0] != "equal"]
    assert changed[0] == ("replace", 9_000, 9_001, 9_000, 9_001)
    assert sum(i2 - i1 for tag, i1, i2, _, _ in changed) == 201


def test_positions_in_a_long_token_list_are_those_of_the_tokens() -> None:
    rng = random.Random(4)
    pieces = ["word", "l\u2019avis", "25", ",", ".", "\u00ab", "\u00bb", "\u2014", "caf\u00e9"]
    text = fold("  ".join(rng.choice(pieces) for _ in range(3_000)))
    listed = TokenList(text)
    found = tokens(text)
    assert len(listed) == len(found)
    for k in [*range(0, len(found), 7), len(found) - 1]:
        assert (listed.start(k), listed.end(k)) == (found[k].start, found[k].end)
    assert listed.is_word == [t.is_word for t in found]
