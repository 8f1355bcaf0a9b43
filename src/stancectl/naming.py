"""Names as people type them: case and accents ignored, matched as whole names.

"putin" is a whole name in "Vladimir Putin" but not in "Putin's spokesman": a name matches
another when its words are a run of that name's words, so an alias that mentions someone
never stands for them.
"""

from __future__ import annotations

import unicodedata

from stancectl.text import search_key, tokens


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching names: "Radosław" ~ "radoslaw"."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u0142", "l").replace("\u0141", "L"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(search_key(stripped).split())


def name_words(name: str) -> tuple[str, ...]:
    """The words of a name, folded; punctuation between them is left out."""
    return tuple(token.text for token in tokens(fold(name)) if token.is_word)


def contains_name(name: str, wanted: str) -> bool:
    """Whether `wanted` is a whole name inside `name`: its words, in order, side by side."""
    needle, words = name_words(wanted), name_words(name)
    if not needle:
        return False
    width = len(needle)
    return any(words[i : i + width] == needle for i in range(len(words) - width + 1))


def same_name(name: str, wanted: str) -> bool:
    """Whether two names are the same, case, accents and punctuation ignored."""
    words = name_words(wanted)
    return bool(words) and name_words(name) == words
