"""`FoldedText` against a reference written the plain way: character by character, straight
from the rules of the fold, with no regular expression and no piece of the production code
except its tables of characters. Both must give the same folded text and map every position
back to the original alike."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from stancectl.text import (
    INVISIBLE_CHARACTERS,
    SPACE_EATERS,
    TYPOGRAPHY,
    WHITESPACE,
    FoldedText,
    fold,
)


@dataclass(frozen=True)
class ReferenceFold:
    text: str
    sources: list[int]
    """For each character of `text`, the offset of the original character it came from."""


def reference_fold(original: str) -> ReferenceFold:
    """The fold spelled out: a run of whitespace and invisible characters next to a quotation
    mark or guillemet is removed; any other such run becomes one space, which stands for the
    run's first whitespace character (a run of invisible characters alone goes); each other
    character is translated by TYPOGRAPHY ("…" gives three dots, all from it); spaces at either
    end go."""
    out: list[str] = []
    sources: list[int] = []
    n = len(original)

    def blank(char: str) -> bool:
        return char.isspace() or char in INVISIBLE_CHARACTERS

    k = 0
    while k < n:
        char = original[k]
        if blank(char):
            end = k
            while end < n and blank(original[end]):
                end += 1
            next_to_eater = (k > 0 and original[k - 1] in SPACE_EATERS) or (
                end < n and original[end] in SPACE_EATERS
            )
            first_space = next((j for j in range(k, end) if original[j].isspace()), None)
            if not next_to_eater and first_space is not None:
                out.append(" ")
                sources.append(first_space)
            k = end
            continue
        folded = char.translate(TYPOGRAPHY)
        out.extend(folded)
        sources.extend([k] * len(folded))
        k += 1
    while out and out[-1] == " ":
        out.pop()
        sources.pop()
    while out and out[0] == " ":
        out.pop(0)
        sources.pop(0)
    return ReferenceFold("".join(out), sources)


def reference_start(folded: ReferenceFold, position: int) -> int:
    """Where the folded character at `position` starts in the original; past the end, where
    the last one ends."""
    if position < len(folded.sources):
        return folded.sources[position]
    return reference_end(folded, position)


def reference_end(folded: ReferenceFold, position: int) -> int:
    """Where folded text[:position] ends in the original: after the last character's source."""
    if position <= 0 or not folded.sources:
        return 0
    return folded.sources[min(position, len(folded.sources)) - 1] + 1


def reference_position(folded: ReferenceFold, original_position: int) -> int:
    """Where the original offset stands in the folded text: at the first folded character
    that came from it or from a later character."""
    return next(
        (k for k, source in enumerate(folded.sources) if source >= original_position),
        len(folded.text),
    )


FOLDED_CHARACTERS = (
    list("ab1 \n\t\r\"'.-`")
    + sorted(SPACE_EATERS)
    + list("\u2018\u2019\u02bc\u2032\u2026\u2014\u2013\u2212\u2033")
    + list("\u00a0\u202f\u2009\u3000\u2028\u2029\x0b\x0c\x1c\x85")
    + list("\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u202a\u2066\u180e")
    + list("\uff02\uff07\uff0d\uff12\uff21\uff41\uff40\u0301\u00e9\u2075\u00bd")
)
rich_text = st.text(
    st.one_of(st.sampled_from(FOLDED_CHARACTERS), st.characters(codec="utf-8")), max_size=80
)


def assert_same_as_reference(original: str) -> None:
    folded = FoldedText(original)
    expected = reference_fold(original)
    assert folded.text == expected.text == fold(original)
    for position in range(len(expected.text) + 2):
        assert folded.start_in_original(position) == reference_start(expected, position)
        assert folded.end_in_original(position) == reference_end(expected, position)
    for start in range(len(expected.text) + 1):
        for end in range(start, len(expected.text) + 1):
            if end > start:
                assert folded.span_in_original(start, end) == (
                    reference_start(expected, start),
                    reference_end(expected, end),
                )
    for original_position in range(len(original) + 2):
        assert folded.folded_position(original_position) == reference_position(
            expected, original_position
        )


@settings(max_examples=1500, deadline=None)
@given(rich_text)
def test_the_fold_and_its_map_equal_the_reference(original: str) -> None:
    assert_same_as_reference(original)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "word",
                " ",
                "  ",
                "\n",
                "\u00ab",
                "\u00bb",
                "\u201e",
                "\u201c",
                "\u2026",
                "\u00ad",
                "\u200b",
                "\u00a0",
                "'s",
                "\u2014",
            ]
        ),
        max_size=30,
    )
)
def test_typographic_prose_folds_as_the_reference(pieces: list[str]) -> None:
    assert_same_as_reference("".join(pieces))


def test_the_reference_on_a_known_sentence() -> None:
    original = " He said \u00ab\u202fnothing  can\nbe\u00adruled\u00a0out\u202f\u00bb, twice\u2026 "
    expected = reference_fold(original)
    assert expected.text == 'He said"nothing can beruled out", twice...'
    assert [original[s] for s in expected.sources[:3]] == ["H", "e", " "]
    dots = expected.text.index("...")
    assert expected.sources[dots : dots + 3] == [len(original) - 2] * 3
    assert_same_as_reference(original)


def test_short_texts_at_the_edges() -> None:
    for original in ["", " ", "\u200b", " \u00ab ", "\n\u00ad\n"]:
        assert_same_as_reference(original)


def test_whitespace_lists_every_space_character() -> None:
    every = {chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()}
    assert set(WHITESPACE) == every
    assert all(re.fullmatch(r"\s", char) for char in every)


def test_a_character_folded_to_one_that_folds_again_folds_once() -> None:
    # the full-width grave accent folds to the grave accent, which folds to an apostrophe:
    # each character folds once, as str.translate would
    original = "a\uff40b`c'd\uff40"
    assert fold(original) == "a`b'c'd`"
    assert_same_as_reference(original)
