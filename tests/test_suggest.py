"""suggest: attributions found with verbatim spans, speakers resolved, dates and stances."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from conftest import BUNDLED
from stancectl.dataset import Dataset
from stancectl.evidence import MatchLevel, match_quote
from stancectl.loader import load
from stancectl.render.suggested import render_table
from stancectl.suggest import Candidate, Registry, build_registry, suggest_article
from stancectl.suggest.document import statement_entries, suggest_document
from stancectl.suggest.resolve import propose
from stancectl.suggest.stance import guess_stance
from stancectl.suggest.when import dateline, resolve_date

WIRE = (
    "BRUSSELS: Hungarian Prime Minister Viktor Orban said on Thursday that his country would "
    "never send soldiers to Ukraine.\n"
    "\u201cWe will not take part in this war,\u201d Orban told reporters. "
    "\u201cHungary wants peace.\u201d\n"
    "According to a senior EU diplomat, the bloc is preparing new sanctions.\n"
    "Macron, he said, was \u201cplaying with fire\u201d.\n"
)


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    dataset, _ = load(BUNDLED)
    assert dataset is not None
    return dataset


@pytest.fixture(scope="module")
def registry(bundled: Dataset) -> Registry:
    return build_registry(bundled)


def _by_source(found: list[Candidate], source: str) -> list[Candidate]:
    return [c for c in found if c.source.text == source]


def test_every_span_is_verbatim(bundled: Dataset, registry: Registry) -> None:
    for article in bundled.articles.values():
        text = bundled.texts[article.id]
        found = suggest_article(
            text, registry=registry, published=article.published, engine="regex"
        )
        assert found, article.id
        for candidate in found:
            for span in (candidate.source, candidate.cue, candidate.content):
                assert text[span.start : span.end] == span.text


def test_new_article_resolves_new_speaker_date_and_quote(registry: Registry) -> None:
    found = suggest_article(WIRE, registry=registry, published=dt.date(2024, 3, 1), engine="regex")
    orban = _by_source(found, "Hungarian Prime Minister Viktor Orban")
    assert len(orban) == 1
    assert orban[0].content.text == "his country would never send soldiers to Ukraine"
    assert orban[0].said_on == dt.date(2024, 2, 29)  # the Thursday before Friday 1 March
    assert orban[0].date_precision == "day"
    assert orban[0].actor is None
    assert orban[0].new_actor is not None
    assert orban[0].new_actor.name == "Viktor Orban"
    assert orban[0].new_actor.title == "Hungarian Prime Minister"
    told = _by_source(found, "Orban")
    assert [c.content.text for c in told] == [
        "We will not take part in this war",
        "Hungary wants peace",
    ]
    assert {c.attribution for c in told} == {"direct"}
    diplomat = _by_source(found, "a senior EU diplomat")
    assert diplomat and diplomat[0].content.text == "the bloc is preparing new sanctions"


def test_speakers_resolve_through_aliases_and_titles(bundled: Dataset, registry: Registry) -> None:
    article = bundled.articles["ft-special-forces"]
    found = suggest_article(
        bundled.texts[article.id], registry=registry, published=article.published, engine="regex"
    )
    actors = {c.source.text: c.actor for c in found}
    assert actors["The French leader"] == "macron"
    assert actors["the head of the French Ministry of Defense, Sebastien Lecornu"] == "lecornu"
    assert actors["He"] == "lecornu"  # the pronoun goes to the nearest fitting speaker


def test_registry_pickles(registry: Registry) -> None:
    again = pickle.loads(pickle.dumps(registry))
    assert again.names == registry.names
    assert again.actors["macron"] == registry.actors["macron"]


@pytest.mark.parametrize(
    ("passage", "published", "expected"),
    [
        ("said on Monday", dt.date(2024, 2, 27), (dt.date(2024, 2, 26), "day")),
        ("said on Tuesday", dt.date(2024, 2, 27), (dt.date(2024, 2, 27), "day")),
        ("Earlier on 8 March, X stated", dt.date(2024, 3, 8), (dt.date(2024, 3, 8), "day")),
        ("said on February 27", dt.date(2024, 2, 27), (dt.date(2024, 2, 27), "day")),
        ("on 30 December, X said", dt.date(2024, 1, 2), (dt.date(2023, 12, 30), "day")),
        ("Last week, X stated", dt.date(2024, 3, 8), (dt.date(2024, 2, 29), "week")),
        ("X said yesterday", dt.date(2024, 3, 1), (dt.date(2024, 2, 29), "day")),
        ("X said", dt.date(2024, 3, 1), (None, None)),
        ("said on Monday", None, (None, None)),
    ],
)
def test_dates(
    passage: str, published: dt.date | None, expected: tuple[dt.date | None, str | None]
) -> None:
    assert resolve_date(passage, published) == expected


def test_relative_day_of_an_approximate_article_is_approximate() -> None:
    assert resolve_date("on Monday", dt.date(2024, 2, 27), "approximate") == (
        dt.date(2024, 2, 26),
        "approximate",
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 9 April 2024 was a Tuesday: "on Monday" is the 8th, whatever the dateline says
        ("Ana Ruiz said on Monday that Madrid would vote for the ban.", dt.date(2024, 4, 8)),
        ("The city will vote for the ban, Ana Ruiz announced on Friday.", dt.date(2024, 4, 5)),
        ("Ana Ruiz said on 2 April that Madrid would vote for the ban.", dt.date(2024, 4, 2)),
        # the dateline dates the article, not the words: no day is claimed for them
        ("Ana Ruiz said that Madrid would vote for the ban.", None),
    ],
)
@pytest.mark.parametrize("published", [None, dt.date(2024, 4, 9)])
def test_a_dateline_dates_the_article_not_the_words(
    registry: Registry, sentence: str, expected: dt.date | None, published: dt.date | None
) -> None:
    text = f"MADRID, 9 April 2024 \u2014 {sentence}\n"
    found = suggest_article(text, registry=registry, published=published, engine="regex")
    assert [c.source.text for c in found] == ["Ana Ruiz"]
    assert found[0].said_on == expected
    assert found[0].date_precision == ("day" if expected else None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MADRID, 9 April 2024 \u2014 Ana Ruiz said", dt.date(2024, 4, 9)),
        ("Headline\n\nKYIV, Ukraine, March 1, 2024 (AP) \u2014 X said", dt.date(2024, 3, 1)),
        ("GENEVA, May 3 - Negotiators failed", None),  # no year: it dates nothing alone
    ],
)
def test_dateline_found_at_the_top(text: str, expected: dt.date | None) -> None:
    found = dateline(text)
    assert found is not None
    start, end, day = found
    assert text[start].isupper() and text[end - 2] in "\u2014-"
    assert day == expected


@pytest.mark.parametrize("engine", ["regex", "auto"])
def test_a_dateline_is_no_part_of_the_content(registry: Registry, engine: str) -> None:
    text = (
        "Dutch back ban\n\nTHE HAGUE, 2 April 2024 \u2014 The Netherlands will back a ban on "
        "live facial recognition, Prime Minister Joost van Dalen announced on Friday.\n"
    )
    found = suggest_article(text, registry=registry, engine=engine)
    assert [c.content.text for c in found] == [
        "The Netherlands will back a ban on live facial recognition"
    ]
    assert found[0].said_on == dt.date(2024, 3, 29)  # the Friday before Tuesday 2 April


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Eva Lund said \u201cwe reject this ban outright\u201d on Tuesday.",
            "we reject this ban outright",
        ),
        ("Eva Lund said \u201cwe reject this ban\u201d in an interview.", "we reject this ban"),
        ("Eva Lund said \u201cwe reject this ban\u201d Tuesday.", "we reject this ban"),
        # the quoted words are the subject of a clause that goes on: the clause is the content
        (
            "Eva Lund said \u201cthe whole plan\u201d was dead.",
            "\u201cthe whole plan\u201d was dead",
        ),
    ],
)
def test_content_ends_at_the_quotation_the_writer_goes_on_after(
    registry: Registry, sentence: str, expected: str
) -> None:
    found = suggest_article(sentence, registry=registry, engine="regex")
    assert [c.content.text for c in found] == [expected]


@pytest.mark.parametrize("engine", ["regex", "auto"])
@pytest.mark.parametrize(
    ("sentence", "content", "kind"),
    [
        (
            "Luc Moreau told reporters that a blanket ban \u201cwould tie the hands of our "
            "police before the Games.\u201d",
            "a blanket ban \u201cwould tie the hands of our police before the Games.\u201d",
            "indirect",  # "a blanket ban" is the writer's: not all of it is quoted
        ),
        (
            "Ana Ruiz said The Hague was \u201cstill studying the text\u201d and had not made "
            "up its mind.",
            "The Hague was \u201cstill studying the text\u201d and had not made up its mind",
            "indirect",
        ),
        (
            "Ana Ruiz said: \u201cWe will not accept this ban.\u201d",
            "We will not accept this ban",
            "direct",
        ),
        (
            "\u201cWe will not accept this ban,\u201d Ana Ruiz said.",
            "We will not accept this ban",
            "direct",
        ),
    ],
)
def test_direct_only_when_every_word_is_quoted(
    registry: Registry, engine: str, sentence: str, content: str, kind: str
) -> None:
    found = suggest_article(sentence, registry=registry, engine=engine)
    assert [(c.content.text, c.attribution) for c in found] == [(content, kind)]


def test_a_comma_before_a_closing_mark_does_not_start_the_content(registry: Registry) -> None:
    text = (
        "Maria Lund, a spokeswoman, said the next round would take place "
        '"in the coming weeks," without giving a date.'
    )
    found = suggest_article(text, registry=registry, engine="regex")
    assert [c.content.text for c in found] == [
        'the next round would take place "in the coming weeks," without giving a date'
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "\u201cWe have studied the risks,\u201d van Dalen told parliament. "
            "\u2018Privacy is not a luxury,\u2019 he added.",
            [("van Dalen", "We have studied the risks"), ("he", "Privacy is not a luxury")],
        ),
        # apostrophes do not end a single-quoted passage: between letters, or a plural's
        (
            "\u2018We will fight for the farmers\u2019 cause,\u2019 Spain\u2019s minister said.",
            [("Spain\u2019s minister", "We will fight for the farmers\u2019 cause")],
        ),
        (
            "The farmers\u2019 union said \u2018we will not accept this deal\u2019 on Monday.",
            [("The farmers\u2019 union", "we will not accept this deal")],
        ),
    ],
)
def test_quotations_in_single_marks(
    registry: Registry, text: str, expected: list[tuple[str, str]]
) -> None:
    found = suggest_article(text, registry=registry, engine="regex")
    assert [(c.source.text, c.content.text) for c in found] == expected
    assert {c.attribution for c in found} == {"direct"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Digital Freedom welcomed the move, calling it \u201ca turning point for Europe.\u201d",
            [("Digital Freedom", "calling", "a turning point for Europe")],
        ),
        (
            "Ana Ruiz described the plan as \u201creckless and dangerous\u201d on Monday.",
            [("Ana Ruiz", "described", "reckless and dangerous")],
        ),
        # `called for` is still a call for something, not a name given to it
        (
            "Ana Ruiz called for \u201ca ceasefire in the region now.\u201d",
            [("Ana Ruiz", "called for", "a ceasefire in the region now")],
        ),
    ],
)
def test_a_quoted_description_after_a_naming_verb(
    registry: Registry, text: str, expected: list[tuple[str, str, str]]
) -> None:
    found = suggest_article(text, registry=registry, engine="regex")
    assert [(c.source.text, c.cue.text, c.content.text) for c in found] == expected
    assert {c.attribution for c in found} == {"direct"}


@pytest.mark.parametrize(
    "opening",
    [
        "Ana Ruiz said on 9 April 2024 - a Tuesday - that she would vote",
        "On Tuesday, 9 April 2024 - the day of the vote - Ana Ruiz said she would vote",
    ],
)
def test_no_dateline_in_an_ordinary_opening(opening: str) -> None:
    assert dateline(opening) is None


@pytest.mark.parametrize(
    ("passage", "expected"),
    [
        ("said that sending troops cannot be ruled out", "does-not-rule-out"),
        ("stated that France would rule out sending troops", "rules-out-troops"),
        ("said he was not ruling out sending troops", "does-not-rule-out"),
        ("said the presence of NATO forces is not unthinkable", "does-not-rule-out"),
        ("said there are no plans to send troops", "no-plans-for-troops"),
        ("said the weather in Paris was fine", None),
    ],
)
def test_stance_guess_handles_negation_and_abstains(
    registry: Registry, passage: str, expected: str | None
) -> None:
    assert guess_stance(passage, registry) == expected


def test_covered_by_names_the_curated_statement(bundled: Dataset, registry: Registry) -> None:
    article = bundled.articles["danilov-open-to-nato"]
    found = suggest_article(
        bundled.texts[article.id],
        registry=registry,
        published=article.published,
        article_id=article.id,
        engine="regex",
    )
    unthinkable = [c for c in found if "not unthinkable" in c.content.text]
    assert len(unthinkable) == 1
    assert "sikorski-not-unthinkable" in unthinkable[0].covered_by
    assert unthinkable[0].actor == "sikorski"
    assert unthinkable[0].stance == "does-not-rule-out"


def test_a_quotation_interrupted_by_its_attribution_is_one_direct_candidate(
    registry: Registry,
) -> None:
    text = (
        "Troops\n\n"
        "\u201cThe plan,\u201d Olaf Scholz said on Thursday, \u201cis dead.\u201d "
        "\u201cWe will not send soldiers,\u201d he added.\n"
    )
    found = suggest_article(text, registry=registry, published=dt.date(2024, 3, 1), engine="regex")
    assert [c.cue.text for c in found] == ["said", "added"]
    interrupted, added = found
    assert interrupted.content.text == (
        "The plan,\u201d Olaf Scholz said on Thursday, \u201cis dead"
    )
    assert interrupted.attribution == "direct"
    assert interrupted.gap is not None
    assert interrupted.gap.text == ",\u201d Olaf Scholz said on Thursday, \u201c"
    assert interrupted.spoken == "The plan \u2026 is dead"
    document = suggest_document(found, article_id=None, file="a.txt")
    assert document["candidates"][0]["gap"] == interrupted.gap.as_dict()
    assert interrupted.said_on == dt.date(2024, 2, 29)  # the date inside the attribution
    assert added.actor == "scholz"  # the speaker of the interruption is no reported one
    match = match_quote(interrupted.spoken, text)
    assert match.level is MatchLevel.ELIDED
    shown = render_table(document, engine="regex")
    assert "\u201cThe plan \u2026 is dead\u201d  [" in shown


def test_an_interrupted_quotation_is_pasted_as_an_elided_quote(registry: Registry) -> None:
    text = "Troops\n\n\u201cNo plans,\u201d Olaf Scholz said, \u201cto send any troops.\u201d\n"
    found = suggest_article(text, registry=registry, published=dt.date(2024, 3, 1), engine="regex")
    entries = statement_entries(found, article_id="new-article", registry=registry)
    quotes = [entry["evidence"][0]["quote"] for entry in entries.statements]
    assert quotes == ["No plans \u2026 to send any troops"]
    assert match_quote(quotes[0], text).level is MatchLevel.ELIDED


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a relative clause about the speaker tells when they did something else
        (
            "Emmanuel Macron, who hosted a conference in Paris on Monday, said on Thursday that "
            "his words had been weighed.",
            dt.date(2024, 2, 29),
        ),
        (
            "\u201cMy words were weighed,\u201d said Emmanuel Macron, who hosted a conference "
            "on Monday.",
            None,
        ),
        # the cue is in a clause of its own: the main clause's day is not its day (`a day
        # after` counts back from it, see below)
        (
            "Olaf Scholz on Tuesday ruled out troops, soon after Emmanuel Macron said the "
            "option could not be excluded.",
            None,
        ),
        # a subordinate clause closed by its comma before the speaker leaves the day his
        (
            "On Tuesday, when asked about troops, Emmanuel Macron said it was possible.",
            dt.date(2024, 2, 27),
        ),
        (
            "On Tuesday, Emmanuel Macron said the option could not be excluded.",
            dt.date(2024, 2, 27),
        ),
    ],
)
def test_a_date_is_the_cue_clause_s_own(
    registry: Registry, sentence: str, expected: dt.date | None
) -> None:
    found = suggest_article(
        f"Troops\n\n{sentence}\n", registry=registry, published=dt.date(2024, 2, 29), engine="regex"
    )
    macron = [c for c in found if c.actor == "macron"]
    assert len(macron) == 1
    assert macron[0].said_on == expected


SURNAMES = (
    "Fishing minister Mark Bell said on Monday that the quota would stay.\n"
    "\u201cWe have listened to the coast,\u201d Mr Bell told reporters.\n"
    "Bell said the compensation scheme would open in May.\n"
    "Ruth Bell, a skipper, said the quota was too low.\n"
    "Bell added that the boats would stay in port.\n"
)


@pytest.mark.parametrize("engine", ["regex", "spacy"])
def test_a_new_person_named_in_full_is_one_proposed_actor(registry: Registry, engine: str) -> None:
    if engine == "spacy":
        pytest.importorskip("spacy")
    text = SURNAMES.split("Ruth Bell", maxsplit=1)[0]
    found = suggest_article(text, registry=registry, published=dt.date(2024, 3, 5), engine=engine)
    bell = [c for c in found if c.source.text.endswith("Bell")]
    assert len(bell) == 3
    assert {c.new_actor.id for c in bell if c.new_actor is not None} == {"mark-bell"}
    assert all(c.new_actor is not None and c.new_actor.name == "Mark Bell" for c in bell)


def test_a_surname_two_new_people_share_stays_apart(registry: Registry) -> None:
    found = suggest_article(
        SURNAMES, registry=registry, published=dt.date(2024, 3, 5), engine="regex"
    )
    by_source = {c.source.text: c.new_actor for c in found}
    assert by_source["Fishing minister Mark Bell"] is not None
    assert by_source["Fishing minister Mark Bell"].id == "mark-bell"
    skipper = by_source["Ruth Bell, a skipper"]
    assert skipper is not None and skipper.id == "ruth-bell"
    assert by_source["Bell"] is not None and by_source["Bell"].id == "bell"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Councillor Jane Pike", ("jane-pike", "Jane Pike", "Councillor")),
        ("Conservative MP Richard Hale", ("richard-hale", "Richard Hale", "Conservative MP")),
        ("Mr. Bell", ("bell", "Bell", None)),
        ("Dr Anna Kurz", ("anna-kurz", "Anna Kurz", None)),
        ("Julie Bishop", ("julie-bishop", "Julie Bishop", None)),  # a title word as a surname
        ("Pope Francis", ("pope-francis", "Pope Francis", None)),  # the name he goes by
    ],
)
def test_a_proposed_name_holds_no_title(source: str, expected: tuple[str, str, str | None]) -> None:
    actor = propose(source)
    assert (actor.id, actor.name, actor.title) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 29 February 2024 was a Thursday: Tuesday is the 27th, the day after Monday the 26th
        (
            "Scholz on Tuesday ruled out troops, a day after Emmanuel Macron said that "
            "sending troops could not be excluded.",
            (dt.date(2024, 2, 26), "day"),
        ),
        (
            "Scholz ruled out troops on Tuesday, two days after Macron said that sending "
            "troops could not be excluded.",
            (dt.date(2024, 2, 25), "day"),
        ),
        # a week is no day to count back from; no day at all gives no date
        (
            "Scholz ruled out troops last week, a day after Macron said that sending troops "
            "could not be excluded.",
            (None, None),
        ),
        (
            "Scholz ruled out troops, a day after Macron said that sending troops could not "
            "be excluded.",
            (None, None),
        ),
    ],
)
@pytest.mark.parametrize("engine", ["regex", "spacy"])
def test_a_day_after_counts_back_from_the_main_clause_s_day(
    registry: Registry,
    engine: str,
    sentence: str,
    expected: tuple[dt.date | None, str | None],
) -> None:
    if engine == "spacy":
        pytest.importorskip("spacy")
    found = suggest_article(
        sentence + "\n", registry=registry, published=dt.date(2024, 2, 29), engine=engine
    )
    macron = [c for c in found if c.actor == "macron"]
    assert len(macron) == 1
    assert (macron[0].said_on, macron[0].date_precision) == expected
