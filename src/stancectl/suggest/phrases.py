"""Attributions of a fixed shape: `according to X`, `X's statement that`, `issued a warning
about`, and title-case headlines split at their cue."""

from __future__ import annotations

import re

from stancectl.suggest import lexicon
from stancectl.suggest.clauses import content_span, end_of_content
from stancectl.suggest.segment import (
    LOOKAROUND,
    QUOTE_MARKS,
    Quote,
    Word,
    inside_quote,
    speech_kind,
    words,
)
from stancectl.suggest.speakers import (
    CAPITALISED,
    MAX_SOURCE_WORDS,
    speaker_like,
    subject_of_cue,
    trailing_name,
)
from stancectl.suggest.types import Attribution, Span

_POSSESSIVE_CUES = re.compile(
    r"(?P<owner>['\u2019]s)\s+(?P<cue>statement|statements|remarks?|comments?|words|claims?|"
    r"assertion|warning|announcement|suggestion|insistence|declaration|assurances?|"
    r"promise|pledge|proposal|view|argument)\s+that\s+",
)
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+|(?<![\w,] )\bPer\s+(?=[A-Z])")


def headline_attribution(text: str, start: int, end: int) -> list[Attribution]:
    """`Russia Warns Sending Troops to Ukraine 'Not in Interest' of West`: a title-case line
    whose capitalised cue splits it into speaker and content."""
    tokens = words(text, start, end)
    alphabetic = [t for t in tokens if t.text[0].isalpha() and len(t.text) > 3]
    if text[start:end].rstrip()[-1:] in ".:" or len(alphabetic) < 4:
        return []
    if sum(1 for t in alphabetic if CAPITALISED.match(t.text)) < 0.7 * len(alphabetic):
        return []
    for index, token in enumerate(tokens[1:], start=1):
        if not CAPITALISED.match(token.text) or token.lower not in lexicon.VERB_LEMMA:
            continue
        if token.lower.endswith("ing") or token.lower.endswith("ed"):
            continue
        source = tokens[:index]
        content = (
            content_span(text, tokens[index + 1].start, end) if index + 1 < len(tokens) else None
        )
        if content is None or not speaker_like(source):
            return []
        return [
            Attribution(
                Span.of(text, source[0].start, source[-1].end),
                Span.of(text, token.start, token.end),
                content,
                "paraphrase",
            )
        ]
    return []


HEADLINE_SPEAKER_WORDS = 5
"""Words a speaker may have before a headline's colon (`German Chancellor Olaf Scholz:`)."""
_HEADLINE_LABELS = frozenset(
    {
        # what a headline's colon follows when no one speaks: `Update: ...`, `Ukraine war: ...`
        "analysis", "breaking", "comment", "correction", "editorial", "exclusive", "explainer",
        "factbox", "fact", "live", "note", "opinion", "photo", "photos", "pictured", "poll",
        "q&a", "quiz", "read", "review", "timeline", "update", "video", "watch", "war", "crisis",
        "interview", "podcast", "in", "why", "how", "what", "where", "when", "who", "more",
        "report", "graphic", "map", "latest", "recap", "briefing", "newsletter",
    }
)  # fmt: skip


def colon_headline_attribution(text: str, start: int, end: int) -> list[Attribution]:
    """`Scholz: no German troops for Ukraine`: a headline whose speaker, a capitalised name
    or title, stands before a colon and what they said, summed up, after it."""
    line = text[start:end].rstrip()
    colon = text.find(":", start, end)
    if colon < 0 or line[-1:] in ".:":
        return []
    source = words(text, start, colon)
    if not source or len(source) > HEADLINE_SPEAKER_WORDS:
        return []
    if any(not CAPITALISED.match(w.text) or w.lower in _HEADLINE_LABELS for w in source):
        return []
    if not speaker_like(source, strong=True):
        return []
    content = content_span(text, colon + 1, end)
    if content is None:
        return []
    return [
        Attribution(
            Span.of(text, source[0].start, source[-1].end),
            Span.of(text, colon, colon + 1),
            content,
            "paraphrase",
        )
    ]


_PHRASE_CUES = re.compile(
    r"\b(?P<cue>(?:issued|gave|delivered|voiced|sounded) (?:a |an )?(?:\w+ )?"
    r"(?:warning|statement|reminder|message)s?|made (?:it )?clear|expressed "
    r"(?:concern|hope|doubt|confidence|fears?|regret|support|opposition))"
    r"(?:\s+(?:about|over|on|of|for|to))?(?:\s+that)?\s+"
)


def phrase_cue_attributions(
    text: str, start: int, end: int, tokens: list[Word], marks: list[Quote]
) -> list[Attribution]:
    """`has issued a warning about ...`, `made it clear that ...`: cues of several words."""
    found: list[Attribution] = []
    for match in _PHRASE_CUES.finditer(text, start, end):
        if inside_quote(match.start(), marks):
            continue
        index = next((i for i, t in enumerate(tokens) if t.start == match.start("cue")), None)
        if index is None:
            continue
        source, pronoun = subject_of_cue(text, tokens, index, start, strong=True)
        content = content_span(text, match.end(), end_of_content(text, match.end(), end, marks))
        if source is None or content is None:
            continue
        kind = speech_kind(content.start, content.end, marks)
        cue = Span.of(text, match.start("cue"), match.end("cue"))
        found.append(Attribution(source, cue, content, kind, pronoun))
    return found


def according_to_attributions(
    text: str, start: int, end: int, marks: list[Quote]
) -> list[Attribution]:
    found: list[Attribution] = []
    for match in _ACCORDING.finditer(text, start, end):
        if inside_quote(match.start(), marks):
            continue
        after = words(text, match.end(), min(end, match.end() + LOOKAROUND))
        phrase: list[Word] = []
        for token in after:
            if token.text in {",", ".", ";", ":"} or token.text in QUOTE_MARKS:
                break
            phrase.append(token)
        if not phrase or not _speaker_like_loose(phrase):
            continue
        source = Span.of(text, phrase[0].start, phrase[-1].end)
        cue = Span.of(text, match.start(), match.start() + len(match.group().rstrip()))
        before = text[start : match.start()].rstrip()
        if before.endswith(","):  # `..., according to X.`
            content = content_span(text, start, start + len(before) - 1)
        elif not before:  # `According to X, ...`
            comma = phrase[-1].end
            content = content_span(text, comma + 1, end)
        else:
            content = None
        if content is not None:
            kind = speech_kind(content.start, content.end, marks)
            found.append(Attribution(source, cue, content, kind))
    return found


def _speaker_like_loose(phrase: list[Word]) -> bool:
    """After "according to", a statement or a report is a source as well as a person."""
    if len(phrase) > MAX_SOURCE_WORDS:
        return False
    lowers = {w.lower for w in phrase}
    if lowers & {
        "statement", "report", "reports", "sources", "data", "documents", "survey", "figures",
        "study", "poll", "estimates", "records", "filing", "filings", "analysis",
    }:  # fmt: skip
        return True
    return speaker_like(phrase)


def _determined_phrase(tokens: list[Word]) -> list[Word] | None:
    """`the mayor`, `the union's leader`: a short phrase opened by an article, ending `tokens`."""
    for back in range(len(tokens) - 1, max(len(tokens) - 6, -1), -1):
        if not tokens[back].text[0].isalnum():
            return None
        if tokens[back].lower in {"the", "a", "an", "its", "his", "her", "their"}:
            return tokens[back:] if back < len(tokens) - 1 else None
    return None


def possessive_attributions(
    text: str, start: int, end: int, marks: list[Quote]
) -> list[Attribution]:
    """`following Macron's statement that "nothing should be ruled out"`."""
    found: list[Attribution] = []
    for match in _POSSESSIVE_CUES.finditer(text, start, end):
        if inside_quote(match.start(), marks):
            continue
        before = words(text, max(start, match.start() - LOOKAROUND), match.start())
        owner = trailing_name(before) or _determined_phrase(before)
        if owner is None or not speaker_like(owner):
            continue
        content_start = match.end()
        content_end = end_of_content(text, content_start, end, marks)
        if content_end == end:
            comma = text.find(",", content_start, end)
            content_end = comma if comma > 0 else end
        content = content_span(text, content_start, content_end)
        if content is None:
            continue
        kind = speech_kind(content.start, content.end, marks)
        source = Span.of(text, owner[0].start, owner[-1].end)
        found.append(
            Attribution(source, Span.of(text, match.start("cue"), match.end("cue")), content, kind)
        )
    return found
