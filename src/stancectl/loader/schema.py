"""Validation of each record against the model, with pydantic's errors mapped back to the YAML
node that produced them (file:line:column and key path)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from stancectl.loader.yaml_reader import Document, KeyPath, key_path
from stancectl.model import (
    SCHEMA_VERSION,
    Actor,
    Article,
    Entity,
    Stance,
    StanceFile,
    Statement,
    Topic,
)
from stancectl.naming import name_words
from stancectl.problems import Problem, Report, Severity

RecordT = TypeVar("RecordT", bound=BaseModel)


_SECTIONS: dict[str, type[BaseModel]] = {
    "topics": Topic,
    "stances": Stance,
    "governments": Entity,
    "entities": Entity,
    "actors": Actor,
    "articles": Article,
    "statements": Statement,
}


def _allowed_keys(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


REFERENCE_SECTIONS = {
    "actor": "actors",
    "government": "governments",
    "entity": "governments",
    "article": "articles",
    "stance": "stances",
    "topic": "topics",
}
"""A key that names a record by id -> the section holding those records."""


def suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


class Validator:
    """Validates each record on its own, so one bad statement does not hide the others."""

    def __init__(self, document: Document, report: Report) -> None:
        self.document = document
        self.report = report
        self.invalid_ids: dict[str, set[str]] = {}
        self.invalid_count: dict[str, int] = {}
        """Section -> how many of its records did not validate."""
        self._merged_records: set[str] | None = None
        """Key paths of the records with a merge key (`statements[3]`), once asked for."""
        self.cited_by_invalid: set[str] = set()
        """Articles a record that did not validate cites: not "uncited" for its sake."""
        """Section -> ids of its records that did not validate: their problem is said once,
        where the record is, not again wherever they are named."""
        self.names: dict[str, list[dict[str, list[str]]]] = {}
        """Section -> its records' names and aliases (id -> names), for the hint when a name
        is written where an id belongs."""
        self._name_index: dict[str, dict[tuple[str, ...], str]] = {}
        """Section -> the words of each name -> its id: made when a hint is first asked for,
        since clean data never needs it."""

    def learn_names(self, section: str, names: dict[str, list[str]]) -> None:
        """Remember the names of a section's records (id -> names), first one wins."""
        self.names.setdefault(section, []).append(names)
        self._name_index.pop(section, None)

    def id_for_name(self, key: str | int, value: str) -> str | None:
        """The id of the record a name (or alias) written under `key` stands for, if any."""
        section = REFERENCE_SECTIONS.get(str(key))
        if section is None:
            return None
        index = self._name_index.get(section)
        if index is None:
            index = self._name_index[section] = {}
            for names in self.names.get(section, []):
                for record_id, record_names in names.items():
                    for name in record_names:
                        words = name_words(name)
                        if words:
                            index.setdefault(words, record_id)
        return index.get(name_words(value))

    def problem(
        self,
        path: KeyPath,
        code: str,
        message: str,
        severity: Severity = Severity.ERROR,
        *,
        prefer_key: bool = False,
    ) -> None:
        line, column = self.document.position(path, prefer_key=prefer_key)
        self.report.add(
            Problem(self.document.display, line, column, code, severity, message, key_path(path))
        )

    def top_level(self, data: Any) -> dict[str, list[Any]] | None:
        if not isinstance(data, dict):
            self.problem(
                (),
                "schema",
                f"the file must be a mapping with the keys {', '.join(_allowed_keys(StanceFile))}",
            )
            return None
        allowed = _allowed_keys(StanceFile)
        for key in data:
            if key not in allowed:
                self.problem(
                    (key,),
                    "unknown-key",
                    f"unknown top-level key '{key}'{suggest(key, allowed)}",
                    prefer_key=True,
                )
        version = data.get("version")
        if version != SCHEMA_VERSION:
            where: KeyPath = ("version",) if "version" in data else ()
            self.problem(
                where,
                "schema-version",
                f"'version: {SCHEMA_VERSION}' is required (found {version!r}); "
                "this stancectl reads schema version 1",
            )
        sections: dict[str, list[Any]] = {}
        for name in _SECTIONS:
            value = data.get(name)
            if value is None:
                if name in ("topics", "stances"):
                    self.problem((), "schema", f"missing required section '{name}'")
                sections[name] = []
            elif not isinstance(value, list):
                self.problem(
                    (name,),
                    "schema",
                    f"'{name}' must be a list of entries, each starting with '- '",
                )
                sections[name] = []
            else:
                sections[name] = value
        return sections

    def records(
        self, section: str, items: list[Any], model: type[RecordT], *, consume: bool = False
    ) -> list[tuple[int, RecordT]]:
        """The items that validate, with their index. With `consume`, each raw item is let go
        of once validated (the caller owns the list), so the raw data and the records of a
        large section are not both held whole."""
        valid: list[tuple[int, RecordT]] = []
        for index, item in enumerate(items):
            if consume:
                items[index] = None
            try:
                valid.append((index, model.model_validate(item)))
            except ValidationError as error:
                self.invalid_count[section] = self.invalid_count.get(section, 0) + 1
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    self.invalid_ids.setdefault(section, set()).add(item["id"])
                self.cited_by_invalid.update(_cited_articles(item))
                for detail in error.errors(include_url=False):
                    self._schema_problem((section, index, *detail["loc"]), detail, model)
        return valid

    def _merged(self, record: KeyPath) -> bool:
        """Whether the record had a merge key (`<<`), refused where it stands."""
        if self._merged_records is None:  # the reader has said them all before validation
            self._merged_records = {
                found.group()
                for p in self.report.problems
                if p.code == "merge-key" and (found := _RECORD_KEY.match(p.key))
            }
        return key_path(record) in self._merged_records

    def _schema_problem(self, path: KeyPath, detail: Any, model: type[BaseModel]) -> None:
        kind = detail["type"]
        name = path[-1]
        if kind == "extra_forbidden":
            parent = _model_at(model, path[2:-1])
            hint = suggest(str(name), _allowed_keys(parent)) if parent else ""
            self.problem(path, "unknown-key", f"unknown key '{name}'{hint}", prefer_key=True)
            return
        if kind == "precision_shape":
            field = detail["ctx"]["field"]
            self.problem(
                (*path, field), "date-precision", f"{key_path((*path[2:], field))}: {detail['msg']}"
            )
            return
        if kind == "missing":
            if not self._merged(path[:2]):  # a refused merge key: its keys are not missing
                self.problem(path, "missing-key", f"missing required key '{name}'")
            return
        value = detail.get("input")
        if kind == "string_pattern_mismatch" and isinstance(value, str):
            named = self.id_for_name(name, value)
            if named is not None:
                self.problem(
                    path,
                    "name-not-id",
                    f"{key_path(path[2:])}: '{value}' is a name; {name} is given by id: "
                    f"did you mean '{named}'?",
                )
                return
        shown = (
            repr(value)
            if isinstance(value, str | int | float | bool) or value is None
            else (
                "a list"
                if isinstance(value, list)
                else "a mapping"
                if isinstance(value, dict)
                else ""
            )
        )
        got = f" (got {shown[:60]})" if shown else ""
        hint = ""
        if kind == "enum" and isinstance(value, str):  # a misspelt choice: name the closest
            hint = suggest(value, re.findall(r"'([^']*)'", detail["ctx"]["expected"]))
        self.problem(path, "schema", f"{key_path(path[2:]) or path[0]}: {detail['msg']}{got}{hint}")


_RECORD_KEY = re.compile(r"[^.\[]+\[\d+\]")
"""The record a key path is in: `statements[3]` of `statements[3].evidence[0]`."""


def _cited_articles(item: Any) -> list[str]:
    """The article ids a raw statement's evidence names, as far as they can be read."""
    evidence = item.get("evidence") if isinstance(item, dict) else None
    if not isinstance(evidence, list):
        return []
    return [
        e["article"] for e in evidence if isinstance(e, dict) and isinstance(e.get("article"), str)
    ]


def _model_at(model: type[BaseModel], path: KeyPath) -> type[BaseModel] | None:
    """The nested model class a key path inside a record points into."""
    current: type[BaseModel] = model
    for part in path:
        if isinstance(part, int):
            continue
        info = next((f for n, f in current.model_fields.items() if (f.alias or n) == part), None)
        if info is None:
            return None
        nested = _nested_model(info.annotation)
        if nested is None:
            return None
        current = nested
    return current


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _nested_model(argument)
        if found is not None:
            return found
    return None
