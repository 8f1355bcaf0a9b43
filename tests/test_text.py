"""The normal form of article text and the typography fold: what changes, and what never does."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stancectl.text import (
    INVISIBLE_CHARACTERS,
    SPACE_CHARACTERS,
    TYPOGRAPHY,
    FoldedText,
    TokenList,
    count_words,
    cuts_word,
    fold,
    normalise_article_text,
    paragraphs,
    tokens,
)

# --- normalise_article_text ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("one\r\ntwo", "one\ntwo"),
        ("one\rtwo\r\rthree", "one\ntwo\n\nthree"),  # a CR-only file keeps its paragraphs
        ("one\r\n\r\ntwo", "one\n\ntwo"),
        ("one\x85two", "one\ntwo"),
        ("one\u2028two", "one\ntwo"),
        ("one\u2029two", "one\n\ntwo"),
        ("one\x0ctwo\x0bthree", "one\ntwo\nthree"),
        ("\ufeffTitle", "Title"),
        ("e\u0301t\u00e9", "\u00e9t\u00e9"),  # NFD accents composed
        ("in\u00adcredible", "incredible"),
        ("zero\u200bwidth\u200c\u200djoin\u2060ed", "zerowidthjoined"),
        ("\u202eevil\u202c \u2066iso\u2069 \u200emark\u200f", "evil iso mark"),
        ("25\u00a0000", "25 000"),
        ("\u00ab\u202fmot\u202f\u00bb", "\u00ab mot \u00bb"),
        ("thin\u2009space", "thin space"),
    ],
)
def test_article_text_is_normalised(raw: str, expected: str) -> None:
    assert normalise_article_text(raw) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "2\u2075th",  # superscript: no NFKC
        "\u00bd of the troops",  # vulgar fraction
        "\u2460 first",  # circled digit
        "n\u043et",  # Cyrillic o stays Cyrillic
        "\uff12\uff15",  # full-width digits: folded only for comparison, not in the text
        "\u201cquoted\u201d \u2018single\u2019 \u2014 dash \u2026",
        "tab\there,  two spaces",
        "para one\n\n\npara two\n",
        "UPPER lower MiXeD",
        "\ufb01ne",  # the ligature "fi" is a compatibility character: kept
    ],
)
def test_article_text_keeps_what_a_reader_sees(kept: str) -> None:
    assert normalise_article_text(kept) == kept


def test_every_invisible_character_is_removed_and_every_space_made_plain() -> None:
    for char in INVISIBLE_CHARACTERS:
        assert normalise_article_text(f"a{char}b") == "ab", hex(ord(char))
    for char in SPACE_CHARACTERS:
        assert normalise_article_text(f"a{char}b") == "a b", hex(ord(char))


article_like = st.text(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from("\r\n\u2028\u2029\u00ad\u200b\u00a0\u202f\u0301\ufeff\u201c\u201d"),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(article_like)
def test_normalising_is_idempotent_and_keeps_no_carriage_return(raw: str) -> None:
    once = normalise_article_text(raw)
    assert normalise_article_text(once) == once
    assert "\r" not in once
    assert not set(once) & INVISIBLE_CHARACTERS
    assert unicodedata.is_normalized("NFC", once)


@settings(max_examples=300, deadline=None)
@given(article_like)
def test_normalising_keeps_the_lines_of_lf_text(raw: str) -> None:
    plain = raw.replace("\r", "").replace("\u2028", "").replace("\u2029", "")
    plain = "".join(c for c in plain if c not in "\x0b\x0c\x85")
    assert normalise_article_text(plain).count("\n") == plain.count("\n")


# --- fold --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "article"),
    [
        ('"nothing"', "\u201cnothing\u201d"),
        ('"nothing"', "\u201enothing\u201c"),
        ('"nothing"', "\u00abnothing\u00bb"),
        ('"nothing"', "\u00ab nothing \u00bb"),
        ('"nothing"', "\u201e nothing \u201c"),
        ("Macron's", "Macron\u2019s"),
        ("Macron's", "Macron\u02bcs"),
        ("Macron's", "Macron\u2018s"),
        ("1950-1953", "1950\u20131953"),
        ("a - b", "a \u2014 b"),
        ("-5", "\u22125"),
        ("wait...", "wait\u2026"),
        ("25", "\uff12\uff15"),
        ("NATO", "\uff2e\uff21\uff34\uff2f"),
        ("no troops", "no\u00a0troops"),
        ("no troops", "no\u202ftroops"),
        ("no troops", "no\u2009troops"),
        ("no troops", "no\ntroops"),
        ("no troops", "no\n\n  troops"),
        ("incredible", "in\u00adcredible"),
        ("zero", "ze\u200bro"),
        ("zero", "\u200eze\u2060ro\u200f"),
    ],
)
def test_typography_folds_away(typed: str, article: str) -> None:
    assert fold(typed) == fold(article)


@pytest.mark.parametrize(
    ("typed", "article"),
    [
        ("25th", "2\u2075th"),  # superscript five is not five
        ("1/2", "\u00bd"),
        ("1", "\u2460"),
        ("not", "n\u043et"),  # Cyrillic o
        ("fine", "\ufb01ne"),  # ligature
        ("nato", "NATO"),  # case is not typography
        ("no", "on"),
        ("cannot", "can not"),
    ],
)
def test_letters_digits_and_case_are_not_typography(typed: str, article: str) -> None:
    assert fold(typed) != fold(article)


folding_alphabet = st.one_of(
    st.sampled_from(
        list("ab1 \n\t\"'.-\u00ab\u00bb\u201e\u201c\u201d\u2039\u203a\u2019\u02bc\u2026\u2014")
        + list("\u00a0\u200b\u202f\u00ad\u3000\uff12\u2033\u0301")
    ),
    st.characters(codec="utf-8"),
)


@settings(max_examples=500, deadline=None)
@given(st.text(folding_alphabet, max_size=40))
def test_folded_text_equals_fold_and_maps_each_character_home(original: str) -> None:
    folded = FoldedText(original)
    assert folded.text == fold(original)
    for position, char in enumerate(folded.text):
        source = original[folded.start_in_original(position)]
        if char == " ":
            assert source.isspace()
        else:
            assert char in (source.translate(TYPOGRAPHY) or "")
    start, end = folded.span_in_original(0, len(folded.text))
    assert fold(original[start:end]) == folded.text


@settings(max_examples=300, deadline=None)
@given(st.text(folding_alphabet, max_size=40))
def test_fold_is_idempotent_and_keeps_every_letter_and_digit(original: str) -> None:
    folded = fold(original)
    assert fold(folded) == folded
    # every letter and digit stays, as itself or its full-width form's ASCII; the one letter
    # folded away is U+02BC, the modifier letter apostrophe, which is an apostrophe
    kept = (c.translate(TYPOGRAPHY) for c in original if c.isalnum())
    expected = "".join(c for c in kept if c.isalnum())
    assert "".join(c for c in folded if c.isalnum()) == expected


def test_a_span_of_folded_text_maps_to_the_words_it_came_from() -> None:
    original = "He said \u00ab\u202fnothing  can\nbe ruled\u00a0out\u202f\u00bb, twice\u2026"
    folded = FoldedText(original)
    assert folded.text == 'He said"nothing can be ruled out", twice...'
    start = folded.text.index("nothing")
    end = folded.text.index("out") + 3
    begin, finish = folded.span_in_original(start, end)
    assert original[begin:finish] == "nothing  can\nbe ruled\u00a0out"
    dots = folded.text.index("...")
    assert folded.span_in_original(dots, dots + 3) == (len(original) - 1, len(original))


# --- words and paragraphs --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "position", "inside"),
    [
        ("unthinkable", 2, True),
        ("not unthinkable", 3, False),
        ("not unthinkable", 4, False),
        ("250 troops", 2, True),
        ("don't", 3, True),  # don|'t
        ("don't", 4, True),  # don'|t
        ("Macron\u2019s", 6, True),
        ("'quoted'", 1, False),
        ("1950-1953", 4, False),
        ("caf\u00e9s", 4, True),
        ("na\u0308ive", 2, True),  # before a combining mark
        ("edge", 0, False),
        ("edge", 4, False),
    ],
)
def test_word_boundaries(text: str, position: int, inside: bool) -> None:
    assert cuts_word(text, position) is inside


def test_tokens_are_words_and_single_marks() -> None:
    text = fold("\u201cIt\u2019s not\u2014unthinkable,\u201d said 25\u00b0")
    words = [t.text for t in tokens(text)]
    assert words == ['"', "It's", "not", "-", "unthinkable", ",", '"', "said", "25", "\u00b0"]
    assert [t.is_word for t in tokens("a , 1")] == [True, False, True]
    assert tokens("x\u0928\u093f y")[0].text == "x\u0928\u093f"  # a Devanagari vowel sign


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one\ntwo\n\nthree", ["one\ntwo", "three"]),  # blank lines separate paragraphs
        ("one\ntwo\nthree", ["one", "two", "three"]),  # no blank line: one per line
        ("\n\n  one  \n \n\n two\n", ["one", "two"]),
        ("", []),
        ("single", ["single"]),
    ],
)
def test_paragraphs(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in paragraphs(text)] == expected


@settings(max_examples=300, deadline=None)
@given(st.text(folding_alphabet, max_size=60))
def test_the_token_list_agrees_with_the_tokens(original: str) -> None:
    text = fold(original)
    listed = TokenList(text)
    found = tokens(text)
    assert listed.texts == [t.text for t in found]
    assert listed.is_word == [t.is_word for t in found]
    assert [(listed.start(k), listed.end(k)) for k in range(len(listed))] == [
        (t.start, t.end) for t in found
    ]
    assert count_words(text) == sum(listed.is_word)
