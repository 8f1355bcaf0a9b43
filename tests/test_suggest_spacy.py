"""The spaCy extractor (the `suggest` extra); skipped when the extra is not installed."""

from __future__ import annotations

import subprocess
import sys

import pytest

from stancectl.suggest import (
    Engine,
    MissingExtraError,
    extractor,
    make_registry,
    spacy_available,
    suggest_article,
)
from stancectl.suggest.regex_engine import extract as regex_extract

needs_spacy = pytest.mark.skipif(
    not spacy_available(), reason="the suggest extra (spaCy) is not installed"
)

TOLD = "Several European officials privately told the newspaper the proposal went too far."


@needs_spacy
def test_the_parse_finds_what_the_patterns_miss() -> None:
    from stancectl.suggest import spacy_engine

    assert regex_extract(TOLD) == []
    found = spacy_engine.extract(TOLD)
    assert [(a.source.text, a.cue.text, a.content.text) for a in found] == [
        ("Several European officials", "told", "the proposal went too far")
    ]


@needs_spacy
def test_a_dateline_is_not_part_of_the_speaker() -> None:
    from stancectl.suggest import spacy_engine

    for text in (
        "ROME, May 2 - Officials at the ministry privately told the press the deal was dead.",
        "ROME, May 2 - The ministry said on Tuesday the deal was dead.",
    ):
        sources = [a.source.text for a in spacy_engine.extract(text)]
        assert sources in ([], ["Officials at the ministry"], ["The ministry"])


@needs_spacy
def test_the_pipeline_loads_once_without_the_components_it_does_not_read() -> None:
    from stancectl.suggest import spacy_engine

    first = spacy_engine.pipeline()
    assert spacy_engine.pipeline() is first
    for unused in spacy_engine.EXCLUDED:
        assert unused not in first.pipe_names
    assert "parser" in first.pipe_names


@needs_spacy
def test_auto_uses_spacy_when_installed() -> None:
    engine, _ = extractor("auto")
    assert engine is Engine.SPACY
    registry = make_registry(actors=(), governments={}, stances=())
    assert suggest_article(TOLD, registry=registry, engine="auto")


@needs_spacy
def test_sentences_the_patterns_settle_are_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    from stancectl.suggest import spacy_engine

    parsed: list[str] = []
    real = spacy_engine.pipeline()

    class Recorder:
        def pipe(self, texts: object) -> object:
            items = list(texts)  # type: ignore[call-overload]
            parsed.extend(items)
            return real.pipe(items)

    monkeypatch.setattr(spacy_engine, "pipeline", Recorder)
    text = "The minister said that the talks had failed. The weather was fine. " + TOLD
    spacy_engine.extract(text)
    assert parsed == [TOLD]


def test_without_the_extra_auto_falls_back_and_spacy_says_what_to_install() -> None:
    """In a fresh interpreter where spaCy cannot be imported."""
    script = (
        "import sys, importlib.util\n"
        "real = importlib.util.find_spec\n"
        "def find(name, *rest):\n"
        "    return None if name.startswith(('spacy', 'en_core')) else real(name, *rest)\n"
        "importlib.util.find_spec = find\n"
        "from stancectl.suggest import extractor, MissingExtraError\n"
        "engine, _ = extractor('auto')\n"
        "print(engine.value)\n"
        "try:\n"
        "    extractor('spacy')\n"
        "except MissingExtraError as error:\n"
        "    print(error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    lines = result.stdout.splitlines()
    assert lines[0] == "regex"
    assert "pip install 'stancectl[suggest]'" in lines[1]
    assert MissingExtraError.install == "pip install 'stancectl[suggest]'"
