"""The choices views offer (sorting, grouping, lanes): light enums the CLI needs at start-up
without importing the data stack."""

from __future__ import annotations

from enum import StrEnum


class SortKey(StrEnum):
    DATE = "date"
    GOVERNMENT = "government"
    ENTITY = "entity"
    STANCE = "stance"
    ACTOR = "actor"


class GroupBy(StrEnum):
    GOVERNMENT = "government"
    ENTITY = "entity"
    STANCE = "stance"
    ACTOR = "actor"


class Lane(StrEnum):
    GOVERNMENT = "government"
    ENTITY = "entity"
    ACTOR = "actor"


def record_key(choice: SortKey | GroupBy | Lane) -> str:
    """The key of a statement record a choice reads: 'entity' and 'government' both read the
    record's `government` (the entity it speaks for, whatever its kind)."""
    return "government" if choice.value == "entity" else choice.value
