"""News agencies ("wire services") an article says it comes from: named in a byline ("By Jane
Doe and the Associated Press"), as an organisation author, or in a dateline ("KYIV (AP) —")."""

from __future__ import annotations

import re

WIRE_SERVICES = (
    "Associated Press", "AP", "Reuters", "Agence France-Presse", "AFP", "Deutsche Presse-Agentur",
    "dpa", "ANSA", "EFE", "PA Media", "Press Association", "UPI", "Kyodo", "Xinhua", "TASS",
    "Interfax", "Ukrinform", "Anadolu", "Bloomberg", "RIA Novosti", "PAP", "APA", "Yonhap",
)  # fmt: skip
"""As they are written; matched whole, ignoring case for the long names only."""

_LONG = sorted((w for w in WIRE_SERVICES if len(w) > 4), key=len, reverse=True)
_SHORT = [w for w in WIRE_SERVICES if len(w) <= 4]
_NAMED = re.compile(
    r"(?<![\w-])(?:(?i:" + "|".join(map(re.escape, _LONG)) + r")|"
    + "|".join(map(re.escape, _SHORT)) + r")(?![\w-])"
)  # fmt: skip
_DATELINE = re.compile(
    r"^[^\n()]{0,60}?\((" + "|".join(map(re.escape, WIRE_SERVICES)) + r")\)\s*[\u2014\u2013-]"
)
_DATELINE_PARAGRAPHS = 3


def wire_named(text: str) -> str | None:
    """The first news agency a byline or author names, as written there."""
    match = _NAMED.search(text)
    return match.group(0) if match else None


def is_wire(name: str) -> bool:
    """Whether a name (an author's, say) is just a news agency's."""
    return _NAMED.fullmatch(name.strip().removeprefix("the ").strip()) is not None


def wire_in_dateline(text: str) -> tuple[str, str] | None:
    """(agency, the dateline) when one of the first paragraphs opens "CITY (AP) —"."""
    for paragraph in text.split("\n\n")[:_DATELINE_PARAGRAPHS]:
        match = _DATELINE.match(paragraph)
        if match:
            return match.group(1), match.group(0)
    return None
