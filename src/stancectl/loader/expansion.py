"""How far aliases may expand a document: in nodes (counted by the YAML reader) and in bytes of
text (counted here). A few aliases of a long string expand a document as much as millions of
aliases of short ones, so the node count alone does not bound it."""

from __future__ import annotations

from typing import Any

ALIAS_EXPANSION_ALLOWANCE = 10_000
"""Nodes a document may expand to beyond one per source character, before it counts as an
alias bomb ("billion laughs"): honest files never come close."""
ALIAS_EXPANSION_BYTES = 4_000_000
"""Bytes of text aliases may repeat beyond the document's own size."""


class TextBudget:
    """The bytes of text a document's aliases may still repeat."""

    def __init__(self, source_length: int) -> None:
        self.left = source_length + ALIAS_EXPANSION_BYTES
        self._sizes: dict[int, int] = {}

    def spend(self, value: Any) -> bool:
        """Count an alias of `value`; False once the document has repeated too much."""
        self.left -= self.size_of(value)
        return self.left >= 0

    def size_of(self, value: Any) -> int:
        """The UTF-8 size of the text in `value`, each shared object measured once (so that
        nested aliases cost their distinct objects, not their exponential expansion)."""
        known = self._sizes.get(id(value))
        if known is not None:
            return known
        if isinstance(value, str):
            size = len(value.encode("utf-8", "surrogatepass"))
        elif isinstance(value, dict):
            size = 1 + sum(self.size_of(k) + self.size_of(v) for k, v in value.items())
        elif isinstance(value, list):
            size = 1 + sum(self.size_of(item) for item in value)
        else:
            size = 1
        if isinstance(value, str | dict | list):  # they live as long as the read: ids stay
            self._sizes[id(value)] = size
        return size
