"""Who speaks: the subject of a cue, checked to look like a speaker (a name, a noun phrase
about people or bodies, a pronoun), with its appositions and joined names."""

from __future__ import annotations

import re

from stancectl.suggest import lexicon
from stancectl.suggest.segment import (
    QUOTE_MARKS,
    Word,
)
from stancectl.suggest.types import Span

MAX_SOURCE_WORDS = 20
MAX_WALK = 3 * MAX_SOURCE_WORDS
"""Words looked back from a cue for its subject or the verb before it; bounds the work a
sentence without punctuation can cause."""
_AUXILIARIES = frozenset(
    {
        "is", "was", "are", "were", "be", "been", "has", "have", "had", "will", "would", "can",
        "could", "should", "may", "might", "must", "do", "does", "did", "comes", "came", "says",
        "seems", "appears", "remains", "shows", "means", "not",
    }
)  # fmt: skip
_PARTICIPLE_ADJECTIVES = frozenset(
    {
        "united", "retired", "elected", "armed", "based", "unnamed", "named", "unidentified",
        "detained", "jailed", "exiled", "concerned", "affected", "interested", "related",
        "affiliated", "appointed", "designated", "embattled", "disputed", "occupied", "advanced",
        "qualified", "experienced", "licensed", "registered", "accredited", "assembled",
        "gathered", "invited", "allied", "respected", "renowned", "celebrated",
    }
)  # fmt: skip
_BOUNDARY_PUNCTUATION = frozenset(":;()[]-\u2014\u2013")  # a dash standing alone, em and en
CAPITALISED = re.compile(r"^[A-Z\u00c0-\u00de]")


_DETERMINERS = frozenset(
    {
        "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "these", "those",
        "recent", "such", "to", "of", "for", "whose", "earlier", "new", "latest", "previous",
        "further", "initial",
    }
)  # fmt: skip


def not_a_verb(tokens: list[Word], index: int) -> bool:
    """`Macron's remarks`, `the statement`, `refused to rule out`: a noun or an infinitive."""
    if index == 0:
        return False
    previous = tokens[index - 1]
    lower = previous.lower
    return lower in _DETERMINERS or lower.endswith(("'s", "\u2019s")) or lower in {"'", "\u2019"}


def cue_follows(tokens: list[Word]) -> bool:
    """A cue among the first words, before any punctuation but commas: `Peskov stated`,
    `said Sikorski`, `Nordgrid's director, Henrik Sola, said`."""
    for token in tokens[: MAX_SOURCE_WORDS + 4]:
        if token.text in lexicon.VERB_LEMMA:
            return True
        if not token.text[0].isalnum() and token.text not in {",", "\u2019", "'"}:
            return False
    return False


def subject_before_cue(text: str, rest: list[Word]) -> tuple[list[Word] | None, Word | None]:
    for index, token in enumerate(rest[: MAX_SOURCE_WORDS + 4]):
        if token.text in lexicon.VERB_LEMMA:
            span, _ = subject_of_cue(text, rest, index, 0, strong=True)
            if span is None:
                return None, None
            return [w for w in rest[:index] if span.start <= w.start < span.end], token
    return None, None


def noun_phrase_after(tokens: list[Word]) -> list[Word] | None:
    """`said Sikorski at a conference` -> Sikorski; `said the Kremlin spokesman.` -> the phrase."""
    phrase: list[Word] = []
    for token in tokens[:MAX_SOURCE_WORDS]:
        lower = token.lower
        if not token.text[0].isalnum() and token.text not in {"\u2019", "'"}:
            break
        if phrase and lower in {"at", "in", "on", "during", "to", "after", "before", "when",
                                "while", "as", "who", "which", "adding", "from", "via",
                                "and", "but", "told", "with"}:  # fmt: skip
            break
        if phrase and lower in lexicon.VERB_LEMMA and lower.endswith("ing"):
            break
        phrase.append(token)
    return phrase or None


def subject_after_with(tokens: list[Word], index: int) -> list[Word] | None:
    for back in range(index - 1, max(index - 7, -1), -1):
        if tokens[back].lower == "with":
            subject = tokens[back + 1 : index]
            return subject if speaker_like(subject) else None
        if not tokens[back].text[0].isalnum():
            return None
    return None


def sentence_subject(text: str, tokens: list[Word]) -> tuple[Span | None, bool]:
    """`Macron also took aim at Germany, suggesting ...` -> Macron: the words opening the
    sentence (after an opening `Later,`) up to its first plain lower-case word."""
    index = 0
    while index < len(tokens) and tokens[index].lower in lexicon.INTRODUCERS:
        comma = next(
            (i for i in range(index, min(index + 8, len(tokens))) if tokens[i].text == ","), None
        )
        if comma is None:
            return None, False
        index = comma + 1
    run: list[Word] = []
    if (
        index < len(tokens)
        and tokens[index].lower in lexicon.PERSON_PRONOUNS | lexicon.GROUP_PRONOUNS
    ):
        return Span.of(text, tokens[index].start, tokens[index].end), True
    for token in tokens[index:]:
        lower = token.lower
        if (
            CAPITALISED.match(token.text)
            or lower in {"the", "a", "an", "of"}
            or lower in lexicon.SPEAKER_NOUNS
            or lower.endswith(("'s", "\u2019s"))
        ):
            run.append(token)
            continue
        break
    if not run or not speaker_like(run):
        return None, False
    pronoun = len(run) == 1 and run[0].lower in lexicon.PRONOUNS
    return Span.of(text, run[0].start, run[-1].end), pronoun


def subject_of_cue(
    text: str, tokens: list[Word], cue_index: int, floor: int, strong: bool = False
) -> tuple[Span | None, bool]:
    """The speaker before a cue at `cue_index`: `Later, the head of X, Y Z, clarified` ->
    `the head of X, Y Z`. None when the verb is passive or no speaker-like phrase is there."""
    end = cue_index
    passive = False
    while end > 0 and tokens[end - 1].lower in lexicon.VERB_MODIFIERS:
        passive = passive or tokens[end - 1].lower in lexicon.PASSIVE_MARKERS
        end -= 1
    if passive or end == 0:
        return None, False
    if tokens[end - 1].text == ",":
        # `NHS Providers, which represents hospital trusts, warned`: the subject is what the
        # relative clause between the commas describes
        for index in range(end - 2, max(0, end - MAX_WALK), -1):
            word = tokens[index]
            if word.text in _BOUNDARY_PUNCTUATION or word.text in QUOTE_MARKS:
                break
            if word.lower in {"who", "which"} and index >= 2 and tokens[index - 1].text == ",":
                return subject_of_cue(text, tokens, index - 1, floor, strong)
    begin = end
    relative = False
    while begin > max(0, end - MAX_WALK):
        previous = tokens[begin - 1]
        lower = previous.lower
        if previous.text in _BOUNDARY_PUNCTUATION or previous.text in QUOTE_MARKS:
            break
        if lower in {"who", "which"}:
            relative = lower == "who"
            break
        if lower in {"and", "&"} and _joins_names(tokens, begin - 1, end):
            begin -= 1
            continue
        if lower in lexicon.CLAUSE_OPENERS or previous.text in lexicon.VERB_LEMMA:
            break
        begin -= 1
    region = tokens[begin:end]
    if relative:
        before = tokens[: begin - 1]
        while before and before[-1].text == ",":
            before = before[:-1]
        owner = trailing_name(before)
        if owner is None:
            return None, False
        region = owner
    parts = _split_commas(region)
    if not parts:
        return None, False
    if region[-1].text == "," and len(parts) >= 2:
        name, apposition = parts[-2], parts[-1]
        if _aside(apposition):  # `The governor, whose term ends next year, insisted`
            subject = name
        else:
            subject = apposition if _introducer(name) else name + apposition
    else:
        subject = parts[-1]
    subject = _without_time(subject)
    if _introducer(subject) and len(subject) > 1:
        return None, False
    if not speaker_like(subject, strong):
        return None, False
    pronoun = len(subject) == 1 and subject[0].lower in lexicon.PRONOUNS
    return Span.of(text, subject[0].start, subject[-1].end), pronoun


_TIME_WORDS = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
        "yesterday", "week", "month", "year", "morning", "afternoon", "evening", "night",
        "weekend", "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december",
    }
)  # fmt: skip


def _aside(part: list[Word]) -> bool:
    """An apposition that describes rather than names: `whose term ends`, `speaking to X`."""
    first = part[0].lower
    return first in {"who", "whose", "which", "speaking", "writing", "asked"} or (
        first.endswith("ing") and first in lexicon.VERB_LEMMA
    )


def skip_time(tokens: list[Word], index: int) -> int:
    """The index after a time phrase starting at `index` (`on Tuesday`, `last week`)."""
    opens = index + 1 < len(tokens) and tokens[index].lower in {"on", "in", "last", "this", "late"}
    if opens and tokens[index + 1].lower in _TIME_WORDS:
        following = index + 2
        if following < len(tokens) and tokens[following].text.isdigit():
            following += 1  # `on March 1`
        return following
    if index < len(tokens) and tokens[index].lower in _TIME_WORDS:
        return index + 1  # `said Tuesday the plan ...`
    return index


def _without_time(subject: list[Word]) -> list[Word]:
    """`The ministry in Warsaw on Tuesday` -> `The ministry in Warsaw`."""
    for index in range(1, len(subject)):
        word = subject[index]
        following = subject[index + 1].lower if index + 1 < len(subject) else ""
        if word.lower in {"on", "in", "last", "this", "late", "early"} and following in _TIME_WORDS:
            return subject[:index]
    return subject


def _joins_names(tokens: list[Word], index: int, end: int) -> bool:
    """`European and Eurasian Affairs`, `Macron and Sikorski`: an "and" inside a subject."""
    if index == 0 or index + 1 >= end:
        return False
    if not CAPITALISED.match(tokens[index - 1].text):
        return False
    following = tokens[index + 1]
    if following.lower in {"the", "its", "his", "her", "their"} and index + 2 < end:
        return True  # `the United States and the majority of its partners`
    return bool(CAPITALISED.match(following.text))


def _split_commas(region: list[Word]) -> list[list[Word]]:
    parts: list[list[Word]] = [[]]
    for token in region:
        if token.text == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [part for part in parts if part]


def _introducer(part: list[Word]) -> bool:
    """A sentence opener rather than a speaker: `Later`, `On Tuesday`, `In an interview with X`."""
    return part[0].lower in lexicon.INTRODUCERS and part[0].lower not in {"the", "a", "an"}


def trailing_name(tokens: list[Word]) -> list[Word] | None:
    """The run of capitalised words ending `tokens`: `remarks by French President Emmanuel
    Macron` -> `French President Emmanuel Macron`."""
    run: list[Word] = []
    for token in reversed(tokens):
        if CAPITALISED.match(token.text) or (run and token.lower in {"of", "the"}):
            run.insert(0, token)
        else:
            break
    while run and not CAPITALISED.match(run[0].text):
        run.pop(0)
    return run or None


def speaker_like(subject: list[Word], strong: bool = False) -> bool:
    """Whether words can be a speaker: a name, a noun phrase about people or bodies, or a
    pronoun. With a strong cue (`said that`, a quotation) any noun phrase opened by an
    article or a possessive will do, and `it` for an organisation."""
    subject = [w for w in subject if w.text != ","]
    if not subject or len(subject) > MAX_SOURCE_WORDS:
        return False
    first = subject[0].lower
    if len(subject) == 1 and first in lexicon.PERSON_PRONOUNS | lexicon.GROUP_PRONOUNS:
        return True
    if len(subject) == 1 and first in lexicon.BODY_PRONOUNS:
        return strong
    if first in lexicon.NOT_SPEAKERS or first in lexicon.PRONOUNS:
        return False
    lowers = [w.lower for w in subject]
    if any(w.text in _AUXILIARIES or w.text in lexicon.VERB_LEMMA for w in subject):
        return False
    if any(
        w.text.endswith("ed") and w.text.islower() and w.text not in _PARTICIPLE_ADJECTIVES
        for w in subject
    ):
        return False  # a verb in the past: `Macron hosted Scholz and the leaders`
    if lowers[-1] in {"of", "the", "a", "an", "and", "to", "for", "in", "on", "by", "with"}:
        return False
    if any(not (w.text[0].isalnum() or w.text in {"\u2019", "'", "-"}) for w in subject):
        return False
    capitalised = [w for w in subject[1:] if CAPITALISED.match(w.text)]
    if CAPITALISED.match(subject[0].text) and first not in {"the", "a", "an"}:
        capitalised.append(subject[0])
    nouns = [
        w for w in lowers if w.rstrip("s") in lexicon.SPEAKER_NOUNS or w in lexicon.SPEAKER_NOUNS
    ]
    if capitalised or nouns:
        return True
    opened = first in {"the", "a", "an", "its", "his", "her", "their"} or first.endswith(
        ("'s", "\u2019s")
    )
    return strong and opened and len(subject) > 1
