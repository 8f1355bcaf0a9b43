"""The regex extractor: speech attributions found with word lists and patterns, no model.

Precision first: an attribution is proposed only when its source looks like a speaker, its cue
is a reporting verb in the active voice, and its content is a quotation or a clause. Patterns:

- a quotation followed by its attribution: `"...," Peskov said` / `"...," said Sikorski`;
- a clause: `X said (on Tuesday) that ...`, `X told Y: "..."`, `X emphasized the need ...`;
- `according to X, ...` and `..., according to X`; `X's statement that ...`;
- `X, who said that ...`; a participle or a second verb: `..., stating that`, `... but warned`;
- a closing attribution: `The plan is dead, the minister said.`, `X, he said, Y`;
- a quotation the article leaves unattributed right after an attributed one (the same paragraph,
  or a paragraph that continues it, or follows a sentence ending in a colon): the same speaker,
  as "X," he said, "Y" and quotes running over several paragraphs are written;
- a title-case headline split at its cue: `Russia Warns Sending Troops ...`.

Who speaks is found in `speakers`, what is said in `clauses`, fixed shapes in `phrases`.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from stancectl.suggest import lexicon
from stancectl.suggest.clauses import (
    MAX_CONTENT_CHARS,
    clause_attribution,
    clip_contents,
    content_span,
    trailing_attributions,
)
from stancectl.suggest.phrases import (
    according_to_attributions,
    colon_headline_attribution,
    headline_attribution,
    phrase_cue_attributions,
    possessive_attributions,
)
from stancectl.suggest.segment import (
    LOOKAROUND,
    QUOTE_MARKS,
    Quote,
    Word,
    inside_quote,
    paragraphs,
    quotes,
    sentences,
    speech_kind,
    words,
)
from stancectl.suggest.speakers import (
    cue_follows,
    not_a_verb,
    noun_phrase_after,
    sentence_subject,
    speaker_like,
    subject_before_cue,
)
from stancectl.suggest.types import Attribution, Span


def extract(text: str) -> list[Attribution]:
    """Every attribution the patterns find in `text`, in text order."""
    found: list[Attribution] = []
    previous_paragraph: list[Attribution] = []
    previous_open = False
    introduced: Attribution | None = None
    left_open: int | None = None  # the index in `found` of a quotation the paragraph left open
    for start, end in paragraphs(text):
        marks = quotes(text, start, end)
        here: list[Attribution] = []
        spans = sentences(text, start, end, marks)
        for sentence_start, sentence_end in spans:
            inner = [q for q in marks if sentence_start <= q.start < sentence_end]
            here.extend(_sentence(text, sentence_start, sentence_end, inner, marks))
        if not here and len(spans) == 1:
            here.extend(
                headline_attribution(text, start, end)
                or colon_headline_attribution(text, start, end)
            )
        here = _dedupe(here)
        if introduced is not None and marks and marks[0].start == start:
            previous_paragraph, previous_open = [introduced], True
        here.extend(
            _continuations(text, start, end, marks, here, previous_paragraph, previous_open)
        )
        here.sort(key=lambda a: (a.content.start, a.source.start))
        carried: list[int] = []
        if left_open is not None and marks and marks[0].start == start:
            here, carried = _carry_over(text, found, left_open, here, marks[0])
        found.extend(here)
        first = len(found) - len(here)
        left_open = _left_open(text, found, [*carried, *range(first, len(found))], end, marks)
        if here:
            previous_paragraph = here
        elif not (marks and marks[0].start == start):
            previous_paragraph = []
        previous_open = bool(marks) and not marks[-1].closed
        introduced = _introduction(text, *spans[-1]) if spans else None
    return found


def _left_open(
    text: str, found: list[Attribution], indexes: list[int], end: int, marks: list[Quote]
) -> int | None:
    """The index of the attribution (among `indexes`, this paragraph's) whose quotation runs
    to the paragraph's end without closing: it may go on in the next paragraph."""
    if not marks or marks[-1].closed:
        return None
    for index in reversed(indexes):
        content = found[index].content
        if content.end > marks[-1].inner_start and not text[content.end : end].strip(".,;:!? "):
            return index
    return None


def _carry_over(
    text: str, found: list[Attribution], left_open: int, here: list[Attribution], opening: Quote
) -> tuple[list[Attribution], list[int]]:
    """A paragraph that opens with a quotation mark after one left open goes on with the
    same quotation (the convention for a quotation over several paragraphs): its words join
    the open attribution's content, one direct candidate over the paragraphs."""
    speaker = found[left_open]
    for index, attribution in enumerate(here):
        if attribution.cue != speaker.cue or attribution.source != speaker.source:
            continue
        if not opening.inner_start <= attribution.content.start < opening.end:
            continue
        if attribution.content.end - speaker.content.start > MAX_CONTENT_CHARS:
            break  # no honest quotation runs longer: the rest stays a candidate of its own
        joined = Span.of(text, speaker.content.start, attribution.content.end)
        found[left_open] = replace(speaker, content=joined)
        return here[:index] + here[index + 1 :], [left_open]
    return here, []


def _introduction(text: str, start: int, end: int) -> Attribution | None:
    """`On Friday, however, he struck a different tone:` before a paragraph of quotation:
    the speaker and the words that introduce it (the content is filled in by the quotation)."""
    if not text[start:end].rstrip().endswith(":"):
        return None
    tokens = words(text, start, end)
    source, pronoun = sentence_subject(text, tokens[:-1])
    if source is None:
        return None
    rest = [t for t in tokens[:-1] if t.start >= source.end]
    if not rest or not rest[0].text[0].isalpha():
        return None
    cue = Span.of(text, rest[0].start, rest[-1].end)
    return Attribution(source, cue, cue, "direct", pronoun)


def _sentence(
    text: str, start: int, end: int, inner: list[Quote], marks: list[Quote]
) -> list[Attribution]:
    found: list[Attribution] = []
    for quote in inner:
        attribution = _quote_then_cue(text, quote, end, marks)
        if attribution:
            found.append(attribution)
    tokens = words(text, start, end)
    cues = {a.cue.start for a in found}
    for index, token in enumerate(tokens):
        lemma = lexicon.VERB_LEMMA.get(token.text)
        if lemma is None or inside_quote(token.start, marks) or not_a_verb(tokens, index):
            continue
        if index > 0 and tokens[index - 1].lower == "to":
            continue  # an infinitive: `refused to comment`, `hastening to assure`
        if token.start in cues:
            continue
        attribution = clause_attribution(text, start, end, tokens, index, lemma, marks, found)
        if attribution:
            found.append(attribution)
            cues.add(attribution.cue.start)
    found.extend(trailing_attributions(text, start, end, tokens, marks, found))
    found.extend(according_to_attributions(text, start, end, marks))
    found.extend(phrase_cue_attributions(text, start, end, tokens, marks))
    found.extend(possessive_attributions(text, start, end, marks))
    return clip_contents(text, tokens, found)


def _quote_then_cue(
    text: str, quote: Quote, sentence_end: int, marks: list[Quote]
) -> Attribution | None:
    """`"...," Peskov said` and `"...," said Sikorski at ...`: the quotation is the content."""
    if not quote.closed:
        return None
    tail = words(text, quote.end, min(sentence_end, quote.end + LOOKAROUND))
    if not tail:
        return None
    content_end = quote.inner_end
    inside_end = text[quote.inner_start : quote.inner_end].rstrip()
    punctuated = inside_end.endswith((",", "?", "!", "."))
    if tail[0].text == ",":
        rest = tail[1:]
    elif (punctuated and cue_follows(tail)) or tail[0].text in lexicon.VERB_LEMMA:
        rest = tail
    else:
        # a few words may continue the content after the mark: `"..." of confrontation, X said`
        comma = next((i for i, w in enumerate(tail[:8]) if w.text == ","), None)
        if comma is None or comma == 0:
            return None
        if any(
            w.text in QUOTE_MARKS
            or w.lower in lexicon.CLAUSE_OPENERS
            or w.text in lexicon.VERB_LEMMA
            for w in tail[:comma]
        ):
            return None
        content_end = tail[comma - 1].end
        rest = tail[comma + 1 :]
    if not rest or not cue_follows(rest):
        return None
    lemma = lexicon.VERB_LEMMA.get(rest[0].text)
    source: list[Word] | None
    cue: Word | None
    if lemma is not None and not rest[0].text.endswith("ing"):
        source, cue = noun_phrase_after(rest[1:]), rest[0]
    else:
        source, cue = subject_before_cue(text, rest)
        if cue is not None and cue.text == "quoted":  # `"...," the newspaper quoted X`: X spoke
            quoted = noun_phrase_after(rest[rest.index(cue) + 1 :])
            source = quoted or source
    if source is None or cue is None:
        return None
    attribution_end = max(cue.end, source[-1].end)
    resumed = _resumed_quotation(text, quote, attribution_end, sentence_end, marks)
    if resumed is not None and content_end == quote.inner_end:
        interrupted = _make(
            text, source, cue, Span.of(text, quote.inner_start, resumed.inner_end), "direct"
        )
        content = content_span(text, quote.inner_start, resumed.inner_end)
        first_words = text[quote.inner_start : quote.inner_end].rstrip(" ,")
        gap = Span.of(text, quote.inner_start + len(first_words), resumed.inner_start)
        if interrupted is not None and content is not None and gap.end < content.end:
            return replace(interrupted, content=content, gap=gap)
    content = content_span(text, quote.inner_start, content_end)
    if content is None:
        return None
    return _make(text, source, cue, content, speech_kind(content.start, content.end, marks))


MAX_ASIDE_WORDS = 8
"""Words allowed between an interrupting attribution's cue and the comma that ends it
(`Scholz said on Tuesday in Berlin, "..."`)."""


def _resumed_quotation(
    text: str, quote: Quote, attribution_end: int, sentence_end: int, marks: list[Quote]
) -> Quote | None:
    """The rest of a quotation its attribution interrupts: `"The plan," Scholz said, "is
    dead."`. The first part ends in a comma (its sentence goes on), the attribution in a comma
    right before the next quotation, with no other clause between them."""
    if not text[quote.inner_start : quote.inner_end].rstrip().endswith(","):
        return None
    index = bisect.bisect_left(marks, attribution_end, key=lambda mark: mark.start)
    if index >= len(marks) or marks[index].start >= sentence_end:
        return None
    resumed = marks[index]
    between = words(text, attribution_end, resumed.start)
    if not between or between[-1].text != "," or len(between) > MAX_ASIDE_WORDS:
        return None
    if any(w.text in lexicon.VERB_LEMMA or not w.text[0].isalnum() for w in between[:-1]):
        return None
    return resumed


def _continuations(
    text: str,
    start: int,
    end: int,
    marks: list[Quote],
    here: list[Attribution],
    previous: list[Attribution],
    previous_open: bool,
) -> list[Attribution]:
    """Quotations with no attribution of their own that continue an attributed one."""
    found: list[Attribution] = []
    speaker: Attribution | None = None
    ordered = sorted(here, key=lambda a: a.content.start)
    paragraph_is_quotes = bool(marks) and marks[0].start == start
    if previous and _quoting(previous[-1]) and (previous_open or paragraph_is_quotes):
        speaker = previous[-1]
    for quote in marks:
        near = _near(ordered, quote.inner_start)
        attributed = [a for a in near if a.content.start <= quote.inner_start < a.content.end + 2]
        if attributed:
            speaker = attributed[-1]
            continue
        if any(a.content.overlaps(quote.start, quote.end) for a in _near(ordered, quote.end)):
            continue
        if speaker is None or not _starts_sentence(text, quote.start, start):
            continue
        content = content_span(text, quote.inner_start, quote.inner_end)
        if content is not None:
            found.append(
                Attribution(speaker.source, speaker.cue, content, "direct", speaker.pronoun)
            )
    return found


NEIGHBOURS = 8
"""Attributions before a position whose content may still reach it (contents rarely nest)."""


def _near(ordered: list[Attribution], position: int) -> list[Attribution]:
    """The attributions (sorted by content start) starting last before `position`."""
    index = bisect.bisect_right(ordered, position, key=lambda a: a.content.start)
    return ordered[max(0, index - NEIGHBOURS) : index]


def _quoting(attribution: Attribution) -> bool:
    """Whether an attribution's words are quoted, wholly or partly (its speaker goes on in the
    quotations that follow it)."""
    if attribution.kind == "direct":
        return True
    return any(mark in attribution.content.text for mark in QUOTE_MARKS)


def _starts_sentence(text: str, position: int, paragraph_start: int) -> bool:
    index = position
    while index > paragraph_start and text[index - 1].isspace():
        index -= 1
    return index == paragraph_start or text[index - 1] in '.!?\u201d\u2019"'


def _make(text: str, source: list[Word], cue: Word, content: Span, kind: str) -> Attribution | None:
    if not speaker_like(source, strong=True):
        return None
    pronoun = len(source) == 1 and source[0].lower in lexicon.PRONOUNS
    return Attribution(
        Span.of(text, source[0].start, source[-1].end),
        Span.of(text, cue.start, cue.end),
        content,
        kind,
        pronoun,
    )


def _dedupe(found: list[Attribution]) -> list[Attribution]:
    """One attribution per content: the first found wins (a quotation's own attribution comes
    before a clause reading of the same words)."""
    kept: list[Attribution] = []
    contents: set[tuple[int, int]] = set()
    by_cue: dict[int, list[Span]] = {}
    for attribution in found:
        content = attribution.content
        same_cue = by_cue.setdefault(attribution.cue.start, [])
        if (content.start, content.end) in contents or any(
            other.overlaps(content.start, content.end) for other in same_cue
        ):
            continue
        kept.append(attribution)
        contents.add((content.start, content.end))
        same_cue.append(content)
    return kept
