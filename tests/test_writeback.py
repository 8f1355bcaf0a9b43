"""Edits of stances.yaml: untouched bytes stay identical, text can never break the YAML, and a
refused or failed edit leaves the file as it was."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import BUNDLED, REPO, VALID
from stancectl import writeback
from stancectl.loader import load
from stancectl.writeback import (
    EditRefusedError,
    QuoteReplacement,
    WritebackError,
    with_entries_appended,
    with_quotes_replaced,
)

HOSTILE = [
    'He said "no": never',
    "'single' at the start",
    "- looks like a list item",
    "a comment # inside",
    "#starts like a comment",
    "key: value",
    "trailing colon:",
    "ends with a space ",
    " starts with a space",
    "yes",
    "No",
    "off",
    "~",
    "null",
    "1:20",
    "0x1F",
    "2024-02-27",
    "12.5",
    ".inf",
    "@handle",
    "`backtick`",
    "!tag",
    "&anchor",
    "*alias",
    "%directive",
    "? question",
    "| pipe",
    "> folded",
    "{brace}",
    "[bracket]",
    "---",
    "...",
    "<<",
    "line one\nline two",
    "ends with a line break\n",
    "\n\nstarts with blank lines",
    "two\n\nparagraphs",
    "  indented\nfirst line",
    "windows\r\nline end",
    "lone\rcarriage return",
    "next line\x85character",
    "line\u2028separator and paragraph\u2029separator",
    "byte order mark \ufeff inside",
    "bell \x07 and escape \x1b",
    "tab\tinside",
    "\u201ccurly\u201d \u2018quotes\u2019 \u00ab\u00a0guillemets\u00a0\u00bb \u2014 dash",
    "\u00e9l\u00e9ment, \u0417\u0435\u043b\u0435\u043d\u0441\u044c\u043a\u0438\u0439, \u65e5\u672c",
    "emoji \U0001f600 and astral \U00010348",
    "zero\u200bwidth and soft\u00adhyphen",
    "backslash \\ and \\n not a break",
    '"fully double quoted"',
    "x" * 5000,
]


def _data_of(text: str) -> Any:
    return yaml.safe_load(text)


@pytest.fixture
def bundled_copy(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    target = tmp_path / "stances.yaml"
    shutil.copyfile(BUNDLED, target)
    return target


def _only_insertions(before: str, after: str) -> list[str]:
    """The lines `after` adds to `before`; fails if any line of `before` changed or went."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    added: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        assert op in {"equal", "insert"}, (op, old[i1:i2], new[j1:j2])
        if op == "insert":
            added.extend(new[j1:j2])
    return added


# --- the bundled file ------------------------------------------------------------------------


def test_adding_an_article_to_the_bundled_file_keeps_every_other_byte(bundled_copy: Path) -> None:
    before = bundled_copy.read_bytes()
    entry = {
        "id": "extra",
        "file": "seeds/000_df5fe8fdcd7a19b4.txt",
        "title": 'Macron: "nothing" is ruled out # live',
        "outlet": "- The Outlet",
        "published": dt.date(2024, 2, 28),
        "url": None,
    }
    edit = writeback.append_article(bundled_copy, entry)
    after = bundled_copy.read_bytes()
    added = _only_insertions(before.decode(), after.decode())
    assert added == [
        "  - id: extra\n",
        "    file: seeds/000_df5fe8fdcd7a19b4.txt\n",
        "    title: 'Macron: \"nothing\" is ruled out # live'\n",
        "    outlet: '- The Outlet'\n",
        "    published: 2024-02-28\n",
    ]
    # byte for byte: removing the inserted block gives the original file back
    assert after.replace("".join(added).encode(), b"", 1) == before
    # the entry sits at the end of `articles:`, before the blank line and `statements:`
    assert "the URL is not in the text.\n  - id: extra\n" in edit.after
    assert "published: 2024-02-28\n\nstatements:\n" in edit.after
    dataset, report = load(bundled_copy)
    assert not report.errors
    assert dataset is not None and dataset.articles["extra"].outlet == "- The Outlet"
    assert (bundled_copy.parent / "stances.yaml.bak").read_bytes() == before


def test_statements_are_appended_in_the_file_s_own_layout(bundled_copy: Path) -> None:
    before = bundled_copy.read_text(encoding="utf-8")
    statement = {
        "id": "extra-statement",
        "topic": "western-troops",
        "stance": "sees-deterrence",
        "actor": "macron",
        "said_on": dt.date(2024, 2, 26),
        "evidence": [
            {
                "article": "ft-special-forces",
                "quote": "creating deterrence and uncertainty",
                "attribution": "indirect",
            }
        ],
    }
    writeback.append_statements(bundled_copy, [statement])
    after = bundled_copy.read_text(encoding="utf-8")
    added = _only_insertions(before, after)
    # statements in this file are separated by blank lines: so is the new one
    assert added[0] == "\n"
    assert "".join(added[1:]) == (
        "  - id: extra-statement\n"
        "    topic: western-troops\n"
        "    stance: sees-deterrence\n"
        "    actor: macron\n"
        "    said_on: 2024-02-26\n"
        "    evidence:\n"
        "      - article: ft-special-forces\n"
        "        quote: creating deterrence and uncertainty\n"
        "        attribution: indirect\n"
    )
    dataset, report = load(bundled_copy)
    assert not report.errors
    assert dataset is not None and "extra-statement" in dataset.statements


def test_replacing_a_quote_changes_that_line_only(bundled_copy: Path) -> None:
    before = bundled_copy.read_text(encoding="utf-8").splitlines(keepends=True)
    old = (
        "President Biden stated that US troops would not be sent to Ukraine before the invasion "
        "and has maintained this stance in the days following."
    )
    new = "President Biden stated that US troops would not be sent to Ukraine"
    edit = writeback.replace_quote(bundled_copy, "biden-no-us-troops-before-invasion", 1, new)
    after = bundled_copy.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(after) == len(before)
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [(f"        quote: {old}\n", f"        quote: {new}\n")]
    assert edit.diff().count("\n-  ") == 1


def test_the_bundled_file_survives_an_edit_of_every_quote_unchanged(bundled_copy: Path) -> None:
    """Writing each quote back as it is must give the very same bytes: the rendering of a
    replaced value is the value, whatever style the file wrote it in."""
    text = bundled_copy.read_text(encoding="utf-8")
    data = _data_of(text)
    replacements = [
        QuoteReplacement(statement["id"], index, evidence["quote"])
        for statement in data["statements"]
        for index, evidence in enumerate(statement["evidence"])
    ]
    assert len(replacements) > 50
    assert with_quotes_replaced(text, replacements) == text


# --- text that could break YAML --------------------------------------------------------------


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_round_trips_exactly(value: str) -> None:
    text = with_entries_appended(VALID, "articles", [{"id": "x", "file": "a.txt", "note": value}])
    for read in (_data_of, YAML(typ="safe", pure=True).load, YAML(typ="rt").load):
        assert read(text)["articles"][-1]["note"] == value
    replaced = with_quotes_replaced(VALID, [QuoteReplacement("peskov-warns", 0, value)])
    assert _data_of(replaced)["statements"][1]["evidence"][0]["quote"] == value
    assert _only_insertions(VALID, text)  # and nothing else changed


def test_hostile_text_reads_back_through_stancectl_s_loader(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text("Text.\n", encoding="utf-8")
    target = tmp_path / "stances.yaml"
    target.write_text(VALID.replace("  - id: paper\n", "  - id: paper\n"), encoding="utf-8")
    entries = [
        {"id": f"hostile-{n}", "file": "article.txt", "note": value}
        for n, value in enumerate(HOSTILE)
        if value.strip() and "\x07" not in value and "\x1b" not in value
    ]
    writeback.append_entries(target, "articles", entries)
    dataset, _ = load(target)
    assert dataset is not None
    for entry in entries:
        assert dataset.articles[entry["id"]].note == entry["note"].strip()


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1))
def test_any_text_round_trips(value: str) -> None:
    text = with_entries_appended(VALID, "articles", [{"id": "x", "file": "a.txt", "title": value}])
    assert _data_of(text)["articles"][-1]["title"] == value
    replaced = with_quotes_replaced(VALID, [QuoteReplacement("macron-not-ruled-out", 0, value)])
    assert _data_of(replaced)["statements"][0]["evidence"][0]["quote"] == value


# --- other layouts ---------------------------------------------------------------------------

COMPACT = """\
# a file in another style: lists not indented, four-space mappings
version: 1
topics:
- id: t
  question: Q?
stances:
- id: s
  label: supports
articles:
- id: a
  file: a.txt
  note:
      nested: no
statements: []   # none yet
"""


def test_another_file_s_indentation_is_followed() -> None:
    text = with_entries_appended(COMPACT, "articles", [{"id": "b", "file": "b.txt"}])
    assert _only_insertions(COMPACT, text) == ["- id: b\n", "  file: b.txt\n"]
    assert "      nested: no\n- id: b\n  file: b.txt\nstatements: []" in text


def test_an_empty_flow_list_becomes_a_block_list_keeping_its_comment() -> None:
    entry = {"id": "s1", "evidence": [{"article": "a", "quote": "q: x"}]}
    text = with_entries_appended(COMPACT, "statements", [entry])
    assert text.endswith(
        "statements:   # none yet\n- id: s1\n  evidence:\n  - article: a\n    quote: 'q: x'\n"
    )
    assert _data_of(text)["statements"] == [entry]


@pytest.mark.parametrize("empty", ["", " ~", " null", " []"])
def test_an_empty_section_is_filled(empty: str) -> None:
    source = f"version: 1\narticles:{empty}\nstatements: []\n"
    text = with_entries_appended(source, "articles", [{"id": "a", "file": "a.txt"}])
    assert text == "version: 1\narticles:\n  - id: a\n    file: a.txt\nstatements: []\n"


def test_a_missing_section_goes_before_the_next_one_and_its_comments() -> None:
    source = "version: 1\ntopics: []\n\n# the statements\nstatements: []\n"
    text = with_entries_appended(source, "articles", [{"id": "a", "file": "a.txt"}])
    assert text == (
        "version: 1\ntopics: []\n\n"
        "articles:\n  - id: a\n    file: a.txt\n\n"
        "# the statements\nstatements: []\n"
    )


def test_a_missing_last_section_goes_at_the_end() -> None:
    text = with_entries_appended("version: 1  # v\n", "statements", [{"id": "s"}])
    assert text == "version: 1  # v\n\nstatements:\n  - id: s\n"
    assert with_entries_appended("", "articles", [{"id": "a"}]) == "articles:\n  - id: a\n"


def test_crlf_and_a_byte_order_mark_are_kept() -> None:
    source = "\ufeffversion: 1\r\narticles:\r\n  - id: a  # first\r\n    file: a.txt\r\n"
    text = with_entries_appended(source, "articles", [{"id": "b", "note": "two\nlines"}])
    assert text == source + "  - id: b\r\n    note: |-\r\n      two\r\n      lines\r\n"


def test_a_flow_list_with_items_is_refused_with_a_way_out() -> None:
    source = "version: 1\narticles: [{id: a, file: a.txt}]\n"
    with pytest.raises(WritebackError, match=r":2: `articles:` is not a list written one item"):
        with_entries_appended(source, "articles", [{"id": "b"}])


def test_invalid_yaml_is_refused_with_its_position() -> None:
    message = r"<data>:4:1: not valid YAML: .* while scanning a quoted scalar that starts at line 3"
    with pytest.raises(WritebackError, match=message):
        with_entries_appended('version: 1\narticles:\n  - id: "a\n', "articles", [{"id": "b"}])


# --- replacing quotes ------------------------------------------------------------------------

QUOTES = """\
version: 1
statements:
  - id: s
    evidence:
      - article: a
        quote: 'single quoted'   # keep me
      - {article: a, quote: in a flow mapping}
      - article: a
        quote: >-
          folded over
          two lines

      - article: a
        quote: plain
"""


def test_a_quote_keeps_its_quoting_and_its_comment() -> None:
    text = with_quotes_replaced(QUOTES, [QuoteReplacement("s", 0, "it's new")])
    assert "        quote: 'it''s new'   # keep me\n" in text
    assert _only_insertions(QUOTES.replace("'single quoted'", "'it''s new'"), text) == []


def test_a_quote_in_a_flow_mapping_is_written_double_quoted() -> None:
    text = with_quotes_replaced(QUOTES, [QuoteReplacement("s", 1, "a, b: {c}\nd")])
    assert '      - {article: a, quote: "a, b: {c}\\nd"}\n' in text
    assert _data_of(text)["statements"][0]["evidence"][1]["quote"] == "a, b: {c}\nd"


def test_a_block_quote_is_replaced_and_the_blank_line_after_it_stays() -> None:
    replacements = [QuoteReplacement("s", 2, "one\ntwo"), QuoteReplacement("s", 3, "#hash")]
    text = with_quotes_replaced(QUOTES, replacements)
    assert text.endswith(
        "        quote: |-\n          one\n          two\n\n"
        "      - article: a\n        quote: '#hash'\n"
    )


@pytest.mark.parametrize(
    ("replacement", "message"),
    [
        (QuoteReplacement("nobody", 0, "x"), "no statement with id 'nobody'"),
        (QuoteReplacement("s", 4, "x"), r"statement 's' has no evidence #5 \(it has 4\)"),
        (QuoteReplacement("s", -1, "x"), "has no evidence #0"),
    ],
)
def test_a_quote_that_is_not_there_is_an_error(replacement: QuoteReplacement, message: str) -> None:
    with pytest.raises(WritebackError, match=message):
        with_quotes_replaced(QUOTES, [replacement])


# --- writing ---------------------------------------------------------------------------------


def _folder_state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        path.name: (path.read_bytes(), path.stat().st_mode)
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def test_a_dry_run_writes_nothing_and_returns_the_diff(bundled_copy: Path) -> None:
    state = _folder_state(bundled_copy.parent)
    edit = writeback.append_article(bundled_copy, {"id": "x", "file": "nowhere.txt"}, dry_run=True)
    assert _folder_state(bundled_copy.parent) == state
    assert "+  - id: x\n+    file: nowhere.txt\n" in edit.diff()
    assert edit.diff().startswith(f"--- {bundled_copy} (current)\n+++ {bundled_copy} (edited)\n")


def test_an_edit_that_adds_errors_is_refused_and_the_file_is_untouched(
    bundled_copy: Path,
) -> None:
    bundled_copy.chmod(0o640)
    state = _folder_state(bundled_copy.parent)
    with pytest.raises(EditRefusedError) as refused:
        writeback.append_article(bundled_copy, {"id": "x", "file": "seeds/missing.txt"})
    assert [p.code for p in refused.value.problems] == ["missing-file"]
    assert refused.value.problems[0].path == str(bundled_copy)
    assert "was not changed: the edit would introduce 1 error" in str(refused.value)
    assert _folder_state(bundled_copy.parent) == state  # no backup, no temporary file left


def test_errors_the_file_already_has_do_not_block_an_edit(write_data: Any) -> None:
    target = write_data(VALID.replace("said_on: 2024-02-27", "said_on: 2024-02-30"))
    assert load(target)[1].errors
    writeback.append_article(target, {"id": "second", "file": "article.txt"})
    dataset, _ = load(target)
    assert dataset is not None and "second" in dataset.articles


def test_a_failed_rename_leaves_the_file_and_no_temporary_files(
    bundled_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = _folder_state(bundled_copy.parent)
    real_replace = Path.replace

    def failing_replace(self: Path, target: Any) -> Path:
        if Path(target) == bundled_copy:
            raise PermissionError(13, "Permission denied")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", failing_replace)
    with pytest.raises(WritebackError, match=r"cannot write .*Permission denied"):
        writeback.append_article(
            bundled_copy, {"id": "x", "file": "seeds/000_df5fe8fdcd7a19b4.txt"}
        )
    after = _folder_state(bundled_copy.parent)
    after.pop("stances.yaml.bak")  # the backup of the unchanged file may already be there
    assert after == state


def test_a_file_changed_meanwhile_is_not_overwritten(
    bundled_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check = writeback._errors_added

    def edit_meanwhile(*args: Any) -> Any:
        bundled_copy.write_text("version: 1\n", encoding="utf-8")
        return check(*args)

    monkeypatch.setattr(writeback, "_errors_added", edit_meanwhile)
    with pytest.raises(WritebackError, match="changed while the edit was prepared"):
        writeback.append_article(
            bundled_copy, {"id": "x", "file": "seeds/000_df5fe8fdcd7a19b4.txt"}
        )
    assert bundled_copy.read_text(encoding="utf-8") == "version: 1\n"


def test_the_mode_is_kept_and_the_backup_holds_the_previous_file(bundled_copy: Path) -> None:
    bundled_copy.chmod(0o600)
    before = bundled_copy.read_bytes()
    writeback.append_article(bundled_copy, {"id": "x", "file": "seeds/000_df5fe8fdcd7a19b4.txt"})
    backup = bundled_copy.with_name("stances.yaml.bak")
    assert bundled_copy.stat().st_mode & 0o777 == 0o600
    assert backup.stat().st_mode & 0o777 == 0o600
    assert backup.read_bytes() == before
    writeback.append_article(bundled_copy, {"id": "y", "file": "seeds/000_df5fe8fdcd7a19b4.txt"})
    assert "id: x" in backup.read_text(encoding="utf-8")  # the backup is the latest previous file


def test_a_symlinked_data_file_is_edited_where_it_lives(tmp_path: Path, write_data: Any) -> None:
    real = write_data()
    link_folder = tmp_path / "elsewhere"
    link_folder.mkdir()
    (link_folder / "article.txt").write_bytes((tmp_path / "article.txt").read_bytes())
    link = link_folder / "stances.yaml"
    link.symlink_to(real)
    writeback.append_article(link, {"id": "second", "file": "article.txt"})
    assert link.is_symlink()
    assert "id: second" in real.read_text(encoding="utf-8")
    assert real.with_name("stances.yaml.bak").exists()
    assert sorted(p.name for p in link_folder.iterdir()) == ["article.txt", "stances.yaml"]


# --- prose and new files ---------------------------------------------------------------------


def test_a_long_note_is_folded_as_the_bundled_notes_are() -> None:
    note = " ".join(f"word{n}" for n in range(60)) + " ends  with two  spaces kept"
    text = with_entries_appended(VALID, "articles", [{"id": "x", "file": "a.txt", "note": note}])
    block = text.split("    note: ")[1]
    assert block.startswith(">-\n      word0 word1")
    assert all(len(line) <= 100 for line in block.splitlines())
    assert _data_of(text)["articles"][-1]["note"] == note


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="ab \u00e9-'", min_size=1, max_size=12), min_size=1, max_size=40))
def test_folded_notes_read_back_exactly(words: list[str]) -> None:
    note = " ".join(words)
    text = with_entries_appended(VALID, "articles", [{"id": "x", "file": "a.txt", "note": note}])
    assert _data_of(text)["articles"][-1]["note"] == note


def test_a_new_data_file_is_created_but_never_over_another(tmp_path: Path) -> None:
    target = tmp_path / "stances.yaml"
    writeback.create_data_file(target)
    assert target.read_text(encoding="utf-8") == writeback.STARTER
    assert _data_of(writeback.STARTER)["articles"] == []
    with pytest.raises(WritebackError, match="exists already"):
        writeback.create_data_file(target, "version: 1\n")
    assert target.read_text(encoding="utf-8") == writeback.STARTER
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stances.yaml"]


ALIASED = """\
version: 1
shared: &direct {attribution: direct}
articles:
  - id: a
    file: a.txt
statements:
  - id: s
    evidence:
      - <<: *direct
        article: a
        quote: old words
"""


def test_a_section_that_needs_the_rest_of_the_file_is_edited_in_the_whole_file() -> None:
    """Sections are edited (and read back) on their own for speed; one that refers to an
    anchor elsewhere cannot be read alone, and the whole file is read instead."""
    replaced = with_quotes_replaced(ALIASED, [QuoteReplacement("s", 0, "new words")])
    evidence = _data_of(replaced)["statements"][0]["evidence"][0]
    assert evidence == {"attribution": "direct", "article": "a", "quote": "new words"}
    appended = with_entries_appended(ALIASED, "statements", [{"id": "t", "evidence": []}])
    assert _data_of(appended)["statements"][1] == {"id": "t", "evidence": []}
    assert _only_insertions(ALIASED, appended) == ["  - id: t\n", "    evidence: []\n"]


def test_a_top_level_line_inside_a_flow_list_does_not_mislead() -> None:
    source = "version: 1\ntopics: [a,\nb]\narticles:\n  - id: a\n    file: a.txt\n"
    text = with_entries_appended(source, "articles", [{"id": "b", "file": "b.txt"}])
    assert text == source + "  - id: b\n    file: b.txt\n"


def _patched(before: str, diff: str) -> str:
    """`before` with a unified diff applied, as `patch` would."""
    old, out, position = before.splitlines(keepends=True), [], 0
    for line in diff.splitlines(keepends=True)[2:]:
        hunk = re.match(r"@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@", line)
        if hunk:
            start, count = int(hunk.group(1)), int(hunk.group(2) or 1)
            first = start - 1 if count else start
            out += old[position:first]
            position = first
        elif line[0] in " -":
            out += [line[1:]] if line[0] == " " else []
            position += 1
        else:
            out.append(line[1:])
    return "".join(out + old[position:])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a\n", "b\n", "  key: x\n", "- id: 1\n"]), max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.sampled_from(["", "new\n", "a\n"])), max_size=5),
)
def test_a_diff_applies_to_give_the_edited_text(lines: list[str], edits: list[Any]) -> None:
    numbered = [f"{line.rstrip()} {n}\n" if n % 3 else line for n, line in enumerate(lines)]
    changed = list(numbered)
    for position, replacement in edits:
        changed[position : position + 1] = [replacement] if replacement else []
    before, after = "".join(numbered), "".join(changed)
    diff = writeback.unified_diff(before, after, "f")
    assert _patched(before, diff) == after
    assert (diff == "") == (before == after)
