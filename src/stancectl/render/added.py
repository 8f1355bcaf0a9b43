"""add-article's answer for a person: what was added (or would be), the first lines of the
text, the metadata found and where, what the page does not state, and on a dry run the change
to the data file. Plain text; everything that came from the page is made inert first."""

from __future__ import annotations

from typing import Any

from stancectl.render.safe import inert, one_line

PREVIEW_WIDTH = 96
FIELD_WIDTH = 10


def render_text(document: dict[str, Any]) -> str:
    article = document["article"]
    lines = [_headline(document), ""]
    text = document["text"]
    lines.append(
        f"Text: {text['lines']} line{'s' if text['lines'] != 1 else ''} (not counting blank "
        f"ones), {text['characters']:,} characters. It begins:"
    )
    lines += [f"  {_clip(line)}" for line in text["first_lines"]]
    if document["charset"] and document["charset_from"]:
        lines.append(f"  (read as {document['charset']}: {one_line(document['charset_from'])})")
    lines.append("")
    found = document["found"]
    if found:
        lines.append("Found in the source:")
        for name, field in found.items():
            lines.append(f"  {name:<{FIELD_WIDTH}} {_value(field['value'])}")
            lines.append(f"  {'':<{FIELD_WIDTH}} from {one_line(field['where'])}")
    missing = document["missing"]
    lines.append(f"Not stated: {', '.join(missing)}" if missing else "Not stated: nothing")
    unstored = [name for name, field in found.items() if not field["stored"]]
    if unstored:
        lines.append(
            f"Found but not stored: {', '.join(unstored)} (stances.yaml has no place for them yet)"
        )
    if document["notes"]:
        lines.append("Notes:")
        lines += [f"  {one_line(note)}" for note in document["notes"]]
    if document["errors_before"]:
        count = document["errors_before"]
        plural = "s" if count != 1 else ""
        lines.append(
            f"Note: {one_line(document['data'])} already has {count} error{plural} (not from "
            "this article); `stancectl check` lists them."
        )
    if document["dry_run"]:
        lines += ["", f"The change to {one_line(document['data'])}:", document["diff"].rstrip("\n")]
    else:
        lines += [
            "",
            f"Next: cite it as `article: {article['id']}` in a statement's evidence, with a "
            "quote copied from the text, then run `stancectl check`.",
        ]
    return inert("\n".join(lines), keep_newlines=True) + "\n"


def _headline(document: dict[str, Any]) -> str:
    article, data = document["article"], one_line(document["data"])
    where = f"its text in {one_line(document['text_path'])}"
    if document["dry_run"]:
        created = f" (a new {data})" if document["creates_data_file"] else ""
        return (
            f"Would add article '{article['id']}' to {data}{created}, {where}. "
            "Dry run: nothing written."
        )
    created = " (created)" if document["creates_data_file"] else ""
    return f"Added article '{article['id']}' to {data}{created}, {where}."


def _clip(text: str) -> str:
    line = one_line(text)
    return line if len(line) <= PREVIEW_WIDTH else line[: PREVIEW_WIDTH - 1].rstrip() + "\u2026"


def _value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(one_line(str(item)) for item in value)
    return one_line(str(value))
