"""One loaded evidence file: its fact table, where everything came from, and its model.

Kept apart from load.py (which reads, validates and checks) so that a file served from the
start-up cache (cached.py) needs neither pydantic nor the evidence models: the validated
:class:`~tierengine.evidence.model.Evidence` is built only when something asks for it
(issue 10 §2: pydantic's model machinery costs more than the rest of a warm ``assess``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from tierengine.errors import InputError, Problem
from tierengine.evidence.carry import previous_file
from tierengine.evidence.facts import FactEntry
from tierengine.evidence.yamlsource import Located
from tierengine.tiers import normalise_tier

if TYPE_CHECKING:
    from tierengine.evidence.model import Evidence


@dataclass(frozen=True)
class LoadedEvidence:
    """Validated evidence with its flat fact table and where everything came from."""

    path: str
    #: the validated model, or None when ``doc.data`` was validated earlier (a cache entry):
    #: :attr:`evidence` then validates it again on first use
    validated: "Evidence | None" = dataclasses.field(compare=False, repr=False)
    facts: dict[str, FactEntry]
    source_path: Path
    source_display: str
    doc: Located  # positions, for later located messages
    warnings: tuple[Problem, ...] = ()  # contradictions that do not reject the file (consistency.py)
    previous: "LoadedEvidence | None" = None  # the previous year's file, source of carried facts (carry.py)

    @cached_property
    def evidence(self) -> "Evidence":
        if self.validated is not None:
            return self.validated
        from tierengine.evidence.model import Evidence

        return Evidence.model_validate(self.doc.data)

    # what the pipeline reads of every file, straight from the validated data (no model needed)
    @property
    def country(self) -> str:
        return self.doc.data["country"]

    @property
    def report_year(self) -> int:
        return self.doc.data["report_year"]

    @cached_property
    def comparison(self) -> "Comparison":
        return Comparison.of(self.doc.data)


def resolve_source(path: Path, doc: Located, source: str) -> Path:
    """The source file, which must lie under the evidence file's own directory (symlinks resolved)."""
    base = Path(path).resolve().parent
    target = (base / source).resolve()
    if not target.is_relative_to(base):
        raise InputError([doc.problem(("source",), f"source '{source}' points outside the evidence directory")])
    if not target.exists():  # a FIFO or device exists: load_source refuses it by name
        raise InputError([doc.problem(("source",), f"source file '{source}' not found")])
    return target


def previous_path(path: Path, data: dict) -> Path | None:
    """Where the previous year's file is, from the file's validated data: named in
    ``history.previous_evidence`` (relative to this file; it may not exist, which loading
    reports) or ``<country>_<year-1>`` beside it."""
    named = (data.get("history") or {}).get("previous_evidence")
    return previous_file(path, data["report_year"]) if named is None else Path(path).parent / named


@dataclass(frozen=True)
class Comparison:
    """What the report itself concluded and its published tier history, as the assessment
    shows them beside the derived tier. No rule reads them (the statute's history facts are
    derived in facts.py); read from the validated data, so no model is needed."""

    tier: str | None
    determination: str | None
    increasing_efforts: bool | None  # the report's "overall increasing efforts" sentence
    tier_history: dict[int, str]
    waiver_years: tuple[int, ...]

    @classmethod
    def of(cls, data: dict) -> "Comparison":
        published = data.get("published") or {}
        history = data.get("history") or {}
        increasing = published.get("increasing_efforts") or {}
        return cls(
            tier=_tier(published.get("tier")),
            determination=published.get("determination"),
            increasing_efforts=increasing.get("value"),
            tier_history={year: _tier(t) for year, t in (history.get("tiers") or {}).items()},
            waiver_years=tuple(history.get("waivers") or ()),
        )


def _tier(text: str | None) -> str | None:
    """A tier as the model normalises it ('2WL' -> 'Tier 2 Watch List')."""
    return None if text is None else normalise_tier(text)
