"""The regex extractor: speech attributions found with word lists and patterns, no model.

Precision first: an attribution is proposed only when its source looks like a speaker, its cue
is a reporting verb in the active voice, and its content is a quotation or a clause. Patterns:

- a quotation followed by its attribution: `"...," Peskov said` / `"...," said Sikorski`;
- a clause: `X said (on Tuesday) that ...`, `X told Y: "..."`, `X emphasized the need ...`;
- `according to X, ...` and `..., according to X`; `X's statement that ...`;
- `X, who said that ...`; a participle after the clause: `..., stating that ...`;
- a quotation the article leaves unattributed right after an attributed one (the same paragraph,
  or a paragraph that continues it): the same speaker, as "X, he said, Y" and quotes running
  over several paragraphs are written.
"""

from __future__ import annotations

import re
from dataclasses import replace

from stancectl.suggest import lexicon
from stancectl.suggest.segment import (
    QUOTE_MARKS,
    Quote,
    Word,
    inside_quote,
    paragraphs,
    quotes,
    sentences,
    words,
)
from stancectl.suggest.types import Attribution, Span

MAX_SOURCE_WORDS = 20
MIN_CONTENT_WORDS = 3
MAX_GAP_WORDS = 14
"""Words allowed between a cue and its "that" ("said on Tuesday during a visit to Kyiv that")."""

_AUXILIARIES = frozenset(
    {
        "is", "was", "are", "were", "be", "been", "has", "have", "had", "will", "would", "can",
        "could", "should", "may", "might", "must", "do", "does", "did", "comes", "came", "says",
        "seems", "appears", "remains", "shows", "means", "not",
    }
)  # fmt: skip
_FINITE = frozenset(
    {
        "is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could",
        "should", "may", "might", "must", "did", "won't", "can't", "cannot", "wants", "wanted",
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
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "there"})
_BARE_CLAUSE_VERBS = frozenset(
    {
        "say", "state", "add", "warn", "claim", "argue", "insist", "believe", "suggest",
        "confirm", "deny", "admit", "acknowledge", "note", "stress", "emphasize", "explain",
        "predict", "concede", "recall", "indicate", "reiterate", "write", "tweet",
        "assure", "promise", "vow", "declare", "announce", "report",
    }
)  # fmt: skip
_BOUNDARY_PUNCTUATION = frozenset(":;()[]\u2014\u2013")  # and the em and en dashes
_POSSESSIVE_CUES = re.compile(
    r"(?P<owner>['\u2019]s)\s+(?P<cue>statement|statements|remarks?|comments?|words|claims?|"
    r"assertion|warning|announcement|suggestion|insistence|declaration|assurances?|"
    r"promise|pledge|proposal|view|argument)\s+that\s+",
)
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+|(?<![\w,] )\bPer\s+(?=[A-Z])")
_CAPITALISED = re.compile(r"^[A-Z\u00c0-\u00de]")


def extract(text: str) -> list[Attribution]:
    """Every attribution the patterns find in `text`, in text order."""
    found: list[Attribution] = []
    previous_paragraph: list[Attribution] = []
    previous_open = False
    introduced: Attribution | None = None
    for start, end in paragraphs(text):
        marks = quotes(text, start, end)
        here: list[Attribution] = []
        spans = sentences(text, start, end, marks)
        for sentence_start, sentence_end in spans:
            inner = [q for q in marks if sentence_start <= q.start < sentence_end]
            here.extend(_sentence(text, sentence_start, sentence_end, inner, marks))
        if not here and len(spans) == 1:
            here.extend(_headline(text, start, end))
        here = _dedupe(here)
        if introduced is not None and marks and marks[0].start == start:
            previous_paragraph, previous_open = [introduced], True
        here.extend(
            _continuations(text, start, end, marks, here, previous_paragraph, previous_open)
        )
        here.sort(key=lambda a: (a.content.start, a.source.start))
        found.extend(here)
        if here:
            previous_paragraph = here
        elif not (marks and marks[0].start == start):
            previous_paragraph = []
        previous_open = bool(marks) and not marks[-1].closed
        introduced = _introduction(text, *spans[-1]) if spans else None
    return found


def _introduction(text: str, start: int, end: int) -> Attribution | None:
    """`On Friday, however, he struck a different tone:` before a paragraph of quotation:
    the speaker and the words that introduce it (the content is filled in by the quotation)."""
    if not text[start:end].rstrip().endswith(":"):
        return None
    tokens = words(text, start, end)
    source, pronoun = _sentence_subject(text, tokens[:-1])
    if source is None:
        return None
    rest = [t for t in tokens[:-1] if t.start >= source.end]
    if not rest or not rest[0].text[0].isalpha():
        return None
    cue = Span.of(text, rest[0].start, rest[-1].end)
    return Attribution(source, cue, cue, "direct", pronoun)


def _headline(text: str, start: int, end: int) -> list[Attribution]:
    """`Russia Warns Sending Troops to Ukraine 'Not in Interest' of West`: a title-case line
    whose capitalised cue splits it into speaker and content."""
    tokens = words(text, start, end)
    alphabetic = [t for t in tokens if t.text[0].isalpha() and len(t.text) > 3]
    if text[start:end].rstrip()[-1:] in ".:" or len(alphabetic) < 4:
        return []
    if sum(1 for t in alphabetic if _CAPITALISED.match(t.text)) < 0.7 * len(alphabetic):
        return []
    for index, token in enumerate(tokens[1:], start=1):
        if not _CAPITALISED.match(token.text) or token.lower not in lexicon.VERB_LEMMA:
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


def _sentence(
    text: str, start: int, end: int, inner: list[Quote], marks: list[Quote]
) -> list[Attribution]:
    found: list[Attribution] = []
    for quote in inner:
        attribution = _quote_then_cue(text, quote, end, marks)
        if attribution:
            found.append(attribution)
    tokens = words(text, start, end)
    for index, token in enumerate(tokens):
        lemma = lexicon.VERB_LEMMA.get(token.text)
        if lemma is None or inside_quote(token.start, marks) or _not_a_verb(tokens, index):
            continue
        if index > 0 and tokens[index - 1].lower == "to":
            continue  # an infinitive: `refused to comment`, `hastening to assure`
        if any(a.cue.start == token.start for a in found):
            continue
        attribution = _clause(text, start, end, tokens, index, lemma, marks, found)
        if attribution:
            found.append(attribution)
    found.extend(_trailing(text, start, end, tokens, marks, found))
    found.extend(_according_to(text, start, end, marks))
    found.extend(_phrase_cues(text, start, end, tokens, marks))
    found.extend(_possessive(text, start, end, marks))
    return _clip(text, tokens, found)


def _comma_before(tokens: list[Word], index: int) -> bool:
    """A comma at `index`, or a closing quotation mark right after one (`out,” later adding`)."""
    if tokens[index].text == ",":
        return True
    return index > 0 and tokens[index].text in '\u201d"' and tokens[index - 1].text == ","


_CUT_OPENERS = frozenset({"after", "before", "as", "when", "while", "because", "since", "whereas"})


def _clip(text: str, tokens: list[Word], found: list[Attribution]) -> list[Attribution]:
    """Content ends where another attribution of the sentence begins, unless that one is
    reported inside it: `X said that A after Y said B` gives X `A`; `X said that Y stated B`
    keeps `Y stated B` in X's content. Trailing and participle attributions (`..., Y reported`,
    `..., stating that`) end the content before their comma."""
    cuts: list[int] = []
    for attribution in found:
        first = min(attribution.source.start, attribution.cue.start)
        if attribution.cue.text.endswith("ing"):
            first = attribution.cue.start
        index = next((i for i, t in enumerate(tokens) if t.start >= first), None)
        if index is None or index == 0:
            continue
        back = index - 1
        while back > 0 and tokens[back].lower in lexicon.VERB_MODIFIERS:
            back -= 1
        previous = tokens[back]
        if previous.text == "," and attribution.cue.start >= attribution.content.end:
            cuts.append(previous.start)  # `..., NY Times reported`
        elif _comma_before(tokens, back) and attribution.cue.text.endswith("ing"):
            cuts.append(previous.end if previous.text != "," else previous.start)  # `, stating`
        elif previous.lower in _CUT_OPENERS and attribution.cue.start > previous.start:
            cuts.append(previous.start)  # `... after Macron said ...`
    clipped: list[Attribution] = []
    for attribution in found:
        content = attribution.content
        inside = [c for c in cuts if content.start < c < content.end]
        if inside:
            content = content_span(text, content.start, min(inside)) or content
        clipped.append(replace(attribution, content=content))
    return clipped


def _trailing(
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
    for index, token in enumerate(tokens):
        if token.text not in lexicon.VERB_LEMMA or inside_quote(token.start, marks):
            continue
        if token.text.endswith("ing") or any(a.cue.start == token.start for a in found):
            continue
        comma = next((i for i in range(index - 1, -1, -1) if tokens[i].text == ","), None)
        if comma is None or comma == 0:
            continue
        between = tokens[comma + 1 : index]
        after = tokens[index + 1 :]
        if between:  # `, the minister said (on Tuesday).`
            source = [w for w in between if w.lower not in lexicon.VERB_MODIFIERS]
            tail = after
        else:  # `, says National security chief Danilov`
            source = _noun_phrase_after(after) or []
            tail = after[len(source) :]
        aside = bool(between) and len(source) <= 6 and bool(tail) and tail[0].text == ","
        if not source or not speaker_like(source) or not (aside or _adverbial_tail(tail)):
            continue
        if any(w.text in QUOTE_MARKS for w in between):
            continue
        content = content_span(text, _content_start(tokens, marks), tokens[comma].start)
        if content is None:
            continue
        kind = "direct" if any(content.overlaps(q.start, q.end) for q in marks) else "indirect"
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


_DETERMINERS = frozenset(
    {
        "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "these", "those",
        "recent", "such", "to", "of", "for", "whose", "earlier", "new", "latest", "previous",
        "further", "initial",
    }
)  # fmt: skip


def _not_a_verb(tokens: list[Word], index: int) -> bool:
    """`Macron's remarks`, `the statement`, `refused to rule out`: a noun or an infinitive."""
    if index == 0:
        return False
    previous = tokens[index - 1]
    lower = previous.lower
    return lower in _DETERMINERS or lower.endswith(("'s", "\u2019s")) or lower in {"'", "\u2019"}


def _quote_then_cue(
    text: str, quote: Quote, sentence_end: int, marks: list[Quote]
) -> Attribution | None:
    """`"...," Peskov said` and `"...," said Sikorski at ...`: the quotation is the content."""
    if not quote.closed:
        return None
    tail = words(text, quote.end, sentence_end)
    if not tail:
        return None
    content_end = quote.inner_end
    inside_end = text[quote.inner_start : quote.inner_end].rstrip()
    punctuated = inside_end.endswith((",", "?", "!", "."))
    if tail[0].text == ",":
        rest = tail[1:]
    elif (punctuated and _cue_within(tail)) or tail[0].text in lexicon.VERB_LEMMA:
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
    if not rest or not _cue_within(rest):
        return None
    lemma = lexicon.VERB_LEMMA.get(rest[0].text)
    source: list[Word] | None
    cue: Word | None
    if lemma is not None and not rest[0].text.endswith("ing"):
        source, cue = _noun_phrase_after(rest[1:]), rest[0]
    else:
        source, cue = _subject_before_cue(text, rest)
        if cue is not None and cue.text == "quoted":  # `"...," the newspaper quoted X`: X spoke
            quoted = _noun_phrase_after(rest[rest.index(cue) + 1 :])
            source = quoted or source
    if source is None or cue is None:
        return None
    content = content_span(text, quote.inner_start, content_end)
    if content is None:
        return None
    return _make(text, source, cue, content, "direct")


def _cue_within(tokens: list[Word]) -> bool:
    """A cue among the first words, before any punctuation but commas: `Peskov stated`,
    `said Sikorski`, `Nordgrid's director, Henrik Sola, said`."""
    for token in tokens[: MAX_SOURCE_WORDS + 4]:
        if token.text in lexicon.VERB_LEMMA:
            return True
        if not token.text[0].isalnum() and token.text not in {",", "\u2019", "'"}:
            return False
    return False


def _subject_before_cue(text: str, rest: list[Word]) -> tuple[list[Word] | None, Word | None]:
    for index, token in enumerate(rest[: MAX_SOURCE_WORDS + 4]):
        if token.text in lexicon.VERB_LEMMA:
            span, _ = _subject(text, rest, index, 0, strong=True)
            if span is None:
                return None, None
            return [w for w in rest[:index] if span.start <= w.start < span.end], token
    return None, None


def _noun_phrase_after(tokens: list[Word]) -> list[Word] | None:
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


def _clause(
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
    with_subject = _with_subject(tokens, index) if cue.text.endswith("ing") else None
    if with_subject is not None:  # `with each side accusing the other of ...`
        source_span: Span | None = Span.of(text, with_subject[0].start, with_subject[-1].end)
        pronoun = False
    elif cue.text.endswith("ing") or (index > 0 and tokens[back].lower in {"and", "but"}):
        # `..., stating that`, `... but warned that`: the subject of the verb before
        if index == 0 or not (_comma_before(tokens, back) or tokens[back].lower in {"and", "but"}):
            return None
        source_span, pronoun = _inherited_subject(text, tokens, back, found, start, strong)
    else:
        source_span, pronoun = _subject(text, tokens, index, start, strong)
    if source_span is None:
        return None
    content_end = _content_end(text, content_start, end, marks)
    if kind == "paraphrase":
        content_end = _phrase_end(text, content_start, content_end, marks)
    content = content_span(text, content_start, content_end)
    if content is None:
        return None
    if any(q.start < content.end and content.start < q.end for q in marks):
        kind = "direct"
    return Attribution(
        source_span, Span.of(text, cue.start, tokens[after - 1].end), content, kind, pronoun
    )


def _with_subject(tokens: list[Word], index: int) -> list[Word] | None:
    for back in range(index - 1, max(index - 7, -1), -1):
        if tokens[back].lower == "with":
            subject = tokens[back + 1 : index]
            return subject if speaker_like(subject) else None
        if not tokens[back].text[0].isalnum():
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
    for index in range(before - 1, -1, -1):
        token = tokens[index]
        if token.text not in lexicon.VERB_LEMMA or _not_a_verb(tokens, index):
            continue
        known = [a for a in found if a.cue.start == token.start]
        if known:
            return known[0].source, known[0].pronoun
        source, pronoun = _subject(text, tokens, index, floor, strong)
        if source is not None:
            return source, pronoun
        break
    return _sentence_subject(text, tokens[:before])


def _sentence_subject(text: str, tokens: list[Word]) -> tuple[Span | None, bool]:
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
            _CAPITALISED.match(token.text)
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


def _clause_content(
    text: str, tokens: list[Word], after: int, lemma: str, marks: list[Quote]
) -> tuple[int | None, str]:
    """Where the content starts after the cue, and the attribution it makes."""
    if after >= len(tokens):
        return None, ""
    for gap, token in enumerate(tokens[after : after + MAX_GAP_WORDS]):
        lower = token.lower
        if lower == "that" and gap < MAX_GAP_WORDS:
            following = after + gap + 1
            if following < len(tokens):
                return tokens[following].start, "indirect"
            return None, ""
        if token.text in {":", ","} and after + gap + 1 < len(tokens):
            mark = tokens[after + gap + 1]
            if mark.text in QUOTE_MARKS:
                return mark.start, "direct"
        if token.text in QUOTE_MARKS and gap == 0:
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
    if lemma in _BARE_CLAUSE_VERBS and first.text[0].isalpha():
        # `said she took the warning seriously`, `said the plan was dead`: a clause without
        # "that", recognised by a subject pronoun or a finite verb among its first words
        second = tokens[after + 1] if after + 1 < len(tokens) else None
        if first.lower in _SUBJECT_PRONOUNS and second is not None and second.text[0].isalpha():
            return first.start, "indirect"
        clause = [t.lower for t in tokens[after : after + 12]]
        if first.lower not in {"on", "in", "at", "to", "during", "by", "for", "with"} and any(
            w in _FINITE for w in clause[1:]
        ):
            return first.start, "indirect"
    return None, ""


def _phrase_end(text: str, start: int, end: int, marks: list[Quote]) -> int:
    """A noun-phrase content ends at a comma or a new clause: `acknowledged X but cautioned`;
    an aside after "and" (`and, more importantly, ...`) does not end it."""
    tokens = words(text, start, end)
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


def _content_end(text: str, content_start: int, sentence_end: int, marks: list[Quote]) -> int:
    """Content runs to the sentence's end; a quotation that opens it ends it if it closes the
    sentence's clause (`said: "...".`)."""
    for quote in marks:
        if quote.start == content_start and quote.closed:
            following = text[quote.end : sentence_end].strip()
            if not following or following[0] in ".,;":
                return quote.inner_end
    return sentence_end


def _subject(
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
    begin = end
    relative = False
    while begin > 0:
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
        owner = _trailing_name(before)
        if owner is None:
            return None, False
        region = owner
    parts = _split_commas(region)
    if not parts:
        return None, False
    if region[-1].text == "," and len(parts) >= 2:
        name, apposition = parts[-2], parts[-1]
        chosen = apposition if _introducer(name) else name + apposition
        subject = chosen
    else:
        subject = parts[-1]
    if _introducer(subject) and len(subject) > 1:
        return None, False
    if not speaker_like(subject, strong):
        return None, False
    pronoun = len(subject) == 1 and subject[0].lower in lexicon.PRONOUNS
    return Span.of(text, subject[0].start, subject[-1].end), pronoun


def _joins_names(tokens: list[Word], index: int, end: int) -> bool:
    """`European and Eurasian Affairs`, `Macron and Sikorski`: an "and" inside a subject."""
    if index == 0 or index + 1 >= end:
        return False
    if not _CAPITALISED.match(tokens[index - 1].text):
        return False
    following = tokens[index + 1]
    if following.lower in {"the", "its", "his", "her", "their"} and index + 2 < end:
        return True  # `the United States and the majority of its partners`
    return bool(_CAPITALISED.match(following.text))


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


def _trailing_name(tokens: list[Word]) -> list[Word] | None:
    """The run of capitalised words ending `tokens`: `remarks by French President Emmanuel
    Macron` -> `French President Emmanuel Macron`."""
    run: list[Word] = []
    for token in reversed(tokens):
        if _CAPITALISED.match(token.text) or (run and token.lower in {"of", "the"}):
            run.insert(0, token)
        else:
            break
    while run and not _CAPITALISED.match(run[0].text):
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
    capitalised = [w for w in subject[1:] if _CAPITALISED.match(w.text)]
    if _CAPITALISED.match(subject[0].text) and first not in {"the", "a", "an"}:
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


_PHRASE_CUES = re.compile(
    r"\b(?P<cue>(?:issued|gave|delivered|voiced|sounded) (?:a |an )?(?:\w+ )?"
    r"(?:warning|statement|reminder|message)s?|made (?:it )?clear|expressed "
    r"(?:concern|hope|doubt|confidence|fears?|regret|support|opposition))"
    r"(?:\s+(?:about|over|on|of|for|to))?(?:\s+that)?\s+"
)


def _phrase_cues(
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
        source, pronoun = _subject(text, tokens, index, start, strong=True)
        content = content_span(text, match.end(), _content_end(text, match.end(), end, marks))
        if source is None or content is None:
            continue
        kind = "direct" if any(content.overlaps(q.start, q.end) for q in marks) else "indirect"
        cue = Span.of(text, match.start("cue"), match.end("cue"))
        found.append(Attribution(source, cue, content, kind, pronoun))
    return found


def _according_to(text: str, start: int, end: int, marks: list[Quote]) -> list[Attribution]:
    found: list[Attribution] = []
    for match in _ACCORDING.finditer(text, start, end):
        if inside_quote(match.start(), marks):
            continue
        after = words(text, match.end(), end)
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
            kind = "direct" if any(content.overlaps(q.start, q.end) for q in marks) else "indirect"
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


def _possessive(text: str, start: int, end: int, marks: list[Quote]) -> list[Attribution]:
    """`following Macron's statement that "nothing should be ruled out"`."""
    found: list[Attribution] = []
    for match in _POSSESSIVE_CUES.finditer(text, start, end):
        if inside_quote(match.start(), marks):
            continue
        owner = _trailing_name(words(text, start, match.start()))
        if owner is None or not speaker_like(owner):
            continue
        content_start = match.end()
        content_end = _content_end(text, content_start, end, marks)
        if content_end == end:
            comma = text.find(",", content_start, end)
            content_end = comma if comma > 0 else end
        content = content_span(text, content_start, content_end)
        if content is None:
            continue
        kind = "direct" if any(content.overlaps(q.start, q.end) for q in marks) else "indirect"
        source = Span.of(text, owner[0].start, owner[-1].end)
        found.append(
            Attribution(source, Span.of(text, match.start("cue"), match.end("cue")), content, kind)
        )
    return found


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
    covered = [a.content for a in here]
    paragraph_is_quotes = bool(marks) and marks[0].start == start
    if previous and previous[-1].kind == "direct" and (previous_open or paragraph_is_quotes):
        speaker = previous[-1]
    for quote in marks:
        attributed = [a for a in here if a.content.start <= quote.inner_start < a.content.end + 2]
        if attributed:
            speaker = attributed[-1]
            continue
        if any(c.overlaps(quote.start, quote.end) for c in covered):
            continue
        if speaker is None or not _starts_sentence(text, quote.start, start):
            continue
        content = content_span(text, quote.inner_start, quote.inner_end)
        if content is not None:
            found.append(
                Attribution(speaker.source, speaker.cue, content, "direct", speaker.pronoun)
            )
    return found


def _starts_sentence(text: str, position: int, paragraph_start: int) -> bool:
    before = text[paragraph_start:position].rstrip()
    return not before or before[-1] in '.!?\u201d"'


def content_span(text: str, start: int, end: int) -> Span | None:
    """The content between two offsets without surrounding space, a final comma or full stop."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",.;:"):
        end -= 1
    if end - start > 2 and text[start] in QUOTE_MARKS:
        # content that is one whole quotation: the words without their marks
        closing = next((i for i in range(start + 1, len(text)) if text[i] in QUOTE_MARKS), None)
        if closing is not None and closing >= end - 1 and not text[closing + 1 : end].strip(",.;:"):
            start, end = start + 1, min(end, closing)
            while end > start and (text[end - 1].isspace() or text[end - 1] in ",.;:"):
                end -= 1
    span = Span.of(text, start, end)
    if len(span.text.split()) < MIN_CONTENT_WORDS:
        return None
    return span


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
    for attribution in found:
        content = attribution.content
        if any(
            k.content == content
            or (
                k.cue.start == attribution.cue.start
                and k.content.overlaps(content.start, content.end)
            )
            for k in kept
        ):
            continue
        kept.append(attribution)
    return kept
