"""The report: one self-contained HTML page (chart, statement table, filters) that works from disk.

Needs the `report` extra (jinja2); only the `report` command imports this module. The page makes
no network request: its style and script are inline and allowed by their hashes in a
Content-Security-Policy meta tag that allows nothing else; the data travels as JSON inside a
`<script type="application/json">` block, escaped so no text can close it. Every piece of user
text is made inert and escaped by the template engine's autoescape, and a link is only made to an
http(s) URL or to an article file by a path relative to the report.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from importlib import resources
from typing import Any
from urllib.parse import quote, urlsplit

from stancectl import __version__
from stancectl.problems import ExitCode, StancectlError
from stancectl.query.report import ArticleLink, ReportContext
from stancectl.render.chart import (
    entity_word,
    lane_of,
    record_days,
    stance_symbol,
    stance_tone,
    strongest_score,
    timeline_charts,
    topics_in,
)
from stancectl.render.fields import date_label, where_label
from stancectl.render.safe import inert, one_line

Record = dict[str, Any]

REPORT_EXTRA = "pip install 'stancectl[report]'"
"""The line that installs what the report needs."""


class MissingExtraError(StancectlError):
    """An optional dependency of a command is not installed."""

    exit_code = ExitCode.USAGE


def require_jinja() -> Any:
    """The jinja2 module; without it, the error that names the pip line that installs it."""
    try:
        import jinja2
    except ImportError as error:
        raise MissingExtraError(
            f"the report needs jinja2, which is not installed: {REPORT_EXTRA}"
        ) from error
    return jinja2


def web_url(url: str | None) -> str | None:
    """`url` if it is an http(s) address (anything else, javascript: included, is not linked)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def file_href(path: str | None) -> str | None:
    """A relative path as a link target: every character but '/' and safe ones percent-encoded,
    so a file name can never become a scheme, a query or markup."""
    return quote(path, safe="/") if path else None


def script_json(value: object) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' (escaped as \\u003c...),
    so '</script>' or '<!--' in any string cannot end or bend the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


def csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


MATCH_WORDS = {
    "exact": "\u2713 exact",
    "normalised": "\u2713 normalised",
    "elided": "\u2713 elided (omissions marked)",
    "altered": "altered: not verified",
    "missing": "missing: not verified",
}
VERIFIED_MATCHES = frozenset({"exact", "normalised", "elided"})
"""Only a quote found in its article (typography aside, or each part in order where it marks
an omission) is shown as verified."""


def _evidence_view(evidence: Record, articles: Mapping[str, ArticleLink]) -> Record:
    level = evidence["match"] or "unchecked"
    verdict = MATCH_WORDS.get(level, f"{level}: not verified")
    article = articles.get(evidence["article"], ArticleLink(file=evidence.get("file")))
    return {
        "quote": inert(" ".join(str(evidence["quote"]).split())),
        "match": level,
        "verified": level in VERIFIED_MATCHES,
        "verdict": verdict,
        "attribution": evidence["attribution"],
        "via": evidence.get("via"),
        "article": evidence["article"],
        "file": file_href(article.file),
        "url": web_url(article.url),
    }


def _statement_view(
    record: Record, by: str, strongest: int, articles: Mapping[str, ArticleLink]
) -> Record:
    actor = record["actor"]
    government = record["government"]
    evidence = [_evidence_view(e, articles) for e in record["evidence"]]
    cited: dict[str, Record] = {}
    for item in evidence:
        cited.setdefault(item["article"], item)
    change = record.get("change")
    score = record["stance"]["score"]
    return {
        "id": one_line(record["id"]),
        "date": date_label(record["said_on"], record["date_precision"]),
        "entity": government["name"] if government else "",
        "actor": actor["name"] if actor else "",
        "role": actor["role"] if actor else None,
        "stance": record["stance"]["label"],
        "symbol": stance_symbol(score),
        "tone": stance_tone(score, strongest),
        "change": change,
        "change_since": date_label(change["since"], change.get("since_precision"))
        if change
        else None,
        "evidence": evidence,
        "articles": list(cited.values()),
        "place": where_label(record),
    }


FILTER_FIELDS = ("id", "lane", "stance", "first", "last", "actor", "government", "text")
"""Each statement's filter data is a list of these, in this order (a list, not an object:
at 5,000 statements the names would add a tenth to the page)."""


def _filter_data(records: list[Record], by: str, context: ReportContext) -> Record:
    """What the page's script filters on, per statement, and the extra words search reads."""
    rows: list[list[str | None]] = []
    used: set[str] = set()
    for record in records:
        days = record_days(record)
        actor, government = record["actor"], record["government"]
        actor_key = f"actor:{actor['id']}" if actor else None
        government_key = f"government:{government['id']}" if government else None
        used.update(key for key in (actor_key, government_key) if key)
        rows.append(
            [
                one_line(record["id"]),  # as the chart and the table name it
                one_line(lane_of(record, by)[0]),
                record["stance"]["id"],
                _iso(days[0]) if days else None,
                _iso(days[1]) if days else None,
                actor_key,
                government_key,
                record["summary"] or "",
            ]
        )
    words = {key: " ".join(context.words.get(key, ())) for key in sorted(used)}
    return {"fields": list(FILTER_FIELDS), "statements": rows, "words": words}


def _iso(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()


def _choices(records: list[Record], by: str, strongest: int) -> tuple[list[Record], list[Record]]:
    """The entity and stance check boxes, in a stable order."""
    lanes: dict[str, Record] = {}
    stances: dict[str, Record] = {}
    for record in records:
        key, label, own = lane_of(record, by)
        lane = lanes.setdefault(key, {"key": key, "label": label, "own": own, "count": 0})
        lane["count"] += 1
        stance = record["stance"]
        entry = stances.setdefault(
            stance["id"],
            {
                "id": stance["id"],
                "label": stance["label"],
                "score": stance["score"],
                "symbol": stance_symbol(stance["score"]),
                "tone": stance_tone(stance["score"], strongest),
                "count": 0,
            },
        )
        entry["count"] += 1
    entity_list = sorted(lanes.values(), key=lambda e: (not e["own"], e["label"].casefold()))
    stance_list = sorted(
        stances.values(),
        key=lambda s: (s["score"] is None, s["score"] or 0, s["label"].casefold()),
    )
    return entity_list, stance_list


def _asset(name: str) -> str:
    return (resources.files("stancectl.render") / "report" / name).read_text(encoding="utf-8")


def report_html(document: Record, context: ReportContext | None = None) -> str:
    """The report page for a timeline/1 document."""
    jinja2 = require_jinja()
    context = context or ReportContext()
    records: list[Record] = document["statements"]
    by = str(document.get("by", "government"))
    strongest = strongest_score(records)
    charts = {
        chart.topic: chart
        for chart in timeline_charts(document, context.questions, standalone=False)
    }
    sections = [
        {
            "topic": topic,
            "question": context.questions.get(topic, topic),
            "chart": jinja2.utils.markupsafe.Markup(charts[topic].svg),
            "statements": [
                _statement_view(r, by, strongest, context.articles)
                for r in records
                if r["topic"] == topic
            ],
        }
        for topic in topics_in(records)
    ]
    entities, stances = _choices(records, by, strongest)
    cited = dict.fromkeys(e["article"] for r in records for e in r["evidence"])
    sources = [
        {
            "id": article,
            "title": link.title,
            "file": file_href(link.file),
            "url": web_url(link.url),
        }
        for article in sorted(cited)
        for link in [context.articles.get(article, ArticleLink())]
    ]
    style, script = _asset("report.css"), _asset("report.js")
    environment = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["inert"] = lambda value: one_line(str(value))
    template = environment.from_string(_asset("report.html.j2"))
    counts = _evidence_counts(records)
    return str(
        template.render(
            title=_title(sections),
            sections=sections,
            sources=sources,
            entities=entities,
            stances=stances,
            entity_word=entity_word(records),
            lane_word=entity_word(records) if by == "government" else "actor",
            count=len(records),
            changes=sum(1 for r in records if r.get("change")),
            evidence=counts,
            source=context.source,
            selection=context.selection,
            version=__version__,
            style=jinja2.utils.markupsafe.Markup(style),
            script=jinja2.utils.markupsafe.Markup(script),
            data=jinja2.utils.markupsafe.Markup(script_json(_filter_data(records, by, context))),
            csp=(
                "default-src 'none'; "
                f"script-src {csp_hash(script)}; style-src {csp_hash(style)}; "
                "img-src data:; base-uri 'none'; form-action 'none'"
            ),
        )
    )


def _title(sections: list[Record]) -> str:
    if len(sections) == 1:
        return str(sections[0]["question"])
    return f"Who said what, on {len(sections)} questions" if sections else "Who said what"


def _evidence_counts(records: list[Record]) -> Record:
    levels: dict[str, int] = {}
    for record in records:
        for evidence in record["evidence"]:
            level = evidence["match"] or "unchecked"
            levels[level] = levels.get(level, 0) + 1
    unverified = {level: n for level, n in levels.items() if level not in VERIFIED_MATCHES}
    return {
        "quotes": sum(levels.values()),
        "verified": sum(n for level, n in levels.items() if level in VERIFIED_MATCHES),
        "elided": levels.get("elided", 0),
        "levels": levels,
        "unverified": unverified,
    }
