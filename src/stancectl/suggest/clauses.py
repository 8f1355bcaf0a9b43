"""What is said: the content after a cue (a "that" clause, a bare clause, a quotation, a noun
phrase), attributions that close a sentence, and where one content ends because another
attribution begins."""

from __future__ import annotations

import bisect
from dataclasses import replace

from stancectl.suggest import lexicon
from stancectl.suggest.segment import (
    QUOTE_MARKS,
    Quote,
    Word,
    inside_quote,
    quotes_between,
    speech_kind,
    words,
)
from stancectl.suggest.speakers import (
    CAPITALISED,
    MAX_WALK,
    not_a_verb,
    noun_phrase_after,
    sentence_subject,
    skip_time,
    speaker_like,
    subject_after_with,
    subject_of_cue,
)
from stancectl.suggest.types import Attribution, Span

MIN_CONTENT_WORDS = 3
MAX_CONTENT_CHARS = 3000
"""Content longer than this is cut at a word: no honest sentence runs longer, and a hostile
text with no full stop must not make every content span the rest of the article."""
MAX_GAP_WORDS = 14
"""Words allowed between a cue and its "that" ("said on Tuesday during a visit to Kyiv that")."""

_FINITE = frozenset(
    {
        "is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could",
        "should", "may", "might", "must", "did", "won't", "can't", "cannot", "wants", "wanted",
    }
)  # fmt: skip
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "there"})
_BARE_CLAUSE_VERBS = frozenset(
    {
        "say", "state", "add", "warn", "claim", "argue", "insist", "believe", "suggest",
        "confirm", "deny", "admit", "acknowledge", "note", "stress", "emphasize", "explain",
        "predict", "concede", "recall", "indicate", "reiterate", "write", "tweet",
        "assure", "promise", "vow", "declare", "announce", "report", "tell",
    }
)  # fmt: skip


def _comma_before(tokens: list[Word], index: int) -> bool:
    """A comma at `index`, or a closing quotation mark right after one (`out,” later adding`)."""
    if tokens[index].text == ",":
        return True
    return index > 0 and tokens[index].text in '\u201d\u2019"' and tokens[index - 1].text == ","


_CUT_OPENERS = frozenset({"after", "before", "as", "when", "while", "because", "since", "whereas"})


def _joined_at(tokens: list[Word], cue_start: int) -> int | None:
    """Where the "and" or "but" joining a cue to the clause before it stands, if one does."""
    back = bisect.bisect_left(tokens, cue_start, key=lambda token: token.start) - 1
    while back > 0 and tokens[back].lower in lexicon.VERB_MODIFIERS:
        back -= 1
    if back > 0 and tokens[back].lower in {"and", "but"}:
        return tokens[back].start
    return None


def clip_contents(text: str, tokens: list[Word], found: list[Attribution]) -> list[Attribution]:
    """Content ends where another attribution of the sentence begins, unless that one is
    reported inside it: `X said that A after Y said B` gives X `A`; `X said that Y stated B`
    keeps `Y stated B` in X's content. Trailing and participle attributions (`..., Y reported`,
    `..., stating that`) end the content before their comma."""
    cuts: list[tuple[int, int]] = []  # (position, the attribution that makes the cut)
    for owner, attribution in enumerate(found):
        joined = _joined_at(tokens, attribution.cue.start)
        if joined is not None:  # `... confirmed X but said Y`
            cuts.append((joined, owner))
            continue
        first = min(attribution.source.start, attribution.cue.start)
        if attribution.cue.text.endswith("ing"):
            first = attribution.cue.start
        index = bisect.bisect_left(tokens, first, key=lambda token: token.start)
        if index >= len(tokens) or index == 0:
            continue
        back = index - 1
        while back > 0 and tokens[back].lower in lexicon.VERB_MODIFIERS:
            back -= 1
        previous = tokens[back]
        if previous.text == "," and attribution.cue.start >= attribution.content.end:
            cuts.append((previous.start, owner))  # `..., NY Times reported`
        elif _comma_before(tokens, back) and attribution.cue.text.endswith("ing"):
            cuts.append((previous.end if previous.text != "," else previous.start, owner))
        elif previous.lower in _CUT_OPENERS and attribution.cue.start > previous.start:
            cuts.append((previous.start, owner))  # `... after Macron said ...`

    clipped: list[Attribution] = []
    for index, attribution in enumerate(found):
        content = attribution.content
        inside = [c for c, owner in cuts if owner != index and content.start < c < content.end]
        if inside:
            content = content_span(text, content.start, min(inside)) or content
        clipped.append(replace(attribution, content=content))
    return clipped


def trailing_attributions(
    text: str,
    start: int,
    end: int,
    tokens: list[Word],
    marks: list[Quote],
    found: list[Attribution],
) -> list[Attribution]:
    """`The plan is dead, the minister said.`, `..., NY Times reported.`, `..., says X`: an
    attribution that closes its sentence after a comma; the content is what precedes."""
    result: list[Attribution] = []
    cues = {a.cue.start for a in found}
    for index, token in enumerate(tokens):
        if token.text not in lexicon.VERB_LEMMA or inside_quote(token.start, marks):
            continue
        if token.text.endswith("ing") or token.start in cues:
            continue
        comma = next(
            (i for i in range(index - 1, max(index - MAX_WALK, -1), -1) if tokens[i].text == ","),
            None,
        )
        if comma is None or comma == 0:
            continue
        between = tokens[comma + 1 : index]
        after = tokens[index + 1 :]
        if between:  # `, the minister said (on Tuesday).`
            source = [w for w in between if w.lower not in lexicon.VERB_MODIFIERS]
            tail = after
        else:  # `, says National security chief Danilov`
            source = noun_phrase_after(after) or []
            tail = after[len(source) :]
        aside = bool(between) and len(source) <= 6 and bool(tail) and tail[0].text == ","
        if not source or not speaker_like(source) or not (aside or _adverbial_tail(tail)):
            continue
        if any(w.text in QUOTE_MARKS for w in between):
            continue
        content = content_span(text, _content_start(tokens, marks), tokens[comma].start)
        if content is None and aside:  # `The union, she said, had asked ...`: the sentence
            content = content_span(text, _content_start(tokens, marks), tokens[-1].end)
        if content is None:
            continue
        kind = speech_kind(content.start, content.end, marks)
        cue = Span.of(text, token.start, token.end)
        pronoun = len(source) == 1 and source[0].lower in lexicon.PRONOUNS
        result.append(
            Attribution(Span.of(text, source[0].start, source[-1].end), cue, content, kind, pronoun)
        )
    return result


def _adverbial_tail(tail: list[Word]) -> bool:
    """What may follow a closing attribution: `on Tuesday`, `in a statement`, `.`"""
    plain = [w for w in tail if w.text not in {".", "!", "?"} and w.text not in QUOTE_MARKS]
    if len(plain) > 10:
        return False
    if plain and plain[0].lower not in {"on", "in", "at", "during", "late", "earlier", "today",
                                        "yesterday", "last", "this", "from", "to", "after",
                                        "before", "via", "while", "when", ","}:  # fmt: skip
        return False
    return not any(w.lower in {"that"} or w.text in lexicon.VERB_LEMMA for w in plain)


def _content_start(tokens: list[Word], marks: list[Quote]) -> int:
    """Where a sentence's content starts: after an opening `Meanwhile,` or `On Tuesday,`."""
    if len(tokens) > 2 and tokens[0].lower in lexicon.INTRODUCERS:
        comma = next((i for i, t in enumerate(tokens[:6]) if t.text == ","), None)
        if comma is not None and comma + 1 < len(tokens):
            return tokens[comma + 1].start
    return tokens[0].start


def clause_attribution(
    text: str,
    start: int,
    end: int,
    tokens: list[Word],
    index: int,
    lemma: str,
    marks: list[Quote],
    found: list[Attribution],
) -> Attribution | None:
    cue = tokens[index]
    after = index + 1
    particles = lexicon.PARTICLES.get(lemma, ())
    content_start: int | None = _named_quotation(tokens, after, lemma, marks)
    kind = "direct"
    if content_start is None:
        if after < len(tokens) and tokens[after].lower in particles:
            after += 1
        elif lemma in lexicon.PARTICLE_REQUIRED:
            return None
        content_start, kind = _clause_content(text, tokens, after, lemma, marks)
    if content_start is None:
        return None
    strong = kind != "paraphrase"
    back = index - 1
    while back > 0 and tokens[back].lower in lexicon.VERB_MODIFIERS:
        back -= 1
    with_subject = subject_after_with(tokens, index) if cue.text.endswith("ing") else None
    if with_subject is not None:  # `with each side accusing the other of ...`
        source_span: Span | None = Span.of(text, with_subject[0].start, with_subject[-1].end)
        pronoun = False
    elif cue.text.endswith("ing") or (index > 0 and tokens[back].lower in {"and", "but"}):
        # `..., stating that`, `... but warned that`: the subject of the verb before
        if index == 0 or not (_comma_before(tokens, back) or tokens[back].lower in {"and", "but"}):
            return None
        source_span, pronoun = _inherited_subject(text, tokens, back, found, start, strong)
    else:
        source_span, pronoun = subject_of_cue(text, tokens, index, start, strong)
    if source_span is None:
        return None
    content_end = end_of_content(text, content_start, end, marks)
    if kind == "paraphrase":
        content_end = _phrase_end(text, content_start, content_end, marks)
    content = content_span(text, content_start, content_end)
    if content is None:
        return None
    kind = speech_kind(content.start, content.end, marks, kind)
    return Attribution(
        source_span, Span.of(text, cue.start, tokens[after - 1].end), content, kind, pronoun
    )


MAX_NAMED_WORDS = 6
"""Words a naming verb's object may have before its quoted description."""


def _named_quotation(tokens: list[Word], after: int, lemma: str, marks: list[Quote]) -> int | None:
    """Where the quoted description after a naming verb and its object opens: `calling it
    "a turning point"`, `described the plan as "reckless"` (not `called for "a ceasefire"`)."""
    if lemma not in lexicon.NAMING_VERBS or after >= len(tokens):
        return None
    if tokens[after].lower in lexicon.PARTICLES.get(lemma, ()):
        return None
    for gap, token in enumerate(tokens[after : after + MAX_NAMED_WORDS + 1]):
        if _opens_quotation(token.start, marks):
            return token.start if gap > 0 else None
        if not token.text[0].isalnum() or token.text in lexicon.VERB_LEMMA:
            return None
        if token.lower in lexicon.CLAUSE_OPENERS - {"as"}:
            return None
    return None


def _inherited_subject(
    text: str,
    tokens: list[Word],
    before: int,
    found: list[Attribution],
    floor: int,
    strong: bool,
) -> tuple[Span | None, bool]:
    """The speaker of a participle or a coordinated cue: that of the nearest verb before it
    (`the organisation responded ..., calling for`), else the sentence's subject."""
    for index in range(before - 1, max(before - MAX_WALK, -1), -1):
        token = tokens[index]
        if token.text not in lexicon.VERB_LEMMA or not_a_verb(tokens, index):
            continue
        known = [a for a in found if a.cue.start == token.start]
        if known:
            return known[0].source, known[0].pronoun
        source, pronoun = subject_of_cue(text, tokens, index, floor, strong)
        if source is not None:
            return source, pronoun
        break
    return sentence_subject(text, tokens[:before])


def _clause_content(
    text: str, tokens: list[Word], after: int, lemma: str, marks: list[Quote]
) -> tuple[int | None, str]:
    """Where the content starts after the cue, and the attribution it makes."""
    if after >= len(tokens):
        return None, ""
    for gap, token in enumerate(tokens[after : after + MAX_GAP_WORDS]):
        lower = token.lower
        if gap > 0 and inside_quote(token.start, marks):
            continue  # a quoted "that" is the speaker's own (`was "a betrayal of all that ..."`)
        if lower == "that" and gap < MAX_GAP_WORDS:
            following = after + gap + 1
            if following < len(tokens):
                return tokens[following].start, "indirect"
            return None, ""
        if token.text in {":", ","} and after + gap + 1 < len(tokens):
            mark = tokens[after + gap + 1]
            if mark.text in QUOTE_MARKS and _opens_quotation(mark.start, marks):
                return mark.start, "direct"  # not `"in the coming weeks,"` closing
        if gap == 0 and _opens_quotation(token.start, marks):
            return token.start, "direct"
        if token.text in {".", ";", "?", "!"} or lower in lexicon.VERB_LEMMA:
            break
        if lower in lexicon.CLAUSE_OPENERS - {"that"}:
            break
    first = tokens[after]
    if lemma in lexicon.NP_CONTENT_VERBS and first.text[0].isalnum():
        if first.lower in {"that", "it", "this", "to", "on", "in", "at", "by"}:
            return None, ""
        return first.start, "paraphrase"
    if lemma == "tell":  # `told reporters the plan was dead`: past the one told
        after = _past_addressee(tokens, after)
        if after >= len(tokens):
            return None, ""
        first = tokens[after]
    if lemma in _BARE_CLAUSE_VERBS and first.text[0].isalpha():
        # `said she took the warning seriously`, `said the plan was dead`: a clause without
        # "that", recognised by a subject pronoun or a finite verb among its first words;
        # a time between cue and clause is skipped (`said on Tuesday it had opened ...`)
        after = skip_time(tokens, after)
        if after >= len(tokens):
            return None, ""
        first = tokens[after]
        second = tokens[after + 1] if after + 1 < len(tokens) else None
        if first.lower in _SUBJECT_PRONOUNS and second is not None and second.text[0].isalpha():
            return first.start, "indirect"
        clause = [t.lower for t in tokens[after : after + 12]]
        if first.lower not in {"on", "in", "at", "to", "during", "by", "for", "with"} and any(
            w in _FINITE for w in clause[1:]
        ):
            return first.start, "indirect"
    return None, ""


def _opens_quotation(position: int, marks: list[Quote]) -> bool:
    return any(quote.start == position for quote in quotes_between(marks, position, position + 1))


_ADDRESSEES = frozenset(
    {
        "reporters", "journalists", "lawmakers", "senators", "supporters", "him", "her", "them",
        "us", "me", "press", "newspaper", "broadcaster", "agency", "parliament", "crowd",
        "radio", "television", "audience", "listeners", "viewers", "students", "delegates",
    }
)  # fmt: skip


def _past_addressee(tokens: list[Word], index: int) -> int:
    """The index after who was told: `reporters`, `the press`, `the BBC`, `Ukrainska Pravda`."""
    at = index
    if at < len(tokens) and tokens[at].lower in {"the", "a", "an"}:
        at += 1
    if at < len(tokens) and tokens[at].lower in _ADDRESSEES:
        return at + 1
    run = at
    while run < len(tokens) and run - at < 3 and CAPITALISED.match(tokens[run].text):
        run += 1
    return run if run > at else index


def _phrase_end(text: str, start: int, end: int, marks: list[Quote]) -> int:
    """A noun-phrase content ends at a comma or a new clause: `acknowledged X but cautioned`;
    an aside after "and" (`and, more importantly, ...`) does not end it."""
    tokens = words(text, start, min(end, start + MAX_CONTENT_CHARS))
    aside = False
    for index, token in enumerate(tokens):
        if inside_quote(token.start, marks):
            continue
        if token.text == ",":
            if index > 0 and tokens[index - 1].lower in {"and", "or", "but"}:
                aside = True
                continue
            if aside:
                aside = False
                continue
            return token.start
        if token.text == ";" or token.lower in {"but", "while", "whereas", "as", "after"}:
            return token.start
    return end


_AFTER_A_QUOTATION = frozenset(
    {
        "on", "in", "at", "during", "after", "before", "when", "while", "as", "because", "since",
        "to", "with", "for", "by", "via", "from", "according", "and", "but", "yesterday",
        "today", "tonight", "earlier", "later", "last", "this", "late",
    }
)  # fmt: skip
"""Words that, right after a closing quotation mark, begin the writer's own words again:
`said "..." on Tuesday`, `told them "..." in an interview` (not `said "the plan" was dead`)."""


def end_of_content(text: str, content_start: int, sentence_end: int, marks: list[Quote]) -> int:
    """Content runs to the sentence's end; a quotation that opens it ends it if it closes the
    sentence's clause (`said: "...".`) or the writer's words go on after it (`said "..." on
    Tuesday`)."""
    for quote in quotes_between(marks, content_start, content_start + 1):
        if quote.start == content_start and quote.closed:
            following = words(text, quote.end, min(sentence_end, quote.end + 40))
            if not following or following[0].text in {".", ",", ";", ":", "!", "?"}:
                return quote.inner_end
            if following[0].lower in _AFTER_A_QUOTATION or skip_time(following, 0) > 0:
                return quote.inner_end
    return sentence_end


def _closes(text: str, opening: int, index: int) -> bool:
    """Whether the mark at `index` may close the quotation opened at `opening` (a right single
    quotation mark between letters is an apostrophe)."""
    if text[opening] != "\u2018":
        return text[index] in QUOTE_MARKS
    return text[index] == "\u2019" and not text[index + 1 : index + 2].isalnum()


def content_span(text: str, start: int, end: int) -> Span | None:
    """The content between two offsets without surrounding space, a final comma or full stop."""
    if end - start > MAX_CONTENT_CHARS:
        cut = text.rfind(" ", start, start + MAX_CONTENT_CHARS)
        end = cut if cut > start else start + MAX_CONTENT_CHARS
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",.;:"):
        end -= 1
    if end - start > 2 and (text[start] in QUOTE_MARKS or text[start] == "\u2018"):
        # content that is one whole quotation: the words without their marks
        limit = min(len(text), end + 2)
        closing = next((i for i in range(start + 1, limit) if _closes(text, start, i)), None)
        if closing is not None and closing >= end - 1 and not text[closing + 1 : end].strip(",.;:"):
            start, end = start + 1, min(end, closing)
            while end > start and (text[end - 1].isspace() or text[end - 1] in ",.;:"):
                end -= 1
        elif closing is None and not any(mark in text[start + 1 : end] for mark in QUOTE_MARKS):
            start += 1  # a quotation left open: it goes on in the next paragraph
    span = Span.of(text, start, end)
    if len(span.text.split()) < MIN_CONTENT_WORDS:
        return None
    return span
