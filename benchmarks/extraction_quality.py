"""How well add-article reads saved pages: metadata fields found against those the page states,
and the stored text's word precision and recall against the article as written.

The pages are the test fixtures in tests/pages/ (each `NAME.html` or `.mhtml` with the
article's own text in `NAME.expected.txt`); the expected fields are the table in
tests/test_ingest.py. Prints a Markdown table. Needs the `ingest` extra.

    .venv/bin/python benchmarks/extraction_quality.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "pages"
sys.path.insert(0, str(ROOT / "tests"))

from stancectl.ingest import read_source  # noqa: E402 - after the path set-up above
from stancectl.ingest.metadata import FIELDS  # noqa: E402
from test_ingest import CASES  # noqa: E402


def words(text: str) -> Counter[str]:
    return Counter(text.split())


def overlap(found: Counter[str], expected: Counter[str]) -> tuple[float, float]:
    """Word precision and recall (multisets: a word stored twice counts twice)."""
    common = sum((found & expected).values())
    return common / max(sum(found.values()), 1), common / max(sum(expected.values()), 1)


def main() -> None:
    rows = []
    totals = Counter[str]()
    for case in CASES:
        result = read_source(str(PAGES / case.name))
        expected_text = (PAGES / case.name).with_suffix(".expected.txt").read_text("utf-8")
        precision, recall = overlap(words(result.text), words(expected_text))
        found = {name: f.value for name, f in result.metadata.found().items()}
        right = sum(1 for name, value in case.fields.items() if found.get(name) == value)
        invented = sum(1 for name in found if name not in case.fields)
        totals.update(
            stated=len(case.fields),
            right=right,
            invented=invented,
            stored=sum(words(result.text).values()),
            expected=sum(words(expected_text).values()),
            common=sum((words(result.text) & words(expected_text)).values()),
        )
        rows.append(
            f"| {case.name} | {result.charset} | {right}/{len(case.fields)} | {invented} "
            f"| {precision:.3f} | {recall:.3f} |"
        )
    print("| page | charset | fields right/stated | fields invented | word precision | recall |")
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))
    precision = totals["common"] / totals["stored"]
    recall = totals["common"] / totals["expected"]
    print(
        f"| all {len(CASES)} | | {totals['right']}/{totals['stated']} | {totals['invented']} "
        f"| {precision:.3f} | {recall:.3f} |"
    )
    print(f"\nFields: {', '.join(FIELDS)}; one the page does not state must be reported missing.")


if __name__ == "__main__":
    main()
