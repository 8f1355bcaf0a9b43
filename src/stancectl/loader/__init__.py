"""Files -> model. Reads stances.yaml and the articles it cites, and reports every problem found,
each positioned at the YAML node that caused it.

Loading never raises for bad data: `load()` returns what could be loaded plus a `Report`.
One module per idea: `files` (reading), `yaml_reader` (positioned YAML), `yaml_split` (a large
file read on two cores), `schema` (validation and pydantic's errors mapped to positions),
`checks` (cross-record checks), `quotes`.
"""

from __future__ import annotations

from pathlib import Path

from stancectl.dataset import Dataset
from stancectl.files import read_utf8
from stancectl.inputs import Fingerprint, LoadOptions
from stancectl.loader.checks import Checker
from stancectl.loader.schema import Validator
from stancectl.loader.yaml_reader import parse_yaml
from stancectl.loader.yaml_split import read_in_two
from stancectl.problems import Report

__all__ = ["load"]


def load(path: Path | str, options: LoadOptions | None = None) -> tuple[Dataset | None, Report]:
    """Load a data file and the articles it cites. Returns the dataset (None when the file
    cannot be read as YAML at all) and every problem found."""
    options = options or LoadOptions()
    path = Path(path)
    display = str(path)
    report = Report()
    fingerprints: dict[str, Fingerprint] = {}
    raw = read_utf8(path, display, options.max_data_bytes, report, fingerprints)
    if raw is None:
        return None, report
    parsed = read_in_two(raw, display) or parse_yaml(raw, display, report)
    del raw  # the reader keeps what it needs
    if parsed is None:
        return None, report
    validator = Validator(parsed[1], report)
    sections = validator.top_level(parsed[0])
    del parsed  # the raw data: each section is let go once its records are validated
    if sections is None:
        return None, report
    dataset = Dataset(source=path, fingerprints=fingerprints)
    Checker(dataset, validator, sections, options).run()
    return dataset, report
