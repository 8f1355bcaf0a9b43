"""The report's chart and page as files: what they contain, how text is escaped, what the page
is allowed to load. What a person sees in a browser is tested in test_report_browser.py."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import itertools
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from report_pages import HOSTILE, bundled_document, generated_document, hostile_document
from stancectl.query import Filters
from stancectl.render import chart, html
from stancectl.render.html import report_html, script_json
from stancectl.render.safe import one_line

SVG = "{http://www.w3.org/2000/svg}"


def parse_svg(text: str) -> ET.Element:
    return ET.fromstring(text.removeprefix('<?xml version="1.0" encoding="UTF-8"?>\n'))


def test_the_standalone_chart_is_valid_svg_with_a_mark_per_statement() -> None:
    document, context, _ = bundled_document()
    root = parse_svg(chart.timeline_svg(document, context.questions))
    marks = root.findall(f".//{SVG}g[@class='mark']")
    assert len(marks) == document["count"] == 46
    assert sorted(m.get("data-id") or "" for m in marks) == sorted(
        r["id"] for r in document["statements"]
    )
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert "Should Western countries send ground troops to Ukraine?" in titles
    # every mark says who took which stance, and carries the quote as its tooltip
    sikorski = next(m for m in marks if m.get("data-id") == "sikorski-not-unthinkable")
    assert "Radosław Sikorski: does not rule out" in (sikorski.get("aria-label") or "")
    tooltip = sikorski.find(f"{SVG}title")
    assert tooltip is not None and "not unthinkable" in (tooltip.text or "")


def test_polands_move_is_a_marked_change_from_rules_out_to_does_not_rule_out() -> None:
    document, context, _ = bundled_document()
    charts = chart.timeline_charts(document, context.questions)
    troops = parse_svg(next(c.svg for c in charts if c.topic == "western-troops"))
    poland = troops.find(f".//{SVG}g[@data-lane='government:poland']")
    assert poland is not None
    changes = poland.findall(f".//{SVG}g[@class='change']")
    assert [c.get("data-id") for c in changes] == ["sikorski-not-unthinkable"]
    label = changes[0].find(f"{SVG}text")
    assert label is not None and label.text == "rules out troops \u2192 does not rule out"
    # the arrow runs from the 27 February mark to the 8 March one, left to right
    arrow = changes[0].find(f"{SVG}path")
    assert arrow is not None
    start, end = _path_ends(arrow.get("d") or "")
    marks = {m.get("data-id"): m for m in poland.iter(f"{SVG}g") if m.get("class") == "mark"}
    assert _centre_x(marks["poland-rules-out-troops"]) < start < end
    assert end < _centre_x(marks["sikorski-not-unthinkable"])
    # no other government changed position in the bundled data
    assert len(troops.findall(f".//{SVG}g[@class='change']")) == 1


def _path_ends(d: str) -> tuple[float, float]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return numbers[0], numbers[-2]


def _centre_x(mark: ET.Element) -> float:
    path = mark.find(f"{SVG}path")
    assert path is not None
    xs = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d") or "")][::2]
    return (min(xs) + max(xs)) / 2


def test_a_standing_position_years_earlier_cuts_the_axis_instead_of_squashing_it() -> None:
    document, _, _ = bundled_document(Filters(topics=frozenset({"western-troops"})))
    records = document["statements"]
    assert any(r["said_on"].startswith("2022") for r in records if r["said_on"])
    scale = chart.build_scale(records, chart.LABEL_WIDTH, chart.WIDTH - chart.RIGHT_MARGIN)
    assert len(scale.stretches) == 2
    late = scale.stretches[1]
    # the debate's three weeks get most of the width: over 20 px a day
    assert late.day_width > 20
    drawn = chart.timeline_charts(document)[0].svg
    assert ">2 years</text>" in drawn


def test_evenly_spread_statements_keep_a_true_scale() -> None:
    document, _, _ = bundled_document()
    records = [
        {**document["statements"][0], "said_on": f"2023-{month:02d}-15", "date_precision": "day"}
        for month in range(1, 13)
    ]
    scale = chart.build_scale(records, 0, 1000)
    assert len(scale.stretches) == 1
    january, december = dt.date(2023, 1, 15).toordinal(), dt.date(2023, 12, 15).toordinal()
    assert scale.stretches[0].first <= january < december <= scale.stretches[0].last


def test_an_uncertain_date_is_drawn_as_a_pale_range() -> None:
    document, _, _ = bundled_document()
    root = parse_svg(chart.timeline_svg(document))
    marks = {m.get("data-id"): m for m in root.iter(f"{SVG}g") if m.get("class") == "mark"}
    approximate = marks["poland-rules-out-troops"]  # ~2024-02-27: up to 3 days either side
    exact = marks["sikorski-not-unthinkable"]  # 2024-03-08
    range_bar = approximate.find(f"{SVG}rect")
    assert range_bar is not None and exact.find(f"{SVG}rect") is None
    width = float(range_bar.get("width") or 0)
    assert width > 5 * chart.MARK_SIZE  # seven days wide, several marks' width


def test_undated_statements_get_their_own_column() -> None:
    document, _, _ = bundled_document()
    undated = [r for r in document["statements"] if r["said_on"] is None]
    assert undated
    drawn = chart.timeline_svg(document)
    assert ">undated</text>" in drawn
    root = parse_svg(drawn)
    ids = {m.get("data-id") for m in root.iter(f"{SVG}g") if m.get("class") == "mark"}
    assert {r["id"] for r in undated} <= ids


def test_hostile_text_stays_text_in_the_chart() -> None:
    document, context = hostile_document()
    drawn = chart.timeline_svg(document, context.questions)
    root = parse_svg(drawn)  # still well-formed XML
    assert not root.findall(f".//{SVG}script") and not root.findall(f".//{SVG}img")
    assert "<script" not in drawn and "<img" not in drawn
    assert "\u202e" not in drawn and "\x1b" not in drawn  # shown as visible escapes
    assert "\\u202eevil" in drawn
    texts = "".join(root.itertext())
    assert "</script><script>window.pwned = 1</script>" in texts


def test_the_page_embeds_its_data_safely() -> None:
    document, context = hostile_document()
    page = report_html(document, context)
    data = page.split('<script type="application/json" id="report-data">', 1)[1]
    data = data.split("</script>", 1)[0]
    assert "<" not in data and ">" not in data and "&" not in data
    decoded = json.loads(data)
    assert any(one_line(HOSTILE) in row[0] for row in decoded["statements"])
    # exactly the page's own two script elements and no image, whatever the data says
    assert page.count("<script") == 2
    assert "<img" not in page
    assert "{{ 7 * 7 }}" in page  # shown, never evaluated


def test_script_json_cannot_close_its_script_element() -> None:
    value = {"a": "</script><!-- <script> & \u2028\u2029"}
    text = script_json(value)
    assert "</" not in text and "<!--" not in text and "&" not in text
    assert json.loads(text) == value


def test_the_policy_allows_only_the_pages_own_style_and_script() -> None:
    document, context, _ = bundled_document()
    page = report_html(document, context)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    policy_text = policy.group(1).replace("&#39;", "'")
    pairs = [part.partition(" ") for part in policy_text.split("; ")]
    directives = {name: value for name, _, value in pairs}
    assert directives["default-src"] == "'none'"
    assert directives["base-uri"] == "'none'" and directives["form-action"] == "'none'"
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    script = page.rsplit("<script>", 1)[1].split("</script>", 1)[0]
    for body, directive in ((style, "style-src"), (script, "script-src")):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert directives[directive] == f"'sha256-{digest}'"
    assert "http://" not in page.split("<main", 1)[0]  # nothing fetched by the head


def test_only_web_addresses_become_links() -> None:
    assert html.web_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert html.web_url(" HTTP://example.org ") == "HTTP://example.org"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "file:///x", ""):
        assert html.web_url(bad) is None
    assert html.file_href("seeds/000 a.txt") == "seeds/000%20a.txt"
    assert html.file_href("javascript:x.txt") == "javascript%3Ax.txt"  # never a scheme
    assert html.file_href('a"><b>.txt') == "a%22%3E%3Cb%3E.txt"


def test_article_links_are_relative_to_the_report_and_to_the_web() -> None:
    document, context, _ = bundled_document()
    page = report_html(document, context)
    assert 'href="seeds/004_f52634b0fc8487dc.txt"' in page
    assert 'href="javascript' not in page
    urls = [link.url for link in context.articles.values() if link.url]
    for url in urls:
        assert f'href="{url}"' in page


def test_quotes_not_found_in_their_article_are_never_shown_as_verified() -> None:
    document, context, _ = bundled_document()
    record = json.loads(json.dumps(document["statements"][0]))
    record["evidence"][0]["match"] = "altered"
    record["evidence"][1]["match"] = "missing"
    page = report_html({**document, "count": 1, "statements": [record]}, context)
    row = page.split(f'<tr id="st-{record["id"]}">', 1)[1].split("</tr>", 1)[0]
    assert row.count('class="unverified"') == 2
    assert "altered: not verified" in row and "missing: not verified" in row
    assert "\u2713" not in row


def test_an_elided_quote_is_shown_as_verified_with_its_omissions_said() -> None:
    document, context, _ = bundled_document()
    record = json.loads(json.dumps(document["statements"][0]))
    del record["evidence"][1:]
    record["evidence"][0]["match"] = "elided"
    page = report_html({**document, "count": 1, "statements": [record]}, context)
    row = page.split(f'<tr id="st-{record["id"]}">', 1)[1].split("</tr>", 1)[0]
    assert 'class="unverified"' not in row
    assert "\u2713 elided (omissions marked)" in row
    # the page's header counts it among the verified quotes, as the row shows it
    assert "1 of 1 quotes verified against their articles (1 with their omissions marked)." in page
    assert "shown as not verified" not in page


def test_the_header_counts_what_is_not_verified_by_level() -> None:
    document, context, _ = bundled_document()
    record = json.loads(json.dumps(document["statements"][0]))
    record["evidence"][0]["match"] = "altered"
    page = report_html({**document, "count": 1, "statements": [record]}, context)
    quotes = len(record["evidence"])
    assert (
        f"{quotes - 1} of {quotes} quotes verified against their articles "
        "(1 altered: shown as not verified)." in page
    )


def test_five_hundred_statements_make_a_page_under_one_megabyte(tmp_path: Path) -> None:
    document, context = generated_document(tmp_path, 500)
    assert document["count"] == 500
    page = report_html(document, context).encode("utf-8")
    assert len(page) < 1_000_000, len(page)


def test_without_jinja2_the_report_names_the_install_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "jinja2", None)
    document, context, _ = bundled_document()
    with pytest.raises(html.MissingExtraError) as raised:
        report_html(document, context)
    assert "pip install 'stancectl[report]'" in str(raised.value)
    assert raised.value.exit_code == 2


def test_stance_colours_in_the_style_sheet_are_the_charts() -> None:
    style = (Path(html.__file__).parent / "report" / "report.css").read_text()
    for tone, colour in chart.TONES.items():
        assert f".tone-{tone} {{ color: {colour}; }}" in style


def test_decades_of_statements_get_year_ticks_whose_labels_never_overlap() -> None:
    document, _, _ = bundled_document()
    spoken = next(r for r in document["statements"] if r["government"])
    template = {**spoken, "date_precision": "day", "change": None}
    records = [
        {**template, "id": f"s{year}", "said_on": f"{year}-06-01"} for year in range(1985, 2025)
    ]
    drawn = chart.timeline_svg({"by": "government", "statements": records})
    root = parse_svg(drawn)
    labels = [
        (float(t.get("x") or 0), t.text or "")
        for t in root.iter(f"{SVG}text")
        if (t.text or "").isdigit() and len(t.text or "") == 4
    ]
    assert len(labels) >= 10 and labels[0][1] == "1985"
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(labels)]
    assert min(gaps) >= 4 * 7  # a four-digit label's width
    assert len(root.findall(f".//{SVG}g[@class='mark']")) == 40
    # all dated to the day: the legend does not explain pale bars that are not drawn
    assert "date uncertain" not in drawn and "by 1 government," in drawn


def test_the_page_says_government_only_when_every_entity_is_one() -> None:
    document, context, _ = bundled_document()
    # the bundled data holds alliances and unions too: make every entity a government first
    governments = [
        {**r, "government": {**r["government"], "kind": "government"}} if r["government"] else r
        for r in document["statements"]
    ]
    document = {**document, "statements": governments}
    page = report_html(document, context)
    assert "<legend>Government</legend>" in page and 'scope="col">Government</th>' in page
    assert " by 15 governments," in page
    parties = [
        {**r, "government": {**r["government"], "kind": "party"}} if r["government"] else r
        for r in document["statements"]
    ]
    page = report_html({**document, "statements": parties}, context)
    assert "<legend>Entity</legend>" in page and 'scope="col">Entity</th>' in page
    assert " by 15 entities," in page
    by_actor = report_html({**document, "by": "actor"}, context)
    assert "<legend>Actor</legend>" in by_actor and 'scope="col">Government</th>' in by_actor
