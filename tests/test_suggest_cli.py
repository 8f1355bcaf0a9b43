"""`stancectl suggest`: the command against the library, formats, sources, --write, pending."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO
from stancectl import writeback
from stancectl.cli import run
from stancectl.loader import load
from stancectl.suggest import build_registry, suggest_article
from stancectl.suggest.document import SCHEMA, suggest_document

NEW_ARTICLE = (
    "PRAGUE, March 1 - Czech Prime Minister Petr Fiala said on Thursday that there are no "
    "plans to send Czech troops to Ukraine.\n\n"
    "\u201cWe will keep helping Ukraine with ammunition,\u201d Fiala told reporters.\n"
)
CANDIDATE_KEYS = {
    "source", "cue", "content", "actor", "new_actor", "attribution", "said_on",
    "date_precision", "stance", "covered_by", "gap",
}  # fmt: skip


@pytest.fixture
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled data with one more article, as the working directory."""
    shutil.copy(REPO / "stances.yaml", tmp_path / "stances.yaml")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    (tmp_path / "seeds" / "prague.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    writeback.append_article(
        tmp_path / "stances.yaml",
        {"id": "fiala-prague", "file": "seeds/prague.txt", "published": dt.date(2024, 3, 1)},
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _json(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    document = json.loads(capsys.readouterr().out)
    assert isinstance(document, dict)
    return document


@pytest.mark.parametrize("engine", ["regex", "auto"])
def test_json_is_the_library_document(
    engine: str, data_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["suggest", "danilov-open-to-nato", "--format", "json", "--engine", engine]) == 0
    document = _json(capsys)
    dataset, _ = load(data_folder / "stances.yaml")
    assert dataset is not None
    article = dataset.articles["danilov-open-to-nato"]
    expected = suggest_document(
        suggest_article(
            dataset.texts[article.id],
            registry=build_registry(dataset),
            published=article.published,
            published_precision=article.published_precision.value,
            article_id=article.id,
            engine=engine,
        ),
        article_id=article.id,
        file="seeds/004_f52634b0fc8487dc.txt",
    )
    assert document == json.loads(json.dumps(expected, default=str))
    assert document["schema"] == SCHEMA == "stancectl.suggest/1"
    assert document["article"] == {
        "id": "danilov-open-to-nato",
        "file": "seeds/004_f52634b0fc8487dc.txt",
    }
    candidates = document["candidates"]
    assert isinstance(candidates, list) and candidates
    text = dataset.texts[article.id]
    for candidate in candidates:
        assert set(candidate) == CANDIDATE_KEYS
        for part in ("source", "cue", "content"):
            span = candidate[part]
            assert text[span["start"] : span["end"]] == span["text"]


def test_file_name_and_path_name_the_same_article(
    data_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = []
    for given in (
        "fiala-prague",
        "prague.txt",
        str(data_folder / "seeds" / "prague.txt"),
        "fiala",  # a prefix of its id, as the views take it
        "pra",  # a prefix of its file name
    ):
        assert run(["suggest", given, "-f", "json", "--engine", "regex"]) == 0
        outputs.append(_json(capsys))
    assert all(output == outputs[0] for output in outputs)
    first = outputs[0]["candidates"][0]
    assert first["actor"] == "fiala"
    assert first["said_on"] == "2024-02-29"  # the Thursday before Friday 1 March
    assert first["stance"] == "no-plans-for-troops"


def test_a_txt_outside_any_data_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no stances.yaml here
    article = tmp_path / "new.txt"
    article.write_text(NEW_ARTICLE, encoding="utf-8")
    code = run(
        ["suggest", str(article), "-f", "json", "--engine", "regex", "--published", "2024-03-01"]
    )
    assert code == 0
    document = _json(capsys)
    assert document["article"] == {"id": None, "file": str(article)}
    first = document["candidates"][0]
    assert first["source"]["text"] == "Czech Prime Minister Petr Fiala"
    assert first["new_actor"] == {
        "id": "petr-fiala",
        "name": "Petr Fiala",
        "kind": "person",
        "roles": [{"title": "Czech Prime Minister"}],
    }


def test_table_lists_each_candidate(data_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["suggest", "fiala-prague", "--engine", "regex"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("fiala-prague: 2 candidates (extractor: regex;")
    assert "Czech Prime Minister Petr Fiala -> fiala  said" in out
    # reported speech is the writer's words: shown bare, never in marks that make it a quotation
    assert "     there are no plans to send Czech troops to Ukraine  [" in out
    assert "\u201cthere are no plans" not in out
    assert "     \u201cWe will keep helping Ukraine with ammunition\u201d  [" in out
    assert "said 2024-02-29 (day); stance no-plans-for-troops" in out


def test_table_adds_no_quotation_marks_to_a_partly_quoted_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "moreau.txt"
    article.write_text(
        "Luc Moreau told reporters that a blanket ban \u201cwould tie the hands of our police "
        "before the Games.\u201d \u201cWe will not accept it,\u201d Moreau said.\n",
        encoding="utf-8",
    )
    assert run(["suggest", str(article), "--engine", "regex"]) == 0
    out = capsys.readouterr().out
    assert (
        "     a blanket ban \u201cwould tie the hands of our police before the Games.\u201d  ["
        in out
    )
    assert "     \u201cWe will not accept it\u201d  [" in out  # wholly quoted: between marks
    assert "\u201c\u201c" not in out and "\u201d\u201d" not in out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["suggest", "no-such-article"], "not an article id or file name in the data"),
        (["suggest", "00"], "article '00' is ambiguous: it starts danilov-open-to-nato"),
        (["suggest", "fiala-prague", "--published", "1 March"], "give a date as YYYY-MM-DD"),
        (["suggest", "page.html"], "stancectl add-article"),
    ],
)
def test_usage_errors_say_what_to_do(
    arguments: list[str], message: str, data_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(arguments) == 2
    assert message in capsys.readouterr().err


def test_spacy_without_the_extra_names_the_install_line(
    data_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from stancectl.suggest import spacy_engine

    monkeypatch.setattr(spacy_engine, "available", lambda: False)  # as if not installed
    assert run(["suggest", "fiala-prague", "--engine", "spacy"]) == 2
    assert "pip install 'stancectl[suggest]'" in capsys.readouterr().err
    assert run(["suggest", "fiala-prague"]) == 0
    captured = capsys.readouterr()
    assert "extractor: regex" in captured.out
    assert "pip install 'stancectl[suggest]'" in captured.err


def test_write_appends_pending_statements_that_check_counts_and_views_hide(
    data_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_folder / "stances.yaml"
    before = data.read_text(encoding="utf-8")
    assert run(["suggest", "fiala-prague", "--write", "--engine", "regex"]) == 0
    err = capsys.readouterr().err
    assert "wrote 1 statement marked review: pending" in err
    assert "left out: 1 no stance guessed" in err
    after = data.read_text(encoding="utf-8")
    assert after.startswith(before)  # appended; every line before it untouched
    assert (data_folder / "stances.yaml.bak").read_text(encoding="utf-8") == before
    added = yaml.safe_load(after[len(before) - len(before.lstrip()) :])["statements"][-1]
    assert added["review"] == "pending"
    assert added["actor"] == "fiala"
    assert added["evidence"] == [
        {
            "article": "fiala-prague",
            "quote": "there are no plans to send Czech troops to Ukraine",
            "attribution": "indirect",
        }
    ]

    assert run(["check"]) == 0
    assert "1 pending review" in capsys.readouterr().out
    assert run(["who-said", "--actor", "fiala", "-f", "json"]) == 0
    shown = [s["id"] for s in _json(capsys)["statements"]]
    assert added["id"] not in shown
    assert run(["who-said", "--actor", "fiala", "-f", "json", "--include-pending"]) == 0
    shown_records = _json(capsys)["statements"]
    assert [s["review"] for s in shown_records if s["id"] == added["id"]] == ["pending"]

    assert run(["who-said", "--actor", "fiala", "--include-pending"]) == 0
    assert f"[{added['id']}]  (pending review)" in capsys.readouterr().out

    assert run(["suggest", "fiala-prague", "--write", "--engine", "regex"]) == 0
    assert "nothing written" in capsys.readouterr().err  # now covered: no duplicate
    assert data.read_text(encoding="utf-8") == after


def test_write_needs_an_article_of_the_data(
    data_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loose = data_folder / "loose.txt"
    loose.write_text(NEW_ARTICLE, encoding="utf-8")
    assert run(["suggest", str(loose), "--write"]) == 2
    assert "add the article first" in capsys.readouterr().err


def test_yaml_entries_paste_into_the_data_file(
    data_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["suggest", "fiala-prague", "-f", "yaml", "--engine", "regex"]) == 0
    pasted = yaml.safe_load(capsys.readouterr().out)
    assert [s["review"] for s in pasted["statements"]] == ["pending"]
    edit = writeback.append_statements(data_folder / "stances.yaml", pasted["statements"])
    assert edit.changed  # the loader accepted the entries: an edit with errors is refused


def test_a_data_file_that_cannot_be_read_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "stances.yaml").write_text("version: [\n", encoding="utf-8")
    assert run(["suggest", "some-article"]) == 1
    assert "stances.yaml:" in capsys.readouterr().err
