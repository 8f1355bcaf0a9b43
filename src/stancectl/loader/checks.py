"""Cross-record checks: ids are unique, references name something, roles and dates agree,
article files are inside the data folder and readable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stancectl.dataset import Dataset
from stancectl.dates import date_span
from stancectl.files import path_problem, read_article, real_path, stays_inside
from stancectl.inputs import LoadOptions
from stancectl.loader.quotes import check_quotes
from stancectl.loader.schema import REFERENCE_SECTIONS, RecordT, Validator, suggest
from stancectl.loader.yaml_reader import KeyPath
from stancectl.model import (
    Actor,
    Article,
    Entity,
    Evidence,
    Stance,
    Statement,
    Topic,
)
from stancectl.problems import Report, Severity


class Checker:
    """Cross-record checks: ids, references, roles, dates and article files; then the quotes."""

    def __init__(
        self,
        dataset: Dataset,
        validator: Validator,
        sections: dict[str, list[Any]],
        options: LoadOptions,
    ) -> None:
        self.dataset = dataset
        self.validator = validator
        self.sections = sections
        self.options = options
        self.problem = validator.problem
        self.positions: dict[str, dict[str, int]] = {}
        """Section -> record id -> index of the record in that section's list."""

    def run(self) -> None:
        d = self.dataset
        learn = self.validator.learn_names
        d.topics = self._index("topics", Topic)
        d.stances = self._index("stances", Stance)
        learn("stances", {s.id: [s.label] for s in d.stances.values()})
        d.governments = self._entities()
        learn("governments", {g.id: [g.name, *g.aliases] for g in d.governments.values()})
        d.actors = self._index("actors", Actor)
        learn("actors", {a.id: [a.name, *a.aliases] for a in d.actors.values()})
        d.articles = self._index("articles", Article)
        learn("articles", {a.id: [a.title or "", Path(a.file).stem] for a in d.articles.values()})
        d.statements = self._index("statements", Statement)
        d.lines = {
            statement_id: self.validator.document.position(("statements", index))[0]
            for statement_id, index in self.positions["statements"].items()
        }
        d.invalid = dict(self.validator.invalid_count)
        self._check_stances()
        self._check_actors()
        self._read_articles()
        self._check_statements()
        if self.options.check_quotes:
            check_quotes(self.dataset, self._quote_problem)

    def _index(self, section: str, model: type[RecordT]) -> dict[str, RecordT]:
        index: dict[str, RecordT] = {}
        where: dict[str, int] = {}
        raw, self.sections[section] = self.sections[section], []  # freed once validated
        # without aliases no part of the data is shared, so each item can go once validated
        consume = not self.validator.document.aliased
        for position, record in self.validator.records(section, raw, model, consume=consume):
            record_id: str = getattr(record, "id")  # noqa: B009 - every section's model has an id
            if record_id in index:
                first = self.validator.document.position((section, where[record_id]))[0]
                self.problem(
                    (section, position, "id"),
                    "duplicate-id",
                    f"duplicate id '{record_id}' in {section} (first at line {first})",
                )
                continue
            index[record_id] = record
            where[record_id] = position
        self.positions[section] = where
        return index

    def _entities(self) -> dict[str, Entity]:
        """The entities, from `governments:` and `entities:` (one list, read from either key)."""
        entities = self._index("governments", Entity)
        for entity_id, entity in self._index("entities", Entity).items():
            if entity_id in entities:
                first = self.validator.document.position(
                    ("governments", self.positions["governments"][entity_id])
                )[0]
                self.problem(
                    ("entities", self.positions["entities"][entity_id], "id"),
                    "duplicate-id",
                    f"duplicate id '{entity_id}' in entities (first at line {first}, "
                    "in governments)",
                )
                continue
            entities[entity_id] = entity
        invalid = self.validator.invalid_ids
        invalid.setdefault("governments", set()).update(invalid.get("entities", ()))
        return entities

    def _at(self, section: str, record_id: str, *rest: str | int) -> KeyPath:
        return (section, self.positions[section][record_id], *rest)

    def _reference(
        self, path: KeyPath, value: str | None, known: dict[str, Any], what: str
    ) -> bool:
        if value is None or value in known:
            return True
        section = REFERENCE_SECTIONS.get(what, "")
        if value in self.validator.invalid_ids.get(section, ()):
            return False  # the record's own problem says what is wrong with it
        named = self.validator.id_for_name(what, value)
        if named is not None:
            self.problem(
                path,
                "name-not-id",
                f"'{value}' is a name; {what} is given by id: did you mean '{named}'?",
            )
            return False
        self.problem(path, "unknown-ref", f"unknown {what} '{value}'{suggest(value, known)}")
        return False

    def _check_stances(self) -> None:
        for stance in self.dataset.stances.values():
            for i, topic in enumerate(stance.topics):
                self._reference(
                    self._at("stances", stance.id, "topics", i), topic, self.dataset.topics, "topic"
                )

    def _check_actors(self) -> None:
        for actor in self.dataset.actors.values():
            for i, role in enumerate(actor.roles):
                at = self._at("actors", actor.id, "roles", i)
                self._reference(
                    (*at, "government"), role.government, self.dataset.governments, "government"
                )
                if role.start and role.until and role.until < role.start:
                    self.problem(
                        (*at, "until"),
                        "role-dates",
                        f"role '{role.title}' ends ({role.until}) before it begins ({role.start})",
                    )

    def _read_articles(self) -> None:
        base = self.dataset.source.parent
        cited = {e.article for s in self.dataset.statements.values() for e in s.evidence}
        cited |= self.validator.cited_by_invalid  # its own problem is said where it stands
        resolved: dict[Path, Path] = {}
        root = base.resolve()
        for article in self.dataset.articles.values():
            at = self._at("articles", article.id, "file")
            try:
                real = real_path(base, article.file, resolved)
            except (OSError, ValueError, RuntimeError) as error:  # NUL byte, loop, too long
                code, message = path_problem(error)
                self.problem(at, code, f"article '{article.id}' ({article.file}): {message}")
                continue
            if not self.options.allow_outside_files and not stays_inside(root, article.file, real):
                self.problem(
                    at,
                    "path-outside",
                    f"article file '{article.file}' {_leaves_by(base, article.file, real)}"
                    "outside the data directory; move it next to the data file, or pass "
                    "--allow-outside-files if you trust this data",
                )
                continue
            file_report = Report()
            display = self.dataset.display_path(article)
            text = read_article(
                base / article.file,
                display,
                self.options.max_article_bytes,
                file_report,
                self.dataset.fingerprints,
                real,
            )
            for found in file_report.problems:
                # the file's own problem, said where the data file names it
                inside = found.location() if (found.line, found.column) != (1, 1) else found.path
                self.problem(at, found.code, f"article '{article.id}' ({inside}): {found.message}")
            if text is not None:
                self.dataset.texts[article.id] = text
                self._check_markup(article.id, display, text)
                if not text.strip():
                    self.problem(
                        at,
                        "article-empty",
                        f"article '{article.id}' ({display}) holds no text: no quote can be "
                        "found in it; save the article's text in the file",
                        Severity.WARNING,
                    )
            if article.id not in cited:
                self.problem(
                    self._at("articles", article.id),
                    "uncited-article",
                    f"article '{article.id}' is not cited by any statement",
                    Severity.WARNING,
                )

    def _check_markup(self, article_id: str, display: str, text: str) -> None:
        from stancectl.stray_markup import markup_in

        found, count = markup_in(text)
        if not found:
            return
        first = found[0]
        shown = ", ".join(f"{m.text!r} (line {m.line})" for m in found)
        more = f" and {count - len(found)} more" if count > len(found) else ""
        self.problem(
            self._at("articles", article_id, "file"),
            "article-markup",
            f"article '{article_id}' ({display}:{first.line}:{first.column}): HTML left in the "
            f"text: {shown}{more}; save the article's text, not its HTML",
            Severity.WARNING,
        )

    def _check_statements(self) -> None:
        d = self.dataset
        for statement in d.statements.values():
            at = self._at("statements", statement.id)
            if statement.actor is None and statement.government is None:
                self.problem(
                    at, "no-speaker", "a statement needs an 'actor', a 'government', or both"
                )
            self._reference((*at, "topic"), statement.topic, d.topics, "topic")
            self._reference((*at, "actor"), statement.actor, d.actors, "actor")
            self._reference((*at, "government"), statement.government, d.governments, "government")
            if self._reference((*at, "stance"), statement.stance, d.stances, "stance"):
                self._check_stance_topic((*at, "stance"), statement.stance, statement.topic)
            self._check_role(statement, at)
            for i, evidence in enumerate(statement.evidence):
                self._check_evidence(statement, evidence, (*at, "evidence", i))

    def _check_stance_topic(self, path: KeyPath, stance_id: str, topic_id: str) -> None:
        stance = self.dataset.stances[stance_id]
        if stance.topics and topic_id not in stance.topics:
            self.problem(
                path,
                "stance-topic",
                f"stance '{stance_id}' does not apply to topic '{topic_id}' "
                f"(it applies to: {', '.join(stance.topics)})",
            )

    def _check_role(self, statement: Statement, at: KeyPath) -> None:
        actor = self.dataset.actors.get(statement.actor or "")
        if actor is None or not actor.roles or statement.said_on is None:
            return
        role = actor.role_on(statement.said_on)
        if role is None:
            self.problem(
                (*at, "actor"),
                "no-role",
                f"{actor.name} holds none of the listed roles on {statement.said_on}; "
                "add the role held then",
                Severity.WARNING,
            )
        elif statement.government and role.government and role.government != statement.government:
            self.problem(
                (*at, "government"),
                "role-government",
                f"statement is for '{statement.government}' but {actor.name} served "
                f"'{role.government}' on {statement.said_on}",
                Severity.WARNING,
            )

    def _check_evidence(self, statement: Statement, evidence: Evidence, at: KeyPath) -> None:
        d = self.dataset
        if not self._reference((*at, "article"), evidence.article, d.articles, "article"):
            return
        account = evidence.differs
        if account is not None:
            self._reference((*at, "differs", "actor"), account.actor, d.actors, "actor")
        if (
            account is not None
            and account.stance is not None
            and self._reference((*at, "differs", "stance"), account.stance, d.stances, "stance")
        ):
            self._check_stance_topic((*at, "differs", "stance"), account.stance, statement.topic)
        said_on = account.said_on if account and account.said_on else statement.said_on
        precision = (
            account.date_precision
            if account and account.date_precision
            else statement.date_precision
        )
        article = d.articles[evidence.article]
        if said_on is None or article.published is None:
            return
        earliest, _ = date_span(said_on, precision)
        _, published = date_span(article.published, article.published_precision)
        if earliest > published:
            where = (
                (*at, "differs", "said_on")
                if account and account.said_on
                else (*self._at("statements", statement.id), "said_on")
            )
            self.problem(
                where,
                "said-after-published",
                f"said on {said_on} ({precision.value}), after article "
                f"'{article.id}' reporting it was published ({article.published})",
            )

    def _quote_problem(
        self, statement_id: str, index: int, code: str, message: str, severity: Severity
    ) -> None:
        at = (*self._at("statements", statement_id), "evidence", index, "quote")
        self.problem(at, code, message, severity)


def _leaves_by(base: Path, relative: str, real: Path) -> str:
    """How an article path leaves the data folder: through a symlink (say where it leads),
    or by its own `..` or absolute path."""
    steps = Path(relative).parts
    inside = [base.joinpath(*steps[: n + 1]) for n in range(len(steps))]
    if not Path(relative).is_absolute() and any(p.is_symlink() for p in inside):
        return f"is a symlink (it leads to '{real}'), "
    return "is "
