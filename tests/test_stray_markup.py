"""HTML left in a .txt article is found wherever it stands, and plain text is left alone."""

from __future__ import annotations

import pytest

from stancectl.stray_markup import Markup, markup_in


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Macron said &ldquo;nothing&rdquo;.", ["&ldquo;", "&rdquo;"]),
        ("Fish &#8217; chips", ["&#8217;"]),
        ("a <p>paragraph</p>", ["<p>", "</p>"]),
        ('<a href="https://example.org/x">link</a>', ['<a href="https://example.org/x">', "</a>"]),
        ("<!-- a comment -->", ["<!--"]),
        ("Tom & Jerry, 3 < 4 and 5 > 2", []),  # an ampersand or a comparison is no markup
        ("No markup at all, only words.", []),
    ],
)
def test_entities_and_tags_are_found_and_nothing_else(text: str, found: list[str]) -> None:
    shown, count = markup_in(text)
    assert [m.text for m in shown] == found[:3]
    assert count == len(found)


def test_each_is_placed_by_line_and_column_and_only_the_first_few_are_kept() -> None:
    text = "first line\nsecond &amp; line\n<br><br><br><br>"
    shown, count = markup_in(text)
    assert count == 5
    assert shown == [Markup(2, 8, "&amp;"), Markup(3, 1, "<br>"), Markup(3, 5, "<br>")]
