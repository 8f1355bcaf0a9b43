"""The choices views offer (sorting, grouping, lanes): light enums the CLI needs at start-up
without importing the data stack."""

from __future__ import annotations

from enum import StrEnum


class SortKey(StrEnum):
    DATE = "date"
    GOVERNMENT = "government"
    STANCE = "stance"
    ACTOR = "actor"


class GroupBy(StrEnum):
    GOVERNMENT = "government"
    STANCE = "stance"
    ACTOR = "actor"


class Lane(StrEnum):
    GOVERNMENT = "government"
    ACTOR = "actor"
