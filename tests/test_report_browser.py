"""The report as a person sees it: opened from disk in a real headless Chromium.

Chromium comes from the system's packages (Debian: `apt-get install chromium`), driven by
Playwright for Python pointed at that executable; Playwright never downloads a browser here.
Without Chromium or Playwright these tests are skipped, saying why. Every request the page
makes is recorded, and every test fails if one leaves file: or data:, or if the page logs an
error (a Content-Security-Policy violation is one).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import stancectl
from conftest import BUNDLED
from headless_chromium import CHROMIUM_FLAGS, chromium_executable
from report_pages import HOSTILE, bundled_document, hostile_document, write_bundled_report
from stancectl.query import Filters, who_said
from stancectl.records import fold
from stancectl.render.html import report_html


@dataclass(frozen=True)
class Browser:
    context: Any
    expect: Any


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """One headless Chromium for the whole run, with an empty profile."""
    sync_api = pytest.importorskip(
        "playwright.sync_api",
        reason="Playwright for Python is not installed (pip install -e '.[test]')",
    )
    executable = chromium_executable()
    if executable is None:
        pytest.skip("no Chromium installed: the browser tests need `apt-get install chromium`")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1100, "height": 900},
            reduced_motion="reduce",
        )
        yield Browser(context, sync_api.expect)
        context.close()


@dataclass
class Visit:
    """A page and everything it did: requests, errors, dialogs."""

    page: Any
    expect: Any
    """Playwright's `expect`: waits for a condition without evaluating strings in the page,
    which its Content-Security-Policy forbids."""
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, path: Path, fragment: str = "") -> None:
        self.page.goto(path.as_uri() + fragment)
        self.page.wait_for_selector("#status")

    def visible_rows(self) -> list[str]:
        return list(
            self.page.eval_on_selector_all(
                "table.statements tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.id)"
            )
        )

    def visible_marks(self) -> list[str]:
        return list(
            self.page.eval_on_selector_all(
                "div.timeline a.mark",
                "marks => marks.filter(m => m.checkVisibility({ visibilityProperty: true }))"
                ".map(m => m.dataset.id)",
            )
        )


@pytest.fixture
def visit(browser: Browser) -> Iterator[Visit]:
    page = browser.context.new_page()
    seen = Visit(page, browser.expect)
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on(
        "console",
        lambda message: seen.errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: seen.errors.append(str(error)))

    def dialog(opened: Any) -> None:
        seen.dialogs.append(opened.message)
        opened.dismiss()

    page.on("dialog", dialog)
    yield seen
    page.close()
    leaving = [url for url in seen.requests if not url.startswith(("file:", "data:"))]
    assert not leaving, f"requests left the page's files: {leaving}"
    assert not seen.errors, seen.errors
    assert not seen.dialogs, seen.dialogs


@pytest.fixture(scope="session")
def bundled_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_bundled_report(tmp_path_factory.mktemp("report"))


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    document, _, _ = bundled_document()
    return list(document["statements"])


def row_ids(records: list[dict[str, Any]]) -> list[str]:
    return [f"st-{r['id']}" for r in records]


def test_the_chart_has_one_mark_per_statement(visit: Visit, bundled_report: Path) -> None:
    visit.open(bundled_report)
    marks = visit.visible_marks()
    rows = visit.visible_rows()
    assert len(marks) == len(rows) == 46
    assert sorted(f"st-{m}" for m in marks) == sorted(rows)
    assert visit.page.inner_text("#status") == "Showing all 46 statements."


def test_filters_hide_and_show_the_right_rows_and_marks(
    visit: Visit, bundled_report: Path, records: list[dict[str, Any]]
) -> None:
    visit.open(bundled_report)
    page = visit.page
    full_heights = page.eval_on_selector_all(
        "div.timeline", "charts => charts.map(c => c.getBoundingClientRect().height)"
    )
    page.click("fieldset.entities button[data-none]")
    assert visit.visible_rows() == [] and visit.visible_marks() == []
    page.check("input[name=entity][value='government:poland']")
    poland = [r for r in records if (r["government"] or {}).get("id") == "poland"]
    assert sorted(visit.visible_rows()) == sorted(row_ids(poland))
    assert sorted(visit.visible_marks()) == sorted(r["id"] for r in poland)
    assert "entity=government:poland" in page.evaluate("location.hash")
    # only the Poland lane is left on the chart, right under the axis, and the chart shrank
    lanes = page.eval_on_selector_all(
        "svg.lane",
        "lanes => lanes.filter(l => l.checkVisibility()).map(l => [l.dataset.lane,"
        " l.getBoundingClientRect().top - l.parentElement.querySelector('svg.head')"
        ".getBoundingClientRect().bottom])",
    )
    assert [lane for lane, _ in lanes] == ["government:poland"]
    assert abs(lanes[0][1]) < 1
    heights = page.eval_on_selector_all(
        "div.timeline", "charts => charts.map(c => c.getBoundingClientRect().height)"
    )
    assert heights[0] < full_heights[0] / 3

    page.click("fieldset.entities button[data-all]")
    page.uncheck("input[name=stance][value='rules-out-troops']")
    kept = [r for r in records if r["stance"]["id"] != "rules-out-troops"]
    assert sorted(visit.visible_rows()) == sorted(row_ids(kept))

    page.click("#reset")
    visit.expect(page.locator("#status")).to_have_text("Showing all 46 statements.")
    page.fill("input[name=since]", "2024-03-01")
    # a vague date is kept when any day it may stand for is on or after the 1st of March
    late = [r for r in records if r["said_on"] and _last_day(r) >= "2024-03-01"]
    assert sorted(visit.visible_rows()) == sorted(row_ids(late))
    page.fill("input[name=until]", "2024-03-08")
    late_until = [r for r in late if r["said_on"] <= "2024-03-08"]
    assert sorted(visit.visible_rows()) == sorted(row_ids(late_until))
    assert "since=2024-03-01&until=2024-03-08" in page.evaluate("location.hash")


def _last_day(record: dict[str, Any]) -> str:
    from stancectl.render.chart import record_days

    days = record_days(record)
    assert days is not None
    import datetime as dt

    return dt.date.fromordinal(days[1]).isoformat()


def test_a_shared_fragment_opens_the_same_view(
    visit: Visit, bundled_report: Path, records: list[dict[str, Any]]
) -> None:
    visit.open(bundled_report, "#entity=government:poland,government:france&q=sikorski")
    page = visit.page
    assert page.is_checked("input[name=entity][value='government:poland']")
    assert not page.is_checked("input[name=entity][value='government:germany']")
    assert page.input_value("input[name=q]") == "sikorski"
    loaded = stancectl.load(BUNDLED)
    wanted = Filters(governments=frozenset({"poland", "france"}), search=fold("sikorski"))
    expected = who_said(loaded, wanted)
    assert {r["id"] for r in expected} >= {"sikorski-not-unthinkable"}
    assert sorted(visit.visible_rows()) == sorted(row_ids(expected))
    # a garbled fragment is ignored, not an error
    visit.open(bundled_report, "#entity=%E0%A4%A&since=tomorrow&q=%ZZ")
    assert visit.visible_rows() == []  # no entity matches the garbled name
    assert page.input_value("input[name=since]") == ""


@pytest.mark.parametrize("typed", ["radoslaw", "RADOSŁAW", "Radosław Sikorski", "sikorski"])
def test_search_folds_like_the_command_line(visit: Visit, bundled_report: Path, typed: str) -> None:
    visit.open(bundled_report)
    visit.page.fill("input[name=search], input[name=q]", typed)
    expected = who_said(stancectl.load(BUNDLED), Filters(search=fold(typed)))
    assert expected  # the command line finds Sikorski's statements
    assert sorted(visit.visible_rows()) == sorted(row_ids(expected))
    assert "q=" in visit.page.evaluate("location.hash")


def test_folding_in_the_page_is_the_command_lines(visit: Visit, bundled_report: Path) -> None:
    visit.open(bundled_report)
    samples = [
        "Radosław Sikorski",
        "ŁÓDŹ",
        "Ça  va\u00a0bien",
        "\u201cquoted\u201d \u2014 it\u2019s",
        "Straße",
        "ǅemal",
        "ﬁnance",
        "Ñandú…",
        "soft\u00adhyphen",
    ]
    folded = visit.page.evaluate("samples => samples.map(window.stancectlFold)", samples)
    assert folded == [fold(sample) for sample in samples]


def test_clicking_a_mark_scrolls_to_its_row(visit: Visit, bundled_report: Path) -> None:
    visit.open(bundled_report)
    page = visit.page
    page.click("a.mark[data-id='sikorski-not-unthinkable']")
    visit.expect(page.locator("#st-sikorski-not-unthinkable")).to_be_focused()
    box = page.locator("#st-sikorski-not-unthinkable").bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 900
    assert page.evaluate("location.hash") == ""  # the filters' fragment is left alone


def test_hovering_a_mark_shows_actor_stance_and_quote(visit: Visit, bundled_report: Path) -> None:
    visit.open(bundled_report)
    page = visit.page
    page.hover("a.mark[data-id='sikorski-not-unthinkable']")
    tooltip = page.locator("#tooltip")
    assert tooltip.is_visible()
    text = tooltip.inner_text()
    assert "Radosław Sikorski" in text
    assert "does not rule out" in text
    assert "The presence of NATO forces in Ukraine is not unthinkable" in text
    page.mouse.move(1, 1)
    assert not tooltip.is_visible()


def test_marks_work_from_the_keyboard(visit: Visit, bundled_report: Path) -> None:
    visit.open(bundled_report)
    page = visit.page
    page.focus("input[name=q]")
    page.keyboard.press("Tab")  # to "Show all"
    page.keyboard.press("Tab")  # to the first mark of the first chart
    focused = page.evaluate("document.activeElement.matches('a.mark')")
    assert focused
    assert page.locator("#tooltip").is_visible()  # focus shows what hover shows
    mark = page.evaluate("document.activeElement.dataset.id")
    page.keyboard.press("Enter")
    visit.expect(page.locator(f"[id='st-{mark}']")).to_be_focused()
    page.keyboard.press("Escape")
    assert not page.locator("#tooltip").is_visible()


def test_no_request_leaves_the_files(visit: Visit, bundled_report: Path) -> None:
    visit.open(bundled_report)
    page = visit.page
    page.fill("input[name=q]", "nato")
    page.hover("a.mark[data-id='sikorski-not-unthinkable']")
    page.click("fieldset.stances button[data-none]")
    page.click("#reset")
    assert visit.requests and visit.requests[0].startswith("file:")
    assert all(url.startswith(("file:", "data:")) for url in visit.requests)


def test_hostile_text_in_every_field_is_shown_as_text(visit: Visit, tmp_path: Path) -> None:
    document, context = hostile_document()
    page_file = tmp_path / "hostile.html"
    page_file.write_text(report_html(document, context), encoding="utf-8")
    visit.open(page_file)
    page = visit.page
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.scripts.length") == 2
    hostile_rows = [r for r in visit.visible_rows() if HOSTILE[:20] in r]
    assert len(hostile_rows) == 2
    shown = page.evaluate("id => document.getElementById(id).innerText", hostile_rows[0])
    assert "</script><script>window.pwned = 1</script>" in shown
    assert '<img src=x onerror="window.pwned = 2">' in shown
    assert "{{ 7 * 7 }}" in shown and "[bold]markup[/bold]" in shown
    assert "\\u202eevil" in shown  # the bidi override is a visible escape
    assert "</script><script>window.pwned = 1</script>" in page.inner_text("h2 >> nth=0")
    # the javascript: URL is not a link
    assert (
        page.evaluate("[...document.links].filter(a => a.protocol === 'javascript:').length") == 0
    )
    # hovering and clicking a mark whose id is hostile still works
    page.hover("a.mark >> nth=0")
    page.fill("input[name=q]", "pwned")
    assert sorted(visit.visible_rows()) == sorted(hostile_rows)


def test_the_page_prints_without_its_controls(visit: Visit, bundled_report: Path) -> None:
    visit.open(bundled_report)
    page = visit.page
    page.emulate_media(media="print")
    try:
        assert not page.locator("fieldset.entities").is_visible()
        assert page.locator("table.statements").first.is_visible()
        assert page.locator("div.timeline").first.is_visible()
    finally:
        page.emulate_media(media="screen")


def test_a_screenshot_of_the_bundled_report_is_not_blank(
    visit: Visit, bundled_report: Path, tmp_path: Path
) -> None:
    visit.open(bundled_report)
    shot = tmp_path / "report.png"
    visit.page.screenshot(path=str(shot))
    width, height, pixels = read_png(shot.read_bytes())
    assert (width, height) == (1100, 900)
    colours = {pixels[i : i + 3] for i in range(0, len(pixels), 3 * 7)}
    ink = sum(1 for i in range(0, len(pixels), 3) if pixels[i : i + 3] != b"\xff\xff\xff")
    assert len(colours) > 50  # text, marks in several colours, stripes
    assert ink > width * height * 0.1  # a tenth of the page is not white


def read_png(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and RGB bytes of an 8-bit RGB or RGBA PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, b"", b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks += body
        position += 12 + length
    width, height, depth, colour_type = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour_type in (2, 6)
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(chunks)
    stride = width * channels
    previous = bytearray(stride)
    out = bytearray()
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                line[i] = (line[i] + _paeth(left, up, corner)) & 0xFF
        previous = line
        for i in range(0, stride, channels):
            out += line[i : i + 3]
    return width, height, bytes(out)


def _paeth(left: int, up: int, corner: int) -> int:
    guess = left + up - corner
    to_left, to_up, to_corner = abs(guess - left), abs(guess - up), abs(guess - corner)
    if to_left <= to_up and to_left <= to_corner:
        return left
    return up if to_up <= to_corner else corner
