"""Names a user types -> ids: case- and accent-insensitive, through aliases, and a message naming
the closest choices when nothing (or too much) matches."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from stancectl.naming import contains_name, fold
from stancectl.problems import ExitCode, StancectlError
from stancectl.records import Records


class LookupFailedError(StancectlError):
    """A name on the command line matches nothing, or too much."""

    exit_code = ExitCode.USAGE


class AmbiguousNameError(LookupFailedError):
    """More than one record goes by what was typed."""


def choices_hint(word: str, choices: Iterable[str]) -> str:
    options = sorted(set(choices))
    close = difflib.get_close_matches(word, options, n=5, cutoff=0.5)
    shown = close or options[:8]
    more = "" if close or len(options) <= 8 else f" (and {len(options) - 8} more)"
    return f"; {'closest' if close else 'choices'}: {', '.join(shown)}{more}" if shown else ""


def _part_of(name: str, word: str) -> bool:
    return fold(word) in fold(name)


def _resolve(
    word: str,
    what: str,
    names: dict[str, list[str]],
    part_of: Callable[[str, str], bool] = _part_of,
) -> str:
    """The one id whose names match `word`: exactly (folded) first, then as a part."""
    wanted = fold(word)
    exact = [i for i, known in names.items() if wanted in {fold(n) for n in known}]
    if len(exact) == 1:
        return exact[0]
    partial = exact or [i for i, known in names.items() if any(part_of(n, word) for n in known)]
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise AmbiguousNameError(
            f"{what} '{word}' is ambiguous: it matches {', '.join(sorted(partial))}; "
            "give more of the name, or the id"
        )
    raise LookupFailedError(f"no {what} matches '{word}'{choices_hint(word, names)}")


def resolve_stance(records: Records, word: str) -> str:
    return _resolve(word, "stance", records.names.stances)


def resolve_actor(records: Records, word: str) -> str:
    """An actor by id, name or alias, or by a whole name inside one ("putin" is in "Vladimir
    Putin", not in "Putin's spokesman")."""
    return _resolve(word, "actor", records.names.actors, contains_name)


def resolve_government(records: Records, word: str) -> str:
    """An entity (a government, party, ...) by id, name or alias, or a whole name inside one."""
    return _resolve(word, "entity", records.names.governments, contains_name)


def resolve_topic(records: Records, word: str) -> str:
    return _resolve(word, "topic", records.names.topics)


def resolve_article(records: Records, word: str) -> str:
    """An article by id or file name, or by an unambiguous prefix of either ("002"); never by
    a fragment from the middle, where a typo would silently pick another article."""
    return article_named(records.names.articles, word)


def article_named(names: dict[str, list[str]], word: str) -> str:
    """`resolve_article` over the article names alone (`Names.articles`)."""
    if word in names:
        return word
    prefixed = sorted(i for i, known in names.items() if any(n.startswith(word) for n in known))
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        raise AmbiguousNameError(
            f"article '{word}' is ambiguous: it starts {', '.join(prefixed)}; give more of it"
        )
    raise LookupFailedError(
        f"no article id or file name starts with '{word}'{choices_hint(word, names)}"
    )


def resolve_statement(records: Records, word: str) -> str:
    statements = records.names.statements
    if word in statements:
        return word
    prefixed = [i for i in statements if i.startswith(word)]
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        raise AmbiguousNameError(f"statement '{word}' is ambiguous: {', '.join(prefixed[:8])}")
    raise LookupFailedError(f"no statement '{word}'{choices_hint(word, statements)}")
