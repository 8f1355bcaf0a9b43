"""The regex extractor, one sentence shape per row: what it proposes and what it must not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stancectl.evidence import MatchLevel, match_quote
from stancectl.suggest import make_registry, suggest_article
from stancectl.suggest.clauses import MAX_CONTENT_CHARS
from stancectl.suggest.regex_engine import extract

Q_OPEN, Q_CLOSE = "\u201c", "\u201d"


def _triples(text: str) -> list[tuple[str, str, str]]:
    return [(a.source.text, a.cue.text, a.content.text) for a in extract(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            f"{Q_OPEN}We will not send troops,{Q_CLOSE} the minister said.",
            [("the minister", "said", "We will not send troops")],
        ),
        (
            f"{Q_OPEN}Nothing is excluded,{Q_CLOSE} said Jan Novak, the foreign minister.",
            [("Jan Novak", "said", "Nothing is excluded")],
        ),
        (
            '"The margin is gone," the operator\'s director, Anna Berg, said.',
            [("the operator's director, Anna Berg", "said", "The margin is gone")],
        ),
        (
            "Prime Minister Ana Silva said on Monday that the talks had failed.",
            [("Prime Minister Ana Silva", "said", "the talks had failed")],
        ),
        (
            "Later, the head of the agency, Tom Reyes, clarified that no decision was taken.",
            [("the head of the agency, Tom Reyes", "clarified", "no decision was taken")],
        ),
        (
            "The minister said she took the warning seriously.",
            [("The minister", "said", "she took the warning seriously")],
        ),
        (
            "The company confirmed it had received the request but said no decision would be made.",
            [
                ("The company", "confirmed", "it had received the request"),
                ("The company", "said", "no decision would be made"),
            ],
        ),
        (
            "According to the ministry, the plan will cost 4 billion euros.",
            [("the ministry", "According to", "the plan will cost 4 billion euros")],
        ),
        (
            "The plan will cost 4 billion euros, according to two officials.",
            [("two officials", "according to", "The plan will cost 4 billion euros")],
        ),
        (
            "The deal is dead, the negotiator said on Friday.",
            [("the negotiator", "said", "The deal is dead")],
        ),
        (
            "The union, she said, had asked for talks months ago.",
            [("she", "said", "The union, she said, had asked for talks months ago")],
        ),
        (
            "It followed the mayor's statement that fares would not rise this year.",
            [("the mayor", "statement", "fares would not rise this year")],
        ),
        (
            "The talks collapsed, with each delegation accusing the other of bad faith.",
            [("each delegation", "accusing", "the other of bad faith")],
        ),
        (
            "The union, which represents 40,000 drivers, warned that the strike would go ahead.",
            [("The union", "warned", "the strike would go ahead")],
        ),
        (
            "Officials at the ministry told reporters the deal was dead.",
            [("Officials at the ministry", "told", "the deal was dead")],
        ),
        (
            "OSLO, June 3 - The regulator said on Tuesday it had received the request.",
            [("The regulator", "said", "it had received the request")],
        ),
        (  # a "that" inside the quotation is the speaker's word, not the clause's start
            'Councillor Jane Pike said the plan was "a betrayal of every family that has '
            'lived here for generations".',
            [
                (
                    "Councillor Jane Pike",
                    "said",
                    'the plan was "a betrayal of every family that has lived here for generations"',
                )
            ],
        ),
        (
            'The minister said in a "frank" interview that the plan was dead.',
            [("The minister", "said", "the plan was dead")],
        ),
        (  # a quotation its attribution interrupts: one content, both parts too short alone
            '"The plan," Mark Bell said, "is dead."',
            [("Mark Bell", "said", 'The plan," Mark Bell said, "is dead')],
        ),
        (  # a question ends its sentence: the next quotation is not its rest
            '"Why now?" Mark Bell asked, "after all these years of waiting"',
            [("Mark Bell", "asked", "after all these years of waiting")],
        ),
        (  # a headline's speaker before its colon
            "Scholz: no German troops for Ukraine",
            [("Scholz", ":", "no German troops for Ukraine")],
        ),
        (
            "German Chancellor Olaf Scholz: No Troops for Ukraine",
            [("German Chancellor Olaf Scholz", ":", "No Troops for Ukraine")],
        ),
        ("Ukraine war: no German troops for Ukraine", []),  # a topic, not a speaker
        ("Update: the talks resumed on Monday", []),
        ("The plan has three parts: money, troops and time.", []),  # a sentence, not a headline
        (
            "Farmers Warn New Trade Deal Will Ruin Beef Producers",
            [("Farmers", "Warn", "New Trade Deal Will Ruin Beef Producers")],
        ),
    ],
)
def test_sentence_shapes(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _triples(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "It was noted that the plan had been shelved.",  # no speaker
        "This possibility was later denied in several capitals.",  # passive
        "The minister declined to comment on the report.",  # an infinitive, no content
        "Macron's remarks drew sharp reactions across Europe.",  # a noun, not a verb
        "The statement came after talks in Paris on Monday.",  # no cue at all
        "Asked whether fines were possible, she did not answer.",  # no cue verb
        "The senators said.",  # a cue without content
    ],
)
def test_no_attribution_where_there_is_none(text: str) -> None:
    assert extract(text) == []


def test_quotation_continues_over_paragraphs_and_after_a_colon() -> None:
    text = (
        f"{Q_OPEN}We came to sign,{Q_CLOSE} Okafor said. "
        f"{Q_OPEN}We leave with new demands.{Q_CLOSE}\n\n"
        "On Friday, however, she struck a different tone:\n\n"
        f"{Q_OPEN}If they want a deal, they know where to find us.{Q_CLOSE}\n"
    )
    found = _triples(text)
    assert found == [
        ("Okafor", "said", "We came to sign"),
        ("Okafor", "said", "We leave with new demands"),
        ("she", "struck a different tone", "If they want a deal, they know where to find us"),
    ]


def test_a_quotation_left_open_runs_into_the_next_paragraph() -> None:
    text = (
        f"{Q_OPEN}The first part of the answer is long,{Q_CLOSE} the envoy said. "
        f"{Q_OPEN}It goes on here\n\n"
        f"{Q_OPEN}and ends in this paragraph.{Q_CLOSE}\n"
    )
    contents = [content for _, _, content in _triples(text)]
    assert contents == [
        "The first part of the answer is long",
        f"It goes on here\n\n{Q_OPEN}and ends in this paragraph",
    ]


def test_a_quotation_over_paragraphs_after_a_colon_is_one_direct_content() -> None:
    text = (
        "Budget row\n\n"
        'Asked about budgets, Sarah Okafor said: "I have been very clear. We will protect '
        "public services.\n\n"
        '"Anyone who tells you otherwise has not read the plan.\n\n'
        '"We will not cut a single school."\n\n'
        '"This is a new quotation," she added.\n'
    )
    found = extract(text)
    assert [(a.source.text, a.cue.text, a.kind) for a in found] == [
        ("Sarah Okafor", "said", "direct"),
        ("she", "added", "direct"),
    ]
    assert found[0].content.text == (
        "I have been very clear. We will protect public services.\n\n"
        '"Anyone who tells you otherwise has not read the plan.\n\n'
        '"We will not cut a single school'
    )
    assert match_quote(found[0].content.text, text).level is MatchLevel.EXACT


def test_a_pronoun_resolves_to_the_speaker_of_the_main_clause_not_a_reported_one() -> None:
    text = (
        "Minister Ola Berg said Anna Lie's plan was unworkable. He added that the vote "
        "would go ahead.\n"
    )
    registry = make_registry(actors=(), governments={}, stances=())
    found = suggest_article(text, registry=registry, engine="regex")
    added = [c for c in found if c.cue.text == "added"]
    assert len(added) == 1
    assert added[0].new_actor is not None and added[0].new_actor.name == "Ola Berg"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "said",
                "that",
                "the minister",
                "Macron",
                ",",
                ".",
                Q_OPEN,
                Q_CLOSE,
                '"',
                "\n",
                "according to",
                "he",
                "told",
                "reporters",
                ":",
                "warned",
                "and",
                "but",
                "Sikorski",
                "not",
                "on Monday",
                "\u00a0",
                "\u2019s statement that",
                "was",
                "Says",
            ]
        ),
        max_size=60,
    )
)
def test_every_span_is_a_verbatim_piece_of_any_text(pieces: list[str]) -> None:
    text = " ".join(pieces)
    registry = make_registry(actors=(), governments={}, stances=())
    for candidate in suggest_article(text, registry=registry, engine="regex"):
        for span in (candidate.source, candidate.cue, candidate.content):
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\n\t ",
        "\u201c" * 2_000 + " said Macron " + "\u201d" * 2_000,
        '"a," he said, "b" ' * 1_000,
        "Macron, " * 2_000 + "said that it is fine.",
        " ".join(["said", "that", "the", "official", "he", "warned"] * 1_000),
        "\u201cAn opening quotation that never closes, said the minister\n" * 50,
    ],
    ids=["empty", "blank", "quote-storm", "quotations", "commas", "no-punctuation", "unclosed"],
)
def test_hostile_text_gives_verbatim_spans_or_nothing(text: str) -> None:
    registry = make_registry(actors=(), governments={}, stances=())
    for candidate in suggest_article(text, registry=registry, engine="regex"):
        for span in (candidate.source, candidate.cue, candidate.content):
            assert text[span.start : span.end] == span.text
            assert len(span.text) <= 3_000


def test_a_quotation_over_many_paragraphs_is_cut_into_contents_of_honest_length() -> None:
    text = 'Ana Lee said: "one two three.\n\n' + '"four five six seven.\n\n' * 500
    found = extract(text)
    assert len(found) > 1
    assert all(len(a.content.text) <= MAX_CONTENT_CHARS for a in found)
    assert all(text[a.content.start : a.content.end] == a.content.text for a in found)
