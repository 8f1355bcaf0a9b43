"""`suggest`'s answer for a person (a plain table, one candidate per block) and as YAML entries
ready to paste into stances.yaml. Everything from the article is made inert first; the JSON
document goes out through `as_json` like any other."""

from __future__ import annotations

from typing import Any

from stancectl.render.safe import inert, one_line
from stancectl.suggest.types import Span, spoken_words

CONTENT_WIDTH = 88


def render_table(document: dict[str, Any], *, engine: str) -> str:
    article = document["article"]
    name = article["id"] or article["file"]
    candidates = document["candidates"]
    count = len(candidates)
    lines = [
        f"{inert(name)}: {count} candidate{'s' if count != 1 else ''} "
        f"(extractor: {engine}; offsets into the text as stancectl reads it)",
    ]
    if not candidates:
        lines.append("No attributions found.")
    for number, candidate in enumerate(candidates, start=1):
        lines.append("")
        lines.append(f"{number:>3}. {_speaker(candidate)}  {one_line(candidate['cue']['text'])}")
        content = candidate["content"]
        words = _words(_spoken(content, candidate.get("gap")), candidate["attribution"])
        lines.append(f"     {words}  [{content['start']}:{content['end']}]")
        details = [candidate["attribution"]]
        if candidate["said_on"]:
            details.append(f"said {candidate['said_on']} ({candidate['date_precision']})")
        details.append(
            f"stance {candidate['stance']}" if candidate["stance"] else "no stance guessed"
        )
        if candidate["covered_by"]:
            details.append("covered by " + ", ".join(candidate["covered_by"]))
        lines.append("     " + "; ".join(inert(detail) for detail in details))
    return "\n".join(lines) + "\n"


def _speaker(candidate: dict[str, Any]) -> str:
    written = one_line(candidate["source"]["text"])
    if candidate["actor"]:
        return f"{written} -> {inert(candidate['actor'])}"
    new = candidate["new_actor"]
    if new:
        return f"{written} -> new {inert(new['kind'])} {inert(new['id'])}"
    return f"{written} -> ?"


def _spoken(content: dict[str, Any], gap: dict[str, Any] | None) -> str:
    """An interrupted quotation's words without the attribution inside them."""
    if gap is None:
        return str(content["text"])
    return spoken_words(Span(**content), Span(**gap))


def _words(text: str, attribution: str) -> str:
    """A direct content between quotation marks, as the speaker's own words; reported speech
    and paraphrase bare, as the writer's (any words they quote keep the article's marks)."""
    clipped = _clip(text)
    return f"\u201c{clipped}\u201d" if attribution == "direct" else clipped


def _clip(text: str) -> str:
    flat = one_line(text)
    return flat if len(flat) <= CONTENT_WIDTH else flat[: CONTENT_WIDTH - 1] + "\u2026"


def render_yaml(
    actors: list[dict[str, Any]], statements: list[dict[str, Any]], notes: list[str]
) -> str:
    """Entries to paste under `actors:` and `statements:`; what was left out, as comments."""
    parts = [f"# {one_line(note)}" for note in notes]
    if actors:
        parts.append(_dump({"actors": actors}))
    parts.append(_dump({"statements": statements}))
    return "\n".join(parts).rstrip("\n") + "\n"


def _dump(data: dict[str, Any]) -> str:
    import yaml

    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))
