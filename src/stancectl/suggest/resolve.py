"""Speakers as written -> actor ids: names, aliases and role titles held on the day.

"Sikorski", "Polish foreign minister Radosław Sikorski" and "the French leader" resolve through
the registry; a speaker it does not know becomes a proposed actor entry.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from stancectl.suggest import lexicon
from stancectl.suggest.registry import Registry, key, tokens
from stancectl.suggest.types import ProposedActor


@dataclass(frozen=True, slots=True)
class Resolution:
    actor: str | None = None
    government: str | None = None
    new_actor: ProposedActor | None = None


def resolve(source: str, registry: Registry, day: dt.date | None) -> Resolution:
    """The actor (or, for a state speaking as such, the government) a source names."""
    parts = [part for part in re.split(r",\s*", source) if part.strip()]
    for text in (source, *parts):
        owners = _on_day(registry.names.get(key(text), ()), registry, day)
        if len(owners) == 1:
            return Resolution(actor=owners[0])
    named = _named_within(source, registry, day)
    if named is not None:
        return Resolution(actor=named)
    titled = _by_title(source, registry, day)
    if titled is not None:
        return Resolution(actor=titled)
    government = registry.government_names.get(key(source))
    if government is not None:
        return Resolution(government=government)
    return Resolution(new_actor=propose(source))


def _on_day(owners: tuple[str, ...], registry: Registry, day: dt.date | None) -> tuple[str, ...]:
    """Of several actors sharing a name, those holding a role on the day (if that decides)."""
    if len(owners) <= 1 or day is None:
        return owners
    current = tuple(o for o in owners if any(r.holds_on(day) for r in registry.actors[o].roles))
    return current or owners


def _named_within(source: str, registry: Registry, day: dt.date | None) -> str | None:
    """The actor of the longest name inside the source, unless it is a possessor ("Putin's
    spokesman" is not Putin)."""
    words = tokens(source)
    best: tuple[int, tuple[str, ...]] | None = None
    for length in range(min(registry.longest_name, len(words)), 0, -1):
        for begin in range(len(words) - length + 1):
            end = begin + length
            if end < len(words) and words[end] in {"'s", "'"}:
                continue
            phrase = " ".join(words[begin:end])
            if phrase.endswith("'s"):
                continue
            owners = _on_day(registry.names.get(phrase, ()), registry, day)
            if owners and (best is None or length > best[0]):
                best = (length, owners)
        if best is not None:
            break
    if best is None or len(best[1]) != 1:
        return None
    return best[1][0]


def _by_title(source: str, registry: Registry, day: dt.date | None) -> str | None:
    """`the French leader`, `Secretary of the National Security Council of Ukraine`: the one
    actor whose role on the day has that title (and that government, when one is named)."""
    source_key = key(source)
    if not source_key:
        return None
    exact = [
        actor.id
        for actor in registry.actors.values()
        for role in actor.roles
        if role.holds_on(day) and key(role.title) and key(role.title) in source_key
    ]
    if len(set(exact)) == 1:
        return exact[0]
    words = source_key.split()
    governments = {
        registry.government_names[" ".join(words[b : b + n])]
        for n in (3, 2, 1)
        for b in range(len(words) - n + 1)
        if " ".join(words[b : b + n]) in registry.government_names
    }
    categories = [c for c in lexicon.TITLE_CATEGORIES if re.search(rf"\b{c}\b", source_key)]
    if not categories or len(governments) > 1:
        return None
    title_words = {t for c in categories for t in lexicon.TITLE_CATEGORIES[c]}
    found = {
        actor.id
        for actor in registry.actors.values()
        for role in actor.roles
        if role.holds_on(day)
        and (not governments or role.government in governments)
        and any(t in key(role.title) for t in title_words)
        and (governments or role.government is None)
    }
    return found.pop() if len(found) == 1 else None


_NAME_WORD = re.compile(r"^[A-Z\u00c0-\u00de][\w\u2019'.-]*$")
_PLURALS = frozenset({"officials", "leaders", "diplomats", "sources", "countries", "nations",
                      "allies", "partners", "members", "representatives", "lawmakers", "experts",
                      "residents", "witnesses", "aides", "analysts", "governments"})  # fmt: skip


def full_names_by_surname(people: Iterable[ProposedActor]) -> dict[str, ProposedActor | None]:
    """Surname -> the one new person named in full with it (None when several are)."""
    found: dict[str, ProposedActor | None] = {}
    for person in people:
        words = key(person.name).split()
        if person.kind != "person" or len(words) < 2:
            continue
        known = found.get(words[-1], person)
        found[words[-1]] = person if known is not None and known.id == person.id else None
    return found


def named_in_full(
    proposed: ProposedActor, by_surname: dict[str, ProposedActor | None]
) -> ProposedActor:
    """A person an article names by surname alone ("Stoltenberg", "Mr Bell") and elsewhere in
    full ("Jens Stoltenberg"): the one such fully named person, else the person as proposed
    (two people sharing the surname leave the mention apart)."""
    words = key(proposed.name).split()
    if proposed.kind != "person" or len(words) != 1:
        return proposed
    return by_surname.get(words[0]) or proposed


def propose(source: str) -> ProposedActor:
    """An actor entry for an unknown speaker: the proper name (if any) as its name, the words
    around it as its role title; otherwise an anonymous or collective source as written."""
    parts = [part.strip() for part in re.split(r",\s*", source) if part.strip()]
    for index, part in enumerate(parts):
        words = part.split()
        name_words: list[str] = []
        for word in reversed(words):
            plain = _plain(word)
            if (
                _NAME_WORD.match(word)
                and plain not in lexicon.TITLE_WORDS
                and plain not in lexicon.DEMONYMS
            ):
                name_words.insert(0, word)
            else:
                break
        if name_words:
            titled = [
                i for i, w in enumerate(name_words[:-1]) if _plain(w) in lexicon.LEADING_TITLES
            ]
            if titled:  # "Conservative MP Richard Hale": the name follows the last title
                name_words = name_words[titled[-1] + 1 :]
            title = " ".join(words[: len(words) - len(name_words)]) or None
            if title is None and len(parts) > 1:
                title = ", ".join(p for i, p in enumerate(parts) if i != index) or None
            name = " ".join(name_words)
            return ProposedActor(id=slug(name), name=name, kind="person", title=_title(title))
    lowered = source.lower()
    words = lowered.split()
    kind = "collective" if words and words[-1] in _PLURALS else "anonymous"
    if words and words[0] == "the" and kind == "anonymous":
        kind = (
            "office"
            if words[-1] in {"office", "ministry", "government", "administration"}
            else kind
        )
    name = re.sub(r"^(?:the|a|an)\s+", "", source, flags=re.IGNORECASE)
    return ProposedActor(id=slug(name), name=name[:1].upper() + name[1:], kind=kind, title=None)


def _title(title: str | None) -> str | None:
    if not title or all(_plain(word) in lexicon.HONORIFICS for word in title.split()):
        return None
    return re.sub(r"^(?:the|a|an)\s+", "", title.strip(), flags=re.IGNORECASE) or None


def _plain(word: str) -> str:
    return word.strip("\u2019'.").lower()


def slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", key(text))
    return "-".join(words)[:80].strip("-") or "speaker"
