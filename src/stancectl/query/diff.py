"""diff: what two articles both report, what only one does, and where their accounts differ
(date, place, stance, speaker, wording)."""

from __future__ import annotations

from typing import Any

from stancectl.naming import fold
from stancectl.query.filters import Filters
from stancectl.query.names import LookupFailedError, resolve_article
from stancectl.records import Record, Records, record_span, sort_records
from stancectl.text import search_key
from stancectl.views import SortKey

SCHEMA = "stancectl.diff/1"

WORDING_SIMILARITY = 60.0
"""Two quotes this similar (0-100) but not equal are one passage worded differently."""


def _account(records: Records, statement: Record, evidence: list[Record]) -> Record:
    """What one article says of a statement: its dates, place and stance, and its quotes.
    Where several quotes of one article record differences, the first to give a field wins."""
    settled = {
        "said_on": statement["said_on"],
        "date_precision": statement["date_precision"]
        or records.undated_precision.get(statement["id"]),
        "where": statement["where"],
        "occasion": statement["occasion"],
        "stance": statement["stance"]["id"],
        "actor": statement["actor"]["id"] if statement["actor"] else None,
    }

    def reported(name: str) -> Any:
        for item in evidence:
            value = item["differs"].get(name) if item["differs"] else None
            if value is not None:
                return value
        return settled[name]

    said_on = reported("said_on")
    notes = list(
        dict.fromkeys(
            e["differs"]["note"] for e in evidence if e["differs"] and e["differs"].get("note")
        )
    )
    own: Record = {}  # what this article itself reports differently from the settled account
    for item in evidence:
        for name, value in (item["differs"] or {}).items():
            if name != "note":
                own.setdefault(name, value)
    return {
        "reported": own,
        "said_on": said_on,
        "date_precision": reported("date_precision") if said_on else None,
        "where": reported("where"),
        "occasion": reported("occasion"),
        "stance": reported("stance"),
        "actor": reported("actor"),
        "quotes": [e["quote"] for e in evidence],
        "attribution": [e["attribution"] for e in evidence],
        "note": " ".join(notes) or None,
    }


def _dates_conflict(a: Record, b: Record) -> bool:
    if a["said_on"] is None or b["said_on"] is None:
        return False
    a_first, a_last = record_span(a)
    b_first, b_last = record_span(b)
    return a_last < b_first or b_last < a_first


def _wording_conflict(a: Record, b: Record) -> bool:
    from rapidfuzz import fuzz

    direct_a = [q for q, how in zip(a["quotes"], a["attribution"], strict=True) if how == "direct"]
    direct_b = [q for q, how in zip(b["quotes"], b["attribution"], strict=True) if how == "direct"]
    for quote_a in direct_a:
        for quote_b in direct_b:
            folded_a, folded_b = search_key(quote_a), search_key(quote_b)
            if folded_a != folded_b and fuzz.ratio(folded_a, folded_b) >= WORDING_SIMILARITY:
                return True
    return False


def _conflicts(a: Record, b: Record) -> list[str]:
    found = []
    if _dates_conflict(a, b):
        found.append("date")
    if a["where"] and b["where"] and fold(a["where"]) != fold(b["where"]):
        found.append("where")
    if a["stance"] != b["stance"]:
        found.append("stance")
    if a["actor"] != b["actor"]:
        found.append("speaker")  # "a joint statement" in one, "Jeh Johnson said" in the other
    if _wording_conflict(a, b):
        found.append("wording")
    return found


def mentioned_actors(records: Records, article_id: str) -> list[Record]:
    """Named actors (people and offices) the article mentions by name or alias but records no
    statement from. Anonymous and collective sources are left out: their aliases are phrases
    ("European leaders") that any article may use about someone else."""
    text = fold(records.texts.get(article_id, ""))
    quoted = {
        r["actor"]["id"]
        for r in records.statements
        if r["actor"] and any(e["article"] == article_id for e in r["evidence"])
    }
    found = []
    for actor in records.actors.values():
        if actor["id"] in quoted or actor["kind"] in ("anonymous", "collective"):
            continue
        names = [n for n in (actor["name"], *actor["aliases"]) if len(fold(n)) > 3]
        hit = next((n for n in names if _contains_words(text, fold(n))), None)
        if hit:
            found.append({"id": actor["id"], "name": actor["name"], "as": hit})
    return found


def _contains_words(text: str, phrase: str) -> bool:
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        before_ok = start == 0 or not text[start - 1].isalnum()
        after_ok = end == len(text) or not text[end].isalnum()
        if before_ok and after_ok:
            return True
        start = text.find(phrase, start + 1)
    return False


def resolve_article_pair(records: Records, first: str, second: str) -> tuple[str, str]:
    """The ids of the two articles to compare, each given by id, file name or unambiguous
    prefix; LookupFailedError when one matches nothing or several, or both name one article."""
    first, second = resolve_article(records, first), resolve_article(records, second)
    if first == second:
        raise LookupFailedError(
            f"both arguments name the article '{first}'; give two different articles"
        )
    return first, second


def diff(records: Records, first: str, second: str, filters: Filters | None = None) -> Record:
    """What two articles both report, what only one does, and where their accounts differ.
    Each article by id, file name or unambiguous prefix; LookupFailedError names the choices
    when one matches nothing or several, or when both name the same article."""
    first, second = resolve_article_pair(records, first, second)
    filters = filters or Filters()
    both: list[Record] = []
    only_a: list[Record] = []
    only_b: list[Record] = []
    conflicts: list[Record] = []
    by_id = {r["id"]: r for r in records.statements}  # perhaps only those citing A or B
    for statement_id in records.names.statements:  # file order: conflicts are listed so
        record = by_id.get(statement_id)
        if record is None:
            continue
        in_a = [e for e in record["evidence"] if e["article"] == first]
        in_b = [e for e in record["evidence"] if e["article"] == second]
        if not in_a and not in_b:
            continue
        if not filters.keep(record, records.names):
            continue
        if in_a and in_b:
            account_a = _account(records, record, in_a)
            account_b = _account(records, record, in_b)
            both.append({**record, "a": account_a, "b": account_b})
            differences = _conflicts(account_a, account_b)
            if differences:
                conflicts.append(
                    {"id": record["id"], "fields": differences, "a": account_a, "b": account_b}
                )
        elif in_a:
            only_a.append(record)
        else:
            only_b.append(record)
    return {
        "schema": SCHEMA,
        "a": records.articles[first],
        "b": records.articles[second],
        "both": sort_records(both, SortKey.DATE),
        "only_a": sort_records(only_a, SortKey.DATE),
        "only_b": sort_records(only_b, SortKey.DATE),
        "conflicts": conflicts,
        "unrecorded_mentions": {
            "a": mentioned_actors(records, first),
            "b": mentioned_actors(records, second),
        },
    }
